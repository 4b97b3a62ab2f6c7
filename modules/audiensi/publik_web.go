package audiensi

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The public pages: any resident, without an account, sends an audiensi
// to their desa and follows it with the tracking code. They work without
// script: the proof token is a hidden input, the honeypot a field the
// stylesheet puts off-screen.

func (m *Module) routesPublik(mux *http.ServeMux) {
	m.web.HandlePublic(mux, "GET /desa/{kode}/audiensi/kirim", m.pageKirim)
	post := "POST /desa/{kode}/audiensi/kirim"
	m.web.HandlePublicForm(mux, post, m.postKirim)
	m.web.HandlePublic(mux, "GET /audiensi/lacak", m.pageLacakCari)
	m.web.HandlePublic(mux, "GET /audiensi/lacak/{kode_lacak}", m.pageLacak)
	post = "POST /audiensi/lacak/{kode_lacak}/informasi"
	m.web.HandlePublicForm(mux, post, m.postInfo)
	post = "POST /audiensi/lacak/{kode_lacak}/penilaian"
	m.web.HandlePublicForm(mux, post, m.postNilai)
}

type kirimPage struct {
	Kode     string
	Nama     string
	Action   string
	Token    string
	Kategori []Kategori
	Mode     []opsi
	F        web.Form
}

func (m *Module) kirimData(r *http.Request, desa tenancy.Kode, f web.Form) (kirimPage, error) {
	d := kirimPage{Kode: string(desa), Nama: string(desa), Action: "/desa/" + string(desa) + "/audiensi/kirim",
		Kategori: m.ref.Kategori, Mode: opsiMode, F: f}
	if m.regions != nil {
		if n, err := m.regions.Nama(r.Context(), desa); err == nil && n != "" {
			d.Nama = n
		}
	}
	tok, err := m.TokenForm(desa)
	if err != nil {
		return d, err
	}
	d.Token = tok
	return d, nil
}

func (m *Module) pageKirim(rw http.ResponseWriter, r *http.Request) {
	desa, err := m.desaPublik(r.Context(), r.PathValue("kode"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	d, err := m.kirimData(r, desa, web.NewForm("kirim", url.Values{"pelapor_mode": {string(Terbuka)}}))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "kirim", "Sampaikan audiensi ke Desa "+d.Nama, d)
}

// tandaPage is the receipt of a sent audiensi.
type tandaPage struct {
	Nama  string
	Kode  string
	Lacak string
	Tanda Tanda
}

func clientIP(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

func (m *Module) postKirim(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	desa, err := m.desaPublik(ctx, r.PathValue("kode"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	k := Kiriman{AudiensiData: dataDari(r.PostForm), Token: r.PostForm.Get("token"), Situs: r.PostForm.Get("situs")}
	det, err := m.Kirim(ctx, desa, clientIP(r), k)
	if err != nil {
		// The proof token has no input a person can fix: its message stands
		// in the summary with no link. The form comes back with a fresh one.
		f := web.NewForm("kirim", r.PostForm).Rename("token", "formulir")
		f.Values.Del("situs")
		web.Refill(m.pages, rw, r, err, f, "kirim", "Sampaikan audiensi",
			func() (kirimPage, error) { return m.kirimData(r, desa, f) },
			func(d *kirimPage, f web.Form) { d.F = f })
		return
	}
	d := tandaPage{Nama: string(desa), Kode: det.KodeLacak, Lacak: "/audiensi/lacak/" + det.KodeLacak,
		Tanda: Tanda{KodeLacak: det.KodeLacak, Status: det.Status, Diterima: det.Diterima, TenggatVerifikasi: det.TenggatVerif}}
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, desa); err == nil && n != "" {
			d.Nama = n
		}
	}
	m.pages.Render(rw, r, http.StatusOK, "tanda", "Audiensi terkirim", d)
}

type lacakCariPage struct {
	F web.Form
}

// pageLacakCari is the form to type a tracking code; a code typed opens
// its status page.
func (m *Module) pageLacakCari(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := web.NewForm("lacak", q)
	status := http.StatusOK
	// An empty code (the field is required; a crawler or an old browser
	// sends it anyway) shows the form again, not an error.
	if raw, typed := q["kode"]; typed && strings.TrimSpace(raw[0]) != "" {
		if kode, ok := NormalKodeLacak(raw[0]); ok {
			http.Redirect(rw, r, "/audiensi/lacak/"+kode, http.StatusSeeOther)
			return
		}
		f.AddError("kode", "Kode lacak terdiri dari 10 huruf dan angka, seperti ABCDE-FGH23.")
		status = http.StatusUnprocessableEntity
	}
	m.pages.Render(rw, r, status, "lacak_cari", "Lacak audiensi", lacakCariPage{F: f})
}

type lacakPage struct {
	V          PublikView
	Info       string
	Nilai      string
	Foto       string
	F          web.Form
	Pesan      string
	Bintang    []int
	JamTerbuka bool
	Desa       string // its code, for the timeline's clock
}

var pesanLacak = map[string]string{
	"info":  "Informasi tambahan Anda tersimpan.",
	"foto":  "Foto Anda tersimpan (tanpa data lokasi).",
	"nilai": "Terima kasih atas penilaian Anda.",
}

func (m *Module) lacakData(r *http.Request) (lacakPage, error) {
	ctx, _, err := m.bukaLacak(r.Context(), r.PathValue("kode_lacak"))
	if err != nil {
		return lacakPage{}, err
	}
	v, err := m.Lacak(ctx, r.PathValue("kode_lacak"))
	if err != nil {
		return lacakPage{}, err
	}
	t, _ := tenancy.From(ctx)
	base := "/audiensi/lacak/" + v.KodeLacak
	return lacakPage{V: v, Info: base + "/informasi", Nilai: base + "/penilaian", Foto: base + "/foto", Bintang: []int{1, 2, 3, 4, 5},
		F: web.NewForm("", nil), JamTerbuka: v.Jam != "", Desa: string(t.Kode)}, nil
}

func (m *Module) pageLacak(rw http.ResponseWriter, r *http.Request) {
	d, err := m.lacakData(r)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if kode, _ := NormalKodeLacak(r.PathValue("kode_lacak")); kode != r.PathValue("kode_lacak") {
		http.Redirect(rw, r, "/audiensi/lacak/"+d.V.KodeLacak, http.StatusSeeOther)
		return
	}
	d.Pesan = pesanLacak[r.URL.Query().Get("tersimpan")]
	m.pages.Render(rw, r, http.StatusOK, "lacak", "Status audiensi "+d.V.KodeLacak, d)
}

func (m *Module) lacakGagal(rw http.ResponseWriter, r *http.Request, err error, f web.Form) {
	web.Refill(m.pages, rw, r, err, f, "lacak", "Status audiensi",
		func() (lacakPage, error) { return m.lacakData(r) },
		func(d *lacakPage, f web.Form) { d.F = f })
}

func (m *Module) postInfo(rw http.ResponseWriter, r *http.Request) {
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	v, err := m.TambahInfo(r.Context(), r.PathValue("kode_lacak"), r.PostForm.Get("isi"))
	if err != nil {
		m.lacakGagal(rw, r, err, web.NewForm("info", r.PostForm))
		return
	}
	http.Redirect(rw, r, "/audiensi/lacak/"+v.KodeLacak+"?tersimpan=info", http.StatusSeeOther)
}

func (m *Module) postNilai(rw http.ResponseWriter, r *http.Request) {
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("nilai", r.PostForm)
	n, err := strconv.Atoi(r.PostForm.Get("nilai"))
	if err != nil {
		m.lacakGagal(rw, r, fault.Field("body.nilai", "Pilih nilai 1 sampai 5."), f)
		return
	}
	v, err := m.Nilai(r.Context(), r.PathValue("kode_lacak"), n, r.PostForm.Get("catatan"))
	if err != nil {
		m.lacakGagal(rw, r, err, f)
		return
	}
	http.Redirect(rw, r, "/audiensi/lacak/"+v.KodeLacak+"?tersimpan=nilai", http.StatusSeeOther)
}
