package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDasborReadsOnAPhone: the bupati reaches the kabupaten's
// visit dashboard from the kabupaten page and reads it on a 360 px phone
// (its tables scroll inside their boxes, the page does not); the camat of
// Kediri opens the kecamatan's, with its coaching list.
func TestBrowserDasborReadsOnAPhone(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "bupati@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "dasbor-dari-kabupaten")
	bwClick(t, ctx, `a[href="/wilayah/51.02/dasbor"]`, "Dasbor kunjungan kerja", "dasbor-kabupaten")
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-desa tbody tr').length`))
	if err != nil || n != 133 {
		t.Fatalf("the dashboard lists %d desa (%v), want Tabanan's 133", n, err)
	}
	k, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-kecamatan tbody tr').length`))
	if err != nil || k != 10 {
		t.Errorf("the dashboard lists %d kecamatan (%v), want 10", k, err)
	}
	btFitsPhone(t, ctx, "kabupaten dashboard")

	ctx = btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02.06/dasbor", "Dasbor kunjungan kerja", "dasbor-kecamatan")
	if h, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#judul-pembinaan`))); err != nil || h == "" {
		t.Errorf("the camat's dashboard has no coaching list (%v)", err)
	}
	btFitsPhone(t, ctx, "kecamatan dashboard")
}
