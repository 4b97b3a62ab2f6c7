package keuangan

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The excel part: the XLSX import of an APBDes with its template, and the
// APBDes lampiran as XLSX and PDF, on the API and as pages. Downloads need
// PermRead, the import PermWrite; the import's audit entry commits with its
// lines (the edge's intent rides the import's transaction).

// maxImporBody is the import's body: the file and, on the page, the
// multipart framing.
const maxImporBody = MaxImporBytes + 64<<10

// registerExcel adds the excel part's API operations.
func (m *Module) registerExcel(api huma.API) {
	impor := apiOp("impor-apbdes", http.MethodPost, "/desa/{kode}/apbdes/{tahun}/impor", "Impor baris APBDes dari XLSX",
		"Badan permintaan adalah berkas XLSX itu sendiri (bukan multipart), dengan Content-Type "+tipeXLSX+
			", paling besar 5 MiB dan 5.000 baris, berkolom seperti template (get-apbdes-impor-template): kode kegiatan, kode rekening, "+
			"uraian, volume, satuan, harga satuan (untuk pendapatan dan pembiayaan: jumlahnya), sumber dana. "+
			"Baris masuk ke APBDes yang sedang berlaku pada tahun itu (perubahan bila ada, selain itu murni; APBDes murni berstatus draf dibuat bila belum ada). "+
			"Semua baris diperiksa dulu: bila satu saja salah, tidak ada yang disimpan dan jawaban 422 menyebut setiap kesalahan per baris dan kolom "+
			"(errors[].message: \"Baris 12, kolom harga satuan: …\"). ganti=true mengganti semua baris lama; tanpa itu baris ditambahkan. "+
			"409 bila APBDes sudah diajukan, dievaluasi atau ditetapkan.", PermWrite)
	impor.DefaultStatus = http.StatusOK
	impor.MaxBodyBytes = MaxImporBytes
	impor.Middlewares = huma.Middlewares{limitImpor(api)}
	huma.Register(api, impor, m.apiImpor)

	huma.Register(api, apiOp("get-apbdes-impor-template", http.MethodGet, "/desa/{kode}/apbdes/{tahun}/impor/template",
		"Template XLSX impor APBDes", "Lembar Petunjuk, lembar APBDes (baris judul kolom) dan lembar Kode (sumber dana, rekening objek dan kegiatan tahun itu).", PermRead), m.apiTemplate)
	huma.Register(api, apiOp("get-apbdes-xlsx", http.MethodGet, "/desa/{kode}/apbdes/{tahun}/xlsx",
		"APBDes sebagai XLSX (susunan lampiran Perdes)",
		"Kode, uraian, anggaran dan sumber dana: pendapatan per kelompok, jenis dan objek; belanja per bidang, sub bidang, kegiatan dan rekening; pembiayaan; "+
			"surplus/defisit, pembiayaan netto dan SiLPA. versi kosong: yang berlaku (perubahan bila ada). Perubahan memuat kolom sebelum, sesudah dan selisih.", PermRead), m.apiXLSX)
	huma.Register(api, apiOp("get-apbdes-pdf", http.MethodGet, "/desa/{kode}/apbdes/{tahun}/pdf",
		"APBDes sebagai PDF (susunan lampiran Perdes)", "Isi sama dengan get-apbdes-xlsx, untuk dicetak.", PermRead), m.apiPDF)
}

// limitImpor answers an oversized import in Bahasa before the body is
// read, and bounds a body that does not declare its length.
func limitImpor(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		n, err := strconv.ParseInt(ctx.Header("Content-Length"), 10, 64)
		r, w, ok := excelUnwrapHTTP(ctx)
		if ok && err != nil {
			n = r.ContentLength // net/http moves the header here
		}
		if n > MaxImporBytes {
			huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "", fault.Field("body.berkas", "Berkas terlalu besar: maksimal 5 MiB."))
			return
		}
		if ok {
			r.Body = http.MaxBytesReader(w, r.Body, MaxImporBytes+1)
		}
		next(ctx)
	}
}

// excelUnwrapHTTP reaches the request under a humago context; other adapters
// are left alone.
func excelUnwrapHTTP(ctx huma.Context) (r *http.Request, w http.ResponseWriter, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	r, w = humago.Unwrap(ctx)
	return r, w, r != nil
}

func excelPelaku(ctx context.Context) Pelaku {
	u, _ := auth.UserFrom(ctx)
	return Pelaku{ID: u.ID, Nama: u.Name}
}

type imporInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun   int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	Ganti   bool   `query:"ganti" doc:"true: ganti semua baris yang ada; bawaan: tambahkan"`
	RawBody []byte `contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" doc:"Berkas XLSX"`
}

type imporOutput struct{ Body HasilImpor }

func (m *Module) apiImpor(ctx context.Context, in *imporInput) (*imporOutput, error) {
	h, err := m.ImporAPBDes(ctx, in.Tahun, in.RawBody, in.Ganti, excelPelaku(ctx))
	if err != nil {
		return nil, err
	}
	return &imporOutput{Body: h}, nil
}

type excelTahunInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
}

type excelVersiInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	Versi string `query:"versi" enum:"murni,perubahan" doc:"murni atau perubahan; kosong: yang berlaku"`
}

// excelBerkasOutput is a download. nosniff: a browser takes the declared type.
type excelBerkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func excelBerkas(name, tipe string, b []byte) *excelBerkasOutput {
	return &excelBerkasOutput{ContentType: tipe, ContentDisposition: `attachment; filename="` + name + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}
}

func (m *Module) apiTemplate(ctx context.Context, in *excelTahunInput) (*excelBerkasOutput, error) {
	b, err := m.ImporTemplate(ctx, in.Tahun)
	if err != nil {
		return nil, err
	}
	return excelBerkas("template-impor-apbdes-"+strconv.Itoa(in.Tahun)+".xlsx", tipeXLSX, b), nil
}

func (m *Module) apiXLSX(ctx context.Context, in *excelVersiInput) (*excelBerkasOutput, error) {
	name, tipe, b, err := m.BerkasAPBDes(ctx, in.Tahun, in.Versi, "xlsx")
	if err != nil {
		return nil, err
	}
	return excelBerkas(name, tipe, b), nil
}

func (m *Module) apiPDF(ctx context.Context, in *excelVersiInput) (*excelBerkasOutput, error) {
	name, tipe, b, err := m.BerkasAPBDes(ctx, in.Tahun, in.Versi, "pdf")
	if err != nil {
		return nil, err
	}
	return excelBerkas(name, tipe, b), nil
}

// routesExcel adds the excel part's pages.
func (m *Module) routesExcel(mux *http.ServeMux) {
	const base = "/desa/{kode}/keuangan/{tahun}"
	m.web.HandleDesa(mux, "GET "+base+"/apbdes/xlsx", PermRead, m.pageBerkas("xlsx"))
	m.web.HandleDesa(mux, "GET "+base+"/apbdes/pdf", PermRead, m.pageBerkas("pdf"))
	m.web.HandleDesa(mux, "GET "+base+"/impor/template", PermRead, m.pageTemplate)
	m.web.HandleDesa(mux, "GET "+base+"/impor", PermWrite, m.pageImpor)
	m.web.HandleDesa(mux, "POST "+base+"/impor", PermWrite, m.pageImporKirim)
}

// excelTahun reads {tahun} of a page; false (the 404 page shown) when it is
// no fiscal year.
func (m *Module) excelTahun(rw http.ResponseWriter, r *http.Request) (int, bool) {
	t, err := strconv.Atoi(r.PathValue("tahun"))
	if err != nil || t < TahunMin || t > TahunMax {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak ditemukan.")
		return 0, false
	}
	return t, true
}

func excelKirim(rw http.ResponseWriter, name, tipe string, b []byte) {
	h := rw.Header()
	h.Set("Content-Type", tipe)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = rw.Write(b)
}

// excelPageError shows err: the 404 page for something missing, the error page
// with the message for a refusal, a logged 500 otherwise.
func (m *Module) excelPageError(rw http.ResponseWriter, r *http.Request, err error) {
	if f, ok := fault.As(err); ok {
		switch f.Code {
		case fault.NotFound:
			m.pages.Error(rw, r, http.StatusNotFound, f.Message)
			return
		case fault.Invalid:
			m.pages.Error(rw, r, http.StatusUnprocessableEntity, f.Message)
			return
		case fault.Conflict:
			m.pages.Error(rw, r, http.StatusConflict, f.Message)
			return
		}
	}
	m.pages.ServerError(rw, r, err)
}

func (m *Module) pageBerkas(format string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		tahun, ok := m.excelTahun(rw, r)
		if !ok {
			return
		}
		versi := r.URL.Query().Get("versi")
		if versi != "" && versi != VersiMurni && versi != VersiPerubahan {
			m.pages.Error(rw, r, http.StatusNotFound, "Versi APBDes tidak dikenal.")
			return
		}
		name, tipe, b, err := m.BerkasAPBDes(r.Context(), tahun, versi, format)
		if err != nil {
			m.excelPageError(rw, r, err)
			return
		}
		excelKirim(rw, name, tipe, b)
	}
}

func (m *Module) pageTemplate(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.excelTahun(rw, r)
	if !ok {
		return
	}
	b, err := m.ImporTemplate(r.Context(), tahun)
	if err != nil {
		m.excelPageError(rw, r, err)
		return
	}
	excelKirim(rw, "template-impor-apbdes-"+strconv.Itoa(tahun)+".xlsx", tipeXLSX, b)
}

// imporView is the import page.
type imporView struct {
	Nav          navView
	Desa         tenancy.Kode
	Tahun        int
	Action       string
	TemplateHref string
	APBDesHref   string
	// Sasaran is the APBDes the file goes into, "" when the year has none
	// yet (a murni draft is created); Terkunci says why it cannot.
	Sasaran   string
	Terkunci  string
	Form      web.Form
	Hasil     *HasilImpor
	Kesalahan []KesalahanImpor
	Lainnya   int
}

func (m *Module) imporView(ctx context.Context, desa tenancy.Kode, tahun int) (imporView, error) {
	base := "/desa/" + string(desa) + "/keuangan/" + strconv.Itoa(tahun)
	v := imporView{Nav: nav(desa, tahun, tabAPBDes), Desa: desa, Tahun: tahun, Action: base + "/impor",
		TemplateHref: base + "/impor/template", APBDesHref: base + "/" + tabAPBDes,
		Form: web.NewForm("impor", url.Values{"berkas": {""}, "ganti": {""}})}
	var a APBDes
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		a, err = GetAPBDesBerlaku(ctx, tx, tahun)
		return err
	})
	switch {
	case fault.Is(err, fault.NotFound):
	case err != nil:
		return v, err
	default:
		v.Sasaran = "APBDes " + a.Versi + " (" + NamaStatus(a.Status) + ")"
		if !BolehUbahBaris(a.Status) {
			v.Terkunci = "APBDes " + a.Versi + " tahun " + strconv.Itoa(tahun) + " berstatus " + NamaStatus(a.Status) +
				"; barisnya tidak dapat diubah atau diimpor."
		}
	}
	return v, nil
}

func (m *Module) pageImpor(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.excelTahun(rw, r)
	if !ok {
		return
	}
	t, _ := tenancy.From(r.Context())
	v, err := m.imporView(r.Context(), t.Kode, tahun)
	if err != nil {
		m.excelPageError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "impor", "Impor APBDes "+strconv.Itoa(tahun), v)
}

// pageImporKirim takes the form's file ("berkas") and the "ganti" box
// (multipart/form-data) and shows the page again with the summary or the
// error report.
func (m *Module) pageImporKirim(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.excelTahun(rw, r)
	if !ok {
		return
	}
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	v, err := m.imporView(ctx, t.Kode, tahun)
	if err != nil {
		m.excelPageError(rw, r, err)
		return
	}
	title := "Impor APBDes " + strconv.Itoa(tahun)
	fail := func(err error) {
		var ie *ImporError
		if errors.As(err, &ie) {
			v.Kesalahan, v.Lainnya = ie.Kesalahan, ie.Lainnya
			n := len(ie.Kesalahan) + ie.Lainnya
			v.Form.AddError("berkas", "Berkas berisi "+strconv.Itoa(n)+" kesalahan; tidak ada baris yang disimpan. Lihat daftar kesalahan di bawah, perbaiki berkas lalu unggah lagi.")
			m.pages.Render(rw, r, http.StatusUnprocessableEntity, "impor", title, v)
			return
		}
		if status, ok := m.pages.Failed(rw, r, err, &v.Form); ok {
			m.pages.Render(rw, r, status, "impor", title, v)
		}
	}
	if r.ContentLength > maxImporBody {
		fail(fault.Field("body.berkas", "Berkas terlalu besar: maksimal 5 MiB."))
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, maxImporBody)
	data, ganti, err := imporFormulir(r)
	if err != nil {
		fail(err)
		return
	}
	if ganti {
		v.Form.Values.Set("ganti", "1")
	}
	h, err := m.ImporAPBDes(ctx, tahun, data, ganti, excelPelaku(ctx))
	if err != nil {
		fail(err)
		return
	}
	v.Hasil = &h
	v.Form = web.NewForm("impor", url.Values{"berkas": {""}, "ganti": {""}})
	if v2, err := m.imporView(ctx, t.Kode, tahun); err == nil {
		v.Sasaran, v.Terkunci = v2.Sasaran, v2.Terkunci
	}
	m.pages.Render(rw, r, http.StatusOK, "impor", title, v)
}

// imporFormulir reads the multipart form: the file "berkas" (at most
// MaxImporBytes) and the box "ganti".
func imporFormulir(r *http.Request) ([]byte, bool, error) {
	unreadable := fault.Field("body.berkas", "Berkas tidak dapat dibaca; pilih berkas XLSX lalu kirim lagi.")
	tooBig := fault.Field("body.berkas", "Berkas terlalu besar: maksimal 5 MiB.")
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, false, unreadable
	}
	var (
		data  []byte
		found bool
		ganti bool
	)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, false, tooBig
			}
			return nil, false, unreadable
		}
		switch p.FormName() {
		case "berkas":
			if p.FileName() == "" {
				p.Close()
				continue
			}
			data, err = imporBacaPart(p, MaxImporBytes)
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) || errors.Is(err, errImporBesar) {
					return nil, false, tooBig
				}
				return nil, false, unreadable
			}
			found = true
		case "ganti":
			b, _ := imporBacaPart(p, 16)
			ganti = strings.TrimSpace(string(b)) != ""
		default:
			p.Close()
		}
	}
	if !found {
		return nil, false, fault.Field("body.berkas", "Pilih berkas XLSX yang akan diimpor.")
	}
	return data, ganti, nil
}

var errImporBesar = errors.New("keuangan: part too big")

func imporBacaPart(p *multipart.Part, limit int64) ([]byte, error) {
	defer p.Close()
	b, err := io.ReadAll(io.LimitReader(p, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errImporBesar
	}
	return b, nil
}
