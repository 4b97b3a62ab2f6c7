package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

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

func TestReadyzFailsWhenRedisIsGone(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	if status, _ := call(t, srv, http.MethodGet, "/readyz", "", nil); status != 200 {
		t.Fatalf("readyz with everything up: %d", status)
	}
	a.mem.Close()
	status, raw := call(t, srv, http.MethodGet, "/readyz", "", nil)
	if status != http.StatusServiceUnavailable || !strings.Contains(string(raw), "redis") {
		t.Fatalf("readyz without redis: %d %s", status, raw)
	}
	if status, _ := call(t, srv, http.MethodGet, "/healthz", "", nil); status != 200 {
		t.Fatalf("healthz is the process only: %d", status)
	}
}
