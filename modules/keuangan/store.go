package keuangan

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// Bounds of a fiscal year a list is asked for.
const (
	TahunMin = 2000
	TahunMax = 2100
)

// ReferensiQuery filters a reference list: the fiscal year whose edition
// applies, words that must each match the code or the name, and a page.
type ReferensiQuery struct {
	page.Params
	Tahun int
	Q     string
}

type urutanKey struct {
	Urutan int `json:"u"`
}

// decodeUrutan reads a cursor of these lists. A cursor of another list (or
// crafted) decodes without its field; it is refused rather than read as
// "from the start", since urutan counts from 1.
func decodeUrutan(cursor string) (urutanKey, bool, error) {
	var after urutanKey
	has, err := page.Decode(cursor, &after)
	if err == nil && has && after.Urutan < 1 {
		err = fault.Field("query.cursor", "Cursor tidak sah.")
	}
	return after, has, err
}

// VersiFor is the edition of daftar that applies to fiscal year tahun; a
// year no edition covers is fault.NotFound.
func (m *Module) VersiFor(ctx context.Context, daftar string, tahun int) (Versi, error) {
	return versiFor(ctx, m.db, daftar, tahun)
}

func versiFor(ctx context.Context, idb bun.IDB, daftar string, tahun int) (Versi, error) {
	var v Versi
	err := idb.NewSelect().Model(&v).
		Where("v.daftar = ?", daftar).
		Where("v.tahun_mulai <= ?", tahun).
		Where("(v.tahun_akhir IS NULL OR v.tahun_akhir >= ?)", tahun).
		OrderExpr("v.tahun_mulai DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		nama := "kode rekening dan kegiatan Lampiran"
		if daftar == DaftarSiskeudes {
			nama = "daftar kegiatan Siskeudes"
		}
		return v, fault.New(fault.NotFound, "Belum ada %s untuk tahun anggaran %d.", nama, tahun)
	}
	return v, err
}

// ListRekening pages the kode rekening of the edition for q.Tahun, in the
// order of the regulation.
func (m *Module) ListRekening(ctx context.Context, q ReferensiQuery) (page.Page[Rekening], error) {
	after, has, err := decodeUrutan(q.Cursor)
	if err != nil {
		return page.Page[Rekening]{}, err
	}
	v, err := versiFor(ctx, m.db, DaftarLampiran, q.Tahun)
	if err != nil {
		return page.Page[Rekening]{}, err
	}
	limit := q.Size()
	rows := []Rekening{}
	sel := m.db.NewSelect().Model(&rows).Where("r.versi = ?", v.Kode).
		OrderExpr("r.urutan").Limit(int64(limit) + 1)
	if has {
		sel = sel.Where("r.urutan > ?", after.Urutan)
	}
	sel = filterWords(sel, q.Q, "r.kode", "r.nama", "r.nama_siskeudes")
	if err := sel.Scan(ctx); err != nil {
		return page.Page[Rekening]{}, err
	}
	return page.Of(rows, limit, func(r Rekening) urutanKey { return urutanKey{r.Urutan} }), nil
}

// ListKegiatan pages one kegiatan list (DaftarLampiran or DaftarSiskeudes)
// of the edition for q.Tahun. The lists are never mixed: the Siskeudes
// codes 90–99 mean other kegiatan than the Lampiran's.
func (m *Module) ListKegiatan(ctx context.Context, daftar string, q ReferensiQuery) (page.Page[Kegiatan], error) {
	after, has, err := decodeUrutan(q.Cursor)
	if err != nil {
		return page.Page[Kegiatan]{}, err
	}
	if daftar != DaftarLampiran && daftar != DaftarSiskeudes {
		return page.Page[Kegiatan]{}, fault.Field("query.daftar", "Daftar kegiatan harus lampiran atau siskeudes.")
	}
	v, err := versiFor(ctx, m.db, daftar, q.Tahun)
	if err != nil {
		return page.Page[Kegiatan]{}, err
	}
	limit := q.Size()
	var out []Kegiatan
	if daftar == DaftarLampiran {
		rows := []kegiatanLampiran{}
		sel := m.db.NewSelect().Model(&rows).Where("k.versi = ?", v.Kode).OrderExpr("k.urutan").Limit(int64(limit) + 1)
		if has {
			sel = sel.Where("k.urutan > ?", after.Urutan)
		}
		if err := filterWords(sel, q.Q, "k.kode", "k.nama", "k.nama_siskeudes").Scan(ctx); err != nil {
			return page.Page[Kegiatan]{}, err
		}
		for _, r := range rows {
			out = append(out, Kegiatan{Daftar: daftar, Versi: r.Versi, Kode: r.Kode, Tingkat: r.Tingkat, KodeInduk: r.KodeInduk,
				Nama: r.Nama, Tanda: r.Tanda, RentangKode: r.RentangKode, NamaSiskeudes: r.NamaSiskeudes, urutan: r.Urutan})
		}
	} else {
		rows := []kegiatanSiskeudes{}
		sel := m.db.NewSelect().Model(&rows).Where("s.versi = ?", v.Kode).OrderExpr("s.urutan").Limit(int64(limit) + 1)
		if has {
			sel = sel.Where("s.urutan > ?", after.Urutan)
		}
		if err := filterWords(sel, q.Q, "s.kode", "s.nama").Scan(ctx); err != nil {
			return page.Page[Kegiatan]{}, err
		}
		for _, r := range rows {
			out = append(out, Kegiatan{Daftar: daftar, Versi: r.Versi, Kode: r.Kode, Tingkat: TingkatKegiatan, KodeInduk: r.KodeSubBidang,
				Nama: r.Nama, SamaLampiran: &r.SamaLampiran, NamaTerpotong: &r.NamaTerpotong, urutan: r.Urutan})
		}
	}
	return page.Of(out, limit, func(k Kegiatan) urutanKey { return urutanKey{k.urutan} }), nil
}

// ListSumberDana pages the sumber dana codes in their listed order.
func (m *Module) ListSumberDana(ctx context.Context, p page.Params) (page.Page[SumberDana], error) {
	after, has, err := decodeUrutan(p.Cursor)
	if err != nil {
		return page.Page[SumberDana]{}, err
	}
	limit := p.Size()
	rows := []SumberDana{}
	sel := m.db.NewSelect().Model(&rows).OrderExpr("d.urutan").Limit(int64(limit) + 1)
	if has {
		sel = sel.Where("d.urutan > ?", after.Urutan)
	}
	if err := sel.Scan(ctx); err != nil {
		return page.Page[SumberDana]{}, err
	}
	return page.Of(rows, limit, func(s SumberDana) urutanKey { return urutanKey{s.Urutan} }), nil
}

// filterWords keeps the rows where every word of q matches one of cols
// (case ignored, matched literally): "5.2 honor" finds the honorarium
// objek under 5.2.
func filterWords(sel *bun.SelectQuery, q string, cols ...string) *bun.SelectQuery {
	for _, w := range strings.Fields(q) {
		like := "%" + db.EscapeLike(strings.ToLower(w)) + "%"
		conds := make([]string, len(cols))
		args := make([]any, len(cols))
		for i, c := range cols {
			conds[i] = "lower(" + c + ") LIKE ? ESCAPE '!'"
			args[i] = like
		}
		sel = sel.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	return sel
}
