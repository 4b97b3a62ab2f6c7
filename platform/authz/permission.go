package authz

import (
	"github.com/danielgtaylor/huma/v2"
)

// Permission is what an operation needs: an object and an action, e.g.
// {"wilayah", "read"}. Modules declare theirs in policy.go.
type Permission struct {
	Object string
	Action string
}

func (p Permission) String() string { return p.Object + ":" + p.Action }

// Role is a role template: the same permissions wherever it is granted.
type Role string

const (
	Bupati         Role = "bupati"
	AdminKabupaten Role = "admin_kabupaten"
	OPD            Role = "opd"
	Camat          Role = "camat"
	Perbekel       Role = "perbekel"
	Sekdes         Role = "sekdes"
	KaurKeuangan   Role = "kaur_keuangan"
	Kasi           Role = "kasi"
	Operator       Role = "operator"
	ForumPerbekel  Role = "forum_perbekel"
	// PetugasSampah is the staff of a desa's TPS3R or bank sampah: enters
	// setoran and daily logs, sees no other module.
	PetugasSampah Role = "petugas_sampah"
	// StafKecamatan is the kecamatan's staff under the camat (kasi tata
	// pemerintahan, kasi kesra, kasi ekonomi-pembangunan): they coach the
	// desa of their kecamatan and answer their konsultasi.
	StafKecamatan Role = "staf_kecamatan"
)

// Roles lists every role a grant may name.
var Roles = []Role{Bupati, AdminKabupaten, OPD, Camat, Perbekel, Sekdes, KaurKeuangan, Kasi, Operator, ForumPerbekel, PetugasSampah, StafKecamatan}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

const (
	metaPermission = "ngantor.permission"
	metaPublic     = "ngantor.public"
)

// Require is the huma operation metadata declaring its permission:
//
//	huma.Register(api, huma.Operation{…, Metadata: authz.Require(PermRead)}, h)
func Require(p Permission) map[string]any {
	return map[string]any{metaPermission: p}
}

// Public marks an operation that anyone may call, signed in or not.
func Public() map[string]any {
	return map[string]any{metaPublic: true}
}

// Authenticated marks an operation any signed-in user may call, with no
// wilayah target (e.g. GET /me).
func Authenticated() map[string]any {
	return map[string]any{metaPermission: Permission{Object: "session", Action: "self"}}
}

// SessionSelf is the permission Authenticated declares; every signed-in
// user holds it regardless of grants.
var SessionSelf = Permission{Object: "session", Action: "self"}

// Declared reads an operation's declaration.
func Declared(op *huma.Operation) (p Permission, public, ok bool) {
	if op == nil || op.Metadata == nil {
		return Permission{}, false, false
	}
	if v, _ := op.Metadata[metaPublic].(bool); v {
		return Permission{}, true, true
	}
	p, ok = op.Metadata[metaPermission].(Permission)
	return p, false, ok
}
