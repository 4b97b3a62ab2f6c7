package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPembinaanCakupanOnAPhone: the camat of Kediri reaches the
// coverage of the kecamatan from its page on a 360 px phone (the tables
// scroll in their boxes); the demo perangkat in post are listed as never
// trained when no session of theirs is recorded; the perbekel of Bengkel
// opens the desa's follow-up points.
func TestBrowserPembinaanCakupanOnAPhone(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02.06", "Kediri", "pembinaan-dari-kecamatan")
	bwClick(t, ctx, `a[href="/wilayah/51.02.06/pembinaan/cakupan"]`, "Cakupan pembinaan", "pembinaan-cakupan")
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-cakupan-unit tbody tr').length`))
	if err != nil || rows < 2 {
		t.Errorf("the per-desa table has %d rows (%v)", rows, err)
	}
	belum, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-belum-dilatih tbody tr').length`))
	if err != nil || belum < 1 {
		t.Errorf("the never-trained list has %d rows (%v)", belum, err)
	}
	btFitsPhone(t, ctx, "cakupan")
	bsOpen(t, ctx, base, "/wilayah/51.02.06/pembinaan/tindak-lanjut", "Tindak lanjut pembinaan", "pembinaan-tindak-lanjut-kecamatan")

	desa := btBrowser(t)
	bsSignInAs(t, desa, base, "perbekel.bengkel@tabanan.test")
	bsOpen(t, desa, base, "/desa/51.02.06.2001/pembinaan/tindak-lanjut", "Tindak lanjut pembinaan", "pembinaan-tindak-lanjut-desa")
}
