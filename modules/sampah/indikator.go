package sampah

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The module's indicators (platform/indicator) for the kecamatan and
// kabupaten tables, the dashboards and the forum panel. Shares are whole
// basis points of timbulan in Value.Number (6240 is 62,40 %), so no float
// enters a ranking. Figures run from 1 January of the year of the period's
// end up to that day (today when the period ends later): CapaianSampai,
// one query per family for the whole wilayah. A desa with nothing logged
// or deposited has no share or tonnage, and one with no facility no count:
// nothing is invented.
const (
	IndPengurangan    = "pengurangan_sampah"     // pengurangan / timbulan, bp
	IndPenanganan     = "penanganan_sampah"      // penanganan / timbulan, bp
	IndNasabahAktif   = "nasabah_bank_sampah"    // nasabah with a setoran in the last 90 days
	IndTonase         = "tonase_sampah"          // pengurangan + penanganan, kg
	IndFasilitasAktif = "fasilitas_sampah_aktif" // facilities with status aktif
	sourceSampah      = "sampah"
	indikatorSatuanBP = "bp (1/100 %)"
)

// Definitions lists the module's indicators; all are aggregates
// (PermCapaian), which the forum perbekel may compare.
func (m *Module) Definitions() []indicator.Definition {
	d := func(code, nama, satuan string, higher bool) indicator.Definition {
		return indicator.Definition{Source: sourceSampah, Code: code, Nama: nama, Satuan: satuan, Kind: indicator.Count,
			HigherIsBetter: higher, Permission: PermCapaian}
	}
	return []indicator.Definition{
		d(IndPengurangan, "Pengurangan sampah (% timbulan)", indikatorSatuanBP, true),
		d(IndPenanganan, "Penanganan sampah (% timbulan)", indikatorSatuanBP, true),
		d(IndNasabahAktif, "Nasabah bank sampah aktif (90 hari)", "nasabah", true),
		d(IndTonase, "Sampah terkelola", "kg", true),
		d(IndFasilitasAktif, "Fasilitas sampah aktif", "fasilitas", true),
		{Source: sourceSampah, Code: indicator.Diperbarui, Nama: "Log atau setoran sampah terakhir", Kind: indicator.Time, Permission: PermCapaian},
	}
}

// indikatorSampai is the day the figures of period are counted to: its
// end, or today when it ends later (the wilayah table asks for the whole
// current month; a timbulan of days yet to come would understate every
// share). Zero when the period has no end.
func (m *Module) indikatorSampai(wilayah tenancy.Kode, period indicator.Period) civil.Date {
	if period.To == "" {
		return ""
	}
	if today := civil.Today(m.now(), wilayah); today.Before(period.To) {
		return today
	}
	return period.To
}

// Indicators answers for every desa inside wilayah.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	sampai := m.indikatorSampai(wilayah, period)
	if sampai == "" || sampai.Year() < TahunMin || sampai.Year() > TahunMax {
		return nil, nil
	}
	var out []indicator.Value
	add := func(desa tenancy.Kode, code string, v indicator.Value) {
		v.Desa, v.Source, v.Code = desa, sourceSampah, code
		out = append(out, v)
	}
	wants := func(cs ...string) bool {
		for _, c := range cs {
			if indicator.Wants(codes, c) {
				return true
			}
		}
		return false
	}
	if wants(IndPengurangan, IndPenanganan, IndNasabahAktif, IndTonase, IndFasilitasAktif) {
		c, err := m.CapaianSampai(ctx, wilayah, sampai)
		if err != nil {
			return nil, err
		}
		for _, d := range c.Desa {
			a := d.Tahun
			if a.AdaData() {
				if bp, ok := a.PenguranganBP(); ok && indicator.Wants(codes, IndPengurangan) {
					add(d.Desa, IndPengurangan, indicator.Value{Number: bp})
				}
				if bp, ok := a.PenangananBP(); ok && indicator.Wants(codes, IndPenanganan) {
					add(d.Desa, IndPenanganan, indicator.Value{Number: bp})
				}
				if indicator.Wants(codes, IndTonase) {
					add(d.Desa, IndTonase, indicator.Value{Number: (a.PenguranganGram + a.PenangananGram + Skala/2) / Skala})
				}
			}
			// A desa that records facilities uses the module: its counts
			// are facts, zero included.
			if d.FasilitasAktif+d.FasilitasTidakAktif > 0 || d.NasabahAktif > 0 {
				if indicator.Wants(codes, IndNasabahAktif) {
					add(d.Desa, IndNasabahAktif, indicator.Value{Number: int64(d.NasabahAktif)})
				}
				if indicator.Wants(codes, IndFasilitasAktif) {
					add(d.Desa, IndFasilitasAktif, indicator.Value{Number: int64(d.FasilitasAktif)})
				}
			}
		}
	}
	if indicator.Wants(codes, indicator.Diperbarui) {
		last, err := m.terakhirDicatat(ctx, wilayah, sampai)
		if err != nil {
			return nil, err
		}
		for id, t := range last {
			add(tenancy.KodeOfDesaID(id), indicator.Diperbarui, indicator.Value{Time: t.Time()})
		}
	}
	return out, nil
}

// terakhirDicatat is, per desa inside wilayah, the date of its latest
// TPS3R log or journal entry up to sampai: one query per table.
func (m *Module) terakhirDicatat(ctx context.Context, wilayah tenancy.Kode, sampai civil.Date) (map[int64]civil.Date, error) {
	out := map[int64]civil.Date{}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, table := range []string{"sampah_log", "sampah_entri"} {
			var rows []struct {
				DesaID   int64      `bun:"desa_id"`
				Terakhir civil.Date `bun:"terakhir"`
			}
			q := tx.NewSelect().TableExpr(table+" AS x").ColumnExpr("x.desa_id, max(x.tanggal) AS terakhir").
				Where("x.tanggal <= ?", sampai).GroupExpr("x.desa_id")
			if err := scanDi(ctx, q, "x.desa_id", &rows); err != nil {
				return err
			}
			for _, r := range rows {
				if r.Terakhir > out[r.DesaID] {
					out[r.DesaID] = r.Terakhir
				}
			}
		}
		return nil
	})
	return out, err
}

var _ indicator.Provider = (*Module)(nil)
