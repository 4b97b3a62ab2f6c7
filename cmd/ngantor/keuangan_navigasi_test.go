package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// navLinks are the hrefs of a page, &amp; read as &.
func navLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, strings.ReplaceAll(m[1], "&amp;", "&"))
	}
	return out
}

// navFollow opens the first link of the page at path matching re, and
// returns where it landed and what it showed.
func navFollow(t *testing.T, c *http.Client, base, from, body string, re *regexp.Regexp) (string, string) {
	t.Helper()
	for _, h := range navLinks(body) {
		if re.MatchString(h) {
			res, err := c.Get(base + h)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s → %s: %d\n%.400s", from, h, res.StatusCode, b)
			}
			return res.Request.URL.RequestURI(), string(b)
		}
	}
	t.Fatalf("%s has no link matching %s", from, re)
	return "", ""
}

// From the pages they already use, the kabupaten admin and the camat reach
// every keuangan page of theirs by clicking: the table, the year's rules,
// the Dana Desa tahap rules, the kegiatan settings, the evaluation queue
// with the demo's December work, a submitted RAPBDes with its camat
// comment, and a desa's public page.
func TestKeuanganPagesReachedByLinks(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	base := srv.URL
	get := func(c *http.Client, path string) string {
		res, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		return string(b)
	}

	admin := newCrawler(t, base, "admin@tabanan.test").client
	kab := get(admin, "/wilayah/51.02")
	tabel, body := navFollow(t, admin, base, "/wilayah/51.02", kab, regexp.MustCompile(`^/wilayah/51\.02/keuangan$`))
	for _, re := range []string{`^/wilayah/51\.02/keuangan/aturan/\d{4}$`, `^/wilayah/51\.02/keuangan/aturan-tahap-dana-desa\?tahun=\d{4}$`, `^/wilayah/51\.02/keuangan/referensi$`} {
		at, page := navFollow(t, admin, base, tabel, body, regexp.MustCompile(re))
		if strings.Contains(at, "aturan-tahap") && !strings.Contains(page, `id="form-tahap"`) {
			t.Errorf("the admin's DD tahap page has no form")
		}
		navFollow(t, admin, base, at, page, regexp.MustCompile(`^/wilayah/51\.02/keuangan(/\d{4})?$`))
	}

	camat := newCrawler(t, base, "camat.kediri@tabanan.test").client
	kec := get(camat, "/wilayah/51.02.06")
	tabel, body = navFollow(t, camat, base, "/wilayah/51.02.06", kec, regexp.MustCompile(`^/wilayah/51\.02\.06/keuangan$`))
	antrean, body := navFollow(t, camat, base, tabel, body, regexp.MustCompile(`^/wilayah/51\.02\.06/keuangan/evaluasi\?tahun=2027$`))
	if !strings.Contains(body, "3 APBDes menunggu evaluasi") {
		t.Errorf("the camat's queue 2027 does not show the demo's three submitted RAPBDes")
	}
	ev, body := navFollow(t, camat, base, antrean, body, regexp.MustCompile(`^/desa/51\.02\.06\.2002/keuangan/2027/evaluasi$`))
	if !strings.Contains(body, "Mohon lampirkan RAB") || !strings.Contains(body, `action="/desa/51.02.06.2002/keuangan/2027/evaluasi/keputusan"`) {
		t.Errorf("%s shows no comment or no decision form", ev)
	}

	// A desa's APBDes set by Perdes leads to its public page, signed out too.
	apb := get(camat, "/desa/51.02.06.2002/keuangan/2026/apbdes")
	publik := ""
	for _, h := range navLinks(apb) {
		if h == "/publik/desa/51.02.06.2002/apbdes/2026" {
			publik = h
		}
	}
	if publik == "" {
		t.Fatal("the APBDes 2026 page does not link its public page")
	}
	get(http.DefaultClient, publik)
}
