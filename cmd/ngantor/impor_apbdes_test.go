package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// imporPageXLSX is a workbook of the import template's header and rows.
func imporPageXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	_ = x.SetSheetName("Sheet1", "APBDes")
	head := []any{"Kode kegiatan", "Kode rekening", "Uraian", "Volume", "Satuan", "Harga satuan (Rp)", "Sumber dana"}
	_ = x.SetSheetRow("APBDes", "A1", &head)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = x.SetSheetRow("APBDes", cell, &r)
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imporPost sends the import form (multipart) with the session of token.
func imporPost(t *testing.T, srv string, path, token string, file []byte, ganti bool) (int, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("berkas", "apbdes.xlsx")
	_, _ = fw.Write(file)
	if ganti {
		_ = w.WriteField("ganti", "1")
	}
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, srv+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: token})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// TestImporAPBDesPage walks the import page: the error report as a table
// with nothing saved, then the summary, then the downloads.
func TestImporAPBDesPage(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	own := login(t, srv, "perbekel.bengkel@tabanan.test")
	base := "/desa/" + ownDesa + "/keuangan/2031"
	status, html := page(t, srv, base+"/impor", own)
	if status != 200 || !strings.Contains(html, `id="form-impor"`) || !strings.Contains(html, base+"/impor/template") {
		t.Fatalf("import page: %d %s", status, html)
	}
	bad := [][]any{
		{"", "4.2.1.01", "Dana Desa", "", "", 900000000, "DDS"},
		{"02.01.06", "5.2.1.01", "Semen", 10, "sak", "1,25 jt", "DDS"},
		{"", "9.9.9.99", "", "", "", 5, "XYZ"},
	}
	status, html = imporPost(t, srv.URL, base+"/impor", own, imporPageXLSX(t, bad), false)
	if status != 422 || !strings.Contains(html, `id="tabel-kesalahan"`) || !strings.Contains(html, "harga satuan") ||
		!strings.Contains(html, "kode rekening") || !strings.Contains(html, "sumber dana") || !strings.Contains(html, "tidak ada baris yang disimpan") {
		t.Fatalf("bad file: %d %s", status, html)
	}
	if status, _ := page(t, srv, base+"/apbdes/xlsx", own); status != 404 {
		t.Fatalf("a refused import left an APBDes behind: %d", status)
	}
	good := [][]any{
		{"", "4.2.1.01", "Dana Desa", "", "", 900000000, "DDS"},
		{"02.01.06", "5.2.1.01", "Semen", 10, "sak", "65.000", "DDS"},
	}
	status, html = imporPost(t, srv.URL, base+"/impor", own, imporPageXLSX(t, good), true)
	if status != 200 || !strings.Contains(html, `id="impor-berhasil"`) || !strings.Contains(html, "2 baris diimpor") {
		t.Fatalf("good file: %d %s", status, html)
	}
	// The import is audited once, with its lines; the refused one not.
	var entries int
	err := a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		return tx.NewRaw("SELECT count(*) FROM audit_log WHERE action = ?", "web:POST /desa/{kode}/keuangan/{tahun}/impor").Scan(ctx, &entries)
	})
	if err != nil || entries != 1 {
		t.Fatalf("audit entries of the import: %d, %v; want 1", entries, err)
	}
	for _, p := range []string{"/apbdes/xlsx", "/apbdes/pdf", "/impor/template"} {
		if status, body := page(t, srv, base+p, own); status != 200 || len(body) < 1000 {
			t.Errorf("GET %s: %d", p, status)
		}
	}
	// The camat reads the downloads but has no import page.
	camat := login(t, srv, "camat.kediri@tabanan.test")
	if status, _ := page(t, srv, base+"/apbdes/pdf", camat); status != 200 {
		t.Errorf("camat PDF: %d", status)
	}
	if status, _ := page(t, srv, base+"/impor", camat); status != 403 {
		t.Errorf("camat import page: %d, want 403", status)
	}
}
