package umkm

import (
	"context"
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Reading many desa at once. The public catalogue of a kecamatan and the
// wilayah pages read the UMKM of several desa in one query: the tenant in
// the context is the kecamatan or kabupaten itself (its desa id range, as
// sampah's capaian does), published to PostgreSQL's row-level security by
// db.Tx, and every query also names the desa ids DesaSource lists for the
// wilayah. The range keeps another kecamatan's rows out (code and RLS);
// the id list keeps a kelurahan's out, whose ids lie inside the range.

// cari is a search over the UMKM of some desa.
type cari struct {
	desa   []int64 // the desa the search covers; none finds nothing
	q      string  // in the business's name or a product's name
	sektor string  // a KBLI kategori letter, "" for all
	aktif  bool    // aktif businesses only (the public catalogue)
	hal    int     // page, from 1
	per    int     // rows per page
}

// Bounds of a search.
const (
	maxCari   = 60   // characters of q
	maxHal    = 1000 // pages
	perKatalg = 20   // businesses per page of the catalogue
	perDaftar = 25   // rows per page of a wilayah's list
)

// normal bounds c's page and query.
func (c cari) normal() cari {
	c.q = squeeze(c.q)
	if r := []rune(c.q); len(r) > maxCari {
		c.q = string(r[:maxCari])
	}
	c.sektor = strings.ToUpper(strings.TrimSpace(c.sektor))
	if len(c.sektor) != 1 || c.sektor < "A" || c.sektor > "U" {
		c.sektor = ""
	}
	c.hal = min(max(c.hal, 1), maxHal)
	if c.per < 1 {
		c.per = perKatalg
	}
	return c
}

// cariUmkm lists one page of the UMKM c finds, in the tenant's range,
// ordered by desa and name; lagi says whether a next page exists.
func cariUmkm(ctx context.Context, tx bun.Tx, c cari) (rows []Umkm, lagi bool, err error) {
	if len(c.desa) == 0 {
		return nil, false, nil
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&rows), "u.desa_id")
	if err != nil {
		return nil, false, err
	}
	q = q.Where("u.desa_id IN (?)", bun.In(c.desa))
	if c.aktif {
		q = q.Where("u.status = ?", StatusAktif)
	}
	if c.sektor != "" {
		q = q.Where("u.sektor = ?", c.sektor)
	}
	if c.q != "" {
		pat := "%" + db.EscapeLike(strings.ToLower(c.q)) + "%"
		q = q.Where("(lower(u.nama) LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM umkm_produk AS p"+
			" WHERE p.desa_id = u.desa_id AND p.umkm_id = u.id AND lower(p.nama) LIKE ? ESCAPE '!'))", pat, pat)
	}
	err = q.OrderExpr("u.desa_id, u.nama, u.id").Limit(int64(c.per + 1)).Offset(int64((c.hal - 1) * c.per)).Scan(ctx)
	if len(rows) > c.per {
		rows, lagi = rows[:c.per], true
	}
	return rows, lagi, err
}

// sektorAda lists the sektor letters the UMKM of desa use (aktif ones
// only when aktif), for the filter.
func sektorAda(ctx context.Context, tx bun.Tx, desa []int64, aktif bool) ([]string, error) {
	var out []string
	if len(desa) == 0 {
		return nil, nil
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model((*Umkm)(nil)).Column("u.sektor").Distinct(), "u.desa_id")
	if err != nil {
		return nil, err
	}
	q = q.Where("u.desa_id IN (?)", bun.In(desa))
	if aktif {
		q = q.Where("u.status = ?", StatusAktif)
	}
	err = q.OrderExpr("u.sektor").Scan(ctx, &out)
	return out, err
}

// kunci is an UMKM's key, for reading its products and photos.
type kunci struct {
	desa int64
	id   string
}

func kunciOf(us []Umkm) (desa []int64, ids []string) {
	seen := map[int64]bool{}
	for _, u := range us {
		if !seen[u.DesaID] {
			seen[u.DesaID] = true
			desa = append(desa, u.DesaID)
		}
		ids = append(ids, u.ID)
	}
	return desa, ids
}

// produkOf reads the products of us, one query, by business.
func produkOf(ctx context.Context, tx bun.Tx, us []Umkm) (map[kunci][]Produk, error) {
	out := map[kunci][]Produk{}
	if len(us) == 0 {
		return out, nil
	}
	desa, ids := kunciOf(us)
	var ps []Produk
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ps), "p.desa_id")
	if err != nil {
		return nil, err
	}
	err = q.Where("p.desa_id IN (?)", bun.In(desa)).Where("p.umkm_id IN (?)", bun.In(ids)).
		OrderExpr("p.desa_id, p.umkm_id, p.nama, p.id").Scan(ctx)
	for _, p := range ps {
		k := kunci{p.DesaID, p.UmkmID}
		out[k] = append(out[k], p)
	}
	return out, err
}

// fotoPertama reads the first photo of each of us, one query.
func fotoPertama(ctx context.Context, tx bun.Tx, us []Umkm) (map[kunci]Foto, error) {
	out := map[kunci]Foto{}
	if len(us) == 0 {
		return out, nil
	}
	desa, ids := kunciOf(us)
	var fs []Foto
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&fs).Column("f.desa_id", "f.id", "f.umkm_id"), "f.desa_id")
	if err != nil {
		return nil, err
	}
	err = q.Where("f.desa_id IN (?)", bun.In(desa)).Where("f.umkm_id IN (?)", bun.In(ids)).
		OrderExpr("f.desa_id, f.umkm_id, f.created_at, f.id").Scan(ctx)
	for _, f := range fs {
		k := kunci{f.DesaID, f.UmkmID}
		if _, ok := out[k]; !ok {
			out[k] = f
		}
	}
	return out, err
}

// desaIDs are the ids of ds.
func desaIDs(ds []DesaInfo) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.Kode.ID()
	}
	return out
}

// namaSektor maps a KBLI kategori letter to its name as pages show it:
// the part before the first semicolon ("Perdagangan Besar dan Eceran"
// for G), which is what the kategori is known by. Built once.
var namaSektor = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	ks, err := KategoriKBLIList()
	if err != nil {
		return out
	}
	for _, k := range ks {
		nama, _, _ := strings.Cut(k.Nama, ";")
		out[k.Kode] = strings.TrimSpace(nama)
	}
	return out
})

// sektorNama is the name of kategori kode (kode itself when unknown).
func sektorNama(kode string) string {
	if n, ok := namaSektor()[kode]; ok {
		return n
	}
	return kode
}
