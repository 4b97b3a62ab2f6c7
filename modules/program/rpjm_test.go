package program_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/program"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const rpjmKab tenancy.Kode = "51.02"

func rpjmModule(d *db.DB) *program.Module {
	return program.New(program.Deps{DB: d, Clock: func() time.Time { return time.Date(2023, 5, 1, 8, 0, 0, 0, time.UTC) }})
}

func rpjmPeriode(t *testing.T, m *program.Module, mulai, akhir int) program.RPJM {
	t.Helper()
	r, err := m.BuatRPJM(t.Context(), rpjmKab, program.RPJMData{Nama: "RPJMD uji " + strconv.Itoa(mulai), TahunMulai: mulai, TahunAkhir: akhir,
		Visi: "Visi kabupaten untuk pengujian"}, false)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func f64(v float64) *float64 { return &v }

func rpjmTambah(t *testing.T, m *program.Module, r program.RPJM, d program.NodeData) program.Simpul {
	t.Helper()
	s, err := m.TambahNode(t.Context(), rpjmKab, r.ID, d)
	if err != nil {
		t.Fatalf("%s %s: %v", d.Jenis, d.Kode, err)
	}
	return s
}

func node(j program.JenisNode, kode, uraian string) program.NodeData {
	return program.NodeData{Jenis: j, Kode: kode, NodeIsi: program.NodeIsi{Uraian: uraian}}
}

func indikator(kode string, target ...program.TargetRPJM) program.NodeData {
	return program.NodeData{Jenis: program.JenisIndikator, Kode: kode,
		NodeIsi: program.NodeIsi{Uraian: "Indikator " + kode, Satuan: "persen", Baseline: f64(50), Target: target}}
}

// fieldOf is the field a refused input names, "" when err is no field
// error.
func fieldsOf(err error) map[string]string {
	return fault.FieldMessages(err)
}

func TestRPJMNodeValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		r := rpjmPeriode(t, m, 2021, 2026)
		rpjmTambah(t, m, r, node(program.JenisMisi, "1", "Misi ekonomi"))
		rpjmTambah(t, m, r, node(program.JenisTujuan, "1.1", "Tujuan ekonomi desa"))
		rpjmTambah(t, m, r, node(program.JenisSasaran, "1.1.1", "Sasaran UMKM"))
		cases := []struct {
			name  string
			in    program.NodeData
			field string
			says  string
		}{
			{"unknown kind", node("visi", "2", "Bukan jenis"), "body.jenis", "Jenis harus"},
			{"kode with letters", node(program.JenisMisi, "A", "Misi huruf"), "body.kode", "tidak sah"},
			{"kode with a zero part", node(program.JenisMisi, "0", "Misi nol"), "body.kode", "tidak sah"},
			{"kode too deep", node(program.JenisSasaran, "1.1.1.1.1", "Terlalu dalam"), "body.kode", "tidak sah"},
			{"depth does not match kind", node(program.JenisTujuan, "1.1.2", "Tujuan tiga bagian"), "body.kode", "harus 2 bagian"},
			{"parent missing", node(program.JenisTujuan, "2.1", "Tujuan tanpa misi"), "body.kode", "di bawah misi 2"},
			{"duplicate kode", node(program.JenisMisi, "1", "Misi kembar"), "body.kode", "sudah dipakai"},
			{"uraian too short", node(program.JenisMisi, "2", "ab"), "body.uraian", "minimal"},
			{"uraian with control character", node(program.JenisMisi, "2", "Misi\x00rusak"), "body.uraian", "karakter"},
			{"uraian too long", node(program.JenisMisi, "2", strings.Repeat("a", program.MaxUraian+1)), "body.uraian", "maksimal"},
			{"satuan on a sasaran", program.NodeData{Jenis: program.JenisSasaran, Kode: "1.1.2", NodeIsi: program.NodeIsi{Uraian: "Sasaran", Satuan: "persen"}},
				"body.satuan", "hanya untuk indikator"},
			{"target on a misi", program.NodeData{Jenis: program.JenisMisi, Kode: "2", NodeIsi: program.NodeIsi{Uraian: "Misi",
				Target: []program.TargetRPJM{{Tahun: 2022, Target: 1}}}}, "body.target", "hanya untuk indikator"},
			{"indikator without satuan", program.NodeData{Jenis: program.JenisIndikator, Kode: "1.1.1.1", NodeIsi: program.NodeIsi{Uraian: "Indikator"}},
				"body.satuan", "wajib"},
			{"target before the period", indikator("1.1.1.1", program.TargetRPJM{Tahun: 2020, Target: 5}), "body.target[0].tahun", "di luar periode"},
			{"target after the period", indikator("1.1.1.1", program.TargetRPJM{Tahun: 2027, Target: 5}), "body.target[0].tahun", "di luar periode"},
			{"target twice", indikator("1.1.1.1", program.TargetRPJM{Tahun: 2022, Target: 5}, program.TargetRPJM{Tahun: 2022, Target: 6}),
				"body.target[1].tahun", "dua kali"},
			{"target too large", indikator("1.1.1.1", program.TargetRPJM{Tahun: 2022, Target: 2e12}), "body.target[0].target", "antara"},
			{"indikator under a tujuan", indikator("1.1.9"), "body.kode", "harus 4 bagian"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := m.TambahNode(t.Context(), rpjmKab, r.ID, c.in)
				if !fault.Is(err, fault.Invalid) {
					t.Fatalf("want Invalid, got %v", err)
				}
				msg, ok := fieldsOf(err)[c.field]
				if !ok || !strings.Contains(msg, c.says) {
					t.Errorf("field %s: %q (all: %v), want it to say %q", c.field, msg, fieldsOf(err), c.says)
				}
			})
		}
		p, _, _, err := m.PohonRPJM(t.Context(), rpjmKab, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Misi); n != 1 || len(p.Misi[0].Anak) != 1 || len(p.Misi[0].Anak[0].Anak) != 1 || len(p.Misi[0].Anak[0].Anak[0].Anak) != 0 {
			t.Errorf("refused nodes changed the tree: %+v", p.Misi)
		}
	})
}

func TestRPJMPeriodValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		rpjmPeriode(t, m, 2021, 2026)
		cases := []struct {
			name  string
			in    program.RPJMData
			field string
		}{
			{"end before start", program.RPJMData{Nama: "RPJMD terbalik", TahunMulai: 2030, TahunAkhir: 2028, Visi: "Visi yang cukup panjang"}, "body.tahun_akhir"},
			{"too long", program.RPJMData{Nama: "RPJMD panjang", TahunMulai: 2030, TahunAkhir: 2041, Visi: "Visi yang cukup panjang"}, "body.tahun_akhir"},
			{"overlaps", program.RPJMData{Nama: "RPJMD tumpang", TahunMulai: 2026, TahunAkhir: 2030, Visi: "Visi yang cukup panjang"}, "body.tahun_mulai"},
			{"year out of bounds", program.RPJMData{Nama: "RPJMD kuno", TahunMulai: 1990, TahunAkhir: 1995, Visi: "Visi yang cukup panjang"}, "body.tahun_mulai"},
			{"visi missing", program.RPJMData{Nama: "RPJMD tanpa visi", TahunMulai: 2027, TahunAkhir: 2031}, "body.visi"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := m.BuatRPJM(t.Context(), rpjmKab, c.in, false)
				if _, ok := fieldsOf(err)[c.field]; !ok || !fault.Is(err, fault.Invalid) {
					t.Errorf("want a problem at %s, got %v (%v)", c.field, err, fieldsOf(err))
				}
			})
		}
	})
}

func TestRPJMPeriodByTahunAndSasaran(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		ctx := t.Context()
		lama := rpjmPeriode(t, m, 2016, 2020)
		baru := rpjmPeriode(t, m, 2021, 2026)
		rpjmTambah(t, m, lama, node(program.JenisMisi, "1", "Misi lama"))
		rpjmTambah(t, m, baru, node(program.JenisMisi, "2", "Misi tata kelola"))
		rpjmTambah(t, m, baru, node(program.JenisMisi, "1", "Misi ekonomi"))
		rpjmTambah(t, m, baru, node(program.JenisTujuan, "1.1", "Tujuan ekonomi desa"))
		rpjmTambah(t, m, baru, node(program.JenisTujuan, "2.1", "Tujuan desa akuntabel"))
		rpjmTambah(t, m, baru, node(program.JenisSasaran, "1.1.10", "Sasaran sepuluh"))
		rpjmTambah(t, m, baru, node(program.JenisSasaran, "1.1.2", "Sasaran dua"))
		rpjmTambah(t, m, baru, node(program.JenisSasaran, "2.1.1", "Sasaran tata kelola"))
		rpjmTambah(t, m, baru, indikator("1.1.2.1", program.TargetRPJM{Tahun: 2026, Target: 80}, program.TargetRPJM{Tahun: 2022, Target: 60}))

		for _, c := range []struct {
			tahun int
			want  string
		}{{2016, lama.ID}, {2020, lama.ID}, {2021, baru.ID}, {2026, baru.ID}, {2027, ""}, {2015, ""}} {
			r, ok, err := m.RPJMTerkini(ctx, rpjmKab, c.tahun)
			if err != nil || ok != (c.want != "") || r.ID != c.want {
				t.Errorf("RPJMTerkini %d: %s %v %v, want %q", c.tahun, r.ID, ok, err, c.want)
			}
		}
		// A kecamatan's path reads its kabupaten's RPJM (the API maps it).
		if _, _, err := m.RPJMTerkini(ctx, "51.02.06", 2023); !fault.Is(err, fault.NotFound) {
			t.Errorf("RPJMTerkini at a kecamatan: %v, want NotFound (the RPJM is the kabupaten's)", err)
		}

		ss, err := m.SasaranRPJM(ctx, rpjmKab, 2023)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range ss {
			got = append(got, s.Kode+"|"+s.Uraian+"|"+s.Tujuan+"|"+s.Misi)
		}
		want := []string{"1.1.2|Sasaran dua|Tujuan ekonomi desa|Misi ekonomi", "1.1.10|Sasaran sepuluh|Tujuan ekonomi desa|Misi ekonomi",
			"2.1.1|Sasaran tata kelola|Tujuan desa akuntabel|Misi tata kelola"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("SasaranRPJM 2023:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, s := range ss {
			if s.ID == "" {
				t.Errorf("sasaran %s has no id", s.Kode)
			}
		}
		if ss, err := m.SasaranRPJM(ctx, rpjmKab, 2030); err != nil || ss == nil || len(ss) != 0 {
			t.Errorf("SasaranRPJM without a period: %v %v, want an empty list", ss, err)
		}
		if ss, err := m.SasaranRPJM(ctx, "51.03", 2023); err != nil || len(ss) != 0 {
			t.Errorf("another kabupaten's sasaran: %v %v, want none", ss, err)
		}

		p, semua, ok, err := m.PohonRPJM(ctx, rpjmKab, 2023)
		if err != nil || !ok || len(semua) != 2 {
			t.Fatalf("PohonRPJM: %v %v %d periods", ok, err, len(semua))
		}
		if len(p.Misi) != 2 || p.Misi[0].Kode != "1" || p.Misi[1].Kode != "2" {
			t.Fatalf("misi order: %+v", p.Misi)
		}
		sas := p.Misi[0].Anak[0].Anak
		if len(sas) != 2 || sas[0].Kode != "1.1.2" || len(sas[0].Anak) != 1 {
			t.Fatalf("sasaran under 1.1: %+v", sas)
		}
		ind := sas[0].Anak[0]
		if ind.Satuan != "persen" || ind.Baseline == nil || *ind.Baseline != 50 || len(ind.Target) != 2 || ind.Target[0].Tahun != 2022 {
			t.Errorf("indikator: %+v", ind)
		}

		// Targets: replaced whole; the node is found only in its kabupaten.
		if _, err := m.SetTarget(ctx, rpjmKab, ind.ID, []program.TargetRPJM{{Tahun: 2024, Target: 70}}); err != nil {
			t.Fatal(err)
		}
		s, _, err := m.NodeRPJM(ctx, rpjmKab, ind.ID)
		if err != nil || len(s.Target) != 1 || s.Target[0].Tahun != 2024 {
			t.Errorf("after SetTarget: %+v %v", s.Target, err)
		}
		if _, _, err := m.NodeRPJM(ctx, "51.03", ind.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("node through another kabupaten: %v, want NotFound", err)
		}
		if err := m.HapusNode(ctx, "51.03", ind.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("delete through another kabupaten: %v, want NotFound", err)
		}
		// A period's years cannot shrink below its targets.
		_, err = m.UbahRPJM(ctx, rpjmKab, baru.ID, program.RPJMData{Nama: baru.Nama, Visi: baru.Visi, TahunMulai: 2021, TahunAkhir: 2023})
		if _, ok := fieldsOf(err)["body.tahun_mulai"]; !ok {
			t.Errorf("shrinking past a target: %v", err)
		}
		// Deleting a tujuan takes its sasaran and indikator with it.
		if err := m.HapusNode(ctx, rpjmKab, p.Misi[0].Anak[0].ID); err != nil {
			t.Fatal(err)
		}
		ss, _ = m.SasaranRPJM(ctx, rpjmKab, 2023)
		if len(ss) != 1 || ss[0].Kode != "2.1.1" {
			t.Errorf("after deleting tujuan 1.1: %+v", ss)
		}
		if _, _, err := m.NodeRPJM(ctx, rpjmKab, ind.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("the indikator under a deleted tujuan: %v", err)
		}
	})
}

// rpjmXLSX builds a workbook with the sheet RPJM of rows.
func rpjmXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", "RPJM"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("RPJM", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var rpjmHeader = []any{"Jenis", "Kode", "Uraian", "Satuan", "Baseline", "2021", "2022", "Target 2023", "2024", "2025", "2026"}

func TestRPJMImport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		ctx := t.Context()
		r := rpjmPeriode(t, m, 2021, 2026)
		rpjmTambah(t, m, r, node(program.JenisMisi, "9", "Misi lama yang diganti"))

		good := [][]any{rpjmHeader,
			{"misi", "1", "Misi ekonomi"},
			{"indikator", "1.1.1.1", "UMKM aktif", "unit", 100, 110, 120, "130", 140, 150, "160,5"}, // before its parent: fine
			{"tujuan", "1.1", "Tujuan ekonomi desa"},
			{},
			{"Sasaran", "1.1.1", "Sasaran UMKM"},
		}
		h, err := m.ImporRPJM(ctx, rpjmKab, 2023, rpjmXLSX(t, good))
		if err != nil {
			t.Fatal(err)
		}
		if h.RPJMID != r.ID || h.Misi != 1 || h.Tujuan != 1 || h.Sasaran != 1 || h.Indikator != 1 {
			t.Errorf("result %+v", h)
		}
		p, _, _, err := m.PohonRPJM(ctx, rpjmKab, 2023)
		if err != nil || len(p.Misi) != 1 || p.Misi[0].Kode != "1" {
			t.Fatalf("tree after import (the old misi 9 must be gone): %+v %v", p.Misi, err)
		}
		ind := p.Misi[0].Anak[0].Anak[0].Anak[0]
		if len(ind.Target) != 6 || ind.Target[5].Target != 160.5 || *ind.Baseline != 100 {
			t.Errorf("indikator imported as %+v", ind)
		}

		bad := [][]any{rpjmHeader,
			{"misi", "2", "Misi baru yang sah"},
			{"tujuan", "3.1", "Tujuan tanpa misi"},                             // row 3: parent missing
			{"indikator", "2.1.1.1", "Indikator", "", "banyak"},                // row 4: satuan, baseline, parent
			{"sasaran", "2", "Sasaran berkode misi"},                           // row 5: depth, duplicate
			{"misi", "4", "Misi dengan target", "", "", "", "", "", "", "", 5}, // row 6: target on a misi
			{"rencana", "5", "Jenis tak dikenal"},                              // row 7
			{"misi", "6", "Misi\x01rusak"},                                     // row 8
		}
		_, err = m.ImporRPJM(ctx, rpjmKab, 2023, rpjmXLSX(t, bad))
		var ie *program.ImporRPJMError
		if !errors.As(err, &ie) || !fault.Is(err, fault.Invalid) {
			t.Fatalf("want an ImporRPJMError, got %v", err)
		}
		var lines []string
		for _, k := range ie.Kesalahan {
			lines = append(lines, k.Teks())
		}
		all := strings.Join(lines, "\n")
		for _, want := range []string{"Baris 3, kolom kode: Tujuan 3.1 harus di bawah misi 3", "Baris 4, kolom baseline:", "Baris 4, kolom satuan:",
			"Baris 4, kolom kode: Indikator kinerja 2.1.1.1 harus di bawah sasaran 2.1.1", "Baris 5, kolom kode:", "Baris 6, kolom target:",
			"Baris 7, kolom jenis:", "Baris 8, kolom uraian:"} {
			if !strings.Contains(all, want) {
				t.Errorf("report lacks %q:\n%s", want, all)
			}
		}
		if strings.Contains(all, "Baris 2") {
			t.Errorf("the valid row 2 is reported:\n%s", all)
		}
		p2, _, _, err := m.PohonRPJM(ctx, rpjmKab, 2023)
		if err != nil || len(p2.Misi) != 1 || p2.Misi[0].ID != p.Misi[0].ID {
			t.Errorf("a refused import changed the tree: %+v", p2.Misi)
		}

		for _, c := range []struct {
			name string
			data []byte
			says string
		}{
			{"not xlsx", []byte("kode,uraian\n1,misi"), "bukan XLSX"},
			{"no header", rpjmXLSX(t, [][]any{{"a", "b"}, {"misi", "1"}}), "Baris judul"},
			{"year outside the period", rpjmXLSX(t, [][]any{{"Jenis", "Kode", "Uraian", "Satuan", "Baseline", "2027"}, {"misi", "1", "Misi ekonomi"}}), "di luar periode"},
			{"header only", rpjmXLSX(t, [][]any{rpjmHeader}), "tidak berisi baris"},
		} {
			_, err := m.ImporRPJM(ctx, rpjmKab, 2023, c.data)
			if !fault.Is(err, fault.Invalid) || !strings.Contains(fieldsOf(err)["body.berkas"], c.says) {
				t.Errorf("%s: %v (%v), want it to say %q", c.name, err, fieldsOf(err), c.says)
			}
		}
		if _, err := m.ImporRPJM(ctx, rpjmKab, 2030, rpjmXLSX(t, good)); !fault.Is(err, fault.Invalid) {
			t.Errorf("import without a period: %v", err)
		}
	})
}

func TestRPJMTemplateRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		ctx := t.Context()
		rpjmPeriode(t, m, 2021, 2026)
		b, err := m.RPJMTemplat(ctx, rpjmKab, 2024)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("RPJM")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != "Jenis,Kode,Uraian,Satuan,Baseline,2021,2022,2023,2024,2025,2026" {
			t.Errorf("template header %s", got)
		}
		// Fill: a second misi with a tujuan, sasaran and indikator.
		next := len(rows) + 1
		for i, r := range [][]any{
			{"misi", "2", "Misi tata kelola desa"},
			{"tujuan", "2.1", "Tujuan desa akuntabel"},
			{"sasaran", "2.1.1", "Meningkatnya tata kelola pemerintahan desa"},
			{"indikator", "2.1.1.1", "Desa melapor APBDes tepat waktu", "persen", 75, 78, 82, 86, 90, 95, 100},
		} {
			if err := x.SetSheetRow("RPJM", "A"+strconv.Itoa(next+i), &r); err != nil {
				t.Fatal(err)
			}
		}
		var filled bytes.Buffer
		if err := x.Write(&filled); err != nil {
			t.Fatal(err)
		}
		x.Close()
		h, err := m.ImporRPJM(ctx, rpjmKab, 2024, filled.Bytes())
		if err != nil {
			t.Fatalf("importing the filled template: %v", err)
		}
		if h.Misi != 2 || h.Sasaran != 2 || h.Indikator != 2 {
			t.Errorf("template with its examples and two misi: %+v", h)
		}
		ss, _ := m.SasaranRPJM(ctx, rpjmKab, 2024)
		if len(ss) != 2 || ss[1].Kode != "2.1.1" || ss[1].Misi != "Misi tata kelola desa" {
			t.Errorf("sasaran after the round trip: %+v", ss)
		}
	})
}

func TestRPJMDemoIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		ctx := context.Background()
		for range 2 {
			if err := m.SeedDemoRPJM(ctx); err != nil {
				t.Fatal(err)
			}
		}
		r, ok, err := m.RPJMTerkini(ctx, program.DemoKabupatenRPJM, 2023)
		if err != nil || !ok || !r.Demo || !strings.Contains(r.Nama, "(contoh demo)") || r.TahunMulai != 2021 || r.TahunAkhir != 2026 {
			t.Fatalf("demo period: %+v %v %v", r, ok, err)
		}
		ss, err := m.SasaranRPJM(ctx, program.DemoKabupatenRPJM, 2023)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, s := range ss {
			all = append(all, strings.ToLower(s.Uraian))
		}
		for _, want := range []string{"sampah", "usaha mikro", "jalan desa", "stunting", "tata kelola pemerintahan desa"} {
			if !strings.Contains(strings.Join(all, "|"), want) {
				t.Errorf("demo sasaran lack %q: %v", want, all)
			}
		}
		p, semua, _, _ := m.PohonRPJM(ctx, program.DemoKabupatenRPJM, 2023)
		if len(semua) != 1 || len(p.Misi) != 4 {
			t.Errorf("after two seeds: %d periods, %d misi", len(semua), len(p.Misi))
		}
		for _, mi := range p.Misi {
			for _, tj := range mi.Anak {
				for _, s := range tj.Anak {
					for _, in := range s.Anak {
						if len(in.Target) != 6 || in.Baseline == nil {
							t.Errorf("indikator %s: %d targets, baseline %v", in.Kode, len(in.Target), in.Baseline)
						}
					}
				}
			}
		}
	})
}

func TestRPJMDeletePeriodTakesItsTree(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := rpjmModule(d)
		ctx := t.Context()
		lama := rpjmPeriode(t, m, 2016, 2020)
		baru := rpjmPeriode(t, m, 2021, 2026)
		rpjmTambah(t, m, baru, node(program.JenisMisi, "1", "Misi ekonomi"))
		rpjmTambah(t, m, baru, node(program.JenisTujuan, "1.1", "Tujuan ekonomi desa"))
		rpjmTambah(t, m, baru, node(program.JenisSasaran, "1.1.1", "Sasaran UMKM"))
		ind := rpjmTambah(t, m, baru, indikator("1.1.1.1", program.TargetRPJM{Tahun: 2022, Target: 3}))
		rpjmTambah(t, m, lama, node(program.JenisMisi, "1", "Misi lama"))
		if err := m.HapusRPJM(ctx, "51.03", baru.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("delete through another kabupaten: %v", err)
		}
		if err := m.HapusRPJM(ctx, rpjmKab, baru.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := m.RPJMTerkini(ctx, rpjmKab, 2023); ok {
			t.Errorf("the deleted period still covers 2023")
		}
		if _, _, err := m.NodeRPJM(ctx, rpjmKab, ind.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("its indikator: %v", err)
		}
		p, semua, ok, err := m.PohonRPJM(ctx, rpjmKab, 2018)
		if err != nil || !ok || len(semua) != 1 || len(p.Misi) != 1 || p.Misi[0].Uraian != "Misi lama" {
			t.Errorf("the other period: %+v %v %v", p, ok, err)
		}
		// The freed years take a new period, with the same kode again.
		again := rpjmPeriode(t, m, 2021, 2025)
		rpjmTambah(t, m, again, node(program.JenisMisi, "1", "Misi ekonomi baru"))
	})
}
