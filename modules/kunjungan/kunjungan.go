// Package kunjungan is "ngantor di desa": the bupati, the Sekda and the OPD
// work from one desa for a day. The kabupaten schedules a visit (desa,
// date, agenda, the OPD taking part), the desa adds the points and issues
// it wants raised, each audience gets a briefing dossier built in the
// background from the other modules' dossier sections and indicators, what
// is promised on the day is followed up as commitments, and a report is
// built when the visit closes. The dashboards of the kabupaten and the
// kecamatan read the modules' indicators and this module's own tables.
//
// The module reads only its own tables. The OPD registry, the dossier
// sections, the indicators and the inboxes reach it through the
// interfaces below, wired by cmd.
package kunjungan

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
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
	// Anggota lists the user ids of an OPD's members.
	Anggota(ctx context.Context, opdID string) ([]string, error)
	// Daftar lists the OPD of a kabupaten.
	Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error)
}

// Regions names wilayah and lists the desa under one.
type Regions interface {
	Exists(ctx context.Context, k tenancy.Kode) error
	Nama(ctx context.Context, k tenancy.Kode) (string, error)
	// DesaIn lists the desa of a kecamatan or kabupaten (a desa: itself).
	DesaIn(ctx context.Context, k tenancy.Kode) ([]Desa, error)
}

// Desa is one desa as the dashboards and the bulk dossiers list it.
type Desa struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// SectionSource is one module's part of a dossier (ARCHITECTURE.md,
// "Cross-module contracts"): keuangan, sampah, cctv, umkm, audiensi, and
// the desa profile. A module that is not wired yields no section.
type SectionSource interface {
	DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error)
}

// Notifier delivers a message to users' inboxes (platform/notifikasi).
type Notifier interface {
	Kirim(ctx context.Context, userIDs []string, p Pesan) error
}

// Pesan is one inbox message; Kunci makes a repeat a no-op per user.
type Pesan struct {
	Kunci, Judul, Isi, Tautan string
}

// Staff lists the users who hold any grant at exactly a wilayah (for the
// inboxes of the bupati's office, the camat and the perbekel; the module
// filters them by permission).
type Staff interface {
	UsersAt(ctx context.Context, k tenancy.Kode) ([]string, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB    *db.DB
	Web   *web.Web
	Authz Authorizer
	Audit audit.Recorder
	OPD   OPDSource
	// Regions checks and names desa and lists the desa of a wilayah.
	Regions Regions
	// Blob keeps the dossiers and reports.
	Blob blob.Store
	// Sections are the modules' dossier sections in the order a dossier
	// prints them; Profil is the desa profile, printed first.
	Profil   SectionSource
	Sections []SectionSource
	// Audiensi lists the audiensi received during a visit, for its report.
	Audiensi AudiensiSource
	// Indicators are the modules' figures per desa, for the comparison
	// with the kecamatan and kabupaten medians and the dashboards.
	Indicators func() []indicator.Provider
	// RoleMay says whether a role's default grants hold a permission: a
	// dossier shows its audience only what its role may see.
	RoleMay func(role authz.Role, p authz.Permission) bool
	// Notifier and Staff deliver reminders and reports; without them none
	// is sent.
	Notifier Notifier
	Staff    Staff
	// Terlambat counts the overdue audiensi per OPD for the dashboards.
	Terlambat AudiensiTerlambat
	Logger    *slog.Logger
	Clock     func() time.Time
}

// Module is the kunjungan bounded context.
type Module struct {
	db         *db.DB
	web        *web.Web
	authz      Authorizer
	audit      audit.Recorder
	opd        OPDSource
	regions    Regions
	blob       blob.Store
	profil     SectionSource
	sections   []SectionSource
	audiensi   AudiensiSource
	indicators func() []indicator.Provider
	roleMay    func(role authz.Role, p authz.Permission) bool
	notifier   Notifier
	staff      Staff
	pages      *web.Pages
	pagesOnce  *sync.Once // a pointer: the demo works on a copy of the module with its own clock
	terlambat  AudiensiTerlambat
	indCache   *indicator.Cache
	log        *slog.Logger
	now        func() time.Time
	susun      dokumenFunc // tests put a small document in place of Susun
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, opd: d.OPD, regions: d.Regions, blob: d.Blob,
		profil: d.Profil, sections: d.Sections, audiensi: d.Audiensi, indicators: d.Indicators, roleMay: d.RoleMay,
		notifier: d.Notifier, staff: d.Staff, log: d.Logger, now: d.Clock}
	m.terlambat = d.Terlambat
	m.pagesOnce, m.indCache = new(sync.Once), new(indicator.Cache)
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}

// Now is the module's clock (tests date their fixtures by it).
func (m *Module) Now() time.Time { return m.now() }
