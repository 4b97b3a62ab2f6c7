package pembinaan

import (
	"context"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// SesiLuar is a session another organizer (the kabupaten, an OPD) held
// for desa of a kecamatan, as the kecamatan sees it: from its desa's
// copies of the invitation and their attendance, never the organizer's
// row (which lies outside the kecamatan's range).
type SesiLuar struct {
	PembinaanID   string
	Judul         string
	Jenis         string
	Penyelenggara string
	Mulai         time.Time
	Selesai       time.Time
	Tempat        string
	Status        string
	Topik         []string
	Desa          int // the kecamatan's desa invited
	Hadir         int // their perangkat ticked present
}

// sesiLuarMaks bounds the list: the newest sessions first.
const sesiLuarMaks = 50

// DaftarSesiLuar lists, newest first, the sessions organized outside the
// tenant kecamatan for its desa (at most sesiLuarMaks). A kabupaten's
// list already holds every session organized in it, so it has none.
func (m *Module) DaftarSesiLuar(ctx context.Context) ([]SesiLuar, error) {
	k, err := sesiWilayah(ctx)
	if err != nil || k.Level() != tenancy.Kecamatan {
		return nil, err
	}
	var us []undanganBaris
	var hs []hadirBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&us).Where("u.penyelenggara_id <> ?", k.ID()))
		if err != nil {
			return err
		}
		if err := q.OrderExpr("u.mulai DESC, u.pembinaan_id").Scan(ctx); err != nil {
			return err
		}
		ids := map[string]bool{}
		for _, u := range us {
			if len(ids) < sesiLuarMaks {
				ids[u.PembinaanID] = true
			}
		}
		if len(ids) == 0 {
			return nil
		}
		list := make([]string, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		q, err = tenancy.Scope(ctx, tx.NewSelect().Model(&hs).Column("desa_id", "pembinaan_id").Where("h.pembinaan_id IN (?)", bun.In(list)))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	hadir := map[string]int{}
	for _, h := range hs {
		hadir[h.PembinaanID]++
	}
	var out []SesiLuar
	at := map[string]int{}
	for _, u := range us {
		if i, ok := at[u.PembinaanID]; ok {
			out[i].Desa++
			continue
		}
		if len(out) == sesiLuarMaks {
			continue
		}
		s := SesiLuar{PembinaanID: u.PembinaanID, Judul: u.Judul, Jenis: u.Jenis, Penyelenggara: u.Penyelenggara, Mulai: u.Mulai.UTC(),
			Selesai: u.Selesai.UTC(), Tempat: u.Tempat, Status: u.Status, Topik: cakupanTopikKode(u.Topik), Desa: 1, Hadir: hadir[u.PembinaanID]}
		at[u.PembinaanID] = len(out)
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b SesiLuar) int { return b.Mulai.Compare(a.Mulai) })
	return out, nil
}
