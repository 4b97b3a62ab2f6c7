package main

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/platform/civil"
)

// Browser tests of pengelolaan sampah (issue 11) for the desa's own roles:
// the petugas at the scale and at the TPS3R gate on a phone, and the
// perbekel managing prices, facilities and the iuran ledger.

const (
	bsdSampah  = "/desa/" + bsDesa + "/sampah"
	bsdPetugas = "petugas.bengkel@tabanan.test"
)

// bsdLinks is every link the user can see on the page (header, tabs and
// main), as paths.
func bsdLinks(t *testing.T, ctx context.Context) []string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href]')]
  .filter(a => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden')
  .map(a => { const u = new URL(a.href, location.href); return u.origin === location.origin ? u.pathname : u.href; })`))
	if err != nil {
		t.Fatalf("read links: %v", err)
	}
	return s
}

// bsdNoLinkTo fails when a visible link of the page leads under one of the
// parts named (keuangan, surat, perangkat …): a role that cannot open a
// page should not be offered it.
func bsdNoLinkTo(t *testing.T, ctx context.Context, page string, parts ...string) {
	t.Helper()
	for _, l := range bsdLinks(t, ctx) {
		for _, p := range parts {
			if strings.Contains(l, p) {
				t.Errorf("%s offers the petugas a link to %s", page, l)
			}
		}
	}
}

// bsdClick clicks the visible link of main or the tabs whose text, or
// its first line, is text, and checks the page it leads to.
func bsdClick(t *testing.T, ctx context.Context, text, heading, shot string) string {
	t.Helper()
	sel := bsdMark(t, ctx, "link "+text, `[...document.querySelectorAll('main a, nav a')].find(a => a.getClientRects().length > 0 &&
  (a.innerText.trim() === `+jsString(text)+` || a.innerText.trim().split('\n')[0].trim() === `+jsString(text)+`))`, "bsd-klik")
	return bwClick(t, ctx, sel, heading, shot)
}

// bsdSubmit clicks sel, a submit button, and returns the answer of the
// page it leads to.
func bsdSubmit(t *testing.T, ctx context.Context, sel string) (int64, string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("submit %s: %v", sel, err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if resp == nil {
		return 0, loc
	}
	return resp.Status, loc
}

// bsdDecimal reads a number as the pages write it: 1.234,5.
func bsdDecimal(t *testing.T, s string) float64 {
	t.Helper()
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "Rp"))
	s = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), ".", ""), ",", ".")
	if s == "" || s == "–" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number as the page writes one: %q", s)
	}
	return v
}

// bsdTablesInBox fails when a table of the page is wider than the phone
// without a box of its own to scroll in.
func bsdTablesInBox(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main table')]
  .filter(tb => tb.getBoundingClientRect().width > innerWidth && !tb.closest('.tabel-lebar'))
  .map(tb => tb.id || tb.className)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("%s: tables wider than the phone outside a scrolling box: %q", page, bad)
	}
	btFitsPhone(t, ctx, page)
}

// bsdJenis is one weight input of the fast entry with the price it shows.
type bsdJenis struct {
	Field, Label, Harga string
}

// TestBrowserSampahPetugasAtTheScale: the petugas of Bank Sampah Bestari,
// on a phone, goes from the home page to Pengelolaan sampah by clicking,
// sees no link to what its role cannot open, finds a nasabah by name at
// the fast entry, types two weights with comma decimals, and reads the
// receipt: the total is weight × price of each line, the saldo moved by
// it. The nasabah's page and passbook show the entry; the member card is
// a PDF. A weight of “abc” is refused at its field with the typed weights
// kept.
func TestBrowserSampahPetugasAtTheScale(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, bsdPetugas)
	btFitsPhone(t, ctx, "home")
	bsShot(t, ctx, "sampah-petugas-beranda")
	forbidden := []string{"/keuangan", "/surat", "/perangkat", "/administrasi", "/profil", "/lembaga", "/capaian/pengaturan"}
	bsdNoLinkTo(t, ctx, "the home page", forbidden...)

	// Home → the desa → Pengelolaan sampah, all by clicking.
	bwClick(t, ctx, `main ul.daftar a[href="/wilayah/`+bsDesa+`"]`, "Bengkel", "sampah-petugas-desa")
	bsdNoLinkTo(t, ctx, "the desa page", forbidden...)
	loc := bsdClick(t, ctx, "Pengelolaan sampah", "Pengelolaan sampah", "sampah-petugas-index")
	if !strings.HasSuffix(loc, bsdSampah) {
		t.Errorf("Pengelolaan sampah leads to %s, want %s", loc, bsdSampah)
	}
	bsdNoLinkTo(t, ctx, "the sampah page", forbidden...)
	// Managing facilities, prices and iuran bills is the perbekel's: the
	// petugas reads the facilities without their forms.
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post]').length`)); n != 0 {
		t.Errorf("the sampah page offers the petugas %d forms", n)
	}

	// Setoran: the only bank sampah is chosen; search by name.
	bsdClick(t, ctx, "Setoran", "Setoran", "sampah-petugas-setoran")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#cari-nasabah`), "Men Sari")); err != nil {
		t.Fatalf("the fast entry offers no search: %v\n%s", err, bsMain(t, ctx))
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.entri-cari button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, "search", "Setoran", "sampah-petugas-cari")
	hasil := bkText(t, ctx, `#hasil-nasabah`)
	if !strings.Contains(hasil, "Warung Men Sari") {
		t.Fatalf("searching “Men Sari” finds %q, want Warung Men Sari:\n%s", hasil, bsMain(t, ctx))
	}
	bwClick(t, ctx, `#hasil-nasabah a`, "Setoran", "sampah-petugas-nasabah-dipilih")
	terpilih := bkText(t, ctx, `#nasabah-terpilih`)
	m := regexp.MustCompile(`Saldo Rp([\d.]+)`).FindStringSubmatch(terpilih)
	if m == nil {
		t.Fatalf("the chosen nasabah shows no saldo: %q", terpilih)
	}
	saldo0 := bkRupiah(t, m[1])

	// Two jenis: PET bening and Kardus, weights with a decimal comma.
	jenis, err := chromedp.Run(ctx, chromedp.Evaluate[[]bsdJenis](`[...document.querySelectorAll('#form-setoran .entri-jenis')].map(d => ({
  Field: d.querySelector('input').id,
  Label: d.querySelector('label').innerText.trim(),
  Harga: (d.querySelector('.catatan') || {innerText: ''}).innerText.trim(),
}))`))
	if err != nil || len(jenis) < 2 {
		t.Fatalf("the fast entry shows %d jenis (%v), want the unit's list", len(jenis), err)
	}
	pick := func(name string) bsdJenis {
		for _, j := range jenis {
			if strings.HasPrefix(j.Label, name) {
				return j
			}
		}
		t.Fatalf("no jenis %q among %v", name, jenis)
		return bsdJenis{}
	}
	pet, krd := pick("Botol plastik PET bening"), pick("Kardus")
	harga := func(j bsdJenis) int64 {
		m := regexp.MustCompile(`^Rp([\d.]+) per kg$`).FindStringSubmatch(j.Harga)
		if m == nil {
			t.Fatalf("%s shows price %q, want Rp… per kg", j.Label, j.Harga)
		}
		return bkRupiah(t, m[1])
	}
	hPet, hKrd := harga(pet), harga(krd)
	for _, j := range []bsdJenis{pet, krd} {
		im, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#`+j.Field), "inputmode"))
		if im.Value != "decimal" {
			t.Errorf("the weight of %s has inputmode %q, want decimal (a phone's number pad with a comma)", j.Label, im.Value)
		}
	}
	bsdTablesInBox(t, ctx, "setoran")

	// First a weight that is no number: refused at its field, both typed
	// weights kept.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#`+pet.Field), "2,5"),
		chromedp.SendKeys(chromedp.CSS(`#`+krd.Field), "abc"),
	); err != nil {
		t.Fatal(err)
	}
	bsShot(t, ctx, "sampah-petugas-setoran-isi")
	st, _ := bsdSubmit(t, ctx, `#form-setoran button[type=submit]`)
	if st != http.StatusUnprocessableEntity {
		t.Errorf("a weight of “abc” answered %d, want 422", st)
	}
	bsShot(t, ctx, "sampah-petugas-setoran-galat")
	btFitsPhone(t, ctx, "setoran refused")
	if inv, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#`+krd.Field), "aria-invalid")); inv.Value != "true" {
		t.Errorf("the refused weight is not marked invalid:\n%s", bsMain(t, ctx))
	}
	if msg := bkText(t, ctx, `#`+krd.Field+`-galat`); msg == "" {
		t.Errorf("no message at the refused weight:\n%s", bsMain(t, ctx))
	} else {
		t.Logf("the weight field says: %s", msg)
	}
	if v := bsValue(t, ctx, `#`+pet.Field); v != "2,5" {
		t.Errorf("after the refusal the PET weight holds %q, want the typed 2,5", v)
	}
	if v := bsValue(t, ctx, `#`+krd.Field); v != "abc" {
		t.Errorf("after the refusal the kardus weight holds %q, want the typed abc", v)
	}
	if got := bkText(t, ctx, `#nasabah-terpilih`); !strings.Contains(got, "Warung Men Sari") {
		t.Errorf("after the refusal the nasabah is no longer chosen: %q", got)
	}

	// Corrected: 3 kg of kardus.
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`#`+krd.Field)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.SendKeys(chromedp.CSS(`#`+krd.Field), "3"),
	); err != nil {
		t.Fatal(err)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#form-setoran button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "Setoran", "sampah-petugas-struk")
	if !strings.Contains(loc, bsdSampah+"/entri/") {
		t.Fatalf("after saving the browser is at %s, want the receipt", loc)
	}
	bsdTablesInBox(t, ctx, "receipt")
	want := (5*hPet+1)/2 + 3*hKrd // 2,5 kg rounded half up, plus 3 kg
	if got := bkRupiah(t, strings.TrimPrefix(bkText(t, ctx, `#struk-total`), "Rp")); got != want {
		t.Errorf("the receipt's total is %d, want 2,5 × %d + 3 × %d = %d", got, hPet, hKrd, want)
	}
	saldo1 := bkRupiah(t, strings.TrimPrefix(bkText(t, ctx, `#struk-saldo`), "Rp"))
	if saldo1 != saldo0+want {
		t.Errorf("the receipt's saldo is %d, want %d + %d", saldo1, saldo0, want)
	}
	rinci := bkText(t, ctx, `#struk-rinci`)
	for _, w := range []string{"Botol plastik PET bening", "2,5 kg", "Kardus", "3 kg"} {
		if !strings.Contains(rinci, w) {
			t.Errorf("the receipt's lines do not show %q: %s", w, rinci)
		}
	}

	// From the receipt to the nasabah's page and passbook.
	bwClick(t, ctx, `#struk-nasabah a`, "Warung Men Sari", "sampah-petugas-nasabah")
	if got := bkRupiah(t, strings.TrimPrefix(bkText(t, ctx, `#saldo`), "Rp ")); got != saldo1 {
		t.Errorf("the nasabah's page shows saldo %d, the receipt %d", got, saldo1)
	}
	bsdTablesInBox(t, ctx, "nasabah")
	kartu, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-kartu`), "href"))
	if err != nil || !kartu.Exists {
		t.Fatalf("the nasabah's page offers no member card: %v", err)
	}
	pdf := bsFetchType(t, ctx, base+kartu.Value, "application/pdf")
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("the member card is no PDF: %q", pdf[:min(len(pdf), 16)])
	}
	bsSave(t, "kartu-nasabah.pdf", pdf)
	bwClick(t, ctx, `#buka-buku`, "Buku tabungan", "sampah-petugas-buku")
	bsdTablesInBox(t, ctx, "passbook")
	mutasi := bkTable(t, ctx, "mutasi")
	last := mutasi.Rows[len(mutasi.Rows)-1]
	if len(last) != 5 || bkRupiah(t, last[3]) != want || bkRupiah(t, last[4]) != saldo1 {
		t.Errorf("the passbook's last line is %q, want the setoran of %d with saldo %d", last, want, saldo1)
	}
	if got := bkRupiah(t, strings.TrimPrefix(bkText(t, ctx, `#saldo-akhir`), "Rp ")); got != saldo1 {
		t.Errorf("the passbook ends at %d, want %d", got, saldo1)
	}
}

// bsdRetype replaces the value of the input sel with s, typed as a user
// would.
func bsdRetype(t *testing.T, ctx context.Context, sel, s string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.KeyEvent("\b"),
	); err != nil {
		t.Fatalf("clear %s: %v", sel, err)
	}
	if s == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), s)); err != nil {
		t.Fatalf("type into %s: %v", sel, err)
	}
}

// TestBrowserSampahPetugasLogsTheDay: the petugas, on a phone, opens Log
// TPS3R (straight to TPS3R Bestari, the desa's only one), types today's
// inflow with comma decimals and saves; today's row and the month's totals
// show it. Saving again corrects the day instead of adding to it.
func TestBrowserSampahPetugasLogsTheDay(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, bsdPetugas)
	bsOpen(t, ctx, base, bsdSampah, "Pengelolaan sampah", "sampah-log-index")
	bsdClick(t, ctx, "Log TPS3R", "Log harian TPS3R Bestari", "sampah-log-bulan")
	bsdTablesInBox(t, ctx, "log")

	today := bsValue(t, ctx, `#isi-log input[name=tanggal]`)
	if max, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#isi-log input[name=tanggal]`), "max")); max.Value != today {
		t.Errorf("the log form opens on %s, want today %s (the date's max)", today, max.Value)
	}
	foot := func() []string {
		t.Helper()
		bkTable(t, ctx, "log-bulan")
		s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#log-bulan tfoot tr > *')].map(c => c.innerText.trim())`))
		if err != nil || len(s) != 8 {
			t.Fatalf("the month's table has no totals row: %q (%v)", s, err)
		}
		return s
	}
	row := func() []string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#hari-`+today+` > *')].map(c => c.innerText.trim())`))
		if err != nil || len(s) == 0 {
			t.Fatalf("the month's table has no row for today %s (%v):\n%s", today, err, bsMain(t, ctx))
		}
		return s
	}
	// What today held before (a rerun, or a day the demo logged): the
	// month's totals must move by the difference only.
	old := row()
	foot0 := foot()
	oldKg := func(i int) float64 {
		if len(old) < 8 {
			return 0 // "Belum dicatat"
		}
		return bsdDecimal(t, old[i])
	}

	typed := map[string]string{"organik": "1.250,5", "anorganik": "310,25", "residu": "95", "kompos": "280", "residu_tpa": "90,5"}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#isi-log input[name=beroperasi]').checked`)); !n {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#isi-log input[name=beroperasi]`))); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"organik", "anorganik", "residu", "kompos", "residu_tpa"} {
		sel := `#isi-log input[name=` + f + `]`
		if im, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), "inputmode")); im.Value != "decimal" {
			t.Errorf("the %s field has inputmode %q, want decimal", f, im.Value)
		}
		bsdRetype(t, ctx, sel, typed[f])
	}
	bsdRetype(t, ctx, `#isi-log input[name=catatan]`, "Uji peramban: mesin pencacah normal")
	bsShot(t, ctx, "sampah-log-isi")
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#isi-log > form button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "Log harian TPS3R Bestari", "sampah-log-tersimpan")
	if msg := bkText(t, ctx, `main p.berhasil`); msg == "" {
		t.Errorf("saving the log says nothing:\n%s", bsMain(t, ctx))
	}
	got := row()
	if len(got) != 8 || got[1] != "Ya" {
		t.Fatalf("today's row reads %q, want the day's log", got)
	}
	want := []float64{1250.5, 310.25, 95, 280, 90.5}
	for i, w := range want {
		if v := bsdDecimal(t, got[i+2]); v != w {
			t.Errorf("today's row column %d reads %s, want %v", i+2, got[i+2], w)
		}
	}
	if !strings.Contains(got[7], "mesin pencacah normal") {
		t.Errorf("today's note reads %q", got[7])
	}
	foot1 := foot()
	for i, w := range want {
		if d := bsdDecimal(t, foot1[i+2]) - bsdDecimal(t, foot0[i+2]); d < w-oldKg(i+2)-0.001 || d > w-oldKg(i+2)+0.001 {
			t.Errorf("the month's total column %d moved from %s to %s, want by %v", i+2, foot0[i+2], foot1[i+2], w-oldKg(i+2))
		}
	}

	// Saved again with another organik: the day is corrected, not added.
	if h := bkText(t, ctx, `#judul-isi-log`); !strings.HasPrefix(h, "Koreksi log") {
		t.Errorf("after saving, the form's heading is %q, want Koreksi log …", h)
	}
	bsdRetype(t, ctx, `#isi-log input[name=organik]`, "1.200")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#isi-log > form button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, loc, "Log harian TPS3R Bestari", "sampah-log-koreksi")
	if v := bsdDecimal(t, row()[2]); v != 1200 {
		t.Errorf("after the correction today's organik reads %v, want 1200", v)
	}
	if d := bsdDecimal(t, foot()[2]) - bsdDecimal(t, foot1[2]); d < -50.501 || d > -50.499 {
		t.Errorf("after the correction the month's organik moved by %v, want −50,5", d)
	}
}

// bsdMark gives the element the script finds an id, for a click or a
// value; it fails when there is none.
func bsdMark(t *testing.T, ctx context.Context, what, find, id string) string {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const el = (`+find+`); if (!el) return false; el.id = `+jsString(id)+`; return true; })()`))
	if err != nil || !ok {
		t.Fatalf("%s: not on the page (%v):\n%s", what, err, bsMain(t, ctx))
	}
	return "#" + id
}

// TestBrowserSampahPerbekelManages: the perbekel of Bengkel, on a phone,
// sets a new price of PET bening at Bank Sampah Bestari from tomorrow
// (today's price stays), sets TPS3R Bestari tidak aktif with a reason and
// back to aktif, registers a household and issues this month's iuran bills
// (the second time nothing is billed twice), and records the payment of a
// household one month in arrears, which leaves the arrears list.
func TestBrowserSampahPerbekelManages(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, bsEmail)
	bsOpen(t, ctx, base, bsdSampah, "Pengelolaan sampah", "sampah-perbekel-index")

	// A new price from tomorrow.
	bsdClick(t, ctx, "Bank Sampah Bestari", "Bank Sampah Bestari", "sampah-perbekel-bank")
	bsdTablesInBox(t, ctx, "bank sampah")
	card := bsdMark(t, ctx, "the PET bening card", `[...document.querySelectorAll('main .kartu[id^="jenis-"]')].find(k => k.querySelector('h3').innerText.startsWith('PET —'))`, "bsd-pet")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(card+` details summary`))); err != nil {
		t.Fatal(err)
	}
	mulai := card + ` input[name=berlaku_mulai]`
	today := civil.Date(bsValue(t, ctx, mulai))
	besok := today.AddDate(0, 0, 1)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(mulai), string(besok))); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, card+` input[name=harga]`, "4.750")
	bsShot(t, ctx, "sampah-perbekel-harga-isi")
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(card+` details form button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "Bank Sampah Bestari", "sampah-perbekel-harga")
	if msg := bkText(t, ctx, `main p.berhasil`); !strings.Contains(msg, "Harga sudah dicatat") {
		t.Errorf("after a new price the page says %q:\n%s", msg, bsMain(t, ctx))
	}
	card = bsdMark(t, ctx, "the PET bening card", `[...document.querySelectorAll('main .kartu[id^="jenis-"]')].find(k => k.querySelector('h3').innerText.startsWith('PET —'))`, "bsd-pet")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#bsd-pet details').open = true`)); err != nil {
		t.Fatal(err)
	}
	riwayat := bkText(t, ctx, card+` table`)
	if !strings.Contains(riwayat, besok.String()) || !strings.Contains(riwayat, "4.750") {
		t.Errorf("the price history of PET bening does not show 4.750 from %s: %q", besok.String(), riwayat)
	}
	daftar := bkTable(t, ctx, "daftar-jenis")
	for _, r := range daftar.Rows {
		if len(r) > 3 && r[0] == "PET" && strings.Contains(r[3], "4.750") {
			t.Errorf("the price from tomorrow already shows as today's: %q", r)
		}
	}

	// TPS3R Bestari tidak aktif with a reason, then aktif again.
	bsdClick(t, ctx, "Fasilitas", "Fasilitas sampah", "sampah-perbekel-fasilitas")
	bsdTablesInBox(t, ctx, "fasilitas")
	bsdClick(t, ctx, "TPS3R Bestari", "TPS3R Bestari", "sampah-perbekel-tps3r")
	const alasan = "Mesin pencacah rusak, menunggu suku cadang"
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#ubah-status select[name=status]`), "tidak_aktif")); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, `#ubah-status input[name=alasan_tidak_aktif]`, alasan)
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#ubah-status button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "TPS3R Bestari", "sampah-perbekel-tidak-aktif")
	if got := bkText(t, ctx, `#rincian-fasilitas`); !strings.Contains(got, "Tidak aktif: "+alasan) {
		t.Errorf("after setting it tidak aktif the facility reads %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#ubah-status select[name=status]`), "aktif")); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, `#ubah-status input[name=alasan_tidak_aktif]`, "")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#ubah-status button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, loc, "TPS3R Bestari", "sampah-perbekel-aktif")
	if got := bkText(t, ctx, `#rincian-fasilitas`); !strings.Contains(got, "Status Aktif") {
		t.Errorf("after setting it aktif again the facility reads %q", got)
	}

	// The iuran: a new household, this month's bills issued twice.
	bsdClick(t, ctx, "Iuran", "Iuran kebersihan", "sampah-perbekel-iuran")
	bsdTablesInBox(t, ctx, "iuran")
	bsdRetype(t, ctx, `#form-rumah input[name=nama]`, "I Wayan Uji Peramban")
	bsdRetype(t, ctx, `#form-rumah input[name=dusun]`, "Banjar Dinas Kaja")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#form-rumah button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "I Wayan Uji Peramban", "sampah-perbekel-rumah-baru")
	bsdClick(t, ctx, "← Iuran kebersihan", "Iuran kebersihan", "sampah-perbekel-iuran-2")
	for i, want := range []string{"1 tagihan bulan", "Tidak ada tagihan baru"} {
		resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#form-terbitkan button[type=submit]`)))
		if err != nil {
			t.Fatal(err)
		}
		loc, _ = chromedp.Run(ctx, chromedp.Location())
		bsCheckPage(t, ctx, resp, loc, "Iuran kebersihan", "sampah-perbekel-terbit-"+strconv.Itoa(i+1))
		if msg := bkText(t, ctx, `#pesan-terbit`); !strings.HasPrefix(msg, want) {
			t.Errorf("issuing the bills (%d) says %q, want %s…", i+1, msg, want)
		}
	}

	// The arrears list; a household one month behind pays.
	bsdClick(t, ctx, "Daftar tunggakan", "Tunggakan iuran", "sampah-perbekel-tunggakan")
	bsdTablesInBox(t, ctx, "tunggakan")
	tb := bkTable(t, ctx, "tabel-tunggakan")
	total0 := bkRupiah(t, bkText(t, ctx, `#total-tunggakan`))
	row := -1
	for i, r := range tb.Rows {
		if len(r) == 5 && r[2] == "1" && r[0] != "I Wayan Uji Peramban" {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatalf("no household one month in arrears: %q", tb.Rows)
	}
	nama, sisa := tb.Rows[row][0], bkRupiah(t, tb.Rows[row][4])
	bwClick(t, ctx, `#tabel-tunggakan tbody tr:nth-child(`+strconv.Itoa(row+1)+`) th a`, nama, "sampah-perbekel-rumah")
	if got := bkRupiah(t, strings.TrimPrefix(bkText(t, ctx, `#sisa-rumah`), "Rp ")); got != sisa {
		t.Errorf("%s owes %d on its page, %d in the list", nama, got, sisa)
	}
	bill := bsdMark(t, ctx, "the unpaid bill", `[...document.querySelectorAll('#daftar-tagihan li')].find(li => li.querySelector('details'))`, "bsd-tagihan")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(bill+` summary`))); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, bill+` input[name=jumlah]`, strconv.FormatInt(sisa, 10))
	if v := bsValue(t, ctx, bill+` input[name=tanggal]`); v == "" {
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(bill+` input[name=tanggal]`), string(today))); err != nil {
			t.Fatal(err)
		}
	}
	bsShot(t, ctx, "sampah-perbekel-bayar-isi")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(bill+` button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, nama, "sampah-perbekel-dibayar")
	if got := bkText(t, ctx, `#sisa-rumah`); got != "Rp 0" {
		t.Errorf("after paying, %s still owes %q", nama, got)
	}
	if !strings.Contains(bkText(t, ctx, `#daftar-tagihan`), "lunas") {
		t.Errorf("after paying no bill reads lunas: %q", bkText(t, ctx, `#daftar-tagihan`))
	}
	bsdClick(t, ctx, "← Iuran kebersihan", "Iuran kebersihan", "sampah-perbekel-iuran-3")
	bsdClick(t, ctx, "Daftar tunggakan", "Tunggakan iuran", "sampah-perbekel-tunggakan-2")
	tb1 := bkTable(t, ctx, "tabel-tunggakan")
	if len(tb1.Rows) != len(tb.Rows)-1 {
		t.Errorf("the arrears list has %d households after a payment, before %d", len(tb1.Rows), len(tb.Rows))
	}
	for _, r := range tb1.Rows {
		if r[0] == nama && len(r) == 5 && r[1] == tb.Rows[row][1] {
			t.Errorf("%s is still in arrears: %q", nama, r)
		}
	}
	if got := bkRupiah(t, bkText(t, ctx, `#total-tunggakan`)); got != total0-sisa {
		t.Errorf("the arrears total is %d after paying %d of %d", got, sisa, total0)
	}
}
