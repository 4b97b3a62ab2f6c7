package pilkades

import (
	"context"
	"fmt"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo: a simultaneous Pilkades of Kabupaten Tabanan applied to four
// desa of Kecamatan Kediri at different stages (Bengkel is left alone:
// other demo data uses its kepala desa). Dates are relative to today; a
// second start finds the gelombang and changes nothing (the appointment is
// re-run, which is idempotent).

const demoKabupaten tenancy.Kode = "51.02"

var (
	demoPendaftaran tenancy.Kode = "51.02.06.2011" // Nyitdah: pendaftaran bakal calon
	demoHasil       tenancy.Kode = "51.02.06.2004" // Beraban: hasil masuk, menunggu penetapan
	demoSengketa    tenancy.Kode = "51.02.06.2006" // Cepaka: hasil dan sengketa
	demoDilantik    tenancy.Kode = "51.02.06.2005" // Buwit: terpilih dan dilantik
)

// SeedDemo writes the demo gelombang and elections.
func (m *Module) SeedDemo(ctx context.Context) error {
	kctx := tenancy.With(ctx, tenancy.Tenant{Kode: demoKabupaten})
	today := m.hariIni(demoKabupaten)
	nama := fmt.Sprintf("Pilkades serentak Kabupaten Tabanan %d", today.Year())
	gs, err := m.DaftarGelombang(kctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		if g.Nama == nama {
			return m.lantikDemo(ctx)
		}
	}
	hari := []int{-150, -130, -110, -90, -75, -60, -40, -25, 10}
	in := PilkadesGelombangInput{Nama: nama, Tahun: today.Year()}
	for i, n := range TahapanBaku {
		in.Tahapan = append(in.Tahapan, PilkadesTahapan{Nama: n, Tenggat: today.AddDate(0, 0, hari[i])})
	}
	g, err := m.buatGelombang(kctx, in, true)
	if err != nil {
		return err
	}
	if _, err := m.terapkan(kctx, g.ID, PilkadesTerapkanInput{Desa: []string{string(demoPendaftaran), string(demoHasil), string(demoSengketa), string(demoDilantik)}}, true); err != nil {
		return err
	}
	for _, s := range []struct {
		desa    tenancy.Kode
		selesai int
		dpt     int
		status  string
		calon   []string
		suara   [][]int // per TPS: votes per candidate, then tidak sah
	}{
		{demoPendaftaran, 3, 2140, StatusPencalonan, nil, nil},
		{demoHasil, 7, 3020, StatusPenetapan, []string{"I Made Suardana", "I Wayan Gede Arsana"},
			[][]int{{520, 431, 12}, {498, 490, 9}, {301, 288, 7}}},
		{demoSengketa, 7, 2480, StatusPenetapan, []string{"I Nyoman Sudarma", "Ni Luh Putu Ariani", "I Ketut Wirata"},
			[][]int{{402, 390, 121, 10}, {377, 410, 98, 6}}},
		{demoDilantik, 8, 2650, StatusPenetapan, []string{"I Putu Eka Saputra", "I Gede Mahendra"},
			[][]int{{610, 402, 11}, {588, 379, 8}}},
	} {
		if err := m.isiDemo(tenancy.With(ctx, tenancy.Tenant{Kode: s.desa}), today, s.selesai, s.dpt, s.status, s.calon, s.suara); err != nil {
			return fmt.Errorf("pilkades demo %s: %w", s.desa, err)
		}
	}
	dctx := tenancy.With(ctx, tenancy.Tenant{Kode: demoSengketa})
	ps, err := m.Daftar(dctx)
	if err != nil || len(ps) == 0 {
		return err
	}
	if _, err := m.SimpanSengketa(dctx, ps[0].ID, "", PilkadesSengketaInput{Status: "diproses", Tanggal: today.AddDate(0, 0, -20),
		Uraian: "Calon nomor urut 1 keberatan atas penghitungan suara di TPS 2 (selisih 13 suara); diajukan kepada panitia dan diteruskan ke bupati."}); err != nil {
		return err
	}
	lctx := tenancy.With(ctx, tenancy.Tenant{Kode: demoDilantik})
	if ps, err = m.Daftar(lctx); err != nil || len(ps) == 0 {
		return err
	}
	p := ps[0]
	if _, err := m.Tetapkan(lctx, p.ID, PilkadesTerpilihInput{CalonID: p.Hasil.UsulanCalonID}); err != nil {
		return err
	}
	if _, err := m.Lantik(lctx, p.ID, PilkadesPelantikanInput{SKNomor: fmt.Sprintf("100.3.3.2/%d/HK/%d", 412, today.Year()),
		SKTanggal: today.AddDate(0, 0, -9), Tanggal: today.AddDate(0, 0, -5)}); err != nil {
		return err
	}
	return m.lantikDemo(ctx)
}

// lantikDemo runs the appointment of the demo's elected kepala desa (the
// worker would; in dev the appointment must exist after startup).
func (m *Module) lantikDemo(ctx context.Context) error {
	lctx := tenancy.With(ctx, tenancy.Tenant{Kode: demoDilantik})
	ps, err := m.Daftar(lctx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.Pelantikan != nil && p.Pelantikan.PerangkatID == "" {
			if err := m.JalankanLantik(ctx, demoDilantik, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Module) isiDemo(ctx context.Context, today civil.Date, selesai, dpt int, status string, calon []string, suara [][]int) error {
	ps, err := m.Daftar(ctx)
	if err != nil || len(ps) == 0 {
		return err
	}
	p := ps[0]
	if _, err := m.UbahUmum(ctx, p.ID, PilkadesUmum{Tahun: p.Tahun, Status: status, DPT: dpt, MasaJabatanTahun: MasaJabatanBawaan,
		PanitiaSKNomor: "141/01/DS/" + fmt.Sprint(today.Year()), PanitiaSKTanggal: p.Tahapan[0].Tenggat}); err != nil {
		return err
	}
	if _, err := m.SimpanPanitia(ctx, p.ID, PilkadesPanitiaInput{Anggota: []PilkadesPanitia{
		{Nama: "I Ketut Sumerta", Jabatan: "ketua", Unsur: "tokoh masyarakat"},
		{Nama: "Ni Made Sriani", Jabatan: "sekretaris", Unsur: "perangkat desa"},
		{Nama: "I Wayan Darma", Jabatan: "bendahara", Unsur: "lembaga kemasyarakatan desa"},
		{Nama: "I Nengah Suparta", Jabatan: "anggota", Unsur: "BPD"},
	}}); err != nil {
		return err
	}
	ts := p.Tahapan
	for i := 0; i < selesai && i < len(ts); i++ {
		d := ts[i].Tenggat.AddDate(0, 0, -1)
		if today.Before(d) {
			d = today
		}
		ts[i].Selesai = d
	}
	if _, err := m.SimpanTahapan(ctx, p.ID, PilkadesTahapanInput{Tahapan: ts}); err != nil {
		return err
	}
	for i, n := range calon {
		if _, err := m.SimpanCalon(ctx, p.ID, "", PilkadesCalonInput{NomorUrut: i + 1, Nama: n, NIK: fmt.Sprintf("510206%02d0%d7%d000%d", 10+i, 3+i, 5+i, i+1)}); err != nil {
			return err
		}
	}
	if len(suara) == 0 {
		return nil
	}
	if p, err = m.Lihat(ctx, p.ID); err != nil {
		return err
	}
	per := dpt / len(suara)
	for t, vs := range suara {
		in := PilkadesTPSInput{Nomor: t + 1, Nama: fmt.Sprintf("TPS %d Banjar %d", t+1, t+1), DPT: per, SuaraTidakSah: vs[len(vs)-1]}
		if t == len(suara)-1 {
			in.DPT = dpt - per*(len(suara)-1)
		}
		for i, c := range p.Calon {
			in.Suara = append(in.Suara, PilkadesSuaraCalon{CalonID: c.ID, Suara: vs[i]})
		}
		if _, err := m.SimpanTPS(ctx, p.ID, "", in); err != nil {
			return err
		}
	}
	return nil
}
