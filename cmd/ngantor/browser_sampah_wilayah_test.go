package main

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
)

// Browser stories of pengelolaan sampah above the desa (issue 11): the
// DLH reads the kabupaten, the camat the kecamatan, the admin kabupaten
// sets the timbulan rate, the forum reads figures only, and anyone reads a
// desa's public page.

const (
	bswKab     = "/wilayah/51.02/sampah"
	bswCapaian = "/desa/" + bsDesa + "/sampah/capaian"
)

// bswBengkel is Bengkel's row of the figures table.
func bswBengkel(t *testing.T, tb bwTable) []string {
	t.Helper()
	for _, r := range tb.Rows {
		if len(r) > 0 && r[0] == "Bengkel" {
			return r
		}
	}
	t.Fatalf("Bengkel is not in the figures table: %d rows", len(tb.Rows))
	return nil
}

// bswCell is row's cell under heading, failing when there is no such column.
func bswCell(t *testing.T, tb bwTable, row []string, heading string) string {
	t.Helper()
	c := tb.col(heading)
	if c < 0 || c >= len(row) {
		t.Fatalf("the figures table has no column %q: %q", heading, tb.Head)
	}
	return row[c]
}

// bswFigures checks that Bengkel's row carries its year of logs and
// setoran: tonnes reduced and handled, a percentage, nasabah, facilities.
func bswFigures(t *testing.T, tb bwTable) {
	t.Helper()
	b := bswBengkel(t, tb)
	for _, h := range []string{"Pengurangan (ton)", "Penanganan (ton)", "Bank sampah (ton)"} {
		if v := bswCell(t, tb, b, h); v == "" || v == "0,00" || v == "–" {
			t.Errorf("Bengkel's %s reads %q, want its year of logs", h, v)
		}
	}
	if v := bswCell(t, tb, b, "Pengurangan (%)"); !strings.HasSuffix(v, "%") {
		t.Errorf("Bengkel's pengurangan share reads %q, want a percentage", v)
	}
	if n, ok := bwNumber(bswCell(t, tb, b, "Nasabah aktif")); !ok || n == 0 {
		t.Errorf("Bengkel's active nasabah read %q, want a count", bswCell(t, tb, b, "Nasabah aktif"))
	}
	if v := bswCell(t, tb, b, "Fasilitas aktif"); !strings.HasPrefix(v, "2") {
		t.Errorf("Bengkel's active facilities read %q, want 2 (TPS3R and bank sampah)", v)
	}
}

// bswSortDescending clicks the heading of column c until the table is
// sorted by it highest first, and checks the order.
func bswSortDescending(t *testing.T, ctx context.Context, id string, c int, shot string) bwTable {
	t.Helper()
	sel := `#` + id + ` thead th:nth-child(` + strconv.Itoa(c+1) + `) a`
	for range 2 {
		bwClick(t, ctx, sel, "Pengelolaan sampah", shot)
		if s, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#`+id+` thead th[aria-sort]`), "aria-sort")); s.Value == "descending" {
			break
		}
	}
	if s, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#`+id+` thead th:nth-child(`+strconv.Itoa(c+1)+`)`), "aria-sort")); s.Value != "descending" {
		t.Fatalf("two clicks on the heading did not sort it highest first (aria-sort %q)", s.Value)
	}
	tb := bkTable(t, ctx, id)
	bkSorted(t, tb, c)
	// The desa without a share (no population) come after those with one.
	seenDash := false
	for _, r := range tb.Rows {
		if r[c] == "–" {
			seenDash = true
		} else if seenDash {
			t.Errorf("%s has a share (%s) after a desa without one: the dashes should come last", r[0], r[c])
			break
		}
	}
	if tb.Rows[0][c] == "–" {
		t.Errorf("sorted highest first, the first desa %s has no share", tb.Rows[0][0])
	}
	return tb
}

// bswNoNasabah fails when the page links to a page about persons or
// shows a nasabah's name.
func bswNoNasabah(t *testing.T, ctx context.Context, page string, names []string) {
	t.Helper()
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => /\/sampah\/(nasabah|jurnal|iuran|entri|setoran)/.test(h))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 0 {
		t.Errorf("%s links to pages of persons or entries: %q", page, links)
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`html`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if strings.Contains(html, n) {
			t.Errorf("%s shows the nasabah %q", page, n)
			return
		}
	}
}

// bswNasabahNames are the names of the demo's nasabah, read from the
// database, for checking that a page shows none of them.
func bswNasabahNames(t *testing.T, a *app) []string {
	t.Helper()
	var names []string
	err := a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		return tx.NewRaw("SELECT nama FROM sampah_nasabah WHERE jenis = 'rumah_tangga' ORDER BY nama").Scan(ctx, &names)
	})
	if err != nil {
		t.Fatalf("read the demo's nasabah: %v", err)
	}
	if len(names) < 100 {
		t.Fatalf("the demo has %d nasabah, want Bengkel's 150", len(names))
	}
	return names
}

// bswForbidden opens path and wants a 403 in Bahasa that shows nothing of
// the page.
func bswForbidden(t *testing.T, ctx context.Context, base, path, shot string, hidden ...string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	bsShot(t, ctx, shot)
	if resp == nil || resp.Status != http.StatusForbidden {
		st := int64(0)
		if resp != nil {
			st = resp.Status
		}
		t.Errorf("%s answered %d, want 403", path, st)
	}
	body := bsMain(t, ctx)
	if !strings.Contains(body, "tidak berwenang") {
		t.Errorf("%s: the refusal is not in Bahasa:\n%s", path, body)
	}
	for _, h := range hidden {
		if strings.Contains(body, h) {
			t.Errorf("%s: the refusal shows %q", path, h)
		}
	}
	btFitsPhone(t, ctx, path)
}

// bswCharts checks the SVG charts of a figures page on the phone: at
// least want of them, each visible, its text 10 px or more, nothing cut
// at the chart's edge, and the page itself not wider than the phone.
func bswCharts(t *testing.T, ctx context.Context, page string, want int) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll('main svg')].map(s => { const r = s.getBoundingClientRect(); return Math.min(r.width, r.height); })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < want {
		t.Fatalf("%s shows %d SVG charts, want %d", page, len(got), want)
	}
	for i, s := range got {
		if s < 100 {
			t.Errorf("%s: chart %d is %.0f px on its short side: not readable", page, i+1, s)
		}
	}
	font, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll('main svg text')].map(x => x.getBoundingClientRect().height))`))
	if font < 10 {
		t.Errorf("%s: on a phone the charts' smallest text is %.1f px high, want 10 or more", page, font)
	}
	if cut, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main svg text')].filter(x => x.getBoundingClientRect().right > x.ownerSVGElement.getBoundingClientRect().right + 0.5).map(x => x.textContent)`)); len(cut) != 0 {
		t.Errorf("%s: chart texts cut at the chart's edge: %q", page, cut)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('main figure, main .grafik-blok')].filter(f => f.getBoundingClientRect().right > innerWidth + 0.5).length`)); n != 0 {
		t.Errorf("%s: %d chart boxes reach past the phone's edge", page, n)
	}
}

// TestBrowserSampahWilayahDLH: the DLH of Tabanan, on a phone, goes from
// its kabupaten to Pengelolaan sampah, reads every desa with Bengkel's
// figures, sorts by the pengurangan share (highest first), keeps
// Kecamatan Kediri, reads the facilities with an inactive one and its
// reason, downloads the SIPSN XLSX, and opens Bengkel's capaian page with
// its charts and its facilities — and never a nasabah.
func TestBrowserSampahWilayahDLH(t *testing.T) {
	base, a := btStartDevApp(t)
	names := bswNasabahNames(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "dlh@tabanan.test")

	bwClick(t, ctx, `main a[href="/wilayah/51.02"]`, "Kabupaten Tabanan", "sampah-dlh-kabupaten")
	bwClick(t, ctx, `main a[href="`+bswKab+`"]`, "Pengelolaan sampah", "sampah-dlh-wilayah")
	tb := bkTable(t, ctx, "tabel-capaian")
	if len(tb.Rows) != 133 {
		t.Errorf("Tabanan's sampah table has %d rows, want 133 desa", len(tb.Rows))
	}
	for _, h := range []string{"Desa", "Kecamatan", "Penduduk", "Timbulan (ton)", "Pengurangan (ton)", "Pengurangan (%)", "Penanganan (ton)",
		"Penanganan (%)", "Nasabah aktif", "Fasilitas aktif"} {
		if tb.col(h) < 0 {
			t.Errorf("the table has no column %q: %q", h, tb.Head)
		}
	}
	bswFigures(t, tb)
	btFitsPhone(t, ctx, bswKab)
	bswNoNasabah(t, ctx, bswKab, names)

	c := tb.col("Pengurangan (%)")
	tb = bswSortDescending(t, ctx, "tabel-capaian", c, "sampah-dlh-urut-pengurangan")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "urut=pengurangan_persen") || !strings.Contains(loc, "arah=turun") {
		t.Errorf("sorted by pengurangan the page is %s, want urut=pengurangan_persen&arah=turun", loc)
	}

	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#kecamatan`), "51.02.06")); err != nil {
		t.Fatalf("choose Kediri: %v", err)
	}
	bwClick(t, ctx, `form.saring button[type=submit]`, "Pengelolaan sampah", "sampah-dlh-kediri")
	kediri := bkTable(t, ctx, "tabel-capaian")
	if len(kediri.Rows) != 15 {
		t.Errorf("filtered by Kediri the table has %d rows, want 15", len(kediri.Rows))
	}
	for _, r := range kediri.Rows {
		if k := bswCell(t, kediri, r, "Kecamatan"); k != "Kediri" {
			t.Errorf("filtered by Kediri, the table shows %s of %s", r[0], k)
		}
	}
	bkSorted(t, kediri, c) // the filter keeps the order
	bswFigures(t, kediri)

	// The facilities of Kediri, the stopped TPS3R of Nyitdah with its reason.
	fas := bkTable(t, ctx, "tabel-fasilitas")
	inKediri := map[string]bool{}
	for _, r := range kediri.Rows {
		inKediri[r[0]] = true
	}
	var nyitdah, bestari []string
	for _, r := range fas.Rows {
		switch r[1] {
		case "TPS3R Nyitdah":
			nyitdah = r
		case "TPS3R Bestari":
			bestari = r
		}
		if !inKediri[r[0]] {
			t.Errorf("filtered by Kediri the facilities list %s of %s", r[1], r[0])
		}
	}
	if bestari == nil || bestari[0] != "Bengkel" || bestari[3] != "aktif" {
		t.Errorf("the facilities show Bengkel's TPS3R as %q, want it aktif", bestari)
	}
	if nyitdah == nil || !strings.HasPrefix(nyitdah[3], "tidak aktif") || !strings.Contains(nyitdah[3], "Lahan sengketa") {
		t.Errorf("the stopped TPS3R of Nyitdah reads %q, want tidak aktif with its reason", nyitdah)
	}
	if bestari != nil && bestari[4] != "5.000" {
		t.Errorf("TPS3R Bestari's capacity reads %q kg/hari, want 5.000", bestari[4])
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-fasilitas a').length`)); n != 0 {
		t.Logf("the facilities list links %d times", n)
	}

	// The SIPSN workbook of what the page shows.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-xlsx`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("no XLSX link: %v", err)
	}
	if !strings.Contains(href.Value, "kecamatan=51.02.06") {
		t.Errorf("the XLSX link %q does not keep the filter", href.Value)
	}
	body := bsFetchType(t, ctx, base+href.Value, bkXLSX)
	bsSave(t, "capaian-sampah-kediri.xlsx", body)
	bswXLSX(t, body, len(kediri.Rows))

	// Bengkel's year, with its charts, from the table.
	bwClick(t, ctx, `#tabel-capaian tbody th a[href^="`+bswCapaian+`"]`, "Capaian pengelolaan sampah", "sampah-dlh-capaian-bengkel")
	bswCharts(t, ctx, bswCapaian, 2)
	if got := bkText(t, ctx, `#capaian-tahun`); !strings.Contains(got, "nasabah aktif") || !strings.Contains(got, "%") {
		t.Errorf("Bengkel's year reads %q, want shares and active nasabah", got)
	}
	bswNoNasabah(t, ctx, bswCapaian, names)
	if tab := bkLinkByText(t, ctx, "Nasabah"); tab != "" {
		t.Errorf("the DLH sees a Nasabah tab: %s", tab)
	}

	// The facilities, from the module's tabs.
	fasilitas := bkLinkByText(t, ctx, "Fasilitas")
	if fasilitas == "" {
		t.Fatalf("Bengkel's capaian page offers the DLH no Fasilitas tab:\n%s", bsMain(t, ctx))
	}
	bsOpen(t, ctx, base, bkPath(t, fasilitas), "Fasilitas", "sampah-dlh-fasilitas-bengkel")
	main := bsMain(t, ctx)
	for _, want := range []string{"TPS3R Bestari", "Bank Sampah Bestari"} {
		if !strings.Contains(main, want) {
			t.Errorf("Bengkel's facilities do not show %q:\n%s", want, main)
		}
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post]').length`)); n != 0 {
		t.Errorf("the DLH's facilities page has %d forms that change data", n)
	}
	bswNoNasabah(t, ctx, "Bengkel's facilities", names)

	// No nasabah page, even typed.
	bswForbidden(t, ctx, base, "/desa/"+bsDesa+"/sampah/nasabah", "sampah-dlh-nasabah-ditolak", names[:3]...)
}

// bswXLSX checks the SIPSN workbook: the heading row in SIPSN's columns,
// one row per desa plus Jumlah, Bengkel's row with its tonnes.
func bswXLSX(t *testing.T, body []byte, desa int) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the download is no workbook: %v", err)
	}
	defer f.Close()
	// The figures are on a sheet of their own, after the cover's basis.
	var rows [][]string
	head := -1
	for _, s := range f.GetSheetList() {
		rs, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			if head < 0 && len(r) > 0 && r[0] == "Provinsi" {
				rows, head = rs, i
			}
		}
	}
	if head < 0 {
		t.Fatalf("no sheet of the workbook %q has a heading row starting Provinsi", f.GetSheetList())
	}
	h := rows[head]
	want := []string{"Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa", "Kode desa", "Tahun", "Jumlah penduduk",
		"Timbulan sampah harian (ton/hari)", "Timbulan sampah tahunan (ton/tahun)", "Pengurangan sampah (ton/tahun)", "% pengurangan",
		"Penanganan sampah (ton/tahun)", "% penanganan", "Sampah terkelola (ton/tahun)", "% terkelola",
		"Sampah tidak terkelola (ton/tahun)", "% tidak terkelola"}
	if len(h) < len(want) || strings.Join(h[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("the workbook's headings\n %q\nwant SIPSN's first columns\n %q", h, want)
	}
	col := func(name string) int {
		for i, c := range h {
			if c == name {
				return i
			}
		}
		t.Fatalf("the workbook has no column %q", name)
		return -1
	}
	var bengkel []string
	n := 0
	for _, r := range rows[head+1:] {
		if len(r) > col("Kode desa") && strings.HasPrefix(r[col("Kode desa")], "51.02.") && r[col("Desa")] != "Jumlah" {
			n++
		}
		if len(r) > col("Desa") && r[col("Desa")] == "Bengkel" {
			bengkel = r
		}
	}
	if n != desa {
		t.Errorf("the workbook has %d desa rows, the page %d", n, desa)
	}
	if last := rows[len(rows)-1]; len(last) <= col("Desa") || last[col("Desa")] != "Jumlah" {
		t.Errorf("the workbook's last row is %q, want the Jumlah", last)
	}
	if bengkel == nil {
		t.Fatal("the workbook has no row for Bengkel")
	}
	if got := bengkel[col("Kode desa")]; got != bsDesa {
		t.Errorf("Bengkel's row has kode %q", got)
	}
	if got := bengkel[col("Kabupaten/Kota")]; !strings.Contains(got, "Tabanan") {
		t.Errorf("Bengkel's row has kabupaten %q", got)
	}
	for _, c := range []string{"Pengurangan sampah (ton/tahun)", "Penanganan sampah (ton/tahun)", "% pengurangan"} {
		if v := bengkel[col(c)]; v == "" || v == "0" {
			t.Errorf("Bengkel's %s is %q in the workbook", c, v)
		}
	}
}

// TestBrowserSampahWilayahCamat: the camat of Kediri goes from the
// kecamatan to Pengelolaan sampah and reads its 15 desa, Bengkel among
// them with its figures.
func TestBrowserSampahWilayahCamat(t *testing.T) {
	base, a := btStartDevApp(t)
	names := bswNasabahNames(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02.06", "Kecamatan Kediri", "sampah-camat-kecamatan")
	bwClick(t, ctx, `main a[href="/wilayah/51.02.06/sampah"]`, "Pengelolaan sampah", "sampah-camat-wilayah")
	tb := bkTable(t, ctx, "tabel-capaian")
	if len(tb.Rows) != 15 {
		t.Errorf("Kediri's sampah table has %d rows, want its 15 desa", len(tb.Rows))
	}
	if tb.col("Kecamatan") >= 0 {
		t.Errorf("a kecamatan's table repeats the kecamatan: %q", tb.Head)
	}
	bswFigures(t, tb)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#kecamatan, #tautan-pengaturan').length`)); n != 0 {
		t.Errorf("the camat's page has a kecamatan filter or the kabupaten's settings (%d)", n)
	}
	bswNoNasabah(t, ctx, "the camat's page", names)
	bwClick(t, ctx, `#tabel-capaian tbody th a[href^="`+bswCapaian+`"]`, "Capaian pengelolaan sampah", "sampah-camat-capaian-bengkel")
	bswCharts(t, ctx, bswCapaian, 1)
}

// TestBrowserSampahWilayahAdminSetsTheRate: the admin kabupaten, at a
// desktop, sets Tabanan's timbulan rate and its source; 0 and 9999 are
// refused at the field with the typed values kept; then the kabupaten's
// page shows the new rate, and Bengkel's shares follow it.
func TestBrowserSampahWilayahAdminSetsTheRate(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "admin@tabanan.test")
	bkDesktop(t, ctx)

	bkOpenDesk(t, ctx, base, bswKab, "Pengelolaan sampah", "sampah-admin-wilayah")
	catatan := bkText(t, ctx, `main p.catatan`)
	if !strings.Contains(catatan, "700 g/orang/hari") {
		t.Errorf("before any setting the page says %q, want the default 700 g/orang/hari", catatan)
	}
	tb := bkTable(t, ctx, "tabel-capaian")
	b0 := bswBengkel(t, tb)
	peng0, timb0 := bswCell(t, tb, b0, "Pengurangan (%)"), bswCell(t, tb, b0, "Timbulan (ton)")

	bkClickDesk(t, ctx, `#tautan-pengaturan`, "Angka timbulan dan target", "sampah-admin-pengaturan")
	const (
		rate   = `input[name=timbulan_gram_orang_hari]`
		sumber = `input[name=sumber]`
		source = "Kajian timbulan sampah DLH Kabupaten Tabanan 2026"
	)
	for _, bad := range []string{"0", "9999"} {
		bswType(t, ctx, rate, bad)
		bswType(t, ctx, sumber, source)
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.formulir button[type=submit]`)))
		if err != nil {
			t.Fatalf("save %s: %v", bad, err)
		}
		if resp == nil || resp.Status != http.StatusUnprocessableEntity {
			st := int64(0)
			if resp != nil {
				st = resp.Status
			}
			t.Errorf("a rate of %s answered %d, want 422", bad, st)
		}
		bkShot(t, ctx, "sampah-admin-pengaturan-galat-"+bad)
		if v := bsValue(t, ctx, rate); v != bad {
			t.Errorf("after refusing %s the rate field holds %q, want the typed value", bad, v)
		}
		if v := bsValue(t, ctx, sumber); v != source {
			t.Errorf("after refusing %s the source field holds %q, want the typed source", bad, v)
		}
		inv, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(rate), "aria-invalid"))
		if inv.Value != "true" {
			t.Errorf("the refused rate %s is not marked invalid at its field", bad)
		}
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const i = document.querySelector('`+rate+`'); const id = (i.getAttribute('aria-describedby') || '').split(' ')[0]; const m = id && document.getElementById(id); return m ? m.innerText.trim() : ''; })()`))
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main .galat-isian').length`)); n != 1 {
			t.Errorf("the refused rate %s shows %d messages at the fields, want one", bad, n)
		}
		if msg == "" {
			t.Errorf("the refused rate %s has no message at its field:\n%s", bad, bsMain(t, ctx))
		} else {
			t.Logf("rate %s: the field says %q", bad, msg)
		}
		if got := bkText(t, ctx, `#pengaturan-berlaku`); !strings.Contains(got, "700 gram") {
			t.Errorf("after refusing %s the rate in force reads %q, want 700 gram still", bad, got)
		}
	}

	bswType(t, ctx, rate, "500")
	bkClickDesk(t, ctx, `form.formulir button[type=submit]`, "Angka timbulan dan target", "sampah-admin-pengaturan-disimpan")
	if got := bkText(t, ctx, `main p.berhasil`); !strings.Contains(got, "disimpan") {
		t.Errorf("after saving the page says %q, want a confirmation", got)
	}
	if got := bkText(t, ctx, `#pengaturan-berlaku`); !strings.Contains(got, "500 gram") || !strings.Contains(got, source) {
		t.Errorf("the rate in force reads %q, want 500 gram from %q", got, source)
	}

	bkClickDesk(t, ctx, `main a[href="`+bswKab+`"]`, "Pengelolaan sampah", "sampah-admin-wilayah-500")
	catatan = bkText(t, ctx, `main p.catatan`)
	if !strings.Contains(catatan, "500 g/orang/hari") || !strings.Contains(catatan, source) {
		t.Errorf("after the setting the page says %q, want 500 g/orang/hari from %q", catatan, source)
	}
	tb = bkTable(t, ctx, "tabel-capaian")
	b1 := bswBengkel(t, tb)
	peng1, timb1 := bswCell(t, tb, b1, "Pengurangan (%)"), bswCell(t, tb, b1, "Timbulan (ton)")
	if peng1 == peng0 || timb1 == timb0 {
		t.Errorf("with 500 instead of 700 g Bengkel's timbulan %s → %s and pengurangan %s → %s, want both to change", timb0, timb1, peng0, peng1)
	}
	if v0, v1 := bswPersen(peng0), bswPersen(peng1); v1 <= v0 {
		t.Errorf("a smaller rate should raise Bengkel's share: %s → %s", peng0, peng1)
	}
}

// bswType replaces what the field sel holds by typing value into it.
func bswType(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).value = ''`),
		chromedp.SendKeys(chromedp.CSS(sel), value),
	); err != nil {
		t.Fatalf("type %q into %s: %v", value, sel, err)
	}
}

// bswPersen reads 12,34% as 1234 (−1 when it is no percentage).
func bswPersen(s string) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	whole, frac, _ := strings.Cut(s, ",")
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.Atoi(strings.ReplaceAll(whole, ".", ""))
	f, err2 := strconv.Atoi(frac[:2])
	if err1 != nil || err2 != nil {
		return -1
	}
	return w*100 + f
}

// TestBrowserSampahWilayahForum: the forum perbekel reads the kabupaten's
// figures — every desa, Bengkel's tonnes — with no link into a desa, no
// nasabah and no form that changes anything.
func TestBrowserSampahWilayahForum(t *testing.T) {
	base, a := btStartDevApp(t)
	names := bswNasabahNames(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "forum@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "sampah-forum-kabupaten")
	bwClick(t, ctx, `main a[href="`+bswKab+`"]`, "Pengelolaan sampah", "sampah-forum-wilayah")
	tb := bkTable(t, ctx, "tabel-capaian")
	if len(tb.Rows) != 133 {
		t.Errorf("the forum's table has %d rows, want 133", len(tb.Rows))
	}
	bswFigures(t, tb)
	for sel, what := range map[string]string{
		`#tabel-capaian tbody a`:                    "links into a desa",
		`#tabel-fasilitas a`:                        "facility links",
		`main a[href^="/desa/"]`:                    "links to desa pages",
		`main form[method=post]`:                    "forms that change data",
		`main input:not([type=hidden]):not([form])`: "inputs",
	} {
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+sel+`').length`)); n != 0 {
			t.Errorf("the forum's page has %d %s (%s)", n, what, sel)
		}
	}
	bswNoNasabah(t, ctx, "the forum's page", names)
	if got := bkText(t, ctx, `#tabel-fasilitas`); !strings.Contains(got, "TPS3R Bestari") {
		t.Errorf("the forum does not see the facilities' list: %q", got)
	}

	bswForbidden(t, ctx, base, bswCapaian, "sampah-forum-capaian-ditolak")
	bswForbidden(t, ctx, base, "/desa/"+bsDesa+"/sampah/nasabah", "sampah-forum-nasabah-ditolak", names[:3]...)
	// The kabupaten's rate and targets are figures the forum may read,
	// not change.
	bsOpen(t, ctx, base, bswKab+"/pengaturan", "Angka timbulan dan target", "sampah-forum-pengaturan")
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form, main input').length`)); n != 0 {
		t.Errorf("the forum's view of the settings has %d forms or fields", n)
	}
}

// TestBrowserSampahPublik: anyone, signed out, on a phone, reads
// Bengkel's public sampah page: its facilities, this year's figures and
// the monthly chart, and no nasabah.
func TestBrowserSampahPublik(t *testing.T) {
	base, a := btStartDevApp(t)
	names := bswNasabahNames(t, a)
	ctx := btBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
	path := "/publik/desa/" + bsDesa + "/sampah"
	bsOpen(t, ctx, base, path, "Pengelolaan sampah Desa Bengkel", "sampah-publik")
	main := bsMain(t, ctx)
	for _, want := range []string{"TPS3R Bestari", "Bank Sampah Bestari", "Pengurangan", "Penanganan", "Timbulan", "Kecamatan Kediri"} {
		if !strings.Contains(main, want) {
			t.Errorf("the public page does not show %q:\n%s", want, main)
		}
	}
	if got := bkText(t, ctx, `.angka-utama`); !strings.Contains(got, "%") || !strings.Contains(got, "ton") {
		t.Errorf("the public figures read %q, want shares and tonnes", got)
	}
	months, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#publik-bulan tbody tr').length`))
	if months == 0 {
		t.Errorf("the public page has no monthly table")
	}
	if months >= 2 { // in January a single month is no line
		bswCharts(t, ctx, path, 1)
	}
	bswNoNasabah(t, ctx, path, names)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('form, input').length`)); n != 0 {
		t.Errorf("the public page has %d forms or inputs", n)
	}
}
