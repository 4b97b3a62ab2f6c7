package forum

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// demoKabupaten is the kabupaten the dev seed fills (Tabanan).
const demoKabupaten tenancy.Kode = "51.02"

// demoKompositID names the demo's saved composite (fixed, so the seed is
// idempotent).
const demoKompositID = "01938a6e-0000-7000-8000-00000000f0a1"

// SeedDemo fills the panel of the demo kabupaten: the IDM (the 8 real
// Selemadeg desa and generated values, marked demo, for the rest), a
// composite the forum might define, and the rollup of this year and the
// year before, so the panel has figures at first start. It runs after the
// other modules' demos (the rollup copies their figures).
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.SeedDemoIDM(ctx); err != nil {
		return err
	}
	bobot, _ := json.Marshal([]Bobot{
		{Indikator: SumberIDM + "." + IndIDM, Bobot: 3},
		{Indikator: "sampah.penanganan_sampah", Bobot: 1},
		{Indikator: "administration.jabatan_terisi", Bobot: 1},
	})
	r := kompositBaris{DesaID: demoKabupaten.ID(), ID: demoKompositID, Nama: "Kemajuan desa (contoh demo)", Bobot: string(bobot),
		CreatedBy: audit.ActorSystem, CreatedAt: time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)}
	lo, hi := demoKabupaten.Range()
	if err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&r).On("CONFLICT DO NOTHING").Exec(ctx)
		return err
	}); err != nil {
		return err
	}
	// Every year since the demo's first IDM (2021), so the panel offers
	// the years with IDM scores and the change against the year before.
	tahun := civil.Today(m.now(), demoKabupaten).Year()
	for y := 2021; y <= tahun; y++ {
		if _, err := m.Rollup(ctx, demoKabupaten, y); err != nil {
			return err
		}
	}
	return nil
}
