package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// onlyDesa allows one desa and nothing else.
type onlyDesa tenancy.Kode

func (o onlyDesa) Allowed(_ context.Context, _ string, target tenancy.Kode, _ authz.Permission) (bool, error) {
	return target == tenancy.Kode(o), nil
}

// TestErrorPagesAreBahasaWithAWayBack: every error a page user can meet —
// an unknown path, a wrong method, a refused or missing desa, a failing
// server — is a page of the shared layout in Bahasa Indonesia that leads
// back to the beranda and, inside a desa, to the desa; none is net/http's
// plain "404 page not found".
func TestErrorPagesAreBahasaWithAWayBack(t *testing.T) {
	ctx := context.Background()
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := auth.New(auth.Deps{DB: dbtest.SQLite(t), Redis: client, Logger: discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	if _, err := a.CreateUser(ctx, auth.NewUser{Email: email, Name: "Kadek Wirawan", Password: password}); err != nil {
		t.Fatal(err)
	}
	tok, _, _, err := a.Login(ctx, email, password, "203.0.113.7", "test")
	if err != nil {
		t.Fatal(err)
	}
	w := web.New(web.Deps{
		Auth: a, Logger: discard, Authz: onlyDesa("51.02.06.2001"),
		Wilayah: web.WilayahListerFunc(func(context.Context, string) ([]web.WilayahItem, error) {
			return nil, errors.New("database is down")
		}),
	})
	mux := http.NewServeMux()
	w.Routes(mux)
	pages := w.Pages(fstest.MapFS{"t/catatan.html": {Data: []byte(`{{define "content"}}<h1>Catatan</h1>{{end}}`)}}, "t/*.html", nil)
	w.HandleDesa(mux, "GET /desa/{kode}/catatan/{id}", authz.Permission{Object: "catatan", Action: "read"}, func(rw http.ResponseWriter, r *http.Request) {
		pages.Error(rw, r, http.StatusNotFound, "Catatan tidak ditemukan.")
	})

	const backHome, backDesa = `<a href="/">Kembali ke beranda</a>`, `<a href="/wilayah/51.02.06.2001">Kembali ke halaman desa</a>`
	cases := []struct {
		name, method, path string
		status             int
		title, message     string
		desaLink           bool
		allow              string
	}{
		{"unknown path", "GET", "/tidak-ada", 404, "Halaman tidak ditemukan", "Halaman yang Anda cari tidak ada", false, ""},
		{"unknown path under a desa", "GET", "/desa/51.02.06.2001/tidak-ada", 404, "Halaman tidak ditemukan", "Halaman yang Anda cari tidak ada", true, ""},
		{"wrong method on a page", "PUT", "/masuk", 405, "Cara membuka tidak didukung", "tidak dapat dibuka dengan cara itu", false, "GET, HEAD, POST"},
		{"desa not granted", "GET", "/desa/51.02.06.2011/catatan/1", 403, "Akses ditolak", "tidak berwenang", false, ""},
		{"not a desa code", "GET", "/desa/51.02/catatan/1", 404, "Halaman tidak ditemukan", "Desa tidak ditemukan.", false, ""},
		{"missing record inside the desa", "GET", "/desa/51.02.06.2001/catatan/1", 404, "Halaman tidak ditemukan", "Catatan tidak ditemukan.", true, ""},
		{"server failure", "GET", "/", 500, "Terjadi kesalahan", "Terjadi kesalahan pada server", false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "https://ngantor.example"+tc.path, nil)
			r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, r)
			body := rec.Body.String()
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Fatalf("Content-Type %q, want the layout's HTML", ct)
			}
			for _, want := range []string{"<title>" + tc.title + " · ngantor</title>", "<h1>" + tc.title + "</h1>", tc.message, backHome, "Kadek Wirawan"} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q:\n%s", want, body)
				}
			}
			if got := strings.Contains(body, backDesa); got != tc.desaLink {
				t.Errorf("link back to the desa shown: %v, want %v:\n%s", got, tc.desaLink, body)
			}
			if got := rec.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}
