package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/web"
)

const (
	email    = "kadek@badungkab.go.id"
	password = "sawah-subak-2026"
)

type site struct {
	t    *testing.T
	mux  *http.ServeMux
	auth *auth.Service
	user auth.User
}

func newSite(t *testing.T) *site {
	t.Helper()
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := auth.New(auth.Deps{
		DB: dbtest.SQLite(t), Redis: client, Logger: discard,
		Params: auth.Params{Memory: 64, Time: 1, Threads: 1},
	})
	u, err := a.CreateUser(context.Background(), auth.NewUser{Email: email, Name: "Kadek Wirawan", OPD: "DLH", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	grants := map[string][]web.WilayahItem{u.ID: {
		{Role: "opd", Kode: "51.02", Nama: "Badung"},
		{Role: "perbekel", Kode: "51.02.06.2001", Nama: "Dalung"},
	}}
	w := web.New(web.Deps{
		Auth: a, Logger: discard, Secure: true,
		Wilayah: web.WilayahListerFunc(func(_ context.Context, userID string) ([]web.WilayahItem, error) {
			return grants[userID], nil
		}),
	})
	mux := http.NewServeMux()
	w.Routes(mux)
	return &site{t: t, mux: mux, auth: a, user: u}
}

// do sends a request as a same-origin browser would, unless headers say
// otherwise.
func (s *site) do(method, path string, form url.Values, session string, headers map[string]string) *http.Response {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, "https://ngantor.example"+path, body)
	r.RemoteAddr = "203.0.113.7:51234"
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		r.Header.Set("Origin", "https://ngantor.example")
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	if session != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	return rec.Result()
}

func (s *site) login(pw string) *http.Response {
	return s.do(http.MethodPost, "/masuk", url.Values{"email": {email}, "password": {pw}}, "", nil)
}

func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == web.SessionCookie {
			return c
		}
	}
	return nil
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantStatus(t *testing.T, resp *http.Response, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, status)
	}
}

func wantRedirect(t *testing.T, resp *http.Response, to string) {
	t.Helper()
	wantStatus(t, resp, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != to {
		t.Fatalf("redirect to %q, want %q", got, to)
	}
}

func TestLoginPageRendersWithVendoredStylesheet(t *testing.T) {
	s := newSite(t)
	wantRedirect(t, s.do(http.MethodGet, "/", nil, "", nil), "/masuk")

	resp := s.do(http.MethodGet, "/masuk", nil, "", nil)
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	for _, want := range []string{`<html lang="id">`, `name="viewport"`, `action="/masuk"`, `name="email"`, "Kata sandi", `href="/aset/ngantor.css?v=`} {
		if !strings.Contains(body, want) {
			t.Errorf("login page lacks %q", want)
		}
	}
	for _, banned := range []string{"http://", "https://", "<script"} {
		if strings.Contains(body, banned) {
			t.Errorf("login page loads something external: %q", banned)
		}
	}
	if strings.Contains(body, "Keluar") {
		t.Error("signed-out page offers Keluar")
	}

	i := strings.Index(body, "/aset/ngantor.css?v=")
	cssPath := body[i : i+strings.IndexByte(body[i:], '"')]
	css := s.do(http.MethodGet, cssPath, nil, "", nil)
	wantStatus(t, css, http.StatusOK)
	if ct := css.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Fatalf("stylesheet served as %q", ct)
	}
	if b := readBody(t, css); strings.Contains(b, "@import") || strings.Contains(b, "url(") {
		t.Fatal("stylesheet pulls in external resources")
	}
}

func TestWrongPasswordShowsErrorAndSetsNoCookie(t *testing.T) {
	s := newSite(t)
	resp := s.login("bukan-kata-sandinya")
	wantStatus(t, resp, http.StatusUnauthorized)
	body := readBody(t, resp)
	if !strings.Contains(body, "Email atau kata sandi salah.") {
		t.Fatalf("no error message in:\n%s", body)
	}
	if !strings.Contains(body, `value="`+email+`"`) {
		t.Error("email not kept in the form")
	}
	if c := sessionCookie(resp); c != nil && c.Value != "" {
		t.Fatal("failed login set a session cookie")
	}
}

func TestRepeatedFailuresAre429WithRetryAfter(t *testing.T) {
	s := newSite(t)
	for range auth.DefaultLimits.PerAccount {
		wantStatus(t, s.login("bukan-kata-sandinya"), http.StatusUnauthorized)
	}
	resp := s.login(password)
	wantStatus(t, resp, http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") != "900" {
		t.Fatalf("Retry-After = %q, want 900", resp.Header.Get("Retry-After"))
	}
	if body := readBody(t, resp); !strings.Contains(body, "coba lagi dalam 15 menit") {
		t.Fatalf("no rate limit message in:\n%s", body)
	}
}

func TestGoodLoginSetsSessionCookieAndHomeListsGrants(t *testing.T) {
	s := newSite(t)
	resp := s.login(password)
	wantRedirect(t, resp, "/")
	c := sessionCookie(resp)
	if c == nil || c.Value == "" {
		t.Fatal("no session cookie")
	}
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Fatalf("cookie attributes: %+v", c)
	}

	home := s.do(http.MethodGet, "/", nil, c.Value, nil)
	wantStatus(t, home, http.StatusOK)
	if cc := home.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
	body := readBody(t, home)
	for _, want := range []string{
		"Wilayah Anda", "Kadek Wirawan", "Keluar",
		"Perangkat Daerah (DLH)", "Badung", `href="/wilayah/51.02"`, "Kabupaten 51.02",
		"Perbekel", "Dalung", `href="/wilayah/51.02.06.2001"`, "Desa 51.02.06.2001",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home lacks %q", want)
		}
	}

	// Signed in, the login page sends the user home.
	wantRedirect(t, s.do(http.MethodGet, "/masuk", nil, c.Value, nil), "/")
}

func TestCrossOriginPostsAreRejected(t *testing.T) {
	s := newSite(t)
	c := sessionCookie(s.login(password))
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://penipu.example"}

	resp := s.do(http.MethodPost, "/masuk", url.Values{"email": {email}, "password": {password}}, "", crossSite)
	wantStatus(t, resp, http.StatusForbidden)
	if sessionCookie(resp) != nil {
		t.Fatal("cross-site login set a cookie")
	}
	if body := readBody(t, resp); !strings.Contains(body, "dikirim dari situs lain") {
		t.Fatalf("deny page not in Bahasa:\n%s", body)
	}

	// An old browser without Sec-Fetch-Site is judged by Origin.
	resp = s.do(http.MethodPost, "/keluar", url.Values{}, c.Value, map[string]string{"Sec-Fetch-Site": "", "Origin": "https://penipu.example"})
	wantStatus(t, resp, http.StatusForbidden)
	if _, _, err := s.auth.Authenticate(context.Background(), c.Value); err != nil {
		t.Fatalf("forged sign-out ended the session: %v", err)
	}
}

func TestLogoutEndsSessionAndClearsCookie(t *testing.T) {
	s := newSite(t)
	token := sessionCookie(s.login(password)).Value
	resp := s.do(http.MethodPost, "/keluar", url.Values{}, token, nil)
	wantRedirect(t, resp, "/masuk")
	if c := sessionCookie(resp); c == nil || c.MaxAge >= 0 || c.Value != "" {
		t.Fatalf("cookie not cleared: %+v", c)
	}
	_, _, err := s.auth.Authenticate(context.Background(), token)
	if !fault.Is(err, fault.Unauthorized) {
		t.Fatalf("session alive after logout: %v", err)
	}
	// The old cookie, replayed, leads to the sign-in page.
	wantRedirect(t, s.do(http.MethodGet, "/", nil, token, nil), "/masuk")
}

func TestHomeWithoutGrantsSaysWhomToAsk(t *testing.T) {
	s := newSite(t)
	if _, err := s.auth.CreateUser(context.Background(), auth.NewUser{Email: "baru@desa.id", Name: "Baru", Password: password}); err != nil {
		t.Fatal(err)
	}
	resp := s.do(http.MethodPost, "/masuk", url.Values{"email": {"baru@desa.id"}, "password": {password}}, "", nil)
	home := s.do(http.MethodGet, "/", nil, sessionCookie(resp).Value, nil)
	wantStatus(t, home, http.StatusOK)
	if body := readBody(t, home); !strings.Contains(body, "Hubungi admin kabupaten") {
		t.Fatalf("no guidance for a user without grants:\n%s", body)
	}
}
