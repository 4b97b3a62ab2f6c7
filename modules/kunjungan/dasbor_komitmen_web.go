package kunjungan

import (
	"net/http"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// /wilayah/{kode}/komitmen is the list the dashboards' commitment figures
// lead to: the commitments to the desa of a desa, kecamatan or kabupaten,
// earliest deadline first, of one penanggung when ?penanggung= names it.
// An OPD member sees only its own OPD's.

var komitmenLevels = []tenancy.Level{tenancy.Desa, tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesKomitmenWilayah(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/komitmen", PermBaca, komitmenLevels, m.pageKomitmenWilayah)
}

type komitmenItemView struct {
	Komitmen
	NamaDesa, Tenggat, Status, Tautan string
	Terlambat                         bool
}

type komitmenWilayahView struct {
	Kode, Nama, Penanggung, Judul string
	Semua                         bool
	Items                         []komitmenItemView
	Dasbor                        string
}

func (m *Module) pageKomitmenWilayah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	pages := m.halaman()
	q := KomitmenQuery{Penanggung: r.URL.Query().Get("penanggung"), Terbuka: r.URL.Query().Get("status") != "semua"}
	if len(q.Penanggung) > 40 {
		q.Penanggung = ""
	}
	if v := m.pandanganOf(ctx); v.opd != nil {
		q.Penanggung = v.opd.ID
	}
	cs, err := m.KomitmenWilayah(ctx, q)
	if err != nil {
		pages.ServerError(rw, r, err)
		return
	}
	v := komitmenWilayahView{Kode: string(t.Kode), Nama: string(t.Kode), Penanggung: q.Penanggung, Semua: !q.Terbuka, Items: []komitmenItemView{}}
	if !t.Kode.IsDesa() {
		v.Dasbor = "/wilayah/" + string(t.Kode) + "/dasbor"
	}
	nama := map[tenancy.Kode]string{}
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, t.Kode); err == nil && n != "" {
			v.Nama = n
		}
		if ds, err := m.regions.DesaIn(ctx, t.Kode); err == nil {
			for _, d := range ds {
				nama[d.Kode] = d.Nama
			}
		}
	}
	today := m.hariIni(ctx)
	for _, c := range cs {
		desa := tenancy.KodeOfDesaID(c.DesaID)
		it := komitmenItemView{Komitmen: c, NamaDesa: nama[desa], Tenggat: c.Tenggat.String(), Status: c.Status.Judul(),
			Tautan: "/kunjungan/" + c.KunjunganID, Terlambat: c.Terlambat(today)}
		if it.NamaDesa == "" {
			it.NamaDesa = string(desa)
		}
		if c.Penanggung == q.Penanggung {
			v.Judul = c.PenanggungNama
		}
		v.Items = append(v.Items, it)
	}
	title := "Komitmen kunjungan kerja " + v.Nama
	pages.Render(rw, r, http.StatusOK, "dasbor_komitmen", title, v)
}
