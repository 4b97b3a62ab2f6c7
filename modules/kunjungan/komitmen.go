package kunjungan

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// BuatKomitmen records a commitment made on a visit that took place (or is
// taking place): the desa's own, or an OPD's of the kabupaten's registry.
func (m *Module) BuatKomitmen(ctx context.Context, id string, d KomitmenData) (Komitmen, error) {
	t, _ := tenancy.From(ctx)
	var c Komitmen
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKunjungan(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if k.Status != Berlangsung && k.Status != Selesai {
			return fault.New(fault.Conflict, "Komitmen dicatat saat atau sesudah kunjungan berlangsung.")
		}
		if err := d.validate(k.Tanggal); err != nil {
			return err
		}
		nama := "Pemerintah Desa"
		if d.Penanggung != PenanggungDesa {
			os, err := m.opdPeserta(ctx, t.Kode, []string{d.Penanggung}, "body.penanggung")
			if err != nil {
				return fault.Field("body.penanggung", "Penanggung jawab harus OPD dari registri kabupaten, atau \"desa\".")
			}
			nama = os[0].Nama
		}
		now, by := m.waktu(), pelaku(ctx)
		c = Komitmen{DesaID: k.DesaID, ID: baruID(), KunjunganID: k.ID, Isi: d.Isi, Penanggung: d.Penanggung, PenanggungNama: nama,
			Tenggat: d.Tenggat, Status: Belum, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
		_, err = tx.NewInsert().Model(&c).Returning("NULL").Exec(ctx)
		return err
	})
	return c, err
}

// BacaKomitmen reads one commitment of a visit of the tenant desa.
func (m *Module) BacaKomitmen(ctx context.Context, id, kid string) (Komitmen, error) {
	var c Komitmen
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		c, err = bacaKomitmen(ctx, tx, id, kid, false)
		return err
	})
	return c, err
}

func bacaKomitmen(ctx context.Context, tx bun.Tx, id, kid string, lock bool) (Komitmen, error) {
	var c Komitmen
	if !cekID(id) || !cekID(kid) {
		return c, errKomitmenTidakAda
	}
	sel := tx.NewSelect().Model(&c).Where("c.id = ? AND c.kunjungan_id = ?", kid, id)
	if lock && tx.Dialect().Name() == dialect.PG {
		sel = sel.For("UPDATE")
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return c, err
	}
	if err := sel.Scan(ctx); db.IsNoRows(err) {
		return c, errKomitmenTidakAda
	} else if err != nil {
		return c, err
	}
	return c, nil
}

// UbahKomitmen records a commitment's progress; selesai needs evidence
// and dates the completion today. Who may is the caller's concern
// (bolehKomitmen).
func (m *Module) UbahKomitmen(ctx context.Context, id, kid string, d KemajuanData) (Komitmen, error) {
	if err := d.validate(); err != nil {
		return Komitmen{}, err
	}
	today := m.hariIni(ctx)
	var c Komitmen
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if c, err = bacaKomitmen(ctx, tx, id, kid, true); err != nil {
			return err
		}
		c.Status, c.Bukti = d.Status, d.Bukti
		c.Selesai = nil
		if d.Status == KomitmenSelesai {
			c.Selesai = &today
		}
		c.UpdatedBy, c.UpdatedAt = pelaku(ctx), m.waktu()
		_, err = tx.NewUpdate().Model(&c).WherePK().Exec(ctx)
		return err
	})
	return c, err
}

// KomitmenQuery filters the commitments of a wilayah.
type KomitmenQuery struct {
	// Penanggung limits to one OPD's (its id) or the desa's ("desa").
	Penanggung string
	// Terbuka limits to those not done; Terlambat to those past due.
	Terbuka, Terlambat bool
	// Limit caps the answer (0: 500).
	Limit int
}

// KomitmenWilayah lists the commitments to the desa of the tenant wilayah
// (a desa, kecamatan or kabupaten), earliest deadline first.
func (m *Module) KomitmenWilayah(ctx context.Context, q KomitmenQuery) ([]Komitmen, error) {
	if q.Limit <= 0 {
		q.Limit = 500
	}
	today := m.hariIni(ctx)
	var out []Komitmen
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&out).OrderExpr("c.tenggat, c.desa_id, c.id").Limit(int64(q.Limit))
		if q.Penanggung != "" {
			sel = sel.Where("c.penanggung = ?", q.Penanggung)
		}
		if q.Terbuka || q.Terlambat {
			sel = sel.Where("c.status <> ?", KomitmenSelesai)
		}
		if q.Terlambat {
			sel = sel.Where("c.tenggat < ?", today)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if out == nil {
		out = []Komitmen{}
	}
	return out, err
}
