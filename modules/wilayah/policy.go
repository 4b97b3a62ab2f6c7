package wilayah

import "github.com/ngantor/ngantor/platform/authz"

// PermRead lets a user see regions and the desa list under the wilayah they
// hold a grant at.
var PermRead = authz.Permission{Object: "wilayah", Action: "read"}

// Templates is the module's share of the default grants per role. Every role
// reads regions: each one works inside some wilayah, and the grant's own
// wilayah already bounds what it sees.
func Templates() map[authz.Role][]authz.Permission {
	t := make(map[authz.Role][]authz.Permission, len(authz.Roles))
	for _, r := range authz.Roles {
		t[r] = []authz.Permission{PermRead}
	}
	return t
}
