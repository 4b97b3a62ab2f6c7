package main

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// Browser tests of the desa table of a kecamatan and a kabupaten, one per
// role that works above the desa: camat, bupati, OPD and forum perbekel.

// bwTable is the desa table as the user reads it: headings and cell texts.
type bwTable struct {
	Head []string
	Rows [][]string
}

func bwReadTable(t *testing.T, ctx context.Context) bwTable {
	t.Helper()
	tb, err := chromedp.Run(ctx, chromedp.Evaluate[bwTable](`(() => {
  const tab = document.getElementById('tabel-desa');
  if (!tab) return {Head: [], Rows: []};
  const txt = el => el.innerText.replace(/\s+/g, ' ').replace(/ [▲▼]$/, '').trim();
  return {
    Head: [...tab.querySelectorAll('thead th')].map(txt),
    Rows: [...tab.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(txt)),
  };
})()`))
	if err != nil {
		t.Fatalf("read the desa table: %v", err)
	}
	if len(tb.Head) == 0 {
		t.Fatalf("the page shows no desa table; it says:\n%s", bsMain(t, ctx))
	}
	return tb
}

func (b bwTable) col(name string) int {
	for i, h := range b.Head {
		if h == name {
			return i
		}
	}
	return -1
}

// bwNumber reads a count as the page writes it (4.913).
func bwNumber(s string) (int, bool) {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	return n, err == nil
}

// bwClick clicks sel, which leads to another page, and checks that page.
func bwClick(t *testing.T, ctx context.Context, sel, heading, shot string) string {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, heading, shot)
	return loc
}

// TestBrowserCamatSortsTheKecamatanTableAndOpensADesa: the camat of Kediri
// opens the kecamatan, sees a table of its 15 desa, sorts by the terms
// ending within 60 days (most first), and opens the desa at the top.
func TestBrowserCamatSortsTheKecamatanTableAndOpensADesa(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02.06", "Kecamatan Kediri", "wilayah-kecamatan-camat")
	tb := bwReadTable(t, ctx)
	if len(tb.Rows) != 15 {
		t.Fatalf("Kediri's table has %d rows, want its 15 desa", len(tb.Rows))
	}
	for _, h := range []string{"Desa", "Kepala desa", "Status", "Jabatan terisi", "Jabatan kosong", "Masa jabatan berakhir ≤ 60 hari",
		"Penduduk", "Surat keluar bulan ini", "Terakhir diperbarui"} {
		if tb.col(h) < 0 {
			t.Errorf("the camat's table has no column %q; it has %q", h, tb.Head)
		}
	}
	bwWidth(t, ctx)

	bwClick(t, ctx, `#tabel-desa thead th:nth-child(`+strconv.Itoa(tb.col("Masa jabatan berakhir ≤ 60 hari")+1)+`) a`, "Kecamatan Kediri", "wilayah-kecamatan-urut-masa-jabatan")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "urut=masa_jabatan_berakhir") || !strings.Contains(loc, "arah=turun") {
		t.Errorf("sorting by terms ending leads to %s, want urut=masa_jabatan_berakhir&arah=turun", loc)
	}
	tb = bwReadTable(t, ctx)
	c := tb.col("Masa jabatan berakhir ≤ 60 hari")
	prev := 1 << 30
	for i, r := range tb.Rows {
		n, ok := bwNumber(r[c])
		if !ok {
			if i < 3 {
				t.Errorf("row %d (%s) has no count of ending terms: %q", i, r[0], r[c])
			}
			continue // desa without data come last
		}
		if n > prev {
			t.Errorf("row %d (%s) has %d ending terms after %d: not sorted most first", i, r[0], n, prev)
		}
		prev = n
	}
	if tb.Rows[0][0] != "Bengkel" {
		t.Errorf("first desa after sorting is %q, want Bengkel (7 BPD terms ending)", tb.Rows[0][0])
	}
	sorted, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#tabel-desa thead th[aria-sort]`), "aria-sort"))
	if err != nil || sorted.Value != "descending" {
		t.Errorf("the sorted heading says aria-sort=%q (%v), want descending", sorted.Value, err)
	}

	bwClick(t, ctx, `#tabel-desa tbody tr:first-child th a`, "Desa Bengkel", "wilayah-desa-dari-camat")
}

// bwWidth checks that at 1280 px the table uses the window, not the
// narrow column of text, and that at 360 px it scrolls inside its own box
// with the desa name kept in view.
func bwWidth(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btDesktopWidth, btDesktopHeight)); err != nil {
		t.Fatal(err)
	}
	w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('.tabel-lebar').getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if w < 1000 {
		t.Errorf("at %d px the table is %.0f px wide; it should use the width", btDesktopWidth, w)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatal(err)
	}
	pos, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#tabel-desa tbody th')).position`))
	if err != nil || pos != "sticky" {
		t.Errorf("the desa column is position %q (%v) on a phone, want sticky", pos, err)
	}
	btFitsPhone(t, ctx, "desa table")
	// Scrolled sideways, the table moves inside its box and the desa
	// names stay at its left edge.
	moved, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
  const box = document.querySelector('.tabel-lebar');
  box.scrollIntoView();
  box.scrollLeft = 300;
  const th = document.querySelector('#tabel-desa tbody th');
  return [box.scrollLeft, Math.round(th.getBoundingClientRect().left - box.getBoundingClientRect().left)];
})()`))
	if err != nil || len(moved) != 2 || moved[0] < 100 || moved[1] > 2 {
		t.Errorf("scrolling the table sideways on a phone: scrollLeft and name offset %v (%v), want the table to move and the names to stay", moved, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		bsSave(t, "tabel-desa-digeser-360.png", png)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(document.querySelector('.tabel-lebar').scrollLeft = 0, window.scrollTo(0, 0), 0)`)); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserBupatiFiltersTheKabupatenTableAndDownloadsXLSX: the bupati
// opens Tabanan, sees all 133 desa, keeps the desa of Kecamatan Kediri with
// the filter, and downloads that table as XLSX, which holds the same rows.
func TestBrowserBupatiFiltersTheKabupatenTableAndDownloadsXLSX(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "bupati@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "wilayah-kabupaten-bupati")
	tb := bwReadTable(t, ctx)
	if len(tb.Rows) != 133 {
		t.Fatalf("Tabanan's table has %d rows, want 133 desa", len(tb.Rows))
	}
	if tb.col("Kecamatan") < 0 || tb.col("Kepala desa") < 0 {
		t.Errorf("the kabupaten table lacks Kecamatan or Kepala desa: %q", tb.Head)
	}
	bwWidth(t, ctx)

	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#kecamatan`), "51.02.06")); err != nil {
		t.Fatalf("choose Kediri: %v", err)
	}
	bwClick(t, ctx, `#saring-kecamatan`, "Kabupaten Tabanan", "wilayah-kabupaten-saring-kediri")
	tb = bwReadTable(t, ctx)
	if len(tb.Rows) != 15 {
		t.Fatalf("filtered by Kediri the table has %d rows, want 15", len(tb.Rows))
	}
	kec := tb.col("Kecamatan")
	for _, r := range tb.Rows {
		if r[kec] != "Kediri" {
			t.Errorf("filtered by Kediri, the table shows %s of %s", r[0], r[kec])
		}
	}
	h2, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#judul-tabel-desa`)))
	if !strings.Contains(h2, "15 desa di Kecamatan Kediri") {
		t.Errorf("table heading %q, want it to say 15 desa di Kecamatan Kediri", h2)
	}

	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-xlsx`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("no XLSX link: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	u, _ := url.Parse(loc)
	u, _ = u.Parse(href.Value)
	body := bsFetchType(t, ctx, u.String(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the download is no workbook: %v", err)
	}
	rows, err := f.GetRows("Desa")
	if err != nil {
		t.Fatal(err)
	}
	bsSave(t, "desa-kediri.xlsx", body)
	if len(rows) != len(tb.Rows)+1 {
		t.Fatalf("XLSX has %d rows, the table %d plus a heading", len(rows), len(tb.Rows))
	}
	for i, r := range tb.Rows {
		if rows[i+1][0] != r[0] || rows[i+1][kec] != r[kec] {
			t.Errorf("XLSX row %d is %q, the table's %q", i+1, rows[i+1][:kec+1], r[:kec+1])
		}
	}
}

// TestBrowserOPDFindsADesaInTheKabupatenTable: the DLH finds Nyitdah in
// Tabanan's table (sorted by name, Kediri kept), opens its page and the
// records it may read there.
func TestBrowserOPDFindsADesaInTheKabupatenTable(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "dlh@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02?kecamatan=51.02.06&urut=nama", "Kabupaten Tabanan", "wilayah-kabupaten-opd")
	tb := bwReadTable(t, ctx)
	row := -1
	for i, r := range tb.Rows {
		if r[0] == "Nyitdah" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("Nyitdah is not in the table: %v", tb.Rows)
	}
	if got := tb.Rows[row][tb.col("Status")]; got != "Pj" {
		t.Errorf("Nyitdah's kepala desa status %q, want Pj", got)
	}
	bwClick(t, ctx, `#tabel-desa tbody tr:nth-child(`+strconv.Itoa(row+1)+`) th a`, "Desa Nyitdah", "wilayah-desa-opd")
	links := []struct{ label, heading, shot, path string }{
		{"Perangkat desa", "Perangkat desa", "perangkat-opd", ""},
		{"Profil desa", "Profil desa", "profil-opd", ""},
	}
	for i, p := range links {
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`([...document.querySelectorAll('main a')].find(a => a.innerText.trim() === '`+p.label+`') || {}).href || ''`))
		if err != nil || href == "" {
			t.Fatalf("Nyitdah's page has no link %q: %v", p.label, err)
		}
		u, _ := url.Parse(href)
		links[i].path = u.RequestURI()
	}
	for _, p := range links {
		bsOpen(t, ctx, base, p.path, p.heading, p.shot)
	}
}

// TestBrowserForumSeesTheAggregateTableOnly: the forum perbekel sees every
// desa of Tabanan with the aggregate columns — posts, terms ending,
// population, last update — and no name, no letter and no link to a desa.
func TestBrowserForumSeesTheAggregateTableOnly(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "forum@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "wilayah-kabupaten-forum")
	tb := bwReadTable(t, ctx)
	if len(tb.Rows) != 133 {
		t.Errorf("the forum's table has %d rows, want 133", len(tb.Rows))
	}
	want := "Desa|Kecamatan|Jabatan terisi|Jabatan kosong|Masa jabatan berakhir ≤ 60 hari|Penduduk|Surat keluar bulan ini|" +
		"Realisasi belanja APBDes|Porsi PADes dalam pendapatan|Tahap Dana Desa diterima|Porsi SiLPA terhadap belanja|" +
		"Pengurangan sampah (% timbulan)|Penanganan sampah (% timbulan)|Nasabah bank sampah aktif (90 hari)|Sampah terkelola|" +
		"Fasilitas sampah aktif|Uptime CCTV 30 hari|Kamera CCTV per 1.000 penduduk|Kamera CCTV aktif|Kamera CCTV mati lebih dari 24 jam|" +
		"UMKM aktif|UMKM aktif per 1.000 penduduk|UMKM aktif yang memiliki NIB|Kontribusi BUMDes ke PADes (tahun terakhir tercatat)|" +
		"Omzet BUMDes (tahun terakhir tercatat)|Audiensi diterima bulan ini|Audiensi masih berjalan|Audiensi melewati tenggat|" +
		"Audiensi ditutup tepat waktu bulan ini|Median hari kerja sampai ditutup bulan ini|Keselarasan belanja dengan RPJM|Program desa|" +
		"Perangkat terlatih (2 tahun)|Tindak lanjut pembinaan terlambat|Konsultasi dijawab ≤ 3 hari kerja bulan ini|Konsultasi belum selesai|Terakhir diperbarui|Kode"
	if got := strings.Join(tb.Head, "|"); got != want {
		t.Errorf("forum columns\n %s\nwant\n %s", got, want)
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, personal := range []string{"I Made Sudarsana", "I Gusti Made Suryawan", "Kepala desa", "Perihal"} {
		if strings.Contains(html, personal) {
			t.Errorf("the forum's page shows %q", personal)
		}
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-desa a[href^="/wilayah/51.02.06."], #tabel-desa tbody a').length`))
	if err != nil || n != 0 {
		t.Errorf("the forum's table links to %d desa pages (%v), want none", n, err)
	}
	var bengkel []string
	for _, r := range tb.Rows {
		if r[0] == "Bengkel" {
			bengkel = r
		}
	}
	if got := bengkel[tb.col("Penduduk")]; got != "4.913" {
		t.Errorf("Bengkel's population reads %q, want 4.913", got)
	}
	// The export carries the same aggregate columns.
	href, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-csv`), "href"))
	body := bsFetchType(t, ctx, base+href.Value, "text/csv; charset=utf-8")
	if first, _, _ := strings.Cut(string(body), "\n"); strings.ReplaceAll(first, ",", "|") != want {
		t.Errorf("the forum's CSV headings %q", first)
	}
	if bytes.Contains(body, []byte("Sudarsana")) {
		t.Error("the forum's CSV names a kepala desa")
	}
}
