// Package program holds the kabupaten's RPJM (visi → misi → tujuan →
// sasaran → indikator kinerja, with baselines and yearly targets) and the
// programmes that should serve it: the desa's own (linked to a kegiatan of
// its APBDes, or standalone with a funding source) and the OPD's located
// in a desa, each tagged to RPJM sasaran with output and outcome targets
// and realisations. Its views show which sasaran no desa programme serves,
// where a desa and an OPD do the same thing in the same desa and year, and
// how much of each desa's belanja serves the RPJM ("program 1 jalur");
// the alignment is an indicator for the forum panel.
//
// The module reads only its own tables; the APBDes kegiatan, the OPD
// registry and the region names reach it through the interfaces below,
// wired by cmd.
package program

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// OPD is a perangkat daerah of the kabupaten's registry.
type OPD struct {
	ID        string
	Kabupaten tenancy.Kode
	Kode      string
	Nama      string
	Aktif     bool
}

// OPDSource is the kabupaten's OPD registry (modules/opd, wired by cmd).
type OPDSource interface {
	// OPDByID finds an OPD; an unknown id is a fault.NotFound.
	OPDByID(ctx context.Context, id string) (OPD, error)
	// OPDOf is the OPD a user belongs to.
	OPDOf(ctx context.Context, userID string) (OPD, bool, error)
	// Daftar lists the OPD of a kabupaten.
	Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error)
}

// Desa is one desa of a wilayah.
type Desa struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// Regions names wilayah and lists the desa under one.
type Regions interface {
	Exists(ctx context.Context, k tenancy.Kode) error
	Nama(ctx context.Context, k tenancy.Kode) (string, error)
	// DesaIn lists the desa of a kecamatan or kabupaten (a desa: itself).
	DesaIn(ctx context.Context, k tenancy.Kode) ([]Desa, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB      *db.DB
	Web     *web.Web
	Authz   Authorizer
	Audit   audit.Recorder
	OPD     OPDSource
	Regions Regions
	// APBDes is keuangan's view of the desa's APBDes kegiatan and belanja.
	APBDes APBDesSource
	Logger *slog.Logger
	Clock  func() time.Time
}

// Module is the program bounded context.
type Module struct {
	db        *db.DB
	web       *web.Web
	authz     Authorizer
	audit     audit.Recorder
	opd       OPDSource
	regions   Regions
	apbdes    APBDesSource
	pages     *web.Pages
	pagesOnce sync.Once
	log       *slog.Logger
	now       func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, opd: d.OPD, regions: d.Regions,
		apbdes: d.APBDes, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
