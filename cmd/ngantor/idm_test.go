package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The IDM import and list over HTTP: the API (raw file or multipart) with
// its permission and its problem+json, and the page with its form shown
// only to who may import.

const idmFixture = "../../modules/forum/data/idm/idm_tabanan_sebagian_2021_2024.csv"

// idmSend posts body with contentType to path; a token is sent as the
// API's bearer, a session as the page's cookie.
func idmSend(t *testing.T, srv *httptest.Server, path, token, session, contentType string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: session})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, raw
}

// idmForm is a multipart form with the file berkas and, when given, tahun.
func idmForm(t *testing.T, file []byte, name, tahun string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if tahun != "" {
		_ = w.WriteField("tahun", tahun)
	}
	fw, err := w.CreateFormFile("berkas", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(file)
	_ = w.Close()
	return w.FormDataContentType(), b.Bytes()
}

func idmXLSX(t *testing.T) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	rows := [][]any{
		{"KODE DESA", "NAMA DESA", "IKS", "IKE", "IKL", "NILAI IDM", "STATUS IDM"},
		{"5102012001", "BAJERA", 0.8514, 0.95, 0.8667, 0.8894, "MANDIRI"},
		{"5102012002", "WANAGIRI", 0.7, 0.7, 0.7, 0.7073, "BERKEMBANG"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type idmHasil struct {
	Tahun    int    `json:"tahun"`
	Format   string `json:"format"`
	Berkas   string `json:"berkas"`
	Dibaca   int    `json:"baris_dibaca"`
	Dilewati int    `json:"baris_tahun_lain"`
	Diterima int    `json:"diterima"`
	Ditandai int    `json:"ditandai"`
	Tandai   []struct {
		Baris        int    `json:"baris"`
		Status       string `json:"status"`
		StatusBerkas string `json:"status_berkas"`
	} `json:"ditandai_baris"`
}

func TestIDMImportAPI(t *testing.T) {
	csvFile, err := os.ReadFile(idmFixture)
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		admin := login(t, srv, "admin@tabanan.test")
		forumTok := login(t, srv, "forum@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		const impor = "/api/v1/wilayah/51.02/idm/impor"

		// The admin: the CSV itself, an XLSX itself, and a multipart form.
		status, _, raw := idmSend(t, srv, impor+"?tahun=2023&berkas=idm.csv", admin, "", "text/csv", csvFile)
		var h idmHasil
		if status != 200 || json.Unmarshal(raw, &h) != nil || h.Tahun != 2023 || h.Format != "csv" || h.Berkas != "idm.csv" ||
			h.Dibaca != 32 || h.Dilewati != 24 || h.Diterima != 8 || h.Ditandai != 0 {
			t.Fatalf("CSV as admin: %d %s", status, raw)
		}
		status, _, raw = idmSend(t, srv, impor+"?tahun=2024", admin, "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", idmXLSX(t))
		h = idmHasil{}
		if status != 200 || json.Unmarshal(raw, &h) != nil || h.Format != "xlsx" || h.Diterima != 2 || h.Ditandai != 1 ||
			len(h.Tandai) != 1 || h.Tandai[0].Baris != 3 || h.Tandai[0].Status != "MAJU" || h.Tandai[0].StatusBerkas != "BERKEMBANG" {
			t.Fatalf("XLSX as admin: %d %s", status, raw)
		}
		ct, body := idmForm(t, csvFile, "idm_tabanan.csv", "2022")
		status, _, raw = idmSend(t, srv, impor, admin, "", ct, body)
		h = idmHasil{}
		if status != 200 || json.Unmarshal(raw, &h) != nil || h.Tahun != 2022 || h.Berkas != "idm_tabanan.csv" || h.Diterima != 8 {
			t.Fatalf("multipart as admin: %d %s", status, raw)
		}

		// Who may not import: the forum and a perbekel.
		for name, tok := range map[string]string{"forum_perbekel": forumTok, "perbekel": perbekel} {
			if status, _, raw := idmSend(t, srv, impor+"?tahun=2020", tok, "", "text/csv", csvFile); status != 403 {
				t.Errorf("%s imports: %d %s, want 403", name, status, raw)
			}
		}

		// A wrong file: problem+json listing the rows, nothing written.
		bad := "kode_desa,iks,ike,ikl,nilai_idm\n51.02.01.2001,0.9,0.9,0.9,0.9\n51.02.01.2099,0.9,0.9,0.9,0.9\n51.02.01.2002,x,0.9,0.9,0.9\n"
		status, hdr, raw := idmSend(t, srv, impor+"?tahun=2020", admin, "", "text/csv", []byte(bad))
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
			Errors []struct {
				Message  string `json:"message"`
				Location string `json:"location"`
			} `json:"errors"`
		}
		if status != 422 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/problem+json") || json.Unmarshal(raw, &p) != nil ||
			len(p.Errors) != 2 || !strings.HasPrefix(p.Errors[0].Message, "Baris 3, kolom kode desa") || !strings.HasPrefix(p.Errors[1].Message, "Baris 4, kolom IKS") ||
			!strings.Contains(p.Detail, "tidak ada nilai yang disimpan") {
			t.Fatalf("bad file: %d %s %s", status, hdr.Get("Content-Type"), raw)
		}
		for _, c := range []struct {
			name, path, ct string
			body           []byte
			want           string
		}{
			{"no year", impor, "text/csv", csvFile, "Tahun IDM wajib"},
			{"not a file", impor + "?tahun=2020", "text/csv", []byte("\x00\x01garbage"), "bukan CSV atau XLSX"},
			{"over 5 MiB", impor + "?tahun=2020", "text/csv", bytes.Repeat([]byte("a"), 5<<20+100<<10), "terlalu besar"},
		} {
			status, hdr, raw := idmSend(t, srv, c.path, admin, "", c.ct, c.body)
			if status != 422 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/problem+json") || !strings.Contains(string(raw), c.want) {
				t.Errorf("%s: %d %s", c.name, status, raw)
			}
		}
		if status, _, raw := idmSend(t, srv, "/api/v1/wilayah/51.02.01.2001/idm/impor?tahun=2020", admin, "", "text/csv", csvFile); status != 404 {
			t.Errorf("import at a desa: %d %s", status, raw)
		}

		// The list: the forum reads it, a perbekel does not; 2020 was refused (the demo starts at 2021).
		var list struct {
			Items []struct {
				Desa   string `json:"kode_desa"`
				Status string `json:"status"`
				Beda   bool   `json:"beda"`
				Demo   bool   `json:"demo"`
			} `json:"items"`
			Next string `json:"next_cursor"`
		}
		// (The demo's generated values fill the other desa; the import
		// replaced those of the two desa in the file.)
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.01/idm?tahun=2024", forumTok, nil)
		if status != 200 || json.Unmarshal(raw, &list) != nil || len(list.Items) < 2 || list.Items[0].Demo ||
			list.Items[1].Desa != "51.02.01.2002" || list.Items[1].Status != "MAJU" || !list.Items[1].Beda || list.Items[1].Demo {
			t.Fatalf("list as forum: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.01/idm?tahun=2023&limit=5", forumTok, nil)
		list.Items, list.Next = nil, ""
		if status != 200 || json.Unmarshal(raw, &list) != nil || len(list.Items) != 5 || list.Next == "" {
			t.Fatalf("kecamatan list, first page: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/idm?tahun=2020", perbekel, nil); status != 403 {
			t.Errorf("list as perbekel: %d, want 403", status)
		}
		if status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/idm?tahun=2020", admin, nil); status != 200 || !strings.Contains(string(raw), `"items":[]`) {
			t.Errorf("2020 after the refused file: %d %s", status, raw)
		}

		// Each import is audited in its transaction; the refused ones not.
		var entries int
		err := a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
				return err
			}
			return tx.NewRaw("SELECT count(*) FROM audit_log WHERE action = ? AND desa_id = ?", "impor-idm", int64(5102000000)).Scan(ctx, &entries)
		})
		if err != nil || entries != 3 {
			t.Fatalf("audit entries of the imports: %d, %v; want 3", entries, err)
		}
	})
}

func TestIDMPageShowsTheFormOnlyToWhoMayImport(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	if err := a.forum.SeedDemoIDM(t.Context()); err != nil {
		t.Fatal(err)
	}
	admin := login(t, srv, "admin@tabanan.test")
	cases := []struct {
		email, path string
		status      int
		form        bool
	}{
		{"admin@tabanan.test", "/wilayah/51.02/idm", 200, true},
		{"forum@tabanan.test", "/wilayah/51.02/idm", 200, false},
		{"bupati@tabanan.test", "/wilayah/51.02/idm?tahun=2022", 200, false},
		{"camat.kediri@tabanan.test", "/wilayah/51.02.06/idm", 200, false},
		{"camat.kediri@tabanan.test", "/wilayah/51.02/idm", 403, false},
		{"perbekel.bengkel@tabanan.test", "/wilayah/51.02.06/idm", 403, false},
	}
	for _, c := range cases {
		tok := admin
		if c.email != "admin@tabanan.test" {
			tok = login(t, srv, c.email)
		}
		status, html := page(t, srv, c.path, tok)
		if status != c.status {
			t.Errorf("%s %s: %d, want %d", c.email, c.path, status, c.status)
			continue
		}
		if status != 200 {
			continue
		}
		if got := strings.Contains(html, `id="form-idm"`); got != c.form {
			t.Errorf("%s %s: import form shown %v, want %v", c.email, c.path, got, c.form)
		}
		desa := "Bajera" // of Selemadeg
		if strings.HasPrefix(c.path, "/wilayah/51.02.06/") {
			desa = "Bengkel"
		}
		if !strings.Contains(html, `id="tabel-idm"`) || !strings.Contains(html, desa) || !strings.Contains(html, "lencana") {
			t.Errorf("%s %s: no IDM table with badges", c.email, c.path)
		}
	}
	// The kabupaten's page of 2024: 133 desa, the 8 real ones unmarked.
	_, html := page(t, srv, "/wilayah/51.02/idm", admin)
	if !strings.Contains(html, "133 dari 133 desa memiliki IDM 2024") || !strings.Contains(html, "125 nilai adalah contoh") {
		t.Errorf("2024 summary missing:\n%s", html)
	}

	// The form: a refused file lists its rows, a good one its flags.
	ct, body := idmForm(t, []byte("kode_desa,iks,ike,ikl,nilai_idm\n51.02.01.2099,0.9,0.9,0.9,0.9\n"), "salah.csv", "2025")
	status, _, raw := idmSend(t, srv, "/wilayah/51.02/idm/impor", "", admin, ct, body)
	if status != 422 || !strings.Contains(string(raw), `id="tabel-kesalahan"`) || !strings.Contains(string(raw), "tidak terdaftar") {
		t.Fatalf("refused form: %d %s", status, raw)
	}
	ct, body = idmForm(t, idmXLSX(t), "idm.xlsx", "2025")
	status, _, raw = idmSend(t, srv, "/wilayah/51.02/idm/impor", "", admin, ct, body)
	if status != 200 || !strings.Contains(string(raw), `id="idm-berhasil"`) || !strings.Contains(string(raw), `id="tabel-ditandai"`) ||
		!strings.Contains(string(raw), "2 desa disimpan") || !strings.Contains(string(raw), "berkas: BERKEMBANG") {
		t.Fatalf("good form: %d %s", status, raw)
	}
	// The forum may not send it.
	forumTok := login(t, srv, "forum@tabanan.test")
	if status, _, _ := idmSend(t, srv, "/wilayah/51.02/idm/impor", "", forumTok, ct, body); status != 403 {
		t.Errorf("forum sends the form: %d, want 403", status)
	}
}
