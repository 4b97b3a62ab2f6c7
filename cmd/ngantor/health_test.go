package main

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/redisconn"
)

// TestServeProfilesOnTheHealthAddressOnly runs `serve` as production does
// and asks both of its ports for the profiler: the public one must not know
// it, the health one (loopback by default) must.
func TestServeProfilesOnTheHealthAddressOnly(t *testing.T) {
	dir := t.TempDir()
	mem, _, err := redisconn.Memory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mem.Close)
	public, health := sdFreeAddr(t), sdFreeAddr(t)
	vars := map[string]string{
		"NGANTOR_DATABASE_URL": "sqlite://" + filepath.Join(dir, "ngantor.db"),
		"NGANTOR_REDIS_URL":    "redis://" + mem.Addr(),
		"NGANTOR_HTTP_ADDR":    public,
		"NGANTOR_HEALTH_ADDR":  health,
		"NGANTOR_DATA_DIR":     dir,
		"NGANTOR_LOG_LEVEL":    "error",
		"NGANTOR_SECRET_KEY":   testSecretKey,
	}
	c := &cliRun{env: vars}
	if err := c.run(t, "", "migrate", "up"); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		e := &environment{getenv: func(k string) string { return vars[k] }, stdin: strings.NewReader(""), stdout: &c.stdout, stderr: &c.stderr}
		done <- run(ctx, e, []string{"serve"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})

	get := func(addr, path string) int {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			res, err := http.Get("http://" + addr + path)
			if err == nil {
				res.Body.Close()
				return res.StatusCode
			}
			select {
			case err := <-done:
				t.Fatalf("serve stopped: %v", err)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("GET %s%s: %v", addr, path, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if status := get(public, "/healthz"); status != http.StatusOK {
		t.Fatalf("public /healthz: %d", status)
	}
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline"} {
		if status := get(public, path); status != http.StatusNotFound {
			t.Errorf("public port %s: %d, want 404", path, status)
		}
	}
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline", "/healthz", "/readyz", "/metrics"} {
		if status := get(health, path); status != http.StatusOK {
			t.Errorf("health address %s: %d, want 200", path, status)
		}
	}
}
