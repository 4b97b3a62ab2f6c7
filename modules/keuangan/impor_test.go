package keuangan_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const imporDesa tenancy.Kode = "51.02.06.2001"

var imporHeader = []any{"Kode kegiatan", "Kode rekening", "Uraian", "Volume", "Satuan", "Harga satuan (Rp)", "Sumber dana"}

// imporXLSX writes rows under the template's header on a sheet "APBDes".
func imporXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", keuangan.ImporSheet); err != nil {
		t.Fatal(err)
	}
	all := append([][]any{imporHeader}, rows...)
	for i, r := range all {
		if err := x.SetSheetRow(keuangan.ImporSheet, "A"+strconv.Itoa(i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imporBaik is a balanced APBDes: pendapatan 900.000.000 + SiLPA
// 25.000.000; belanja (120 × 65.000) + (2,5 × 1.400.000) + 1.250.000.
var imporBaik = [][]any{
	{"", "4.1.1.01", "Bagi hasil BUM Desa", "", "", 15000000, "PAD"},
	{"", "4.2.1.01", "Dana Desa", "", "", "Rp 885.000.000", "DDS"},
	{"02.01.06", "5.2.1.01", "Semen", 120, "sak", 65000, "DDS"},
	{"02.01.06", "5.2.1.01", "Pasir", 2.5, "truk", "1.400.000", "dds"},
	{"01.01.01", "5.1.1.01", "Penghasilan tetap", "1", "bulan", "1.250.000", "ADD"},
	{"", "6.1.1.01", "SiLPA tahun sebelumnya", "", "", 25000000, "SiLPA"},
}

func imporCtx() context.Context {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: imporDesa})
	return auth.WithUser(ctx, auth.User{ID: "kaur-2001", Name: "Ni Kadek Sari"})
}

var imporBy = keuangan.Pelaku{ID: "kaur-2001", Nama: "Ni Kadek Sari"}

func imporLines(t testing.TB, d *db.DB, tahun int) []keuangan.Baris {
	t.Helper()
	var lines []keuangan.Baris
	err := d.Tx(imporCtx(), func(ctx context.Context, tx bun.Tx) error {
		a, err := keuangan.GetAPBDesBerlaku(ctx, tx, tahun)
		if fault.Is(err, fault.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		lines, err = keuangan.ListBaris(ctx, tx, a.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

func imporSetStatus(t testing.TB, d *db.DB, tahun int, status string) {
	t.Helper()
	err := d.Tx(imporCtx(), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Table("apbdes").Set("status = ?", status).
			Where("desa_id = ? AND tahun = ?", imporDesa.ID(), tahun).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestImporAPBDesSavesEveryLineOrNone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := imporCtx()
		h, err := m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik), false, imporBy)
		if err != nil {
			t.Fatal(err)
		}
		if !h.Dibuat || h.Versi != keuangan.VersiMurni || h.Status != keuangan.StatusDraft || h.Diimpor != 6 || h.Jumlah != 6 {
			t.Fatalf("hasil %+v", h)
		}
		want := keuangan.Total{Pendapatan: 900_000_000, Belanja: 7_800_000 + 3_500_000 + 1_250_000, PenerimaanPembiayaan: 25_000_000}
		want.SurplusDefisit = want.Pendapatan - want.Belanja
		want.PembiayaanNetto = want.PenerimaanPembiayaan
		want.SiLPA = want.SurplusDefisit + want.PembiayaanNetto
		if h.Total != want {
			t.Fatalf("total %+v, want %+v", h.Total, want)
		}
		lines := imporLines(t, d, 2026)
		if len(lines) != 6 || lines[3].Volume != 2500 || lines[3].Jumlah != 3_500_000 || lines[3].SumberDana != "DDS" ||
			lines[1].Jumlah != 885_000_000 || lines[1].Kelompok != keuangan.KelompokPendapatan || lines[5].SumberDana != "SiLPA" ||
			lines[0].Urutan != 1 || lines[5].Urutan != 6 || lines[2].CreatedBy != "kaur-2001" {
			t.Fatalf("lines %+v", lines)
		}

		// Several bad rows: every problem is reported, nothing is saved.
		bad := [][]any{
			{"02.01.06", "5.2.1.01", "Semen", 10, "sak", 65000, "DDS"},     // row 2: fine
			{"02.01.06", "5.2.1.01", "Batu", 3, "m3", "1,25 jt", "DDS"},    // row 3: harga satuan
			{"", "5.2.1.01", "", 0, "", 0, "XYZ"},                          // row 4: kegiatan, uraian, volume, satuan, harga, sumber
			{"", "9.9.9.99", "Entah", "", "", 100, "PAD"},                  // row 5: rekening
			{"", "4.1.1.01", "Sewa", 2, "bulan", 100, "PAD"},               // row 6: volume, satuan on pendapatan
			{"02.01.06", "5.2.1.01", "Pipa", "2,5555", "btg", 1000, "DDS"}, // row 7: volume decimals
			{}, // row 8: empty, skipped
			{"99.99.99", "5.2.1.01", "Cat", 1, "kaleng", 50000, "DDS"}, // row 9: kegiatan unknown
		}
		_, err = m.ImporAPBDes(ctx, 2026, imporXLSX(t, bad), true, imporBy)
		var ie *keuangan.ImporError
		if !errors.As(err, &ie) || !fault.Is(err, fault.Invalid) {
			t.Fatalf("bad rows: %v", err)
		}
		got := map[string]bool{}
		for _, k := range ie.Kesalahan {
			got[strconv.Itoa(k.Baris)+" "+k.Kolom] = true
		}
		for _, w := range []string{"3 harga satuan", "4 kode kegiatan", "4 uraian", "4 volume", "4 satuan", "4 harga satuan",
			"4 sumber dana", "5 kode rekening", "6 volume", "6 satuan", "7 volume", "9 kode kegiatan"} {
			if !got[w] {
				t.Errorf("no error for row/column %q; got %v", w, ie.Kesalahan)
			}
		}
		for k := range got {
			if strings.HasPrefix(k, "2 ") || strings.HasPrefix(k, "8 ") {
				t.Errorf("a good or empty row was reported: %q", k)
			}
		}
		if len(ie.Kesalahan) != len(got) {
			t.Errorf("a column reported twice: %v", ie.Kesalahan)
		}
		teks := ie.Kesalahan[0].Teks()
		if !strings.HasPrefix(teks, "Baris 3, kolom harga satuan: ") || !strings.Contains(teks, "jt") {
			t.Errorf("first error reads %q", teks)
		}
		if n := len(imporLines(t, d, 2026)); n != 6 {
			t.Fatalf("a refused import changed the lines: %d, want 6", n)
		}

		// ganti=true replaces; the default appends.
		h, err = m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik[:2]), true, imporBy)
		if err != nil || h.Dihapus != 6 || h.Jumlah != 2 || h.Dibuat {
			t.Fatalf("ganti: %+v %v", h, err)
		}
		h, err = m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik[2:3]), false, imporBy)
		if err != nil || h.Dihapus != 0 || h.Jumlah != 3 {
			t.Fatalf("append: %+v %v", h, err)
		}
		if l := imporLines(t, d, 2026); l[2].Urutan != 3 || l[2].Uraian != "Semen" {
			t.Fatalf("appended line %+v", l[2])
		}

		// Locked once submitted: 409, and no change.
		imporSetStatus(t, d, 2026, keuangan.StatusDiajukan)
		_, err = m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik), false, imporBy)
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("locked APBDes imported: %v", err)
		}
		if n := len(imporLines(t, d, 2026)); n != 3 {
			t.Fatalf("locked APBDes changed: %d lines", n)
		}
	})
}

func TestImporAPBDesRefusesBadFiles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := imporCtx()
		noHeader := func() []byte {
			x := excelize.NewFile()
			_ = x.SetSheetRow("Sheet1", "A1", &[]any{"a", "b"})
			var b bytes.Buffer
			_ = x.Write(&b)
			return b.Bytes()
		}()
		partial := func() []byte {
			x := excelize.NewFile()
			_ = x.SetSheetRow("Sheet1", "A1", &[]any{"Kode rekening", "Uraian", "Harga satuan"})
			var b bytes.Buffer
			_ = x.Write(&b)
			return b.Bytes()
		}()
		for name, tc := range map[string]struct {
			data []byte
			want string
		}{
			"empty":      {nil, "kosong"},
			"not xlsx":   {[]byte("kode,rekening\n1,2"), "bukan XLSX"},
			"broken zip": {[]byte("PK\x03\x04garbage"), "bukan XLSX"},
			"too big":    {append([]byte("PK"), make([]byte, keuangan.MaxImporBytes)...), "5 MiB"},
			"no header":  {noHeader, "Baris judul"},
			"missing":    {partial, "Kode kegiatan, Volume, Satuan, Sumber dana"},
			"no rows":    {imporXLSX(t, nil), "tidak berisi baris"},
		} {
			_, err := m.ImporAPBDes(ctx, 2026, tc.data, false, imporBy)
			f, ok := fault.As(err)
			if !ok || f.Code != fault.Invalid || !strings.Contains(f.Message, tc.want) {
				t.Errorf("%s: %v, want Invalid saying %q", name, err, tc.want)
			}
		}
		many := make([][]any, keuangan.MaxImporBaris+1)
		for i := range many {
			many[i] = imporBaik[2]
		}
		if _, err := m.ImporAPBDes(ctx, 2026, imporXLSX(t, many), false, imporBy); err == nil || !strings.Contains(err.Error(), "5000") {
			t.Errorf("more than %d rows: %v", keuangan.MaxImporBaris, err)
		}
		if n := len(imporLines(t, d, 2026)); n != 0 {
			t.Fatalf("refused files saved %d lines", n)
		}
	})
}

func TestImporTemplateRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := imporCtx()
		b, err := m.ImporTemplate(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := x.GetSheetList(); !slices.Equal(got, []string{"Petunjuk", "APBDes", "Kode"}) {
			t.Fatalf("sheets %v", got)
		}
		head, _ := x.GetRows("APBDes")
		if len(head) != 1 || len(head[0]) != 7 || head[0][0] != "Kode kegiatan" || head[0][5] != "Harga satuan (Rp)" {
			t.Fatalf("header %v", head)
		}
		pet, _ := x.GetRows("Petunjuk")
		if !strings.Contains(strings.Join(flat(pet), " "), "KOSONGKAN kode kegiatan, volume dan satuan") {
			t.Error("the instructions do not say how pendapatan rows are written")
		}
		kode, _ := x.GetRows("Kode")
		if k := strings.Join(flat(kode), " "); !strings.Contains(k, "02.01.06") || !strings.Contains(k, "5.2.1.01") || !strings.Contains(k, "SiLPA") {
			t.Error("the Kode sheet lacks the year's codes")
		}
		// Filled in, the template imports as it is.
		for i, r := range imporBaik {
			if err := x.SetSheetRow("APBDes", "A"+strconv.Itoa(i+2), &r); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		h, err := m.ImporAPBDes(ctx, 2026, buf.Bytes(), false, imporBy)
		if err != nil || h.Diimpor != 6 {
			t.Fatalf("filled template: %+v %v", h, err)
		}
	})
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// imporAuth grants per keuangan.Templates: the token is "role@kode".
type imporAuth struct{}

func (imporAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	if !strings.Contains(token, "@") {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: token}), httpserver.Identity{UserID: token}, nil
}

func (imporAuth) Allowed(_ context.Context, user string, target tenancy.Kode, p authz.Permission) (bool, error) {
	role, kode, _ := strings.Cut(user, "@")
	if !tenancy.Kode(kode).Contains(target) {
		return false, nil
	}
	return slices.Contains(keuangan.Templates()[authz.Role(role)], p), nil
}

func imporRequest(srv *httpserver.Server, method, path, user string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "https://ngantor.example/api/v1"+path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	req.Header.Set("Authorization", "Bearer "+user)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}

func TestImporAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		srv := apiServer(m, imporAuth{})
		kaur := string(authz.KaurKeuangan) + "@" + string(imporDesa)
		camat := string(authz.Camat) + "@51.02.06"
		lain := string(authz.KaurKeuangan) + "@51.02.06.2002"
		path := "/desa/" + string(imporDesa) + "/apbdes/2026/"

		rec := imporRequest(srv, http.MethodPost, path+"impor", camat, imporXLSX(t, imporBaik))
		if rec.Code != http.StatusForbidden {
			t.Fatalf("camat imported: %d %s", rec.Code, rec.Body)
		}
		rec = imporRequest(srv, http.MethodPost, path+"impor", lain, imporXLSX(t, imporBaik))
		if rec.Code != http.StatusForbidden {
			t.Fatalf("another desa's kaur imported: %d %s", rec.Code, rec.Body)
		}
		bad := [][]any{imporBaik[0], {"02.01.06", "5.2.1.01", "Semen", 10, "sak", -5, "DDS"}, {"", "4.2.1.01", "DD", "", "", "", "DDS"}}
		rec = imporRequest(srv, http.MethodPost, path+"impor", kaur, imporXLSX(t, bad))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Baris 3, kolom harga satuan: ") ||
			!strings.Contains(rec.Body.String(), "Baris 4, kolom harga satuan: ") || !strings.Contains(rec.Body.String(), "tidak ada baris yang disimpan") {
			t.Fatalf("bad rows: %d %s", rec.Code, rec.Body)
		}
		rec = imporRequest(srv, http.MethodPost, path+"impor", kaur, imporXLSX(t, imporBaik))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"baris_diimpor":6`) {
			t.Fatalf("import: %d %s", rec.Code, rec.Body)
		}
		rec = imporRequest(srv, http.MethodPost, path+"impor", kaur, make([]byte, keuangan.MaxImporBytes+10))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "5 MiB") {
			t.Fatalf("oversized: %d %s", rec.Code, rec.Body)
		}

		for _, p := range []string{"xlsx", "pdf", "impor/template", "xlsx?versi=murni"} {
			rec = imporRequest(srv, http.MethodGet, path+p, camat, nil)
			want := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			if strings.HasPrefix(p, "pdf") {
				want = "application/pdf"
			}
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != want || rec.Body.Len() < 1000 {
				t.Errorf("GET %s as camat: %d %s", p, rec.Code, rec.Header().Get("Content-Type"))
			}
			if rec = imporRequest(srv, http.MethodGet, path+p, lain, nil); rec.Code != http.StatusForbidden {
				t.Errorf("GET %s as another desa: %d", p, rec.Code)
			}
		}
		if rec = imporRequest(srv, http.MethodGet, path+"xlsx?versi=perubahan", camat, nil); rec.Code != http.StatusNotFound {
			t.Errorf("missing perubahan: %d %s", rec.Code, rec.Body)
		}

		imporSetStatus(t, d, 2026, keuangan.StatusDievaluasi)
		rec = imporRequest(srv, http.MethodPost, path+"impor?ganti=true", kaur, imporXLSX(t, imporBaik))
		if rec.Code != http.StatusConflict {
			t.Fatalf("locked: %d %s", rec.Code, rec.Body)
		}
	})
}
