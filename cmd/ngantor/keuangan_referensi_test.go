package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestKeuanganReferensiPage walks the kabupaten's kegiatan settings page as
// the crawl walks every page: the admin of Tabanan opens it, follows its
// links and sends each of its forms empty (refused as invalid input, never
// as forbidden), then switches the Siskeudes list on and adds a local
// kegiatan; the bupati reads it without a form; a camat and a perbekel are
// refused.
func TestKeuanganReferensiPage(t *testing.T) {
	t.Parallel() // see TestRoleCrawlMeetsNoDeadEnds
	base, _ := btStartDevApp(t)
	page := base + "/wilayah/51.02/keuangan/referensi"

	admin := newCrawler(t, base, "admin@tabanan.test")
	admin.queue = nil
	// The page and the pages it links to: the kabupaten's other pages are
	// TestRoleCrawlMeetsNoDeadEnds's (the admin's walk there).
	admin.max = 40
	admin.enqueue(page, "(awal)")
	admin.run()
	// The page links the keuangan table, and the crawl goes on from there
	// a little; the forms counted are this page's.
	own := 0
	for _, f := range admin.forms {
		if strings.HasPrefix(f.path, "/wilayah/51.02/keuangan/referensi") {
			own++
		}
	}
	if own != 2 { // the switch and the add form (no local kegiatan yet to end)
		t.Errorf("admin sees %d forms of the page, want 2: %v", own, admin.forms)
	}
	// This page's forms are sent empty; the others the walk reached are the
	// crawl's (TestCrawl…), which sends empty only forms with a required
	// field (an action button such as "Mulai kunjungan" has none).
	for _, f := range admin.forms {
		if strings.HasPrefix(f.path, "/wilayah/51.02/keuangan/referensi") || f.required {
			admin.submitEmpty(f)
		}
	}
	if len(admin.failures) > 0 {
		t.Errorf("admin meets dead ends:\n%s", strings.Join(admin.failures, "\n"))
	}
	post := func(path string, v url.Values) (int, string) {
		res, err := admin.client.PostForm(base+path, v)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, body := post("/wilayah/51.02/keuangan/referensi/siskeudes", url.Values{"siskeudes": {"1"}, "tahun": {"2026"}}); st != 200 || !strings.Contains(body, "aktif — ditawarkan") {
		t.Errorf("switch on: %d\n%.400s", st, body)
	}
	if st, body := post("/wilayah/51.02/keuangan/referensi/kegiatan", url.Values{"tahun": {"2026"}, "sub_bidang": {"02.03"}, "nomor": {"85"}, "nama": {"Jalan"}}); st != 422 || !strings.Contains(body, "90–99") {
		t.Errorf("add 02.03.85: %d\n%.400s", st, body)
	}
	if st, body := post("/wilayah/51.02/keuangan/referensi/kegiatan", url.Values{"tahun": {"2026"}, "sub_bidang": {"02.03"}, "nomor": {"97"}, "nama": {"Penataan telajakan banjar"}}); st != 200 || !strings.Contains(body, "Penataan telajakan banjar") {
		t.Errorf("add 02.03.97: %d\n%.400s", st, body)
	}

	bupati := newCrawler(t, base, "bupati@tabanan.test")
	bupati.queue = nil
	bupati.enqueue(page, "(awal)")
	bupati.run()
	// The bupati reads the page without a form (the walk goes on to pages
	// where the bupati does act, e.g. scheduling a visit).
	for _, f := range bupati.forms {
		if strings.HasPrefix(f.from, "/wilayah/51.02/keuangan/referensi") {
			t.Errorf("bupati gets a form on the settings page: %v", f)
		}
	}
	if len(bupati.failures) > 0 {
		t.Errorf("bupati: failures %v", bupati.failures)
	}
	for _, email := range []string{"camat.kediri@tabanan.test", "perbekel.bengkel@tabanan.test"} {
		c := newCrawler(t, base, email)
		res, err := c.client.Get(page)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s opens the kabupaten settings: %d", email, res.StatusCode)
		}
	}
}
