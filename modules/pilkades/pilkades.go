// Package pilkades holds a desa's election of its kepala desa (Pilkades):
// the panitia with its SK, the tahapan with deadlines (the kabupaten's
// timeline template for a simultaneous Pilkades, applied to many desa at
// once), the DPT count, the candidates with their nomor urut, the TPS, the
// results per TPS and in total, disputes, and the elected kepala desa, who
// becomes an appointment in administration with the term set for that
// election (UU 3/2024: 8 years; a field of the election, defaulting to the
// law in force). The kabupaten follows every desa's progress.
//
// The module reads only its own tables; the appointment is made by
// administration through the Pengangkatan interface, wired by cmd.
package pilkades

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

// Pelantikan is the elected kepala desa taking office.
type Pelantikan struct {
	Desa tenancy.Kode
	Nama string
	NIK  string
	// SK is the bupati's decree of appointment (SK pengangkatan).
	SKNomor   string
	SKTanggal time.Time
	// Mulai is the day of the pelantikan; Selesai the last day of the term.
	Mulai   time.Time
	Selesai time.Time
}

// Pengangkatan makes the elected kepala desa an appointment in
// administration (wired by cmd). A kepala desa still in post there is
// ended the day before Mulai.
type Pengangkatan interface {
	AngkatKepalaDesa(ctx context.Context, p Pelantikan) (perangkatID string, err error)
}

// OPD is a perangkat daerah of the kabupaten's registry.
type OPD struct {
	Kabupaten tenancy.Kode
	Kode      string
	Nama      string
}

// OPDSource answers which OPD a user belongs to (modules/opd, wired by cmd).
type OPDSource interface {
	OPDOf(ctx context.Context, userID string) (OPD, bool, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	OPD          OPDSource
	DB           *db.DB
	Web          *web.Web
	Authz        Authorizer
	Audit        audit.Recorder
	Regions      Regions
	Pengangkatan Pengangkatan
	Logger       *slog.Logger
	Clock        func() time.Time
}

// Module is the pilkades bounded context.
type Module struct {
	db           *db.DB
	web          *web.Web
	authz        Authorizer
	audit        audit.Recorder
	regions      Regions
	pengangkatan Pengangkatan
	opd          OPDSource
	pages        *web.Pages
	pagesOnce    sync.Once
	log          *slog.Logger
	now          func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, regions: d.Regions,
		pengangkatan: d.Pengangkatan, opd: d.OPD, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
