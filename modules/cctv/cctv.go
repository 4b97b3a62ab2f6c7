// Package cctv is the desa's CCTV registry: each desa's cameras (where
// they stand, what they watch, who owns and paid for them, how long
// recordings are kept), which roles and OPD may open a camera's live link
// and the record of every view, and the health probes' results with the
// uptime of a camera, a desa and a whole wilayah and the cameras down for
// more than a day.
//
// The stream URL is stored without credentials; the credentials sit in
// their own column as a ciphertext (Sealer, platform/secret in cmd). The
// probe itself is modules/cctv/probe; an asynq periodic task runs it.
//
// The core (this file, model.go, store.go, uptime.go, web.go, routes.go)
// holds the types and the reads every part shares; each part (part_*.go)
// registers its own pages, operations and tasks.
//
// Live links. A camera's access list names who may open its live link:
// roles ("role:camat", held at the desa or a wilayah containing it), OPD
// ("opd:SATPOLPP", an opd user of that OPD) and the kabupaten's command
// centre (an opd user of Diskominfo, which runs it: PusatKomando). An
// EMPTY list means only the desa's own perbekel and sekdes may open the
// link: sharing is always a named choice. PermLihat is needed as well.
// Every opening writes one cctv_lihat row (with the viewer's name then)
// in the same transaction as its audit entry; the link, with the
// credentials opened into its userinfo, is only in that POST's answer,
// never in a GET page or JSON.
//
// Probing private addresses. Cameras usually sit on a desa LAN, but a
// probe that dials any address a desa types would let the registry scan
// the kabupaten's internal network. So private and loopback targets are
// refused unless the kabupaten's admin deliberately allows them on
// /wilayah/{kode}/cctv/pengaturan (PermPengaturan, kabupaten level only,
// audited); link-local and cloud metadata addresses stay refused always.
//
// The module reads only its own tables; the kegiatan codes of keuangan,
// the names of wilayah, the desa of a wilayah and their population come
// through the interfaces below, wired by cmd.
package cctv

import (
	"context"
	"log/slog"
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

// GrantSource lists the roles a user holds and where (the enforcer's
// grants): a camera's access list names roles ("role:camat"), so the
// live link asks which roles the viewer holds at a wilayah containing the
// desa.
type GrantSource interface {
	Grants(ctx context.Context, userID string) ([]authz.Grant, error)
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
// latest year its profil records; a desa with none is absent), in one
// call; cmd wires administration behind it.
type PendudukSource interface {
	Penduduk(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]int64, error)
}

// Sealer encrypts credentials at rest (cmd wires platform/secret's keyring,
// NGANTOR_SECRET_KEY). The context binds a ciphertext to its place: a
// camera's credentials open only as that camera's (KredensialContext).
type Sealer interface {
	Seal(plaintext []byte, context string) (string, error)
	Open(ciphertext, context string) ([]byte, error)
}

// KredensialContext is the sealing context of a camera's credentials;
// the plaintext sealed is the JSON of a KameraKredensial.
func KredensialContext(desa tenancy.Kode, kameraID string) string {
	return "cctv:" + string(desa) + ":" + kameraID
}

// KegiatanSource names a kegiatan code of keuangan's reference (e.g.
// 01.01.02) for year tahun; ok is false for an unknown code. cmd wires
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
	Grants   GrantSource
	Audit    audit.Recorder // records every view of a live link and every download
	Secrets  Sealer         // nil: credentials cannot be saved (the form says so)
	Names    Names
	Desa     DesaSource
	Penduduk PendudukSource
	Kegiatan KegiatanSource
	Logger   *slog.Logger
	Clock    func() time.Time
}

// Module is the cctv bounded context.
type Module struct {
	db       *db.DB
	web      *web.Web
	authz    Authorizer
	grants   GrantSource
	audit    audit.Recorder
	secrets  Sealer
	names    Names
	desa     DesaSource
	penduduk PendudukSource
	kegiatan KegiatanSource
	pages    *web.Pages
	log      *slog.Logger
	now      func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, grants: d.Grants, audit: d.Audit, secrets: d.Secrets, names: d.Names,
		desa: d.Desa, penduduk: d.Penduduk, kegiatan: d.Kegiatan, log: d.Logger, now: d.Clock}
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
