package wilayah

import (
	"context"
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Store loads and reads the wilayah table. The table is global reference
// data, so no query here is tenant-scoped.
//
// Reads go to the pool directly, not through db.Tx: they are single
// statements, and on SQLite a transaction is BEGIN IMMEDIATE, which would
// queue every request's {kode} look-up behind the writer.
type Store struct {
	db *db.DB

	// cache holds found regions by code (at most the 91,599 of the country).
	// Misses are not cached: a region absent now may be seeded by another
	// process (ngantor seed) and must be found without a restart. A cached
	// region cannot go stale because Seed never alters a row it finds; Seed
	// still clears the cache so that a later seed which does is safe here.
	cache sync.Map // tenancy.Kode → Wilayah
}

// NewStore returns a store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Counts tells how many rows of each tier a seed covered and how many of
// them were new to the database (0 when the seed is repeated).
type Counts struct {
	Provinsi  int `json:"provinsi"`
	Kabupaten int `json:"kabupaten"`
	Kota      int `json:"kota"`
	Kecamatan int `json:"kecamatan"`
	Desa      int `json:"desa"`
	Kelurahan int `json:"kelurahan"`
	Inserted  int `json:"inserted"`
}

// Total is the number of rows covered.
func (c Counts) Total() int {
	return c.Provinsi + c.Kabupaten + c.Kota + c.Kecamatan + c.Desa + c.Kelurahan
}

func (c *Counts) add(tingkat string) {
	switch tingkat {
	case TingkatProvinsi:
		c.Provinsi++
	case TingkatKabupaten:
		c.Kabupaten++
	case TingkatKota:
		c.Kota++
	case TingkatKecamatan:
		c.Kecamatan++
	case TingkatDesa:
		c.Desa++
	case TingkatKelurahan:
		c.Kelurahan++
	}
}

// Seed loads the given kabupaten/kota with their provinsi, kecamatan, desa
// and kelurahan. Rows already present are left as they are, so a repeated
// seed changes nothing. A code that is not a kabupaten/kota of the official
// list is fault.Invalid, and then nothing is loaded.
func (s *Store) Seed(ctx context.Context, kabupaten []tenancy.Kode) (Counts, error) {
	if len(kabupaten) == 0 {
		return Counts{}, fault.New(fault.Invalid, "pilih sedikitnya satu kabupaten/kota")
	}
	ds, err := loadDataset()
	if err != nil {
		return Counts{}, err
	}
	known := make(map[tenancy.Kode]bool, 520)
	for _, w := range ds.rows {
		if w.Kode.Level() == tenancy.Kabupaten {
			known[w.Kode] = true
		}
	}
	want := make(map[tenancy.Kode]bool, 2*len(kabupaten))
	for _, k := range kabupaten {
		if k.Level() != tenancy.Kabupaten || !known[k] {
			return Counts{}, fault.New(fault.Invalid, "kabupaten/kota %s tidak dikenal", string(k))
		}
		want[k] = true
		want[k.Up(tenancy.Provinsi)] = true
	}
	rows := make([]Wilayah, 0, 1024*len(kabupaten))
	for _, w := range ds.rows {
		if want[w.Kode.Up(tenancy.Kabupaten)] {
			rows = append(rows, w)
		}
	}
	return s.insert(ctx, rows)
}

// SeedAll loads every region of Indonesia (91,599 rows), leaving rows
// already present as they are.
func (s *Store) SeedAll(ctx context.Context) (Counts, error) {
	ds, err := loadDataset()
	if err != nil {
		return Counts{}, err
	}
	return s.insert(ctx, ds.rows)
}

// seedBatch is the rows per INSERT. bun writes the values into the statement
// text, so no engine's bind-parameter limit applies; 1,000 rows (~90 kB)
// already makes the round trips a small part of a full load.
const seedBatch = 1000

// insert writes rows, parents before children, in one transaction: a seed
// that fails leaves the table as it was.
func (s *Store) insert(ctx context.Context, rows []Wilayah) (Counts, error) {
	var c Counts
	for _, w := range rows {
		c.add(w.Tingkat)
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for start := 0; start < len(rows); start += seedBatch {
			batch := rows[start:min(start+seedBatch, len(rows))]
			n, err := insertBatch(ctx, tx, batch)
			if err != nil {
				return err
			}
			c.Inserted += n
		}
		return nil
	})
	if err != nil {
		return Counts{}, err
	}
	s.cache.Clear()
	return c, nil
}

// insertBatch inserts the rows that are not there yet and says how many were.
func insertBatch(ctx context.Context, tx bun.IDB, batch []Wilayah) (int, error) {
	res, err := tx.NewInsert().Model(&batch).On("CONFLICT (kode) DO NOTHING").Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (s *Store) lookup(ctx context.Context, kode tenancy.Kode) (Wilayah, error) {
	if w, ok := s.cache.Load(kode); ok {
		return w.(Wilayah), nil
	}
	var w Wilayah
	err := s.db.NewSelect().Model(&w).Where("w.kode = ?", kode).Scan(ctx)
	if db.IsNoRows(err) {
		return Wilayah{}, fault.New(fault.NotFound, "wilayah %s tidak ditemukan", string(kode))
	}
	if err != nil {
		return Wilayah{}, err
	}
	s.cache.Store(kode, w)
	return w, nil
}

func (s *Store) children(ctx context.Context, kode tenancy.Kode) ([]Wilayah, error) {
	rows := []Wilayah{}
	err := s.db.NewSelect().Model(&rows).Where("w.parent_kode = ?", kode).Order("w.id").Scan(ctx)
	return rows, err
}

// listDesa pages through the desa inside kode by id, which orders them as
// their codes do (tenancy.Kode.Range): the page is one index range scan.
func (s *Store) listDesa(ctx context.Context, kode tenancy.Kode, q DesaQuery) (Page[Wilayah], error) {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if limit < 1 || limit > MaxLimit {
		return Page[Wilayah]{}, fault.Field("query.limit", "limit harus antara 1 dan %d", MaxLimit)
	}
	// The filter goes into a LIKE: a NUL or broken UTF-8 in it is an
	// internal error on PostgreSQL, so it is refused here as the user's.
	var p valid.Problems
	p.Text("query.nama", "Nama", q.Nama, 0, 100)
	if err := p.Err(); err != nil {
		return Page[Wilayah]{}, err
	}
	after, err := decodeCursor(q.Cursor, parseDesaKode)
	if err != nil {
		return Page[Wilayah]{}, err
	}
	lo, hi := kode.Range()
	if after != "" {
		lo = max(lo, after.ID()+1)
	}
	rows := []Wilayah{}
	sel := s.db.NewSelect().Model(&rows).
		Where("w.tingkat = ?", TingkatDesa).
		Where("w.id BETWEEN ? AND ?", lo, hi).
		Order("w.id").
		Limit(int64(limit) + 1)
	if q.Nama != "" {
		// lower() on both sides: SQLite's LIKE folds ASCII only and
		// PostgreSQL's LIKE folds nothing.
		sel = sel.Where("lower(w.nama) LIKE ? ESCAPE '!'", "%"+db.EscapeLike(strings.ToLower(q.Nama))+"%")
	}
	if err := sel.Scan(ctx); err != nil {
		return Page[Wilayah]{}, err
	}
	return newPage(rows, limit, func(w Wilayah) string { return string(w.Kode) }), nil
}

// parseDesaKode accepts what listDesa puts in a cursor: a desa-level code.
func parseDesaKode(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil {
		return "", err
	}
	if k.Level() != tenancy.Desa {
		return "", fault.New(fault.Invalid, "bukan kode desa")
	}
	return k, nil
}

// desaIn is every desa (kelurahan excluded) inside kode, by code: one index
// range scan. Callers bound kode to a kabupaten at most.
func (s *Store) desaIn(ctx context.Context, kode tenancy.Kode) ([]Wilayah, error) {
	lo, hi := kode.Range()
	rows := []Wilayah{}
	err := s.db.NewSelect().Model(&rows).
		Where("w.tingkat = ?", TingkatDesa).
		Where("w.id BETWEEN ? AND ?", lo, hi).
		Order("w.id").Scan(ctx)
	return rows, err
}
