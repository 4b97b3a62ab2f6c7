package sampah

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/uptrace/bun"
)

//go:embed data/*.csv data/SOURCE.md
var data embed.FS

// readTargets parses the Jakstranas targets shipped with the module.
func readTargets() ([]Target, error) {
	f, err := data.Open("data/jakstranas_target_2025.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("sampah: jakstranas_target_2025.csv: %w", err)
	}
	if len(recs) < 2 || len(recs[0]) != 3 || recs[0][0] != "indikator" || recs[0][1] != "target_persen_tahun_2025" {
		return nil, fmt.Errorf("sampah: jakstranas_target_2025.csv: unexpected header %q", recs[0])
	}
	names := map[string]string{"pengurangan_sampah": IndikatorPengurangan, "penanganan_sampah": IndikatorPenanganan}
	var out []Target
	for i, r := range recs[1:] {
		ind, ok := names[r[0]]
		pct, err := strconv.Atoi(r[1])
		if !ok || err != nil || pct < 0 || pct > 100 || r[2] == "" {
			return nil, fmt.Errorf("sampah: jakstranas_target_2025.csv row %d: %q", i+2, r)
		}
		out = append(out, Target{WilayahKode: "", Tahun: 2025, Indikator: ind, PersenBP: pct * 100, DasarHukum: r[2]})
	}
	return out, nil
}

// SeedReference loads the national targets; idempotent.
func (m *Module) SeedReference(ctx context.Context) error {
	ts, err := readTargets()
	if err != nil {
		return err
	}
	return m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&ts).On("CONFLICT (wilayah_kode, tahun, indikator) DO NOTHING").Exec(ctx)
		return err
	})
}

// TargetTahun is the target of indikator in force for kabupaten in tahun:
// the kabupaten's own of the latest year up to tahun when it recorded any,
// else the national one of the latest year up to tahun (the Jakstranas 2025
// figures hold after 2025 until a newer one is recorded); ok is false when
// there is none.
func TargetTahun(ctx context.Context, idb bun.IDB, kabupaten string, tahun int, indikator string) (Target, bool, error) {
	var ts []Target
	err := idb.NewSelect().Model(&ts).
		Where("t.wilayah_kode IN (?, '')", kabupaten).Where("t.indikator = ?", indikator).Where("t.tahun <= ?", tahun).
		OrderExpr("CASE WHEN t.wilayah_kode = '' THEN 1 ELSE 0 END, t.tahun DESC").Limit(1).Scan(ctx)
	if err != nil || len(ts) == 0 {
		return Target{}, false, err
	}
	return ts[0], true, nil
}
