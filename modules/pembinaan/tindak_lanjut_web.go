package pembinaan

import (
	"context"
	"net/http"
	"net/url"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The follow-up points' pages: the desa's list with its reports, the
// kecamatan's and kabupaten's list with filters, and the organizer's page
// of one session's points.

var tlLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesTindakLanjut(mux *http.ServeMux) {
	const desa = "/desa/{kode}/pembinaan/tindak-lanjut"
	m.web.HandleDesa(mux, "GET "+desa, PermBaca, m.pageTLDesa)
	m.web.HandleDesa(mux, "POST "+desa+"/{tid}", PermTindakLanjut, m.postTLLapor)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/pembinaan/tindak-lanjut", PermBaca, tlLevels, m.pageTLWilayah)
	const sesi = "/wilayah/{kode}/pembinaan/{id}/tindak-lanjut"
	m.web.HandleWilayah(mux, "GET "+sesi, PermKelola, tlLevels, m.pageTLSesi)
	m.web.HandleWilayah(mux, "POST "+sesi, PermKelola, tlLevels, m.postTLBuat)
	m.web.HandleWilayah(mux, "POST "+sesi+"/{tid}", PermKelola, tlLevels, m.postTLUbah)
	m.web.HandleWilayah(mux, "POST "+sesi+"/{tid}/hapus", PermKelola, tlLevels, m.postTLHapus)
}

type tlStatusOpsi struct{ Value, Label string }

var tlStatusOpsiList = []tlStatusOpsi{{TLTerbuka, "Terbuka"}, {TLBerjalan, "Berjalan"}, {TLSelesai, "Selesai"}}

// namaWilayah is a wilayah's name, or its code.
func (m *Module) namaWilayah(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

// --- the desa

type tlDesaPage struct {
	Nama, Base string
	Items      []PembinaanTindakLanjut
	Status     []tlStatusOpsi
	Terlambat  int
	// F is a failed report's form, for the point FID.
	F   web.Form
	FID string
}

func (m *Module) tlDesaData(ctx context.Context) (tlDesaPage, error) {
	k := tenantOf(ctx)
	d := tlDesaPage{Nama: m.namaWilayah(ctx, k), Base: "/desa/" + string(k) + "/pembinaan/tindak-lanjut", Status: tlStatusOpsiList}
	var err error
	d.Items, err = m.DaftarTindakLanjut(ctx, "", false)
	for _, p := range d.Items {
		if p.Terlambat {
			d.Terlambat++
		}
	}
	return d, err
}

func (m *Module) pageTLDesa(w http.ResponseWriter, r *http.Request) {
	d, err := m.tlDesaData(r.Context())
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "tindak_lanjut_desa", "Tindak lanjut pembinaan "+d.Nama, d)
}

func (m *Module) postTLLapor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	id := r.PathValue("tid")
	f := web.NewForm("lapor", r.PostForm)
	_, err := m.LaporTindakLanjut(ctx, id, PembinaanTindakLanjutLaporan{Status: r.PostForm.Get("status"), CatatanDesa: r.PostForm.Get("catatan_desa")})
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "tindak_lanjut_desa", "Tindak lanjut pembinaan",
			func() (tlDesaPage, error) { return m.tlDesaData(ctx) },
			func(d *tlDesaPage, f web.Form) { d.F, d.FID = f, id })
		return
	}
	http.Redirect(w, r, "/desa/"+string(tenantOf(ctx))+"/pembinaan/tindak-lanjut#tl-"+id, http.StatusSeeOther)
}

// --- the kecamatan and kabupaten

type tlWilayahPage struct {
	Nama, Base, Status string
	Terlambat          bool
	Items              []PembinaanTindakLanjut
	Opsi               []tlStatusOpsi
	Kecamatan          bool
}

func (m *Module) pageTLWilayah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := tenantOf(ctx)
	q := r.URL.Query()
	d := tlWilayahPage{Nama: m.namaWilayah(ctx, k), Base: "/wilayah/" + string(k) + "/pembinaan/tindak-lanjut",
		Status: q.Get("status"), Terlambat: q.Get("terlambat") != "", Opsi: tlStatusOpsiList, Kecamatan: k.Level() == tenancy.Kecamatan}
	if _, ok := tlStatusLabel[d.Status]; !ok {
		d.Status = ""
	}
	var err error
	if d.Items, err = m.DaftarTindakLanjut(ctx, d.Status, d.Terlambat); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "tindak_lanjut_wilayah", "Tindak lanjut pembinaan "+d.Nama, d)
}

// --- the organizer's page of one session

type tlUndangan struct {
	Kode tenancy.Kode
	Nama string
}

type tlSesiPage struct {
	Nama, Base, Judul, Penyelenggara string
	Items                            []PembinaanTindakLanjut
	Desa                             []tlUndangan
	Opsi                             []tlStatusOpsi
	// F is the new point's form; E a failed edit's, for the point EID.
	F, E web.Form
	EID  string
}

func (m *Module) tlSesiData(ctx context.Context, id string) (tlSesiPage, error) {
	k := tenantOf(ctx)
	d := tlSesiPage{Nama: m.namaWilayah(ctx, k), Base: "/wilayah/" + string(k) + "/pembinaan/" + id + "/tindak-lanjut", Opsi: tlStatusOpsiList,
		F: web.NewForm("tindak-lanjut", url.Values{"tenggat": {string(civil.Today(m.now(), k).AddDate(0, 1, 0))}})}
	s, items, err := m.DaftarTindakLanjutSesi(ctx, id)
	if err != nil {
		return d, err
	}
	d.Judul, d.Penyelenggara, d.Items = s.Judul, s.Penyelenggara, items
	lo, hi := k.Range()
	var kode []int64
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().TableExpr("pembinaan_undangan AS u").Column("u.desa_id").
			Where("u.pembinaan_id = ? AND u.desa_id BETWEEN ? AND ?", s.ID, lo, hi).OrderExpr("u.desa_id").Scan(ctx, &kode)
	})
	if err != nil {
		return d, err
	}
	nama := map[tenancy.Kode]string{}
	if m.regions != nil {
		ds, err := m.regions.DesaIn(ctx, k)
		if err != nil {
			return d, err
		}
		for _, x := range ds {
			nama[x.Kode] = x.Nama
		}
	}
	for _, id := range kode {
		dk := tenancy.KodeOfDesaID(id)
		n := nama[dk]
		if n == "" {
			n = string(dk)
		}
		d.Desa = append(d.Desa, tlUndangan{Kode: dk, Nama: n})
	}
	return d, nil
}

func (m *Module) pageTLSesi(w http.ResponseWriter, r *http.Request) {
	d, err := m.tlSesiData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "tindak_lanjut_sesi", "Tindak lanjut "+d.Judul, d)
}

func tlDataForm(v url.Values) PembinaanTindakLanjutData {
	return PembinaanTindakLanjutData{Desa: v.Get("desa"), Uraian: v.Get("uraian"), Tenggat: civil.Date(v.Get("tenggat")), Status: v.Get("status")}
}

func (m *Module) tlKembali(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/wilayah/"+string(tenantOf(r.Context()))+"/pembinaan/"+r.PathValue("id")+"/tindak-lanjut", http.StatusSeeOther)
}

func (m *Module) postTLBuat(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	id := r.PathValue("id")
	f := web.NewForm("tindak-lanjut", r.PostForm)
	d := tlDataForm(r.PostForm)
	if _, err := civil.ParseDate(string(d.Tenggat)); err != nil {
		d.Tenggat = ""
	}
	if _, err := m.BuatTindakLanjut(ctx, id, d); err != nil {
		web.Refill(m.pages, w, r, err, f, "tindak_lanjut_sesi", "Tindak lanjut pembinaan",
			func() (tlSesiPage, error) { return m.tlSesiData(ctx, id) },
			func(p *tlSesiPage, f web.Form) { p.F = f })
		return
	}
	m.tlKembali(w, r)
}

func (m *Module) postTLUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	id, tid := r.PathValue("id"), r.PathValue("tid")
	f := web.NewForm("ubah", r.PostForm)
	d := tlDataForm(r.PostForm)
	if _, err := civil.ParseDate(string(d.Tenggat)); err != nil {
		d.Tenggat = ""
	}
	if _, err := m.UbahTindakLanjut(ctx, id, tid, d); err != nil {
		web.Refill(m.pages, w, r, err, f, "tindak_lanjut_sesi", "Tindak lanjut pembinaan",
			func() (tlSesiPage, error) { return m.tlSesiData(ctx, id) },
			func(p *tlSesiPage, f web.Form) { p.E, p.EID = f, tid })
		return
	}
	m.tlKembali(w, r)
}

func (m *Module) postTLHapus(w http.ResponseWriter, r *http.Request) {
	if err := m.HapusTindakLanjut(r.Context(), r.PathValue("id"), r.PathValue("tid")); err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.tlKembali(w, r)
}
