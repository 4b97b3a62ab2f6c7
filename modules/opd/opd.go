// Package opd is the kabupaten's registry of perangkat daerah (OPD): each
// sekretariat, dinas, badan, the inspektorat, Satpol PP, the RSUD and the
// kantor camat, with its stable short code, the urusan it handles and
// whether it is still active; and who belongs to which OPD.
//
// Membership is the opd role: adding a member grants authz role opd at
// the OPD's kabupaten with the source "opd:<id>" and sets the user's OPD
// code (auth.User.OPD, which cctv access lists, dossiers and the role
// label read); removing a member takes both back. A user belongs to at
// most one OPD.
//
// Other modules (audiensi, kunjungan) read the registry through Daftar,
// Get, ByKode, OPDOf and Anggota; they never read its tables.
//
// Tabanan's list ships in data/ (SeedReference); see data/SOURCE.md for
// what is uncertain about it.
package opd

import (
	"context"
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Jenis is the kind of a perangkat daerah (UU 23/2014 Pasal 209, PP
// 18/2016: sekretariat daerah and DPRD, inspektorat, dinas, badan; Satpol
// PP, the RSUD as a unit and the kecamatan as perangkat daerah too).
type Jenis string

// The kinds of OPD.
const (
	JenisSekretariat Jenis = "sekretariat"
	JenisDinas       Jenis = "dinas"
	JenisBadan       Jenis = "badan"
	JenisInspektorat Jenis = "inspektorat"
	JenisSatpolPP    Jenis = "satpol_pp"
	JenisRSUD        Jenis = "rsud"
	JenisKecamatan   Jenis = "kecamatan"
)

// SemuaJenis lists every kind, in the order forms offer them.
var SemuaJenis = []Jenis{JenisSekretariat, JenisDinas, JenisBadan, JenisInspektorat, JenisSatpolPP, JenisRSUD, JenisKecamatan}

// Valid reports whether j is one of the kinds.
func (j Jenis) Valid() bool {
	for _, k := range SemuaJenis {
		if j == k {
			return true
		}
	}
	return false
}

// Label is the kind's Bahasa name.
func (j Jenis) Label() string {
	switch j {
	case JenisSekretariat:
		return "Sekretariat"
	case JenisDinas:
		return "Dinas"
	case JenisBadan:
		return "Badan"
	case JenisInspektorat:
		return "Inspektorat"
	case JenisSatpolPP:
		return "Satpol PP"
	case JenisRSUD:
		return "RSUD"
	case JenisKecamatan:
		return "Kecamatan"
	}
	return string(j)
}

// OPD is a perangkat daerah of a kabupaten.
type OPD struct {
	ID        string       `json:"id"`
	Kabupaten tenancy.Kode `json:"kabupaten"`
	Kode      string       `json:"kode"`
	Nama      string       `json:"nama"`
	Singkatan string       `json:"singkatan,omitempty"`
	Jenis     Jenis        `json:"jenis"`
	Urusan    []string     `json:"urusan"`
	Aktif     bool         `json:"aktif"`
}

// Grants gives and takes back roles; platform/authz.Enforcer satisfies
// it. The module's grants carry the source "opd:<id>", so removing a
// member takes back only what their membership gave.
type Grants interface {
	Grant(ctx context.Context, g authz.Grant) error
	Revoke(ctx context.Context, g authz.Grant) error
}

// Users finds accounts and records a user's OPD code on the account;
// platform/auth.Service satisfies it.
type Users interface {
	UserByEmail(ctx context.Context, email string) (auth.User, error)
	UsersByID(ctx context.Context, ids []string) ([]auth.User, error)
	SetOPD(ctx context.Context, userID, kode string) error
}

// Names gives the official name of a wilayah for page headers; nil
// shows the code.
type Names interface {
	Nama(ctx context.Context, kode tenancy.Kode) (string, error)
}

// Deps are what the module needs; cmd wires them. Web and Names may be
// nil (the CLI uses the registry without pages).
type Deps struct {
	DB     *db.DB
	Web    *web.Web
	Names  Names
	Grants Grants
	Users  Users
	Logger *slog.Logger
	Clock  func() time.Time
}

// Module is the opd bounded context.
type Module struct {
	db     *db.DB
	web    *web.Web
	names  Names
	grants Grants
	users  Users
	pages  *web.Pages
	log    *slog.Logger
	clock  func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, names: d.Names, grants: d.Grants, users: d.Users, log: d.Logger, clock: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.clock == nil {
		m.clock = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	}
	return m
}

// now is the clock in UTC, truncated to what both engines store.
func (m *Module) now() time.Time { return m.clock().UTC().Truncate(time.Microsecond) }
