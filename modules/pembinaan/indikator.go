package pembinaan

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The module's indicators (platform/indicator): aggregates only
// (PermStatistik).
const (
	IndPerangkatTerlatih     = "perangkat_terlatih"
	IndTindakLanjutTerlambat = "tindak_lanjut_terlambat"
)

const sourcePembinaan = "pembinaan"

// Definitions lists the module's indicators. Both are states as of today
// (Kini): the share counts today's posts, the overdue points today's date.
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: sourcePembinaan, Code: IndPerangkatTerlatih, Nama: "Perangkat terlatih (2 tahun)", Satuan: "%",
			Kind: indicator.Count, HigherIsBetter: true, Kini: true, Permission: PermStatistik},
		{Source: sourcePembinaan, Code: IndTindakLanjutTerlambat, Nama: "Tindak lanjut pembinaan terlambat", Satuan: "butir",
			Kind: indicator.Count, Kini: true, Permission: PermStatistik},
	}
}

// Indicators answers for every desa inside wilayah: the whole percentage
// (rounded) of the perangkat in post with at least one attendance at a
// session not cancelled in the last two years (one query for the posts,
// one for the attendance; a desa with nobody in post has no value); and
// the follow-up points past due and not done (one query; desa with none
// have 0 only when they have any point).
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	var out []indicator.Value
	if indicator.Wants(codes, IndPerangkatTerlatih) && m.perangkat != nil {
		aktif, err := m.perangkat.Aktif(ctx, wilayah)
		if err != nil {
			return nil, err
		}
		today := civil.Today(m.now(), wilayah)
		from := cakupanAwal(wilayah, today.AddDate(-cakupanTahun, 0, 0))
		hadir, err := m.cakupanHadirDi(ctx, wilayah, from, time.Time{})
		if err != nil {
			return nil, err
		}
		dilatih := map[cakupanKunci]bool{}
		for _, h := range hadir {
			dilatih[cakupanKunci{tenancy.KodeOfDesaID(h.DesaID), h.PerangkatID}] = true
		}
		type hit struct{ semua, latih int64 }
		per := map[tenancy.Kode]*hit{}
		var urut []tenancy.Kode
		for _, p := range aktif {
			if !wilayah.Contains(p.Desa) {
				continue
			}
			if per[p.Desa] == nil {
				per[p.Desa] = &hit{}
				urut = append(urut, p.Desa)
			}
			per[p.Desa].semua++
			if dilatih[cakupanKunci{p.Desa, p.ID}] {
				per[p.Desa].latih++
			}
		}
		for _, d := range urut {
			h := per[d]
			out = append(out, indicator.Value{Desa: d, Source: sourcePembinaan, Code: IndPerangkatTerlatih,
				Number: (h.latih*100 + h.semua/2) / h.semua})
		}
	}
	if indicator.Wants(codes, IndTindakLanjutTerlambat) {
		lo, hi := wilayah.Range()
		today := civil.Today(m.now(), wilayah)
		var rows []struct {
			DesaID    int64 `bun:"desa_id"`
			Terlambat int64 `bun:"terlambat"`
		}
		err := m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: wilayah}), func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().TableExpr("pembinaan_tindak_lanjut AS tl").
				ColumnExpr("tl.desa_id, sum(CASE WHEN tl.status <> 'selesai' AND tl.tenggat < ? THEN 1 ELSE 0 END) AS terlambat", today).
				Where("tl.desa_id BETWEEN ? AND ?", lo, hi).GroupExpr("tl.desa_id").OrderExpr("tl.desa_id").Scan(ctx, &rows)
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out = append(out, indicator.Value{Desa: tenancy.KodeOfDesaID(r.DesaID), Source: sourcePembinaan,
				Code: IndTindakLanjutTerlambat, Number: r.Terlambat})
		}
	}
	return out, nil
}

var _ indicator.Provider = (*Module)(nil)
