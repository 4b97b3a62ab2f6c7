package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/modules/umkm"
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

// pendudukSource: the population of each desa (the latest year its profil
// records), from administration's indicator, for sampah's timbulan
// estimate and the per-1,000-residents figures of cctv and umkm.
type pendudukSource struct{ m *administration.Module }

func (p pendudukSource) Penduduk(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]int64, error) {
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
	_ sampah.PendudukSource = pendudukSource{}
	_ cctv.PendudukSource   = pendudukSource{}
	_ umkm.PendudukSource   = pendudukSource{}
)

// cctvDesa: the desa of a kecamatan or kabupaten for cctv's tables.
type cctvDesa struct{ k keuanganDesa }

func (s cctvDesa) DesaIn(ctx context.Context, kode tenancy.Kode) ([]cctv.DesaInfo, error) {
	ds, err := s.k.DesaIn(ctx, kode)
	if err != nil {
		return nil, err
	}
	out := make([]cctv.DesaInfo, len(ds))
	for i, d := range ds {
		out[i] = cctv.DesaInfo{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}

// umkmDesa: the desa of a kecamatan or kabupaten for umkm's tables.
type umkmDesa struct{ k keuanganDesa }

func (s umkmDesa) DesaIn(ctx context.Context, kode tenancy.Kode) ([]umkm.DesaInfo, error) {
	ds, err := s.k.DesaIn(ctx, kode)
	if err != nil {
		return nil, err
	}
	out := make([]umkm.DesaInfo, len(ds))
	for i, d := range ds {
		out[i] = umkm.DesaInfo{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}
