package konsultasi

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The pages: a desa's threads with the new-thread form, a thread with its
// messages, files and the forms its viewer may use, the kecamatan's list
// and the response-time statistics.

//go:embed templates/*.html
var templateFS embed.FS

var pageFuncs = template.FuncMap{
	"waktu": func(t time.Time) string {
		return t.In(civil.Zone("51")).Format("02-01-2006 15.04")
	},
	"persen": persenTeks,
	"hari":   hariTeks,
	"ukuran": func(n int64) string {
		if n < 1<<20 {
			return desimal(float64(n)/1024) + " KB"
		}
		return desimal(float64(n)/(1<<20)) + " MB"
	},
}

// halaman is the module's pages, built on first use.
func (m *Module) halaman() *web.Pages {
	m.pagesOnce.Do(func() {
		if m.web != nil {
			m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
		}
	})
	return m.pages
}

func (m *Module) routesPages(mux *http.ServeMux) {
	base := "/desa/{kode}/konsultasi"
	m.web.HandleDesa(mux, "GET "+base, PermBaca, m.pageDesa)
	m.web.HandleDesa(mux, "POST "+base, PermTanya, m.postBuka)
	m.web.HandleDesa(mux, "GET "+base+"/{id}", PermBaca, m.pageLihat)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/pesan", PermBaca, m.postPesan)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/selesai", PermBaca, m.postSelesai)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/lampiran", PermBaca, m.postLampiran)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/lampiran/{lid}", PermBaca, m.getLampiran)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tindak-lanjut", PermJawab, m.postTindakLanjut)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/konsultasi", PermBaca, []tenancy.Level{tenancy.Kecamatan}, m.pageKecamatan)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/konsultasi/statistik", PermStatistik,
		[]tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}, m.pageStatistik)
}

// --- a desa's list and the new thread

type desaPage struct {
	Nama, Base string
	BolehTanya bool
	Utas       []KonsultasiUtas
	Lanjut     string // the next page of the list
	F          web.Form
	Bagian     []pilihan
	Topik      []pilihan
	Status     string
	Tersimpan  bool
}

func (m *Module) desaData(ctx context.Context, f web.Form, status, cursor string) (desaPage, error) {
	k := kodeOf(ctx)
	d := desaPage{Nama: m.nama(ctx, k), Base: "/desa/" + string(k) + "/konsultasi", F: f, Bagian: Bagian, Topik: Topik,
		BolehTanya: m.allowed(ctx, k, PermTanya), Status: status}
	var err error
	d.Utas, d.Lanjut, err = m.halamanDaftar(ctx, Saring{Status: status}, cursor, d.Base)
	return d, err
}

// halamanPerDaftar is how many threads a list page shows.
const halamanPerDaftar = 50

// halamanDaftar is one page of a list for the pages, and the link to the
// next one (a stale or crafted cursor shows the first page).
func (m *Module) halamanDaftar(ctx context.Context, s Saring, cursor, base string) ([]KonsultasiUtas, string, error) {
	p, err := m.Daftar(ctx, s, page.Params{Cursor: cursor, Limit: halamanPerDaftar})
	if cursor != "" && fault.Is(err, fault.Invalid) {
		p, err = m.Daftar(ctx, s, page.Params{Limit: halamanPerDaftar})
	}
	if err != nil || p.NextCursor == "" {
		return p.Items, "", err
	}
	q := url.Values{"cursor": {p.NextCursor}}
	if s.Status != "" {
		q.Set("status", s.Status)
	}
	if s.Bagian != "" {
		q.Set("bagian", s.Bagian)
	}
	return p.Items, base + "?" + q.Encode(), nil
}

func statusQuery(r *http.Request) string {
	switch s := r.URL.Query().Get("status"); s {
	case string(Baru), string(Dijawab), string(Selesai):
		return s
	}
	return ""
}

func (m *Module) pageDesa(w http.ResponseWriter, r *http.Request) {
	d, err := m.desaData(r.Context(), web.NewForm("konsultasi", url.Values{"bagian": {"tata_pemerintahan"}}), statusQuery(r), r.URL.Query().Get("cursor"))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "desa", "Konsultasi "+d.Nama, d)
}

func (m *Module) postBuka(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("konsultasi", r.PostForm)
	u, err := m.Buka(ctx, KonsultasiBaru{Bagian: r.PostForm.Get("bagian"), Topik: r.PostForm.Get("topik"),
		Judul: r.PostForm.Get("judul"), Isi: r.PostForm.Get("isi")})
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "desa", "Konsultasi",
			func() (desaPage, error) { return m.desaData(ctx, f, "", "") },
			func(d *desaPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, URLUtas(u.Desa, u.ID)+"?tersimpan=1", http.StatusSeeOther)
}

// --- a thread

type lihatPage struct {
	U                    KonsultasiUtas
	Base, Daftar         string
	Sisi                 Sisi // the side the viewer writes for; "" reads only
	BolehTL              bool
	Sesi                 []Sesi
	SesiGalat            string
	F                    web.Form
	Tersimpan            string
	Maks                 int
	Terbuka, BolehUnggah bool
	TenggatAwal          string
	TLLink               string
}

func (m *Module) lihatData(ctx context.Context, id string, f web.Form) (lihatPage, error) {
	k := kodeOf(ctx)
	u, err := m.Lihat(ctx, id)
	if err != nil {
		return lihatPage{}, err
	}
	d := lihatPage{U: u, Base: URLUtas(k, id), Daftar: "/desa/" + string(k) + "/konsultasi", F: f, Maks: MaksLampiran}
	d.Terbuka = u.Status != Selesai
	if s, err := m.sisiOf(ctx, k); err == nil {
		d.Sisi = s
	}
	d.BolehUnggah = d.Terbuka && d.Sisi != "" && len(u.Lampiran) < MaksLampiran
	if d.Sisi == SisiKecamatan {
		d.Daftar = "/wilayah/" + string(k.Up(tenancy.Kecamatan)) + "/konsultasi"
	}
	d.BolehTL = u.TindakLanjutID == "" && m.allowed(ctx, k, PermJawab) && m.tindakLanjut != nil
	if d.BolehTL {
		if d.Sesi, err = m.SesiPembinaan(ctx); err != nil {
			d.SesiGalat = "Daftar sesi pembinaan tidak dapat dibaca saat ini."
			if fe, ok := fault.As(err); ok {
				d.SesiGalat = fe.Message
			}
			d.Sesi = nil
		}
		d.TenggatAwal = string(civil.Today(m.now(), k).AddDate(0, 0, 14))
	}
	return d, nil
}

func (m *Module) pageLihat(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := m.lihatData(ctx, r.PathValue("id"), web.NewForm("pesan", url.Values{}))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	switch r.URL.Query().Get("tersimpan") {
	case "1":
		d.Tersimpan = "Konsultasi terkirim ke kecamatan."
	case "pesan":
		d.Tersimpan = "Pesan terkirim."
	case "lampiran":
		d.Tersimpan = "Lampiran tersimpan."
	case "selesai":
		d.Tersimpan = "Konsultasi ditutup."
	case "tl":
		d.Tersimpan = "Konsultasi dijadikan tindak lanjut pembinaan."
	}
	m.pages.Render(w, r, http.StatusOK, "lihat", d.U.Judul, d)
}

func (m *Module) refillLihat(w http.ResponseWriter, r *http.Request, err error, f web.Form) {
	ctx, id := r.Context(), r.PathValue("id")
	web.Refill(m.pages, w, r, err, f, "lihat", "Konsultasi",
		func() (lihatPage, error) { return m.lihatData(ctx, id, f) },
		func(d *lihatPage, f web.Form) { d.F = f })
}

func keLihat(w http.ResponseWriter, r *http.Request, what string) {
	http.Redirect(w, r, URLUtas(kodeOf(r.Context()), r.PathValue("id"))+"?tersimpan="+what, http.StatusSeeOther)
}

func (m *Module) postPesan(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("pesan", r.PostForm)
	if _, err := m.Kirim(r.Context(), r.PathValue("id"), KonsultasiPesanBaru{Isi: r.PostForm.Get("isi")}); err != nil {
		m.refillLihat(w, r, err, f)
		return
	}
	keLihat(w, r, "pesan")
}

func (m *Module) postSelesai(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm("selesai", url.Values{})
	if _, err := m.Tutup(r.Context(), r.PathValue("id"), KonsultasiUbahStatus{Status: string(Selesai)}); err != nil {
		m.refillLihat(w, r, err, f)
		return
	}
	keLihat(w, r, "selesai")
}

func (m *Module) postLampiran(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm("lampiran", url.Values{})
	err := func() error {
		r.Body = http.MaxBytesReader(w, r.Body, lampiranMaksBody)
		p, err := web.FilePart(r, "berkas", web.FileErrors{
			NoFile:     fault.Field(fieldBerkas, "Pilih berkas yang akan diunggah."),
			TooBig:     fault.Field(fieldBerkas, "Berkas terlalu besar; maksimal 5 MB."),
			Unreadable: fault.Field(fieldBerkas, "Berkas tidak terkirim utuh; coba unggah lagi."),
		})
		if err != nil {
			return err
		}
		defer p.Close()
		b, err := bacaBerkas(p)
		if err != nil {
			return err
		}
		_, err = m.TambahLampiran(r.Context(), r.PathValue("id"), p.FileName(), b)
		return err
	}()
	if err != nil {
		m.refillLihat(w, r, err, f)
		return
	}
	keLihat(w, r, "lampiran")
}

func (m *Module) getLampiran(w http.ResponseWriter, r *http.Request) {
	l, rc, err := m.BukaLampiran(r.Context(), r.PathValue("id"), r.PathValue("lid"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	kirimLampiran(w, l, rc)
}

func (m *Module) postTindakLanjut(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("tl", r.PostForm)
	in := KonsultasiTindakLanjutInput{PembinaanID: r.PostForm.Get("pembinaan_id"), Uraian: r.PostForm.Get("uraian")}
	var err error
	if t := strings.TrimSpace(r.PostForm.Get("tenggat")); t != "" {
		if in.Tenggat, err = civil.ParseDate(t); err != nil {
			err = fault.Field("body.tenggat", "Tenggat harus tanggal (YYYY-MM-DD).")
		}
	}
	if err == nil {
		_, err = m.JadikanTindakLanjut(r.Context(), r.PathValue("id"), in)
	}
	if err != nil {
		m.refillLihat(w, r, err, f)
		return
	}
	keLihat(w, r, "tl")
}

// --- the kecamatan

type kecamatanPage struct {
	Nama, Base, Statistik string
	Utas                  []KonsultasiUtas
	Lanjut                string // the next page of the list
	Bagian                []pilihan
	Saring                Saring
	Batas                 int
}

func (m *Module) pageKecamatan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := kodeOf(ctx)
	s := Saring{Status: statusQuery(r)}
	if b := r.URL.Query().Get("bagian"); ada(Bagian, b) {
		s.Bagian = b
	}
	d := kecamatanPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/konsultasi", Bagian: Bagian, Saring: s, Batas: BatasHariKerja}
	d.Statistik = d.Base + "/statistik"
	var err error
	if d.Utas, d.Lanjut, err = m.halamanDaftar(ctx, s, r.URL.Query().Get("cursor"), d.Base); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "kecamatan", "Konsultasi desa — "+d.Nama, d)
}

var periodeKosong indicator.Period

type statistikPage struct {
	Nama, Base string
	S          KonsultasiStatistik
	Dari       string
	Sampai     string
}

func (m *Module) pageStatistik(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := kodeOf(ctx)
	q := r.URL.Query()
	p, err := periodeDari(q.Get("dari"), q.Get("sampai"))
	if err != nil {
		p = periodeKosong
	}
	d := statistikPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/konsultasi/statistik"}
	if d.S, err = m.Statistik(ctx, k, p); err != nil {
		if d.S, err = m.Statistik(ctx, k, periodeKosong); err != nil {
			m.pages.Fault(w, r, err)
			return
		}
	}
	d.Dari, d.Sampai = string(d.S.Dari), string(d.S.Sampai)
	m.pages.Render(w, r, http.StatusOK, "statistik", "Waktu jawab konsultasi — "+d.Nama, d)
}
