package pilkades

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// IndTahapanTerlambat counts, per desa with an election not yet dilantik,
// the tahapan whose deadline has passed and that are not done (as of now).
const (
	IndTahapanTerlambat = "pilkades_tahapan_terlambat"
	sourcePilkades      = "pilkades"
)

// Definitions lists the module's indicators.
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{{Source: sourcePilkades, Code: IndTahapanTerlambat, Nama: "Tahapan Pilkades terlambat",
		Satuan: "tahapan", Kind: indicator.Count, Kini: true, Permission: PermPantau}}
}

// Indicators answers for every desa inside wilayah, in one query.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	if !indicator.Wants(codes, IndTahapanTerlambat) {
		return nil, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	today := m.hariIni(wilayah)
	var rows []struct {
		DesaID int64 `bun:"desa_id"`
		N      int64 `bun:"n"`
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*tahapanRow)(nil)).Column("t.desa_id").
			ColumnExpr("SUM(CASE WHEN t.selesai IS NULL AND t.tenggat < ? THEN 1 ELSE 0 END) AS n", today).
			Where("t.pilkades_id IN (SELECT p.id FROM pilkades AS p WHERE p.desa_id = t.desa_id AND p.status <> ?)", StatusDilantik).
			Group("t.desa_id").Order("t.desa_id"))
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	out := make([]indicator.Value, len(rows))
	for i, r := range rows {
		out[i] = indicator.Value{Desa: tenancy.KodeOfDesaID(r.DesaID), Source: sourcePilkades, Code: IndTahapanTerlambat, Number: r.N}
	}
	return out, nil
}

// DossierSection summarises the desa's election of the period's years (the
// newest), or says there is none.
// It is for the bupati's dossier and the DPMD's or Bagian Pemerintahan's.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Dosir Pilkades memerlukan kode desa.")
	}
	if !audience.Bupati && !opdPemerintahan[audience.OPD] {
		return report.Section{}, nil
	}
	s := report.Section{Heading: "Pemilihan kepala desa (Pilkades)"}
	ps, err := m.Daftar(tenancy.With(ctx, tenancy.Tenant{Kode: desa}))
	if err != nil {
		return s, err
	}
	dari, sampai := 0, 9999
	if !period.From.IsZero() {
		dari = period.From.Year()
	}
	if !period.To.IsZero() {
		sampai = period.To.Year()
	}
	for _, p := range ps {
		if p.Tahun < dari || p.Tahun > sampai {
			continue
		}
		s.Figures = append(s.Figures,
			report.Figure{Label: "Pilkades " + fmt.Sprint(p.Tahun), Value: statusLabel[p.Status], Note: p.GelombangNama},
			report.Figure{Label: "DPT", Value: valid.Angka(int64(p.DPT))},
			report.Figure{Label: "Calon", Value: fmt.Sprint(len(p.Calon))},
			report.Figure{Label: "Tahapan terlambat", Value: fmt.Sprint(p.Terlambat), Note: p.TahapanKini},
			report.Figure{Label: "Masa jabatan", Value: fmt.Sprintf("%d tahun", p.MasaJabatanTahun), Note: DasarMasaJabatan})
		if p.Hasil.Total > 0 {
			s.Figures = append(s.Figures, report.Figure{Label: "Partisipasi", Value: valid.FormatBP(p.Hasil.PartisipasiBP)})
		}
		if len(p.Sengketa) > 0 {
			s.Notes = append(s.Notes, fmt.Sprintf("%d sengketa dicatat.", len(p.Sengketa)))
		}
		return s, nil
	}
	s.Empty = "Belum ada data."
	return s, nil
}
