package administration

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Reads and writes are split per record kind so
// a role can keep the records its post covers without touching the SOTK.
var (
	PermPerangkatRead  = authz.Permission{Object: "perangkat", Action: "read"}
	PermPerangkatWrite = authz.Permission{Object: "perangkat", Action: "write"}
	// PermPerangkatAkun links an appointment to an account, which grants a
	// role: kept apart from PermPerangkatWrite so a sekdes cannot give
	// themself (or anyone) the kaur keuangan's or the perbekel's powers in
	// other modules. The perbekel, who signs the SK, and the kabupaten
	// admin, who manages accounts, hold it.
	PermPerangkatAkun = authz.Permission{Object: "perangkat_akun", Action: "write"}
	PermDusunRead     = authz.Permission{Object: "dusun", Action: "read"}
	PermDusunWrite    = authz.Permission{Object: "dusun", Action: "write"}
	PermLembagaRead   = authz.Permission{Object: "lembaga", Action: "read"}
	PermLembagaWrite  = authz.Permission{Object: "lembaga", Action: "write"}
	PermProfilRead    = authz.Permission{Object: "profil_desa", Action: "read"}
	PermProfilWrite   = authz.Permission{Object: "profil_desa", Action: "write"}
	// PermProfilAgregat reads the wilayah-level table of profiles: no
	// personal data, so forum_perbekel may compare its members' desa.
	PermProfilAgregat = authz.Permission{Object: "profil_desa_agregat", Action: "read"}
	// PermMasaJabatanRead lists flagged terms (names and posts) of a
	// wilayah's desa.
	PermMasaJabatanRead = authz.Permission{Object: "masa_jabatan", Action: "read"}
)

// Templates is the module's share of the default grants per role:
//
//   - perbekel: everything, including linking accounts;
//   - sekdes: everything but linking accounts;
//   - kasi: reads all; writes dusun and lembaga — the kasi pemerintahan's
//     field (wilayah and kemasyarakatan). authz has one kasi role for the
//     three seksi, so the three share it;
//   - operator: reads all; writes profil and lembaga (data entry);
//   - kaur_keuangan: reads all;
//   - camat, bupati, opd: read all, at every desa of their wilayah;
//   - admin_kabupaten: reads all and links accounts;
//   - forum_perbekel: the wilayah-level profile table only.
func Templates() map[authz.Role][]authz.Permission {
	read := []authz.Permission{PermPerangkatRead, PermDusunRead, PermLembagaRead, PermProfilRead,
		PermProfilAgregat, PermMasaJabatanRead}
	with := func(extra ...authz.Permission) []authz.Permission {
		return append(append([]authz.Permission{}, read...), extra...)
	}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       with(PermPerangkatWrite, PermPerangkatAkun, PermDusunWrite, PermLembagaWrite, PermProfilWrite),
		authz.Sekdes:         with(PermPerangkatWrite, PermDusunWrite, PermLembagaWrite, PermProfilWrite),
		authz.Kasi:           with(PermDusunWrite, PermLembagaWrite),
		authz.Operator:       with(PermProfilWrite, PermLembagaWrite),
		authz.KaurKeuangan:   with(),
		authz.Camat:          with(),
		authz.Bupati:         with(),
		authz.OPD:            with(),
		authz.AdminKabupaten: with(PermPerangkatAkun),
		authz.ForumPerbekel:  {PermProfilAgregat},
	}
}
