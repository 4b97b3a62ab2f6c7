package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What forum reads from others: region names, the desa of a wilayah and
// the kabupaten loaded (for the nightly rollup).

type forumRegions struct {
	audiensiRegions
	desa keuanganDesa
	w    *wilayah.Module
}

var _ forum.Regions = forumRegions{}

func (r forumRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]forum.Desa, error) {
	ds, err := r.desa.DesaIn(ctx, k)
	if err != nil {
		return nil, err
	}
	out := make([]forum.Desa, len(ds))
	for i, d := range ds {
		out[i] = forum.Desa{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}
