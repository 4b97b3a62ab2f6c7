package sampah

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Each operation and page declares exactly one.
var (
	// PermRead: a desa's facilities, jenis and price list, TPS3R daily
	// logs and its own figures — nothing about a person.
	PermRead = authz.Permission{Object: "sampah", Action: "read"}
	// PermNasabah: the people of the desa in the module — nasabah (name,
	// dusun, phone), saldo and passbook, receipts, iuran households and
	// arrears. Desa roles that work with them only (UU PDP 27/2022);
	// wider roles see counts.
	PermNasabah = authz.Permission{Object: "sampah", Action: "nasabah"}
	// PermEntri: what staff enter at the scale and the gate — nasabah
	// registration, setoran, penarikan, penjualan to pengepul, reversing
	// entries, the TPS3R daily log, iuran payments.
	PermEntri = authz.Permission{Object: "sampah", Action: "entri"}
	// PermKelola: managing the desa's facilities, jenis sampah and their
	// prices, iuran classes and billing.
	PermKelola = authz.Permission{Object: "sampah", Action: "kelola"}
	// PermCapaian: figures per desa and their sums (timbulan, pengurangan,
	// penanganan, nasabah aktif, tonnage) without any person: the
	// kecamatan and kabupaten pages, SIPSN export and the indicators.
	PermCapaian = authz.Permission{Object: "sampah", Action: "capaian"}
	// PermPengaturan: a kabupaten's timbulan rate (gram per person per
	// day, with its source) and its own targets.
	PermPengaturan = authz.Permission{Object: "sampah", Action: "pengaturan"}
)

// Templates is the module's share of the default grants per role.
//
//   - petugas_sampah (TPS3R and bank sampah staff) enters setoran and logs,
//     and reads what that work needs; it holds no other module's
//     permission.
//   - perbekel and sekdes manage: facilities, prices, iuran, plus all the
//     petugas does.
//   - camat, bupati and opd (DLH reads every desa of its kabupaten) read
//     facilities, logs and figures, never nasabah; admin_kabupaten also
//     sets the kabupaten's timbulan rate and targets.
//   - forum_perbekel sees figures only (PermCapaian).
//   - kaur keuangan, kasi and operator have no share.
func Templates() map[authz.Role][]authz.Permission {
	kelola := []authz.Permission{PermRead, PermNasabah, PermEntri, PermKelola, PermCapaian}
	readers := []authz.Permission{PermRead, PermCapaian}
	return map[authz.Role][]authz.Permission{
		authz.Perbekel:       kelola,
		authz.Sekdes:         kelola,
		authz.PetugasSampah:  {PermRead, PermNasabah, PermEntri, PermCapaian},
		authz.Camat:          readers,
		authz.Bupati:         readers,
		authz.OPD:            readers,
		authz.AdminKabupaten: {PermRead, PermCapaian, PermPengaturan},
		authz.ForumPerbekel:  {PermCapaian},
	}
}
