// Package redistest gives tests a Redis: the in-process one always, and the
// real server named by NGANTOR_TEST_REDIS_URL as well when it is set. Each
// real-server run gets its own database number and flushes it.
package redistest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

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

// leaseTTL bounds how long a crashed test process can hold a database.
const leaseTTL = 10 * time.Minute

// Real returns a connection to the real server on a database number (1–15)
// leased for t alone — go test runs packages in parallel processes, and two
// of them flushing one database would break each other — or skips t.
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
	ctx := context.Background()
	admin := c
	admin.DB = 0
	cl := admin.Client()
	owner := fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano())
	deadline := time.Now().Add(2 * time.Minute)
	for {
		for n := 1; n <= 15; n++ {
			key := fmt.Sprintf("ngantor:test:db:%d", n)
			ok, err := cl.SetNX(ctx, key, owner, leaseTTL).Result()
			if err != nil {
				cl.Close()
				t.Fatalf("lease redis db: %v", err)
			}
			if !ok {
				continue
			}
			c.DB = n
			db := c.Client()
			if err := db.FlushDB(ctx).Err(); err != nil {
				t.Fatalf("flush redis db %d: %v", n, err)
			}
			db.Close()
			t.Cleanup(func() {
				// Release only our own lease.
				if v, _ := cl.Get(ctx, key).Result(); v == owner {
					cl.Del(ctx, key)
				}
				cl.Close()
			})
			return c
		}
		if time.Now().After(deadline) {
			cl.Close()
			t.Fatal("no free redis test database (1–15) within 2 minutes")
		}
		time.Sleep(50 * time.Millisecond) // waiting on other processes' leases, not on our own work
	}
}
