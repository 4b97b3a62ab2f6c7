// Package pembinaan holds the coaching of perangkat desa: a kabupaten unit
// (DPMD, Bagian Pemerintahan) or a kecamatan (camat, kasi tapem, kasi
// kesra) plans a pembinaan at a desa, a bimtek for many desa or a
// sosialisasi; the invited desa see the invitation; attendance is ticked
// per perangkat at the door; materials, notes and follow-up points per desa
// are kept; every perangkat's training history and the coverage of a
// kecamatan or kabupaten (which desa and posts had which topic in the last
// two years, who was never trained since appointment) follow from it.
//
// The module reads only its own tables. The perangkat in post come from
// administration, region names from wilayah and the OPD registry from opd,
// through the interfaces below, wired by cmd.
package pembinaan

import (
	"context"
	"log/slog"
	"sync"
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
	// OPDOf is the OPD a user belongs to.
	OPDOf(ctx context.Context, userID string) (OPD, bool, error)
	// OPDByID finds an OPD; an unknown id is a fault.NotFound.
	OPDByID(ctx context.Context, id string) (OPD, error)
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

// Perangkat is one person in post in a desa today (administration).
type Perangkat struct {
	Desa tenancy.Kode
	// ID is administration's appointment id.
	ID   string
	Nama string
	// Jabatan is the post's code (kepala_desa, sekretaris_desa,
	// kaur_keuangan, kasi_pelayanan, kepala_kewilayahan, …) and Sebutan its
	// name as the desa calls it ("Kelian Banjar Dinas Delod Puri").
	Jabatan string
	Sebutan string
	// Mulai is the first day of the appointment.
	Mulai time.Time
}

// PerangkatSource lists the perangkat in post (modules/administration,
// wired by cmd).
type PerangkatSource interface {
	// Aktif lists the perangkat in post today in every desa of a wilayah
	// (a desa: its own), in one query for the whole wilayah.
	Aktif(ctx context.Context, wilayah tenancy.Kode) ([]Perangkat, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB        *db.DB
	Web       *web.Web
	Authz     Authorizer
	Audit     audit.Recorder
	Blob      blob.Store
	OPD       OPDSource
	Regions   Regions
	Perangkat PerangkatSource
	Logger    *slog.Logger
	Clock     func() time.Time
}

// Module is the pembinaan bounded context.
type Module struct {
	db        *db.DB
	web       *web.Web
	authz     Authorizer
	audit     audit.Recorder
	blob      blob.Store
	opd       OPDSource
	regions   Regions
	perangkat PerangkatSource
	pages     *web.Pages
	pagesOnce sync.Once
	log       *slog.Logger
	now       func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, blob: d.Blob, opd: d.OPD,
		regions: d.Regions, perangkat: d.Perangkat, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
