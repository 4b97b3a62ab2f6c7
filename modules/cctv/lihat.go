package cctv

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The desa's view log: every opening of a live link (cctv_lihat), newest
// first, with the camera's name and the viewer's name as it was then.

// LihatBaris is one view with its camera's name.
type LihatBaris struct {
	Lihat  `bun:",extend"`
	Kamera string `bun:"kamera_nama" json:"kamera" doc:"Nama kamera"`
}

// lihatKunci is the cursor of the view log: the last row's time and id.
type lihatKunci struct {
	At time.Time `json:"at"`
	ID string    `json:"id"`
}

// CatatanLihat lists the views of the desa in ctx, newest first, limit
// rows after cursor (page.Decode), of camera kameraID when not "".
func (m *Module) CatatanLihat(ctx context.Context, kameraID, cursor string, limit int) (page.Page[LihatBaris], error) {
	var after lihatKunci
	has, err := page.Decode(cursor, &after)
	if err != nil {
		return page.Page[LihatBaris]{}, err
	}
	var rows []LihatBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if kameraID != "" {
			if _, err := getKamera(ctx, tx, kameraID); err != nil {
				return err
			}
		}
		q := tx.NewSelect().Model(&rows).ColumnExpr("l.*").ColumnExpr("k.nama AS kamera_nama").
			Join("JOIN cctv_kamera AS k ON k.desa_id = l.desa_id AND k.id = l.kamera_id")
		q, err := tenancy.Scope(ctx, q)
		if err != nil {
			return err
		}
		if kameraID != "" {
			q = q.Where("l.kamera_id = ?", kameraID)
		}
		if has {
			q = q.Where("(l.dilihat_at < ? OR (l.dilihat_at = ? AND l.id < ?))", after.At, after.At, after.ID)
		}
		return q.OrderExpr("l.dilihat_at DESC, l.id DESC").Limit(int64(limit + 1)).Scan(ctx)
	})
	if err != nil {
		return page.Page[LihatBaris]{}, err
	}
	return page.Of(rows, limit, func(r LihatBaris) lihatKunci { return lihatKunci{At: r.DilihatAt, ID: r.ID} }), nil
}

// kameraNama is a camera of the desa for the log's filter.
type kameraNama struct {
	ID   string `bun:"id"`
	Nama string `bun:"nama"`
}

// daftarKamera lists the desa's cameras by name (ids and names only).
func (m *Module) daftarKamera(ctx context.Context) ([]kameraNama, error) {
	var out []kameraNama
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Kamera)(nil)).Column("k.id", "k.nama").OrderExpr("k.nama"))
		if err != nil {
			return err
		}
		return q.Scan(ctx, &out)
	})
	return out, err
}
