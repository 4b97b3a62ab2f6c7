package kunjungan

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The planning dossiers of a kecamatan or kabupaten: the bupati's briefing
// of every desa, built through the dossier queue (bounded concurrency) for
// choosing where to go next. The page lists each desa's state and files
// and reloads itself while any on it is pending.

type perencanaanItem struct {
	DossierPerencanaan
	NamaDesa string
}

type perencanaanPage struct {
	Wilayah, Nama, Base string
	Pesan               string
	Items               []perencanaanItem
	Menunggu            bool
	Lanjut, Awal        string
}

func (m *Module) routesPerencanaan(mux *http.ServeMux) {
	lv := []tenancy.Level{tenancy.Kabupaten, tenancy.Kecamatan}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/kunjungan/perencanaan", PermJadwal, lv, m.pagePerencanaan)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/kunjungan/perencanaan", PermJadwal, lv, m.postPerencanaan)
}

func (m *Module) pagePerencanaan(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := perencanaanPage{Wilayah: "/wilayah/" + string(t.Kode), Nama: m.namaWilayah(ctx, t.Kode), Base: r.URL.Path}
	if n, err := strconv.Atoi(r.URL.Query().Get("antri")); err == nil && n >= 0 {
		d.Pesan = strconv.Itoa(n) + " dossier desa masuk antrian; halaman ini memuat ulang sendiri sampai semuanya siap."
	}
	cursor := r.URL.Query().Get("cursor")
	p, err := m.DaftarPerencanaan(ctx, page.Params{Cursor: cursor, Limit: page.MaxLimit})
	if fault.Is(err, fault.Invalid) {
		cursor = ""
		p, err = m.DaftarPerencanaan(ctx, page.Params{Limit: page.MaxLimit})
	}
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	for _, x := range p.Items {
		d.Items = append(d.Items, perencanaanItem{DossierPerencanaan: x, NamaDesa: m.namaWilayah(ctx, x.Desa)})
		d.Menunggu = d.Menunggu || x.Status == Antri || x.Status == Dibuat
	}
	if p.NextCursor != "" {
		d.Lanjut = d.Base + "?" + url.Values{"cursor": {p.NextCursor}}.Encode()
	}
	if cursor != "" {
		d.Awal = d.Base
	}
	if d.Menunggu {
		rw.Header().Set("Refresh", strconv.Itoa(segarkanDetik))
	}
	m.pages.Render(rw, r, http.StatusOK, "perencanaan", "Dossier perencanaan "+d.Nama, d)
}

func (m *Module) postPerencanaan(rw http.ResponseWriter, r *http.Request) {
	n, err := m.AntriPerencanaan(r.Context())
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	http.Redirect(rw, r, r.URL.Path+"?antri="+strconv.Itoa(n), http.StatusSeeOther)
}
