package opd

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html
var templateFS embed.FS

var pageFuncs = template.FuncMap{
	"jenisLabel": func(j Jenis) string { return j.Label() },
	"gabung":     func(s []string) string { return strings.Join(s, ", ") },
}

var kabupatenLevel = []tenancy.Level{tenancy.Kabupaten}

// Routes registers the module's pages: the list (everyone with PermRead)
// with the form to add an OPD, and an OPD's page with its edit form and
// members (the kabupaten admin).
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/opd", PermRead, []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}, m.pageDaftar)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/opd", PermKelola, kabupatenLevel, m.postTambah)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/opd/{id}", PermKelola, kabupatenLevel, m.pageOPD)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/opd/{id}", PermKelola, kabupatenLevel, m.postUbah)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/opd/{id}/anggota", PermKelola, kabupatenLevel, m.postAnggota)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/opd/{id}/anggota/{user_id}/hapus", PermKelola, kabupatenLevel, m.postHapusAnggota)
}

type jenisOpsi struct {
	Value, Label string
}

func jenisOpsiList() []jenisOpsi {
	out := make([]jenisOpsi, len(SemuaJenis))
	for i, j := range SemuaJenis {
		out[i] = jenisOpsi{string(j), j.Label()}
	}
	return out
}

type daftarPage struct {
	Kode    string
	Judul   string
	Items   []OPDDaftar
	Aksi    string // the add form's action
	Form    web.Form
	Jenis   []jenisOpsi
	Pesan   string
	Wilayah string // the kabupaten's page
}

// judul is the kabupaten's official name, or its code.
func (m *Module) judul(r *http.Request, k tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(r.Context(), k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

func (m *Module) daftarData(r *http.Request) (daftarPage, error) {
	t, _ := tenancy.From(r.Context())
	k := t.Kode.Up(tenancy.Kabupaten) // a camat reads the OPD of their kabupaten
	d := daftarPage{Kode: string(k), Judul: m.judul(r, k), Aksi: "/wilayah/" + string(k) + "/opd", Jenis: jenisOpsiList(),
		Wilayah: "/wilayah/" + string(t.Kode),
		Form:    web.NewForm("tambah", url.Values{"aktif": {"ya"}, "jenis": {string(JenisDinas)}})}
	switch r.URL.Query().Get("pesan") {
	case "ditambah":
		d.Pesan = "OPD ditambahkan."
	}
	var err error
	d.Items, err = m.daftarDenganAnggota(r.Context(), k)
	return d, err
}

func (m *Module) pageDaftar(w http.ResponseWriter, r *http.Request) {
	d, err := m.daftarData(r)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "opd", "Perangkat daerah", d)
}

// isiDariForm reads an OPD's fields from a posted form: urusan one per
// line.
func isiDariForm(f web.Form) OPDIsi {
	var urusan []string
	for _, l := range strings.Split(f.Get("urusan"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			urusan = append(urusan, l)
		}
	}
	return OPDIsi{Nama: f.Get("nama"), Singkatan: f.Get("singkatan"), Jenis: Jenis(f.Get("jenis")), Urusan: urusan,
		Aktif: f.Get("aktif") == "ya"}
}

func (m *Module) postTambah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("tambah", r.PostForm)
	u, _ := auth.UserFrom(ctx)
	_, err := m.Tambah(ctx, t.Kode, OPDBaru{Kode: form.Get("kode"), OPDIsi: isiDariForm(form)}, u.ID)
	if err != nil {
		web.Refill(m.pages, w, r, err, form, "opd", "Perangkat daerah",
			func() (daftarPage, error) { return m.daftarData(r) },
			func(d *daftarPage, f web.Form) { d.Form = f })
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(t.Kode)+"/opd?pesan=ditambah", http.StatusSeeOther)
}

type opdPage struct {
	Kode     string
	OPD      OPD
	Kembali  string
	Aksi     string
	Form     web.Form
	Jenis    []jenisOpsi
	Anggota  []AnggotaOPD
	AksiAng  string
	FormAng  web.Form
	Pesan    string
	HapusURL string // prefix; + user id + "/hapus"
}

func (m *Module) opdData(r *http.Request) (opdPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	o, err := m.OPDDiKabupaten(ctx, t.Kode, r.PathValue("id"))
	if err != nil {
		return opdPage{}, err
	}
	base := "/wilayah/" + string(t.Kode) + "/opd/" + o.ID
	aktif := ""
	if o.Aktif {
		aktif = "ya"
	}
	d := opdPage{Kode: string(t.Kode), OPD: o, Kembali: "/wilayah/" + string(t.Kode) + "/opd", Aksi: base, Jenis: jenisOpsiList(),
		AksiAng: base + "/anggota", HapusURL: base + "/anggota/",
		Form: web.NewForm("ubah", url.Values{"nama": {o.Nama}, "singkatan": {o.Singkatan}, "jenis": {string(o.Jenis)},
			"urusan": {strings.Join(o.Urusan, "\n")}, "aktif": {aktif}}),
		FormAng: web.NewForm("anggota", nil)}
	switch r.URL.Query().Get("pesan") {
	case "disimpan":
		d.Pesan = "Perubahan disimpan."
	case "ditambah":
		d.Pesan = "Anggota ditambahkan; akunnya kini memegang peran OPD."
	case "dikeluarkan":
		d.Pesan = "Anggota dikeluarkan; peran OPD-nya dicabut."
	}
	d.Anggota, err = m.DaftarAnggota(ctx, t.Kode, o.ID)
	return d, err
}

func (m *Module) pageOPD(w http.ResponseWriter, r *http.Request) {
	d, err := m.opdData(r)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "opd_ubah", d.OPD.Nama, d)
}

func (m *Module) postUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("ubah", r.PostForm)
	u, _ := auth.UserFrom(ctx)
	o, err := m.Ubah(ctx, t.Kode, r.PathValue("id"), isiDariForm(form), u.ID)
	if err != nil {
		web.Refill(m.pages, w, r, err, form, "opd_ubah", "Ubah OPD",
			func() (opdPage, error) { return m.opdData(r) },
			func(d *opdPage, f web.Form) { d.Form = f })
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(t.Kode)+"/opd/"+o.ID+"?pesan=disimpan", http.StatusSeeOther)
}

func (m *Module) postAnggota(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("anggota", r.PostForm)
	u, _ := auth.UserFrom(ctx)
	id := r.PathValue("id")
	if _, err := m.TambahAnggota(ctx, t.Kode, id, form.Get("email"), u.ID); err != nil {
		web.Refill(m.pages, w, r, err, form, "opd_ubah", "Anggota OPD",
			func() (opdPage, error) { return m.opdData(r) },
			func(d *opdPage, f web.Form) { d.FormAng = f })
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(t.Kode)+"/opd/"+id+"?pesan=ditambah", http.StatusSeeOther)
}

func (m *Module) postHapusAnggota(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	id := r.PathValue("id")
	if err := m.HapusAnggota(ctx, t.Kode, id, r.PathValue("user_id")); err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(t.Kode)+"/opd/"+id+"?pesan=dikeluarkan", http.StatusSeeOther)
}

// isianView is what the shared fields of the add and edit forms read.
type isianView struct {
	F     web.Form
	Jenis []jenisOpsi
}

// Isian is the add form's fields.
func (d daftarPage) Isian() isianView { return isianView{F: d.Form, Jenis: d.Jenis} }

// Isian is the edit form's fields.
func (d opdPage) Isian() isianView { return isianView{F: d.Form, Jenis: d.Jenis} }
