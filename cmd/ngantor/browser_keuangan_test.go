package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Browser tests of keuangan desa (issue 10), one per role story: the
// sekdes enters the APBDes and the realisasi at a desktop, the camat
// evaluates on a phone, the bupati and the forum read the kabupaten
// table, and anyone reads the public poster of a desa's APBDes.

const (
	bkKeuangan = "/desa/" + bsDesa + "/keuangan"
	bkXLSX     = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// bkDesktop switches to the kantor desa's screen.
func bkDesktop(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btDesktopWidth, btDesktopHeight)); err != nil {
		t.Fatal(err)
	}
}

// bkCheckDesk is bsCheckPage at the desktop: the document answered 200,
// its h1 holds heading, nothing was blocked; the page is saved whole.
func bkCheckDesk(t *testing.T, ctx context.Context, resp *network.Response, path, heading, shot string) {
	t.Helper()
	if resp == nil || resp.Status != http.StatusOK {
		st := int64(0)
		if resp != nil {
			st = resp.Status
		}
		t.Fatalf("%s answered %d, want 200; the page says:\n%s", path, st, bsMain(t, ctx))
	}
	h1, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`main h1`)))
	if err != nil {
		t.Fatalf("%s: no h1: %v", path, err)
	}
	if h1 = strings.Join(strings.Fields(h1), " "); !strings.Contains(strings.ToLower(h1), strings.ToLower(heading)) {
		t.Errorf("%s: heading is %q, want it to contain %q", path, h1, heading)
	}
	bsNoBlocked(t, ctx, path)
	w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if w > btDesktopWidth {
		t.Errorf("%s: page is %d px wide on a %d px screen", path, w, btDesktopWidth)
	}
	bkShot(t, ctx, shot)
}

// bkShot saves the whole page and keeps the viewport it found (the review
// shots switch to the phone afterwards).
func bkShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	bsShot(t, ctx, name)
	if w == btDesktopWidth {
		bkDesktop(t, ctx)
	}
}

// bkOpenDesk is bsOpen at the desktop.
func bkOpenDesk(t *testing.T, ctx context.Context, base, path, heading, shot string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	bkCheckDesk(t, ctx, resp, path, heading, shot)
}

// bkClickDesk clicks sel, which leads to another page, at the desktop.
func bkClickDesk(t *testing.T, ctx context.Context, sel, heading, shot string) string {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bkCheckDesk(t, ctx, resp, loc, heading, shot)
	return loc
}

// bkText is the text of sel, whitespace collapsed; "" when it is absent.
func bkText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const el = document.querySelector(`+jsString(sel)+`); return el ? el.innerText.replace(/\s+/g, ' ').trim() : ''; })()`))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// jsString quotes s for a script.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// bkLinkByText is the href of the first link in main whose text contains
// text, "" when there is none.
func bkLinkByText(t *testing.T, ctx context.Context, text string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`([...document.querySelectorAll('main a')].find(a => a.innerText.includes(`+jsString(text)+`)) || {}).href || ''`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// bkPath is the path and query of an absolute URL the page gave.
func bkPath(t *testing.T, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// bkFocused is the id of the element that has the keyboard focus.
func bkFocused(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ''`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// bkType types fields into the focused add row as a user would: each
// value, then Tab to the next field; the last value is followed by Enter,
// which submits the row's form and loads the page again.
func bkType(t *testing.T, ctx context.Context, what string, fields ...string) *network.Response {
	t.Helper()
	var keys []chromedp.Action[chromedp.Void]
	for i, f := range fields {
		if f != "" {
			keys = append(keys, chromedp.KeyEvent(f))
		}
		if i < len(fields)-1 {
			keys = append(keys, chromedp.KeyEvent("\t"))
		}
	}
	if err := chromedp.Do(ctx, keys...); err != nil {
		t.Fatalf("%s: type: %v", what, err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent("\r"))
	if err != nil {
		t.Fatalf("%s: Enter: %v", what, err)
	}
	return resp
}

// TestBrowserKeuanganSekdesEntersNextYearsAPBDes: the sekdes of Bengkel,
// at the kantor desa's computer, goes from the desa page to Keuangan desa,
// creates the APBDes 2027, and types two belanja lines and a pendapatan
// line by keyboard alone — Tab between fields, Enter saves, the focus
// comes back to a fresh add row. A bad volume is refused at its field
// with the other values kept; the totals and the balance follow each
// line. Then the XLSX template downloads from the import page.
func TestBrowserKeuanganSekdesEntersNextYearsAPBDes(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, demoSekdesBengkel)
	bkDesktop(t, ctx)

	bkOpenDesk(t, ctx, base, "/wilayah/"+bsDesa, "Desa Bengkel", "keuangan-sekdes-desa")
	bkClickDesk(t, ctx, `main a[href="`+bkKeuangan+`"]`, "Keuangan desa Bengkel", "keuangan-sekdes-index")
	apbdes := bkKeuangan + "/2027/apbdes"
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#buat-2027').length`)); n == 1 {
		bkClickDesk(t, ctx, `#buat-2027`, "APBDes 2027", "keuangan-sekdes-2027-baru")
	} else {
		// The demo may hold a draft 2027 already (the RAPBDes of December).
		bkOpenDesk(t, ctx, base, apbdes, "APBDes 2027", "keuangan-sekdes-2027-buka")
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#buat-apbdes').length`)); n == 1 {
			bkClickDesk(t, ctx, `#buat-apbdes`, "APBDes 2027", "keuangan-sekdes-2027-baru")
		}
	}
	if got := bkText(t, ctx, `#status-apbdes`); !strings.Contains(got, "draf") && !strings.Contains(got, "Draf") {
		t.Fatalf("the APBDes 2027 has status %q, want a draft to type into", got)
	}
	belanja0, pendapatan0 := bkTotal(t, ctx, "Belanja"), bkTotal(t, ctx, "Pendapatan")

	// The first belanja line, from its add row's first field.
	const kb = "#tambah-belanja-"
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(kb+"kode_rekening"))); err != nil {
		t.Fatalf("no belanja add row on the new APBDes: %v\n%s", err, bsMain(t, ctx))
	}
	// kode rekening, kegiatan, uraian, volume, satuan, harga, sumber dana,
	// lokasi, pelaksana, keluaran volume, keluaran satuan.
	resp := bkType(t, ctx, "belanja 1", "5.2.1.01", "01.01.04", "Alat tulis kantor 2027", "12", "bulan", "150.000", "ADD", "", "", "12", "bulan")
	bkCheckDesk(t, ctx, resp, apbdes, "APBDes 2027", "keuangan-sekdes-belanja-1")
	if got := bkFocused(t, ctx); got != "tambah-belanja-kode_rekening" {
		t.Errorf("after Enter the focus is on %q, want the fresh belanja add row", got)
	}
	if v := bsValue(t, ctx, kb+"uraian"); v != "" {
		t.Errorf("the add row after saving still holds %q", v)
	}
	main := bsMain(t, ctx)
	if !strings.Contains(main, "Alat tulis kantor 2027") || !strings.Contains(main, "1.800.000") {
		t.Fatalf("the saved line (12 × 150.000 = 1.800.000) is not in the table:\n%s", main)
	}
	if got := bkTotal(t, ctx, "Belanja"); got != belanja0+1_800_000 {
		t.Errorf("the belanja total reads %d after adding 1.800.000 to %d", got, belanja0)
	}
	if got := bkText(t, ctx, `#tidak-seimbang`); got == "" {
		t.Errorf("belanja without pendapatan shows no imbalance; the box says %q", bkText(t, ctx, `#total`))
	}

	// A bad volume: refused at its field, what was typed kept.
	if got := bkFocused(t, ctx); got != "tambah-belanja-kode_rekening" {
		t.Fatalf("the focus is on %q, want the belanja add row", got)
	}
	resp = bkType(t, ctx, "belanja 2 (bad)", "5.3.2.01", "01.01.04", "Laptop kantor desa", "dua", "unit", "8.000.000", "ADD", "", "", "2", "unit")
	if resp == nil || resp.Status != http.StatusUnprocessableEntity {
		st := int64(0)
		if resp != nil {
			st = resp.Status
		}
		t.Errorf("a volume of “dua” answered %d, want 422", st)
	}
	bkShot(t, ctx, "keuangan-sekdes-belanja-galat")
	inv, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(kb+"volume"), "aria-invalid"))
	if inv.Value != "true" {
		t.Errorf("the refused volume field is not marked invalid:\n%s", bsMain(t, ctx))
	}
	if msg := bkText(t, ctx, "#tambah-belanja-volume-galat"); msg == "" {
		t.Errorf("no message at the volume field:\n%s", bsMain(t, ctx))
	} else {
		t.Logf("the volume field says: %s", msg)
	}
	for sel, want := range map[string]string{kb + "uraian": "Laptop kantor desa", kb + "harga_satuan": "8.000.000", kb + "kode_rekening": "5.3.2.01", kb + "satuan": "unit", kb + "sumber_dana": "ADD", kb + "volume": "dua"} {
		if v := bsValue(t, ctx, sel); v != want {
			t.Errorf("after the refusal %s holds %q, want the typed %q", sel, v, want)
		}
	}
	// Corrected in place: select the volume, type 2, Enter.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(kb+"volume")), chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`)); err != nil {
		t.Fatal(err)
	}
	resp = bkType(t, ctx, "belanja 2", "2")
	bkCheckDesk(t, ctx, resp, apbdes, "APBDes 2027", "keuangan-sekdes-belanja-2")
	if got := bkTotal(t, ctx, "Belanja"); got != belanja0+17_800_000 {
		t.Errorf("the belanja total reads %d, want %d + 1.800.000 + 2 × 8.000.000", got, belanja0)
	}

	// A pendapatan line covering it: kode, uraian, jumlah, sumber dana.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#tambah-pendapatan-kode_rekening`))); err != nil {
		t.Fatal(err)
	}
	// The row ends with the sumber dana list, where Enter does not submit
	// (no browser does): Tab to Tambah, Enter.
	resp = bkType(t, ctx, "pendapatan", "4.2.3.01", "Alokasi Dana Desa 2027", "17.800.000", "ADD", "")
	bkCheckDesk(t, ctx, resp, apbdes, "APBDes 2027", "keuangan-sekdes-pendapatan")
	if got := bkFocused(t, ctx); got != "tambah-pendapatan-kode_rekening" {
		t.Errorf("after the pendapatan line the focus is on %q, want the fresh pendapatan add row", got)
	}
	if got := bkTotal(t, ctx, "Pendapatan"); got != pendapatan0+17_800_000 {
		t.Errorf("the pendapatan total reads %d after adding 17.800.000 to %d", got, pendapatan0)
	}
	if got := bkText(t, ctx, `#seimbang`); got == "" {
		t.Errorf("pendapatan equal to belanja: the balance box should say seimbang; it says %q", bkText(t, ctx, `#total`))
	}

	// The XLSX template, from the import page.
	imp := bkLinkByText(t, ctx, "Impor dari XLSX")
	if imp == "" {
		t.Fatalf("the APBDes 2027 page offers no import:\n%s", bsMain(t, ctx))
	}
	bkOpenDesk(t, ctx, base, bkPath(t, imp), "Impor", "keuangan-sekdes-impor")
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-template`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("the import page has no template link: %v", err)
	}
	body := bsFetchType(t, ctx, base+href.Value, bkXLSX)
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the template is no workbook: %v", err)
	}
	defer f.Close()
	if len(f.GetSheetList()) == 0 {
		t.Error("the template has no sheet")
	}
	bsSave(t, "template-apbdes.xlsx", body)
}

// bkTotal reads the first row of the totals box whose label starts with
// label (Pendapatan, Belanja).
func bkTotal(t *testing.T, ctx context.Context, label string) int64 {
	t.Helper()
	tb := bkTable(t, ctx, "tabel-total")
	for _, r := range tb.Rows {
		if len(r) > 1 && strings.HasPrefix(r[0], label) {
			return bkRupiah(t, r[1])
		}
	}
	t.Fatalf("the totals box has no row %s: %q", label, tb.Rows)
	return 0
}

// bkTabsApart fails when the keuangan tabs run into one another (links
// with no room between them read as one word: "APBDesEvaluasi camat…").
func bkTabsApart(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	gaps, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
  const a = [...document.querySelectorAll('nav.tabs a')].map(x => x.getBoundingClientRect());
  return a.slice(1).map((r, i) => r.top === a[i].top ? Math.round(r.left - a[i].right) : 99);
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) == 0 {
		t.Errorf("%s shows no keuangan tabs", page)
	}
	for _, g := range gaps {
		if g < 4 {
			t.Errorf("%s: keuangan tabs %d px apart (%v), want them apart", page, g, gaps)
			return
		}
	}
}

// bkKartu reads the realisasi page's summary card.
func bkKartu(t *testing.T, ctx context.Context) string { return bkText(t, ctx, `main .kartu`) }

// TestBrowserKeuanganSekdesRecordsASpending: the sekdes records a
// pengeluaran of Rp 1.250.000 against a belanja line from the realisasi
// page of 2026 (the demo's ditetapkan APBDes); the belanja realised and
// the bank balance in the BKU move by that amount. The LRA downloads as
// XLSX and PDF from Laporan.
func TestBrowserKeuanganSekdesRecordsASpending(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, demoSekdesBengkel)
	bkDesktop(t, ctx)
	tahun := bkKeuangan + "/2026"

	bkOpenDesk(t, ctx, base, tahun+"/bku", "Buku Kas Umum 2026", "keuangan-sekdes-bku-sebelum")
	bkuSebelum := bkText(t, ctx, `main .kartu`)
	bkOpenDesk(t, ctx, base, tahun+"/realisasi", "Realisasi APBDes 2026", "keuangan-sekdes-realisasi")
	bkTabsApart(t, ctx, "realisasi")
	sebelum := bkKartu(t, ctx)
	m := regexp.MustCompile(`Belanja: ([\d,]+%) — ([\d.]+) dari`).FindStringSubmatch(sebelum)
	if m == nil {
		t.Fatalf("the realisasi card shows no belanja: %q", sebelum)
	}
	persen, realisasi := m[1], m[2]

	// The pengeluaran row: open it, Tab through, Enter.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#catat-pengeluaran summary`))); err != nil {
		t.Fatal(err)
	}
	hari, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#pengeluaran-tanggal`), "max"))
	baris, err := chromedp.Run(ctx, chromedp.Evaluate[string](`([...document.querySelectorAll('#pengeluaran-baris_id option')].find(o => o.text.includes('Alat tulis kantor')) || {}).value || ''`))
	if err != nil || baris == "" {
		t.Fatalf("the pengeluaran form offers no line Alat tulis kantor: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#pengeluaran-tanggal`), hari.Value),
		chromedp.SetValue(chromedp.CSS(`#pengeluaran-kas`), "bank"),
		chromedp.SetValue(chromedp.CSS(`#pengeluaran-baris_id`), baris),
		chromedp.Focus(chromedp.CSS(`#pengeluaran-jumlah`)),
	); err != nil {
		t.Fatal(err)
	}
	// jumlah, ppn, pph, nomor bukti, penerima, keluaran, uraian.
	resp := bkType(t, ctx, "pengeluaran", "1.250.000", "", "", "BKT/901/2026", "UD Sumber Rejeki", "", "Kertas dan tinta printer")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bkCheckDesk(t, ctx, resp, loc, "Realisasi APBDes 2026", "keuangan-sekdes-realisasi-dicatat")
	sesudah := bkKartu(t, ctx)
	m2 := regexp.MustCompile(`Belanja: ([\d,]+%) — ([\d.]+) dari`).FindStringSubmatch(sesudah)
	if m2 == nil {
		t.Fatalf("after recording, the card shows no belanja: %q\n%s", sesudah, bsMain(t, ctx))
	}
	want := bkRupiah(t, realisasi) + 1_250_000
	if got := bkRupiah(t, m2[2]); got != want {
		t.Errorf("belanja realised %s after a spending of 1.250.000 on %s", m2[2], realisasi)
	}
	if m2[1] == persen {
		t.Errorf("the realisasi %% stayed %s after a spending", persen)
	}
	if !strings.Contains(bsMain(t, ctx), "BKT/901/2026") {
		t.Errorf("the journal does not list the new spending")
	}

	bkOpenDesk(t, ctx, base, tahun+"/bku", "Buku Kas Umum 2026", "keuangan-sekdes-bku-sesudah")
	bank := func(s string) int64 {
		m := regexp.MustCompile(`bank Rp ([\d.]+)`).FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("the BKU card shows no bank balance: %q", s)
		}
		return bkRupiah(t, m[1])
	}
	if b0, b1 := bank(bkuSebelum), bank(bkText(t, ctx, `main .kartu`)); b1 != b0-1_250_000 {
		t.Errorf("bank balance %d after spending 1.250.000 from %d", b1, b0)
	}
	if !strings.Contains(bsMain(t, ctx), "UD Sumber Rejeki") {
		t.Errorf("the BKU lacks the new spending")
	}

	bkOpenDesk(t, ctx, base, tahun+"/laporan", "Laporan Realisasi Anggaran 2026", "keuangan-sekdes-laporan")
	if !strings.Contains(bkText(t, ctx, `main .kartu`), "belanja "+m2[1]) {
		t.Errorf("the LRA card %q does not show the belanja %s of the realisasi page", bkText(t, ctx, `main .kartu`), m2[1])
	}
	for _, d := range []struct{ label, ct, magic, file string }{
		{"Unduh XLSX", bkXLSX, "PK", "lra-2026.xlsx"},
		{"Unduh PDF", "application/pdf", "%PDF", "lra-2026.pdf"},
	} {
		href := bkLinkByText(t, ctx, d.label)
		if href == "" {
			t.Fatalf("Laporan offers no %q", d.label)
		}
		body := bsFetchType(t, ctx, href, d.ct)
		if !bytes.HasPrefix(body, []byte(d.magic)) {
			t.Errorf("%s: the download does not start with %q", d.label, d.magic)
		}
		bsSave(t, d.file, body)
	}
}

// bkRupiah reads 1.250.000.
func bkRupiah(t *testing.T, s string) int64 {
	t.Helper()
	n, ok := bwNumber(s)
	if !ok {
		t.Fatalf("not an amount: %q", s)
	}
	return int64(n)
}

// bkTable reads a table (by id) as the user reads it.
func bkTable(t *testing.T, ctx context.Context, id string) bwTable {
	t.Helper()
	tb, err := chromedp.Run(ctx, chromedp.Evaluate[bwTable](`(() => {
  const tab = document.getElementById(`+jsString(id)+`);
  if (!tab) return {Head: [], Rows: []};
  const txt = el => el.innerText.replace(/\s+/g, ' ').replace(/ [▲▼]$/, '').trim();
  return {
    Head: [...tab.querySelectorAll('thead th')].map(txt),
    Rows: [...tab.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(txt)),
  };
})()`))
	if err != nil {
		t.Fatalf("read #%s: %v", id, err)
	}
	if len(tb.Head) == 0 {
		t.Fatalf("the page shows no table #%s; it says:\n%s", id, bsMain(t, ctx))
	}
	return tb
}

// bkSubmitForCamat gives Bengkel an APBDes 2026 that waits for the
// camat's evaluation (the demo's is ditetapkan) and returns the id of its
// road line.
func bkSubmitForCamat(t *testing.T, a *app) string {
	t.Helper()
	return evSubmitAPBDes(t, a.db, tenancy.Kode(bsDesa))
}

// TestBrowserKeuanganCamatReturnsAnAPBDes: the camat of Kediri, on a
// phone, goes from the kecamatan to its keuangan table and the
// evaluation queue, opens Bengkel's submitted APBDes, comments on its
// road line and returns it with a note; the sekdes then reads it
// dikembalikan with the comment beside the line.
func TestBrowserKeuanganCamatReturnsAnAPBDes(t *testing.T) {
	base, a := btStartDevApp(t)
	bkSubmitForCamat(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02.06", "Kecamatan Kediri", "keuangan-camat-kecamatan")
	href := bkLinkByText(t, ctx, "Keuangan")
	if href == "" {
		t.Fatalf("the kecamatan page offers no link to keuangan desa:\n%s", bsMain(t, ctx))
	}
	bsOpen(t, ctx, base, bkPath(t, href), "Keuangan desa", "keuangan-camat-tabel")
	tb := bkTable(t, ctx, "tabel-keuangan")
	if len(tb.Rows) != 15 {
		t.Errorf("Kediri's keuangan table has %d rows, want its 15 desa", len(tb.Rows))
	}
	bkTableFits(t, ctx)
	ev := bkLinkByText(t, ctx, "Evaluasi APBDes 2026")
	if ev == "" {
		// A dead end: the queue exists, but the camat must know its address.
		t.Errorf("the camat's keuangan table offers no link to the evaluation queue:\n%s", bsMain(t, ctx))
		ev = base + "/wilayah/51.02.06/keuangan/evaluasi?tahun=2026"
	}
	bsOpen(t, ctx, base, bkPath(t, ev), "Evaluasi APBDes 2026", "keuangan-camat-antrean")
	if got := bkText(t, ctx, `#ringkasan-antrean`); !strings.HasPrefix(got, "1 APBDes menunggu") {
		t.Errorf("the queue says %q, want 1 APBDes waiting", got)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#desa-`+strings.ReplaceAll(bsDesa, ".", `\.`)+` a`)))
	if err != nil {
		t.Fatalf("open Bengkel from the queue: %v", err)
	}
	bsCheckPage(t, ctx, resp, "evaluasi Bengkel", "Evaluasi APBDes 2026 — Desa Bengkel", "keuangan-camat-evaluasi")

	// A comment on the road line.
	row, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('#baris tr')].findIndex(tr => tr.innerText.includes('Pengerasan jalan desa'))`))
	if err != nil || row < 0 {
		t.Fatalf("the evaluation lists no road line: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
  const rows = [...document.querySelectorAll('#baris tr')];
  const form = rows[`+strconv.Itoa(row)+` + 1].querySelector('details');
  form.open = true; form.querySelector('textarea').id = 'uji-komentar'; form.querySelector('button').id = 'uji-simpan';
})()`), chromedp.SendKeys(chromedp.CSS(`#uji-komentar`), "Lampirkan gambar teknis dan RAB jalan.")); err != nil {
		t.Fatal(err)
	}
	bsShot(t, ctx, "keuangan-camat-komentar-isi")
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#uji-simpan`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, "komentar", "Evaluasi APBDes 2026", "keuangan-camat-komentar")
	if !strings.Contains(bkText(t, ctx, `#baris`), "Lampirkan gambar teknis dan RAB jalan.") {
		t.Errorf("the comment does not show beside the line:\n%s", bkText(t, ctx, `#baris`))
	}

	// Returned with a note.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#form-keputusan input[value=kembalikan]`)),
		chromedp.SendKeys(chromedp.CSS(`#form-keputusan textarea`), "Perbaiki RAB jalan sebelum diajukan lagi."),
	); err != nil {
		t.Fatal(err)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#form-keputusan button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, "keputusan", "Evaluasi APBDes 2026", "keuangan-camat-dikembalikan")
	if got := bkText(t, ctx, `#status`); !strings.Contains(got, "dikembalikan") {
		t.Errorf("after returning, the status reads %q", got)
	}

	// The desa reads it.
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	bsSignInAs(t, ctx, base, demoSekdesBengkel)
	bsOpen(t, ctx, base, bkKeuangan+"/2026/apbdes", "APBDes 2026", "keuangan-sekdes-dikembalikan")
	if got := bkText(t, ctx, `#status-apbdes`); !strings.Contains(got, "dikembalikan") {
		t.Errorf("the desa reads status %q, want dikembalikan", got)
	}
	bkTabsApart(t, ctx, "the desa's APBDes on a phone")
	main := bsMain(t, ctx)
	for _, want := range []string{"Perbaiki RAB jalan sebelum diajukan lagi.", "Lampirkan gambar teknis dan RAB jalan."} {
		if !strings.Contains(main, want) {
			t.Errorf("the desa's APBDes does not show %q", want)
		}
	}
	if c := bkText(t, ctx, `#tabel-apbdes tr[id^="baris-"]:has(.komentar)`); !strings.Contains(c, "Pengerasan jalan desa") {
		t.Errorf("the comment is not beside the road line: %q", c)
	}
}

// bkTableFits checks that the keuangan table scrolls inside its own box
// on a phone, with the desa names held at its left edge.
func bkTableFits(t *testing.T, ctx context.Context) {
	t.Helper()
	btFitsPhone(t, ctx, "keuangan table")
	// A desa's row stays a row: no column squeezed into a tall strip of
	// words (the Dana Desa tahap with their amounts and dates).
	tall, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#tabel-keuangan tbody tr')].filter(r => r.getBoundingClientRect().height > 140).map(r => r.innerText.replace(/\s+/g, ' ').slice(0, 120))`))
	if err != nil || len(tall) != 0 {
		t.Errorf("on a phone %d rows of the keuangan table are taller than 140 px (%v), e.g. %q", len(tall), err, tall)
	}
	pos, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#tabel-keuangan tbody th')).position`))
	if err != nil || pos != "sticky" {
		t.Errorf("the desa column is position %q (%v) on a phone, want sticky", pos, err)
	}
}

// TestBrowserKeuanganBupatiReadsTheKabupaten: the bupati, on a phone,
// reads Tabanan's keuangan table, sorts it by realisasi (highest first),
// keeps Kecamatan Kediri and opens Bengkel's APBDes, which shows no form.
func TestBrowserKeuanganBupatiReadsTheKabupaten(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "bupati@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "keuangan-bupati-kabupaten")
	href := bkLinkByText(t, ctx, "Keuangan")
	if href == "" {
		t.Fatalf("the kabupaten page offers no link to keuangan desa:\n%s", bsMain(t, ctx))
	}
	bsOpen(t, ctx, base, bkPath(t, href), "Keuangan desa", "keuangan-bupati-tabel")
	tb := bkTable(t, ctx, "tabel-keuangan")
	if len(tb.Rows) != 133 {
		t.Errorf("Tabanan's keuangan table has %d rows, want 133", len(tb.Rows))
	}
	bkTableFits(t, ctx)
	c := tb.col("Realisasi")
	if c < 0 {
		t.Fatalf("no column Realisasi: %q", tb.Head)
	}
	sort := func() {
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#tabel-keuangan thead th:nth-child(`+strconv.Itoa(c+1)+`) a`)))
		if err != nil {
			t.Fatal(err)
		}
		bsCheckPage(t, ctx, resp, "sorted", "Keuangan desa", "keuangan-bupati-urut")
	}
	sort()
	if s, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#tabel-keuangan thead th[aria-sort]`), "aria-sort")); s.Value != "descending" {
		sort() // the first click sorted lowest first
	}
	tb = bkTable(t, ctx, "tabel-keuangan")
	bkSorted(t, tb, c)

	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#kecamatan`), "51.02.06")); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.saring button`)))
	if err != nil {
		t.Fatal(err)
	}
	bsCheckPage(t, ctx, resp, "filtered", "Keuangan desa", "keuangan-bupati-kediri")
	tb = bkTable(t, ctx, "tabel-keuangan")
	if len(tb.Rows) != 15 {
		t.Errorf("Kediri keeps %d desa, want 15", len(tb.Rows))
	}
	if k := tb.col("Kecamatan"); k >= 0 {
		for _, r := range tb.Rows {
			if r[k] != "Kediri" {
				t.Errorf("filtered by Kediri the table shows %s of %s", r[0], r[k])
			}
		}
	}
	bkSorted(t, tb, c) // the filter keeps the order

	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#tabel-keuangan tbody th a[href^="/desa/`+bsDesa+`/"]`)))
	if err != nil {
		t.Fatalf("open Bengkel: %v", err)
	}
	bsCheckPage(t, ctx, resp, "Bengkel's APBDes", "APBDes 2026", "keuangan-bupati-apbdes")
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post], main input:not([type=hidden]), main textarea, main select').length`))
	if n != 0 {
		t.Errorf("the bupati's view of an APBDes has %d entry controls, want none", n)
	}
	if !strings.Contains(bkText(t, ctx, `#total`), "Total") && !strings.Contains(bkText(t, ctx, `#total`), "Pendapatan") {
		t.Errorf("the bupati does not see the totals: %q", bkText(t, ctx, `#total`))
	}
}

// bkSorted fails unless column c reads highest first (percentages like
// 93,78%; dashes last).
func bkSorted(t *testing.T, tb bwTable, c int) {
	t.Helper()
	prev := 1e9
	for i, r := range tb.Rows {
		s := strings.TrimSuffix(strings.TrimSpace(strings.ReplaceAll(r[c], ",", ".")), "%")
		s = strings.TrimSpace(s)
		var v float64
		if _, err := fmt.Sscan(s, &v); err != nil {
			continue
		}
		if v > prev {
			t.Errorf("row %d (%s) reads %s after a lower value: not sorted highest first", i, r[0], r[c])
			return
		}
		prev = v
	}
}

// TestBrowserKeuanganForumSeesFiguresOnly: the forum perbekel reads every
// desa's figures in the kabupaten table, with no link into a desa's lines;
// opening a desa's APBDes directly is refused in Bahasa.
func TestBrowserKeuanganForumSeesFiguresOnly(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "forum@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02/keuangan/2026", "Keuangan desa 2026", "keuangan-forum-tabel")
	tb := bkTable(t, ctx, "tabel-keuangan")
	if len(tb.Rows) != 133 {
		t.Errorf("the forum's table has %d rows, want 133", len(tb.Rows))
	}
	var bengkel []string
	for _, r := range tb.Rows {
		if r[0] == "Bengkel" {
			bengkel = r
		}
	}
	if bengkel == nil {
		t.Fatal("Bengkel is not in the forum's table")
	}
	if p := tb.col("Pagu belanja (Rp)"); p < 0 || bengkel[p] != "2.555.985.000" {
		t.Errorf("Bengkel's pagu reads %q, want 2.555.985.000 (columns %q)", bengkel, tb.Head)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-keuangan tbody a, main a[href^="/desa/"]').length`))
	if err != nil || n != 0 {
		t.Errorf("the forum's page links %d times into a desa (%v), want none", n, err)
	}
	bkTableFits(t, ctx)

	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+bkKeuangan+"/2026/apbdes"))
	if err != nil {
		t.Fatal(err)
	}
	bsShot(t, ctx, "keuangan-forum-ditolak")
	if resp == nil || resp.Status != http.StatusForbidden {
		t.Errorf("the forum opens Bengkel's APBDes: %v, want 403", resp)
	}
	body := bsMain(t, ctx)
	if !strings.Contains(body, "tidak berwenang") || strings.Contains(body, "Forbidden") {
		t.Errorf("the refusal is not in Bahasa:\n%s", body)
	}
	if strings.Contains(body, "2.555.985.000") || strings.Contains(body, "Alat tulis") {
		t.Errorf("the refusal shows the APBDes:\n%s", body)
	}
	btFitsPhone(t, ctx, "refusal")
}

// TestBrowserKeuanganPublicPoster: anyone, on a phone, reads Bengkel's
// APBDes 2026 as the public poster — figures, bar charts as SVG, no
// payee — and printed it keeps to a poster.
func TestBrowserKeuanganPublicPoster(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
	path := "/publik/desa/" + bsDesa + "/apbdes/2026"
	bsOpen(t, ctx, base, path, "APBDes Desa Bengkel", "keuangan-publik")
	main := bsMain(t, ctx)
	for _, want := range []string{"Tahun Anggaran 2026", "Pendapatan", "Rp 2.520.715.000", "Belanja", "Rp 2.555.985.000", "Realisasi belanja"} {
		if !strings.Contains(main, want) {
			t.Errorf("the poster does not show %q", want)
		}
	}
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main svg rect').length`))
	if n < 3 {
		t.Errorf("the poster has %d SVG bars, want charts", n)
	}
	// Each chart under a heading the reader sees, its text large enough to
	// read (10 px or more) without a sideways scroll.
	heads, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main .grafik-blok')].map(s => (s.querySelector('h2') || {innerText: ''}).innerText)`))
	if len(heads) != 3 || heads[0] != "Pendapatan menurut sumber dana" {
		t.Errorf("the charts' headings are %q, want one visible heading per chart", heads)
	}
	font, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll('main svg text')].map(x => x.getBoundingClientRect().height))`))
	if font < 10 {
		t.Errorf("on a phone the charts' smallest text is %.1f px high, want 10 or more", font)
	}
	if cut, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main svg text')].filter(x => x.getBoundingClientRect().right > Math.min(innerWidth, x.ownerSVGElement.getBoundingClientRect().right) + 0.5).map(x => x.textContent)`)); len(cut) != 0 {
		t.Errorf("chart texts cut at the chart's or the phone's edge: %q", cut)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('main .grafik-blok')].filter(s => s.getBoundingClientRect().right > innerWidth).length`)); n != 0 {
		t.Errorf("%d chart boxes reach past the phone's edge", n)
	}
	// Each kegiatan's figures are read whole on the phone, none cut at its edge.
	if cut, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main tbody td')].filter(td => td.getBoundingClientRect().right > innerWidth - 8).map(td => td.innerText)`)); len(cut) != 0 {
		t.Errorf("figures reach the phone's edge: %q", cut)
	}
	html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`html`)))
	for _, payee := range []string{"UD Sumber Rejeki", "CV Karya Dewata", "PT Aspal Tabanan Jaya", "Perbekel dan perangkat desa"} {
		if strings.Contains(html, payee) {
			t.Errorf("the public poster names the payee %q", payee)
		}
	}

	// Printed: A4-ish width, print styles, nothing of the screen's chrome.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(794, 1123)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulate print: %v", err)
	}
	h1, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('main h1')).fontSize`))
	if h1 != "37.3333px" { // 28pt
		t.Errorf("printed, the poster's title is %s, want 28pt", h1)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	bsSave(t, "keuangan-publik-cetak.png", png)
	bkSaveReview(t, "keuangan-publik-cetak.png", png)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
	if err == nil {
		bsSave(t, "keuangan-publik-cetak.pdf", pdf)
	}
}

// bkSaveReview keeps png in NGANTOR_SCREENSHOTS too, for a person
// reviewing the pages.
func bkSaveReview(t *testing.T, name string, png []byte) {
	t.Helper()
	if dir := os.Getenv("NGANTOR_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
