package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/platform/civil"
)

// Browser story of a field visit (issue 14) on a 360 px phone: the
// bupati's office schedules a visit to Bengkel through the form, the
// perbekel adds an issue the desa wants raised, the office opens the day
// and records DLH's commitment, and DLH finds the visit in its list and
// updates its commitment.

// bkjSet sets a form control's value as a user's pick would (a date
// input's typing depends on the browser's locale; a select by value).
func bkjSet(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("set %s: %v", sel, err)
	}
}

func bkjMain(t *testing.T, ctx context.Context, want ...string) string {
	t.Helper()
	main := bkText(t, ctx, `main`)
	for _, w := range want {
		if !strings.Contains(main, w) {
			t.Errorf("the page lacks %q:\n%s", w, main)
		}
	}
	return main
}

func TestBrowserKunjunganJadwalUsulanKomitmen(t *testing.T) {
	base, a := btStartDevApp(t)
	dlh, err := a.opd.ByKode(context.Background(), demoKabupaten, "DLH")
	if err != nil {
		t.Fatal(err)
	}
	today := civil.Today(time.Now(), "51.02.06.2001")

	// The office: the list → Jadwalkan kunjungan → a date too far ahead, refused → the
	// visit's page.
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "admin@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02/kunjungan", "Kunjungan kerja", "kunjungan-daftar")
	bwClick(t, ctx, `#jadwalkan`, "Jadwalkan kunjungan", "kunjungan-baru")
	bkjSet(t, ctx, `#kunjungan-desa`, "51.02.06.2001")
	bkjSet(t, ctx, `#kunjungan-tanggal`, string(today.AddDate(2, 0, 0)))
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name=opd][value="`+dlh.ID+`"]').closest('details').open = true`),
		chromedp.Click(chromedp.CSS(`input[name=opd][value="`+dlh.ID+`"]`)),
	); err != nil {
		t.Fatalf("tick DLH: %v", err)
	}
	bkjSet(t, ctx, `#kunjungan-agenda_jenis_0`, "tps3r")
	bsdRetype(t, ctx, `#kunjungan-agenda_judul_0`, "Peninjauan TPS3R Bestari")
	bsdRetype(t, ctx, `#kunjungan-judul`, "Bupati Ngantor di Desa Bengkel 2027")
	if status, _ := bsdSubmit(t, ctx, `#form-kunjungan button[type=submit]`); status != 422 {
		t.Fatalf("a date two years ahead answered %d, want 422", status)
	}
	bsShot(t, ctx, "kunjungan-baru-ditolak")
	bkjMain(t, ctx, "Tanggal")
	if checked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name=opd][value="`+dlh.ID+`"]').checked`)); !checked {
		t.Error("the refused form lost the ticked OPD")
	}
	bkjSet(t, ctx, `#kunjungan-tanggal`, string(today.AddDate(0, 0, 12)))
	status, loc := bsdSubmit(t, ctx, `#form-kunjungan button[type=submit]`)
	if status != 200 || !strings.Contains(loc, "/kunjungan/") {
		t.Fatalf("scheduling answered %d at %s", status, loc)
	}
	visit := strings.SplitN(loc, "?", 2)[0]
	path := strings.TrimPrefix(visit, base)
	btFitsPhone(t, ctx, path)
	bsShot(t, ctx, "kunjungan-lihat-kantor")
	bkjMain(t, ctx, "Kunjungan terjadwal", "Peninjauan TPS3R Bestari", "Dinas Lingkungan Hidup", "Direncanakan")

	// The perbekel adds an issue.
	pctx := btBrowser(t)
	bsSignInAs(t, pctx, base, "perbekel.bengkel@tabanan.test")
	bsOpen(t, pctx, base, path, "Bupati Ngantor di Desa Bengkel 2027", "kunjungan-lihat-perbekel")
	bsdRetype(t, pctx, `#usulan-judul`, "Jalan usaha tani Pangkung Prabu rusak")
	bsdRetype(t, pctx, `#usulan-keterangan`, "Dua kilometer jalan subak berlubang sejak musim hujan.")
	if status, _ := bsdSubmit(t, pctx, `#aksi-usulan button[type=submit]`); status != 200 {
		t.Fatalf("the issue answered %d", status)
	}
	bkjMain(t, pctx, "Usulan desa tersimpan", "Jalan usaha tani Pangkung Prabu rusak", "usulan desa")
	if n, _ := chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelectorAll('#aksi-mulai, #catat-komitmen, #dossier').length`)); n != 0 {
		t.Errorf("the perbekel sees %d of the office's forms", n)
	}
	bsShot(t, pctx, "kunjungan-usulan-desa")

	// The office opens the day and records DLH's commitment.
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(visit)); err != nil {
		t.Fatal(err)
	}
	if status, _ := bsdSubmit(t, ctx, `#aksi-mulai button`); status != 200 {
		t.Fatalf("mulai answered %d", status)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#catat-komitmen summary`))); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, `#komitmen-isi`, "Menambah armada pengangkut residu TPS3R Bestari dua kali seminggu.")
	bkjSet(t, ctx, `#komitmen-penanggung`, dlh.ID)
	bkjSet(t, ctx, `#komitmen-tenggat`, string(today.AddDate(0, 3, 0)))
	if status, _ := bsdSubmit(t, ctx, `#aksi-komitmen button[type=submit]`); status != 200 {
		t.Fatalf("the commitment answered %d", status)
	}
	bkjMain(t, ctx, "Komitmen tercatat", "Berlangsung", "Menambah armada pengangkut residu")

	// DLH finds the visit in its list and updates its commitment.
	dctx := btBrowser(t)
	bsSignInAs(t, dctx, base, "dlh@tabanan.test")
	bsOpen(t, dctx, base, "/wilayah/51.02/kunjungan", "Kunjungan kerja", "kunjungan-daftar-dlh")
	bkjMain(t, dctx, "Bupati Ngantor di Desa Bengkel 2027", "Dinas Lingkungan Hidup")
	bsOpen(t, dctx, base, path, "Bupati Ngantor di Desa Bengkel 2027", "kunjungan-lihat-dlh")
	if err := chromedp.Do(dctx, chromedp.Click(chromedp.CSS(`#daftar-komitmen details summary`))); err != nil {
		t.Fatal(err)
	}
	sel, _ := chromedp.Run(dctx, chromedp.Evaluate[string](`document.querySelector('#daftar-komitmen form').id`))
	kid := strings.TrimPrefix(sel, "aksi-kemajuan-")
	bkjSet(t, dctx, `#kemajuan-`+kid+`-status`, "selesai")
	if status, _ := bsdSubmit(t, dctx, `#`+sel+` button[type=submit]`); status != 422 {
		t.Fatalf("selesai without evidence answered %d, want 422", status)
	}
	bkjMain(t, dctx, "Bukti")
	bsdRetype(t, dctx, `#kemajuan-`+kid+`-bukti`, "Truk residu tambahan dijadwalkan Senin dan Kamis.")
	if status, _ := bsdSubmit(t, dctx, `#`+sel+` button[type=submit]`); status != 200 {
		t.Fatalf("the progress answered %d", status)
	}
	bkjMain(t, dctx, "Kemajuan komitmen tersimpan", "Truk residu tambahan")
	btFitsPhone(t, dctx, path)
	bsShot(t, dctx, "kunjungan-komitmen-dlh")
}
