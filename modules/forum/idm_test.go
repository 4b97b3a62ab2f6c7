package forum_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The IDM import against the real region list (modules/wilayah seeded
// with Tabanan and, for the Serang fixture, Kab. Serang), on both engines.

const (
	tabanan tenancy.Kode = "51.02"
	serang  tenancy.Kode = "36.04"
)

// idmRegions is the region list the app wires, over modules/wilayah.
type idmRegions struct{ w *wilayah.Module }

func (r idmRegions) Exists(ctx context.Context, k tenancy.Kode) error {
	_, err := r.w.Lookup(ctx, k)
	return err
}

func (r idmRegions) Nama(ctx context.Context, k tenancy.Kode) (string, error) {
	w, err := r.w.Lookup(ctx, k)
	return w.Nama, err
}

func (r idmRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]forum.Desa, error) {
	var out []forum.Desa
	for q := (wilayah.DesaQuery{Limit: wilayah.MaxLimit}); ; {
		p, err := r.w.ListDesa(ctx, k, q)
		if err != nil {
			return nil, err
		}
		for _, d := range p.Items {
			kec, err := r.w.Lookup(ctx, d.Kode.Up(tenancy.Kecamatan))
			if err != nil {
				return nil, err
			}
			out = append(out, forum.Desa{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: kec.Nama})
		}
		if q.Cursor = p.NextCursor; q.Cursor == "" {
			return out, nil
		}
	}
}

func idmModule(t *testing.T, d *db.DB, kab ...tenancy.Kode) *forum.Module {
	t.Helper()
	w := wilayah.New(wilayah.Deps{DB: d})
	if _, err := w.Store().Seed(t.Context(), kab); err != nil {
		t.Fatalf("seed %v: %v", kab, err)
	}
	return forum.New(forum.Deps{DB: d, Regions: idmRegions{w}})
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("data/idm/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureStatus is the file's own status per desa and year.
func fixtureStatus(t *testing.T, data []byte) map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[col["kode_desa"]]+"/"+r[col["tahun"]]] = r[col["status_idm"]]
	}
	return out
}

// toXLSX writes CSV records as a workbook, the scores as numbers (as
// Kemendesa's downloads store them) and the rest as text.
func toXLSX(t *testing.T, data []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range recs {
		row := make([]any, len(r))
		for j, c := range r {
			row[j] = c
			if f, err := strconv.ParseFloat(c, 64); err == nil && i > 0 && strings.Contains(c, ".") && f <= 1 {
				row[j] = f
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIDMStatusCutOffsAtFourDecimals(t *testing.T) {
	cases := []struct {
		nilai float64
		want  string
	}{
		{0, forum.IDMSangatTertinggal},
		{0.4907, forum.IDMSangatTertinggal},
		{0.49074, forum.IDMSangatTertinggal}, // rounds to 0.4907
		{0.49075, forum.IDMTertinggal},       // rounds to 0.4908
		{0.4908, forum.IDMTertinggal},
		{0.5989, forum.IDMTertinggal},
		{0.599, forum.IDMBerkembang},
		{0.7072, forum.IDMBerkembang},
		{0.7073, forum.IDMMaju},
		{0.8155, forum.IDMMaju},
		{0.8156, forum.IDMMandiri},
		{1, forum.IDMMandiri},
	}
	for _, c := range cases {
		if got := forum.StatusIDM(c.nilai); got != c.want {
			t.Errorf("StatusIDM(%v) = %s, want %s", c.nilai, got, c.want)
		}
	}
}

// TestIDMCutOffsAreTheShippedTable holds the code to data/idm's copy of
// the official cut-offs: each upper bound is its status, one ten-thousandth
// above it the next.
func TestIDMCutOffsAreTheShippedTable(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(fixture(t, "idm_ambang_status.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d rows in idm_ambang_status.csv, want 5 statuses", len(recs)-1)
	}
	for i, r := range recs[1:] {
		if r[0] != forum.IDMStatuses[i] {
			t.Errorf("row %d is %s, want %s", i+1, r[0], forum.IDMStatuses[i])
		}
		if r[2] == "" {
			continue
		}
		atas, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := forum.StatusIDM(atas); got != r[0] {
			t.Errorf("StatusIDM(%s) = %s, want %s", r[2], got, r[0])
		}
		if got := forum.StatusIDM(atas + 0.0001); got != forum.IDMStatuses[i+1] {
			t.Errorf("StatusIDM(%s + 0.0001) = %s, want %s", r[2], got, forum.IDMStatuses[i+1])
		}
	}
}

func TestIDMImportComputesStatusAtTheEdges(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		// One desa per edge value; the decimal comma of a semicolon CSV.
		vals := []struct{ nilai, want string }{
			{"0", forum.IDMSangatTertinggal}, {"0,4907", forum.IDMSangatTertinggal}, {"0,4908", forum.IDMTertinggal},
			{"0,5989", forum.IDMTertinggal}, {"0,599", forum.IDMBerkembang}, {"0,7072", forum.IDMBerkembang},
			{"0,7073", forum.IDMMaju}, {"0,8155", forum.IDMMaju}, {"0,8156", forum.IDMMandiri}, {"1", forum.IDMMandiri},
		}
		var b strings.Builder
		b.WriteString("KODE DESA;IKS;IKE;IKL;NILAI IDM\n")
		for i, v := range vals {
			fmt.Fprintf(&b, "510201%04d;0,5;0,5;0,5;%s\n", 2001+i, v.nilai)
		}
		h, err := m.ImporIDM(t.Context(), tabanan, 2024, "ambang.csv", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if h.Diterima != 10 || h.Ditandai != 0 || h.Format != "csv" {
			t.Fatalf("result %+v", h)
		}
		got, err := m.IDMWilayah(t.Context(), tabanan, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 10 {
			t.Fatalf("%d rows stored, want 10", len(got))
		}
		for i, v := range vals {
			if got[i].Status != v.want || got[i].StatusBerkas != "" || got[i].Beda {
				t.Errorf("nilai %s: %+v, want status %s", v.nilai, got[i], v.want)
			}
		}
	})
}

func TestIDMImportTabananFixtureCSVAndXLSX(t *testing.T) {
	data := fixture(t, "idm_tabanan_sebagian_2021_2024.csv")
	want := fixtureStatus(t, data)
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		for _, f := range []struct {
			format string
			data   []byte
		}{{"csv", data}, {"xlsx", toXLSX(t, data)}} {
			for _, tahun := range []int{2021, 2022, 2023, 2024} {
				h, err := m.ImporIDM(t.Context(), tabanan, tahun, "idm_tabanan."+f.format, f.data)
				if err != nil {
					t.Fatalf("%s %d: %v", f.format, tahun, err)
				}
				if h.Format != f.format || h.Dibaca != 32 || h.Dilewati != 24 || h.Diterima != 8 || h.Ditandai != 0 || len(h.Tandai) != 0 {
					t.Errorf("%s %d: %+v", f.format, tahun, h)
				}
				// The XLSX run repeats the CSV's: every value is replaced.
				if wantGanti := map[string]int{"csv": 0, "xlsx": 8}[f.format]; h.Diganti != wantGanti {
					t.Errorf("%s %d: %d replaced, want %d", f.format, tahun, h.Diganti, wantGanti)
				}
				got, err := m.IDMWilayah(t.Context(), tabanan, tahun)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 8 {
					t.Fatalf("%s %d: %d desa stored, want 8", f.format, tahun, len(got))
				}
				for _, v := range got {
					if w := want[string(v.Desa)+"/"+strconv.Itoa(tahun)]; v.Status != w || v.StatusBerkas != w || v.Beda || v.Demo {
						t.Errorf("%s %d %s: %+v, want %s", f.format, tahun, v.Desa, v, w)
					}
				}
			}
		}
		// Bajera 2021 as the file gives it.
		got, _ := m.IDMWilayah(t.Context(), tabanan, 2021)
		if b := got[0]; b.Desa != "51.02.01.2001" || b.IKS != 0.8514 || b.IKE != 0.95 || b.IKL != 0.8667 || b.Nilai != 0.8894 {
			t.Errorf("Bajera 2021 = %+v", b)
		}
		years, err := m.TahunIDM(t.Context(), tabanan)
		if err != nil || fmt.Sprint(years) != "[2024 2023 2022 2021]" {
			t.Errorf("years %v, %v", years, err)
		}
	})
}

func TestIDMImportSerangEveryStatusAgrees(t *testing.T) {
	data := fixture(t, "idm_kab_serang_3604_2021_2024.csv")
	want := fixtureStatus(t, data)
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, serang)
		for _, tahun := range []int{2021, 2022, 2023, 2024} {
			h, err := m.ImporIDM(t.Context(), serang, tahun, "serang.csv", data)
			if err != nil {
				t.Fatalf("%d: %v", tahun, err)
			}
			if h.Diterima != 326 || h.Ditandai != 0 || h.Dilewati != 978 {
				t.Errorf("%d: read %d, skipped %d, taken %d, flagged %d", tahun, h.Dibaca, h.Dilewati, h.Diterima, h.Ditandai)
			}
			got, err := m.IDMWilayah(t.Context(), serang, tahun)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 326 {
				t.Fatalf("%d: %d desa stored, want 326", tahun, len(got))
			}
			for _, v := range got {
				if w := want[string(v.Desa)+"/"+strconv.Itoa(tahun)]; v.Status != w || v.Beda {
					t.Errorf("%d %s: nilai %v status %s, the file says %s", tahun, v.Desa, v.Nilai, v.Status, w)
				}
			}
		}
		// A kecamatan reads its own desa only.
		kec, err := m.IDMWilayah(t.Context(), "36.04.05", 2024)
		if err != nil || len(kec) == 0 || len(kec) >= 326 {
			t.Fatalf("Kramatwatu: %d rows, %v", len(kec), err)
		}
		for _, v := range kec {
			if !tenancy.Kode("36.04.05").Contains(v.Desa) {
				t.Errorf("Kramatwatu lists %s", v.Desa)
			}
		}
	})
}

func TestIDMImportFlagsAWrongStatusPerRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		file := "Kode Desa,Nama Desa,IKS,IKE,IKL,IDM,STATUS\n" +
			"51.02.01.2001,Bajera,0.9,0.9,0.9,0.9,MANDIRI\n" +
			"51.02.01.2002,Wanagiri,0.7,0.7,0.7,0.7073,Berkembang\n" + // 0.7073 is MAJU
			"51.02.01.2003,Pupuan Sawah,0.6,0.6,0.6,0.6,\n"
		h, err := m.ImporIDM(t.Context(), tabanan, 2023, "", []byte(file))
		if err != nil {
			t.Fatal(err)
		}
		if h.Diterima != 3 || h.Ditandai != 1 || len(h.Tandai) != 1 {
			t.Fatalf("result %+v", h)
		}
		if f := h.Tandai[0]; f.Baris != 3 || f.Desa != "51.02.01.2002" || f.Status != forum.IDMMaju || f.StatusBerkas != forum.IDMBerkembang ||
			!strings.Contains(f.Pesan, "0,7073") {
			t.Errorf("flag %+v", f)
		}
		got, _ := m.IDMWilayah(t.Context(), tabanan, 2023)
		if len(got) != 3 || got[1].Status != forum.IDMMaju || got[1].StatusBerkas != forum.IDMBerkembang || !got[1].Beda ||
			got[0].Beda || got[2].Beda || got[2].StatusBerkas != "" {
			t.Errorf("stored %+v", got)
		}
	})
}

func TestIDMImportRefusesBadRowsAndWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		file := "kode_desa,nama_desa,tahun,iks,ike,ikl,nilai_idm,status_idm\n" +
			"51.02.01.2001,BAJERA,2024,0.9,0.9,0.9,0.9,MANDIRI\n" + // 2 fine
			"51.02.01.2099,X,2024,0.9,0.9,0.9,0.9,MANDIRI\n" + // 3 no such desa
			"36.04.05.2001,KRAMATWATU,2024,0.8,0.8,0.8,0.8,MAJU\n" + // 4 another kabupaten
			"51.02.01.2002,WANAGIRI,2024,abc,0.9,0.9,0.9,MANDIRI\n" + // 5 not a number
			"51.02.01.2003,PUPUAN,2024,0.9,0.9,0.9,\"71,25\",MANDIRI\n" + // 6 a percentage
			"5102012001,BAJERA,2024,0.9,0.9,0.9,0.9,MANDIRI\n" + // 7 Bajera again
			"51.02.01.2005,SELEMADEG,2023,0.9,0.9,0.9,zzz,MANDIRI\n" + // 8 another year: skipped, unchecked
			"51.02.01.2007,ANTAP,2024,0.9,0.9,0.9,0.9,BAGUS\n" + // 9 no such status
			"51.02.01.2008,W,20x4,0.9,0.9,0.9,0.9,MANDIRI\n" + // 10 no year
			"51.02.01.2009,M,2024,-0.1,0.9,0.9,0.9,MANDIRI\n" + // 11 negative
			"51-02-01,M,2024,0.9,0.9,0.9,0.9,MANDIRI\n" // 12 no code
		_, err := m.ImporIDM(t.Context(), tabanan, 2024, "salah.csv", []byte(file))
		var ie *forum.ImporIDMError
		if !errors.As(err, &ie) || !fault.Is(err, fault.Invalid) {
			t.Fatalf("err = %v, want an ImporIDMError", err)
		}
		want := []struct {
			baris      int
			kolom, isi string
		}{
			{3, "kode desa", "tidak terdaftar"},
			{4, "kode desa", "di luar wilayah 51.02"},
			{5, "IKS", "bukan angka"},
			{6, "nilai IDM", "antara 0 dan 1"},
			{7, "kode desa", "sudah ada di baris 2"},
			{9, "status", "tidak dikenal"},
			{10, "tahun", "tidak sah"},
			{11, "IKS", "negatif"},
			{12, "kode desa", "tidak sah"},
		}
		if len(ie.Kesalahan) != len(want) {
			t.Fatalf("%d errors, want %d: %+v", len(ie.Kesalahan), len(want), ie.Kesalahan)
		}
		for i, w := range want {
			k := ie.Kesalahan[i]
			if k.Baris != w.baris || k.Kolom != w.kolom || !strings.Contains(k.Pesan, w.isi) {
				t.Errorf("error %d = %+v, want line %d, column %s, %q", i, k, w.baris, w.kolom, w.isi)
			}
		}
		f, _ := fault.As(err)
		if len(f.Fields) != len(want) || f.Fields[0].Field != "body.berkas.baris[3].kode_desa" || !strings.HasPrefix(f.Fields[0].Message, "Baris 3, kolom kode desa: ") {
			t.Errorf("fault fields %+v", f.Fields[0])
		}
		if got, _ := m.IDMWilayah(t.Context(), tabanan, 2024); len(got) != 0 {
			t.Errorf("%d rows written by a refused file", len(got))
		}
		if years, _ := m.TahunIDM(t.Context(), tabanan); len(years) != 0 {
			t.Errorf("years %v after a refused file", years)
		}
	})
}

func TestIDMImportKecamatanTakesItsOwnDesaOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		file := "kode_desa,iks,ike,ikl,nilai_idm\n51.02.01.2001,0.9,0.9,0.9,0.9\n51.02.02.2001,0.9,0.9,0.9,0.9\n"
		_, err := m.ImporIDM(t.Context(), "51.02.01", 2024, "", []byte(file))
		var ie *forum.ImporIDMError
		if !errors.As(err, &ie) || len(ie.Kesalahan) != 1 || ie.Kesalahan[0].Baris != 3 || !strings.Contains(ie.Kesalahan[0].Pesan, "di luar wilayah 51.02.01") {
			t.Fatalf("err = %v", err)
		}
		h, err := m.ImporIDM(t.Context(), "51.02.01", 2024, "", []byte(file[:strings.LastIndex(file[:len(file)-1], "\n")+1]))
		if err != nil || h.Diterima != 1 {
			t.Fatalf("%+v, %v", h, err)
		}
		// The import is recorded at the kecamatan and seen from the kabupaten.
		if got, _ := m.IDMWilayah(t.Context(), tabanan, 2024); len(got) != 1 {
			t.Errorf("kabupaten reads %d rows", len(got))
		}
		if _, err := m.ImporIDM(t.Context(), "51.02.01.2001", 2024, "", []byte(file)); !fault.Is(err, fault.Invalid) {
			t.Errorf("an import at a desa: %v", err)
		}
	})
}

func TestIDMImportReadsTheLayoutsAnAdminHas(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		cases := []struct{ name, file string }{
			{"kemendesa headers", "KODE DESA,NAMA DESA,IKS,IKE,IKL,NILAI IDM,STATUS IDM\n51.02.01.2001,BAJERA,0.8514,0.95,0.8667,0.8894,MANDIRI\n"},
			{"snake case, status", "kode_desa,iks,ike,ikl,nilai_idm,status\n5102012001,0.8514,0.95,0.8667,0.8894,mandiri\n"},
			{"semicolons, decimal commas, BOM, title rows", "\ufeffDATA IDM 2024;;\n\nKode Desa;Skor IKS;Skor IKE;Skor IKL;IDM;Status Desa\n5102012001;0,8514;0,95;0,8667;0,8894;Mandiri\n"},
			{"tabs, CRLF, more decimals", "kode desa\tiks\tike\tikl\tnilai idm\r\n51.02.01.2001\t0.85140000001\t0.95\t0.8667\t0.88939999999999997\r\n"},
			{"kemendesa download, years side by side", "NO,KODE DESA,DESA,IKS 2023,IKE 2023,IKL 2023,NILAI IDM 2023,STATUS IDM 2023,IKS 2024,IKE 2024,IKL 2024,NILAI IDM 2024,STATUS IDM 2024\n" +
				"1,5102012001,BAJERA,0.5,0.5,0.5,0.5,TERTINGGAL,0.8514,0.95,0.8667,0.8894,MANDIRI\n"},
			{"quoted cells, year column", "\"kode_desa\",\"tahun\",\"iks\",\"ike\",\"ikl\",\"nilai_idm\"\n\"51.02.01.2001\",\"2024\",\"0,8514\",\"0,95\",\"0,8667\",\"0,8894\"\n"},
		}
		for _, c := range cases {
			h, err := m.ImporIDM(t.Context(), tabanan, 2024, "", []byte(c.file))
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			got, _ := m.IDMWilayah(t.Context(), tabanan, 2024)
			if h.Diterima != 1 || len(got) != 1 || got[0].Nilai != 0.8894 || got[0].IKS != 0.8514 || got[0].Status != forum.IDMMandiri || got[0].Beda {
				t.Errorf("%s: %+v, stored %+v", c.name, h, got)
			}
		}
	})
}

func TestIDMImportRefusesFilesItCannotRead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		big := append([]byte("kode_desa,iks,ike,ikl,nilai_idm\n"), bytes.Repeat([]byte("x"), forum.MaxIDMBytes)...)
		var many strings.Builder
		many.WriteString("kode_desa,iks,ike,ikl,nilai_idm\n")
		for range forum.MaxIDMBaris + 1 {
			many.WriteString("51.02.01.2001,0.9,0.9,0.9,0.9\n")
		}
		cases := []struct {
			name string
			file []byte
			want string
		}{
			{"empty", nil, "kosong"},
			{"over 5 MiB", big, "terlalu besar"},
			{"too many rows", []byte(many.String()), "lebih dari 20.000 baris"},
			{"no header", []byte("a,b,c\n1,2,3\n"), "Baris judul kolom tidak ditemukan"},
			{"a column missing", []byte("kode_desa,iks,ike,nilai_idm\n51.02.01.2001,0.9,0.9,0.9\n"), "Kolom IKL tidak ada"},
			{"a column twice", []byte("kode_desa,iks,ike,ikl,nilai_idm,idm\n51.02.01.2001,0.9,0.9,0.9,0.9,0.9\n"), "lebih dari sekali"},
			{"header only", []byte("kode_desa,iks,ike,ikl,nilai_idm\n"), "tidak berisi baris data"},
			{"binary", []byte{0x00, 0x01, 0xff, 0xfe}, "bukan CSV atau XLSX"},
			{"broken xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 100)...), "XLSX tidak dapat dibaca"},
			{"columns of other years", []byte("KODE DESA,IKS 2022,IKE 2022,IKL 2022,NILAI IDM 2022,IKS 2023,IKE 2023,IKL 2023,NILAI IDM 2023\n5102012001,1,1,1,1,1,1,1,1\n"),
				"tidak berisi kolom IDM tahun 2024 (kolomnya untuk tahun 2022, 2023)"},
			{"no row of the year", []byte("kode_desa,tahun,iks,ike,ikl,nilai_idm\n51.02.01.2001,2022,0.9,0.9,0.9,0.9\n"), "tidak berisi baris tahun 2024 (tahun dalam berkas: 2022)"},
		}
		for _, c := range cases {
			_, err := m.ImporIDM(t.Context(), tabanan, 2024, "", c.file)
			f, ok := fault.As(err)
			if !ok || f.Code != fault.Invalid || !strings.HasPrefix(f.Field, "body.berkas") || !strings.Contains(f.Message, c.want) {
				t.Errorf("%s: %v, want an Invalid fault on body.berkas saying %q", c.name, err, c.want)
			}
		}
		if _, err := m.ImporIDM(t.Context(), tabanan, 2014, "", []byte("x")); !fault.Is(err, fault.Invalid) {
			t.Errorf("year 2014: %v", err)
		}
		if got, _ := m.TahunIDM(t.Context(), tabanan); len(got) != 0 {
			t.Errorf("years %v after refused files", got)
		}
	})
}

func TestIDMDemoSeedIsRealForTheEightAndDemoForTheRest(t *testing.T) {
	want := fixtureStatus(t, fixture(t, "idm_tabanan_sebagian_2021_2024.csv"))
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		// An import made before the seed is kept.
		if _, err := m.ImporIDM(t.Context(), tabanan, 2024, "", []byte("kode_desa,iks,ike,ikl,nilai_idm\n51.02.06.2001,0.5,0.5,0.5,0.5\n")); err != nil {
			t.Fatal(err)
		}
		for run := range 2 {
			if err := m.SeedDemoIDM(t.Context()); err != nil {
				t.Fatalf("run %d: %v", run, err)
			}
		}
		for _, tahun := range []int{2021, 2022, 2023, 2024} {
			got, err := m.IDMWilayah(t.Context(), tabanan, tahun)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 133 {
				t.Fatalf("%d: %d desa, want 133", tahun, len(got))
			}
			var nyata int
			for _, v := range got {
				if s, ok := want[string(v.Desa)+"/"+strconv.Itoa(tahun)]; ok {
					nyata++
					if v.Demo || v.Status != s {
						t.Errorf("%d %s real: %+v, want %s", tahun, v.Desa, v, s)
					}
					continue
				}
				if v.Desa == "51.02.06.2001" && tahun == 2024 {
					if v.Demo || v.Nilai != 0.5 {
						t.Errorf("the seed overwrote an import: %+v", v)
					}
					continue
				}
				sum := int(v.IKS*10000+0.5) + int(v.IKE*10000+0.5) + int(v.IKL*10000+0.5)
				mean := (sum + 1) / 3
				if !v.Demo || v.Beda || v.IKS < 0.55 || v.IKS > 0.95 || v.IKE < 0.55 || v.IKE > 0.95 || v.IKL < 0.55 || v.IKL > 0.95 ||
					int(v.Nilai*10000+0.5) != mean || v.Status != forum.StatusIDM(v.Nilai) {
					t.Errorf("%d %s generated: %+v", tahun, v.Desa, v)
				}
			}
			if nyata != 8 {
				t.Errorf("%d: %d real desa, want 8", tahun, nyata)
			}
		}
		// Deterministic: a fresh database seeds the same values.
		m2 := idmModule(t, dbtest.SQLite(t), tabanan)
		if err := m2.SeedDemoIDM(t.Context()); err != nil {
			t.Fatal(err)
		}
		a, _ := m.IDMWilayah(t.Context(), "51.02.10", 2022)
		b, _ := m2.IDMWilayah(t.Context(), "51.02.10", 2022)
		if fmt.Sprint(a) != fmt.Sprint(b) || len(a) == 0 {
			t.Errorf("the seed differs between runs:\n%v\n%v", a, b)
		}
	})
}

func TestIDMListPagesThroughTheWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		if err := m.SeedDemoIDM(t.Context()); err != nil {
			t.Fatal(err)
		}
		var all []forum.IDM
		pages := 0
		for p := (page.Params{Limit: 50}); ; pages++ {
			got, err := m.DaftarIDM(t.Context(), tabanan, 2023, p)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, got.Items...)
			if p.Cursor = got.NextCursor; p.Cursor == "" {
				break
			}
		}
		if len(all) != 133 || pages != 2 {
			t.Fatalf("%d rows over %d more pages, want 133 over 2", len(all), pages)
		}
		for i := 1; i < len(all); i++ {
			if all[i-1].Desa.ID() >= all[i].Desa.ID() {
				t.Fatalf("out of order at %d: %s, %s", i, all[i-1].Desa, all[i].Desa)
			}
		}
		if _, err := m.DaftarIDM(t.Context(), tabanan, 2023, page.Params{Cursor: "!!"}); !fault.Is(err, fault.Invalid) {
			t.Errorf("a bad cursor: %v", err)
		}
		// A tenant that does not contain the wilayah is refused.
		ctx := tenancy.With(t.Context(), tenancy.Tenant{Kode: "51.02.06"})
		if _, err := m.IDMWilayah(ctx, tabanan, 2023); !fault.Is(err, fault.Forbidden) {
			t.Errorf("kecamatan tenant reading the kabupaten: %v", err)
		}
	})
}

func TestIDMReimportReplacesTheYearOfTheDesaInTheFile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := idmModule(t, d, tabanan)
		first := "kode_desa,iks,ike,ikl,nilai_idm,status_idm\n51.02.01.2001,0.9,0.9,0.9,0.9,MAJU\n51.02.01.2002,0.7,0.7,0.7,0.7,BERKEMBANG\n"
		for _, tahun := range []int{2023, 2024} {
			if _, err := m.ImporIDM(t.Context(), tabanan, tahun, "", []byte(first)); err != nil {
				t.Fatal(err)
			}
		}
		// The same file again changes nothing.
		h, err := m.ImporIDM(t.Context(), tabanan, 2024, "", []byte(first))
		if err != nil || h.Diganti != 2 || h.Ditandai != 1 {
			t.Fatalf("%+v, %v", h, err)
		}
		again, _ := m.IDMWilayah(t.Context(), tabanan, 2024)
		h, err = m.ImporIDM(t.Context(), tabanan, 2024, "", []byte("kode_desa,iks,ike,ikl,nilai_idm\n51.02.01.2001,0.6,0.6,0.6,0.6\n"))
		if err != nil || h.Diganti != 1 || h.Diterima != 1 {
			t.Fatalf("%+v, %v", h, err)
		}
		got, _ := m.IDMWilayah(t.Context(), tabanan, 2024)
		want := []forum.IDM{
			{Desa: "51.02.01.2001", Tahun: 2024, IKS: 0.6, IKE: 0.6, IKL: 0.6, Nilai: 0.6, Status: forum.IDMBerkembang},
			again[1],
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || again[1].Nilai != 0.7 || !again[0].Beda {
			t.Errorf("after the second file:\n%+v\nwant\n%+v", got, want)
		}
		if old, _ := m.IDMWilayah(t.Context(), tabanan, 2023); len(old) != 2 || old[0].Nilai != 0.9 {
			t.Errorf("2023 changed: %+v", old)
		}
	})
}

func (r idmRegions) KabupatenDimuat(ctx context.Context) ([]tenancy.Kode, error) {
	return r.w.KabupatenDimuat(ctx)
}
