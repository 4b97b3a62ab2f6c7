package forum

import (
	"context"

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

// idmNilai reads the imported IDM of every desa of k for tahun (as the
// tenant k: the rollup runs for a kabupaten, in a job or a request).
func (m *Module) idmNilai(ctx context.Context, k tenancy.Kode, tahun int) ([]idmNilaiBaris, error) {
	rows, err := m.IDMWilayah(tenancy.With(ctx, tenancy.Tenant{Kode: k}), k, tahun)
	out := make([]idmNilaiBaris, len(rows))
	for i, r := range rows {
		out[i] = idmNilaiBaris{Desa: r.Desa, IKS: r.IKS, IKE: r.IKE, IKL: r.IKL, IDM: r.Nilai}
	}
	return out, err
}
