// Package konsultasi holds the threads a desa opens with its kecamatan
// ("ke tingkat atas, itu namanya konsultasi"): a perangkat asks a section —
// tata pemerintahan, kesra, ekonomi-pembangunan, or the camat — with a
// topic and attachments; kecamatan staff answer; the thread goes baru →
// dijawab → selesai; the kecamatan's response time is measured in working
// days; a thread can become a follow-up point of a pembinaan.
//
// The module reads only its own tables; the follow-up is made by pembinaan
// through the TindakLanjut interface, wired by cmd.
package konsultasi

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Calendar gives the working-day calendar of the kabupaten of a wilayah
// (platform/kalender.Store).
type Calendar interface {
	Kalender(ctx context.Context, k tenancy.Kode) (kalender.Kalender, error)
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

// Pesan is one inbox message (platform/notifikasi).
type Pesan struct {
	Kunci, Judul, Isi, Tautan string
}

// Notifier delivers a message to users' inboxes.
type Notifier interface {
	Notify(ctx context.Context, users []string, p Pesan) (int, error)
}

// Staff lists the users holding any grant exactly at a wilayah.
type Staff interface {
	UsersAt(ctx context.Context, k tenancy.Kode) ([]string, error)
}

// Sesi is a pembinaan session a desa was invited to.
type Sesi struct {
	ID      string
	Judul   string
	Tanggal time.Time
}

// TindakLanjutBaru is a thread turned into a follow-up point of a
// pembinaan.
type TindakLanjutBaru struct {
	PembinaanID string
	Desa        tenancy.Kode
	Uraian      string
	Tenggat     time.Time
	Asal        string // "konsultasi:<id>": a second call adds nothing
}

// TindakLanjut is pembinaan's follow-up points (wired by cmd).
type TindakLanjut interface {
	// SesiDesa lists the sessions a desa was invited to (last two years).
	SesiDesa(ctx context.Context, desa tenancy.Kode) ([]Sesi, error)
	// TambahTindakLanjut adds the point; the user in ctx must be allowed
	// to manage that pembinaan (else fault.Forbidden).
	TambahTindakLanjut(ctx context.Context, in TindakLanjutBaru) (string, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB           *db.DB
	Web          *web.Web
	Authz        Authorizer
	Audit        audit.Recorder
	Blob         blob.Store
	Calendar     Calendar
	Regions      Regions
	Notifier     Notifier
	Staff        Staff
	TindakLanjut TindakLanjut
	Logger       *slog.Logger
	Clock        func() time.Time
}

// Module is the konsultasi bounded context.
type Module struct {
	db           *db.DB
	web          *web.Web
	authz        Authorizer
	audit        audit.Recorder
	blob         blob.Store
	calendar     Calendar
	regions      Regions
	notifier     Notifier
	staff        Staff
	tindakLanjut TindakLanjut
	pages        *web.Pages
	pagesOnce    sync.Once
	log          *slog.Logger
	now          func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, blob: d.Blob, calendar: d.Calendar,
		regions: d.Regions, notifier: d.Notifier, staff: d.Staff, tindakLanjut: d.TindakLanjut,
		log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
