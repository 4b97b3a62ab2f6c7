package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserKonsultasiOnAPhone: the sekdes of Bengkel asks the kecamatan
// from the desa's page on a 360 px phone; the kasi tapem of Kediri finds
// the thread on the kecamatan's list and answers it on the thread page.
func TestBrowserKonsultasiOnAPhone(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, demoSekdesBengkel)
	bsOpen(t, ctx, base, "/desa/51.02.06.2001/konsultasi", "Konsultasi", "konsultasi-desa")
	btFitsPhone(t, ctx, "desa list")
	if err := chromedp.Do(ctx,
		chromedp.Click(`#konsultasi-baru summary`),
		chromedp.SetValue(`#form-konsultasi select[name="topik"]`, "sotk"),
		chromedp.SendKeys(`#form-konsultasi input[name="judul"]`, "Uraian tugas kaur perencanaan"),
		chromedp.SendKeys(`#form-konsultasi textarea[name="isi"]`, "Mohon contoh uraian tugas kaur perencanaan yang sesuai Permendagri."),
	); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `#form-konsultasi button[type=submit]`, "Uraian tugas kaur perencanaan", "konsultasi-terkirim")
	btFitsPhone(t, ctx, "thread (desa)")
	if s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`))); err != nil || s != "Baru" {
		t.Errorf("status %q (%v)", s, err)
	}

	ctx = btBrowser(t)
	bsSignInAs(t, ctx, base, "tapem.kediri@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02.06/konsultasi?status=baru", "Konsultasi desa", "konsultasi-kecamatan")
	btFitsPhone(t, ctx, "kecamatan list")
	// Bengkel's only unanswered thread is the new one (the demo's are answered).
	bwClick(t, ctx, `article.kartu a[href*="/desa/51.02.06.2001/konsultasi/"]`, "Uraian tugas kaur perencanaan", "konsultasi-buka")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#pesan li').length`)); err != nil || n != 1 {
		t.Errorf("%d messages before the answer (%v)", n, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(`#form-pesan textarea[name="isi"]`, "Terlampir contoh dari Permendagri 84/2015.")); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `#form-pesan button[type=submit]`, "", "konsultasi-dijawab")
	btFitsPhone(t, ctx, "thread (kecamatan)")
	if s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`))); err != nil || s != "Dijawab" {
		t.Errorf("status after the answer %q (%v)", s, err)
	}
}
