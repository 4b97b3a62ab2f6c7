// Package wilayah knows Indonesia's administrative regions — provinsi,
// kabupaten/kota, kecamatan, desa and kelurahan — by their official codes,
// and which of them are ngantor's tenants (the desa). It sits at the bottom
// of the module graph: every other module and the platform's HTTP middleware
// resolve a {kode} through it, and it depends on no other module.
//
// The region list ships inside the binary (data/, from cahyadsn/wilayah,
// MIT; see data/SOURCE.md) and is loaded into the database by Seed, one
// kabupaten at a time or the whole country.
package wilayah

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Tingkat values as the official list writes them. A code's level alone
// cannot tell kabupaten from kota or desa from kelurahan, so the tier is
// stored.
const (
	TingkatProvinsi  = "provinsi"
	TingkatKabupaten = "kabupaten"
	TingkatKota      = "kota"
	TingkatKecamatan = "kecamatan"
	TingkatDesa      = "desa"
	TingkatKelurahan = "kelurahan"
)

// Wilayah is one region. Population and area are known for provinsi and
// kabupaten/kota only (BIG, Desember 2024) and are nil elsewhere.
type Wilayah struct {
	bun.BaseModel `bun:"table:wilayah,alias:w" json:"-"`

	Kode              tenancy.Kode `bun:"kode,pk" json:"kode"`
	ID                int64        `bun:"id,notnull" json:"id"`
	ParentKode        tenancy.Kode `bun:"parent_kode,nullzero" json:"parent_kode,omitempty"`
	Nama              string       `bun:"nama,notnull" json:"nama"`
	Tingkat           string       `bun:"tingkat,notnull" json:"tingkat" enum:"provinsi,kabupaten,kota,kecamatan,desa,kelurahan"`
	PendudukLaki      *int64       `bun:"penduduk_laki" json:"penduduk_laki,omitempty"`
	PendudukPerempuan *int64       `bun:"penduduk_perempuan" json:"penduduk_perempuan,omitempty"`
	PendudukTotal     *int64       `bun:"penduduk_total" json:"penduduk_total,omitempty"`
	LuasKm2           *float64     `bun:"luas_km2" json:"luas_km2,omitempty"`
}

// IsTenant reports whether the wilayah is a desa, the only tier that is a
// tenant of ngantor.
func (w Wilayah) IsTenant() bool { return w.Tingkat == TingkatDesa }

// Deps are what the module needs.
type Deps struct {
	DB *db.DB
	// Authz decides which columns of the desa table a user sees (each
	// indicator names its permission); nil shows none of them.
	Authz Authorizer
	// Indicators lists the providers of the desa table's figures, asked on
	// every request: cmd builds the other modules after this one and wires
	// every module's provider here.
	Indicators func() []indicator.Provider
	Clock      func() time.Time // nil means time.Now
}

// Module is the wilayah bounded context.
type Module struct {
	store     *Store
	authz     Authorizer
	providers func() []indicator.Provider
	clock     func() time.Time
	kalender  *kalender.Store
	web       *web.Web // set by Routes: which page forms a user may send
}

// New builds the module.
func New(deps Deps) *Module {
	m := &Module{store: NewStore(deps.DB), authz: deps.Authz, providers: deps.Indicators, clock: clockOrNow(deps.Clock)}
	m.kalender = kalender.NewStore(deps.DB, m.clock)
	if m.authz == nil {
		m.authz = denyAll{}
	}
	if m.providers == nil {
		m.providers = func() []indicator.Provider { return nil }
	}
	return m
}

type denyAll struct{}

func (denyAll) Allowed(context.Context, string, tenancy.Kode, authz.Permission) (bool, error) {
	return false, nil
}

// Store gives the seeding commands (ngantor dev, ngantor seed) the loader.
func (m *Module) Store() *Store { return m.store }

// Lookup returns the wilayah with code kode, or a fault.NotFound error. The
// platform's HTTP middleware calls it on every request that names a {kode},
// so found regions are kept in memory. The population pointers of the result
// are shared with that memory: read them, never write through them.
func (m *Module) Lookup(ctx context.Context, kode tenancy.Kode) (Wilayah, error) {
	return m.store.lookup(ctx, kode)
}

// Children returns the regions directly under kode, in code order.
func (m *Module) Children(ctx context.Context, kode tenancy.Kode) ([]Wilayah, error) {
	return m.store.children(ctx, kode)
}

// DesaQuery selects one page of desa under a wilayah.
type DesaQuery struct {
	Cursor string // from the previous page's NextCursor; "" for the first page
	Limit  int    // 1..MaxLimit; 0 means DefaultLimit
	Nama   string // case-insensitive substring of the name; "" for all
}

// Page sizes of ListDesa (ARCHITECTURE.md: limit ≤ 100).
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// ListDesa returns the desa (tenants; kelurahan excluded) inside kode,
// ordered by code. A wilayah that does not exist is fault.NotFound; a cursor
// that does not decode is fault.Invalid.
func (m *Module) ListDesa(ctx context.Context, kode tenancy.Kode, q DesaQuery) (Page[Wilayah], error) {
	if _, err := m.store.lookup(ctx, kode); err != nil {
		return Page[Wilayah]{}, err
	}
	return m.store.listDesa(ctx, kode, q)
}

// KabupatenDimuat lists the kabupaten and kota whose regions are loaded,
// in code order.
func (m *Module) KabupatenDimuat(ctx context.Context) ([]tenancy.Kode, error) {
	var out []tenancy.Kode
	err := m.store.db.NewSelect().Model((*Wilayah)(nil)).Column("kode").
		Where("w.tingkat IN (?, ?)", TingkatKabupaten, TingkatKota).Order("w.id").Scan(ctx, &out)
	return out, err
}
