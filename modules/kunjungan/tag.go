package kunjungan

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What the audiensi module asks of the visits (wired by cmd): an audiensi
// heard during a visit carries the visit's id, and its entry form offers
// the desa's latest visits.

// KunjunganDi names visit id of desa when it is planned, under way or
// held; ok is false for an unknown id, another desa's visit or a
// cancelled one. It reads within desa's wall only.
func (m *Module) KunjunganDi(ctx context.Context, desa tenancy.Kode, id string) (judul string, ok bool, err error) {
	if !cekID(id) || !desa.IsDesa() {
		return "", false, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var k Kunjungan
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		k, err = bacaKunjungan(ctx, tx, id, false)
		return err
	})
	if err == errTidakAda {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	if k.Status == Dibatalkan {
		return "", false, nil
	}
	return k.Judul, true, nil
}

// KunjunganSingkat is a visit as another module's form offers it.
type KunjunganSingkat struct {
	ID      string
	Judul   string
	Tanggal civil.Date
	Status  Status
}

// KunjunganTerkini lists desa's latest visits that are planned, under way
// or held, latest first (at most limit; 0: 10).
func (m *Module) KunjunganTerkini(ctx context.Context, desa tenancy.Kode, limit int) ([]KunjunganSingkat, error) {
	if limit <= 0 {
		limit = 10
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var rows []Kunjungan
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where("k.status <> ?", Dibatalkan).
			OrderExpr("k.tanggal DESC, k.id DESC").Limit(int64(limit)))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	out := make([]KunjunganSingkat, len(rows))
	for i, k := range rows {
		out[i] = KunjunganSingkat{ID: k.ID, Judul: k.Judul, Tanggal: k.Tanggal, Status: k.Status}
	}
	return out, err
}
