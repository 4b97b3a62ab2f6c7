package keuangan

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The module's indicators (platform/indicator) for the kecamatan and
// kabupaten tables, the dashboards and the forum panel. Shares are whole
// basis points in Value.Number (Kind Count, Satuan "bp"): 6240 is 62,40 %,
// so no float ever enters a ranking. Every figure is of the fiscal year of
// the period's end, counting entries dated up to that day; a desa with no
// APBDes that year has no value (nothing is invented).
const (
	IndRealisasiBelanja = "realisasi_belanja" // realisasi / pagu belanja of the APBDes in force
	IndPADes            = "pades_pendapatan"  // Pendapatan Asli Desa (kelompok 4.1) / pendapatan, as budgeted
	IndDDTahap          = "dd_tahap_diterima" // Dana Desa tahap received, 0–3
	IndSiLPA            = "silpa_belanja"     // SiLPA tahun sebelumnya (6.1.1) budgeted / belanja
	sourceKeuangan      = "keuangan"
	satuanBasisPoin     = "bp (1/100 %)"
)

// Definitions lists the module's indicators; every one is an aggregate
// (PermRingkasan), which the forum perbekel may compare.
func (m *Module) Definitions() []indicator.Definition {
	d := func(code, nama, satuan string, higher bool) indicator.Definition {
		return indicator.Definition{Source: sourceKeuangan, Code: code, Nama: nama, Satuan: satuan, Kind: indicator.Count,
			HigherIsBetter: higher, Permission: PermRingkasan}
	}
	return []indicator.Definition{
		d(IndRealisasiBelanja, "Realisasi belanja APBDes", satuanBasisPoin, true),
		d(IndPADes, "Porsi PADes dalam pendapatan", satuanBasisPoin, true),
		d(IndDDTahap, "Tahap Dana Desa diterima", "tahap", true),
		d(IndSiLPA, "Porsi SiLPA terhadap belanja", satuanBasisPoin, false),
		{Source: sourceKeuangan, Code: indicator.Diperbarui, Nama: "Transaksi keuangan terakhir", Kind: indicator.Time, Permission: PermRingkasan},
	}
}

// Indicators answers for every desa inside wilayah: the APBDes sums and
// the journal each in one query (figurWilayah), whatever the number of
// desa.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	to := period.To
	if to == "" {
		return nil, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	var figs map[int64]*figur
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		figs, err = figurWilayah(ctx, tx, to.Year(), to)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []indicator.Value
	add := func(desa int64, code string, v indicator.Value) {
		if indicator.Wants(codes, code) {
			v.Desa, v.Source, v.Code = tenancy.KodeOfDesaID(desa), sourceKeuangan, code
			out = append(out, v)
		}
	}
	for id, f := range figs {
		if f.berlaku != nil {
			if bp, ok := basisPoin(f.realisasi, f.berlaku.belanja); ok {
				add(id, IndRealisasiBelanja, indicator.Value{Number: bp})
			}
			if bp, ok := basisPoin(f.berlaku.pades, f.berlaku.pendapatan); ok {
				add(id, IndPADes, indicator.Value{Number: bp})
			}
			if bp, ok := basisPoin(f.berlaku.silpa, f.berlaku.belanja); ok {
				add(id, IndSiLPA, indicator.Value{Number: bp})
			}
			add(id, IndDDTahap, indicator.Value{Number: int64(f.tahapDiterima())})
		}
		if f.terakhir != "" {
			add(id, indicator.Diperbarui, indicator.Value{Time: f.terakhir.Time()})
		}
	}
	return out, nil
}
