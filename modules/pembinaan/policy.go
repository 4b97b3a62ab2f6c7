package pembinaan

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
var (
	// PermBaca: the sessions planned in or for a wilayah; a desa sees the
	// invitations it received, with materials and its own attendance.
	PermBaca = authz.Permission{Object: "pembinaan", Action: "baca"}
	// PermKelola: planning a session (kabupaten unit or kecamatan),
	// inviting desa, ticking attendance at the door, materials, notes and
	// follow-up points.
	PermKelola = authz.Permission{Object: "pembinaan", Action: "kelola"}
	// PermTindakLanjut: the desa reports progress on its own follow-up
	// points (status and a note).
	PermTindakLanjut = authz.Permission{Object: "pembinaan", Action: "tindak-lanjut"}
	// PermCakupan: coverage per kecamatan and kabupaten — which desa and
	// posts had which topic, who was never trained since appointment.
	PermCakupan = authz.Permission{Object: "pembinaan", Action: "cakupan"}
	// PermStatistik: the share of perangkat trained, as an indicator
	// (aggregates only), for the forum panel and the dashboards.
	PermStatistik = authz.Permission{Object: "pembinaan", Action: "statistik"}
)

// Templates is the module's share of the default grants per role.
func Templates() map[authz.Role][]authz.Permission {
	penyelenggara := []authz.Permission{PermBaca, PermKelola, PermCakupan, PermStatistik}
	desa := []authz.Permission{PermBaca, PermTindakLanjut}
	return map[authz.Role][]authz.Permission{
		authz.AdminKabupaten: penyelenggara,
		authz.OPD:            penyelenggara,
		authz.Camat:          penyelenggara,
		authz.StafKecamatan:  penyelenggara,
		authz.Bupati:         {PermBaca, PermCakupan, PermStatistik},
		authz.ForumPerbekel:  {PermStatistik},
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.KaurKeuangan:   {PermBaca},
		authz.Kasi:           {PermBaca},
		authz.Operator:       desa,
	}
}
