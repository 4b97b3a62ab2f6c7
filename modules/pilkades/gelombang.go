package pilkades

import (
	"context"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// A gelombang is the kabupaten's timeline for a simultaneous Pilkades:
// kabupaten rows at the kabupaten's own id. Applying it to desa creates
// each desa's election with the tahapan copied.

func kabupatenOf(ctx context.Context) (tenancy.Kode, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", tenancy.ErrNoTenant
	}
	if t.Kode.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Gelombang Pilkades dibuat di tingkat kabupaten.")
	}
	return t.Kode, nil
}

// BuatGelombang records a timeline template of the tenant kabupaten.
func (m *Module) BuatGelombang(ctx context.Context, in PilkadesGelombangInput) (PilkadesGelombang, error) {
	return m.buatGelombang(ctx, in, false)
}

func (m *Module) buatGelombang(ctx context.Context, in PilkadesGelombangInput, demo bool) (PilkadesGelombang, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return PilkadesGelombang{}, err
	}
	if err := m.cekOPD(ctx, kab); err != nil {
		return PilkadesGelombang{}, err
	}
	if err := in.Validate(); err != nil {
		return PilkadesGelombang{}, err
	}
	g := gelombangRow{DesaID: kab.ID(), ID: idBaru(), Nama: in.Nama, Tahun: in.Tahun, Demo: demo, CreatedBy: penulis(ctx), CreatedAt: m.waktu()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&g).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		rows := make([]gelombangTahapanRow, len(in.Tahapan))
		for i, t := range in.Tahapan {
			rows[i] = gelombangTahapanRow{DesaID: g.DesaID, GelombangID: g.ID, Urut: i + 1, Nama: t.Nama, Tenggat: t.Tenggat}
		}
		_, err := tx.NewInsert().Model(&rows).Returning("NULL").Exec(ctx)
		return err
	})
	if db.IsUniqueViolation(err) {
		return PilkadesGelombang{}, fault.Field("body.nama", "Gelombang %q tahun %d sudah ada.", in.Nama, in.Tahun)
	}
	if err != nil {
		return PilkadesGelombang{}, err
	}
	return m.LihatGelombang(ctx, g.ID)
}

// DaftarGelombang lists the gelombang of the tenant kabupaten, newest first.
func (m *Module) DaftarGelombang(ctx context.Context) ([]PilkadesGelombang, error) {
	return m.bacaGelombang(ctx, "")
}

// LihatGelombang is one gelombang of the tenant kabupaten.
func (m *Module) LihatGelombang(ctx context.Context, id string) (PilkadesGelombang, error) {
	if !idSah(id) {
		return PilkadesGelombang{}, errGelombang
	}
	gs, err := m.bacaGelombang(ctx, id)
	if err != nil {
		return PilkadesGelombang{}, err
	}
	if len(gs) == 0 {
		return PilkadesGelombang{}, errGelombang
	}
	return gs[0], nil
}

func (m *Module) bacaGelombang(ctx context.Context, id string) ([]PilkadesGelombang, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return nil, err
	}
	var gs []gelombangRow
	var ts []gelombangTahapanRow
	var ps []pemilihanRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().Model(&gs).Where("w.desa_id = ?", kab.ID())
		if id != "" {
			q = q.Where("w.id = ?", id)
		}
		if err := q.OrderExpr("w.tahun DESC, w.id DESC").Scan(ctx); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(&ts).Where("wt.desa_id = ?", kab.ID()).OrderExpr("wt.gelombang_id, wt.urut").Scan(ctx); err != nil {
			return err
		}
		return scoped(ctx, tx, &ps, "p.desa_id", "p.gelombang_id <> ''")
	})
	if err != nil {
		return nil, err
	}
	out := make([]PilkadesGelombang, len(gs))
	for i, g := range gs {
		o := PilkadesGelombang{ID: g.ID, Nama: g.Nama, Tahun: g.Tahun, Tahapan: []PilkadesTahapan{}, Desa: []string{}}
		for _, t := range ts {
			if t.GelombangID == g.ID {
				o.Tahapan = append(o.Tahapan, PilkadesTahapan{Nama: t.Nama, Tenggat: t.Tenggat})
			}
		}
		for _, p := range ps {
			if p.GelombangID == g.ID {
				o.Desa = append(o.Desa, string(tenancy.KodeOfDesaID(p.DesaID)))
			}
		}
		out[i] = o
	}
	return out, nil
}

// Terapkan applies a gelombang of the tenant kabupaten to desa of it: each
// desa gets an election with the tahapan copied; a desa already in the
// gelombang is skipped and reported.
func (m *Module) Terapkan(ctx context.Context, id string, in PilkadesTerapkanInput) (PilkadesTerapkan, error) {
	return m.terapkan(ctx, id, in, false)
}

func (m *Module) terapkan(ctx context.Context, id string, in PilkadesTerapkanInput, demo bool) (PilkadesTerapkan, error) {
	out := PilkadesTerapkan{Dibuat: []string{}, Dilewati: []string{}}
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return out, err
	}
	if err := m.cekOPD(ctx, kab); err != nil {
		return out, err
	}
	if err := in.Validate(); err != nil {
		return out, err
	}
	g, err := m.LihatGelombang(ctx, id)
	if err != nil {
		return out, err
	}
	desaKab := map[tenancy.Kode]bool{}
	if m.regions != nil {
		ds, err := m.regions.DesaIn(ctx, kab)
		if err != nil {
			return out, err
		}
		for _, d := range ds {
			desaKab[d.Kode] = true
		}
	}
	var pilih []tenancy.Kode
	seen := map[tenancy.Kode]bool{}
	for i, s := range in.Desa {
		k, err := tenancy.ParseKode(s)
		if err != nil || !k.IsDesa() || !kab.Contains(k) || (m.regions != nil && !desaKab[k]) {
			return out, fault.Field("body.desa["+itoa(i)+"]", "%q bukan desa di kabupaten ini.", s)
		}
		if !seen[k] {
			seen[k] = true
			pilih = append(pilih, k)
		}
	}
	sort.Slice(pilih, func(i, j int) bool { return pilih[i] < pilih[j] })
	now, by := m.waktu(), penulis(ctx)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		out.Dibuat, out.Dilewati = []string{}, []string{}
		var ada []pemilihanRow
		if err := scoped(ctx, tx, &ada, "p.desa_id", "p.gelombang_id = ?", g.ID); err != nil {
			return err
		}
		sudah := map[int64]bool{}
		for _, p := range ada {
			sudah[p.DesaID] = true
		}
		for _, k := range pilih {
			if sudah[k.ID()] {
				out.Dilewati = append(out.Dilewati, string(k))
				continue
			}
			r := pemilihanRow{DesaID: k.ID(), ID: idBaru(), GelombangID: g.ID, GelombangNama: g.Nama, Tahun: g.Tahun, Status: StatusPersiapan,
				MasaJabatanTahun: in.MasaJabatanTahun, Demo: demo, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&r).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
			if err := tulisTahapan(ctx, tx, r.DesaID, r.ID, g.Tahapan); err != nil {
				return err
			}
			out.Dibuat = append(out.Dibuat, string(k))
		}
		return nil
	})
	return out, err
}
