package persuratan

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// IndSuratKeluar counts the letters a desa sent in the period asked for.
const IndSuratKeluar = "surat_keluar"

const source = "persuratan"

// Definitions lists the module's indicators: counts, never a letter —
// the forum perbekel compares how many letters each desa issued (issue
// 15) with PermStatistik, and reads no letter of another desa.
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: source, Code: IndSuratKeluar, Nama: "Surat keluar", Satuan: "surat", Kind: indicator.Count,
			Periodic: true, HigherIsBetter: true, Permission: PermStatistik},
		{Source: source, Code: indicator.Diperbarui, Nama: "Terakhir diperbarui", Kind: indicator.Time, Permission: PermStatistik},
	}
}

// Indicators answers for every desa inside wilayah: the letters dated
// within period (cancelled ones left out: they never went out) — 0 for a
// desa that keeps its register here but sent none, nothing for a desa that
// has never recorded a letter — and the latest entry or cancellation in
// either register.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	lo, hi := wilayah.Range()
	var out []indicator.Value
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if indicator.Wants(codes, IndSuratKeluar) {
			var rows []countRow
			q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("surat_keluar AS sk").
				ColumnExpr("sk.desa_id").
				ColumnExpr("sum(CASE WHEN sk.tanggal BETWEEN ? AND ? AND sk.batal_at IS NULL THEN 1 ELSE 0 END) AS jumlah", period.From, period.To).
				Group("sk.desa_id"), "sk.desa_id")
			if err != nil {
				return err
			}
			if err := q.Scan(ctx, &rows); err != nil {
				return err
			}
			for _, r := range rows {
				out = append(out, indicator.Value{Desa: tenancy.KodeOfDesaID(r.DesaID), Source: source, Code: IndSuratKeluar, Number: r.Jumlah})
			}
		}
		if indicator.Wants(codes, indicator.Diperbarui) {
			var rows []struct {
				DesaID     int64     `bun:"desa_id"`
				Diperbarui time.Time `bun:"diperbarui"`
			}
			err := tx.NewRaw(`SELECT t.desa_id, max(t.diperbarui) AS diperbarui FROM (
				SELECT desa_id, max(created_at) AS diperbarui FROM surat_keluar WHERE desa_id BETWEEN ? AND ? GROUP BY desa_id
				UNION ALL SELECT desa_id, max(batal_at) FROM surat_keluar WHERE desa_id BETWEEN ? AND ? AND batal_at IS NOT NULL GROUP BY desa_id
				UNION ALL SELECT desa_id, max(created_at) FROM surat_masuk WHERE desa_id BETWEEN ? AND ? GROUP BY desa_id
			) AS t GROUP BY t.desa_id`, lo, hi, lo, hi, lo, hi).Scan(ctx, &rows)
			if err != nil {
				return err
			}
			for _, r := range rows {
				out = append(out, indicator.Value{Desa: tenancy.KodeOfDesaID(r.DesaID), Source: source, Code: indicator.Diperbarui, Time: r.Diperbarui.UTC()})
			}
		}
		return nil
	})
	return out, err
}
