package persuratan

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html
var templateFS embed.FS

var pageFuncs = template.FuncMap{}

// Routes registers the module's pages: the registers, the service letter
// form and its result, and the public verification page.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat", PermRead, m.pageIndex)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar", PermRead, m.pageKeluar)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/agenda", PermRead, m.pageAgenda(RegisterKeluar))
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/masuk/agenda", PermRead, m.pageAgenda(RegisterMasuk))
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/baru", PermWrite, m.pageKeluarBaru)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/keluar", PermWrite, m.pageKeluarCreate)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/{id}", PermRead, m.pageKeluarDetail)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/{id}/pdf", PermCetak, m.pagePDF)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/keluar/{id}/batal", PermIssue, m.pageBatal)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/masuk", PermRead, m.pageMasuk)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/masuk", PermWrite, m.pageMasukCreate)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/masuk/{id}", PermRead, m.pageMasukDetail)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/masuk/{id}/disposisi", PermWrite, m.pageDisposisiAdd)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/disposisi/{id}/selesai", PermWrite, m.pageDisposisiSelesai)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/masuk/{id}/lampiran", PermWrite, m.pageLampiranUpload(RegisterMasuk))
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/masuk/{id}/lampiran", PermRead, m.pageLampiranDownload(RegisterMasuk))
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/keluar/{id}/lampiran", PermWrite, m.pageLampiranUpload(RegisterKeluar))
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/{id}/lampiran", PermRead, m.pageLampiranDownload(RegisterKeluar))
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/pengaturan", PermRead, m.pagePengaturan)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/pengaturan", PermConfigure, m.pagePengaturanSimpan)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/pengaturan/urutan", PermConfigure, m.pageUrutanSimpan)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/layanan", PermIssue, m.pageLayananForm)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/layanan", PermIssue, m.pageLayananIssue)
	m.web.HandlePublic(mux, "GET /verifikasi/{id}", m.pageVerify)
}

// desaView is what every desa page shows in its header.
type desaView struct {
	Kode    string
	Nama    string
	Base    string // /desa/{kode}/surat
	Wilayah string // /wilayah/{kode}, the desa page the header links back to
}

// desaPage builds the header of a desa page. web.HandleDesa has already
// checked the permission and put the desa in the context as tenant; this
// answers the request itself (500) and reports false when the page must stop.
func (m *Module) desaPage(rw http.ResponseWriter, r *http.Request) (context.Context, desaView, bool) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	kop, err := m.letterhead(ctx, t.Kode)
	if err != nil {
		m.pageError(rw, r, err)
		return nil, desaView{}, false
	}
	return ctx, desaView{Kode: string(t.Kode), Nama: kop.Desa, Base: "/desa/" + string(t.Kode) + "/surat",
		Wilayah: "/wilayah/" + string(t.Kode)}, true
}

// canWrite says whether the signed-in user may write the desa's registers,
// so a page shows its forms only to those whose POST would be accepted.
func (m *Module) canWrite(ctx context.Context, _ desaView) bool { return m.may(ctx, PermWrite) }

// parseForm reads a small form; false means the answer has been written.
func (m *Module) parseForm(rw http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

func (m *Module) serverError(rw http.ResponseWriter, r *http.Request, err error) {
	m.pages.ServerError(rw, r, err)
}

// pageError shows a coded error with its message and anything else as 500.
func (m *Module) pageError(rw http.ResponseWriter, r *http.Request, err error) {
	f, ok := fault.As(err)
	if !ok {
		m.serverError(rw, r, err)
		return
	}
	status := map[fault.Code]int{fault.NotFound: 404, fault.Invalid: 422, fault.Conflict: 409, fault.Forbidden: 403}[f.Code]
	if status == 0 {
		status = http.StatusBadRequest
	}
	m.pages.Error(rw, r, status, sentence(f.Message))
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func (m *Module) pageIndex(rw http.ResponseWriter, r *http.Request) {
	http.Redirect(rw, r, "/desa/"+url.PathEscape(r.PathValue("kode"))+"/surat/keluar", http.StatusSeeOther)
}

type keluarItem struct {
	Nomor, Tanggal, Jenis, Tujuan, Perihal, Href string
	Dibatalkan                                   bool
	BatalPada, Alasan                            string
}

type registerPage struct {
	Desa desaView
	// BisaTerbit: the user may issue service letters, so the page links
	// to the form (a link that leads to "Forbidden" is not shown).
	BisaTerbit bool
	// BisaTulis: the user may write the registers (number a surat dinas,
	// record a surat masuk).
	BisaTulis bool
	Tahun     string
	Q         string
	Keluar    []keluarItem
	Masuk     []masukItem
	Next      string
	Kosong    bool
	Register  string
	// Agenda is the buku agenda download form; Hari today, the dates'
	// max.
	Agenda web.Form
	Hari   string
}

// Disaring says the list is filtered, so an empty one means "nothing
// matches", not "nothing registered yet".
func (p registerPage) Disaring() bool {
	return strings.TrimSpace(p.Tahun) != "" || strings.TrimSpace(p.Q) != ""
}

func listQueryOf(r *http.Request) (ListQuery, string, string) {
	qv := r.URL.Query()
	tahunS := strings.TrimSpace(qv.Get("tahun"))
	tahun, _ := strconv.Atoi(tahunS)
	if tahun < 0 || tahun > 9999 {
		tahun = 0
	}
	q := ListQuery{Params: page.Params{Cursor: qv.Get("cursor"), Limit: 20}, Tahun: tahun, Q: qv.Get("q")}
	return q, tahunS, q.Q
}

func nextURL(base string, q ListQuery, cursor string) string {
	if cursor == "" {
		return ""
	}
	v := url.Values{"cursor": {cursor}}
	if q.Tahun != 0 {
		v.Set("tahun", strconv.Itoa(q.Tahun))
	}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	return base + "?" + v.Encode()
}

func (m *Module) pageKeluar(rw http.ResponseWriter, r *http.Request) {
	_, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	m.renderKeluar(rw, r, http.StatusOK, d, m.agendaDefault(d))
}

func (m *Module) renderKeluar(rw http.ResponseWriter, r *http.Request, status int, d desaView, af web.Form) {
	ctx := r.Context()
	q, tahun, text := listQueryOf(r)
	p, err := m.ListKeluar(ctx, q)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := registerPage{Desa: d, Tahun: tahun, Q: text, Register: "keluar", BisaTerbit: m.may(ctx, PermIssue), BisaTulis: m.may(ctx, PermWrite),
		Agenda: af, Hari: string(m.today(desaKode(d)))}
	pribadi := m.may(ctx, PermCetak)
	for _, s := range p.Items {
		v := m.viewKeluar(s, false, pribadi)
		data.Keluar = append(data.Keluar, keluarItem{
			Nomor: v.Nomor, Tanggal: s.Tanggal.String(), Jenis: v.JenisJudul,
			Tujuan: v.Tujuan, Perihal: v.Perihal, Href: d.Base + "/keluar/" + s.ID, Dibatalkan: v.Dibatalkan,
			Alasan: s.BatalAlasan,
		})
		if s.BatalAt != nil {
			data.Keluar[len(data.Keluar)-1].BatalPada = civil.DateOf(s.BatalAt.In(civil.Zone(tenancy.Kode(d.Kode)))).String()
		}
	}
	data.Kosong = len(data.Keluar) == 0
	data.Next = nextURL(d.Base+"/keluar", q, p.NextCursor)
	m.pages.Render(rw, r, status, "surat_keluar", "Surat Keluar "+d.Nama, data)
}

type masukItem struct {
	NomorAgenda, TanggalTerima, NomorSurat, Pengirim, Perihal, Href string
}

type masukPage struct {
	registerPage
	klasifikasiPicker
	Form web.Form
}

func (m *Module) pageMasuk(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	if q.Get("cari") != "1" {
		m.renderMasuk(rw, r, http.StatusOK, d, masukFormOf(url.Values{}))
		return
	}
	// "Cari kode" on the form: a GET of the whole form, which comes back
	// as typed with the codes matching the klasifikasi field.
	f := masukFormOf(q)
	dicari := f.Get("klasifikasi")
	kode, cocok, err := m.pilihKlasifikasi(ctx, tenancy.Kode(d.Kode), dicari)
	if err != nil && !fault.Is(err, fault.Invalid) {
		m.pageError(rw, r, err)
		return
	}
	if kode != "" {
		f.Values.Set("klasifikasi", kode)
	}
	m.renderMasuk(rw, r, http.StatusOK, d, f, klasifikasiCari{true, dicari, cocok})
}

// klasifikasiCari carries a klasifikasi search back to a form.
type klasifikasiCari struct {
	dicari bool
	cari   string
	cocok  []Klasifikasi
}

// masukFormOf is the "Catat surat masuk" form holding values; the
// klasifikasi field holds the code a choice named.
func masukFormOf(v url.Values) web.Form {
	v.Set("klasifikasi", klasifikasiTyped(v))
	return web.NewForm("", v)
}

// renderMasuk shows the register (the page of the request's query) with
// the form below it; a refused form comes back here with its input. extra
// carries a klasifikasi search (klasifikasiCari) or the agenda form
// (web.Form named "agenda").
func (m *Module) renderMasuk(rw http.ResponseWriter, r *http.Request, status int, d desaView, f web.Form, extra ...any) {
	ctx := r.Context()
	var cari klasifikasiCari
	agenda := m.agendaDefault(d)
	for _, x := range extra {
		switch x := x.(type) {
		case klasifikasiCari:
			cari = x
		case web.Form:
			agenda = x
		}
	}
	q, tahun, text := listQueryOf(r)
	p, err := m.ListMasuk(ctx, q)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := masukPage{registerPage: registerPage{Desa: d, Tahun: tahun, Q: text, Register: "masuk", BisaTerbit: m.may(ctx, PermIssue),
		BisaTulis: m.canWrite(ctx, d), Agenda: agenda, Hari: string(m.today(desaKode(d)))}, Form: f}
	if data.BisaTulis {
		if data.klasifikasiPicker, err = m.picker(ctx, tenancy.Kode(d.Kode), cari.cari, f.Get("klasifikasi"), cari.dicari, cari.cocok); err != nil {
			m.pageError(rw, r, err)
			return
		}
	}
	for _, s := range p.Items {
		data.Masuk = append(data.Masuk, masukItem{
			NomorAgenda:   strconv.FormatInt(s.NomorAgenda, 10) + "/" + strconv.Itoa(s.Tahun),
			TanggalTerima: s.TanggalTerima.String(), NomorSurat: s.NomorSurat,
			Pengirim: s.Pengirim, Perihal: s.Perihal, Href: d.Base + "/masuk/" + s.ID,
		})
	}
	data.Kosong = len(data.Masuk) == 0
	data.Next = nextURL(d.Base+"/masuk", q, p.NextCursor)
	m.pages.Render(rw, r, status, "surat_masuk", "Surat Masuk "+d.Nama, data)
}

// pageMasukCreate registers an incoming letter from the form, through the
// same CreateMasuk the API uses, and opens it for its disposisi.
func (m *Module) pageMasukCreate(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	f := masukFormOf(r.PostForm)
	in := SuratMasukBaru{
		TanggalTerima: Tanggal(strings.TrimSpace(f.Get("tanggal_terima"))), NomorSurat: f.Get("nomor_surat"),
		TanggalSurat: Tanggal(strings.TrimSpace(f.Get("tanggal_surat"))), Pengirim: f.Get("pengirim"), Perihal: f.Get("perihal"),
	}
	// The list under the form is the register's first page: the POST
	// carries no filter.
	r.URL.RawQuery = ""
	typed := f.Get("klasifikasi")
	kode, cocok, err := m.pilihKlasifikasi(ctx, tenancy.Kode(d.Kode), typed)
	if err != nil {
		if !fault.Is(err, fault.Invalid) {
			m.pageError(rw, r, err)
			return
		}
		f.Fail(err)
		check := in
		check.Klasifikasi = "000"
		f.Fail(check.Validate(m.today(tenancy.Kode(d.Kode))))
		m.renderMasuk(rw, r, http.StatusUnprocessableEntity, d, f, klasifikasiCari{true, typed, cocok})
		return
	}
	in.Klasifikasi = kode
	u, _ := auth.UserFrom(ctx)
	s, err := m.CreateMasuk(ctx, in, u.ID)
	if err != nil {
		if status, ok := m.pages.Failed(rw, r, err, &f); ok {
			m.renderMasuk(rw, r, status, d, f)
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/masuk/"+s.ID+"?baru=1", http.StatusSeeOther)
}

type disposisiItem struct {
	ID, Kepada, Catatan, Dicatat, SelesaiPada, Action string
	Selesai                                           bool
}

// lampiranView is the attachment block of a detail page: the download
// link of the stored file and, for those who may write, the upload form.
type lampiranView struct {
	Nama, Tipe, Ukuran, Href string
	Action                   string
	BisaUnggah               bool
	Form                     web.Form
}

// lampiranOf is the attachment block; f is the upload form (a refused one
// with its message).
func lampiranOf(l Lampiran, base string, bisaUnggah bool, f []web.Form) lampiranView {
	v := lampiranView{Action: base + "/lampiran", BisaUnggah: bisaUnggah, Form: web.NewForm("lampiran", nil)}
	for _, x := range f {
		v.Form = x
	}
	if l.Key != "" {
		v.Nama, v.Href, v.Ukuran = l.Nama, base+"/lampiran", ukuranBerkas(l.Ukuran)
		v.Tipe = map[string]string{"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}[l.Tipe]
	}
	return v
}

type masukDetailPage struct {
	Lampiran      lampiranView
	Desa          desaView
	Surat         SuratMasuk
	NomorAgenda   string
	TanggalTerima string
	TanggalSurat  string
	Disposisi     []disposisiItem
	BisaTulis     bool
	Action        string
	Form          web.Form
	Pesan         string
}

// masukPesan are the notices a redirect after a write asks the detail
// page to show; a fixed list, so the query cannot put text on the page.
var masukPesan = map[string]string{
	"baru":      "Surat masuk sudah dicatat di buku agenda. Tambahkan disposisinya di bawah.",
	"disposisi": "Disposisi sudah dicatat.",
	"selesai":   "Disposisi ditandai selesai.",
	"lampiran":  "Lampiran sudah disimpan.",
}

func (m *Module) pageMasukDetail(rw http.ResponseWriter, r *http.Request) {
	_, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	var pesan string
	for k, v := range masukPesan {
		if r.URL.Query().Get(k) == "1" {
			pesan = v
		}
	}
	m.renderMasukDetail(rw, r, http.StatusOK, d, r.PathValue("id"), disposisiFormOf(nil), pesan)
}

// disposisiFormOf is the "Tambah disposisi" form holding values; the API
// calls its recipient kepada_nama.
func disposisiFormOf(v url.Values) web.Form {
	return web.NewForm("", v).Rename("kepada_nama", "kepada")
}

func (m *Module) renderMasukDetail(rw http.ResponseWriter, r *http.Request, status int, d desaView, id string, f web.Form, pesan string, lampiran ...web.Form) {
	ctx := r.Context()
	s, ds, err := m.SuratMasuk(ctx, id)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	zone := civil.Zone(tenancy.Kode(d.Kode))
	data := masukDetailPage{Desa: d, Surat: s,
		NomorAgenda:   strconv.FormatInt(s.NomorAgenda, 10) + "/" + strconv.Itoa(s.Tahun),
		TanggalTerima: s.TanggalTerima.String(), TanggalSurat: s.TanggalSurat.String(),
		BisaTulis: m.canWrite(ctx, d), Action: d.Base + "/masuk/" + s.ID + "/disposisi",
		Form: f, Pesan: pesan}
	data.Lampiran = lampiranOf(s.Lampiran, d.Base+"/masuk/"+s.ID, data.BisaTulis, lampiran)
	for _, x := range ds {
		kepada := x.KepadaNama
		if x.KepadaJabatan != "" && !strings.EqualFold(x.KepadaJabatan, x.KepadaNama) {
			kepada += " (" + x.KepadaJabatan + ")"
		}
		it := disposisiItem{ID: x.ID, Kepada: kepada, Catatan: x.Catatan, Selesai: x.Selesai,
			Dicatat: civil.DateOf(x.CreatedAt.In(zone)).String(), Action: d.Base + "/disposisi/" + x.ID + "/selesai"}
		if x.SelesaiAt != nil {
			it.SelesaiPada = civil.DateOf(x.SelesaiAt.In(zone)).String()
		}
		data.Disposisi = append(data.Disposisi, it)
	}
	m.pages.Render(rw, r, status, "surat_masuk_detail", "Surat Masuk "+s.NomorSurat, data)
}

// pageDisposisiAdd directs the letter to a perangkat. "Kepada" is free
// text (name or post, as the sekdes writes it on the lembar disposisi).
func (m *Module) pageDisposisiAdd(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	id := r.PathValue("id")
	f := disposisiFormOf(r.PostForm)
	u, _ := auth.UserFrom(ctx)
	x, err := m.AddDisposisi(ctx, id, DisposisiBaru{KepadaNama: f.Get("kepada"), Catatan: f.Get("catatan")}, u.ID)
	if err != nil {
		if status, ok := m.pages.Failed(rw, r, err, &f); ok {
			m.renderMasukDetail(rw, r, status, d, id, f, "")
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/masuk/"+x.SuratMasukID+"?disposisi=1", http.StatusSeeOther)
}

// pageDisposisiSelesai marks a disposisi done. Marking it again changes
// nothing (SetDisposisiSelesai keeps the first time and person).
func (m *Module) pageDisposisiSelesai(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	u, _ := auth.UserFrom(ctx)
	x, err := m.SetDisposisiSelesai(ctx, r.PathValue("id"), true, u.ID)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	http.Redirect(rw, r, d.Base+"/masuk/"+x.SuratMasukID+"?selesai=1#disposisi-"+x.ID, http.StatusSeeOther)
}

type unduhanItem struct {
	Waktu, Oleh, Saluran string
}

type detailPage struct {
	Lampiran      lampiranView
	Desa          desaView
	Surat         SuratKeluarView
	Tanggal       string
	PDFHref       string
	VerifikasiRel string
	Baru          bool
	Pesan         string
	// Pribadi: the viewer issues letters and may see the resident's data,
	// the PDF and its downloads.
	Pribadi     bool
	Unduhan     []unduhanItem
	UnduhanLagi bool
	BatalPada   string
	BisaBatal   bool
	BatalAction string
	// Form is the cancellation form.
	Form web.Form
}

// keluarPesan are the notices a redirect asks the detail page to show.
var keluarPesan = map[string]string{
	"batal":    "Surat sudah dibatalkan. Nomornya tetap tercatat dan halaman verifikasi menyatakan surat ini dibatalkan.",
	"lampiran": "Lampiran sudah disimpan.",
}

func (m *Module) pageKeluarDetail(rw http.ResponseWriter, r *http.Request) {
	_, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	var pesan string
	for k, v := range keluarPesan {
		if r.URL.Query().Get(k) == "1" {
			pesan = v
		}
	}
	m.renderKeluarDetail(rw, r, http.StatusOK, d, r.PathValue("id"), web.NewForm("", nil), pesan)
}

// renderKeluarDetail shows a letter; a refused cancellation comes back
// here with its reason as typed.
func (m *Module) renderKeluarDetail(rw http.ResponseWriter, r *http.Request, status int, d desaView, id string, f web.Form, pesan string, lampiran ...web.Form) {
	ctx := r.Context()
	s, err := m.SuratKeluar(ctx, id)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	pribadi := m.may(ctx, PermCetak)
	data := detailPage{Desa: d, Surat: m.viewKeluar(s, true, pribadi), Tanggal: s.Tanggal.String(),
		VerifikasiRel: "/verifikasi/" + s.ID, Baru: r.URL.Query().Get("baru") == "1", Pesan: pesan, Pribadi: pribadi,
		BisaBatal: !s.Dibatalkan() && m.may(ctx, PermIssue), BatalAction: d.Base + "/keluar/" + s.ID + "/batal",
		Form: f}
	data.Lampiran = lampiranOf(s.Lampiran, d.Base+"/keluar/"+s.ID, m.may(ctx, PermWrite), lampiran)
	zone := civil.Zone(tenancy.Kode(d.Kode))
	if s.BatalAt != nil {
		data.BatalPada = civil.DateOf(s.BatalAt.In(zone)).String()
	}
	if pribadi && s.PDFKey != "" {
		data.PDFHref = d.Base + "/keluar/" + s.ID + "/pdf"
		p, err := m.ListUnduhan(ctx, s.ID, page.Params{Limit: 10})
		if err != nil {
			m.pageError(rw, r, err)
			return
		}
		for _, u := range p.Items {
			oleh := u.OlehNama
			if oleh == "" {
				oleh = u.Oleh
			}
			data.Unduhan = append(data.Unduhan, unduhanItem{Waktu: u.CreatedAt.In(zone).Format("2006-01-02 15:04"),
				Oleh: oleh, Saluran: map[string]string{SaluranAPI: "API", SaluranWeb: "halaman web"}[u.Saluran]})
		}
		data.UnduhanLagi = p.NextCursor != ""
	}
	m.pages.Render(rw, r, status, "surat_keluar_detail", "Surat "+s.Nomor, data)
}

// pageBatal cancels the letter, through the same Batalkan the API uses.
func (m *Module) pageBatal(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	id, f := r.PathValue("id"), web.NewForm("", r.PostForm)
	u, _ := auth.UserFrom(ctx)
	s, err := m.Batalkan(ctx, id, PembatalanBaru{Alasan: f.Get("alasan")}, u.ID)
	if err != nil {
		if status, ok := m.pages.Failed(rw, r, err, &f); ok {
			m.renderKeluarDetail(rw, r, status, d, id, f, "")
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/keluar/"+s.ID+"?batal=1", http.StatusSeeOther)
}

func (m *Module) pagePDF(rw http.ResponseWriter, r *http.Request) {
	ctx, _, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	s, b, err := m.PDF(ctx, r.PathValue("id"), pengunduh(ctx, SaluranWeb))
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="`+pdfName(s)+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = rw.Write(b)
}

type isianView struct {
	Name, Label, Type string
	Wajib             bool
	Maks              int
}

type layananPage struct {
	Desa    desaView
	Jenis   []JenisLayanan
	Pilihan *JenisLayanan
	Isian   []isianView
	Rincian []isianView
	Form    web.Form
	Daftar  []klasifikasiPilihan
	Action  string
	Kembali string
	// TanpaPenandatangan: no kepala desa is recorded to sign, so the form
	// would only be refused after it is filled in; the page says what to
	// do first instead (Perangkat links to where it is done, when the user
	// may open it).
	TanpaPenandatangan bool
	Perangkat          string
}

func (m *Module) pageLayananForm(rw http.ResponseWriter, r *http.Request) {
	_, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	m.renderLayanan(rw, r, http.StatusOK, d, r.URL.Query().Get("jenis"), layananFormOf(nil))
}

// layananFormOf is the service letter form holding values; the API nests
// the resident's fields under pemohon and the type's under its rincian.
func layananFormOf(v url.Values) web.Form {
	return web.NewForm("", v).Rename("pemohon.rincian.", "rincian_").Rename("pemohon.", "")
}

func (m *Module) renderLayanan(rw http.ResponseWriter, r *http.Request, status int, d desaView, jenis string, form web.Form) {
	data := layananPage{Desa: d, Jenis: JenisLayananList(), Form: form, Action: d.Base + "/layanan", Kembali: d.Base + "/layanan",
		Perangkat: "/desa/" + d.Kode + "/perangkat"}
	switch _, err := m.signer(r.Context(), tenancy.Kode(d.Kode)); {
	case fault.Is(err, fault.NotFound):
		data.TanpaPenandatangan = true
	case err != nil:
		m.pageError(rw, r, err)
		return
	}
	title := "Terbitkan Surat Layanan"
	if j, ok := findJenis(jenis); ok {
		data.Pilihan = &j
		title = j.Judul
		common := []isianView{
			{Name: "nama", Label: "Nama lengkap", Type: "text", Wajib: true, Maks: 100},
			{Name: "nik", Label: "NIK (16 angka)", Type: "text", Wajib: true, Maks: 16},
			{Name: "tempat_lahir", Label: "Tempat lahir", Type: "text", Maks: 60},
			{Name: "tanggal_lahir", Label: "Tanggal lahir", Type: "date", Maks: 10},
			{Name: "pekerjaan", Label: "Pekerjaan", Type: "text", Maks: 60},
			{Name: "alamat", Label: "Alamat (sesuai KTP)", Type: "text", Wajib: true, Maks: 200},
			{Name: "keperluan", Label: "Keperluan", Type: "text", Wajib: true, Maks: 200},
		}
		data.Isian = common
		// The klasifikasi overrides the type's default: offered from the
		// codes valid today, as on the other letter forms.
		p, err := m.picker(r.Context(), desaKode(d), "", "", false, nil)
		if err != nil {
			m.pageError(rw, r, err)
			return
		}
		data.Daftar = p.Daftar
		for _, f := range j.Rincian {
			name := "rincian_" + f.Kunci
			data.Rincian = append(data.Rincian, isianView{Name: name, Label: f.Label, Type: "text", Wajib: f.Wajib, Maks: f.Maks})
		}
	}
	m.pages.Render(rw, r, status, "surat_layanan", title, data)
}

// maxFormBytes bounds the service letter form; its fields are short.
const maxFormBytes = 64 << 10

func (m *Module) pageLayananIssue(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	f := r.PostForm
	jenis := f.Get("jenis")
	in := SuratLayananBaru{Jenis: jenis, Klasifikasi: f.Get("klasifikasi"), Pemohon: Pemohon{
		Nama: f.Get("nama"), NIK: f.Get("nik"), TempatLahir: f.Get("tempat_lahir"),
		TanggalLahir: Tanggal(strings.TrimSpace(f.Get("tanggal_lahir"))), JenisKelamin: f.Get("jenis_kelamin"),
		Pekerjaan: f.Get("pekerjaan"), Alamat: f.Get("alamat"), Keperluan: f.Get("keperluan"),
		Rincian: map[string]string{},
	}}
	for k, v := range f {
		if key, ok := strings.CutPrefix(k, "rincian_"); ok && len(v) > 0 {
			in.Pemohon.Rincian[key] = v[0]
		}
	}
	u, _ := auth.UserFrom(ctx)
	s, err := m.IssueLayanan(ctx, in, u.ID)
	if err != nil {
		form := layananFormOf(f)
		if status, ok := m.pages.Failed(rw, r, err, &form); ok {
			m.renderLayanan(rw, r, status, d, jenis, form)
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/keluar/"+s.ID+"?baru=1", http.StatusSeeOther)
}

type verifikasiPage struct {
	V         Verifikasi
	Tanggal   string
	BatalPada string
}

func (m *Module) pageVerify(rw http.ResponseWriter, r *http.Request) {
	v, err := m.Verify(r.Context(), r.PathValue("id"))
	if fault.Is(err, fault.NotFound) {
		m.pages.Error(rw, r, http.StatusNotFound, "Surat tidak ditemukan. Periksa kembali kode QR atau tautan yang Anda buka.")
		return
	}
	if err != nil {
		m.serverError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "verifikasi", "Verifikasi Surat", verifikasiPage{V: v, Tanggal: v.Tanggal.String(), BatalPada: v.DibatalkanPada.String()})
}
