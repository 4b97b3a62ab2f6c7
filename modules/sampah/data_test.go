package sampah_test

import (
	"context"
	"testing"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The national targets load twice without change, and a kabupaten's own
// target of an earlier year wins over the national one; a year before any
// target has none.
func TestTargetsLoadAndKabupatenOverride(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		m := sampah.New(sampah.Deps{DB: d})
		for range 2 {
			if err := m.SeedReference(ctx); err != nil {
				t.Fatal(err)
			}
		}
		n, err := d.NewSelect().Model((*sampah.Target)(nil)).Count(ctx)
		if err != nil || n != 2 {
			t.Fatalf("targets: %d, %v; want 2", n, err)
		}
		tg, ok, err := sampah.TargetTahun(ctx, d, "51.02", 2026, sampah.IndikatorPengurangan)
		if err != nil || !ok || tg.PersenBP != 3000 || tg.WilayahKode != "" {
			t.Fatalf("national pengurangan for 2026: %+v %v %v", tg, ok, err)
		}
		if _, ok, _ := sampah.TargetTahun(ctx, d, "51.02", 2024, sampah.IndikatorPenanganan); ok {
			t.Fatal("a target before 2025 was found")
		}
		own := sampah.Target{WilayahKode: "51.02", Tahun: 2026, Indikator: sampah.IndikatorPenanganan, PersenBP: 7500, DasarHukum: "Jakstrada Tabanan"}
		if _, err := d.NewInsert().Model(&own).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		tg, ok, err = sampah.TargetTahun(ctx, d, "51.02", 2027, sampah.IndikatorPenanganan)
		if err != nil || !ok || tg.PersenBP != 7500 {
			t.Fatalf("kabupaten's own penanganan: %+v %v %v", tg, ok, err)
		}
		if tg, _, _ := sampah.TargetTahun(ctx, d, "35.23", 2027, sampah.IndikatorPenanganan); tg.PersenBP != 7000 {
			t.Fatalf("another kabupaten read Tabanan's target: %+v", tg)
		}
	})
}
