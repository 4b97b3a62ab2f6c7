package program

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
var (
	// PermRPJMBaca: the kabupaten's RPJM tree.
	PermRPJMBaca = authz.Permission{Object: "rpjm", Action: "baca"}
	// PermRPJMTulis: entering and importing the RPJM — the kabupaten
	// admin, and an OPD user only when its OPD is the planning agency
	// (Bappeda; checked in code, the opd role reaches every OPD).
	PermRPJMTulis = authz.Permission{Object: "rpjm", Action: "tulis"}
	// PermProgramBaca: a desa's programmes and the OPD programmes located
	// in it.
	PermProgramBaca = authz.Permission{Object: "program", Action: "baca"}
	// PermProgramDesa: the desa enters its own programmes (linked to its
	// APBDes kegiatan or standalone), tags them to RPJM sasaran and
	// records targets and realisations.
	PermProgramDesa = authz.Permission{Object: "program", Action: "desa"}
	// PermProgramOPD: an OPD enters its own programmes located in desa
	// (checked in code: its own OPD's rows only).
	PermProgramOPD = authz.Permission{Object: "program", Action: "opd"}
	// PermAnalisis: the views over a kecamatan or kabupaten — sasaran
	// without a desa programme, overlaps, alignment per desa, the bupati's
	// table.
	PermAnalisis = authz.Permission{Object: "program", Action: "analisis"}
	// PermKeselarasan: the alignment figures as indicators (aggregates
	// only), for the forum panel and the dashboards.
	PermKeselarasan = authz.Permission{Object: "program", Action: "keselarasan"}
)

// Templates is the module's share of the default grants per role.
func Templates() map[authz.Role][]authz.Permission {
	desa := []authz.Permission{PermProgramBaca, PermProgramDesa}
	return map[authz.Role][]authz.Permission{
		authz.AdminKabupaten: {PermRPJMBaca, PermRPJMTulis, PermProgramBaca, PermAnalisis, PermKeselarasan},
		authz.Bupati:         {PermRPJMBaca, PermProgramBaca, PermAnalisis, PermKeselarasan},
		authz.OPD:            {PermRPJMBaca, PermRPJMTulis, PermProgramBaca, PermProgramOPD, PermAnalisis, PermKeselarasan},
		authz.Camat:          {PermRPJMBaca, PermProgramBaca, PermAnalisis, PermKeselarasan},
		authz.ForumPerbekel:  {PermRPJMBaca, PermKeselarasan},
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.KaurKeuangan:   desa,
		authz.Kasi:           {PermProgramBaca},
		authz.Operator:       {PermProgramBaca},
	}
}
