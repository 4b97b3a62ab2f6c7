package keuangan

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one.
// The reference lists are read with a session alone (authz.Authenticated):
// they are national and hold nothing of any desa.
var (
	// PermRead: a desa's APBDes, realisasi, books and reports, with payee
	// names and bukti numbers.
	PermRead = authz.Permission{Object: "keuangan", Action: "read"}
	// PermWrite: APBDes lines while draft or returned, imports, realisasi
	// entries (penerimaan, pengeluaran, panjar, SPJ, pajak), Dana Desa
	// tahap received.
	PermWrite = authz.Permission{Object: "keuangan", Action: "write"}
	// PermAjukan: submitting the APBDes to the camat, setting it by Perdes
	// after evaluation, opening a perubahan: the kepala desa's acts
	// (Permendagri 20/2018 Pasal 31–33), which the sekdes prepares.
	PermAjukan = authz.Permission{Object: "keuangan", Action: "ajukan"}
	// PermEvaluasi: the camat's evaluation of a submitted APBDes (comments
	// per line, return or accept; Pasal 34).
	PermEvaluasi = authz.Permission{Object: "keuangan", Action: "evaluasi"}
	// PermAturan: a kabupaten's rules per year (limits, Dana Desa earmarks
	// and tahap conditions), its kegiatan list switch and local kegiatan.
	PermAturan = authz.Permission{Object: "keuangan", Action: "aturan"}
	// PermRingkasan: figures per desa (pagu, realisasi %, status, tahap)
	// without any line, payee or entry: the kecamatan and kabupaten table
	// and the indicators.
	PermRingkasan = authz.Permission{Object: "keuangan", Action: "ringkasan"}
)

// Templates is the module's share of the default grants per role.
//
//   - kaur keuangan (the bendahara, Permendagri 20/2018 Pasal 7) writes
//     lines and entries; sekdes (the koordinator PPKD) and perbekel write
//     too, and submit and set the APBDes.
//   - camat evaluates and reads; bupati, admin_kabupaten and opd read
//     (pembinaan dan pengawasan); admin_kabupaten edits the year's rules.
//   - forum_perbekel sees the figures per desa only (PermRingkasan).
//   - kasi and operator have no share: finance is the kaur's.
func Templates() map[authz.Role][]authz.Permission {
	readers := []authz.Permission{PermRead, PermRingkasan}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       {PermRead, PermWrite, PermAjukan, PermRingkasan},
		authz.Sekdes:         {PermRead, PermWrite, PermAjukan, PermRingkasan},
		authz.KaurKeuangan:   {PermRead, PermWrite, PermRingkasan},
		authz.Camat:          {PermRead, PermEvaluasi, PermRingkasan},
		authz.Bupati:         readers,
		authz.OPD:            readers,
		authz.AdminKabupaten: {PermRead, PermRingkasan, PermAturan},
		authz.ForumPerbekel:  {PermRingkasan},
	}
}
