package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Browser story of the UMKM publik part (issue 12): a signed-out visitor
// on a phone browses, searches and filters Bengkel's catalogue and the
// kecamatan's; the Dinas Koperasi & UMKM reads the kabupaten's figures and
// its list with owners masked; the forum reads the figures only.

const bupKatalog = "/publik/desa/" + bsDesa + "/umkm"

// bupOwners are owners of the demo businesses (invented names): no page of
// this story may show them whole.
var bupOwners = []string{"Ni Made Sariasih", "Ni Luh Putu Suartini", "I Ketut Dharmawan", "I Gede Ketut Jayantara", "Ni Wayan Rasmini"}

func bupNoOwner(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	main := bsMain(t, ctx)
	for _, n := range bupOwners {
		if strings.Contains(main, n) {
			t.Errorf("%s shows the owner %q", page, n)
		}
	}
	for _, s := range []string{"NIB 9120", "510206", "Sariasih"} {
		if strings.Contains(main, s) {
			t.Errorf("%s shows %q", page, s)
		}
	}
}

func bupCount(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// bupSet sets the value of the field sel, as a person choosing or
// typing (clearing it too).
func bupSet(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const el = document.querySelector(`+jsString(sel)+`);
  if (!el) return false; el.value = `+jsString(value)+`; return el.value === `+jsString(value)+`; })()`))
	if err != nil || !ok {
		t.Fatalf("set %s to %q: %v", sel, value, err)
	}
}

// bupSearch submits the catalogue's search form after setting its fields.
func bupSearch(t *testing.T, ctx context.Context, q, sektor, heading, shot string) {
	t.Helper()
	bupSet(t, ctx, `#q`, q)
	bupSet(t, ctx, `#sektor`, sektor)
	bwClick(t, ctx, `form.cari button[type=submit]`, heading, shot)
}

func TestBrowserUmkmPublikVisitorBrowsesTheCatalogue(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
	bsOpen(t, ctx, base, bupKatalog, "UMKM Desa Bengkel", "umkm-publik-desa")
	if n := bupCount(t, ctx, `#katalog > li`); n != 20 {
		t.Errorf("the first page shows %d businesses, want 20", n)
	}
	main := bsMain(t, ctx)
	for _, want := range []string{"Keripik Singkong Men Sari", "Rp 12.000", "Hubungi via WhatsApp", "Bengkel Kangin", "Kecamatan Kediri"} {
		if !strings.Contains(main, want) {
			t.Errorf("the catalogue lacks %q", want)
		}
	}
	bupNoOwner(t, ctx, "the catalogue")
	if n := bupCount(t, ctx, `a[href^="https://wa.me/62"]`); n == 0 {
		t.Error("no business offers its WhatsApp link")
	}

	// Search a product, then filter by sektor: Perdagangan (G) holds the
	// motorcycle workshop, not the weavers.
	bupSearch(t, ctx, "endek", "", "UMKM Desa Bengkel", "umkm-publik-cari")
	got := bkText(t, ctx, `#katalog`)
	if !strings.Contains(got, "Tenun Endek Sekar Jagat") || strings.Contains(got, "Keripik Singkong") {
		t.Errorf("search endek shows: %s", got)
	}
	bupSearch(t, ctx, "", "G", "UMKM Desa Bengkel", "umkm-publik-sektor")
	got = bkText(t, ctx, `#katalog`)
	if !strings.Contains(got, "Bengkel Motor Gede Jaya") || strings.Contains(got, "Tenun Endek") {
		t.Errorf("sektor G shows: %s", got)
	}
	// Closed businesses are never listed.
	bupSearch(t, ctx, "pulsa", "", "UMKM Desa Bengkel", "umkm-publik-tutup")
	if n := bupCount(t, ctx, `#katalog > li`); n != 0 {
		t.Errorf("the closed Konter Pulsa is listed")
	}

	// The next page, by clicking.
	bsOpen(t, ctx, base, bupKatalog, "UMKM Desa Bengkel", "umkm-publik-desa-lagi")
	bwClick(t, ctx, `nav.halaman a[rel=next]`, "UMKM Desa Bengkel", "umkm-publik-hal-2")
	if n := bupCount(t, ctx, `#katalog > li`); n == 0 || n > 20 {
		t.Errorf("page 2 shows %d businesses", n)
	}
	bupNoOwner(t, ctx, "page 2")
}

// TestBrowserUmkmPublikVisitorBrowsesTheKecamatan: the kecamatan's
// catalogue holds Nyitdah's and Pejaten's businesses too, by desa.
func TestBrowserUmkmPublikVisitorBrowsesTheKecamatan(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
	bsOpen(t, ctx, base, "/publik/kecamatan/51.02.06/umkm?q=tenun", "UMKM Kecamatan Kediri", "umkm-publik-kecamatan")
	got := bkText(t, ctx, `#katalog`)
	for _, want := range []string{"Tenun Endek Nyitdah Asri", "Desa Nyitdah", "Tenun Endek Sekar Jagat", "Desa Bengkel"} {
		if !strings.Contains(got, want) {
			t.Errorf("the kecamatan's catalogue lacks %q: %s", want, got)
		}
	}
	bupSet(t, ctx, `#desa`, "51.02.06.2011")
	bwClick(t, ctx, `form.cari button[type=submit]`, "UMKM Kecamatan Kediri", "umkm-publik-kecamatan-nyitdah")
	if got = bkText(t, ctx, `#katalog`); strings.Contains(got, "Desa Bengkel") || !strings.Contains(got, "Desa Nyitdah") {
		t.Errorf("filtered to Nyitdah, the catalogue shows: %s", got)
	}
	bupNoOwner(t, ctx, "the kecamatan's catalogue")
}

// TestBrowserUmkmPublikDiskopReadsTheKabupaten: the Dinas Koperasi & UMKM
// reads every desa's figures, the kecamatan subtotals and the list of
// businesses with owners masked, and may download the XLSX.
func TestBrowserUmkmPublikDiskopReadsTheKabupaten(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "diskop@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02/umkm", "UMKM & BUMDes", "umkm-diskop-kabupaten")
	tb := bkTable(t, ctx, "tabel-umkm")
	var bengkel, kediri []string
	for _, r := range tb.Rows {
		switch {
		case len(r) > 1 && r[0] == "Bengkel":
			bengkel = r
		case len(r) > 1 && r[0] == "Kecamatan Kediri":
			kediri = r
		}
	}
	if len(tb.Rows) < 133 || bengkel == nil || kediri == nil {
		t.Fatalf("the kabupaten table has %d rows; Bengkel %q, Kediri subtotal %q", len(tb.Rows), bengkel, kediri)
	}
	if n, ok := bwNumber(bengkel[1]); !ok || n < 30 {
		t.Errorf("Bengkel's UMKM aktif reads %q", bengkel[1])
	}
	if n, ok := bwNumber(kediri[1]); !ok || n < 40 {
		t.Errorf("Kediri's UMKM aktif reads %q", kediri[1])
	}
	if n := bupCount(t, ctx, `#daftar-umkm li`); n != 25 {
		t.Errorf("the Diskop's list shows %d rows, want a page of 25", n)
	}
	if n := bupCount(t, ctx, `#unduh-xlsx`); n != 1 {
		t.Error("the Diskop is not offered the XLSX")
	}
	got := bkText(t, ctx, `#daftar-umkm`)
	if !strings.Contains(got, "pemilik ") || !strings.Contains(got, "*") {
		t.Errorf("the list shows no masked owner: %s", got)
	}
	bupNoOwner(t, ctx, "the Diskop's page")
	bupSet(t, ctx, `#q`, "endek")
	// The kabupaten's page is long: the search's answer is checked without
	// a second pair of review screenshots, which the browser's time bound
	// does not leave room for on a busy machine.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.saring button[type=submit]`)))
	if err != nil || resp == nil || resp.Status != 200 {
		t.Fatalf("search: %v %v", resp, err)
	}
	if got = bkText(t, ctx, `#daftar-umkm`); !strings.Contains(got, "Tenun Endek Sekar Jagat") || strings.Contains(got, "Keripik") {
		t.Errorf("the Diskop's search shows: %s", got)
	}
}

// TestBrowserUmkmPublikForumSeesFiguresOnly: the forum perbekel reads the
// same table without the list, the XLSX or links into a desa.
func TestBrowserUmkmPublikForumSeesFiguresOnly(t *testing.T) {
	base := btStartDev(t)
	forum := btBrowser(t)
	bsSignInAs(t, forum, base, "forum@tabanan.test")
	bsOpen(t, forum, base, "/wilayah/51.02/umkm", "UMKM & BUMDes", "umkm-forum-kabupaten")
	for sel, what := range map[string]string{`#daftar-umkm`: "the list", `#unduh-xlsx`: "the XLSX", `main a[href^="/desa/"]`: "desa links",
		`main form`: "a search"} {
		if n := bupCount(t, forum, sel); n != 0 {
			t.Errorf("the forum is offered %s (%s)", what, sel)
		}
	}
	bupNoOwner(t, forum, "the forum's page")
}
