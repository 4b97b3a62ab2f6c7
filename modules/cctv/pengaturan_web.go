package cctv

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The kabupaten's probe setting page.

func (m *Module) routesPengaturanWeb(mux *http.ServeMux) {
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/cctv/pengaturan", PermPengaturan, kab, m.pagePengaturan)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/cctv/pengaturan", PermPengaturan, kab, m.postPengaturan)
}

type pengaturanPage struct {
	Kode     string
	Judul    string
	Kembali  string // the wilayah's CCTV page, "" when not served
	Berlaku  Pengaturan
	Form     web.Form
	Min, Max int
	Disimpan bool
}

func (m *Module) pengaturanData(r *http.Request) (pengaturanPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := pengaturanPage{Kode: string(t.Kode), Judul: string(t.Kode), Min: IntervalMinMenit, Max: IntervalMaxMenit,
		Disimpan: r.URL.Query().Get("disimpan") == "1"}
	if m.names != nil {
		if n, err := m.names.Nama(ctx, t.Kode); err == nil && n != "" {
			d.Judul = n
		}
	}
	if h := "/wilayah/" + string(t.Kode) + "/cctv"; m.served(h) {
		d.Kembali = h
	}
	var err error
	if d.Berlaku, err = m.BacaPengaturan(ctx, t.Kode); err != nil {
		return d, err
	}
	v := url.Values{"interval_probe_menit": {strconv.Itoa(d.Berlaku.IntervalProbeMenit)}}
	if d.Berlaku.IzinkanAlamatPrivat {
		v.Set("izinkan_alamat_privat", "ya")
	}
	d.Form = web.NewForm("pengaturan", v)
	return d, nil
}

func (m *Module) pagePengaturan(w http.ResponseWriter, r *http.Request) {
	d, err := m.pengaturanData(r)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "pengaturan", "Pengaturan CCTV "+d.Judul, d)
}

func (m *Module) postPengaturan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("pengaturan", r.PostForm)
	u := PengaturanProbeUbah{IzinkanAlamatPrivat: form.Get("izinkan_alamat_privat") == "ya"}
	var err error
	s := strings.TrimSpace(form.Get("interval_probe_menit"))
	if n, aerr := strconv.Atoi(s); aerr != nil || !valid.Digits(s) || len(s) > 6 {
		var p valid.Problems
		p.Add("interval_probe_menit", "Selang pemeriksaan ditulis sebagai bilangan bulat menit, misalnya 5.")
		err = p.Err()
	} else {
		u.IntervalProbeMenit = n
		_, err = m.UbahPengaturan(ctx, t.Kode, u)
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, form, "pengaturan", "Pengaturan CCTV",
			func() (pengaturanPage, error) { return m.pengaturanData(r) },
			func(d *pengaturanPage, f web.Form) { d.Form = f })
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(t.Kode)+"/cctv/pengaturan?disimpan=1", http.StatusSeeOther)
}
