package umkm

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The module's indicators (platform/indicator) for the kecamatan and
// kabupaten tables, the dashboards and the forum panel. Two families, one
// query each for the whole wilayah under its RLS range: the UMKM counts
// (aktif, with NIB) and the BUMDes's latest year up to the period's year.
// Ratios are integers: shares in basis points (6240 is 62,40 %), UMKM per
// 1.000 penduduk in hundredths (1234 is 12,34). A desa with no UMKM
// recorded has no UMKM value, one without a BUMDes year no BUMDes value, one
// without a population no ratio to it: nothing is invented.
const (
	IndUmkmAktif     = "umkm_aktif"    // UMKM with status aktif
	IndUmkmPerSeribu = "umkm_per_1000" // aktif per 1.000 penduduk, ×100
	IndUmkmNIB       = "umkm_nib"      // aktif with NIB / aktif, bp
	IndBumdesPADes   = "bumdes_pades"  // latest year's PADes contribution, rupiah
	IndBumdesOmzet   = "bumdes_omzet"  // latest year's omzet, rupiah
	sourceUmkm       = "umkm"
)

// Definitions lists the module's indicators; all are figures without any
// person (PermRingkasan), which the forum perbekel may compare.
func (m *Module) Definitions() []indicator.Definition {
	d := func(code, nama, satuan string) indicator.Definition {
		return indicator.Definition{Source: sourceUmkm, Code: code, Nama: nama, Satuan: satuan, Kind: indicator.Count,
			HigherIsBetter: true, Permission: PermRingkasan}
	}
	// The UMKM counts are the registry as of now; the BUMDes figures are
	// of the period's year.
	kini := func(def indicator.Definition) indicator.Definition { def.Kini = true; return def }
	return []indicator.Definition{
		kini(d(IndUmkmAktif, "UMKM aktif", "usaha")),
		kini(d(IndUmkmPerSeribu, "UMKM aktif per 1.000 penduduk", "1/100 usaha per 1.000 penduduk (1234 = 12,34)")),
		kini(d(IndUmkmNIB, "UMKM aktif yang memiliki NIB", "bp (1/100 %)")),
		d(IndBumdesPADes, "Kontribusi BUMDes ke PADes (tahun terakhir tercatat)", "rupiah"),
		d(IndBumdesOmzet, "Omzet BUMDes (tahun terakhir tercatat)", "rupiah"),
	}
}

// indikatorTahun is the year the BUMDes figures are read up to: the year
// of the period's end, or this year when it has none.
func (m *Module) indikatorTahun(wilayah tenancy.Kode, period indicator.Period) int {
	if period.To != "" {
		return period.To.Year()
	}
	return civil.Today(m.now(), wilayah).Year()
}

// Indicators answers for every desa inside wilayah.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	var out []indicator.Value
	add := func(desaID int64, code string, n int64) {
		out = append(out, indicator.Value{Desa: tenancy.KodeOfDesaID(desaID), Source: sourceUmkm, Code: code, Number: n})
	}
	wants := func(cs ...string) bool {
		for _, c := range cs {
			if indicator.Wants(codes, c) {
				return true
			}
		}
		return false
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	if wants(IndUmkmAktif, IndUmkmPerSeribu, IndUmkmNIB) {
		var pend map[tenancy.Kode]int64
		if m.penduduk != nil && indicator.Wants(codes, IndUmkmPerSeribu) {
			var err error
			if pend, err = m.penduduk.Penduduk(ctx, wilayah); err != nil {
				return nil, err
			}
		}
		rows, err := m.hitungUmkm(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if indicator.Wants(codes, IndUmkmAktif) {
				add(r.DesaID, IndUmkmAktif, r.Aktif)
			}
			if n := pend[tenancy.KodeOfDesaID(r.DesaID)]; n > 0 && indicator.Wants(codes, IndUmkmPerSeribu) {
				add(r.DesaID, IndUmkmPerSeribu, (r.Aktif*100_000+n/2)/n)
			}
			if bp, ok := valid.BasisPoin(r.NIB, r.Aktif); ok && indicator.Wants(codes, IndUmkmNIB) {
				add(r.DesaID, IndUmkmNIB, bp)
			}
		}
	}
	if wants(IndBumdesPADes, IndBumdesOmzet) {
		rows, err := m.tahunTerakhirBUMDes(ctx, m.indikatorTahun(wilayah, period))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if indicator.Wants(codes, IndBumdesPADes) {
				add(r.DesaID, IndBumdesPADes, r.PADes)
			}
			if indicator.Wants(codes, IndBumdesOmzet) {
				add(r.DesaID, IndBumdesOmzet, r.Omzet)
			}
		}
	}
	return out, nil
}

// umkmHitung is one desa's UMKM counts.
type umkmHitung struct {
	DesaID int64 `bun:"desa_id"`
	Semua  int64 `bun:"semua"`
	Aktif  int64 `bun:"aktif"`
	NIB    int64 `bun:"nib"`
}

// hitungUmkm counts the UMKM of every desa of the tenant (a desa or a
// wider wilayah) in one query; a desa with none has no row.
func (m *Module) hitungUmkm(ctx context.Context) ([]umkmHitung, error) {
	var rows []umkmHitung
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("umkm AS u").
			ColumnExpr("u.desa_id, count(*) AS semua").
			ColumnExpr("sum(CASE WHEN u.status = 'aktif' THEN 1 ELSE 0 END) AS aktif").
			ColumnExpr("sum(CASE WHEN u.status = 'aktif' AND u.nib <> '' THEN 1 ELSE 0 END) AS nib").
			GroupExpr("u.desa_id").OrderExpr("u.desa_id"), "u.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	return rows, err
}

// tahunTerakhirBUMDes is, per desa of the tenant, its BUMDes's latest
// recorded year up to tahun: one query (the correlated subquery runs
// under the same RLS range).
func (m *Module) tahunTerakhirBUMDes(ctx context.Context, tahun int) ([]TahunBUMDes, error) {
	var rows []TahunBUMDes
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&rows).
			Where("bt.tahun = (SELECT max(b2.tahun) FROM bumdes_tahun AS b2 WHERE b2.desa_id = bt.desa_id AND b2.tahun <= ?)", tahun).
			OrderExpr("bt.desa_id"), "bt.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	return rows, err
}

var _ indicator.Provider = (*Module)(nil)
