package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRefusedFormOpensAtItsErrors submits the appointment form — at
// the bottom of the perangkat page, below every post of the desa — with a
// NIK whose date part is 31 February (the browser's own pattern check lets
// it through; the server's rule does not). The page that comes back must
// open at the form's summary of errors, not at its top, keep every value
// typed, and show the message next to the NIK field; following the
// summary's link lands on that field. No script is involved: the summary's
// autofocus does it.
func TestBrowserRefusedFormOpensAtItsErrors(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignIn(t, ctx, base)
	bsOpen(t, ctx, base, "/desa/"+bsDesa+"/perangkat", "Perangkat desa", "perangkat")

	const nik = "5102063102850001"
	form := `form[action$="/perangkat"]`
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#angkat-jabatan`), "kasi_pelayanan"),
		chromedp.SetValue(chromedp.CSS(`#angkat-status`), "plt"),
		chromedp.SendKeys(chromedp.CSS(`#angkat-nama`), "Ni Made Ayu Lestari"),
		chromedp.SendKeys(chromedp.CSS(`#angkat-nik`), nik),
		chromedp.SendKeys(chromedp.CSS(`#angkat-sk_nomor`), "141/07/HK/2026"),
		chromedp.SetValue(chromedp.CSS(`#angkat-sk_tanggal`), "2026-01-05"),
		chromedp.SetValue(chromedp.CSS(`#angkat-mulai`), "2026-01-06"),
	); err != nil {
		t.Fatalf("fill the appointment form: %v", err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(form+` button[type=submit]`)))
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	if resp == nil || resp.Status != 422 {
		t.Fatalf("refused form answered %v, want 422", resp)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#angkat-galat`))); err != nil {
		t.Fatalf("no summary: %v", err)
	}

	// The page opened at the summary: it has the focus and is on screen,
	// although the page is far longer than the phone's screen.
	type view struct {
		Focus     string  `json:"focus"`
		Top       float64 `json:"top"`
		Bottom    float64 `json:"bottom"`
		ScrollY   float64 `json:"scrollY"`
		Height    float64 `json:"height"`
		Page      float64 `json:"page"`
		NIK       string  `json:"nik"`
		Nama      string  `json:"nama"`
		Status    string  `json:"status"`
		Jabatan   string  `json:"jabatan"`
		SKTanggal string  `json:"skTanggal"`
		NIKNote   string  `json:"nikNote"`
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[view](`(() => {
  const s = document.getElementById('angkat-galat').getBoundingClientRect();
  const nik = document.getElementById('angkat-nik');
  const note = document.getElementById(nik.getAttribute('aria-describedby') || '');
  return {focus: document.activeElement.id, top: s.top, bottom: s.bottom, scrollY: window.scrollY,
    height: window.innerHeight, page: document.documentElement.scrollHeight,
    nik: nik.value, nama: document.getElementById('angkat-nama').value,
    status: document.getElementById('angkat-status').value, jabatan: document.getElementById('angkat-jabatan').value,
    skTanggal: document.getElementById('angkat-sk_tanggal').value, nikNote: note ? note.textContent : ''};
})()`))
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	if v.Focus != "angkat-galat" {
		t.Errorf("focus is on %q, want the summary", v.Focus)
	}
	if v.Page > 2*v.Height && v.ScrollY == 0 {
		t.Errorf("the %v px page opened at its top, not at the form", v.Page)
	}
	if v.Top < 0 || v.Top > v.Height {
		t.Errorf("summary at %v px of a %v px screen: not in view", v.Top, v.Height)
	}
	if v.NIK != nik || v.Nama != "Ni Made Ayu Lestari" || v.Status != "plt" || v.Jabatan != "kasi_pelayanan" || v.SKTanggal != "2026-01-05" {
		t.Errorf("values not kept: %+v", v)
	}
	if !strings.Contains(v.NIKNote, "NIK tidak sah") {
		t.Errorf("the NIK field names message %q", v.NIKNote)
	}
	// What the phone shows as the page opens, then the whole page.
	btScreenshot(t, ctx, "perangkat-galat-layar")
	bsShot(t, ctx, "perangkat-galat")

	// The summary's link leads to the field.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#angkat-galat a[href="#angkat-nik"]`))); err != nil {
		t.Fatalf("follow the summary's link: %v", err)
	}
	type place struct {
		Label float64 `json:"label"`
		Input float64 `json:"input"`
	}
	at, err := chromedp.Run(ctx, chromedp.Evaluate[place](`({
  label: document.querySelector('label[for="angkat-nik"]').getBoundingClientRect().top,
  input: document.getElementById('angkat-nik').getBoundingClientRect().bottom})`))
	if err != nil || at.Label < 0 || at.Input > btPhoneHeight {
		t.Errorf("after the link the NIK field's label is at %v px and its input ends at %v px (%v): not both in view", at.Label, at.Input, err)
	}
}
