// Package redistest gives tests a Redis: the in-process one always, and the
// real server named by NGANTOR_TEST_REDIS_URL as well when it is set. Each
// real-server run gets its own database number and flushes it.
package redistest

import (
	"context"
	"os"
	"sync/atomic"
	"testing"

	"github.com/ngantor/ngantor/platform/redisconn"
)

// EnvRedis names a real Redis server for tests (redis://host:port).
const EnvRedis = "NGANTOR_TEST_REDIS_URL"

// Run runs body as subtest "memory", and as "redis" against the real server
// (skipped, saying why, when none is configured).
func Run(t *testing.T, body func(t *testing.T, c redisconn.Conn)) {
	t.Helper()
	t.Run("memory", func(t *testing.T) { body(t, Memory(t)) })
	t.Run("redis", func(t *testing.T) { body(t, Real(t)) })
}

// Memory starts an in-process Redis for t.
func Memory(t testing.TB) redisconn.Conn {
	t.Helper()
	m, c, err := redisconn.Memory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return c
}

var nextDB atomic.Int32

// Real returns a connection to the real server on a database of t's own
// (1–15, round robin across the process), flushed before use, or skips t.
func Real(t testing.TB) redisconn.Conn {
	t.Helper()
	raw := os.Getenv(EnvRedis)
	if raw == "" {
		t.Skip(EnvRedis + " is not set: real Redis run skipped (CI sets it)")
	}
	c, err := redisconn.Parse(raw)
	if err != nil {
		t.Fatalf("%s: %v", EnvRedis, err)
	}
	c.DB = 1 + int(nextDB.Add(1)+int32(os.Getpid()))%15
	cl := c.Client()
	defer cl.Close()
	if err := cl.FlushDB(context.Background()).Err(); err != nil {
		t.Fatalf("flush redis db %d: %v", c.DB, err)
	}
	return c
}
