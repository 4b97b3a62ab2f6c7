package persuratan_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// agendaLetters registers, out of date order, three surat keluar (one
// cancelled) and two surat masuk at Bengkel, and one of each at the
// neighbour desa.
func agendaLetters(t *testing.T, m *persuratan.Module) {
	t.Helper()
	ctx := desaCtx(bengkel)
	for _, in := range []persuratan.SuratKeluarBaru{
		{Jenis: "laporan", Tanggal: "2026-03-04", Klasifikasi: "000.1.5", Tujuan: "Camat Kediri", Perihal: "Laporan rapat Maret"},
		{Jenis: "undangan", Tanggal: "2026-01-20", Klasifikasi: "000.1.5", Tujuan: "Ketua BPD", Perihal: "Undangan Musdes"},
		{Jenis: "pemberitahuan", Tanggal: "2026-02-11", Klasifikasi: "000.1", Tujuan: "Warga", Perihal: "Pemberitahuan kerja bakti"},
	} {
		s, err := m.CreateKeluar(ctx, in, "perbekel-2001")
		if err != nil {
			t.Fatal(err)
		}
		if in.Jenis == "pemberitahuan" {
			if _, err := m.Batalkan(ctx, s.ID, persuratan.PembatalanBaru{Alasan: "Tanggal kerja bakti salah"}, "perbekel-2001"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, in := range []persuratan.SuratMasukBaru{
		{TanggalTerima: "2026-02-02", NomorSurat: "005/12/Kec", TanggalSurat: "2026-02-01", Pengirim: "Camat Kediri", Perihal: "Rapat koordinasi", Klasifikasi: "000.1.5"},
		{TanggalTerima: "2026-01-15", NomorSurat: "400/3/Dinsos", TanggalSurat: "2026-01-10", Pengirim: "Dinas Sosial", Perihal: "Data bantuan", Klasifikasi: "400.9"},
	} {
		if _, err := m.CreateMasuk(ctx, in, "perbekel-2001"); err != nil {
			t.Fatal(err)
		}
	}
	other := desaCtx(tetangga)
	if _, err := m.CreateKeluar(other, persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "Rahasia Tetangga", Perihal: "Surat desa lain"}, "perbekel-2002"); err != nil {
		t.Fatal(err)
	}
}

func readXLSX(t *testing.T, b []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not an XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestBukuAgendaXLSXListsTheYearInDateOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		agendaLetters(t, m)
		ctx := desaCtx(bengkel)

		name, tipe, b, err := m.BerkasAgenda(ctx, persuratan.RegisterKeluar, persuratan.FormatXLSX, persuratan.AgendaQuery{Tahun: 2026}, persuratan.Pengunduh{ID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".xlsx") || !strings.Contains(tipe, "spreadsheetml") {
			t.Fatalf("name %q type %q", name, tipe)
		}
		rows := readXLSX(t, b)
		if len(rows) != 8 || rows[0][0] != "Buku Agenda Surat Keluar" || rows[1][0] != "Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan" ||
			rows[2][0] != "Periode: Tahun 2026" || rows[4][1] != "Nomor Surat" {
			t.Fatalf("header rows: %q", rows)
		}
		var got []string
		for _, r := range rows[5:] {
			got = append(got, r[2]+" | "+r[1]+" | "+r[3]+" | "+r[7])
		}
		want := []string{
			"20 Januari 2026 | 000.1.5/002/2001/I/2026 | Surat Undangan | Berlaku",
			"11 Februari 2026 | 000.1/003/2001/II/2026 | Surat Pemberitahuan | DIBATALKAN 5 Maret 2026: Tanggal kerja bakti salah",
			"4 Maret 2026 | 000.1.5/001/2001/III/2026 | Laporan | Berlaku",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		_, _, b, err = m.BerkasAgenda(ctx, persuratan.RegisterMasuk, persuratan.FormatXLSX,
			persuratan.AgendaQuery{Dari: "2026-01-01", Sampai: "2026-01-31"}, persuratan.Pengunduh{ID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		rows = readXLSX(t, b)
		if len(rows) != 6 || rows[0][0] != "Buku Agenda Surat Masuk" || rows[2][0] != "Periode: 1 Januari 2026 s.d. 31 Januari 2026" ||
			rows[5][0] != "2/2026" || rows[5][1] != "15 Januari 2026" || rows[5][4] != "Dinas Sosial" {
			t.Fatalf("surat masuk of January: %q", rows)
		}
	})
}

func TestBukuAgendaPDFPrintsHeaderAndRows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		agendaLetters(t, m)
		_, tipe, b, err := m.BerkasAgenda(desaCtx(bengkel), persuratan.RegisterKeluar, persuratan.FormatPDF,
			persuratan.AgendaQuery{Dari: "2026-02-01", Sampai: "2026-03-05"}, persuratan.Pengunduh{ID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		if tipe != "application/pdf" || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("type %q, starts %q", tipe, b[:8])
		}
		text := pdfText(t, b)
		for _, want := range []string{"BUKU AGENDA SURAT KELUAR", "Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan",
			"Periode: 1 Februari 2026 s.d. 5 Maret 2026", "000.1/003/2001/II/2026", "000.1.5/001/2001/III/2026", "DIBATALKAN"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q; it reads:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Undangan Musdes") || strings.Contains(text, "Rahasia Tetangga") {
			t.Errorf("the PDF prints a letter outside the range or the desa:\n%s", text)
		}
		if i, j := strings.Index(text, "000.1/003/2001/II/2026"), strings.Index(text, "000.1.5/001/2001/III/2026"); i > j {
			t.Errorf("rows out of date order:\n%s", text)
		}
	})
}

func TestBukuAgendaAPIRefusesBadRangesAndWallsTheDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		agendaLetters(t, a.m)
		bk := "/desa/" + string(bengkel) + "/buku-agenda/"
		for _, tc := range []struct {
			path, user string
			status     int
			detail     string
		}{
			{"keluar?tahun=2026", "camat", 200, ""},
			{"masuk?format=pdf&dari=2026-01-01&sampai=2026-01-31", "operator-2001", 200, ""},
			{"keluar?dari=2026-03-01&sampai=2026-02-01", "perbekel-2001", 422, "Tanggal akhir tidak boleh sebelum tanggal awal (1 Maret 2026)."},
			{"keluar?dari=2026-03-01", "perbekel-2001", 422, "Tanggal akhir wajib diisi."},
			{"keluar?tahun=2026&dari=2026-03-01&sampai=2026-03-02", "perbekel-2001", 422, "Pilih tahun atau rentang tanggal, tidak keduanya."},
			{"keluar?tahun=2030", "perbekel-2001", 422, "Tahun harus antara"},
			{"keluar?format=docx", "perbekel-2001", 422, ""},
			{"keluar?tahun=2026", "perbekel-2002", 403, ""},
			{"keluar?tahun=2026", "forum", 403, ""},
		} {
			rec := a.do(http.MethodGet, bk+tc.path, tc.user, nil)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.detail) {
				t.Errorf("%s as %s: %d %s, want %d with %q", tc.path, tc.user, rec.Code, rec.Body, tc.status, tc.detail)
			}
			if rec.Code == 200 && (rec.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment; filename=")) {
				t.Errorf("%s: headers %v", tc.path, rec.Header())
			}
		}
	})
}
