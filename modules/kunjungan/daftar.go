package kunjungan

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DaftarQuery filters the visits of a wilayah.
type DaftarQuery struct {
	page.Params
	Status Status
	// OPD limits to the visits an OPD takes part in (its id).
	OPD string
	// Dari and Sampai bound the date.
	Dari, Sampai civil.Date
}

// Ringkas is a visit in a list.
type Ringkas struct {
	// The table is named here: bun does not take it from the embedded
	// Kunjungan ("no such table: ringkas").
	bun.BaseModel `bun:"table:kunjungan,alias:k"`
	Kunjungan
	Desa      tenancy.Kode `json:"desa"`
	JumlahOPD int          `json:"jumlah_opd" bun:"jumlah_opd,scanonly"`
}

type kursor struct {
	Tanggal civil.Date
	DesaID  int64
	ID      string
}

// Daftar lists the visits to the desa of the tenant wilayah, latest date
// first.
func (m *Module) Daftar(ctx context.Context, q DaftarQuery) (page.Page[Ringkas], error) {
	var after kursor
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Ringkas]{}, err
	}
	limit := q.Size()
	var rows []Ringkas
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model((*Kunjungan)(nil)).ColumnExpr("k.*").
			ColumnExpr("(SELECT COUNT(*) FROM kunjungan_opd AS o WHERE o.desa_id = k.desa_id AND o.kunjungan_id = k.id) AS jumlah_opd").
			OrderExpr("k.tanggal DESC, k.desa_id DESC, k.id DESC").Limit(int64(limit + 1))
		if q.Status != "" {
			sel = sel.Where("k.status = ?", q.Status)
		}
		if q.OPD != "" {
			sel = sel.Where("EXISTS (SELECT 1 FROM kunjungan_opd AS o WHERE o.desa_id = k.desa_id AND o.kunjungan_id = k.id AND o.opd_id = ?)", q.OPD)
		}
		if !q.Dari.IsZero() {
			sel = sel.Where("k.tanggal >= ?", q.Dari)
		}
		if !q.Sampai.IsZero() {
			sel = sel.Where("k.tanggal <= ?", q.Sampai)
		}
		if has {
			sel = sel.Where("(k.tanggal < ?) OR (k.tanggal = ? AND k.desa_id < ?) OR (k.tanggal = ? AND k.desa_id = ? AND k.id < ?)",
				after.Tanggal, after.Tanggal, after.DesaID, after.Tanggal, after.DesaID, after.ID)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	if err != nil {
		return page.Page[Ringkas]{}, err
	}
	for i := range rows {
		rows[i].Desa = tenancy.KodeOfDesaID(rows[i].DesaID)
	}
	return page.Of(rows, limit, func(r Ringkas) kursor { return kursor{r.Tanggal, r.DesaID, r.ID} }), nil
}
