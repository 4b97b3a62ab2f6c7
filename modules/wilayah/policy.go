package wilayah

import "github.com/ngantor/ngantor/platform/authz"

// PermRead lets a user see regions and the desa list under the wilayah they
// hold a grant at.
var PermRead = authz.Permission{Object: "wilayah", Action: "read"}

// PermKalenderRead lets a user read the working-day calendar of the
// kabupaten their wilayah lies in: every service clock they see counts
// on it, so every role at every tier reads it.
var PermKalenderRead = authz.Permission{Object: "kalender", Action: "read"}

// PermKalenderKelola lets the kabupaten admin manage the calendar: confirm
// or add the kabupaten's libur daerah, remove one, and load a year's
// national list that is not loaded yet.
var PermKalenderKelola = authz.Permission{Object: "kalender", Action: "kelola"}

// Templates is the module's share of the default grants per role. Every role
// reads regions and the calendar: each one works inside some wilayah, and
// the grant's own wilayah already bounds what it sees. Only the kabupaten
// admin manages the calendar.
func Templates() map[authz.Role][]authz.Permission {
	t := make(map[authz.Role][]authz.Permission, len(authz.Roles))
	for _, r := range authz.Roles {
		t[r] = []authz.Permission{PermRead, PermKalenderRead}
	}
	t[authz.AdminKabupaten] = append(t[authz.AdminKabupaten], PermKalenderKelola)
	return t
}
