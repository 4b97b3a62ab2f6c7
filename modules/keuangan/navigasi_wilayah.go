package keuangan

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// tautanWilayah lists the keuangan pages of the wilayah kode the user of
// ctx may open from its table of tahun: the camat's evaluation queue on a
// kecamatan; the year's rules, the Dana Desa tahap rules and the kegiatan
// settings on a kabupaten. Each page's guard (web.HandleWilayah) answers
// whether it opens, so the list shows a link only to whom it leads.
func (m *Module) tautanWilayah(ctx context.Context, kode tenancy.Kode, tahun int) []opsi {
	base := "/wilayah/" + string(kode) + "/keuangan/"
	th := strconv.Itoa(tahun)
	var all []opsi
	switch kode.Level() {
	case tenancy.Kecamatan:
		all = append(all, opsi{base + "evaluasi?tahun=" + th, "Evaluasi APBDes " + th})
		// Late in the year the work is next year's RAPBDes (the Perdes
		// is due by 31 December, Permendagri 20/2018).
		if tahun == civil.Today(m.now(), kode).Year() {
			next := strconv.Itoa(tahun + 1)
			all = append(all, opsi{base + "evaluasi?tahun=" + next, "Evaluasi RAPBDes " + next})
		}
	case tenancy.Kabupaten:
		all = append(all, opsi{base + "aturan/" + th, "Aturan APBDes " + th},
			opsi{base + aturanTahapPath + "?tahun=" + th, "Aturan tahap Dana Desa " + th},
			opsi{base + "referensi", "Pengaturan kegiatan dan kode"})
	}
	var out []opsi
	for _, o := range all {
		if m.web.May(ctx, http.MethodGet, o.Kode) {
			out = append(out, o)
		}
	}
	return out
}

// tabelHref is the wilayah's keuangan table of tahun, the way back from
// its other pages.
func tabelHref(kode tenancy.Kode, tahun int) string {
	return "/wilayah/" + string(kode) + "/keuangan/" + strconv.Itoa(tahun)
}
