package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// TestUnknownPathsAnswerInBahasa: a path no route serves gets the layout's
// 404 page, and one under /api/ a problem in Bahasa — never net/http's
// plain "404 page not found" — while every real route still answers as
// before (the catch-alls shadow none of them).
func TestUnknownPathsAnswerInBahasa(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	cases := []struct {
		method, path string
		status       int // 0: anything but 404 and 405
		contentType  string
		want         string
	}{
		{"GET", "/tidak-ada", 404, "text/html", "Halaman tidak ditemukan"},
		{"GET", "/desa/51.02.06.2001/tidak-ada", 404, "text/html", `href="/wilayah/51.02.06.2001"`},
		{"GET", "/aset/tidak-ada.css", 404, "text/html", "Kembali ke beranda"},
		{"GET", "/desa/51.02.06.2011/perangkat", 403, "text/html", "Akses ditolak"},
		{"GET", "/desa/51.02.06.2011/surat/keluar/tidak-ada", 403, "text/html", "Akses ditolak"},
		{"GET", "/desa/51.02.06.2001/surat/keluar/01a23108-0000-7000-8000-000000000000", 404, "text/html", `href="/wilayah/51.02.06.2001"`},
		{"PUT", "/masuk", 405, "text/html", "Cara membuka tidak didukung"},
		{"GET", "/api/v1/tidak-ada", 404, "application/problem+json", "tidak ada di API ngantor"},
		{"GET", "/api/tidak-ada", 404, "application/problem+json", "tidak ada di API ngantor"},
		{"DELETE", "/api/v1/auth/login", 405, "application/problem+json", "Metode tidak didukung"},
		{"GET", "/api/v1/desa/51.02.06.2001/surat-keluar", 200, "application/json", `"items"`},
		{"GET", "/healthz", 200, "", ""},
		{"GET", "/readyz", 200, "", ""},
		{"GET", "/openapi.json", 200, "application/openapi+json", `"openapi"`},
		{"GET", "/docs", 200, "text/html", "dokumentasi"},
		{"GET", "/metrics", 0, "", ""},
		{"GET", "/verifikasi/tidak-ada", 404, "text/html", ""},
		{"GET", "/", 200, "text/html", "Wilayah Anda"},
		{"GET", "/wilayah/51.02.06.2001", 200, "text/html", "Bengkel"},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			req.Header.Set("Authorization", "Bearer "+perbekel)
			req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: perbekel})
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			body := string(raw)
			if tc.status == 0 && res.StatusCode != 404 && res.StatusCode != 405 {
				return // served by its own handler, whatever it answers here
			}
			if res.StatusCode != tc.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) || !strings.Contains(body, tc.want) {
				t.Fatalf("%d %q, want %d %q containing %q:\n%.600s", res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.contentType, tc.want, body)
			}
			if tc.contentType == "text/html" && res.StatusCode >= 400 {
				// An error page of the layout, in Bahasa, with the user's
				// name in the header and a way back.
				// (Public pages — assets, verification — keep no header.)
				public := strings.HasPrefix(tc.path, "/aset/") || strings.HasPrefix(tc.path, "/verifikasi/")
				for _, want := range []string{`<html lang="id">`, `<a href="/">Kembali ke beranda</a>`, "Perbekel Bengkel"} {
					if !strings.Contains(body, want) && !(public && want == "Perbekel Bengkel") {
						t.Errorf("error page lacks %q:\n%.1500s", want, body)
					}
				}
			}
			if strings.Contains(body, "404 page not found") || strings.Contains(body, "Method Not Allowed\n") {
				t.Fatalf("net/http's plain answer: %s", body)
			}
			if tc.contentType == "application/problem+json" {
				var p struct{ Detail string }
				if err := json.Unmarshal(raw, &p); err != nil || p.Detail == "" {
					t.Fatalf("not a problem with a detail: %v %s", err, body)
				}
			}
		})
	}
}

// TestPanickingHandlerAnswersByKindOfPath: a page whose handler panics
// answers the layout's 500 page in Bahasa — the user's header, a way back,
// and the request id the log carries, to quote when reporting — never the
// API's JSON; a panicking API operation answers problem+json with the id.
// Nothing of the panic's own text reaches either.
func TestPanickingHandlerAnswersByKindOfPath(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	a.web.Handle(a.http.Mux(), "GET /desa/{kode}/uji-panik", func(http.ResponseWriter, *http.Request) {
		panic("rahasia internal: nil map")
	})
	a.http.Mux().HandleFunc("GET /api/v1/uji-panik", func(http.ResponseWriter, *http.Request) {
		panic("rahasia internal: nil map")
	})
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	for _, tc := range []struct {
		path, contentType string
		want              []string
	}{
		{"/desa/51.02.06.2001/uji-panik", "text/html", []string{
			"<h1>Terjadi kesalahan</h1>", "Terjadi kesalahan pada server", `<a href="/">Kembali ke beranda</a>`,
			`<a href="/wilayah/51.02.06.2001">Kembali ke halaman desa</a>`, "Perbekel Bengkel"}},
		{"/api/v1/uji-panik", "application/problem+json", []string{`"status":500`}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+tc.path, nil)
			req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: perbekel})
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			body := string(raw)
			id := res.Header.Get("X-Request-Id")
			if res.StatusCode != 500 || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) || id == "" {
				t.Fatalf("%d %q (request id %q), want 500 %q:\n%.1500s", res.StatusCode, res.Header.Get("Content-Type"), id, tc.contentType, body)
			}
			for _, want := range append(tc.want, id) {
				if !strings.Contains(body, want) {
					t.Errorf("answer lacks %q:\n%.1500s", want, body)
				}
			}
			if strings.Contains(body, "rahasia") {
				t.Errorf("the panic's text reached the user:\n%s", body)
			}
		})
	}
}

// TestCrossSiteWritesAreRefusedInBahasa: a form or script on another site
// that posts with the user's cookie is refused at the edge — a page path
// with the layout's page, an API path with a problem — in Bahasa, not with
// net/http's English text.
func TestCrossSiteWritesAreRefusedInBahasa(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	for _, tc := range []struct{ path, contentType, want string }{
		{"/keluar", "text/html", "Formulir ini dikirim dari situs lain"},
		{"/desa/51.02.06.2001/perangkat", "text/html", `<a href="/">Kembali ke beranda</a>`},
		{"/api/v1/auth/logout", "application/problem+json", "Permintaan dari situs lain ditolak"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+tc.path, strings.NewReader(""))
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			req.Header.Set("Origin", "https://penipu.example")
			req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: perbekel})
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			if res.StatusCode != 403 || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) || !strings.Contains(string(raw), tc.want) {
				t.Fatalf("%d %q, want 403 %q containing %q:\n%.1000s", res.StatusCode, res.Header.Get("Content-Type"), tc.contentType, tc.want, raw)
			}
		})
	}
	// The session survived: the forged sign-out did not happen.
	if st, _ := page(t, srv, "/", perbekel); st != 200 {
		t.Fatalf("home after a refused cross-site sign-out: %d", st)
	}
}
