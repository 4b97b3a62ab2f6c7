package kunjungan

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
var (
	// PermJadwal: the bupati's office schedules, changes, opens and closes
	// visits, sets the kabupaten's agenda, records attendance and the
	// commitments made on the day.
	PermJadwal = authz.Permission{Object: "kunjungan", Action: "jadwal"}
	// PermBaca: a visit, its agenda and its commitments. An opd user sees
	// only the visits its OPD takes part in and only its own commitments
	// (checked in code: the role reaches every desa of the kabupaten).
	PermBaca = authz.Permission{Object: "kunjungan", Action: "baca"}
	// PermUsulan: the desa adds its own agenda points and the issues it
	// wants raised, before the visit.
	PermUsulan = authz.Permission{Object: "kunjungan", Action: "usulan"}
	// PermKomitmen: updating a commitment's status with its evidence — an
	// OPD its own, the desa what it promised, the bupati's office any.
	PermKomitmen = authz.Permission{Object: "kunjungan", Action: "komitmen"}
	// PermDossier: the briefing dossiers; an opd user reads and rebuilds
	// only its own OPD's.
	PermDossier = authz.Permission{Object: "kunjungan", Action: "dossier"}
	// PermDasbor: the dashboards of the kabupaten and the kecamatan.
	PermDasbor = authz.Permission{Object: "kunjungan", Action: "dasbor"}
)

// Templates is the module's share of the default grants per role.
//
//   - admin_kabupaten is the bupati's office (protocol, Tapem): everything.
//   - bupati schedules too (the office acts in the bupati's name), reads
//     every dossier and the dashboards.
//   - opd reads the visits it takes part in, its own dossiers and
//     commitments, updates its own commitments, sees the dashboard within
//     its field.
//   - camat reads the visits to its desa and the kecamatan dashboard.
//   - the desa's perbekel and sekdes read their visits, add their points
//     and update what the desa promised; kasi and operator read and add
//     points.
//   - forum_perbekel and the public see nothing here.
func Templates() map[authz.Role][]authz.Permission {
	desa := []authz.Permission{PermBaca, PermUsulan, PermKomitmen}
	return map[authz.Role][]authz.Permission{
		authz.AdminKabupaten: {PermJadwal, PermBaca, PermKomitmen, PermDossier, PermDasbor},
		authz.Bupati:         {PermJadwal, PermBaca, PermKomitmen, PermDossier, PermDasbor},
		authz.OPD:            {PermBaca, PermKomitmen, PermDossier, PermDasbor},
		authz.Camat:          {PermBaca, PermDasbor},
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.Kasi:           {PermBaca, PermUsulan},
		authz.Operator:       {PermBaca, PermUsulan},
	}
}
