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
	btScreenshot(t, ctx, "perangkat-layar") // the first screen: tabs, heading, contents

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

// TestBrowserLayoutFitsPhoneAndUsesDesktop checks the shared layout on the
// Bengkel perbekel's pages. At 360 px: the desa's tabs are one row that
// scrolls sideways (they were three rows), starting at the open page's tab;
// the header shows the user's name whole. At 1280 px: the page uses the
// width, and the letter register is a table — each letter one row, its
// number, subject and addressee side by side in aligned columns.
func TestBrowserLayoutFitsPhoneAndUsesDesktop(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignIn(t, ctx, base)
	bsOpen(t, ctx, base, "/desa/"+bsDesa+"/profil", "Profil desa", "profil")

	type phone struct {
		Rows      int     `json:"rows"`
		Scrolls   bool    `json:"scrolls"`
		OpenLeft  float64 `json:"openLeft"`
		OpenRight float64 `json:"openRight"`
		NameWhole bool    `json:"nameWhole"`
		Name      string  `json:"name"`
		Title     string  `json:"title"`
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[phone](`(() => {
  const nav = document.querySelector('nav.sub');
  const tabs = [...nav.querySelectorAll('a:not(.kembali)')];
  const open = nav.querySelector('a[aria-current="page"]').getBoundingClientRect();
  const name = document.querySelector('.pengguna .nama');
  return {rows: new Set(tabs.map(a => Math.round(a.getBoundingClientRect().top))).size,
    scrolls: nav.scrollWidth > nav.clientWidth, openLeft: open.left, openRight: open.right,
    nameWhole: name.scrollHeight <= name.clientHeight + 1 && name.scrollWidth <= name.clientWidth + 1,
    name: name.textContent, title: name.title};
})()`))
	if err != nil {
		t.Fatalf("read the phone layout: %v", err)
	}
	if p.Rows != 1 {
		t.Errorf("the desa's tabs take %d rows on a phone, want 1", p.Rows)
	}
	if !p.Scrolls {
		t.Error("six tabs fit 360 px without scrolling: the test no longer checks the scrolling row")
	}
	if p.OpenLeft < 0 || p.OpenRight > btPhoneWidth {
		t.Errorf("the open page's tab is at %v–%v px, outside the %d px screen", p.OpenLeft, p.OpenRight, btPhoneWidth)
	}
	if !p.NameWhole || p.Name == "" || p.Title != p.Name {
		t.Errorf("the header cuts the user's name %q (title %q)", p.Name, p.Title)
	}
	// A long Balinese name (38 characters) still shows whole, on at most
	// three lines, with Keluar on screen.
	type header struct {
		Whole  bool    `json:"whole"`
		Lines  float64 `json:"lines"`
		Keluar float64 `json:"keluar"`
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[header](`(() => {
  const name = document.querySelector('.pengguna .nama');
  name.textContent = 'I Gusti Ngurah Made Oka Wiradana Putra';
  const lh = parseFloat(getComputedStyle(name).lineHeight);
  return {whole: name.scrollHeight <= name.clientHeight + 1, lines: Math.round(name.clientHeight / lh),
    keluar: document.querySelector('.pengguna button').getBoundingClientRect().right};
})()`))
	if err != nil {
		t.Fatalf("long name: %v", err)
	}
	if !h.Whole || h.Lines > 3 || h.Keluar > btPhoneWidth {
		t.Errorf("a 38-character name: whole %v on %v lines, Keluar ends at %v px", h.Whole, h.Lines, h.Keluar)
	}
	btScreenshot(t, ctx, "nama-panjang")

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btDesktopWidth, btDesktopHeight),
		chromedp.Navigate(base+"/desa/"+bsDesa+"/surat/keluar"), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
		t.Fatalf("open the register at %d px: %v", btDesktopWidth, err)
	}
	type desktop struct {
		Main     float64 `json:"main"`
		Rows     int     `json:"rows"`
		OneLine  int     `json:"oneLine"`
		Aligned  bool    `json:"aligned"`
		Overflow bool    `json:"overflow"`
	}
	d, err := chromedp.Run(ctx, chromedp.Evaluate[desktop](`(() => {
  const rows = [...document.querySelectorAll('main ul.daftar > li > a')];
  let oneLine = 0; const lefts = new Set();
  for (const a of rows) {
    const cells = [...a.children].map(c => c.getBoundingClientRect());
    if (cells.length === 3 && cells[0].right <= cells[1].left && cells[1].right <= cells[2].left &&
        Math.abs(cells[0].top - cells[1].top) < 8) oneLine++;
    lefts.add(cells.map(c => Math.round(c.left)).join(','));
  }
  return {main: document.querySelector('main').getBoundingClientRect().width, rows: rows.length, oneLine,
    aligned: lefts.size === 1, overflow: document.documentElement.scrollWidth > innerWidth};
})()`))
	if err != nil {
		t.Fatalf("read the desktop layout: %v", err)
	}
	if d.Main < 1000 {
		t.Errorf("main is %v px wide on a %d px screen", d.Main, btDesktopWidth)
	}
	if d.Rows == 0 || d.OneLine != d.Rows || !d.Aligned {
		t.Errorf("register at %d px: %d of %d letters on one row, columns aligned %v: not a table", btDesktopWidth, d.OneLine, d.Rows, d.Aligned)
	}
	if d.Overflow {
		t.Error("the desktop page scrolls sideways")
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
}
