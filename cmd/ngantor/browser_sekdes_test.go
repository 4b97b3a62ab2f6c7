package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestBrowserSekdesKeepsTheCorrespondence walks the sekdes of Bengkel's
// day at the tata usaha desk on a 360 px phone, on the pages alone:
// register an incoming letter picking its klasifikasi by words, attach
// its scan and download it back; number an undangan picking the code by
// words; and download the buku agenda surat keluar of the year as XLSX,
// which must list that undangan.
func TestBrowserSekdesKeepsTheCorrespondence(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, demoSekdesBengkel)
	surat := "/desa/" + bsDesa + "/surat"

	// Surat masuk: the form at the foot of the register.
	bsOpen(t, ctx, base, surat+"/masuk", "Buku Agenda Surat Masuk", "sekdes-surat-masuk")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#nomor_surat`), "005/118/Kec.Kdr/2026"),
		chromedp.SetValue(chromedp.CSS(`#tanggal_surat`), bsToday(t, ctx)),
		chromedp.SendKeys(chromedp.CSS(`#pengirim`), "Camat Kediri"),
		chromedp.SendKeys(chromedp.CSS(`#perihal`), "Undangan rapat koordinasi perbekel dan sekdes"),
		chromedp.SendKeys(chromedp.CSS(`#klasifikasi`), "rapat"),
	); err != nil {
		t.Fatalf("fill surat masuk: %v", err)
	}
	// Without script: "Cari kode" asks the server, which fills the one
	// matching code and keeps what was typed.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#cari-klasifikasi`)))
	if err != nil {
		t.Fatalf("search klasifikasi: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/masuk?cari=1", "Buku Agenda Surat Masuk", "sekdes-surat-masuk-cari")
	if v := bsValue(t, ctx, `#klasifikasi`); v != "000.1.5" {
		t.Fatalf("after searching “rapat” the field holds %q, want 000.1.5 (Rapat Pimpinan)", v)
	}
	if v := bsValue(t, ctx, `#pengirim`); v != "Camat Kediri" {
		t.Fatalf("the search lost the typed sender: %q", v)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#catat-surat-masuk button[type=submit]:not(#cari-klasifikasi)`)))
	if err != nil {
		t.Fatalf("record surat masuk: %v", err)
	}
	bsCheckPage(t, ctx, resp, "surat masuk detail", "Undangan rapat koordinasi", "sekdes-surat-masuk-baru")

	// Its scan, uploaded and downloaded back.
	scan := filepath.Join(t.TempDir(), "undangan camat.pdf")
	pdf := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	if err := os.WriteFile(scan, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#lampiran-berkas`), []string{scan})); err != nil {
		t.Fatalf("choose the scan: %v", err)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#unggah-lampiran button[type=submit]`)))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	bsCheckPage(t, ctx, resp, "surat masuk after upload", "Undangan rapat koordinasi", "sekdes-surat-masuk-lampiran")
	link, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-lampiran`), "href"))
	href := link.Value
	if err != nil || href == "" {
		t.Fatalf("no download link after the upload: %v\n%s", err, bsMain(t, ctx))
	}
	if got := bsFetchType(t, ctx, base+href, "application/pdf"); !bytes.Equal(got, pdf) {
		t.Fatalf("the downloaded attachment differs from the upload: %q", got)
	}
	if text := bsMain(t, ctx); !strings.Contains(text, "undangan_camat.pdf") {
		t.Errorf("the page does not name the attachment:\n%s", text)
	}

	// A surat dinas: an undangan, its code found by words.
	bsOpen(t, ctx, base, surat+"/keluar", "Buku Agenda Surat Keluar", "sekdes-surat-keluar")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#beri-nomor-dinas`)))
	if err != nil {
		t.Fatalf("open the surat dinas form: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/keluar/baru", "Beri Nomor Surat Dinas", "sekdes-surat-dinas")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#jenis`), "undangan"),
		chromedp.SendKeys(chromedp.CSS(`#klasifikasi`), "rapat pimpinan"),
		chromedp.SendKeys(chromedp.CSS(`#tujuan`), "Kelian Banjar Dinas se-Desa Bengkel"),
		chromedp.SendKeys(chromedp.CSS(`#perihal`), "Undangan rapat persiapan Musyawarah Desa"),
	); err != nil {
		t.Fatalf("fill surat dinas: %v", err)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#cari-klasifikasi`)))
	if err != nil {
		t.Fatalf("search klasifikasi: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/keluar/baru?cari=1", "Beri Nomor Surat Dinas", "sekdes-surat-dinas-cari")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pilih-0`))); err != nil {
		t.Fatalf("choose the code: %v\n%s", err, bsMain(t, ctx))
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#beri-nomor`)))
	if err != nil {
		t.Fatalf("number the letter: %v", err)
	}
	bsCheckPage(t, ctx, resp, "surat dinas result", "Surat Undangan", "sekdes-surat-dinas-hasil")
	nomor, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#nomor-surat`)))
	if err != nil {
		t.Fatal(err)
	}
	nomor = strings.TrimSpace(nomor)
	if !regexp.MustCompile(`^000\.1\.5/\d{3}/2001/[IVX]+/\d{4}$`).MatchString(nomor) {
		t.Fatalf("undangan numbered %q, want 000.1.5/NNN/2001/<bulan>/<tahun>", nomor)
	}

	// The buku agenda surat keluar of this year, as XLSX from the register.
	bsOpen(t, ctx, base, surat+"/keluar", "Buku Agenda Surat Keluar", "sekdes-surat-keluar-agenda")
	tahun, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#agenda-tahun`)))
	if err != nil || tahun == "" {
		t.Fatalf("the agenda form has no year: %v", err)
	}
	form, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#form-agenda`), "action"))
	if err != nil {
		t.Fatal(err)
	}
	action := form.Value
	// The form's own GET (the XLSX button), fetched with the session as
	// the browser's download would be.
	xlsx := bsFetchType(t, ctx, base+action+"?tahun="+tahun+"&format=xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatalf("the buku agenda is not an XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 6 || rows[0][0] != "Buku Agenda Surat Keluar" || !strings.Contains(rows[1][0], "Desa Bengkel") {
		t.Fatalf("the XLSX's header: %q", rows)
	}
	found := false
	for _, r := range rows[5:] {
		if len(r) > 6 && r[1] == nomor && r[6] == "Undangan rapat persiapan Musyawarah Desa" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the buku agenda lacks the undangan %s:\n%q", nomor, rows)
	}
	bsSave(t, "buku-agenda-surat-keluar.xlsx", xlsx)

	// The numbering settings: a format tried with the preview, not saved.
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`nav.sub a[href$="/pengaturan"]`)))
	if err != nil {
		t.Fatalf("open the numbering settings: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/pengaturan", "Pengaturan Nomor Surat", "sekdes-pengaturan")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#format`), "{kode}/{nomor:4}/Bkl/{tahun}")); err != nil {
		t.Fatal(err)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#pratinjau-nomor`)))
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/pengaturan?pratinjau=1", "Pengaturan Nomor Surat", "sekdes-pengaturan-pratinjau")
	contoh, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#pratinjau`)))
	if err != nil || !regexp.MustCompile(`000\.1/\d{4}/Bkl/\d{4}`).MatchString(contoh) {
		t.Fatalf("the preview shows %q (%v), want 000.1/NNNN/Bkl/<tahun>", contoh, err)
	}
}

// bsValue is the current value of the input sel.
func bsValue(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// bsToday is the max of the page's date inputs: today at the kantor desa.
func bsToday(t *testing.T, ctx context.Context) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#tanggal_surat`), "max"))
	if err != nil || v.Value == "" {
		t.Fatalf("no max date on the form: %v", err)
	}
	return v.Value
}
