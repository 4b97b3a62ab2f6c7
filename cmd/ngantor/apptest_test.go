package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/db"
)

// testApp wires the real app on d (migrated, runtime role on PostgreSQL),
// seeds Tabanan and the demo data, and serves it on a test server.
func testApp(t *testing.T, d *db.DB) (*app, *httptest.Server) {
	t.Helper()
	return testAppWith(t, appOptions{memoryRedis: true, db: d})
}

// testAppWith is testApp with options (opt.db is required).
func testAppWith(t *testing.T, opt appOptions) (*app, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	dataDir := t.TempDir()
	seeded := fillFromTemplate(t, opt.db, dataDir) // SQLite: rows and files of the seeded template
	env := map[string]string{"NGANTOR_DATA_DIR": dataDir, "NGANTOR_LOG_LEVEL": "error"}
	cfg, err := config.Load(func(k string) string { return env[k] }, false)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(ctx, cfg, log, opt)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	t.Cleanup(a.Close)
	if !seeded {
		if err := seedAll(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(a.http.Handler())
	t.Cleanup(srv.Close)
	return a, srv
}

// login returns a demo account's bearer token.
func login(t *testing.T, srv *httptest.Server, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": demoPassword})
	res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if res.StatusCode != 200 || json.NewDecoder(res.Body).Decode(&out) != nil || out.Token == "" {
		t.Fatalf("login %s: status %d", email, res.StatusCode)
	}
	return out.Token
}

// call sends one request and returns status and body.
func call(t *testing.T, srv *httptest.Server, method, path, token string, body []byte) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// fill substitutes path parameters: {kode}, {tahun} (matrixTahun) and
// every other {param}.
func fill(path, kode string, other string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], '}') + i
		b.WriteString(path[:i])
		if path[i+1:j] == "kode" {
			b.WriteString(kode)
		} else if path[i+1:j] == "tahun" {
			b.WriteString(matrixTahun) // a fiscal year, never an id
		} else {
			b.WriteString(other)
		}
		path = path[j+1:]
	}
}

// page fetches a web page with the session cookie of token.
func page(t *testing.T, srv *httptest.Server, path, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: token})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}
