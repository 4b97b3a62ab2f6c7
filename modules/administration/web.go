package administration

import (
	"context"
	"embed"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html templates/bagian/*.html
var templateFS embed.FS

// maxPageForm bounds a page form; the largest (profil with misi) is far
// smaller.
const maxPageForm = 64 << 10

// Routes registers the module's pages. Each checks its permission itself
// (the API guard does not cover pages) and then runs with the desa as the
// tenant, exactly as an API call would.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	h := func(pattern string, p authz.Permission, fn pageFunc) {
		m.web.HandleDesa(mux, pattern, p, m.desaPage(fn))
	}
	h("GET /desa/{kode}/administrasi", PermPerangkatRead, m.pageIndex)
	h("GET /desa/{kode}/perangkat", PermPerangkatRead, m.pagePerangkat)
	h("POST /desa/{kode}/perangkat", PermPerangkatWrite, m.pageAppoint)
	h("GET /desa/{kode}/perangkat/{id}", PermPerangkatRead, m.pageRinci)
	h("POST /desa/{kode}/perangkat/{id}/berhenti", PermPerangkatWrite, m.pageEnd)
	h("POST /desa/{kode}/perangkat/{id}/akun", PermPerangkatAkun, m.pageLink)
	h("POST /desa/{kode}/perangkat/{id}/akun/lepas", PermPerangkatAkun, m.pageUnlink)
	h("GET /desa/{kode}/perangkat/bagan", PermPerangkatRead, m.pageBagan)
	h("GET /desa/{kode}/profil", PermProfilRead, m.pageProfil)
	h("GET /desa/{kode}/profil/ubah", PermProfilWrite, m.pageProfilForm)
	h("POST /desa/{kode}/profil", PermProfilWrite, m.pageSaveProfil)
	h("POST /desa/{kode}/profil/penduduk", PermProfilWrite, m.pageSavePenduduk)
	h("GET /desa/{kode}/lembaga", PermLembagaRead, m.pageLembaga)
	h("POST /desa/{kode}/lembaga", PermLembagaWrite, m.pageAddLembaga)
	h("POST /desa/{kode}/lembaga/{id}", PermLembagaWrite, m.pageUpdateLembaga)
	h("POST /desa/{kode}/lembaga/{id}/anggota", PermLembagaWrite, m.pageAddAnggota)
	h("POST /desa/{kode}/lembaga/{id}/anggota/{anggota_id}", PermLembagaWrite, m.pageUpdateAnggota)
	h("POST /desa/{kode}/lembaga/{id}/anggota/{anggota_id}/berhenti", PermLembagaWrite, m.pageEndAnggota)
	h("POST /desa/{kode}/dusun", PermDusunWrite, m.pageAddDusun)
	h("POST /desa/{kode}/dusun/{id}", PermDusunWrite, m.pageUpdateDusun)
	h("POST /desa/{kode}/dusun/{id}/hapus", PermDusunWrite, m.pageDeleteDusun)
}

type pageFunc func(w http.ResponseWriter, r *http.Request, pc pageCtx)

// pageCtx is what every page handler gets: the desa, the user and a way to
// ask about other permissions (to show or hide a form).
type pageCtx struct {
	Kode tenancy.Kode
	User auth.User
	m    *Module
}

func (pc pageCtx) can(ctx context.Context, p authz.Permission) bool {
	ok, err := pc.m.authz.Allowed(ctx, pc.User.ID, pc.Kode, p)
	return err == nil && ok
}

// desaPage hands a page its context; web.HandleDesa has already checked the
// permission and put the desa in the request's tenant.
func (m *Module) desaPage(fn pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, _ := tenancy.From(r.Context())
		u, _ := auth.UserFrom(r.Context())
		fn(w, r, pageCtx{Kode: t.Kode, User: u, m: m})
	}
}

func (m *Module) serverError(w http.ResponseWriter, r *http.Request, err error) {
	m.pages.ServerError(w, r, err)
}

// formErr adds the problems of a type's Validate to those met while
// reading the form, so one answer lists every field at fault.
func formErr(p *valid.Problems, err error) error {
	p.Include("body", err)
	return p.Err()
}

// formName is the form field behind an API field name: "body.sk_tanggal"
// is the form's "sk_tanggal".
func formName(field string) string {
	_, name, _ := strings.Cut(field, ".")
	return name
}

// formTanggal reads an optional date of a form (the browser's date input
// sends YYYY-MM-DD). One it cannot read is recorded in p, under the field's
// API name, and left empty; the message does not repeat what was typed.
func formTanggal(p *valid.Problems, f url.Values, field, label string) Tanggal {
	s := strings.TrimSpace(f.Get(formName(field)))
	if s == "" {
		return ""
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		p.Add(field, "%s tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.", label)
		return ""
	}
	return d
}

// formDesimal reads an optional decimal (nil when empty), written the
// Indonesian way or with a dot (parseDesimal).
func formDesimal(p *valid.Problems, f url.Values, field string) *float64 {
	name := formName(field)
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return nil
	}
	v, err := parseDesimal(s)
	if err != nil {
		p.Add(field, "Isian %s harus berupa angka desimal dengan koma, mis. -8,5957 (titik juga diterima).", labelAngka[name])
		return nil
	}
	return &v
}

// formBulat reads a whole number, with or without thousands dots
// (parseBulat).
func formBulat(p *valid.Problems, f url.Values, field string) int {
	name := formName(field)
	v, err := parseBulat(f.Get(name))
	switch {
	case errors.Is(err, strconv.ErrRange):
		p.Add(field, "Isian %s terlalu besar.", labelAngka[name])
	case err != nil:
		p.Add(field, "Isian %s harus bilangan bulat, mis. 2437 atau 2.437.", labelAngka[name])
	}
	return v
}

func (m *Module) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxPageForm)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

func redirect(w http.ResponseWriter, r *http.Request, path, pesan string) {
	http.Redirect(w, r, path+"?pesan="+url.QueryEscape(pesan), http.StatusSeeOther)
}

// flash is the success message a redirect carried; only our own fixed
// texts are shown, so a crafted link cannot put words in our mouth.
func flash(r *http.Request) string {
	switch p := r.URL.Query().Get("pesan"); p {
	case pesanDiangkat, pesanDiberhentikan, pesanBerhentiNanti, pesanProfil, pesanPenduduk, pesanAnggota, pesanDusun,
		pesanLembaga, pesanAnggotaBerhenti, pesanDusunHapus, pesanAkun, pesanAkunLepas:
		return p
	}
	return ""
}

const (
	pesanDiangkat        = "Perangkat desa tersimpan."
	pesanDiberhentikan   = "Jabatan diakhiri; riwayatnya tetap tersimpan."
	pesanProfil          = "Profil desa tersimpan."
	pesanPenduduk        = "Data penduduk tersimpan."
	pesanAnggota         = "Anggota lembaga tersimpan."
	pesanDusun           = "Dusun/banjar tersimpan."
	pesanBerhentiNanti   = "Tanggal berhenti tercatat; sampai tanggal itu tiba, yang bersangkutan tetap menjabat."
	pesanLembaga         = "Lembaga tersimpan."
	pesanAnggotaBerhenti = "Keanggotaan diakhiri; riwayatnya tetap tersimpan."
	pesanDusunHapus      = "Dusun/banjar dihapus."
	pesanAkun            = "Akun ditautkan; perannya di desa ini diberikan."
	pesanAkunLepas       = "Tautan akun dilepas; peran dari jabatan ini dicabut."
)

func base(pc pageCtx) string { return "/desa/" + string(pc.Kode) }

// ---- administrasi (desa page) ---------------------------------------------

type indexData struct {
	Nav        navDesa
	Kode       tenancy.Kode
	Base       string
	Peringatan []Peringatan
	Hari       int
}

func (m *Module) pageIndex(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d := indexData{Nav: m.nav(r.Context(), pc, navAdministrasi), Kode: pc.Kode, Base: base(pc), Hari: peringatanHari}
	if pc.can(r.Context(), PermMasaJabatanRead) {
		p, err := m.ListPeringatan(r.Context(), page.Params{Limit: page.MaxLimit})
		if err != nil {
			m.serverError(w, r, err)
			return
		}
		d.Peringatan = p.Items
	}
	m.pages.Render(w, r, http.StatusOK, "administrasi", "Administrasi desa", d)
}

// ---- perangkat -------------------------------------------------------------

type perangkatData struct {
	Nav   navDesa
	Kode  tenancy.Kode
	Base  string
	Pesan string
	// Aktif and Riwayat are the cards, each value already written as the
	// page shows it (kartuPerangkat).
	Aktif     []kartuPerangkat
	Riwayat   []kartuPerangkat
	Dusun     []Dusun
	Jabatan   []pilihan
	BisaTulis bool
	// Angkat is the appointment form: empty, or as typed with its
	// messages when it was refused.
	Angkat web.Form
	// BisaAkun may end a post linked to an account (which revokes its
	// role); without it such a post shows no end form.
	BisaAkun bool
	// FormDusun is the dusun/banjar form that was refused, as typed with
	// its messages: "dusun" (add), "dusun-<id>" (rename) or "hapus-<id>"
	// (delete); the template picks it with For.
	FormDusun web.Form
	// Kelian is who leads each dusun/banjar today, by dusun id.
	Kelian map[string]string
	// BisaDusun shows the dusun/banjar form (kasi may add one, not appoint);
	// SebutanDusun is its default: banjar in Bali, dusun elsewhere.
	BisaDusun    bool
	SebutanDusun string
}

type pilihan struct{ Value, Label string }

// pageSkipPerangkat and pageSkipDusun are the columns the perangkat page
// does not read.
var (
	pageSkipPerangkat = []string{"created_at", "updated_at", "ended_at"}
	pageSkipDusun     = []string{"created_at", "updated_at"}
)

// kartuPerangkat is one appointment's card as the perangkat page writes
// it: every value a string ready to print, so the template's range loop
// calls no method, Stringer or function per field (html/template calls
// each through reflection, which was most of the page's CPU; issue 9).
type kartuPerangkat struct {
	Judul, Nama, NIK, NIP, Status string
	SK, SKTanggal                 string
	Mulai, Selesai, Berhenti      string
	Alasan, SKBerhenti            string
	Href, Tautan                  string
}

// kartu writes p's card; tautan is the text of its link to the rincian.
func kartu(p Perangkat, base, tautan string) kartuPerangkat {
	return kartuPerangkat{
		Judul: p.Status.Prefix() + p.Sebutan, Nama: p.Nama, NIK: p.NIK.Masked(), NIP: p.NIP, Status: p.Status.Label(),
		SK: judulSK(p.SKNomor), SKTanggal: p.SKTanggal.String(), Mulai: p.Mulai.String(), Selesai: p.Selesai.String(),
		Berhenti: p.TanggalBerhenti.String(), Alasan: p.AlasanBerhenti, SKBerhenti: judulSK(p.SKBerhentiNomor),
		Href: base + "/perangkat/" + p.ID.String(), Tautan: tautan,
	}
}

// opsi is an option of a select, with whether it is chosen.
type opsi struct {
	Value, Label string
	Selected     bool
}

// OpsiJabatan and OpsiDusun are the appointment form's choices, the one
// it was sent with chosen.
func (d perangkatData) OpsiJabatan() []opsi {
	out := make([]opsi, len(d.Jabatan))
	for i, j := range d.Jabatan {
		out[i] = opsi{Value: j.Value, Label: j.Label, Selected: d.Angkat.Is("jabatan", j.Value)}
	}
	return out
}

func (d perangkatData) OpsiDusun() []opsi {
	out := make([]opsi, len(d.Dusun))
	for i, u := range d.Dusun {
		id := u.ID.String()
		out[i] = opsi{Value: id, Label: u.Judul(), Selected: d.Angkat.Is("dusun_id", id)}
	}
	return out
}

// kartuDusun is one dusun/banjar's card with its rename and delete forms.
type kartuDusun struct {
	ID, Judul, Kelian string
	// Ubah and Hapus are the rename and delete forms ("dusun-<id>",
	// "hapus-<id>"), with their state when one of them was refused.
	Ubah, Hapus web.Form
	// LabelNama is the rename form's label; Nama and Sebutan its values.
	LabelNama, Nama, Sebutan string
}

// KartuDusun are the dusun/banjar cards.
func (d perangkatData) KartuDusun() []kartuDusun {
	out := make([]kartuDusun, len(d.Dusun))
	for i, u := range d.Dusun {
		id := u.ID.String()
		k := kartuDusun{ID: id, Judul: u.Judul(), Kelian: "Kepala kewilayahan kosong",
			Ubah: d.FormDusun.For("dusun-" + id), Hapus: d.FormDusun.For("hapus-" + id),
			LabelNama: "Nama (tanpa kata “Dusun”)", Nama: u.Nama, Sebutan: string(u.Sebutan)}
		if u.Sebutan == "banjar" {
			k.LabelNama = "Nama (tanpa kata “Banjar Dinas”)"
		}
		if n := d.Kelian[id]; n != "" {
			k.Kelian = "Dipimpin " + n
		}
		if k.Ubah.Failed() {
			k.Nama, k.Sebutan = k.Ubah.Get("nama_dusun"), k.Ubah.Get("sebutan")
		}
		out[i] = k
	}
	return out
}

func (m *Module) perangkatData(r *http.Request, pc pageCtx) (perangkatData, error) {
	d := perangkatData{Kode: pc.Kode, Base: base(pc), Pesan: flash(r),
		BisaTulis: pc.can(r.Context(), PermPerangkatWrite), BisaAkun: pc.can(r.Context(), PermPerangkatAkun),
		BisaDusun:    pc.can(r.Context(), PermDusunWrite),
		SebutanDusun: sebutanDusun(pc.Kode), Angkat: web.NewForm("angkat", nil), FormDusun: web.NewForm("", nil)}
	// One transaction for everything the page reads: the desa's name, its
	// dusun (the form's choices and the kepala kewilayahan titles) and the
	// appointments.
	var (
		nama           string
		aktif, riwayat []Perangkat
	)
	err := m.db.Tx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
		var err error
		if nama, err = namaDesaTx(ctx, tx); err != nil {
			return err
		}
		// The page shows no timestamps: reading and parsing them per row
		// was a tenth of the page's query time on SQLite (issue 9).
		if d.Dusun, err = allDusun(ctx, tx, pageSkipDusun...); err != nil {
			return err
		}
		if aktif, err = activePerangkat(ctx, tx, m.today(pc.Kode), pageSkipPerangkat...); err != nil {
			return err
		}
		sebutanFromList(aktif, d.Dusun)
		d.Kelian = map[string]string{}
		for _, p := range aktif {
			if p.DusunID != nil {
				d.Kelian[p.DusunID.String()] = p.Status.Prefix() + p.Nama
			}
		}
		sortSOTK(aktif)
		if r.URL.Query().Get("riwayat") != "" {
			p, err := m.listPerangkat(ctx, tx, PerangkatQuery{Params: page.Params{Limit: page.MaxLimit}, Status: "berhenti"}, m.today(pc.Kode))
			if err != nil {
				return err
			}
			riwayat = p.Items
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	tautan := "Rincian jabatan"
	if d.BisaTulis {
		tautan += " · berhentikan"
	}
	if d.BisaAkun {
		tautan += " · akun"
	}
	d.Aktif = make([]kartuPerangkat, len(aktif))
	for i, p := range aktif {
		d.Aktif[i] = kartu(p, d.Base, tautan)
	}
	for _, p := range riwayat {
		d.Riwayat = append(d.Riwayat, kartu(p, d.Base, "Rincian"))
	}
	d.Nav = navWith(r.Context(), pc, navPerangkat, nama)
	for _, j := range jabatanList {
		d.Jabatan = append(d.Jabatan, pilihan{string(j), j.Sebutan(pc.Kode, nil)})
	}
	return d, nil
}

func (m *Module) pagePerangkat(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d, err := m.perangkatData(r, pc)
	if err != nil {
		m.serverError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "perangkat", "Perangkat desa", d)
}

func (m *Module) pageAppoint(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	in := PerangkatInput{Jabatan: Jabatan(f.Get("jabatan")), Nama: f.Get("nama"), NIK: f.Get("nik"), NIP: f.Get("nip"),
		Status: Status(f.Get("status")), SKNomor: f.Get("sk_nomor")}
	var p valid.Problems
	if in.Jabatan == KepalaKewilayahan {
		if id, err := uuid.Parse(f.Get("dusun_id")); err == nil {
			in.DusunID = &id
		}
	}
	in.SKTanggal = formTanggal(&p, f, "body.sk_tanggal", "Tanggal SK")
	in.Mulai = formTanggal(&p, f, "body.mulai", "Tanggal mulai menjabat")
	in.Selesai = formTanggal(&p, f, "body.selesai", "Akhir masa jabatan")
	err := formErr(&p, in.Validate(m.today(pc.Kode)))
	if err == nil {
		_, err = m.Appoint(r.Context(), in)
	}
	if err != nil {
		// Everything typed goes back into the form, the NIK too: the page
		// is the same user's own answer (no-store), and retyping sixteen
		// digits to fix a date is how typos are made.
		web.Refill(m.pages, w, r, err, web.NewForm("angkat", f), "perangkat", "Perangkat desa",
			func() (perangkatData, error) { return m.perangkatData(r, pc) },
			func(d *perangkatData, form web.Form) { d.Angkat = form })
		return
	}
	redirect(w, r, base(pc)+"/perangkat", pesanDiangkat)
}

func (m *Module) pageBagan(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	b, err := m.Bagan(r.Context())
	if err != nil {
		m.serverError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "bagan", "Bagan organisasi pemerintah desa", struct {
		Nav   navDesa
		Base  string
		Bagan Bagan
	}{m.nav(r.Context(), pc, navBagan), base(pc), b})
}

// ---- profil ----------------------------------------------------------------

type profilData struct {
	Nav       navDesa
	Kode      tenancy.Kode
	Base      string
	Pesan     string
	Ada       bool
	Profil    Profil
	Penduduk  []Penduduk
	BisaTulis bool
	// FormProfil is the profile form (the stored profile, or as typed with
	// its messages); FormPenduduk the population form.
	FormProfil   web.Form
	FormPenduduk web.Form
}

func (m *Module) profilData(r *http.Request, pc pageCtx) (profilData, error) {
	d := profilData{Nav: m.nav(r.Context(), pc, navProfil), Kode: pc.Kode, Base: base(pc), Pesan: flash(r),
		BisaTulis: pc.can(r.Context(), PermProfilWrite), FormProfil: web.NewForm("profil", nil), FormPenduduk: web.NewForm("penduduk", nil)}
	p, err := m.GetProfil(r.Context())
	switch {
	case err == nil:
		d.Ada, d.Profil = true, p
	case !fault.Is(err, fault.NotFound):
		return d, err
	}
	pp, err := m.ListPenduduk(r.Context(), page.Params{Limit: page.MaxLimit})
	if err != nil {
		return d, err
	}
	d.Penduduk = pp.Items
	return d, nil
}

func (m *Module) pageProfil(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d, err := m.profilData(r, pc)
	if err != nil {
		m.serverError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "profil", "Profil desa", d)
}

func profilForm(p Profil) url.Values {
	f := url.Values{}
	f.Set("nama", p.Nama)
	f.Set("alamat_kantor", p.AlamatKantor)
	f.Set("telepon", p.Telepon)
	f.Set("email", p.Email)
	num := func(k string, v *float64) {
		if v != nil {
			f.Set(k, desimalForm(*v))
		}
	}
	num("lintang", p.Lintang)
	num("bujur", p.Bujur)
	num("luas_km2", p.LuasKm2)
	f.Set("visi", p.Visi)
	f.Set("misi", p.Misi)
	return f
}

func (m *Module) pageProfilForm(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d, err := m.profilData(r, pc)
	if err != nil {
		m.serverError(w, r, err)
		return
	}
	d.FormProfil = web.NewForm("profil", profilForm(d.Profil))
	m.pages.Render(w, r, http.StatusOK, "profil_ubah", "Ubah profil desa", d)
}

func (m *Module) pageSaveProfil(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	in := ProfilInput{Nama: f.Get("nama"), AlamatKantor: f.Get("alamat_kantor"), Telepon: f.Get("telepon"),
		Email: f.Get("email"), Visi: f.Get("visi"), Misi: strings.Split(f.Get("misi"), "\n")}
	var p valid.Problems
	in.Lintang = formDesimal(&p, f, "body.lintang")
	in.Bujur = formDesimal(&p, f, "body.bujur")
	in.LuasKm2 = formDesimal(&p, f, "body.luas_km2")
	err := formErr(&p, in.Validate())
	if err == nil {
		_, err = m.SaveProfil(r.Context(), in)
	}
	if err != nil {
		// Each misi point is a line of one textarea: its messages belong
		// to that field.
		if fe, ok := fault.As(err); ok {
			for _, e := range fe.Fields {
				if strings.HasPrefix(e.Field, "body.misi[") {
					e.Field = "body.misi"
				}
			}
		}
		web.Refill(m.pages, w, r, err, web.NewForm("profil", f), "profil_ubah", "Ubah profil desa",
			func() (profilData, error) { return m.profilData(r, pc) },
			func(d *profilData, form web.Form) { d.FormProfil = form })
		return
	}
	redirect(w, r, base(pc)+"/profil", pesanProfil)
}

func (m *Module) pageSavePenduduk(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	var p valid.Problems
	tahun := formBulat(&p, f, "path.tahun")
	in := PendudukInput{LakiLaki: formBulat(&p, f, "body.laki_laki"), Perempuan: formBulat(&p, f, "body.perempuan"),
		KK: formBulat(&p, f, "body.kk")}
	// A figure the form could not read is no zero: the rules between the
	// figures (KK against people) wait until every one is read.
	err := p.Err()
	if err == nil {
		err = in.Validate(tahun, m.thisYear(pc.Kode))
	}
	if err == nil {
		_, err = m.SavePenduduk(r.Context(), tahun, in)
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, web.NewForm("penduduk", f), "profil", "Profil desa",
			func() (profilData, error) { return m.profilData(r, pc) },
			func(d *profilData, form web.Form) { d.FormPenduduk = form })
		return
	}
	redirect(w, r, base(pc)+"/profil", pesanPenduduk)
}

// labelAngka names a numeric form field in an error message.
var labelAngka = map[string]string{
	"lintang": "lintang", "bujur": "bujur", "luas_km2": "luas wilayah",
	"tahun": "tahun", "laki_laki": "laki-laki", "perempuan": "perempuan", "kk": "jumlah KK",
}

// ---- dusun/banjar ----------------------------------------------------------

// sebutanDusun is the usual name of a desa's areas: banjar dinas in Bali,
// dusun elsewhere.
func sebutanDusun(k tenancy.Kode) string {
	if k.Up(tenancy.Provinsi) == "51" {
		return SebutanBanjar
	}
	return SebutanDusun
}

// dusunForm is a dusun/banjar form as posted: its name field is
// "nama_dusun" (the page's other forms have a "nama").
func dusunForm(name string, f url.Values) web.Form {
	return web.NewForm(name, f).Rename("nama", "nama_dusun")
}

// dusunFailed shows the perangkat page again with the refused dusun form.
func (m *Module) dusunFailed(w http.ResponseWriter, r *http.Request, pc pageCtx, err error, form web.Form) {
	web.Refill(m.pages, w, r, err, form, "perangkat", "Perangkat desa",
		func() (perangkatData, error) { return m.perangkatData(r, pc) },
		func(d *perangkatData, f web.Form) { d.FormDusun = f })
}

func (m *Module) pageAddDusun(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	if _, err := m.CreateDusun(r.Context(), DusunInput{Nama: f.Get("nama_dusun"), Sebutan: f.Get("sebutan")}); err != nil {
		m.dusunFailed(w, r, pc, err, dusunForm("dusun", f))
		return
	}
	redirect(w, r, base(pc)+"/perangkat", pesanDusun)
}

func (m *Module) pageUpdateDusun(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	id, err := ParseID(r.PathValue("id"), "Dusun/banjar")
	if err == nil {
		_, err = m.UpdateDusun(r.Context(), id, DusunInput{Nama: f.Get("nama_dusun"), Sebutan: f.Get("sebutan")})
	}
	if err != nil {
		m.dusunFailed(w, r, pc, err, dusunForm("dusun-"+r.PathValue("id"), f))
		return
	}
	redirect(w, r, base(pc)+"/perangkat", pesanDusun)
}

func (m *Module) pageDeleteDusun(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	id, err := ParseID(r.PathValue("id"), "Dusun/banjar")
	if err == nil {
		err = m.DeleteDusun(r.Context(), id)
	}
	if err != nil {
		m.dusunFailed(w, r, pc, err, dusunForm("hapus-"+r.PathValue("id"), r.PostForm))
		return
	}
	redirect(w, r, base(pc)+"/perangkat", pesanDusunHapus)
}
