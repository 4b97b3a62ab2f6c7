package umkm

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one;
// the public catalogue (businesses, products, photos and the business's own
// WhatsApp contact of aktif UMKM) is authz.Public and needs none.
var (
	// PermRead: a desa's registry — UMKM with products, photos and
	// assistance, the BUMDes with its units, yearly figures and reports —
	// with the owner's name and NIK masked (Umkm.Tersamar).
	PermRead = authz.Permission{Object: "umkm", Action: "read"}
	// PermPribadi: the owners' personal data in full (name, NIK) and its
	// downloads, which are recorded (UU PDP 27/2022 Pasal 31). Desa roles
	// that work with the owners only.
	PermPribadi = authz.Permission{Object: "umkm", Action: "pribadi"}
	// PermTulis: writing the registry — UMKM, products, photos,
	// assistance, the BUMDes profile, units, yearly figures and report.
	PermTulis = authz.Permission{Object: "umkm", Action: "tulis"}
	// PermRingkasan: figures per desa without any person — UMKM counts by
	// sektor and skala, the share with NIB, BUMDes omzet, laba and PADes —
	// for the kecamatan and kabupaten tables, XLSX and the indicators.
	PermRingkasan = authz.Permission{Object: "umkm", Action: "ringkasan"}
)

// Templates is the module's share of the default grants per role.
//
//   - perbekel, sekdes, kasi (the kasi kesejahteraan keeps the desa's
//     economy) and operator keep the registry: they write it and see the
//     owners in full.
//   - kaur keuangan reads the registry and the figures (the BUMDes's
//     penyertaan modal and PADes are in its books), masked.
//   - camat, bupati, admin_kabupaten and opd read every desa under them,
//     masked, and the figures: the opd role is how the Dinas Koperasi &
//     UMKM reads every desa of its kabupaten (its assistance is recorded
//     on the UMKM by the desa, naming the OPD).
//   - forum_perbekel sees the figures only (PermRingkasan).
//   - petugas_sampah has no share.
func Templates() map[authz.Role][]authz.Permission {
	desa := []authz.Permission{PermRead, PermPribadi, PermTulis, PermRingkasan}
	readers := []authz.Permission{PermRead, PermRingkasan}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       desa,
		authz.Sekdes:         desa,
		authz.Kasi:           desa,
		authz.Operator:       desa,
		authz.KaurKeuangan:   readers,
		authz.Camat:          readers,
		authz.Bupati:         readers,
		authz.OPD:            readers,
		authz.AdminKabupaten: readers,
		authz.ForumPerbekel:  {PermRingkasan},
	}
}
