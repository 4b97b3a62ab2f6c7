package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserForumPanelOnAPhone: the forum perbekel reaches the panel
// from the kabupaten page, ranks the desa on the IDM of 2024 per
// kecamatan, opens a desa's card and downloads the ranking, on a 360 px
// phone (tables scroll in their boxes; the SVG charts are inline, no
// script); then defines a composite and ranks by it.
func TestBrowserForumPanelOnAPhone(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "forum@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "forum-dari-kabupaten")
	bwClick(t, ctx, `a[href="/wilayah/51.02/forum"]`, "Panel forum perbekel", "forum-panel")
	btFitsPhone(t, ctx, "panel")

	bsOpen(t, ctx, base, "/wilayah/51.02/forum?indikator=idm.nilai&tahun=2024&kelompok=kecamatan", "Panel forum perbekel", "forum-idm-kecamatan")
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-peringkat tbody tr').length`))
	if err != nil || n != 50 {
		t.Errorf("the ranking shows %d rows (%v), want a page of 50", n, err)
	}
	groups, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-kelompok tbody tr').length`))
	if err != nil || groups != 10 {
		t.Errorf("%d kecamatan groups (%v), want Tabanan's 10", groups, err)
	}
	if svg, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#grafik-panel svg rect').length`)); err != nil || svg < 10 {
		t.Errorf("the chart draws %d bars (%v)", svg, err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#tabel-peringkat tbody tr:first-child`)))
	if err != nil || !strings.Contains(first, "1.") || !strings.Contains(first, "0,") {
		t.Errorf("first row %q (%v)", first, err)
	}
	btFitsPhone(t, ctx, "ranking per kecamatan")

	href, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-csv`), "href"))
	body := string(bsFetchType(t, ctx, base+href.Value, "text/csv; charset=utf-8"))
	if lines := strings.Count(strings.TrimSpace(body), "\n"); lines != 133 || !strings.Contains(body, "Peringkat,Peringkat wilayah,Kode desa") {
		t.Errorf("the CSV holds %d rows, want 133 desa: %.200s", lines, body)
	}

	bwClick(t, ctx, `#tabel-peringkat tbody tr:first-child a`, "", "forum-kartu")
	cards, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#kartu-indikator li').length`))
	if err != nil || cards < 4 {
		t.Errorf("the card lists %d yardsticks with a value (%v)", cards, err)
	}
	btFitsPhone(t, ctx, "desa card")

	bsOpen(t, ctx, base, "/wilayah/51.02/forum/komposit", "Komposit berbobot", "forum-komposit")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(`#form-komposit input[name="nama"]`, "IDM dan sampah"),
		chromedp.SendKeys(`#form-komposit input[name="bobot.idm.nilai"]`, "2"),
		chromedp.SendKeys(`#form-komposit input[name="bobot.sampah.penanganan_sampah"]`, "1"),
	); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `#form-komposit button[type=submit]`, "Komposit berbobot", "forum-komposit-tersimpan")
	if _, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#komposit-tersimpan`))); err != nil {
		t.Errorf("no saved notice: %v", err)
	}
	btFitsPhone(t, ctx, "composites")
}
