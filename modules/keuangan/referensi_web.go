package keuangan

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The kabupaten's page of kegiatan settings, /wilayah/{kode}/keuangan/referensi:
// the Siskeudes switch and the local kegiatan of a year. Readers of the
// kabupaten (PermRead) see it; the forms show to, and only accept from,
// the kabupaten admin (PermAturan).

const referensiPath = "/wilayah/{kode}/keuangan/referensi"

// routesReferensi adds the kabupaten's kegiatan settings page and its forms.
// The page reads with PermRead (the kabupaten admin, who alone holds
// PermAturan, reads too); each form needs PermAturan.
func (m *Module) routesReferensi(mux *http.ServeMux) {
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET "+referensiPath, PermRead, kab, m.pageReferensi)
	m.web.HandleWilayah(mux, "POST "+referensiPath+"/siskeudes", PermAturan, kab, m.pageReferensiSiskeudes)
	m.web.HandleWilayah(mux, "POST "+referensiPath+"/kegiatan", PermAturan, kab, m.pageReferensiTambah)
	m.web.HandleWilayah(mux, "POST "+referensiPath+"/kegiatan/akhiri", PermAturan, kab, m.pageReferensiAkhiri)
}

type kabupatenView struct {
	Kode string
	Nama string
	Base string
}

// kabupatenPage is the kabupaten of a settings page, which its guard
// (web.HandleWilayah) checked and set as tenant.
func (m *Module) kabupatenPage(r *http.Request) (context.Context, kabupatenView) {
	kode := wilayahOf(r)
	ctx := r.Context()
	return ctx, kabupatenView{Kode: string(kode), Nama: m.namaWilayahEv(ctx, kode), Base: "/wilayah/" + string(kode) + "/keuangan/referensi"}
}

type referensiPage struct {
	Kab        kabupatenView
	Tahun      int
	TahunPilih []int
	Setelan    SetelanKabupaten
	Lokal      []KegiatanLokal
	SubBidang  []Kegiatan // sub-bidang with a lain-lain range, for the form
	Tambah     web.Form
	Gagal      web.Form // a refused switch or end
	Pesan      string
}

var referensiPesan = map[string]string{
	"siskeudes": "Pengaturan daftar Siskeudes sudah disimpan.",
	"tambah":    "Kegiatan lokal sudah ditambahkan.",
	"akhiri":    "Kegiatan lokal sudah diakhiri.",
}

func (m *Module) tahunOf(s string) int {
	this := m.now().Year()
	t, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || t < this-5 || t > this+1 {
		return this
	}
	return t
}

func (m *Module) referensiData(ctx context.Context, kab kabupatenView, tahun int) (referensiPage, error) {
	d := referensiPage{Kab: kab, Tahun: tahun, Tambah: web.NewForm("tambah", url.Values{"tahun": {strconv.Itoa(tahun)}}),
		Gagal: web.NewForm("gagal", nil)}
	this := m.now().Year()
	for y := this + 1; y >= this-5; y-- {
		d.TahunPilih = append(d.TahunPilih, y)
	}
	s, err := m.Setelan(ctx)
	if err != nil {
		return d, err
	}
	d.Setelan = s
	lokal, err := m.ListKegiatanLokal(ctx, KegiatanLokalQuery{Params: page.Params{Limit: page.MaxLimit}, Tahun: tahun, Semua: true})
	if err != nil {
		return d, err
	}
	d.Lokal = lokal.Items
	for c := lokal.NextCursor; c != ""; {
		more, err := m.ListKegiatanLokal(ctx, KegiatanLokalQuery{Params: page.Params{Limit: page.MaxLimit, Cursor: c}, Tahun: tahun, Semua: true})
		if err != nil {
			return d, err
		}
		d.Lokal, c = append(d.Lokal, more.Items...), more.NextCursor
	}
	v, err := versiFor(ctx, m.db, DaftarLampiran, tahun)
	if fault.Is(err, fault.NotFound) {
		return d, nil
	} else if err != nil {
		return d, err
	}
	var rows []kegiatanLampiran
	if err := m.db.NewSelect().Model(&rows).Where("k.versi = ?", v.Kode).OrderExpr("k.urutan").Scan(ctx); err != nil {
		return d, err
	}
	rentang := map[KodeKegiatan]bool{}
	for _, k := range rows {
		if k.RentangKode != "" && k.Tingkat == TingkatKegiatan {
			rentang[k.KodeInduk] = true
		}
	}
	for _, k := range rows {
		if k.Tingkat == TingkatSubBidang && rentang[k.Kode] {
			d.SubBidang = append(d.SubBidang, Kegiatan{Kode: k.Kode, Nama: k.Nama, Tingkat: k.Tingkat})
		}
	}
	return d, nil
}

func (m *Module) renderReferensi(rw http.ResponseWriter, r *http.Request, ctx context.Context, status int, kab kabupatenView,
	tahun int, put func(*referensiPage)) {
	d, err := m.referensiData(ctx, kab, tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	if put != nil {
		put(&d)
	}
	m.pages.Render(rw, r, status, "referensi", "Pengaturan Kegiatan APBDes "+kab.Nama, d)
}

func (m *Module) pageReferensi(rw http.ResponseWriter, r *http.Request) {
	ctx, kab := m.kabupatenPage(r)
	q := r.URL.Query()
	var pesan string
	for k, v := range referensiPesan {
		if q.Get(k) == "1" {
			pesan = v
		}
	}
	m.renderReferensi(rw, r, ctx, http.StatusOK, kab, m.tahunOf(q.Get("tahun")), func(d *referensiPage) { d.Pesan = pesan })
}

func (m *Module) referensiForm(rw http.ResponseWriter, r *http.Request) (context.Context, kabupatenView, bool) {
	ctx, kab := m.kabupatenPage(r)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return ctx, kab, false
	}
	return ctx, kab, true
}

func (m *Module) pageReferensiSiskeudes(rw http.ResponseWriter, r *http.Request) {
	ctx, kab, ok := m.referensiForm(rw, r)
	if !ok {
		return
	}
	tahun := m.tahunOf(r.PostForm.Get("tahun"))
	u, _ := auth.UserFrom(ctx)
	var err error
	switch v := r.PostForm.Get("siskeudes"); v {
	case "0", "1":
		_, err = m.SetSiskeudes(ctx, v == "1", u.ID)
	default:
		err = fault.Field("siskeudes", "Pilih aktifkan atau matikan daftar Siskeudes.")
	}
	if err != nil {
		m.referensiGagal(rw, r, ctx, kab, tahun, err)
		return
	}
	http.Redirect(rw, r, kab.Base+"?siskeudes=1&tahun="+strconv.Itoa(tahun), http.StatusSeeOther)
}

func (m *Module) pageReferensiTambah(rw http.ResponseWriter, r *http.Request) {
	ctx, kab, ok := m.referensiForm(rw, r)
	if !ok {
		return
	}
	f := web.NewForm("tambah", r.PostForm)
	tahun := m.tahunOf(f.Get("tahun"))
	u, _ := auth.UserFrom(ctx)
	kode := strings.TrimSpace(f.Get("sub_bidang")) + "." + strings.TrimSpace(f.Get("nomor"))
	if strings.TrimSpace(f.Get("nomor")) == "" {
		kode = ""
	}
	_, err := m.TambahKegiatanLokal(ctx, KegiatanLokalBaru{Tahun: tahun, Kode: kode, Nama: f.Get("nama")}, u.ID)
	if err != nil {
		f = f.Rename("kode", "nomor")
		if status, ok := m.pages.Failed(rw, r, err, &f); ok {
			m.renderReferensi(rw, r, ctx, status, kab, tahun, func(d *referensiPage) { d.Tambah = f })
		}
		return
	}
	http.Redirect(rw, r, kab.Base+"?tambah=1&tahun="+strconv.Itoa(tahun)+"#kegiatan-lokal", http.StatusSeeOther)
}

func (m *Module) pageReferensiAkhiri(rw http.ResponseWriter, r *http.Request) {
	ctx, kab, ok := m.referensiForm(rw, r)
	if !ok {
		return
	}
	tahun := m.tahunOf(r.PostForm.Get("tahun"))
	u, _ := auth.UserFrom(ctx)
	var err error
	if kode := strings.TrimSpace(r.PostForm.Get("kode")); kode == "" {
		err = fault.Field("kode", "Pilih kegiatan lokal yang diakhiri.")
	} else {
		_, err = m.AkhiriKegiatanLokal(ctx, tahun, kode, u.ID)
	}
	if err != nil {
		m.referensiGagal(rw, r, ctx, kab, tahun, err)
		return
	}
	http.Redirect(rw, r, kab.Base+"?akhiri=1&tahun="+strconv.Itoa(tahun)+"#kegiatan-lokal", http.StatusSeeOther)
}

// referensiGagal shows the page again with a refused form's fault above
// the lists.
func (m *Module) referensiGagal(rw http.ResponseWriter, r *http.Request, ctx context.Context, kab kabupatenView, tahun int, err error) {
	f := web.NewForm("gagal", r.PostForm)
	if status, ok := m.pages.Failed(rw, r, err, &f); ok {
		m.renderReferensi(rw, r, ctx, status, kab, tahun, func(d *referensiPage) { d.Gagal = f })
	}
}
