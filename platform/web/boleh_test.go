package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// byPerm allows each permission at the listed desa only.
type byPerm map[authz.Permission][]tenancy.Kode

func (b byPerm) Allowed(_ context.Context, _ string, target tenancy.Kode, p authz.Permission) (bool, error) {
	for _, k := range b[p] {
		if k == target {
			return true, nil
		}
	}
	return false, nil
}

// TestMayAnswersFromTheRoutesOwnPermission: whether a page may show a link
// or a form is decided by the permission its target route was registered
// with, at the desa the link names — so a template cannot drift from the
// guard. Paths that are no desa page are left to their own handlers.
func TestMayAnswersFromTheRoutesOwnPermission(t *testing.T) {
	read := authz.Permission{Object: "catatan", Action: "read"}
	write := authz.Permission{Object: "catatan", Action: "write"}
	w := web.New(web.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Authz: byPerm{read: {"51.02.06.2001", "51.02.06.2011"}, write: {"51.02.06.2001"}}})
	mux := http.NewServeMux()
	w.Routes(mux)
	noop := func(http.ResponseWriter, *http.Request) {}
	w.HandleDesa(mux, "GET /desa/{kode}/catatan", read, noop)
	w.HandleDesa(mux, "POST /desa/{kode}/catatan", write, noop)
	w.HandleDesa(mux, "GET /desa/{kode}/catatan/{id}/ubah", write, noop)

	if p, k, ok := w.Guard(http.MethodGet, "/desa/51.02.06.2011/catatan/7/ubah"); !ok || p != write || k != "51.02.06.2011" {
		t.Fatalf("Guard = %v %q %v, want %v at 51.02.06.2011", p, k, ok, write)
	}
	user := auth.WithUser(context.Background(), auth.User{ID: "u1"})
	cases := []struct {
		ctx          context.Context
		method, href string
		want         bool
	}{
		{user, "GET", "/desa/51.02.06.2001/catatan", true},
		{user, "GET", "/desa/51.02.06.2011/catatan?tahun=2026#daftar", true},
		{user, "POST", "/desa/51.02.06.2001/catatan", true},
		{user, "POST", "/desa/51.02.06.2011/catatan", false},
		{user, "GET", "/desa/51.02.06.2011/catatan/7/ubah", false},
		{user, "GET", "/desa/51.02.10.2001/catatan", false},
		{context.Background(), "GET", "/desa/51.02.06.2001/catatan", false}, // nobody signed in
		{user, "GET", "/wilayah/51.02", true},                               // no desa page: its handler decides
		{user, "GET", "https://contoh.example/desa/51.02.10.2001/catatan", true},
	}
	for _, tc := range cases {
		if got := w.May(tc.ctx, tc.method, tc.href); got != tc.want {
			t.Errorf("May(%s %s) = %v, want %v", tc.method, tc.href, got, tc.want)
		}
	}

	// In a template: $.Boleh and $.BolehKirim.
	pages := w.Pages(fstest.MapFS{"t/menu.html": {Data: []byte(`{{define "content"}}` +
		`{{range .Data}}{{if $.Boleh .}}[buka {{.}}]{{end}}{{if $.BolehKirim .}}[kirim {{.}}]{{end}}{{end}}{{end}}`)}}, "t/*.html", nil)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil).WithContext(user)
	pages.Render(rec, r, 200, "menu", "Menu", []string{"/desa/51.02.06.2001/catatan", "/desa/51.02.06.2011/catatan"})
	body := rec.Body.String()
	for want, shown := range map[string]bool{
		"[buka /desa/51.02.06.2001/catatan]": true, "[kirim /desa/51.02.06.2001/catatan]": true,
		"[buka /desa/51.02.06.2011/catatan]": true, "[kirim /desa/51.02.06.2011/catatan]": false,
	} {
		if strings.Contains(body, want) != shown {
			t.Errorf("%s shown: %v, want %v:\n%s", want, !shown, shown, body)
		}
	}
}

// TestTemplateFailureIsTheLayouts500Page: a page whose template fails while
// it executes answers the shared 500 page (nothing of the half-rendered
// page), not a bare line of text.
func TestTemplateFailureIsTheLayouts500Page(t *testing.T) {
	w := web.New(web.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	pages := w.Pages(fstest.MapFS{"t/rusak.html": {Data: []byte(`{{define "content"}}<h1>Separuh</h1>{{.Data.TidakAda}}{{end}}`)}}, "t/*.html", nil)
	rec := httptest.NewRecorder()
	pages.Render(rec, httptest.NewRequest("GET", "/", nil), 200, "rusak", "Rusak", struct{ Ada string }{})
	body := rec.Body.String()
	if rec.Code != 500 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("%d %q, want the 500 page:\n%s", rec.Code, rec.Header().Get("Content-Type"), body)
	}
	for _, want := range []string{"<h1>Terjadi kesalahan</h1>", `<a href="/">Kembali ke beranda</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Separuh") {
		t.Errorf("half the failed page was sent:\n%s", body)
	}
}
