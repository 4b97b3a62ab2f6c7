package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/modules/pembinaan"
)

// TestBrowserPembinaanHadirOnAPhone: the camat of Kediri at the door of
// the demo pembinaan at Bengkel, on a 360 px phone: finds a perangkat by
// name (a GET form, no script), ticks and unticks them, each time back at
// the same search; then opens the printable daftar hadir.
func TestBrowserPembinaanHadirOnAPhone(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	sesi := "/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel
	bsOpen(t, ctx, base, sesi, "Pembinaan pelayanan administrasi", "pembinaan-sesi")
	btFitsPhone(t, ctx, "session")
	bwClick(t, ctx, `a[href="`+sesi+`/hadir"]`, "Kehadiran", "pembinaan-hadir")
	btFitsPhone(t, ctx, "door")

	nama, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.hadir-orang:first-child .hadir-nama strong`)))
	if err != nil || nama == "" {
		t.Fatalf("no perangkat on the door's list (%v)", err)
	}
	kata := strings.Fields(nama)[len(strings.Fields(nama))-1]
	if err := chromedp.Do(ctx, chromedp.SendKeys(`#cari-nama`, kata)); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `.hadir-cari button`, "Kehadiran", "pembinaan-hadir-cari")
	sel := `.hadir-orang:first-child`
	hadir := func() bool {
		c, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').classList.contains('hadir-ya')`))
		if err != nil {
			t.Fatalf("state: %v", err)
		}
		return c
	}
	before := hadir()
	for i := 0; i < 2; i++ {
		loc := bwClick(t, ctx, sel+` form button`, "Kehadiran", "pembinaan-hadir-centang")
		if !strings.Contains(loc, "q=") {
			t.Errorf("the tick left the search: %s", loc)
		}
		if now := hadir(); now == before {
			t.Errorf("click %d did not change %q's attendance", i+1, nama)
		} else {
			before = now
		}
		btFitsPhone(t, ctx, "door after a tick")
	}
	bsOpen(t, ctx, base, sesi+"/daftar-hadir", "Daftar hadir", "pembinaan-daftar-hadir")
	if rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.daftar-hadir-tabel tbody tr').length`)); err != nil || rows == 0 {
		t.Errorf("the daftar hadir has %d rows (%v)", rows, err)
	}
	btFitsPhone(t, ctx, "daftar hadir")
}
