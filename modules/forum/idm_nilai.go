package forum

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// SumberIDM is the source name of the IDM scores in the panel.
const SumberIDM = "idm"

// The IDM figures the panel ranks, with the other indicators.
const (
	IndIDM = "nilai"
	IndIKS = "iks"
	IndIKE = "ike"
	IndIKL = "ikl"
)

// definisiIDM are the IDM's indicators as the panel lists them: public
// scores of Kemendesa, shown to whoever reads the panel.
func definisiIDM() []indicator.Definition {
	d := func(code, nama string) indicator.Definition {
		return indicator.Definition{Source: SumberIDM, Code: code, Nama: nama, Satuan: "indeks", Kind: indicator.Count,
			HigherIsBetter: true, Permission: PermPanel}
	}
	return []indicator.Definition{
		d(IndIDM, "Indeks Desa Membangun (IDM)"),
		d(IndIKS, "Indeks Ketahanan Sosial (IKS)"),
		d(IndIKE, "Indeks Ketahanan Ekonomi (IKE)"),
		d(IndIKL, "Indeks Ketahanan Lingkungan (IKL)"),
	}
}

type idmNilaiBaris struct {
	Desa               tenancy.Kode
	IKS, IKE, IKL, IDM float64
}

func (v idmNilaiBaris) baris(tahun int) []nilaiBaris {
	id := v.Desa.ID()
	return []nilaiBaris{
		{DesaID: id, Tahun: tahun, Sumber: SumberIDM, Kode: IndIDM, Nilai: v.IDM},
		{DesaID: id, Tahun: tahun, Sumber: SumberIDM, Kode: IndIKS, Nilai: v.IKS},
		{DesaID: id, Tahun: tahun, Sumber: SumberIDM, Kode: IndIKE, Nilai: v.IKE},
		{DesaID: id, Tahun: tahun, Sumber: SumberIDM, Kode: IndIKL, Nilai: v.IKL},
	}
}

// idmNilai reads the imported IDM of every desa of k for tahun.
func (m *Module) idmNilai(ctx context.Context, k tenancy.Kode, tahun int) ([]idmNilaiBaris, error) {
	var rows []struct {
		DesaID int64   `bun:"desa_id"`
		IKS    float64 `bun:"iks"`
		IKE    float64 `bun:"ike"`
		IKL    float64 `bun:"ikl"`
		Nilai  float64 `bun:"nilai"`
	}
	lo, hi := k.Range()
	err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().TableExpr("forum_idm").Column("desa_id", "iks", "ike", "ikl", "nilai").
			Where("tahun = ? AND desa_id BETWEEN ? AND ?", tahun, lo, hi).Scan(ctx, &rows)
	})
	out := make([]idmNilaiBaris, len(rows))
	for i, r := range rows {
		out[i] = idmNilaiBaris{Desa: tenancy.KodeOfDesaID(r.DesaID), IKS: r.IKS, IKE: r.IKE, IKL: r.IKL, IDM: r.Nilai}
	}
	return out, err
}
