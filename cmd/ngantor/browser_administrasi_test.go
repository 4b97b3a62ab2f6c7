package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// baFind runs js (an expression yielding an element id, "" for none) and
// fails the test when nothing matches: a CSS selector for the element.
func baFind(t *testing.T, ctx context.Context, what, js string) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil || id == "" {
		t.Fatalf("find %s: %q %v; the page says:\n%s", what, id, err, bsMain(t, ctx))
	}
	return "#" + id
}

// baSubmit clicks a form's submit button, waits for the page it leads to
// and checks it like bsCheckPage; ok is the success note the page must show.
func baSubmit(t *testing.T, ctx context.Context, button, path, heading, shot, ok string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		t.Fatalf("%s: submit %s: %v", shot, button, err)
	}
	if galat, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.ringkasan-galat')].map(e => e.innerText).join(' | ')`)); galat != "" {
		t.Fatalf("%s: the form was refused: %s", shot, galat)
	}
	bsCheckPage(t, ctx, resp, path, heading, shot)
	if ok != "" {
		if note, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('p.berhasil')||{}).innerText||''`)); !strings.Contains(note, ok) {
			t.Fatalf("%s: success note is %q, want %q", shot, note, ok)
		}
	}
}

// TestBrowserPerbekelKeepsTheDesaRecords walks, on a 360 px phone and on the
// pages alone, what a perbekel of Bengkel does to keep the desa's records:
// add a lembaga, end a BPD member's seat and seat a new member, rename a
// banjar dinas (typing its kind, which must not come out twice), and record
// a perangkat's dismissal from a date ahead, who stays on the org chart
// until then.
func TestBrowserPerbekelKeepsTheDesaRecords(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignIn(t, ctx, base)
	today := civil.Today(time.Now(), tenancy.Kode(bsDesa))
	desa := "/desa/" + bsDesa

	// A new lembaga.
	bsOpen(t, ctx, base, desa+"/lembaga", "BPD dan lembaga desa", "admin-lembaga")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#lembaga-jenis`), "posyandu"),
		chromedp.SendKeys(chromedp.CSS(`#lembaga-nama`), "Posyandu Mawar"),
		chromedp.SendKeys(chromedp.CSS(`#lembaga-sk_nomor`), "Keputusan Perbekel Bengkel Nomor 12/2026"),
		chromedp.SetValue(chromedp.CSS(`#lembaga-sk_tanggal`), string(today)),
	); err != nil {
		t.Fatalf("fill the lembaga form: %v", err)
	}
	baSubmit(t, ctx, `form[action="`+desa+`/lembaga"] button[type=submit]`, desa+"/lembaga", "BPD dan lembaga desa", "admin-lembaga-baru", "Lembaga tersimpan")
	if !strings.Contains(bsMain(t, ctx), "Posyandu Mawar") {
		t.Fatal("the new lembaga is not listed")
	}

	// End a BPD member's seat.
	const keluar = "I Komang Adi Putra"
	li := baFind(t, ctx, "the seat of "+keluar, `(() => {
  const li = [...document.querySelectorAll('li[id^="anggota-"]')].find(l => l.querySelector('.nama').textContent.trim() === '`+keluar+`');
  return li ? li.id : '';
})()`)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(li+` details:nth-of-type(2) > summary`)),
		chromedp.SetValue(chromedp.CSS(li+` input[name=tanggal]`), string(today)),
		chromedp.SetValue(chromedp.CSS(li+` select[name=alasan]`), "permintaan sendiri"),
	); err != nil {
		t.Fatalf("fill the end of the seat: %v", err)
	}
	bsShot(t, ctx, "admin-lembaga-akhiri-isi")
	baSubmit(t, ctx, li+` form[action$="/berhenti"] button[type=submit]`, desa+"/lembaga", "BPD dan lembaga desa", "admin-lembaga-diakhiri", "Keanggotaan diakhiri")

	// Seat a new member in the BPD.
	bpd := baFind(t, ctx, "the BPD", `(() => {
  const s = [...document.querySelectorAll('section[id^="lembaga-"]')].find(s => s.querySelector('h2').textContent.startsWith('BPD'));
  return s ? s.id : '';
})()`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const s = [...document.querySelector('`+bpd+`').querySelectorAll(':scope > details > summary')].find(s => s.textContent.trim() === 'Tambah anggota');
  s.click(); return true;
})()`)); err != nil {
		t.Fatalf("open the member form: %v", err)
	}
	add := bpd + ` form[action$="/anggota"]`
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(add+` input[name=nama]`), "Ni Kadek Ayu Lestari"),
		chromedp.SendKeys(chromedp.CSS(add+` input[name=jabatan]`), "Anggota"),
		chromedp.SetValue(chromedp.CSS(add+` input[name=mulai]`), string(today)),
		chromedp.SetValue(chromedp.CSS(add+` input[name=selesai]`), string(today.AddDate(8, 0, 0))),
	); err != nil {
		t.Fatalf("fill the member form: %v", err)
	}
	baSubmit(t, ctx, add+` button[type=submit]`, desa+"/lembaga", "BPD dan lembaga desa", "admin-lembaga-anggota-baru", "Anggota lembaga tersimpan")
	main := bsMain(t, ctx)
	if !strings.Contains(main, "Ni Kadek Ayu Lestari") || !strings.Contains(main, "Riwayat anggota (1)") {
		t.Fatalf("the BPD after the change:\n%s", main)
	}

	// A second ketua is refused inside the form, which opens again with
	// what was typed and takes the focus.
	bpd = baFind(t, ctx, "the BPD", `(() => {
  const s = [...document.querySelectorAll('section[id^="lembaga-"]')].find(s => s.querySelector('h2').textContent.startsWith('BPD'));
  return s ? s.id : '';
})()`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const s = [...document.querySelector('`+bpd+`').querySelectorAll(':scope > details > summary')].find(s => s.textContent.trim() === 'Tambah anggota');
  s.click(); return true;
})()`)); err != nil {
		t.Fatalf("open the member form: %v", err)
	}
	add = bpd + ` form[action$="/anggota"]`
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(add+` input[name=nama]`), "I Made Ketua Kedua"),
		chromedp.SendKeys(chromedp.CSS(add+` input[name=jabatan]`), "Ketua"),
		chromedp.SetValue(chromedp.CSS(add+` input[name=mulai]`), string(today)),
		chromedp.SetValue(chromedp.CSS(add+` input[name=selesai]`), string(today.AddDate(8, 0, 0))),
		chromedp.Click(chromedp.CSS(add+` button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.ringkasan-galat`)),
	); err != nil {
		t.Fatalf("a second ketua: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
  const a = document.activeElement;
  const f = a && a.closest('form');
  return (a && a.className) + ' | ' + (a && a.innerText) + ' | ' + (f ? f.querySelector('input[name=nama]').value : '');
})()`))
	if err != nil || !strings.HasPrefix(got, "ringkasan-galat") || !strings.Contains(got, "sudah memiliki ketua aktif") || !strings.HasSuffix(got, "I Made Ketua Kedua") {
		t.Fatalf("refused second ketua: focus and form are %q (%v)", got, err)
	}
	bsShot(t, ctx, "admin-lembaga-ketua-ditolak")

	// Rename a banjar, typing its kind in front.
	bsOpen(t, ctx, base, desa+"/perangkat", "Perangkat desa", "admin-perangkat")
	dusun := baFind(t, ctx, "Banjar Dinas Pangkung Prabu", `(() => {
  const li = [...document.querySelectorAll('li[id^="dusun-"]')].find(l => l.querySelector('.nama').textContent.trim() === 'Banjar Dinas Pangkung Prabu');
  return li ? li.id : '';
})()`)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(dusun+` details:nth-of-type(1) > summary`)),
		chromedp.Clear(chromedp.CSS(dusun+` input[name=nama_dusun]`)),
		chromedp.SendKeys(chromedp.CSS(dusun+` input[name=nama_dusun]`), "Banjar Dinas Pangkung Prabu Kaja"),
	); err != nil {
		t.Fatalf("fill the new name: %v", err)
	}
	baSubmit(t, ctx, dusun+` form:not([action$="/hapus"]) button[type=submit]`, desa+"/perangkat", "Perangkat desa", "admin-dusun-diubah", "Dusun/banjar tersimpan")
	main = bsMain(t, ctx)
	if !strings.Contains(main, "Banjar Dinas Pangkung Prabu Kaja") || strings.Contains(main, "Banjar Dinas Banjar") {
		t.Fatalf("the banjar after renaming:\n%s", main)
	}

	// Dismiss the kaur perencanaan from a date three weeks ahead.
	const kaur = "I Ketut Budiarta"
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
  const li = [...document.querySelectorAll('ul.daftar > li')].find(l => (l.querySelector('.nama')||{}).textContent === '`+kaur+`');
  return li ? li.querySelector('a[href*="/perangkat/"]').getAttribute('href') : '';
})()`))
	if err != nil || href == "" {
		t.Fatalf("the card of %s has no link to its page (%v)", kaur, err)
	}
	bsOpen(t, ctx, base, href, "Kepala Urusan Perencanaan", "admin-perangkat-rinci")
	berhenti := today.AddDate(0, 0, 21)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#berhenti-tanggal`), string(berhenti)),
		chromedp.SetValue(chromedp.CSS(`#berhenti-alasan`), "permintaan sendiri"),
		chromedp.SendKeys(chromedp.CSS(`#berhenti-sk_nomor`), "Keputusan Perbekel Bengkel Nomor 31/2026"),
		chromedp.SetValue(chromedp.CSS(`#berhenti-sk_tanggal`), string(today)),
	); err != nil {
		t.Fatalf("fill the dismissal: %v", err)
	}
	baSubmit(t, ctx, `form[action$="/berhenti"] button[type=submit]`, href, "Kepala Urusan Perencanaan", "admin-perangkat-berhenti", "yang bersangkutan tetap menjabat")
	main = bsMain(t, ctx)
	for _, want := range []string{"Keputusan Perbekel Bengkel Nomor 31/2026", "Berhenti mulai", berhenti.String(), "Menjabat"} {
		if !strings.Contains(main, want) {
			t.Errorf("the post's page lacks %q:\n%s", want, main)
		}
	}

	// Still on the org chart until then.
	bsOpen(t, ctx, base, desa+"/perangkat/bagan", "Bagan organisasi pemerintah desa", "admin-bagan")
	card, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
  const k = [...document.querySelectorAll('.kartu')].find(k => k.textContent.includes('Kepala Urusan Perencanaan'));
  return k ? k.innerText : '';
})()`))
	if err != nil || !strings.Contains(card, kaur) || strings.Contains(card, "kosong") {
		t.Fatalf("org chart card of the kaur perencanaan: %q (%v)", card, err)
	}
}
