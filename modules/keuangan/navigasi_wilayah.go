package keuangan

import (
	"context"
	"strconv"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The pages of a kecamatan or kabupaten are no desa pages, so $.Boleh
// cannot tell who may open them (it answers true for any path no desa page
// guards). The table page asks here instead, with the permission each
// page's handler checks, so a link shows only to whom it opens.

// tautanWilayah lists the keuangan pages of the wilayah kode the user of
// ctx may open from its table of tahun: the camat's evaluation queue on a
// kecamatan; the year's rules, the Dana Desa tahap rules and the kegiatan
// settings on a kabupaten.
func (m *Module) tautanWilayah(ctx context.Context, kode tenancy.Kode, tahun int) []opsi {
	u, _ := auth.UserFrom(ctx)
	may := func(p authz.Permission) bool {
		if m.authz == nil {
			return false
		}
		ok, err := m.authz.Allowed(ctx, u.ID, kode, p)
		return err == nil && ok
	}
	base := "/wilayah/" + string(kode) + "/keuangan/"
	th := strconv.Itoa(tahun)
	var out []opsi
	switch kode.Level() {
	case tenancy.Kecamatan:
		if may(PermEvaluasi) {
			out = append(out, opsi{base + "evaluasi?tahun=" + th, "Evaluasi APBDes " + th})
			// Late in the year the work is next year's RAPBDes (the Perdes
			// is due by 31 December, Permendagri 20/2018).
			if tahun == civil.Today(m.now(), kode).Year() {
				next := strconv.Itoa(tahun + 1)
				out = append(out, opsi{base + "evaluasi?tahun=" + next, "Evaluasi RAPBDes " + next})
			}
		}
	case tenancy.Kabupaten:
		if may(PermAturan) {
			out = append(out, opsi{base + "aturan/" + th, "Aturan APBDes " + th})
		}
		if may(PermRingkasan) {
			out = append(out, opsi{base + aturanTahapPath + "?tahun=" + th, "Aturan tahap Dana Desa " + th})
		}
		if may(PermAturan) || may(PermRead) {
			out = append(out, opsi{base + "referensi", "Pengaturan kegiatan dan kode"})
		}
	}
	return out
}

// tabelHref is the wilayah's keuangan table of tahun, the way back from
// its other pages.
func tabelHref(kode tenancy.Kode, tahun int) string {
	return "/wilayah/" + string(kode) + "/keuangan/" + strconv.Itoa(tahun)
}
