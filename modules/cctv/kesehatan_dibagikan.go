package cctv

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// KameraDibagikan is an aktif camera of a wilayah whose access list names
// the user: the way a Satpol PP or Dishub officer finds the live links
// the desa have shared with them.
type KameraDibagikan struct {
	Desa     tenancy.Kode
	KameraID string
	Nama     string
	Dusun    string
}

// Dibagikan lists the aktif cameras of wilayah whose access list names
// the user in ctx (BolehBuka: their roles, their OPD, the command centre),
// ordered by desa and name, in two queries for the whole wilayah. A user
// with no grants source wired or no grant sees none.
func (m *Module) Dibagikan(ctx context.Context, wilayah tenancy.Kode) ([]KameraDibagikan, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || u.ID == "" || m.grants == nil {
		return nil, nil
	}
	gs, err := m.grants.Grants(ctx, u.ID)
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	var kamera []struct {
		DesaID int64  `bun:"desa_id"`
		ID     string `bun:"id"`
		Nama   string `bun:"nama"`
		Dusun  string `bun:"dusun"`
	}
	var akses []struct {
		DesaID   int64  `bun:"desa_id"`
		KameraID string `bun:"kamera_id"`
		Penerima string `bun:"penerima"`
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_kamera AS k").
			ColumnExpr("k.desa_id, k.id, k.nama, k.dusun").Where("k.status = ?", StatusAktif).
			OrderExpr("k.desa_id, k.nama"), "k.desa_id")
		if err != nil {
			return err
		}
		if err := q.Scan(ctx, &kamera); err != nil {
			return err
		}
		q, err = tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_akses AS a").
			ColumnExpr("a.desa_id, a.kamera_id, a.penerima"), "a.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &akses)
	})
	if err != nil {
		return nil, err
	}
	type kunci struct {
		desa int64
		id   string
	}
	daftar := make(map[kunci][]string, len(akses))
	for _, a := range akses {
		k := kunci{a.DesaID, a.KameraID}
		daftar[k] = append(daftar[k], a.Penerima)
	}
	var out []KameraDibagikan
	for _, k := range kamera {
		desa := tenancy.KodeOfDesaID(k.DesaID)
		if BolehBuka(u, gs, desa, daftar[kunci{k.DesaID, k.ID}]) {
			out = append(out, KameraDibagikan{Desa: desa, KameraID: k.ID, Nama: k.Nama, Dusun: k.Dusun})
		}
	}
	return out, nil
}
