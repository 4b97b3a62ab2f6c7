package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DesaKecamatan lists the desa of a kecamatan for keuangan's camat queue
// (keuangan.DaftarDesaKecamatan, found on the Names it is given); kelurahan are no
// tenants and have no APBDes.
func (n wilayahNames) DesaKecamatan(ctx context.Context, kec tenancy.Kode) ([]keuangan.DesaAntrean, error) {
	children, err := n.m.Children(ctx, kec)
	if err != nil {
		return nil, err
	}
	out := make([]keuangan.DesaAntrean, 0, len(children))
	for _, c := range children {
		if c.Tingkat == wilayah.TingkatDesa {
			out = append(out, keuangan.DesaAntrean{Kode: c.Kode, Nama: c.Nama})
		}
	}
	return out, nil
}

var _ keuangan.DaftarDesaKecamatan = wilayahNames{}
