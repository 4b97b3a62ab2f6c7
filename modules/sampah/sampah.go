// Package sampah is the desa waste management of ngantor (SIMASA): each
// desa's facilities (TPS3R, bank sampah, TPS/depo), the bank sampah's
// nasabah, price list and passbook journal, the TPS3R daily log, the
// household iuran kebersihan ledger, and the figures SIPSN asks for —
// timbulan, pengurangan and penanganan against the Jakstranas targets —
// rolled up to the kecamatan and the kabupaten for the DLH.
//
// The core (this file, store.go, capaian.go, web.go, routes.go) holds the
// types and the reads every part shares; each part (part_*.go) registers
// its own pages and operations.
//
// The module reads only its own tables; the population of a desa, the
// names of wilayah and the kegiatan codes of keuangan come through the
// interfaces below, wired by cmd.
package sampah

import (
	"context"
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Names gives the official name of a wilayah for headers and printouts.
type Names interface {
	Nama(ctx context.Context, kode tenancy.Kode) (string, error)
}

// DesaInfo is a desa of a kecamatan or kabupaten, for the wilayah tables.
type DesaInfo struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// DesaSource lists the desa (kelurahan excluded) inside a kecamatan or a
// kabupaten; cmd wires the wilayah module behind it.
type DesaSource interface {
	DesaIn(ctx context.Context, kode tenancy.Kode) ([]DesaInfo, error)
}

// PendudukSource gives the population of every desa inside a wilayah (the
// latest year the desa's profil records; a desa with none is absent), in
// one call; cmd wires administration behind it.
type PendudukSource interface {
	Penduduk(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]int64, error)
}

// KegiatanSource names a kegiatan code of keuangan's reference (e.g.
// 02.04.15) for year tahun; ok is false for an unknown code. cmd wires
// keuangan behind it.
type KegiatanSource interface {
	NamaKegiatan(ctx context.Context, kode string, tahun int) (nama string, ok bool, err error)
}

// Deps are what the module needs; cmd wires them. All but DB may be nil in
// tests that use the store alone.
type Deps struct {
	DB       *db.DB
	Web      *web.Web
	Authz    Authorizer
	Audit    audit.Recorder // records downloads and prints of personal data (cards, passbooks, arrears)
	Blob     blob.Store
	Names    Names
	Desa     DesaSource
	Penduduk PendudukSource
	Kegiatan KegiatanSource
	BaseURL  string // absolute base of links printed on cards and receipts (QR)
	Logger   *slog.Logger
	Clock    func() time.Time
}

// Module is the sampah bounded context.
type Module struct {
	db       *db.DB
	web      *web.Web
	authz    Authorizer
	audit    audit.Recorder
	blob     blob.Store
	names    Names
	desa     DesaSource
	penduduk PendudukSource
	kegiatan KegiatanSource
	baseURL  string
	pages    *web.Pages
	log      *slog.Logger
	now      func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, blob: d.Blob, names: d.Names, desa: d.Desa,
		penduduk: d.Penduduk, kegiatan: d.Kegiatan, baseURL: d.BaseURL, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	}
	return m
}
