package main

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/audit"
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

func (r forumRegions) KabupatenDimuat(ctx context.Context) ([]tenancy.Kode, error) {
	return r.w.KabupatenDimuat(ctx)
}

// perubahan is the audit recorder the edge (API and pages) records every
// change through: a change in a desa (or at a wilayah) also tells the
// forum, whose debounced rollup then refreshes that kabupaten's panel.
func (a *app) perubahan() audit.Recorder {
	return recorderPerubahan{Recorder: a.audit, tandai: func(k tenancy.Kode) {
		if a.forum != nil {
			a.forum.Tandai(k)
		}
	}}
}

type recorderPerubahan struct {
	audit.Recorder
	tandai func(tenancy.Kode)
}

func (r recorderPerubahan) Append(ctx context.Context, e audit.Entry) error {
	if err := r.Recorder.Append(ctx, e); err != nil {
		return err
	}
	r.berubah(e)
	return nil
}

func (r recorderPerubahan) AppendTx(ctx context.Context, tx bun.Tx, e audit.Entry) error {
	if err := r.Recorder.AppendTx(ctx, tx, e); err != nil {
		return err
	}
	r.berubah(e)
	return nil
}

// berubah passes on a successful change of a wilayah. (An entry recorded
// inside a transaction that then rolls back costs one needless rollup.)
func (r recorderPerubahan) berubah(e audit.Entry) {
	if e.Kode != "" && e.Status > 0 && e.Status < 400 {
		r.tandai(e.Kode)
	}
}
