package cctv

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds and default of the probe interval: every minute at most (10,000
// cameras in 5 minutes is the load the probe is built for), once a day
// at least.
const (
	IntervalMinMenit    = 1
	IntervalMaxMenit    = 1440
	IntervalBawaanMenit = 5
)

// PengaturanKabupaten is the probe setting in force for the kabupaten of
// kode: its own row, or the default (no private targets, every
// IntervalBawaanMenit minutes) when it has set none.
func PengaturanKabupaten(ctx context.Context, idb bun.IDB, kode tenancy.Kode) (Pengaturan, error) {
	kab := kode.Up(tenancy.Kabupaten)
	var p Pengaturan
	err := idb.NewSelect().Model(&p).Where("s.wilayah_kode = ?", string(kab)).Scan(ctx)
	if db.IsNoRows(err) {
		return Pengaturan{WilayahKode: string(kab), IntervalProbeMenit: IntervalBawaanMenit, Bawaan: true}, nil
	}
	return p, err
}

// BacaPengaturan reads the probe setting of the kabupaten of kode.
func (m *Module) BacaPengaturan(ctx context.Context, kode tenancy.Kode) (Pengaturan, error) {
	var p Pengaturan
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode.Up(tenancy.Kabupaten)})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		p, err = PengaturanKabupaten(ctx, tx, kode)
		return err
	})
	return p, err
}

// PeriksaPengaturan is the one validation of a kabupaten's probe
// setting, for the API and the page alike.
func PeriksaPengaturan(p Pengaturan) error {
	var v valid.Problems
	v.Int("interval_probe_menit", "Selang pemeriksaan (menit)", int64(p.IntervalProbeMenit), IntervalMinMenit, IntervalMaxMenit)
	return v.Err()
}
