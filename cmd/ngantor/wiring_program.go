package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/modules/program"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What program reads from others: the OPD registry, region names and the
// desa of a wilayah, and keuangan's APBDes kegiatan.

type programOPD struct{ k kunjunganOPD }

func toProgramOPD(o kunjungan.OPD) program.OPD {
	return program.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}
}

func (s programOPD) OPDByID(ctx context.Context, id string) (program.OPD, error) {
	o, err := s.k.OPDByID(ctx, id)
	return toProgramOPD(o), err
}

func (s programOPD) OPDOf(ctx context.Context, userID string) (program.OPD, bool, error) {
	o, ok, err := s.k.OPDOf(ctx, userID)
	return toProgramOPD(o), ok, err
}

func (s programOPD) Daftar(ctx context.Context, kab tenancy.Kode) ([]program.OPD, error) {
	os, err := s.k.Daftar(ctx, kab)
	out := make([]program.OPD, len(os))
	for i, o := range os {
		out[i] = toProgramOPD(o)
	}
	return out, err
}

type programRegions struct {
	audiensiRegions
	desa keuanganDesa
}

func (r programRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]program.Desa, error) {
	ds, err := r.desa.DesaIn(ctx, k)
	if err != nil {
		return nil, err
	}
	out := make([]program.Desa, len(ds))
	for i, d := range ds {
		out[i] = program.Desa{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}

// programAPBDes: the APBDes kegiatan of a wilayah's desa (keuangan).
type programAPBDes struct{ m *keuangan.Module }

func (s programAPBDes) KegiatanAPBDes(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]program.KegiatanAPBDes, error) {
	ks, err := s.m.KegiatanWilayah(ctx, wilayah, tahun)
	if err != nil {
		return nil, err
	}
	out := make([]program.KegiatanAPBDes, len(ks))
	for i, k := range ks {
		out[i] = program.KegiatanAPBDes{Desa: k.Desa, Kode: string(k.Kode), SubBidang: string(k.SubBidang), Nama: k.Nama,
			Pagu: int64(k.Pagu), Realisasi: int64(k.Realisasi)}
	}
	return out, nil
}

var (
	_ program.OPDSource    = programOPD{}
	_ program.Regions      = programRegions{}
	_ program.APBDesSource = programAPBDes{}
)
