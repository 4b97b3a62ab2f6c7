package pilkades_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/pilkades"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	kab      tenancy.Kode = "51.02"
	kediri   tenancy.Kode = "51.02.06"
	belalang tenancy.Kode = "51.02.06.2003"
	beraban  tenancy.Kode = "51.02.06.2004"
	buwit    tenancy.Kode = "51.02.06.2005"
	badung   tenancy.Kode = "51.03.01.2001"
)

var now = time.Date(2026, 6, 10, 3, 0, 0, 0, time.UTC)

type fakeRegions struct{}

func (fakeRegions) Exists(context.Context, tenancy.Kode) error             { return nil }
func (fakeRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) { return string(k), nil }
func (fakeRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]pilkades.Desa, error) {
	var out []pilkades.Desa
	for _, d := range []tenancy.Kode{belalang, beraban, buwit} {
		if k.Contains(d) {
			out = append(out, pilkades.Desa{Kode: d, Nama: string(d), NamaKecamatan: "Kediri"})
		}
	}
	return out, nil
}

// fakeAngkat records every appointment asked for.
type fakeAngkat struct{ calls []pilkades.Pelantikan }

func (f *fakeAngkat) AngkatKepalaDesa(_ context.Context, p pilkades.Pelantikan) (string, error) {
	f.calls = append(f.calls, p)
	return "perangkat-1", nil
}

func newModule(d *db.DB, f *fakeAngkat) *pilkades.Module {
	return pilkades.New(pilkades.Deps{DB: d, Regions: fakeRegions{}, Pengangkatan: f, Clock: func() time.Time { return now }})
}

func di(k tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: k})
}

func field(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one on %s", want)
	}
	for f := range fault.FieldMessages(err) {
		if f == want {
			return
		}
	}
	t.Fatalf("error %v does not name %s", err, want)
}

// pemilihan starts an election at desa with candidates and one TPS whose
// votes are given per candidate.
func pemilihan(t *testing.T, m *pilkades.Module, desa tenancy.Kode, dpt int, suara ...int) pilkades.PilkadesPemilihan {
	t.Helper()
	ctx := di(desa)
	p, err := m.Buat(ctx, pilkades.PilkadesBaru{Tahun: 2026, DPT: dpt})
	if err != nil {
		t.Fatal(err)
	}
	niks := []string{"5102061203800001", "5102065204850002", "5102060101700003"}
	for i := range suara {
		if p, err = m.SimpanCalon(ctx, p.ID, "", pilkades.PilkadesCalonInput{NomorUrut: i + 1, Nama: "Calon " + niks[i][12:], NIK: niks[i]}); err != nil {
			t.Fatal(err)
		}
	}
	in := pilkades.PilkadesTPSInput{Nomor: 1, Nama: "TPS 1", DPT: dpt, SuaraTidakSah: 10}
	for i, s := range suara {
		in.Suara = append(in.Suara, pilkades.PilkadesSuaraCalon{CalonID: p.Calon[i].ID, Suara: s})
	}
	if p, err = m.SimpanTPS(ctx, p.ID, "", in); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidasi(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d, &fakeAngkat{})
		ctx := di(belalang)
		_, err := m.Buat(ctx, pilkades.PilkadesBaru{Tahun: 2026, DPT: pilkades.MaksDPT + 1})
		field(t, err, "body.dpt")
		p, err := m.Buat(ctx, pilkades.PilkadesBaru{Tahun: 2026, DPT: 100})
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.SimpanCalon(ctx, p.ID, "", pilkades.PilkadesCalonInput{NomorUrut: 1, Nama: "A", NIK: "12345"})
		field(t, err, "body.nik")
		if _, err = m.SimpanCalon(ctx, p.ID, "", pilkades.PilkadesCalonInput{NomorUrut: 1, Nama: "A", NIK: "5102061203800001"}); err != nil {
			t.Fatal(err)
		}
		_, err = m.SimpanCalon(ctx, p.ID, "", pilkades.PilkadesCalonInput{NomorUrut: 1, Nama: "B", NIK: "5102061203800002"})
		field(t, err, "body.nomor_urut")
		p, _ = m.Lihat(ctx, p.ID)
		_, err = m.SimpanTPS(ctx, p.ID, "", pilkades.PilkadesTPSInput{Nomor: 1, Nama: "TPS 1", DPT: 50,
			Suara: []pilkades.PilkadesSuaraCalon{{CalonID: p.Calon[0].ID, Suara: 49}}, SuaraTidakSah: 2})
		field(t, err, "body.suara_tidak_sah")
		_, err = m.SimpanPanitia(ctx, p.ID, pilkades.PilkadesPanitiaInput{Anggota: []pilkades.PilkadesPanitia{{Nama: "A", Jabatan: "ketua"}, {Nama: "B", Jabatan: "ketua"}}})
		field(t, err, "body.anggota")
		_, err = m.SimpanPanitia(ctx, p.ID, pilkades.PilkadesPanitiaInput{Anggota: []pilkades.PilkadesPanitia{{Nama: "A", Jabatan: "raja"}}})
		field(t, err, "body.anggota[0].jabatan")
		// Another desa cannot reach this election.
		if _, err := m.Lihat(di(beraban), p.ID); !errors.Is(err, err) || fault.FieldMessages(err) != nil || err == nil {
			t.Fatalf("another desa reads the election: %v", err)
		}
	})
}

func TestTotalDanSeri(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d, &fakeAngkat{})
		p := pemilihan(t, m, belalang, 1000, 400, 300, 200)
		h := p.Hasil
		if h.SuaraSah != 900 || h.SuaraTidakSah != 10 || h.Total != 910 || h.PartisipasiBP != 9100 || h.Seri || h.UsulanCalonID != p.Calon[0].ID {
			t.Fatalf("hasil %+v", h)
		}
		if p.Calon[0].Suara != 400 || p.Calon[0].PersenBP != 4444 || p.TPS[0].Total != 910 || p.DPTSelisih {
			t.Errorf("calon %+v tps %+v", p.Calon[0], p.TPS[0])
		}
		// A second TPS makes the DPT of the TPS exceed the election's: flagged.
		ctx := di(belalang)
		p, err := m.SimpanTPS(ctx, p.ID, "", pilkades.PilkadesTPSInput{Nomor: 2, Nama: "TPS 2", DPT: 10,
			Suara: []pilkades.PilkadesSuaraCalon{{CalonID: p.Calon[2].ID, Suara: 5}}})
		if err != nil {
			t.Fatal(err)
		}
		if !p.DPTSelisih || p.DPTTPS != 1010 || p.Calon[2].Suara != 205 {
			t.Errorf("second TPS: selisih %v dpt_tps %d calon3 %d", p.DPTSelisih, p.DPTTPS, p.Calon[2].Suara)
		}

		// A tie: no suggestion, the rule stated, a reason required.
		s := pemilihan(t, m, beraban, 1000, 300, 300, 100)
		if !s.Hasil.Seri || s.Hasil.UsulanCalonID != "" || len(s.Hasil.SeriCalonID) != 2 || s.Hasil.Aturan == "" {
			t.Fatalf("tie: %+v", s.Hasil)
		}
		_, err = m.Tetapkan(di(beraban), s.ID, pilkades.PilkadesTerpilihInput{CalonID: s.Calon[1].ID})
		field(t, err, "body.alasan")
		s, err = m.Tetapkan(di(beraban), s.ID, pilkades.PilkadesTerpilihInput{CalonID: s.Calon[1].ID, Alasan: "Menurut perda: suara terbanyak di TPS dengan pemilih terbanyak."})
		if err != nil || s.Status != pilkades.StatusDitetapkan || s.Terpilih == nil || s.Terpilih.CalonID != s.Calon[1].ID {
			t.Fatalf("decided by hand: %v %+v", err, s.Terpilih)
		}
		// Results are locked once decided.
		if _, err := m.SimpanCalon(di(beraban), s.ID, "", pilkades.PilkadesCalonInput{NomorUrut: 5, Nama: "X", NIK: "5102061203800009"}); err == nil {
			t.Error("a candidate added after the decision")
		}
	})
}

func TestGelombangTerapkan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d, &fakeAngkat{})
		ctx := di(kab)
		g, err := m.BuatGelombang(ctx, pilkades.PilkadesGelombangInput{Nama: "Serentak 2026", Tahun: 2026, Tahapan: []pilkades.PilkadesTahapan{
			{Nama: "Pembentukan panitia", Tenggat: "2026-03-01"}, {Nama: "Pemungutan suara", Tenggat: "2026-09-01"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.BuatGelombang(di(kediri), pilkades.PilkadesGelombangInput{Nama: "x", Tahun: 2026}); err == nil {
			t.Error("a gelombang at a kecamatan")
		}
		r, err := m.Terapkan(ctx, g.ID, pilkades.PilkadesTerapkanInput{Desa: []string{string(belalang), string(beraban)}})
		if err != nil || len(r.Dibuat) != 2 || len(r.Dilewati) != 0 {
			t.Fatalf("first: %v %+v", err, r)
		}
		r, err = m.Terapkan(ctx, g.ID, pilkades.PilkadesTerapkanInput{Desa: []string{string(beraban), string(buwit)}})
		if err != nil || len(r.Dibuat) != 1 || r.Dibuat[0] != string(buwit) || len(r.Dilewati) != 1 || r.Dilewati[0] != string(beraban) {
			t.Fatalf("second: %v %+v", err, r)
		}
		if _, err := m.Terapkan(ctx, g.ID, pilkades.PilkadesTerapkanInput{Desa: []string{string(badung)}}); err == nil {
			t.Error("applied to a desa of another kabupaten")
		}
		ps, err := m.Daftar(di(beraban))
		if err != nil || len(ps) != 1 || len(ps[0].Tahapan) != 2 || ps[0].GelombangID != g.ID || ps[0].MasaJabatanTahun != 8 {
			t.Fatalf("beraban: %v %+v", err, ps)
		}
		// Progress: the first tahapan is overdue on 10 June 2026.
		pr, err := m.Progres(di(kab), g.ID)
		if err != nil || len(pr) != 3 {
			t.Fatalf("progress: %v %+v", err, pr)
		}
		if pr[0].TahapanKini != "Pembentukan panitia" || len(pr[0].Terlambat) != 1 {
			t.Errorf("progress row: %+v", pr[0])
		}
		if _, err := m.TandaiTahapan(di(belalang), ps[0].ID, 1, "2026-02-20"); err == nil {
			t.Error("Belalang marks Beraban's tahapan")
		}
		if p, err := m.TandaiTahapan(di(beraban), ps[0].ID, 1, "2026-02-20"); err != nil || p.Terlambat != 0 || p.TahapanKini != "Pemungutan suara" {
			t.Errorf("done: %v %+v", err, p)
		}
	})
}

func TestLantik(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := &fakeAngkat{}
		m := newModule(d, f)
		ctx := di(buwit)
		p := pemilihan(t, m, buwit, 1000, 500, 300)
		if p.MasaJabatanTahun != pilkades.MasaJabatanBawaan || p.DasarMasaJabatan != pilkades.DasarMasaJabatan {
			t.Fatalf("term %d %q", p.MasaJabatanTahun, p.DasarMasaJabatan)
		}
		in := pilkades.PilkadesPelantikanInput{SKNomor: "100/1/2026", SKTanggal: "2026-06-01", Tanggal: "2026-06-05"}
		if _, err := m.Lantik(ctx, p.ID, in); err == nil {
			t.Fatal("pelantikan before the elected is stated")
		}
		if _, err := m.Tetapkan(ctx, p.ID, pilkades.PilkadesTerpilihInput{CalonID: p.Calon[0].ID}); err != nil {
			t.Fatal(err)
		}
		_, err := m.Lantik(ctx, p.ID, pilkades.PilkadesPelantikanInput{SKNomor: "100/1/2026", SKTanggal: "2026-06-01", Tanggal: "2026-07-05"})
		field(t, err, "body.tanggal")
		if p, err = m.Lantik(ctx, p.ID, in); err != nil {
			t.Fatal(err)
		}
		if p.Status != pilkades.StatusDitetapkan || p.Pelantikan == nil || p.Pelantikan.PerangkatID != "" || p.Pelantikan.Selesai != "2034-06-04" {
			t.Fatalf("recorded: %+v", p.Pelantikan)
		}
		if _, err := m.Lantik(ctx, p.ID, in); err == nil {
			t.Error("a second pelantikan")
		}
		var n int64
		if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			var err error
			n, err = tx.NewSelect().Table("job_outbox").Where("task_type = ?", pilkades.TaskLantik).Count(ctx)
			return err
		}); err != nil || n != 1 {
			t.Fatalf("outbox: %v %d", err, n)
		}
		for i := 0; i < 2; i++ {
			if err := m.JalankanLantik(context.Background(), buwit, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if len(f.calls) != 1 {
			t.Fatalf("%d appointments, want 1", len(f.calls))
		}
		c := f.calls[0]
		if c.NIK != "5102061203800001" || c.Desa != buwit || civil.DateOf(c.Mulai) != "2026-06-05" || civil.DateOf(c.Selesai) != "2034-06-04" || c.SKNomor != "100/1/2026" {
			t.Errorf("pelantikan %+v", c)
		}
		p, _ = m.Lihat(ctx, p.ID)
		if p.Status != pilkades.StatusDilantik || p.Pelantikan.PerangkatID != "perangkat-1" {
			t.Errorf("after: %s %+v", p.Status, p.Pelantikan)
		}

		// The term is the election's: 6 years under the old law.
		q := pemilihan(t, m, beraban, 1000, 10, 5)
		u := pilkades.PilkadesUmum{Tahun: 2020, Status: pilkades.StatusPenetapan, DPT: 1000, MasaJabatanTahun: 6}
		if q, err = m.UbahUmum(di(beraban), q.ID, u); err != nil || q.MasaJabatanTahun != 6 {
			t.Fatalf("term 6: %v %d", err, q.MasaJabatanTahun)
		}
		u.MasaJabatanTahun = 11
		_, err = m.UbahUmum(di(beraban), q.ID, u)
		field(t, err, "body.masa_jabatan_tahun")
		if _, err := m.Tetapkan(di(beraban), q.ID, pilkades.PilkadesTerpilihInput{CalonID: q.Calon[0].ID}); err != nil {
			t.Fatal(err)
		}
		if q, err = m.Lantik(di(beraban), q.ID, in); err != nil || q.Pelantikan.Selesai != "2032-06-04" {
			t.Fatalf("6-year term: %v %+v", err, q.Pelantikan)
		}
	})
}

func TestIndikatorDanDosir(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d, &fakeAngkat{})
		p, err := m.Buat(di(belalang), pilkades.PilkadesBaru{Tahun: 2026, DPT: 500})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.SimpanTahapan(di(belalang), p.ID, pilkades.PilkadesTahapanInput{Tahapan: []pilkades.PilkadesTahapan{
			{Nama: "A", Tenggat: "2026-01-01"}, {Nama: "B", Tenggat: "2026-02-01", Selesai: "2026-01-30"}, {Nama: "C", Tenggat: "2026-03-01"}, {Nama: "D", Tenggat: "2026-12-01"}}}); err != nil {
			t.Fatal(err)
		}
		vs, err := m.Indicators(context.Background(), kab, indicator.Period{}, nil)
		if err != nil || len(vs) != 1 || vs[0].Desa != belalang || vs[0].Number != 2 || vs[0].Code != pilkades.IndTahapanTerlambat {
			t.Fatalf("indicator: %v %+v", err, vs)
		}
		s, err := m.DossierSection(context.Background(), belalang, report.Audience{Bupati: true}, indicator.Period{From: "2026-01-01", To: "2026-12-31"})
		if err != nil || s.Empty != "" || len(s.Figures) == 0 {
			t.Fatalf("dossier: %v %+v", err, s)
		}
		s, err = m.DossierSection(context.Background(), beraban, report.Audience{Bupati: true}, indicator.Period{From: "2026-01-01", To: "2026-12-31"})
		if err != nil || s.Empty == "" {
			t.Fatalf("empty dossier: %v %+v", err, s)
		}
		if s, err = m.DossierSection(context.Background(), belalang, report.Audience{OPD: "DLH"}, indicator.Period{}); err != nil || s.Heading != "" {
			t.Fatalf("DLH's dossier: %v %+v", err, s)
		}
	})
}
