package web_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ngantor/ngantor/platform/web"
)

// Pages render into pooled buffers: a page must carry nothing of the one
// rendered before it, a failed page must send nothing of itself, and the
// length sent must be the page's.
func TestRenderedPagesShareNothingThroughTheBufferPool(t *testing.T) {
	w := web.New(web.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	fsys := fstest.MapFS{
		"t/besar.html": {Data: []byte(`{{define "content"}}{{range .Data}}BARIS-BESAR {{.}}
{{end}}{{end}}`)},
		"t/gagal.html": {Data: []byte(`{{define "content"}}SEBAGIAN-GAGAL {{gagal}}{{end}}`)},
		"t/kecil.html": {Data: []byte(`{{define "content"}}HALAMAN-KECIL{{end}}`)},
	}
	pages := w.Pages(fsys, "t/*.html", map[string]any{"gagal": func() (string, error) { return "", errors.New("rusak") }})
	rows := make([]int, 5000) // well past one fresh buffer
	render := func(name string, data any) *http.Response {
		rec := httptest.NewRecorder()
		pages.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, name, "Judul", data)
		return rec.Result()
	}
	for range 3 {
		big := render("besar", rows)
		body := readBody(t, big)
		if n := strings.Count(body, "BARIS-BESAR"); n != len(rows) {
			t.Fatalf("big page has %d rows, want %d", n, len(rows))
		}
		if cl := big.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
			t.Fatalf("Content-Length %s, body %d bytes", cl, len(body))
		}
		failed := render("gagal", nil)
		if body := readBody(t, failed); failed.StatusCode != http.StatusInternalServerError || strings.Contains(body, "SEBAGIAN-GAGAL") || strings.Contains(body, "BARIS-BESAR") {
			t.Fatalf("failed page: status %d, body %q", failed.StatusCode, body)
		}
		small := render("kecil", nil)
		body = readBody(t, small)
		if !strings.Contains(body, "HALAMAN-KECIL") || strings.Contains(body, "BARIS-BESAR") || strings.Contains(body, "SEBAGIAN-GAGAL") {
			t.Fatalf("small page carries another page: %.200q", body)
		}
		if cl := small.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
			t.Fatalf("Content-Length %s, body %d bytes", cl, len(body))
		}
	}
}

// A file named "_…" holds definitions every page of the set shares; it is
// no page of its own.
func TestSharedDefinitionsReachEveryPage(t *testing.T) {
	w := web.New(web.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	fsys := fstest.MapFS{
		"t/_bersama.html": {Data: []byte(`{{define "bersama"}}BAGIAN-BERSAMA {{.}}{{end}}`)},
		"t/satu.html":     {Data: []byte(`{{define "content"}}SATU {{template "bersama" .Data}}{{end}}`)},
		"t/dua.html":      {Data: []byte(`{{define "content"}}DUA {{template "bersama" .Data}}{{end}}`)},
	}
	pages := w.Pages(fsys, "t/*.html", nil)
	for _, name := range []string{"satu", "dua"} {
		rec := httptest.NewRecorder()
		pages.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, name, "Judul", name+"-data")
		if body := readBody(t, rec.Result()); rec.Code != http.StatusOK || !strings.Contains(body, "BAGIAN-BERSAMA "+name+"-data") {
			t.Errorf("%s: %d %.300s", name, rec.Code, body)
		}
	}
	rec := httptest.NewRecorder()
	pages.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, "_bersama", "Judul", nil)
	if rec.Code == http.StatusOK {
		t.Error("a shared file answered as a page")
	}
}
