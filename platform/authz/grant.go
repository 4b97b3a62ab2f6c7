package authz

import (
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Grant gives a user a role at a wilayah: the role's template applies there
// and in every desa inside it.
type Grant struct {
	UserID  string
	Role    Role
	Wilayah tenancy.Kode
	// Source says where the grant came from: SourceManual (the CLI, an
	// admin; the default when empty) or what created it, e.g.
	// "perangkat:<id>" for an appointment. One user may hold the same role
	// at the same wilayah through several sources; revoking one source
	// leaves the others, and the user keeps the role while any remains.
	Source string
}

// SourceManual marks a grant given by hand.
const SourceManual = "manual"

// normSource checks a grant's source: short, printable, no spaces.
func normSource(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return SourceManual, nil
	}
	if len(s) > 100 || strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return s, fault.Field("source", "asal izin %q tidak sah", s)
	}
	return s, nil
}

// roleLevels is where each role may be granted. A role granted above its
// tier would silently reach every desa below (a perbekel at a kecamatan
// would run all of its desa), so the tier is part of the role.
// forum_perbekel is the association of perbekel (APDESI), organised per
// kecamatan and per kabupaten.
var roleLevels = map[Role][]tenancy.Level{
	Bupati:         {tenancy.Kabupaten},
	AdminKabupaten: {tenancy.Kabupaten},
	OPD:            {tenancy.Kabupaten},
	Camat:          {tenancy.Kecamatan},
	Perbekel:       {tenancy.Desa},
	Sekdes:         {tenancy.Desa},
	KaurKeuangan:   {tenancy.Desa},
	Kasi:           {tenancy.Desa},
	Operator:       {tenancy.Desa},
	ForumPerbekel:  {tenancy.Kecamatan, tenancy.Kabupaten},
	PetugasSampah:  {tenancy.Desa},
	StafKecamatan:  {tenancy.Kecamatan},
}

// Levels lists the tiers at which r may be granted.
func (r Role) Levels() []tenancy.Level { return roleLevels[r] }

// validate checks g and returns it with its code normalised; failures are
// fault.Invalid with a message for the admin who typed it.
func (g Grant) validate() (Grant, error) {
	g.UserID = strings.TrimSpace(g.UserID)
	if g.UserID == "" {
		return g, fault.Field("user_id", "pengguna wajib diisi")
	}
	if Role(g.UserID).Valid() {
		// Casbin treats a subject equal to a role name as holding that role
		// everywhere; such an id can never be a user.
		return g, fault.Field("user_id", "id pengguna %q tidak sah", g.UserID)
	}
	if !g.Role.Valid() {
		return g, fault.Field("role", "peran %q tidak dikenal", g.Role)
	}
	k, err := tenancy.ParseKode(strings.TrimSpace(string(g.Wilayah)))
	if err != nil {
		return g, fault.Field("wilayah", "kode wilayah %q tidak sah", g.Wilayah)
	}
	g.Wilayah = k
	ok := false
	for _, l := range g.Role.Levels() {
		ok = ok || k.Level() == l
	}
	if !ok {
		return g, fault.Field("wilayah", "peran %s tidak dapat diberikan pada tingkat %s (%s)", g.Role, k.Level(), k)
	}
	if k.Level() == tenancy.Desa && !k.IsDesa() {
		return g, fault.Field("wilayah", "%s adalah kelurahan, bukan desa", k)
	}
	g.Source, err = normSource(g.Source)
	return g, err
}

func (g Grant) rule() []string {
	return []string{g.UserID, string(g.Role), string(g.Wilayah)}
}
