// Package webtest is the setup a module's tests share: test accounts
// granted by the module's own policy, an in-memory audit recorder, the
// module's API on a real httpserver and its pages behind real sessions
// (platform/auth on the test database).
//
// It is imported only by _test files; it holds no rules of its own.
package webtest

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

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

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

// Discard is a logger that writes nothing.
var Discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// Password is every test account's password.
const Password = "sawah-subak-2026"

// Grant is a test account's role, the wilayah it holds the role at and,
// for an opd account, its OPD code (auth.User.OPD).
type Grant struct {
	Role authz.Role
	Kode tenancy.Kode
	OPD  string
}

// Accounts signs in API tokens naming one of Users and grants each account
// what Templates give its role, at its wilayah and everything inside it,
// as the real enforcer would. Page sessions' user ids map to account names.
type Accounts struct {
	Users     map[string]Grant
	Templates map[authz.Role][]authz.Permission
	Title     string // before the account name in the user's name, e.g. "Nama "

	mu  sync.Mutex
	ids map[string]string // page sessions: user id → account name
}

// Authenticate takes the account name as the bearer token.
func (a *Accounts) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	g, ok := a.Users[token]
	if !ok {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: a.Title + token, OPD: g.OPD}), httpserver.Identity{UserID: token}, nil
}

// Name is the account name of a user id (a page session's or a token).
func (a *Accounts) Name(userID string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if n, ok := a.ids[userID]; ok {
		return n
	}
	return userID
}

// ID is the user id of a page session's account name ("" before NewSite
// signed it in).
func (a *Accounts) ID(name string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	for id, n := range a.ids {
		if n == name {
			return id
		}
	}
	return ""
}

func (a *Accounts) setID(id, name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ids == nil {
		a.ids = map[string]string{}
	}
	a.ids[id] = name
}

// Allowed answers by the account's role template at its wilayah.
func (a *Accounts) Allowed(_ context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	g, ok := a.Users[a.Name(userID)]
	return ok && g.Kode.Contains(target) && slices.Contains(a.Templates[g.Role], p), nil
}

// Audit keeps the entries recorded through it.
type Audit struct {
	mu   sync.Mutex
	recs []audit.Entry
}

// Append records e.
func (a *Audit) Append(_ context.Context, e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, e)
	return nil
}

// AppendTx records e (the transaction is not consulted).
func (a *Audit) AppendTx(ctx context.Context, _ bun.Tx, e audit.Entry) error { return a.Append(ctx, e) }

// Entries are the entries recorded so far.
func (a *Audit) Entries() []audit.Entry {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.recs)
}

// Actions are the recorded entries' actions, in order.
func (a *Audit) Actions() []string {
	var out []string
	for _, e := range a.Entries() {
		out = append(out, e.Action)
	}
	return out
}

// Signer signs in API tokens and answers their permissions (Accounts, or a
// test's own).
type Signer interface {
	httpserver.Authenticator
	httpserver.Authorizer
}

// API is a module's operations on a real httpserver.
type API struct {
	Server *httpserver.Server
}

// NewAPI serves the operations register adds to the tokens az signs in at
// clock's time; opts set further server dependencies.
func NewAPI(register func(huma.API), az Signer, clock func() time.Time, opts ...func(*httpserver.Deps)) *API {
	deps := httpserver.Deps{Logger: Discard, Auth: az, Authz: az, Clock: clock}
	for _, f := range opts {
		f(&deps)
	}
	srv := httpserver.New(deps)
	register(srv.V1())
	return &API{Server: srv}
}

// Do sends body, as JSON when not nil, to the /api/v1 path with user as
// the bearer token (none when user is empty).
func (a *API) Do(method, path, user string, body any) *httptest.ResponseRecorder {
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
	a.Server.Mux().ServeHTTP(rec, req)
	return rec
}

// JSON is Do with the answer decoded; an answer that is not JSON fails
// the test.
func (a *API) JSON(t testing.TB, method, path, user string, body any) (int, map[string]any) {
	t.Helper()
	rec := a.Do(method, path, user, body)
	out := map[string]any{}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, rec.Body)
		}
	}
	return rec.Code, out
}

// Site serves a module's pages to real sessions (platform/auth) of its
// accounts; the page wrapper's audit entries are kept in Audit.
type Site struct {
	T        testing.TB
	Mux      *http.ServeMux
	Web      *web.Web
	Accounts *Accounts
	Audit    *Audit
	tok      map[string]string // account name → session token
}

// NewSite signs in each of az's users (email <name>@desa.example, name
// Title+name, their OPD) and builds the site's web; call Routes after the
// module is built with Web, Accounts and Audit. opts set further web
// dependencies (e.g. Notifikasi for the header badge).
func NewSite(t testing.TB, d *db.DB, az *Accounts, opts ...func(*web.Deps)) *Site {
	t.Helper()
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	a := auth.New(auth.Deps{DB: d, Redis: client, Logger: Discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	rec := &Audit{}
	deps := web.Deps{Auth: a, Logger: Discard, Authz: az, Audit: rec,
		Wilayah: web.WilayahListerFunc(func(context.Context, string) ([]web.WilayahItem, error) { return nil, nil })}
	for _, f := range opts {
		f(&deps)
	}
	w := web.New(deps)
	s := &Site{T: t, Web: w, Accounts: az, Audit: rec, Mux: http.NewServeMux(), tok: map[string]string{}}
	for name, g := range az.Users {
		u, err := a.CreateUser(context.Background(), auth.NewUser{Email: name + "@desa.example", Name: az.Title + name, OPD: g.OPD, Password: Password})
		if err != nil {
			t.Fatal(err)
		}
		az.setID(u.ID, name)
		tok, _, _, err := a.Login(context.Background(), name+"@desa.example", Password, "203.0.113.7", "test")
		if err != nil {
			t.Fatal(err)
		}
		s.tok[name] = tok
	}
	return s
}

// Do asks for path as the account user (signed out when it has no
// session), posting form when not nil as a same-origin browser would.
func (s *Site) Do(method, path, user string, form url.Values) (*http.Response, string) {
	s.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	return s.DoBody(method, path, user, "application/x-www-form-urlencoded", body, form != nil)
}

// DoBody is Do with a body of its own type (a multipart upload).
func (s *Site) DoBody(method, path, user, contentType string, body io.Reader, hasBody bool) (*http.Response, string) {
	s.T.Helper()
	r := httptest.NewRequest(method, "https://ngantor.example"+path, body)
	if hasBody {
		r.Header.Set("Content-Type", contentType)
	}
	if method == http.MethodPost {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		r.Header.Set("Origin", "https://ngantor.example")
	}
	if tok := s.tok[user]; tok != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
	}
	rec := httptest.NewRecorder()
	s.Mux.ServeHTTP(rec, r)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// Want is Do that fails the test on another status; it returns the
// redirect's target and the body.
func (s *Site) Want(status int, method, path, user string, form url.Values) (string, string) {
	s.T.Helper()
	resp, body := s.Do(method, path, user, form)
	if resp.StatusCode != status {
		s.T.Fatalf("%s %s as %s: %d, want %d: %s", method, path, user, resp.StatusCode, status, body)
	}
	return resp.Header.Get("Location"), body
}

// Page is Do answering the status and, for a redirect, where it leads,
// else the body.
func (s *Site) Page(method, path, user string, form url.Values) (int, string) {
	s.T.Helper()
	resp, body := s.Do(method, path, user, form)
	if resp.StatusCode == http.StatusSeeOther {
		return resp.StatusCode, resp.Header.Get("Location")
	}
	return resp.StatusCode, body
}

// MustContain fails the test for each part body lacks.
func MustContain(t testing.TB, what, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// MustNotContain fails the test for each part body has.
func MustNotContain(t testing.TB, what, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(body, p) {
			t.Errorf("%s shows %q", what, p)
		}
	}
}

// DesaCtx is a context working for desa kode, for store calls.
func DesaCtx(kode tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: kode})
}

// Grants are the account's grants (the real enforcer's Grants), for
// modules that ask which roles a user holds.
func (a *Accounts) Grants(_ context.Context, userID string) ([]authz.Grant, error) {
	g, ok := a.Users[a.Name(userID)]
	if !ok {
		return nil, nil
	}
	return []authz.Grant{{UserID: userID, Role: g.Role, Wilayah: g.Kode, Source: authz.SourceManual}}, nil
}
