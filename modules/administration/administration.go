// Package administration keeps a desa's government records: who holds which
// post of the SOTK (Permendagri 84/2015) and since which SK, the dusun or
// banjar dinas those posts lead, the BPD and lembaga kemasyarakatan with
// their members and terms, and the profil desa (identity, area, population
// by year, visi and misi) that kecamatan and kabupaten compare.
//
// Business rules live on the types (one Validate per input type in
// validate.go, SOTK.Check, Perangkat.End, Lembaga.CheckAnggota); Module methods are the service the
// API (routes.go), the pages (web.go) and the daily job (jobs.go) share, and
// they read the tenant from the context: every query is scoped to it.
//
// Linking an appointment to an account grants the matching role at the desa
// through Grants; other modules learn who signs a letter through Signer.
package administration

import (
	"context"
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Grants gives and takes back roles; platform/authz.Enforcer satisfies it.
// The module's grants carry the source "perangkat:<appointment id>", so it
// only ever takes back what one of its appointments gave (see syncRoles).
type Grants interface {
	Grant(ctx context.Context, g authz.Grant) error
	Revoke(ctx context.Context, g authz.Grant) error
	Grants(ctx context.Context, userID string) ([]authz.Grant, error)
}

// Users says whether an account exists, so an appointment is never linked
// to an id nobody holds: Exists is nil for an account, a fault.NotFound
// error for none. cmd wires platform/auth's service.
type Users interface {
	Exists(ctx context.Context, userID string) error
}

// Akun is an account a page offers to link to an appointment.
type Akun struct {
	ID    string
	Nama  string
	Email string
}

// Accounts lists the accounts that hold a role at a desa itself (its own
// staff), for the page that links one to an appointment. cmd wires
// platform/auth and platform/authz; nil leaves the page without a picker.
type Accounts interface {
	AccountsAt(ctx context.Context, desa tenancy.Kode) ([]Akun, error)
}

// Authorizer answers permission checks for the pages (the API has the
// platform guard); platform/authz.Enforcer satisfies it.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB     *db.DB
	Grants Grants
	Users  Users
	// Accounts is optional: without it the link page has no list.
	Accounts Accounts
	Authz    Authorizer
	Web      *web.Web
	// Pelatihan is optional: without it the perangkat page has no
	// training history.
	Pelatihan Pelatihan
	Logger    *slog.Logger
	Clock     func() time.Time // nil means time.Now
}

// Module is the administration bounded context.
type Module struct {
	db     *db.DB
	grants Grants
	users  Users
	akun   Accounts
	authz  Authorizer
	web    *web.Web
	pages  *web.Pages
	log    *slog.Logger
	clock  func() time.Time
	// pelatihan is the training history (pembinaan, wired by cmd); nil
	// when absent.
	pelatihan Pelatihan
}

// New builds the module. Pages are parsed here, so a broken template stops
// the process at start rather than on a request.
func New(d Deps) *Module {
	m := &Module{db: d.DB, grants: d.Grants, users: d.Users, akun: d.Accounts, authz: d.Authz, web: d.Web, log: d.Logger, clock: d.Clock,
		pelatihan: d.Pelatihan}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.clock == nil {
		m.clock = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", funcs)
	}
	return m
}

// now is the clock in UTC, truncated to what both engines store.
func (m *Module) now() time.Time { return m.clock().UTC().Truncate(time.Microsecond) }

// today is the calendar date at the desa: terms end on a local date.
func (m *Module) today(desa tenancy.Kode) Tanggal { return civil.Today(m.clock(), desa) }

// thisYear is the year at the desa.
func (m *Module) thisYear(desa tenancy.Kode) int { return m.clock().In(civil.Zone(desa)).Year() }

// Signer is who signs a desa's letters: the active kepala desa.
type Signer struct {
	Nama string `json:"nama"`
	NIP  string `json:"nip,omitempty" doc:"NIP atau NIAP bila ada"`
	// Jabatan is the post's local title with the desa's name, e.g.
	// "Perbekel Bengkel".
	Jabatan string `json:"jabatan"`
	Status  Status `json:"status"`
	// Sebutan is what goes above the signature: Jabatan with the Pj/Plt
	// prefix, e.g. "Plt. Perbekel Bengkel".
	Sebutan string `json:"sebutan"`
}

// Signer returns the active kepala desa of desa, for the signature block of
// a letter (tata naskah dinas). It is fault.NotFound when the post is
// vacant. It sets the tenant itself: the caller may be a job or another
// module working for that desa.
func (m *Module) Signer(ctx context.Context, desa tenancy.Kode) (Signer, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	p, err := m.activeKepalaDesa(ctx)
	if err != nil {
		return Signer{}, err
	}
	nama := m.namaDesa(ctx)
	jabatan := p.Jabatan.Sebutan(desa, nil)
	if nama != "" {
		jabatan += " " + nama
	}
	return Signer{Nama: p.Nama, NIP: p.NIP, Jabatan: jabatan, Status: p.Status, Sebutan: p.Status.Prefix() + jabatan}, nil
}
