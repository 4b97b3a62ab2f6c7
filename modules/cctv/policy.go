package cctv

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one.
var (
	// PermRead: a desa's camera registry — name, place, what it watches,
	// purpose, owner, funding, retention, status and health — never the
	// stream URL or its credentials.
	PermRead = authz.Permission{Object: "cctv", Action: "read"}
	// PermKelola: recording and changing cameras (stream URL and
	// credentials included) and deciding who may open each live link.
	PermKelola = authz.Permission{Object: "cctv", Action: "kelola"}
	// PermLihat: opening a camera's live link. Necessary, not sufficient:
	// the camera's own access list (cctv_akses) must also name the
	// user's role or OPD, and every view is recorded (cctv_lihat).
	PermLihat = authz.Permission{Object: "cctv", Action: "lihat"}
	// PermStatus: health figures without any link — uptime per camera,
	// desa and wilayah, and the cameras down for more than a day.
	PermStatus = authz.Permission{Object: "cctv", Action: "status"}
	// PermPengaturan: a kabupaten's probe settings (interval, and whether
	// private LAN addresses may be probed). Not among the four the issue
	// names: the settings table needs a writer, and it is a kabupaten
	// decision no desa role should take.
	PermPengaturan = authz.Permission{Object: "cctv", Action: "pengaturan"}
)

// Templates is the module's share of the default grants per role.
//
//   - perbekel and sekdes run the desa's registry: they record cameras,
//     set each camera's access list, open live links the list allows and
//     read the health figures.
//   - kasi and operator read the registry and its health (they keep the
//     notebook today) but neither change it nor open links.
//   - camat, bupati and opd read every camera of their wilayah and its
//     health, and may open a live link where the camera's list names
//     them (Satpol PP, Dishub, BPBD are opd users; the list says which
//     OPD); the DLH reads health through the same grant.
//   - admin_kabupaten reads the registry and health and sets the
//     kabupaten's probe settings; it opens no link.
//   - forum_perbekel sees health figures only (PermStatus).
//   - kaur_keuangan and petugas_sampah have no share.
func Templates() map[authz.Role][]authz.Permission {
	desa := []authz.Permission{PermRead, PermKelola, PermLihat, PermStatus}
	wilayah := []authz.Permission{PermRead, PermLihat, PermStatus}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.Kasi:           {PermRead, PermStatus},
		authz.Operator:       {PermRead, PermStatus},
		authz.Camat:          wilayah,
		authz.Bupati:         wilayah,
		authz.OPD:            wilayah,
		authz.AdminKabupaten: {PermRead, PermStatus, PermPengaturan},
		authz.ForumPerbekel:  {PermStatus},
	}
}
