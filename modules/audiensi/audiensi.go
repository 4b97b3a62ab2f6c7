// Package audiensi is how a desa's residents are heard in ngantor: their
// aspirations and complaints, sent through a public form, entered at the
// kantor desa or heard during the bupati's field visits, verified by the
// desa (or the bupati's staff), routed to the OPD that must answer or kept
// by the desa, followed up and closed, on LAPOR!-style clocks of working
// days (platform/kalender). The reporter follows it with a tracking code;
// each OPD works a queue of what is disposed to it across the kabupaten.
//
// The module reads only its own tables. OPD come from the opd registry and
// the calendar from platform/kalender, through the interfaces below, wired
// by cmd.
package audiensi

import (
	"context"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/secret"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// OPD is a perangkat daerah an audiensi may be disposed to.
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
	// OPDByKode finds an OPD of a kabupaten by its code.
	OPDByKode(ctx context.Context, kabupaten tenancy.Kode, kode string) (OPD, bool, error)
	// OPDOf is the OPD a user belongs to.
	OPDOf(ctx context.Context, userID string) (OPD, bool, error)
	// Anggota lists the user ids of an OPD's members.
	Anggota(ctx context.Context, opdID string) ([]string, error)
}

// Calendar gives the working-day calendar of the kabupaten of a wilayah
// (platform/kalender.Store).
type Calendar interface {
	Kalender(ctx context.Context, k tenancy.Kode) (kalender.Kalender, error)
}

// Regions checks that a wilayah is loaded (the public form's desa) and
// names it.
type Regions interface {
	Exists(ctx context.Context, k tenancy.Kode) error
	Nama(ctx context.Context, k tenancy.Kode) (string, error)
}

// Kunjungan is the kabupaten's field visits (modules/kunjungan, wired by
// cmd): an audiensi heard during a visit carries the visit's id.
type Kunjungan interface {
	// KunjunganDi names a visit to desa that is planned, under way or
	// held; ok is false for an unknown, another desa's or a cancelled one.
	KunjunganDi(ctx context.Context, desa tenancy.Kode, id string) (judul string, ok bool, err error)
	// KunjunganTerkini lists the desa's latest such visits, latest first.
	KunjunganTerkini(ctx context.Context, desa tenancy.Kode) ([]KunjunganOpsi, error)
}

// KunjunganOpsi is a visit as the entry form offers it.
type KunjunganOpsi struct {
	ID, Judul string
	Tanggal   civil.Date
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB    *db.DB
	Web   *web.Web
	Authz Authorizer
	Audit audit.Recorder
	OPD   OPDSource
	// OPDList lists a kabupaten's OPD for the disposition form; nil
	// offers only the desa.
	OPDList  OPDLister
	Calendar Calendar
	Regions  Regions
	// Redis keeps the public form's per-IP counters and spent proofs; nil
	// turns both off (tests of the rules alone).
	Redis redis.UniversalClient
	// Blob keeps the photos.
	Blob blob.Store
	// Secrets seal the public form's proof tokens.
	Secrets *secret.Keyring
	// Notifier and Staff deliver the reminders; without them none is sent.
	Notifier Notifier
	Staff    Staff
	// Kunjungan checks the visit an audiensi was heard on; nil refuses
	// the kanal kunjungan.
	Kunjungan Kunjungan
	Logger    *slog.Logger
	Clock     func() time.Time
}

// Module is the audiensi bounded context.
type Module struct {
	db       *db.DB
	web      *web.Web
	authz    Authorizer
	audit    audit.Recorder
	opd      OPDSource
	opdList  OPDLister
	calendar Calendar
	regions  Regions
	rdb      redis.UniversalClient
	secrets  *secret.Keyring
	blob     blob.Store
	notifier Notifier
	staff    Staff
	kunj     Kunjungan
	ref      Referensi
	pages    *web.Pages
	log      *slog.Logger
	now      func() time.Time
}

// New builds the module; the shipped categories must parse.
func New(d Deps) (*Module, error) {
	ref, err := LoadReferensi()
	if err != nil {
		return nil, err
	}
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, opd: d.OPD, opdList: d.OPDList, calendar: d.Calendar,
		regions: d.Regions, rdb: d.Redis, secrets: d.Secrets, blob: d.Blob, notifier: d.Notifier, staff: d.Staff, kunj: d.Kunjungan, ref: ref, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m, nil
}

// Referensi is the shipped tiers and categories.
func (m *Module) Referensi() Referensi { return m.ref }
