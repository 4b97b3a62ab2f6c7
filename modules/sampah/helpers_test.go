package sampah_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The setup the module's tests share: a module on a test database, test
// accounts granted by the module's own policy, the API and the pages.

// now is 5 March 2026, 10:00 WITA.
var now = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// newModule is the module on d at now with its reference data seeded;
// opts set further dependencies, in order.
func newModule(t testing.TB, d *db.DB, opts ...func(*sampah.Deps)) *sampah.Module {
	t.Helper()
	deps := sampah.Deps{DB: d, Logger: discard, Clock: func() time.Time { return now }}
	for _, f := range opts {
		f(&deps)
	}
	m := sampah.New(deps)
	if err := m.SeedReference(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

// grant is a test account's role and the wilayah it holds the role at.
type grant struct {
	role authz.Role
	kode tenancy.Kode
}

// accounts signs in a token naming one of users (the API) and grants each
// account what the module's Templates give its role, at its wilayah and
// everything inside it, as the real enforcer would. A page session's user
// id is mapped to its account name by ids.
type accounts struct {
	users map[string]grant
	title string            // before the account name in the user's name, e.g. "Nama "
	ids   map[string]string // page sessions: user id → account name
}

func (a accounts) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	if _, ok := a.users[token]; !ok {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: a.title + token}), httpserver.Identity{UserID: token}, nil
}

func (a accounts) Allowed(_ context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	name := userID
	if n, ok := a.ids[userID]; ok {
		name = n
	}
	g, ok := a.users[name]
	return ok && g.kode.Contains(target) && slices.Contains(sampah.Templates()[g.role], p), nil
}

// memAudit keeps the entries recorded through it.
type memAudit struct {
	mu   sync.Mutex
	recs []audit.Entry
}

func (a *memAudit) Append(_ context.Context, e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, e)
	return nil
}

func (a *memAudit) AppendTx(ctx context.Context, _ bun.Tx, e audit.Entry) error {
	return a.Append(ctx, e)
}

func (a *memAudit) actions() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, e := range a.recs {
		out = append(out, e.Action)
	}
	return out
}

// signer signs in API tokens and answers their permissions.
type signer interface {
	httpserver.Authenticator
	httpserver.Authorizer
}

// apiServer serves m's operations to the tokens az signs in; opts set
// further server dependencies.
func apiServer(m *sampah.Module, az signer, opts ...func(*httpserver.Deps)) *httpserver.Server {
	deps := httpserver.Deps{Logger: discard, Auth: az, Authz: az, Clock: func() time.Time { return now }}
	for _, f := range opts {
		f(&deps)
	}
	srv := httpserver.New(deps)
	m.Register(srv.V1())
	return srv
}

// apiRequest sends body, as JSON when not nil, to the /api/v1 path with
// user as the bearer token (none when user is empty).
func apiRequest(srv *httpserver.Server, method, path, user string, body any) *httptest.ResponseRecorder {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, "https://ngantor.example/api/v1"+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	rec := httptest.NewRecorder()
	srv.Mux().ServeHTTP(rec, req)
	return rec
}

// apiJSON is apiRequest with the answer decoded; an answer that is not
// JSON fails the test.
func apiJSON(t testing.TB, srv *httpserver.Server, method, path, user string, body any) (int, map[string]any) {
	t.Helper()
	rec := apiRequest(srv, method, path, user, body)
	out := map[string]any{}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, rec.Body)
		}
	}
	return rec.Code, out
}

// site serves the module's pages to real sessions (platform/auth) of its
// accounts; the page wrapper's audit entries are kept in audit.
type site struct {
	t     *testing.T
	m     *sampah.Module
	mux   *http.ServeMux
	audit *memAudit
	tok   map[string]string // account name → session token
}

// newSite signs in each of users, named title+name; opts set the module's
// further dependencies before the site's web, authorizer and audit.
func newSite(t *testing.T, d *db.DB, users map[string]grant, title string, opts ...func(*sampah.Deps)) *site {
	t.Helper()
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	a := auth.New(auth.Deps{DB: d, Redis: client, Logger: discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	az := accounts{users: users, title: title, ids: map[string]string{}}
	rec := &memAudit{}
	w := web.New(web.Deps{Auth: a, Logger: discard, Authz: az, Audit: rec,
		Wilayah: web.WilayahListerFunc(func(context.Context, string) ([]web.WilayahItem, error) { return nil, nil })})
	s := &site{t: t, audit: rec, tok: map[string]string{}}
	for name := range users {
		u, err := a.CreateUser(context.Background(), auth.NewUser{Email: name + "@desa.example", Name: title + name, Password: "sawah-subak-2026"})
		if err != nil {
			t.Fatal(err)
		}
		az.ids[u.ID] = name
		tok, _, _, err := a.Login(context.Background(), name+"@desa.example", "sawah-subak-2026", "203.0.113.7", "test")
		if err != nil {
			t.Fatal(err)
		}
		s.tok[name] = tok
	}
	s.m = newModule(t, d, append(opts, func(deps *sampah.Deps) { deps.Web, deps.Authz, deps.Audit = w, az, rec })...)
	s.mux = http.NewServeMux()
	s.m.Routes(s.mux)
	return s
}

// do asks for path as the account user (signed out when it has no
// session), posting form when not nil as a same-origin browser would.
func (s *site) do(method, path, user string, form url.Values) (*http.Response, string) {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, "https://ngantor.example"+path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		r.Header.Set("Origin", "https://ngantor.example")
	}
	if tok := s.tok[user]; tok != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// want is do that fails the test on another status; it returns the
// redirect's target and the body.
func (s *site) want(status int, method, path, user string, form url.Values) (string, string) {
	s.t.Helper()
	resp, body := s.do(method, path, user, form)
	if resp.StatusCode != status {
		s.t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, user, resp.StatusCode, status, body)
	}
	return resp.Header.Get("Location"), body
}

// page is do answering the status and, for a redirect, where it leads,
// else the body.
func (s *site) page(method, path, user string, form url.Values) (int, string) {
	s.t.Helper()
	resp, body := s.do(method, path, user, form)
	if resp.StatusCode == http.StatusSeeOther {
		return resp.StatusCode, resp.Header.Get("Location")
	}
	return resp.StatusCode, body
}

// mustContain fails the test for each part body lacks.
func mustContain(t *testing.T, what, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// desaCtx is a context working for desa kode, for store calls.
func desaCtx(kode tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: kode})
}
