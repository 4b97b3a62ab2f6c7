package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// sampahDesa: the desa of a kecamatan or kabupaten for sampah's tables,
// from the same listing keuangan's table uses.
type sampahDesa struct{ k keuanganDesa }

func (s sampahDesa) DesaIn(ctx context.Context, kode tenancy.Kode) ([]sampah.DesaInfo, error) {
	ds, err := s.k.DesaIn(ctx, kode)
	if err != nil {
		return nil, err
	}
	out := make([]sampah.DesaInfo, len(ds))
	for i, d := range ds {
		out[i] = sampah.DesaInfo{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}

// sampahPenduduk: the population of each desa (the latest year its profil
// records), from administration's indicator, for the timbulan estimate.
type sampahPenduduk struct{ m *administration.Module }

func (p sampahPenduduk) Penduduk(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]int64, error) {
	vs, err := p.m.Indicators(ctx, wilayah, indicator.Period{}, []string{administration.IndPenduduk})
	if err != nil {
		return nil, err
	}
	out := make(map[tenancy.Kode]int64, len(vs))
	for _, v := range vs {
		out[v.Desa] = v.Number
	}
	return out, nil
}

var (
	_ sampah.DesaSource     = sampahDesa{}
	_ sampah.PendudukSource = sampahPenduduk{}
)
