package audiensi

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. The public form, the tracking page and the
// reporter's additions are authz.Public (the tracking code is the key).
var (
	// PermBaca: a desa's audiensi — lists, details, timelines — with the
	// reporter's identity hidden unless PermPelapor (or, for a rahasia
	// one, PermVerifikasi) is held too.
	PermBaca = authz.Permission{Object: "audiensi", Action: "baca"}
	// PermLihat: one audiensi's detail. Held by the readers and by opd; an
	// opd user sees only what is disposed to its own OPD (checked in code:
	// the role reaches every desa of the kabupaten, the disposition does
	// not).
	PermLihat = authz.Permission{Object: "audiensi", Action: "lihat"}
	// PermPelapor: the name and phone of a reporter who gave them openly.
	PermPelapor = authz.Permission{Object: "audiensi", Action: "pelapor"}
	// PermCatat: entering an audiensi heard at the kantor desa or during a
	// field visit.
	PermCatat = authz.Permission{Object: "audiensi", Action: "catat"}
	// PermVerifikasi: the verifier — verifies, corrects, routes to OPD or
	// to the desa, closes, refuses, reopens; sees a rahasia reporter.
	PermVerifikasi = authz.Permission{Object: "audiensi", Action: "verifikasi"}
	// PermTindakLanjut: answering what is disposed to the desa itself.
	PermTindakLanjut = authz.Permission{Object: "audiensi", Action: "tindaklanjut"}
	// PermOPD: an OPD's queue and its answers and returns (membership of
	// the OPD checked in code); bupati and admin_kabupaten read any OPD's
	// queue.
	PermOPD = authz.Permission{Object: "audiensi", Action: "opd"}
	// PermStatistik: counts, times and shares per desa, kecamatan and OPD,
	// no text and no person.
	PermStatistik = authz.Permission{Object: "audiensi", Action: "statistik"}
)

// Templates is the module's share of the default grants per role.
//
//   - perbekel and sekdes verify (the desa is the first to hear a
//     resident); kasi and operator enter, read and follow up what the desa
//     keeps. kaur keuangan has no share (complaints are not its work).
//   - admin_kabupaten is the bupati's staff: verifies and routes any
//     desa's audiensi, sees reporters like the verifier.
//   - bupati and camat read every desa under them (reporters hidden) and
//     enter audiensi heard on a visit.
//   - opd enters during a visit, works its own queue, never lists a desa.
//   - forum_perbekel sees statistics only.
func Templates() map[authz.Role][]authz.Permission {
	verifier := []authz.Permission{PermBaca, PermLihat, PermPelapor, PermCatat, PermVerifikasi, PermTindakLanjut, PermStatistik}
	staf := []authz.Permission{PermBaca, PermLihat, PermPelapor, PermCatat, PermTindakLanjut, PermStatistik}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       verifier,
		authz.Sekdes:         verifier,
		authz.Kasi:           staf,
		authz.Operator:       staf,
		authz.AdminKabupaten: append(verifier, PermOPD),
		authz.Bupati:         {PermBaca, PermLihat, PermCatat, PermOPD, PermStatistik},
		authz.Camat:          {PermBaca, PermLihat, PermCatat, PermStatistik},
		authz.OPD:            {PermLihat, PermCatat, PermOPD, PermStatistik},
		authz.ForumPerbekel:  {PermStatistik},
	}
}
