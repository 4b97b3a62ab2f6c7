package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserIDMImportOnAPhone: the kabupaten's admin reaches the IDM page
// from the kabupaten's page, reads the 133 desa of the year, imports a
// file for 2025 with one status that disagrees and sees it flagged; the
// forum perbekel reads the same table without the form.
func TestBrowserIDMImportOnAPhone(t *testing.T) {
	base, a := btStartDevApp(t)
	ctx := btBrowser(t)
	if err := a.forum.SeedDemoIDM(context.Background()); err != nil {
		t.Fatal(err)
	}
	bsSignInAs(t, ctx, base, "admin@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02", "Kabupaten Tabanan", "idm-1-kabupaten")
	bwClick(t, ctx, `main a[href="/wilayah/51.02/idm"]`, "Indeks Desa Membangun 2024", "idm-2-tabel")
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tabel-idm tbody tr').length`))
	if err != nil || rows != 133 {
		t.Fatalf("the table has %d rows (%v), want 133", rows, err)
	}

	file := filepath.Join(t.TempDir(), "idm-2025.csv")
	csv := "KODE DESA;NAMA DESA;IKS;IKE;IKL;NILAI IDM;STATUS IDM\n" +
		"5102012001;BAJERA;0,9;0,9;0,9;0,9;MANDIRI\n" +
		"5102012002;WANAGIRI;0,7;0,7;0,7;0,7073;BERKEMBANG\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#idm-tahun`), "2025"),
		chromedp.SetUploadFiles(chromedp.CSS(`#idm-berkas`), []string{file}),
	); err != nil {
		t.Fatalf("fill the form: %v", err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#form-idm button[type=submit]`)))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	bsCheckPage(t, ctx, resp, "/wilayah/51.02/idm/impor", "Indeks Desa Membangun 2025", "idm-3-hasil")
	if text := bsMain(t, ctx); !strings.Contains(text, "2 desa disimpan") || !strings.Contains(text, "1 ditandai") ||
		!strings.Contains(text, "berkas: BERKEMBANG") {
		t.Errorf("after the import the page reads:\n%s", text)
	}

	forum := btBrowser(t)
	bsSignInAs(t, forum, base, "forum@tabanan.test")
	bsOpen(t, forum, base, "/wilayah/51.02/idm?tahun=2025", "Indeks Desa Membangun 2025", "idm-4-forum")
	if n, err := chromedp.Run(forum, chromedp.Evaluate[int](`document.querySelectorAll('#form-idm').length`)); err != nil || n != 0 {
		t.Errorf("the forum is offered the import form (%d, %v)", n, err)
	}
}
