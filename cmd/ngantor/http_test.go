package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

func TestLoginFailuresAreLimitedWithRetryAfter(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	body, _ := json.Marshal(map[string]string{"email": "perbekel.bengkel@tabanan.test", "password": "salah-sandi-123"})
	var last *http.Response
	var problem map[string]any
	for i := 0; i < 8; i++ {
		res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		last = res
		problem = nil
		_ = json.Unmarshal(raw, &problem)
		if res.StatusCode == http.StatusTooManyRequests {
			break
		}
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d %s", i+1, res.StatusCode, raw)
		}
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("after repeated failures: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
	}
	if d, _ := problem["detail"].(string); d == "" || strings.Contains(d, "too many") {
		t.Fatalf("429 detail %q is not a Bahasa message", d)
	}
	// The right password is refused too while the account is locked.
	ok, _ := json.Marshal(map[string]string{"email": "perbekel.bengkel@tabanan.test", "password": demoPassword})
	res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(ok))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password during the lock: %d", res.StatusCode)
	}
}

func TestDocsAreSelfContained(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	res, err := http.Get(srv.URL + "/docs")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(raw), "/api/v1/desa/{kode}/surat-keluar") {
		t.Fatalf("/docs: %d, lists the operations: %v", res.StatusCode, strings.Contains(string(raw), "surat-keluar"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q lets the page load from elsewhere", csp)
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(string(raw)); m != "" {
		t.Errorf("/docs loads from another host: %s", m)
	}
	status, openapi := call(t, srv, http.MethodGet, "/openapi.json", "", nil)
	if status != 200 || !json.Valid(openapi) {
		t.Fatalf("/openapi.json: %d", status)
	}
}

// TestRedisDownKeepsTheAPIUp: with Redis gone the API stays ready and
// serves signed-in users (sessions and grants live in the database); only
// login, whose limits live in Redis, answers 503 with Retry-After.
func TestRedisDownKeepsTheAPIUp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		token := login(t, srv, "perbekel.bengkel@tabanan.test")
		a.mem.Close()

		if status, raw := call(t, srv, http.MethodGet, "/readyz", "", nil); status != 200 {
			t.Fatalf("readyz without redis: %d %s", status, raw)
		}
		body, _ := json.Marshal(map[string]string{"email": "camat.kediri@tabanan.test", "password": demoPassword})
		res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var problem map[string]any
		_ = json.Unmarshal(raw, &problem)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("login without redis: %d, Retry-After %q, %s: %s", res.StatusCode,
				res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), raw)
		}
		if detail, _ := problem["detail"].(string); !strings.Contains(detail, "tidak tersedia") {
			t.Fatalf("503 detail %q is not the Bahasa message", detail)
		}

		for _, path := range []string{"/api/v1/me", "/api/v1/desa/51.02.06.2001/perangkat"} {
			if status, raw := call(t, srv, http.MethodGet, path, token, nil); status != 200 {
				t.Fatalf("%s with a session made before the outage: %d %s", path, status, raw)
			}
		}
		if status, _ := page(t, srv, "/desa/51.02.06.2001/perangkat", token); status != 200 {
			t.Fatalf("page with a session made before the outage: %d", status)
		}
		if status, _ := call(t, srv, http.MethodGet, "/healthz", "", nil); status != 200 {
			t.Fatalf("healthz is the process only: %d", status)
		}
	})
}

// TestCLIRevokeReachesARunningServerWithoutRedis: in dev mode the CLI has no
// Redis to tell the server, which used to keep the grant until restarted.
// The server's grants version check picks the change up.
func TestCLIRevokeReachesARunningServerWithoutRedis(t *testing.T) {
	dir := t.TempDir()
	url := "sqlite://" + filepath.Join(dir, "dev.db")
	ctx := context.Background()
	d, err := db.Open(ctx, url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := migrate(ctx, d, ""); err != nil {
		t.Fatal(err)
	}
	ticks := make(chan time.Time)
	_, srv := testAppWith(t, appOptions{memoryRedis: true, db: d, authzTicks: ticks})
	tick := func() { ticks <- time.Time{}; ticks <- time.Time{} } // the second send waits for the first check
	token := login(t, srv, "perbekel.bengkel@tabanan.test")
	const path = "/api/v1/desa/51.02.06.2001/perangkat"
	if status, raw := call(t, srv, http.MethodGet, path, token, nil); status != 200 {
		t.Fatalf("before the revoke: %d %s", status, raw)
	}

	c := &cliRun{env: map[string]string{"NGANTOR_DATABASE_URL": url, "NGANTOR_DATA_DIR": dir, "NGANTOR_LOG_LEVEL": "error"}}
	if err := c.run(t, "", "user", "revoke", "--email", "perbekel.bengkel@tabanan.test", "--role", "perbekel", "--wilayah", "51.02.06.2001"); err != nil {
		t.Fatalf("revoke: %v (%s)", err, c.stderr.String())
	}
	if !strings.Contains(c.stderr.String(), "dalam 20s") {
		t.Errorf("CLI note %q does not say when the server sees it", c.stderr.String())
	}
	if status, _ := call(t, srv, http.MethodGet, path, token, nil); status != 200 {
		t.Fatalf("server heard of the revoke without its check (%d): the test would show nothing", status)
	}
	tick()
	if status, raw := call(t, srv, http.MethodGet, path, token, nil); status != http.StatusForbidden {
		t.Fatalf("after the server's grants check: %d %s, want 403", status, raw)
	}
}
