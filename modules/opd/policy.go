package opd

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one.
var (
	// PermRead: the kabupaten's OPD list — names, codes, kinds, urusan,
	// whether active and how many members each has.
	PermRead = authz.Permission{Object: "opd", Action: "read"}
	// PermKelola: adding and editing OPD (never deleting: switching off)
	// and deciding who belongs to which, which grants or takes back the
	// opd role.
	PermKelola = authz.Permission{Object: "opd", Action: "kelola"}
)

// Templates is the module's share of the default grants per role.
//
//   - admin_kabupaten keeps the registry and its members.
//   - every other kabupaten and kecamatan role (bupati, opd, camat,
//     forum_perbekel) reads it; so do the desa roles, which need the OPD
//     names (an audiensi is disposed to one, a dossier is for one).
func Templates() map[authz.Role][]authz.Permission {
	read := []authz.Permission{PermRead}
	return map[authz.Role][]authz.Permission{
		authz.AdminKabupaten: {PermRead, PermKelola},
		authz.Bupati:         read,
		authz.OPD:            read,
		authz.Camat:          read,
		authz.ForumPerbekel:  read,
		authz.Perbekel:       read,
		authz.Sekdes:         read,
		authz.KaurKeuangan:   read,
		authz.Kasi:           read,
		authz.Operator:       read,
		authz.PetugasSampah:  read,
	}
}
