package program_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/program"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	kab     tenancy.Kode = "51.02"
	bengkel tenancy.Kode = "51.02.06.2001"
	cepaka  tenancy.Kode = "51.02.06.2002"
	lain    tenancy.Kode = "51.02.01.2001" // another kecamatan
)

var now = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)

// fakeAPBDes is keuangan's answer: the kegiatan of every desa.
type fakeAPBDes []program.KegiatanAPBDes

func (f fakeAPBDes) KegiatanAPBDes(_ context.Context, w tenancy.Kode, tahun int) ([]program.KegiatanAPBDes, error) {
	var out []program.KegiatanAPBDes
	if tahun != 2026 {
		return nil, nil
	}
	for _, k := range f {
		if w.Contains(k.Desa) {
			out = append(out, k)
		}
	}
	return out, nil
}

var apbdes = fakeAPBDes{
	{Desa: bengkel, Kode: "02.03.10", SubBidang: "02.03", Nama: "Pembangunan jalan desa", Pagu: 600_000, Realisasi: 100_000},
	{Desa: bengkel, Kode: "01.01.01", SubBidang: "01.01", Nama: "Penghasilan tetap", Pagu: 400_000},
	{Desa: cepaka, Kode: "02.02.02", SubBidang: "02.02", Nama: "Posyandu", Pagu: 500_000},
}

type fakeOPD []program.OPD

func (f fakeOPD) OPDByID(_ context.Context, id string) (program.OPD, error) {
	for _, o := range f {
		if o.ID == id {
			return o, nil
		}
	}
	return program.OPD{}, fault.New(fault.NotFound, "OPD tidak ada.")
}
func (f fakeOPD) OPDOf(context.Context, string) (program.OPD, bool, error) {
	return program.OPD{}, false, nil
}
func (f fakeOPD) Daftar(_ context.Context, k tenancy.Kode) ([]program.OPD, error) {
	return f, nil
}

var (
	pupr   = program.OPD{ID: "opd-pupr", Kabupaten: kab, Kode: "DINASPUPRPKP", Nama: "Dinas PUPRPKP", Aktif: true}
	dlh    = program.OPD{ID: "opd-dlh", Kabupaten: kab, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true}
	badung = program.OPD{ID: "opd-badung", Kabupaten: "51.03", Kode: "DLH", Nama: "DLH Badung", Aktif: true}
)

func newModule(d *db.DB) *program.Module {
	return program.New(program.Deps{DB: d, APBDes: apbdes, OPD: fakeOPD{pupr, dlh}, Clock: func() time.Time { return now }})
}

func di(desa tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
}

// rpjm writes an RPJM 2021–2026 of kabupaten k with one misi, tujuan and
// two sasaran; it returns the ids by code.
func rpjm(t *testing.T, d *db.DB, k tenancy.Kode) map[string]string {
	t.Helper()
	ids := map[string]string{}
	rid := uuid.Must(uuid.NewV7()).String()
	err := d.Tx(di(k), func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO rpjm (desa_id, id, nama, tahun_mulai, tahun_akhir, visi, demo, created_by, created_at, updated_by, updated_at) "+
			"VALUES (?, ?, 'RPJMD uji', 2021, 2026, 'Visi uji', FALSE, 'uji', ?, 'uji', ?)", k.ID(), rid, now, now).Exec(ctx); err != nil {
			return err
		}
		for i, n := range []struct{ jenis, kode, induk string }{{"misi", "3", ""}, {"tujuan", "3.1", "3"}, {"sasaran", "3.1.1", "3.1"}, {"sasaran", "3.2.1", "3.1"}} {
			id := uuid.Must(uuid.NewV7()).String()
			ids[n.kode] = id
			if _, err := tx.NewRaw("INSERT INTO rpjm_node (desa_id, id, rpjm_id, induk_id, jenis, kode, uraian, satuan, urut) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)",
				k.ID(), id, rid, ids[n.induk], n.jenis, n.kode, "Uraian "+n.kode, i).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// fields is the field names of an Invalid fault.
func fields(err error) string {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		return fmt.Sprintf("not invalid: %v", err)
	}
	var out []string
	if len(e.Fields) == 0 {
		return e.Field
	}
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return strings.Join(out, ",")
}

func mandiri() program.DesaProgramData {
	return program.DesaProgramData{Tahun: 2026, Nama: "Pelatihan bank sampah", SumberDana: "swadaya", Pagu: 100_000}
}

func TestDesaProgramValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		r := 1.5
		for _, tc := range []struct {
			name string
			edit func(*program.DesaProgramData)
			want string // the fields at fault; "" accepted
		}{
			{"standalone", func(*program.DesaProgramData) {}, ""},
			{"linked", func(p *program.DesaProgramData) { *p = program.DesaProgramData{Tahun: 2026, KegiatanKode: "2.3.10"} }, ""},
			{"year out of range", func(p *program.DesaProgramData) { p.Tahun = 1999 }, "body.tahun"},
			{"name too short", func(p *program.DesaProgramData) { p.Nama = "ab" }, "body.nama"},
			{"unknown sumber dana", func(p *program.DesaProgramData) { p.SumberDana = "emas" }, "body.sumber_dana"},
			{"no pagu", func(p *program.DesaProgramData) { p.Pagu = 0 }, "body.pagu"},
			{"pagu above bound", func(p *program.DesaProgramData) { p.Pagu = program.MaxPagu + 1 }, "body.pagu"},
			{"bad sub-bidang", func(p *program.DesaProgramData) { p.SubBidang = "2.3.4" }, "body.sub_bidang"},
			{"linked with its own pagu", func(p *program.DesaProgramData) { p.KegiatanKode = "02.03.10" }, "body.kegiatan_kode"},
			{"bad kegiatan code", func(p *program.DesaProgramData) { *p = program.DesaProgramData{Tahun: 2026, KegiatanKode: "2.x.1"} }, "body.kegiatan_kode"},
			{"kegiatan not in the APBDes", func(p *program.DesaProgramData) { *p = program.DesaProgramData{Tahun: 2026, KegiatanKode: "03.01.01"} }, "body.kegiatan_kode"},
			{"asset without location", func(p *program.DesaProgramData) { p.JenisAset = "jalan" }, "body.lokasi"},
			{"unknown asset", func(p *program.DesaProgramData) { p.JenisAset, p.Lokasi = "kapal", "Banjar Kaja" }, "body.jenis_aset"},
			{"location with a control character", func(p *program.DesaProgramData) { p.Lokasi = "Banjar\x00Kaja" }, "body.lokasi"},
			{"sasaran not a uuid", func(p *program.DesaProgramData) { p.Sasaran = []string{"1.1.1"} }, "body.sasaran[0]"},
			{"indicator of no kind", func(p *program.DesaProgramData) {
				p.Indikator = []program.IndikatorProgram{{Jenis: "dampak", Uraian: "Jalan baik", Satuan: "m"}}
			}, "body.indikator[0].jenis"},
			{"indicator year twice and a negative target", func(p *program.DesaProgramData) {
				p.Indikator = []program.IndikatorProgram{{Jenis: "output", Uraian: "Jalan diaspal", Satuan: "m",
					Capaian: []program.CapaianIndikator{{Tahun: 2026, Target: 10, Realisasi: &r}, {Tahun: 2026, Target: -1}}}}
			}, "body.indikator[0].capaian[1].tahun,body.indikator[0].capaian[1].target"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := mandiri()
				tc.edit(&p)
				_, err := m.BuatProgramDesa(di(bengkel), p)
				if tc.want == "" {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				if got := fields(err); got != tc.want {
					t.Errorf("fields %q, want %q", got, tc.want)
				}
			})
		}
		// A kegiatan is linked once a year.
		_, err := m.BuatProgramDesa(di(bengkel), program.DesaProgramData{Tahun: 2026, KegiatanKode: "02.03.10"})
		if fields(err) != "body.kegiatan_kode" {
			t.Errorf("the second link of a kegiatan: %v", err)
		}
	})
}

func TestOPDProgramValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		for _, tc := range []struct {
			name string
			p    program.OPDProgramData
			want string
		}{
			{"ok", program.OPDProgramData{Tahun: 2026, Nama: "Jalan kabupaten", KodeOPD: "1.03.10.2.01.0030", SubBidang: "2.3"}, ""},
			{"kegiatan gives the sub-bidang", program.OPDProgramData{Tahun: 2026, Nama: "Jalan kabupaten", KegiatanDesa: "02.03.10"}, ""},
			{"code with odd characters", program.OPDProgramData{Tahun: 2026, Nama: "Jalan kabupaten", KodeOPD: "1.03<script>"}, "body.kode_opd"},
			{"sub-bidang against the kegiatan", program.OPDProgramData{Tahun: 2026, Nama: "Jalan", KegiatanDesa: "02.03.10", SubBidang: "02.04"}, "body.sub_bidang"},
			{"negative pagu", program.OPDProgramData{Tahun: 2026, Nama: "Jalan", Pagu: -5}, "body.pagu"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := m.BuatProgramOPD(di(bengkel), pupr, tc.p)
				if tc.want == "" && err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tc.want != "" && fields(err) != tc.want {
					t.Errorf("fields %q, want %q", fields(err), tc.want)
				}
			})
		}
		_, err := m.BuatProgramOPD(di(bengkel), badung, program.OPDProgramData{Tahun: 2026, Nama: "Jalan kabupaten"})
		if !fault.Is(err, fault.Forbidden) {
			t.Errorf("another kabupaten's OPD: %v", err)
		}
	})
}

func TestTaggingTakesOnlyTheKabupatensSasaran(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		ours := rpjm(t, d, kab)
		theirs := rpjm(t, d, "51.03")
		for _, tc := range []struct {
			name string
			ids  []string
			ok   bool
		}{
			{"a sasaran", []string{ours["3.1.1"], ours["3.2.1"]}, true},
			{"a misi", []string{ours["3"]}, false},
			{"a tujuan", []string{ours["3.1"]}, false},
			{"another kabupaten's sasaran", []string{theirs["3.1.1"]}, false},
			{"no such node", []string{uuid.Must(uuid.NewV7()).String()}, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := mandiri()
				p.Sasaran = tc.ids
				got, err := m.BuatProgramDesa(di(bengkel), p)
				if tc.ok {
					if err != nil || len(got.Sasaran) != len(tc.ids) || got.Sasaran[0].Kode != "3.1.1" {
						t.Fatalf("tagged: %+v %v", got.Sasaran, err)
					}
					return
				}
				if !strings.HasPrefix(fields(err), "body.sasaran[0]") {
					t.Errorf("accepted or wrong field: %v", err)
				}
			})
		}
	})
}

func TestOverlapRule(t *testing.T) {
	road := program.DesaProgramData{Tahun: 2026, KegiatanKode: "02.03.10"}
	road.JenisAset, road.Lokasi = "jalan", "Banjar Delod Puri"
	for _, tc := range []struct {
		name   string
		desa   tenancy.Kode
		opd    program.OPDProgramData
		alasan string // "" no overlap
	}{
		{"same kegiatan code", bengkel, program.OPDProgramData{Tahun: 2026, Nama: "Jalan", KegiatanDesa: "02.03.10"}, "kegiatan,sub_bidang"},
		{"same sub-bidang", bengkel, program.OPDProgramData{Tahun: 2026, Nama: "Drainase jalan", SubBidang: "2.3"}, "sub_bidang"},
		{"same location and asset", bengkel, withPlace(program.OPDProgramData{Tahun: 2026, Nama: "Jalan", SubBidang: "02.06"}, "jalan", "br. Delod  Puri"), "lokasi_aset"},
		{"same location, other asset", bengkel, withPlace(program.OPDProgramData{Tahun: 2026, Nama: "Lampu", SubBidang: "02.07"}, "penerangan", "Banjar Delod Puri"), ""},
		{"same asset, other location", bengkel, withPlace(program.OPDProgramData{Tahun: 2026, Nama: "Jalan", SubBidang: "02.06"}, "jalan", "Banjar Kaja"), ""},
		{"different year", bengkel, withPlace(program.OPDProgramData{Tahun: 2025, Nama: "Jalan", KegiatanDesa: "02.03.10"}, "jalan", "Banjar Delod Puri"), ""},
		{"another desa", cepaka, withPlace(program.OPDProgramData{Tahun: 2026, Nama: "Jalan", KegiatanDesa: "02.03.10"}, "jalan", "Banjar Delod Puri"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				m := newModule(d)
				if _, err := m.BuatProgramDesa(di(bengkel), road); err != nil {
					t.Fatal(err)
				}
				if _, err := m.BuatProgramOPD(di(tc.desa), pupr, tc.opd); err != nil {
					t.Fatal(err)
				}
				ts, err := m.TumpangTindih(context.Background(), "51.02.06", 2026)
				if err != nil {
					t.Fatal(err)
				}
				if tc.alasan == "" {
					if len(ts) != 0 {
						t.Errorf("overlap found: %+v", ts)
					}
					return
				}
				if len(ts) != 1 || strings.Join(ts[0].Alasan, ",") != tc.alasan || ts[0].ProgramDesa.Pagu != 600_000 ||
					ts[0].ProgramDesa.Nama != "Pembangunan jalan desa" || ts[0].ProgramOPD.OPDNama != "Dinas PUPRPKP" {
					t.Errorf("got %+v, want one for %s", ts, tc.alasan)
				}
				if other, _ := m.TumpangTindih(context.Background(), "51.02.01", 2026); len(other) != 0 {
					t.Errorf("another kecamatan sees it: %+v", other)
				}
			})
		})
	}
}

func withPlace(p program.OPDProgramData, aset, lokasi string) program.OPDProgramData {
	p.JenisAset, p.Lokasi = aset, lokasi
	return p
}

// The alignment of Bengkel, by hand: APBDes belanja 1.000.000 (jalan
// 600.000 linked and tagged; siltap 400.000 linked, untagged);
// standalone 200.000 tagged and 100.000 untagged. Selaras 800.000 over
// 1.300.000 = 61,54 %.
func TestAlignmentFormulaAndIndicators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		ids := rpjm(t, d, kab)
		ctx := di(bengkel)
		must := func(_ program.DesaProgram, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(m.BuatProgramDesa(ctx, program.DesaProgramData{Tahun: 2026, KegiatanKode: "02.03.10", BagianProgram: program.BagianProgram{Sasaran: []string{ids["3.1.1"]}}}))
		must(m.BuatProgramDesa(ctx, program.DesaProgramData{Tahun: 2026, KegiatanKode: "01.01.01"}))
		tagged := mandiri()
		tagged.Pagu, tagged.Sasaran = 200_000, []string{ids["3.2.1"]}
		must(m.BuatProgramDesa(ctx, tagged))
		untagged := mandiri()
		must(m.BuatProgramDesa(ctx, untagged))

		ks, err := m.KeselarasanWilayah(context.Background(), "51.02.06", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(ks) != 2 {
			t.Fatalf("Bengkel and Cepaka (APBDes, no programme): %+v", ks)
		}
		b, c := ks[0], ks[1]
		if b.Belanja != 1_000_000 || b.Mandiri != 300_000 || b.Selaras != 800_000 || b.BP == nil || *b.BP != 6154 ||
			b.Program != 4 || b.ProgramSelaras != 2 {
			t.Errorf("Bengkel: %+v", b)
		}
		if c.Belanja != 500_000 || c.BP == nil || *c.BP != 0 || c.Program != 0 {
			t.Errorf("Cepaka: %+v", c)
		}
		vals, err := m.Indicators(context.Background(), "51.02", indicator.Period{From: "2026-01-01", To: civil.Date("2026-12-31")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vals {
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		want := map[string]int64{"51.02.06.2001 keselarasan_rpjm": 6154, "51.02.06.2001 program_desa": 4,
			"51.02.06.2002 keselarasan_rpjm": 0, "51.02.06.2002 program_desa": 0}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("indicators %v, want %v", got, want)
		}
		only, _ := m.Indicators(context.Background(), "51.02", indicator.Period{To: "2026-12-31"}, []string{"program_desa"})
		if len(only) != 2 {
			t.Errorf("codes limit the answer: %+v", only)
		}
		// The sasaran of the kecamatan no desa programme serves: none now;
		// in the other kecamatan both.
		cs, err := m.SasaranTanpaProgram(context.Background(), "51.02.06", 2026)
		if err != nil || len(cs) != 1 || len(cs[0].Sasaran) != 0 {
			t.Errorf("Kediri: %+v %v", cs, err)
		}
		cs, err = m.SasaranTanpaProgram(context.Background(), "51.02.01", 2026)
		if err != nil || len(cs) != 1 || len(cs[0].Sasaran) != 2 {
			t.Errorf("Kediri Barat: %+v %v", cs, err)
		}
	})
}

func TestWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		p, err := m.BuatProgramDesa(di(bengkel), mandiri())
		if err != nil {
			t.Fatal(err)
		}
		// Another desa reaches nothing of Bengkel's.
		if _, err := m.ProgramDesaByID(di(cepaka), p.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("read across desa: %v", err)
		}
		if _, err := m.UbahProgramDesa(di(cepaka), p.ID, mandiri()); !fault.Is(err, fault.NotFound) {
			t.Errorf("update across desa: %v", err)
		}
		if err := m.HapusProgramDesa(di(cepaka), p.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("delete across desa: %v", err)
		}
		if ps, _ := m.DaftarProgramDesa(di(cepaka), 2026); len(ps) != 0 {
			t.Errorf("Cepaka lists Bengkel's: %+v", ps)
		}
		// An OPD reaches only its own rows.
		o, err := m.BuatProgramOPD(di(bengkel), pupr, program.OPDProgramData{Tahun: 2026, Nama: "Jalan kabupaten"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.UbahProgramOPD(di(bengkel), dlh, o.ID, program.OPDProgramData{Tahun: 2026, Nama: "Diambil DLH"}); !fault.Is(err, fault.NotFound) {
			t.Errorf("DLH changes PUPR's: %v", err)
		}
		if err := m.HapusProgramOPD(di(bengkel), dlh, o.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("DLH deletes PUPR's: %v", err)
		}
		if err := m.HapusProgramOPD(di(bengkel), pupr, o.ID); err != nil {
			t.Errorf("PUPR deletes its own: %v", err)
		}
		if ps, _ := m.DaftarProgramOPD(di(bengkel), 2026, ""); len(ps) != 0 {
			t.Errorf("deleted: %+v", ps)
		}
		if err := m.HapusProgramDesa(di(bengkel), p.ID); err != nil {
			t.Errorf("Bengkel deletes its own: %v", err)
		}
		if !errors.Is(func() error { _, err := m.DaftarProgramDesa(context.Background(), 2026); return err }(), tenancy.ErrNoTenant) {
			t.Error("a list without a tenant")
		}
	})
}

func TestSeedDemoProgram(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		// Without an RPJM: untagged, and still the one overlap.
		if err := m.SeedDemoProgram(context.Background()); err != nil {
			t.Fatal(err)
		}
		ps, err := m.DaftarProgramDesa(di(bengkel), 2026)
		if err != nil || len(ps) != 2 { // jalan 02.03.10 and the standalone CSR training (the rest is not in the fake APBDes)
			t.Fatalf("Bengkel: %d %v", len(ps), err)
		}
		for _, p := range ps {
			if len(p.Sasaran) != 0 || !p.Demo {
				t.Errorf("untagged demo: %+v", p)
			}
		}
		ts, err := m.TumpangTindih(context.Background(), kab, 2026)
		if err != nil || len(ts) != 1 || ts[0].Desa != bengkel {
			t.Fatalf("the one overlap: %+v %v", ts, err)
		}
		// A second run changes nothing.
		if err := m.SeedDemoProgram(context.Background()); err != nil {
			t.Fatal(err)
		}
		again, _ := m.DaftarProgramDesa(di(bengkel), 2026)
		opd, _ := m.DaftarProgramOPD(tenancy.With(context.Background(), tenancy.Tenant{Kode: kab}), 2026, "")
		if len(again) != 2 || len(opd) != 2 {
			t.Errorf("second run: %d desa, %d OPD programmes", len(again), len(opd))
		}
	})
}

func TestSeedDemoProgramTagsTheRPJMsSasaran(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		ids := rpjm(t, d, kab) // the RPJM first: the road is tagged to 3.1.1
		if err := m.SeedDemoProgram(context.Background()); err != nil {
			t.Fatal(err)
		}
		ps, _ := m.DaftarProgramDesa(di(bengkel), 2026)
		tagged := 0
		for _, p := range ps {
			for _, s := range p.Sasaran {
				if s.ID == ids["3.1.1"] || s.ID == ids["3.2.1"] {
					tagged++
				}
			}
		}
		if tagged != 2 {
			t.Errorf("tags to the RPJM's sasaran: %d in %+v", tagged, ps)
		}
	})
}
