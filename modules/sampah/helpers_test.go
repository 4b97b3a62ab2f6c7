package sampah_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
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
// everything inside it (platform/web/webtest).
type accounts struct {
	users map[string]grant
	title string // before the account name in the user's name, e.g. "Nama "
}

// webtest is a as the shared test setup's accounts.
func (a accounts) webtest() *webtest.Accounts {
	users := make(map[string]webtest.Grant, len(a.users))
	for name, g := range a.users {
		users[name] = webtest.Grant{Role: g.role, Kode: g.kode}
	}
	return &webtest.Accounts{Users: users, Templates: sampah.Templates(), Title: a.title}
}

func (a accounts) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	return a.webtest().Authenticate(ctx, token)
}

func (a accounts) Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	return a.webtest().Allowed(ctx, userID, target, p)
}

// memAudit keeps the entries recorded through it.
type memAudit struct{ *webtest.Audit }

func (a *memAudit) actions() []string { return a.Actions() }

// apiServer serves m's operations to the tokens az signs in; opts set
// further server dependencies.
func apiServer(m *sampah.Module, az webtest.Signer, opts ...func(*httpserver.Deps)) *httpserver.Server {
	return webtest.NewAPI(m.Register, az, func() time.Time { return now }, opts...).Server
}

// apiRequest sends body, as JSON when not nil, to the /api/v1 path with
// user as the bearer token (none when user is empty).
func apiRequest(srv *httpserver.Server, method, path, user string, body any) *httptest.ResponseRecorder {
	return (&webtest.API{Server: srv}).Do(method, path, user, body)
}

// apiJSON is apiRequest with the answer decoded; an answer that is not
// JSON fails the test.
func apiJSON(t testing.TB, srv *httpserver.Server, method, path, user string, body any) (int, map[string]any) {
	t.Helper()
	return (&webtest.API{Server: srv}).JSON(t, method, path, user, body)
}

// site serves the module's pages to real sessions (platform/auth) of its
// accounts; the page wrapper's audit entries are kept in audit.
type site struct {
	*webtest.Site
	t     *testing.T
	m     *sampah.Module
	audit *memAudit
}

// newSite signs in each of users, named title+name; opts set the module's
// further dependencies before the site's web, authorizer and audit.
func newSite(t *testing.T, d *db.DB, users map[string]grant, title string, opts ...func(*sampah.Deps)) *site {
	t.Helper()
	az := accounts{users: users, title: title}.webtest()
	ws := webtest.NewSite(t, d, az)
	rec := &memAudit{ws.Audit} // the pages' wrapper and the module record to one log
	s := &site{Site: ws, t: t, audit: rec}
	s.m = newModule(t, d, append(opts, func(deps *sampah.Deps) { deps.Web, deps.Authz, deps.Audit = ws.Web, az, rec })...)
	s.m.Routes(ws.Mux)
	return s
}

// do asks for path as the account user (signed out when it has no
// session), posting form when not nil as a same-origin browser would.
func (s *site) do(method, path, user string, form url.Values) (*http.Response, string) {
	s.t.Helper()
	return s.Do(method, path, user, form)
}

// want is do that fails the test on another status; it returns the
// redirect's target and the body.
func (s *site) want(status int, method, path, user string, form url.Values) (string, string) {
	s.t.Helper()
	return s.Want(status, method, path, user, form)
}

// page is do answering the status and, for a redirect, where it leads,
// else the body.
func (s *site) page(method, path, user string, form url.Values) (int, string) {
	s.t.Helper()
	return s.Page(method, path, user, form)
}

// mustContain fails the test for each part body lacks.
func mustContain(t *testing.T, what, body string, parts ...string) {
	t.Helper()
	webtest.MustContain(t, what, body, parts...)
}

// desaCtx is a context working for desa kode, for store calls.
func desaCtx(kode tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: kode})
}
