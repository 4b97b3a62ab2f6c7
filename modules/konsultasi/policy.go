package konsultasi

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
var (
	// PermBaca: a desa's threads (the desa's roles), or the threads of the
	// desa of a kecamatan (its camat and staff).
	PermBaca = authz.Permission{Object: "konsultasi", Action: "baca"}
	// PermTanya: opening a thread and writing in it for the desa.
	PermTanya = authz.Permission{Object: "konsultasi", Action: "tanya"}
	// PermJawab: answering for the kecamatan, closing, turning a thread
	// into a follow-up point.
	PermJawab = authz.Permission{Object: "konsultasi", Action: "jawab"}
	// PermStatistik: counts and response times per kecamatan (no thread
	// text), and the indicator.
	PermStatistik = authz.Permission{Object: "konsultasi", Action: "statistik"}
)

// Templates is the module's share of the default grants per role.
func Templates() map[authz.Role][]authz.Permission {
	desa := []authz.Permission{PermBaca, PermTanya}
	kec := []authz.Permission{PermBaca, PermJawab, PermStatistik}
	return map[authz.Role][]authz.Permission{
		authz.Camat:          kec,
		authz.StafKecamatan:  kec,
		authz.AdminKabupaten: {PermStatistik},
		authz.Bupati:         {PermStatistik},
		authz.OPD:            {PermStatistik},
		authz.ForumPerbekel:  {PermStatistik},
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.KaurKeuangan:   desa,
		authz.Kasi:           desa,
		authz.Operator:       desa,
	}
}
