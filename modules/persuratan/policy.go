package persuratan

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one.
var (
	// PermRead: the registers, letters and their attachments, the
	// numbering settings. Residents' data show masked.
	PermRead = authz.Permission{Object: "surat", Action: "read"}
	// PermCetak: the PDF of a service letter, which prints the resident's
	// full NIK, address and income, and the record of its downloads. Only
	// the desa roles that issue letters hold it (UU 27/2022 tentang
	// Pelindungan Data Pribadi: personal data only for the purpose it was
	// given for); every download is recorded.
	PermCetak = authz.Permission{Object: "surat", Action: "cetak"}
	// PermWrite: entries in the buku agenda (surat keluar by hand, surat
	// masuk), attachments, disposisi.
	PermWrite = authz.Permission{Object: "surat", Action: "write"}
	// PermIssue: service letters to residents, numbered and rendered, and
	// cancelling a letter issued in error.
	PermIssue = authz.Permission{Object: "surat", Action: "issue"}
	// PermConfigure: the desa's numbering format and sequence policy.
	PermConfigure = authz.Permission{Object: "surat", Action: "configure"}
	// PermStatistik: counts per desa, no letter content.
	PermStatistik = authz.Permission{Object: "surat", Action: "statistik"}
	// PermKlasifikasiRead: the kode klasifikasi reference list.
	PermKlasifikasiRead = authz.Permission{Object: "klasifikasi_surat", Action: "read"}
	// PermKlasifikasiWrite: adding codes for a kabupaten.
	PermKlasifikasiWrite = authz.Permission{Object: "klasifikasi_surat", Action: "write"}
)

// Templates is the module's share of the default grants per role.
//
//   - perbekel and sekdes run the desa's correspondence: everything,
//     including the numbering settings (the sekdes leads tata usaha,
//     Permendagri 84/2015).
//   - kasi (the kasi pelayanan prepares letters to residents) and operator
//     keep the registers and issue service letters, but do not change the
//     numbering.
//   - perbekel, sekdes, kasi and operator, who issue letters, alone
//     download their PDFs (PermCetak).
//   - camat, bupati, admin_kabupaten and opd read (pembinaan dan
//     pengawasan, UU 6/2014 Pasal 112–115), residents masked and no PDF;
//     admin_kabupaten alone adds kode klasifikasi.
//   - forum_perbekel sees aggregates only.
//   - kaur_keuangan has no share: finance letters are filed by the
//     sekretariat.
func Templates() map[authz.Role][]authz.Permission {
	readers := []authz.Permission{PermRead, PermStatistik, PermKlasifikasiRead}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       {PermRead, PermCetak, PermWrite, PermIssue, PermConfigure, PermStatistik, PermKlasifikasiRead},
		authz.Sekdes:         {PermRead, PermCetak, PermWrite, PermIssue, PermConfigure, PermStatistik, PermKlasifikasiRead},
		authz.Kasi:           {PermRead, PermCetak, PermWrite, PermIssue, PermKlasifikasiRead},
		authz.Operator:       {PermRead, PermCetak, PermWrite, PermIssue, PermKlasifikasiRead},
		authz.Camat:          readers,
		authz.Bupati:         readers,
		authz.OPD:            readers,
		authz.AdminKabupaten: {PermRead, PermStatistik, PermKlasifikasiRead, PermKlasifikasiWrite},
		authz.ForumPerbekel:  {PermStatistik, PermKlasifikasiRead},
	}
}
