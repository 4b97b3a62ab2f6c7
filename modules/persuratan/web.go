package persuratan

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
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
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/{id}", PermRead, m.pageKeluarDetail)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/keluar/{id}/pdf", PermRead, m.pagePDF)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/masuk", PermRead, m.pageMasuk)
	m.web.HandleDesa(mux, "GET /desa/{kode}/surat/layanan", PermIssue, m.pageLayananForm)
	m.web.HandleDesa(mux, "POST /desa/{kode}/surat/layanan", PermIssue, m.pageLayananIssue)
	m.web.HandlePublic(mux, "GET /verifikasi/{id}", m.pageVerify)
}

// desaView is what every desa page shows in its header.
type desaView struct {
	Kode string
	Nama string
	Base string // /desa/{kode}/surat
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
	return ctx, desaView{Kode: string(t.Kode), Nama: kop.Desa, Base: "/desa/" + string(t.Kode) + "/surat"}, true
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
}

type registerPage struct {
	Desa     desaView
	Tahun    string
	Q        string
	Keluar   []keluarItem
	Masuk    []masukItem
	Next     string
	Kosong   bool
	Register string
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
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	q, tahun, text := listQueryOf(r)
	p, err := m.ListKeluar(ctx, q)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := registerPage{Desa: d, Tahun: tahun, Q: text, Register: "keluar"}
	for _, s := range p.Items {
		data.Keluar = append(data.Keluar, keluarItem{
			Nomor: s.Nomor, Tanggal: s.Tanggal.Panjang(), Jenis: jenisJudul(s.Jenis),
			Tujuan: s.Tujuan, Perihal: s.Perihal, Href: d.Base + "/keluar/" + s.ID,
		})
	}
	data.Kosong = len(data.Keluar) == 0
	data.Next = nextURL(d.Base+"/keluar", q, p.NextCursor)
	m.pages.Render(rw, r, http.StatusOK, "surat_keluar", "Surat Keluar "+d.Nama, data)
}

type masukItem struct {
	NomorAgenda, TanggalTerima, NomorSurat, Pengirim, Perihal string
}

func (m *Module) pageMasuk(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	q, tahun, text := listQueryOf(r)
	p, err := m.ListMasuk(ctx, q)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := registerPage{Desa: d, Tahun: tahun, Q: text, Register: "masuk"}
	for _, s := range p.Items {
		data.Masuk = append(data.Masuk, masukItem{
			NomorAgenda:   strconv.FormatInt(s.NomorAgenda, 10) + "/" + strconv.Itoa(s.Tahun),
			TanggalTerima: s.TanggalTerima.Panjang(), NomorSurat: s.NomorSurat,
			Pengirim: s.Pengirim, Perihal: s.Perihal,
		})
	}
	data.Kosong = len(data.Masuk) == 0
	data.Next = nextURL(d.Base+"/masuk", q, p.NextCursor)
	m.pages.Render(rw, r, http.StatusOK, "surat_masuk", "Surat Masuk "+d.Nama, data)
}

type detailPage struct {
	Desa          desaView
	Surat         SuratKeluarView
	Tanggal       string
	PDFHref       string
	VerifikasiRel string
	Baru          bool
}

func (m *Module) pageKeluarDetail(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	s, err := m.SuratKeluar(ctx, r.PathValue("id"))
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := detailPage{Desa: d, Surat: m.viewKeluar(s, true), Tanggal: s.Tanggal.Panjang(),
		VerifikasiRel: "/verifikasi/" + s.ID, Baru: r.URL.Query().Get("baru") == "1"}
	if s.PDFKey != "" {
		data.PDFHref = d.Base + "/keluar/" + s.ID + "/pdf"
	}
	m.pages.Render(rw, r, http.StatusOK, "surat_keluar_detail", "Surat "+s.Nomor, data)
}

func (m *Module) pagePDF(rw http.ResponseWriter, r *http.Request) {
	ctx, _, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	s, b, err := m.PDF(ctx, r.PathValue("id"))
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
	Name, Label, Value, Type string
	Wajib                    bool
	Maks                     int
}

type layananPage struct {
	Desa     desaView
	Jenis    []JenisLayanan
	Pilihan  *JenisLayanan
	Isian    []isianView
	Rincian  []isianView
	JK       string
	Error    string
	Action   string
	Kembali  string
	KodeKlas string
}

func (m *Module) pageLayananForm(rw http.ResponseWriter, r *http.Request) {
	_, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	m.renderLayanan(rw, r, http.StatusOK, d, r.URL.Query().Get("jenis"), url.Values{}, "")
}

func (m *Module) renderLayanan(rw http.ResponseWriter, r *http.Request, status int, d desaView, jenis string, form url.Values, msg string) {
	data := layananPage{Desa: d, Jenis: JenisLayananList(), Error: msg, Action: d.Base + "/layanan", Kembali: d.Base + "/layanan"}
	title := "Terbitkan Surat Layanan"
	if j, ok := findJenis(jenis); ok {
		data.Pilihan = &j
		title = j.Judul
		data.KodeKlas = form.Get("klasifikasi")
		data.JK = form.Get("jenis_kelamin")
		common := []isianView{
			{Name: "nama", Label: "Nama lengkap", Type: "text", Wajib: true, Maks: 100},
			{Name: "nik", Label: "NIK (16 angka)", Type: "text", Wajib: true, Maks: 16},
			{Name: "tempat_lahir", Label: "Tempat lahir", Type: "text", Maks: 60},
			{Name: "tanggal_lahir", Label: "Tanggal lahir", Type: "date", Maks: 10},
			{Name: "pekerjaan", Label: "Pekerjaan", Type: "text", Maks: 60},
			{Name: "alamat", Label: "Alamat (sesuai KTP)", Type: "text", Wajib: true, Maks: 200},
			{Name: "keperluan", Label: "Keperluan", Type: "text", Wajib: true, Maks: 200},
		}
		for i := range common {
			common[i].Value = form.Get(common[i].Name)
		}
		data.Isian = common
		for _, f := range j.Rincian {
			name := "rincian_" + f.Kunci
			data.Rincian = append(data.Rincian, isianView{Name: name, Label: f.Label, Type: "text", Wajib: f.Wajib, Maks: f.Maks, Value: form.Get(name)})
		}
	}
	m.pages.Render(rw, r, status, "surat_layanan", title, data)
}

// maxFormBytes bounds the service letter form; its fields are short.
const maxFormBytes = 64 << 10

func (m *Module) pageLayananIssue(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
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
		var fe *fault.Error
		if errors.As(err, &fe) && (fe.Code == fault.Invalid || fe.Code == fault.Conflict) {
			status := http.StatusUnprocessableEntity
			if fe.Code == fault.Conflict {
				status = http.StatusConflict
			}
			m.renderLayanan(rw, r, status, d, jenis, f, sentence(fe.Message))
			return
		}
		m.pageError(rw, r, err)
		return
	}
	if m.audit != nil {
		rec := httpserver.AuditRecord{Actor: u.ID, Wilayah: tenancy.Kode(d.Kode), Action: "issue-surat-layanan",
			Object: r.URL.Path, Status: http.StatusSeeOther, RequestID: httpserver.RequestID(ctx)}
		if err := m.audit.Record(context.WithoutCancel(ctx), rec); err != nil {
			m.log.ErrorContext(ctx, "audit append failed", "err", err, "action", rec.Action)
		}
	}
	http.Redirect(rw, r, d.Base+"/keluar/"+s.ID+"?baru=1", http.StatusSeeOther)
}

type verifikasiPage struct {
	V       Verifikasi
	Tanggal string
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
	m.pages.Render(rw, r, http.StatusOK, "verifikasi", "Verifikasi Surat", verifikasiPage{V: v, Tanggal: v.Tanggal.Panjang()})
}
