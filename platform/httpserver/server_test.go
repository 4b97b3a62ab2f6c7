package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// tokenAuth accepts "tok-<user>" as the session of <user>, until the
// token is signed out.
type tokenAuth struct {
	mu        sync.Mutex
	signedOut map[string]bool
}

func (a *tokenAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	a.mu.Lock()
	out := a.signedOut[token]
	a.mu.Unlock()
	u, ok := strings.CutPrefix(token, "tok-")
	if !ok || out {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "Sesi tidak dikenal.")
	}
	return ctx, httpserver.Identity{UserID: u}, nil
}

func (a *tokenAuth) signOut(token string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.signedOut == nil {
		a.signedOut = map[string]bool{}
	}
	a.signedOut[token] = true
}

// clock is the server's fake clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// grants: user → wilayah codes where they hold every permission.
type grants map[string][]tenancy.Kode

func (g grants) Allowed(_ context.Context, user string, target tenancy.Kode, _ authz.Permission) (bool, error) {
	for _, k := range g[user] {
		if k.Contains(target) {
			return true, nil
		}
	}
	return false, nil
}

type known struct{}

func (known) Exists(_ context.Context, k tenancy.Kode) error {
	if strings.HasPrefix(string(k), "51.02") {
		return nil
	}
	return fault.New(fault.NotFound, "Wilayah %s tidak ditemukan.", k)
}

type auditSink struct {
	mu   sync.Mutex
	recs []audit.Entry
}

func (a *auditSink) Append(_ context.Context, e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, e)
	return nil
}

func (a *auditSink) AppendTx(ctx context.Context, _ bun.Tx, e audit.Entry) error {
	return a.Append(ctx, e)
}

var perm = authz.Permission{Object: "thing", Action: "write"}

type thingIn struct {
	Kode string `path:"kode"`
	Body struct {
		Name string `json:"name" minLength:"1"`
	}
}

type openIn struct {
	Body struct {
		Name string `json:"name"`
	}
}

type thingOut struct {
	Body struct {
		Name  string `json:"name"`
		Desa  string `json:"desa"`
		Count int64  `json:"count"`
	}
}

type fixture struct {
	srv     *httptest.Server
	server  *httpserver.Server
	auth    *tokenAuth
	clock   *clock
	created atomic.Int64
	writes  atomic.Int64
	// holdWrite makes the next write-thing wait in its handler, before its
	// change, until release is closed.
	holdWrite atomic.Bool
	entered   chan struct{}
	release   chan struct{}
	audit     *auditSink
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	sink := &auditSink{}
	f := newFixtureWith(t, d, sink)
	f.audit = sink
	return f
}

// newFixtureWith serves the test operations with rec as the audit log.
// write-thing changes the database through db.Tx, one job_runs row per
// run: its name "fail" makes the change fail, "crash" makes the handler
// panic after the commit, as if the process died before it could answer.
func newFixtureWith(t *testing.T, d *db.DB, rec audit.Recorder) *fixture {
	f := &fixture{auth: &tokenAuth{}, clock: &clock{now: time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)}}
	s := httpserver.New(httpserver.Deps{
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
		DB:     d, Auth: f.auth, Wilayah: known{}, Audit: rec, Clock: f.clock.Now,
		Authz: grants{"perbekel": {"51.02.06.2001"}, "camat": {"51.02.06"}},
	})
	f.server = s
	huma.Register(s.V1(), huma.Operation{
		OperationID: "write-thing", Method: http.MethodPost, Path: "/desa/{kode}/writes",
		DefaultStatus: 201, Metadata: authz.Require(perm),
	}, func(ctx context.Context, in *thingIn) (*thingOut, error) {
		if f.holdWrite.CompareAndSwap(true, false) {
			f.entered <- struct{}{}
			<-f.release
		}
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?)",
				fmt.Sprint(in.Body.Name, "#", f.writes.Add(1)), time.Now().UTC())
			if err == nil && in.Body.Name == "fail" {
				err = errors.New("the change fails")
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if in.Body.Name == "crash" {
			panic("process dies after the commit")
		}
		out := &thingOut{}
		out.Body.Name, out.Body.Count = in.Body.Name, f.created.Add(1)
		return out, nil
	})
	huma.Register(s.V1(), huma.Operation{
		OperationID: "open-thing", Method: http.MethodPost, Path: "/open-things",
		Metadata: authz.Public(),
	}, func(ctx context.Context, in *openIn) (*thingOut, error) {
		out := &thingOut{}
		out.Body.Name, out.Body.Count = "token-rahasia", f.created.Add(1)
		return out, nil
	})
	huma.Register(s.V1(), huma.Operation{
		OperationID: "create-thing", Method: http.MethodPost, Path: "/desa/{kode}/things",
		DefaultStatus: 201, Metadata: authz.Require(perm),
	}, func(ctx context.Context, in *thingIn) (*thingOut, error) {
		if f.release != nil {
			f.entered <- struct{}{}
			<-f.release
		}
		if in.Body.Name == "boom" {
			return nil, errors.New("pq: relation secret_table does not exist")
		}
		if in.Body.Name == "dup" {
			return nil, fault.New(fault.Conflict, "Nama sudah dipakai.")
		}
		t, _ := tenancy.From(ctx)
		out := &thingOut{}
		out.Body.Name, out.Body.Desa, out.Body.Count = in.Body.Name, string(t.Kode), f.created.Add(1)
		return out, nil
	})
	huma.Register(s.V1(), huma.Operation{
		OperationID: "forgotten", Method: http.MethodGet, Path: "/forgotten",
	}, func(ctx context.Context, _ *struct{}) (*struct{}, error) { return nil, nil })
	huma.Register(s.V1(), huma.Operation{
		OperationID: "open", Method: http.MethodGet, Path: "/open", Metadata: authz.Public(),
	}, func(ctx context.Context, _ *struct{}) (*struct{}, error) { return nil, nil })
	huma.Register(s.V1(), huma.Operation{
		OperationID: "upload-thing", Method: http.MethodPost, Path: "/desa/{kode}/uploads",
		MaxBodyBytes: 3 << 20, Metadata: authz.Require(perm),
	}, func(ctx context.Context, in *thingIn) (*struct{}, error) { return nil, nil })
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) do(t *testing.T, method, path, token, body string, hdr map[string]string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return res, m
}

func TestErrorsAreProblemJSONInBahasa(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	cases := []struct {
		name, token, body string
		path              string
		status            int
		detail            string
	}{
		{"no session", "", `{"name":"a"}`, "/api/v1/desa/51.02.06.2001/things", 401, "Silakan masuk"},
		{"bad session", "nope", `{"name":"a"}`, "/api/v1/desa/51.02.06.2001/things", 401, "Sesi tidak dikenal"},
		{"other desa", "tok-perbekel", `{"name":"a"}`, "/api/v1/desa/51.02.06.2002/things", 403, "tidak berwenang"},
		{"kelurahan is no desa", "tok-perbekel", `{"name":"a"}`, "/api/v1/desa/51.02.06.1001/things", 404, "tidak ditemukan"},
		{"malformed code", "tok-perbekel", `{"name":"a"}`, "/api/v1/desa/5102/things", 404, "tidak ditemukan"},
		{"unknown wilayah", "tok-perbekel", `{"name":"a"}`, "/api/v1/desa/35.23.12.2001/things", 404, "tidak ditemukan"},
		{"unknown field", "tok-perbekel", `{"name":"a","desa_id":1}`, "/api/v1/desa/51.02.06.2001/things", 422, "tidak sah"},
		{"rule broken", "tok-perbekel", `{"name":""}`, "/api/v1/desa/51.02.06.2001/things", 422, "tidak sah"},
		{"conflict", "tok-perbekel", `{"name":"dup"}`, "/api/v1/desa/51.02.06.2001/things", 409, "Nama sudah dipakai"},
		{"internal", "tok-perbekel", `{"name":"boom"}`, "/api/v1/desa/51.02.06.2001/things", 500, "kesalahan pada server"},
		{"too large", "tok-perbekel", big, "/api/v1/desa/51.02.06.2001/things", 413, "terlalu besar"},
		{"undeclared permission", "tok-perbekel", "", "/api/v1/forgotten", 403, "aturan izin"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodPost
			if tc.body == "" {
				method = http.MethodGet
			}
			res, m := f.do(t, method, tc.path, tc.token, tc.body, nil)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (%v)", res.StatusCode, tc.status, m)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content-type %q", ct)
			}
			if d, _ := m["detail"].(string); !strings.Contains(d, tc.detail) {
				t.Errorf("detail %q does not contain %q", d, tc.detail)
			}
			if res.Header.Get("X-Request-Id") == "" || m["request_id"] != res.Header.Get("X-Request-Id") {
				t.Errorf("request id header %q body %v", res.Header.Get("X-Request-Id"), m["request_id"])
			}
			raw, _ := json.Marshal(m)
			if strings.Contains(string(raw), "secret_table") {
				t.Errorf("internal error text leaked: %s", raw)
			}
		})
	}
}

func TestGuardPutsTenantInContextAndAuditsWrites(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	res, m := f.do(t, http.MethodPost, "/api/v1/desa/51.02.06.2003/things", "tok-camat", `{"name":"a"}`, nil)
	if res.StatusCode != 201 || m["desa"] != "51.02.06.2003" {
		t.Fatalf("camat create in own kecamatan: %d %v", res.StatusCode, m)
	}
	if len(f.audit.recs) != 1 || f.audit.recs[0].Actor != "camat" || f.audit.recs[0].Kode != "51.02.06.2003" || f.audit.recs[0].Action != "create-thing" {
		t.Fatalf("audit = %+v", f.audit.recs)
	}
	f.do(t, http.MethodPost, "/api/v1/desa/51.02.06.2003/things", "tok-camat", `{"name":"dup"}`, nil)
	if len(f.audit.recs) != 1 {
		t.Fatalf("a failed write was audited: %+v", f.audit.recs)
	}
	if res, _ := f.do(t, http.MethodGet, "/api/v1/open", "", "", nil); res.StatusCode != 204 {
		t.Fatalf("public op: %d", res.StatusCode)
	}
}

func TestIdempotencyKey(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		path := "/api/v1/desa/51.02.06.2001/things"
		key := map[string]string{"Idempotency-Key": "k-1"}
		r1, m1 := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"a"}`, key)
		r2, m2 := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"a"}`, key)
		if r1.StatusCode != 201 || r2.StatusCode != 201 || m1["count"] != m2["count"] || r2.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %d %v / %d %v", r1.StatusCode, m1, r2.StatusCode, m2)
		}
		if n := f.created.Load(); n != 1 {
			t.Fatalf("handler ran %d times", n)
		}
		r3, m3 := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"b"}`, key)
		if r3.StatusCode != 422 {
			t.Fatalf("same key other body: %d %v", r3.StatusCode, m3)
		}
		// Another user's same key is their own.
		if r, _ := f.do(t, http.MethodPost, "/api/v1/desa/51.02.06.2001/things", "tok-camat", `{"name":"a"}`, key); r.StatusCode != 201 || f.created.Load() != 2 {
			t.Fatalf("other user's key collided: %d", r.StatusCode)
		}
		// A server error releases the key.
		boom := map[string]string{"Idempotency-Key": "k-boom"}
		if r, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"boom"}`, boom); r.StatusCode != 500 {
			t.Fatalf("boom: %d", r.StatusCode)
		}
		if r, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"boom"}`, boom); r.Header.Get("Idempotent-Replayed") != "" {
			t.Fatal("a 500 was replayed")
		}
	})
}

func TestIdempotencyKeyWhileRunningIsConflict(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	f.entered, f.release = make(chan struct{}, 1), make(chan struct{})
	path := "/api/v1/desa/51.02.06.2001/things"
	key := map[string]string{"Idempotency-Key": "slow"}
	done := make(chan int)
	go func() {
		r, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"a"}`, key)
		done <- r.StatusCode
	}()
	<-f.entered // the first request holds the key and is inside the handler
	r, m := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"a"}`, key)
	close(f.release)
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("same key while the first runs: %d %v, want 409", r.StatusCode, m)
	}
	if s := <-done; s != 201 {
		t.Fatalf("first request: %d", s)
	}
	if n := f.created.Load(); n != 1 {
		t.Fatalf("handler ran %d times", n)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestUploadOperationsGetTheirOwnBodyLimit(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	body := func(n int) string { return `{"name":"` + strings.Repeat("x", n) + `"}` }
	cases := []struct {
		path   string
		size   int
		status int
	}{
		{"/api/v1/desa/51.02.06.2001/uploads", 2 << 20, 204},
		{"/api/v1/desa/51.02.06.2001/uploads", 4 << 20, 413},
		{"/api/v1/desa/51.02.06.2001/things", 2 << 20, 413},
	}
	for _, c := range cases {
		if res, m := f.do(t, http.MethodPost, c.path, "tok-perbekel", body(c.size), nil); res.StatusCode != c.status {
			t.Errorf("POST %s with %d bytes: %d, want %d (%v)", c.path, c.size, res.StatusCode, c.status, m["detail"])
		}
	}
}

func TestShutdownDelayFailsReadinessWhileStillServing(t *testing.T) {
	s := httpserver.New(httpserver.Deps{
		Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
		ShutdownDelay: 2 * time.Second,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ServeListener(ctx, ln, 5*time.Second) }()
	base := "http://" + ln.Addr().String()
	get := func(path string) int {
		res, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		res.Body.Close()
		return res.StatusCode
	}
	if st := get("/readyz"); st != 200 {
		t.Fatalf("readyz before shutdown: %d", st)
	}
	cancel()
	// Within the delay: not ready, but still answering.
	deadline := time.Now().Add(time.Second)
	for get("/readyz") != http.StatusServiceUnavailable {
		if time.Now().After(deadline) {
			t.Fatal("readyz never reported 503 during the shutdown delay")
		}
	}
	if st := get("/healthz"); st != 200 {
		t.Fatalf("healthz during the delay: %d", st)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop after delay + drain")
	}
}

// TestAuditEntryCommitsWithTheChange reproduces the SIGKILL defect in
// process: the handler commits its change and then never answers (it
// panics, as a killed process never answers). The entry must exist all the
// same — it was written in the change's transaction — and a request that
// changed nothing and failed leaves none.
func TestAuditEntryCommitsWithTheChange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		log := audit.New(d)
		f := newFixtureWith(t, d, log)
		path := "/api/v1/desa/51.02.06.2001/writes"
		if res, m := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"ok"}`, nil); res.StatusCode != 201 {
			t.Fatalf("write: %d %v", res.StatusCode, m)
		}
		if res, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"crash"}`, nil); res.StatusCode != 500 {
			t.Fatalf("crashing write: %d", res.StatusCode)
		}
		if res, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"fail"}`, nil); res.StatusCode != 500 {
			t.Fatalf("failing write: %d", res.StatusCode)
		}
		rep, err := log.Verify(context.Background(), "51.02.06.2001")
		if err != nil {
			t.Fatal(err)
		}
		var changes int
		if err := d.NewRaw("SELECT count(*) FROM job_runs").Scan(context.Background(), &changes); err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.Entries != 2 || changes != 2 {
			t.Fatalf("%d changes, audit %+v: want 2 changes with 2 entries in a clean chain", changes, rep)
		}
	})
}
