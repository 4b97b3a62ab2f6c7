package pilkades

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
//
// The sitting perbekel may stand again: they read their desa's election but
// do not enter it. The desa's sekdes and operator enter it for the
// panitia; the camat and the kabupaten admin may too. An OPD user (of DPMD
// or Bagian Pemerintahan — checked in code) sets the timeline and records
// the pelantikan but does not enter a desa's election. Only the desa's
// sekdes and operator see a candidate's NIK whole (PermNIK).
var (
	// PermBaca: a desa's election(s).
	PermBaca = authz.Permission{Object: "pilkades", Action: "baca"}
	// PermKelola: entering a desa's election — panitia, tahapan done,
	// DPT, candidates, TPS, results, disputes.
	PermKelola = authz.Permission{Object: "pilkades", Action: "kelola"}
	// PermJadwal: the kabupaten's timeline templates for a simultaneous
	// Pilkades, and applying one to many desa at once.
	PermJadwal = authz.Permission{Object: "pilkades", Action: "jadwal"}
	// PermLantik: stating the elected kepala desa's SK and pelantikan,
	// which appoints them in administration.
	PermLantik = authz.Permission{Object: "pilkades", Action: "lantik"}
	// PermPantau: every desa's progress through the tahapan over a
	// kecamatan or kabupaten.
	PermPantau = authz.Permission{Object: "pilkades", Action: "pantau"}
	// PermNIK: the candidates' NIK unmasked — only the desa staff who
	// enter the election (personal data rule: wider roles see it masked).
	PermNIK = authz.Permission{Object: "pilkades", Action: "nik"}
)

// Templates is the module's share of the default grants per role.
func Templates() map[authz.Role][]authz.Permission {
	return map[authz.Role][]authz.Permission{
		authz.AdminKabupaten: {PermBaca, PermKelola, PermJadwal, PermLantik, PermPantau},
		authz.OPD:            {PermBaca, PermJadwal, PermLantik, PermPantau},
		authz.Bupati:         {PermBaca, PermPantau},
		authz.Camat:          {PermBaca, PermKelola, PermPantau},
		authz.StafKecamatan:  {PermBaca, PermPantau},
		authz.Perbekel:       {PermBaca},
		authz.Sekdes:         {PermBaca, PermKelola, PermNIK},
		authz.Operator:       {PermBaca, PermKelola, PermNIK},
		authz.Kasi:           {PermBaca},
		authz.KaurKeuangan:   {PermBaca},
	}
}
