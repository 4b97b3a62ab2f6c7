package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Browser story of the BUMDes (issue 12), on a 360 px phone: the sekdes of
// Bengkel records a year's figures (a mistyped amount is refused at its
// field with what was typed kept) and uploads the yearly report as PDF;
// the Dinas Koperasi & UMKM then reads the BUMDes page, figures beside the
// APBDes and the report, without any edit link or form.

const bbBumdes = "/desa/" + bsDesa + "/bumdes"

// bbType empties the input sel and types v into it, as a person would.
func bbType(t *testing.T, ctx context.Context, sel, v string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const el = document.querySelector(`+jsString(sel)+`); el.value = ''; return true; })()`)); err != nil {
		t.Fatalf("empty %s: %v", sel, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), v)); err != nil {
		t.Fatalf("type into %s: %v", sel, err)
	}
}

func TestBrowserBumdesSekdesRecordsAYearAndDiskopReads(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, demoSekdesBengkel)

	// The desa page → BUMDes, by clicking.
	bsOpen(t, ctx, base, "/wilayah/"+bsDesa, "Bengkel", "bumdes-sekdes-desa")
	loc := bsdClick(t, ctx, "BUMDes", "BUM Desa Bengkel Sejahtera", "bumdes-sekdes-halaman")
	if !strings.HasSuffix(loc, bbBumdes) {
		t.Errorf("BUMDes leads to %s, want %s", loc, bbBumdes)
	}
	main := bsMain(t, ctx)
	for _, want := range []string{"Berbadan hukum", "AHU-00417.AH.01.33.Tahun 2022", "Berkembang (2023)", "Unit Air Bersih",
		"Unit Pengelolaan Sampah (TPS3R)", "Rp 421.750.000", "APBDes belum tercatat", "Ubah profil"} {
		if !strings.Contains(main, want) {
			t.Errorf("the sekdes's BUMDes page lacks %q:\n%s", want, main)
		}
	}
	bsdTablesInBox(t, ctx, "the BUMDes page")

	// A year's figures: 2026 is not recorded yet.
	bwClick(t, ctx, `main a[href="`+bbBumdes+`/tahun/2026"]`, "BUMDes tahun 2026", "bumdes-sekdes-tahun")
	fill := map[string]string{"penyertaan_modal": "50.000.000", "omzet": "450 juta", "laba": "-1.500.000", "pades": "35.000.000",
		"aset": "790.000.000", "tenaga_kerja": "15"}
	for f, v := range fill {
		bbType(t, ctx, `#tahun-`+f, v)
	}
	status, _ := bsdSubmit(t, ctx, `#form-tahun button[type=submit]`)
	if status != 422 {
		t.Errorf("an omzet of “450 juta” answered %d, want 422", status)
	}
	if msg := bkText(t, ctx, `#tahun-omzet-galat`); !strings.Contains(msg, "Omzet ditulis dalam rupiah bulat") {
		t.Errorf("the omzet's message is %q", msg)
	}
	for f, v := range fill {
		got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#tahun-`+f)))
		if got != v {
			t.Errorf("after the refusal %s holds %q, want the typed %q", f, got, v)
		}
	}
	bsShot(t, ctx, "bumdes-sekdes-tahun-galat")
	bbType(t, ctx, `#tahun-omzet`, "450.000.000")
	status, loc = bsdSubmit(t, ctx, `#form-tahun button[type=submit]`)
	if status != 200 || !strings.Contains(loc, bbBumdes+"?pesan=tahun") {
		t.Fatalf("saving 2026 answered %d at %s:\n%s", status, loc, bsMain(t, ctx))
	}
	main = bsMain(t, ctx)
	for _, want := range []string{"Angka tahunan BUMDes sudah disimpan", "Rp 450.000.000", "−Rp 1.500.000", "15 orang"} {
		if !strings.Contains(main, want) {
			t.Errorf("after saving 2026 the page lacks %q", want)
		}
	}

	// The yearly report, uploaded from the year's page.
	bwClick(t, ctx, `main a[aria-label="Ubah angka tahun 2026"]`, "BUMDes tahun 2026", "bumdes-sekdes-tahun-2026")
	lpj := filepath.Join(t.TempDir(), "LPJ BUMDes 2026.pdf")
	if err := os.WriteFile(lpj, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#laporan-berkas`), []string{lpj})); err != nil {
		t.Fatalf("choose the report: %v", err)
	}
	status, loc = bsdSubmit(t, ctx, `#form-laporan button[type=submit]`)
	if status != 200 || !strings.Contains(loc, "pesan=laporan") {
		t.Fatalf("upload answered %d at %s:\n%s", status, loc, bsMain(t, ctx))
	}
	if txt := bkText(t, ctx, `#laporan-tahunan`); !strings.Contains(txt, "Tahun 2026") || !strings.Contains(txt, "LPJ-BUMDes-2026.pdf") {
		t.Errorf("the reports list %q, want 2026's", txt)
	}
	bsShot(t, ctx, "bumdes-sekdes-laporan")

	// The Dinas Koperasi & UMKM reads every desa: figures and report, no
	// edit link, no form.
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	bsSignInAs(t, ctx, base, "diskop@tabanan.test")
	bsOpen(t, ctx, base, bbBumdes, "BUM Desa Bengkel Sejahtera", "bumdes-diskop")
	main = bsMain(t, ctx)
	for _, want := range []string{"Rp 450.000.000", "APBDes belum tercatat", "LPJ-BUMDes-2026.pdf", "Unit Simpan Pinjam"} {
		if !strings.Contains(main, want) {
			t.Errorf("the diskop's BUMDes page lacks %q", want)
		}
	}
	for _, l := range bsdLinks(t, ctx) {
		if strings.Contains(l, "/bumdes/ubah") || strings.Contains(l, "/bumdes/tahun/") {
			t.Errorf("the diskop is offered the edit link %s", l)
		}
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post]').length`)); n != 0 {
		t.Errorf("the diskop's BUMDes page shows %d forms", n)
	}
	if strings.Contains(main, "Ubah profil") || strings.Contains(main, "Tambah unit") || strings.Contains(main, "Catat angka tahun") {
		t.Errorf("the diskop's page offers editing:\n%s", main)
	}
	if !strings.Contains(strings.Join(bsdLinks(t, ctx), " "), bbBumdes+"/laporan/2026") {
		t.Error("the diskop has no link to download the report")
	}
	bsdTablesInBox(t, ctx, "the diskop's BUMDes page")
}
