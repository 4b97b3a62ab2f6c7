package persuratan

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// maxUploadBody bounds an attachment upload: the file plus the multipart
// envelope.
const maxUploadBody = MaxLampiranBytes + 64<<10

// Register adds the module's operations to api, the /api/v1 group. The
// platform guard has checked the declared permission against {kode} and put
// the tenant in the context before a handler runs.
func (m *Module) Register(api huma.API) {
	op := func(id, method, path, summary string, perm authz.Permission) huma.Operation {
		return httpserver.Operation("persuratan", id, method, path, summary, perm)
	}

	huma.Register(api, op("list-surat-keluar", http.MethodGet, "/desa/{kode}/surat-keluar", "Buku agenda surat keluar", PermRead), m.apiListKeluar)
	huma.Register(api, op("create-surat-keluar", http.MethodPost, "/desa/{kode}/surat-keluar", "Catat dan beri nomor surat keluar", PermWrite), m.apiCreateKeluar)
	huma.Register(api, op("get-surat-keluar", http.MethodGet, "/desa/{kode}/surat-keluar/{id}", "Satu surat keluar", PermRead), m.apiGetKeluar)
	huma.Register(api, op("get-surat-keluar-pdf", http.MethodGet, "/desa/{kode}/surat-keluar/{id}/pdf",
		"Unduh PDF surat layanan (memuat data pribadi warga; setiap unduhan dicatat)", PermCetak), m.apiGetPDF)
	huma.Register(api, op("list-surat-keluar-unduhan", http.MethodGet, "/desa/{kode}/surat-keluar/{id}/unduhan",
		"Catatan unduhan PDF surat layanan: siapa dan kapan", PermCetak), m.apiListUnduhan)
	batal := op("batal-surat-keluar", http.MethodPost, "/desa/{kode}/surat-keluar/{id}/batal",
		"Batalkan surat keluar; nomornya tetap terpakai", PermIssue)
	batal.DefaultStatus = http.StatusOK
	huma.Register(api, batal, m.apiBatal)
	upload := func(id, path string, reg string) {
		o := op(id, http.MethodPost, path, "Unggah lampiran (PDF, JPEG atau PNG, maks. 10 MiB)", PermWrite)
		o.MaxBodyBytes = maxUploadBody
		o.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, maxUploadBody, fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB"))}
		huma.Register(api, o, func(ctx context.Context, in *uploadInput) (*lampiranOutput, error) {
			return m.apiUpload(ctx, reg, in)
		})
	}
	download := func(id, path string, reg string) {
		huma.Register(api, op(id, http.MethodGet, path, "Unduh lampiran", PermRead), func(ctx context.Context, in *idInput) (*fileOutput, error) {
			return m.apiDownload(ctx, reg, in)
		})
	}
	upload("upload-surat-keluar-lampiran", "/desa/{kode}/surat-keluar/{id}/lampiran", RegisterKeluar)
	download("get-surat-keluar-lampiran", "/desa/{kode}/surat-keluar/{id}/lampiran", RegisterKeluar)

	agenda := func(id, path, reg, summary string) {
		huma.Register(api, op(id, http.MethodGet, path, summary, PermRead), func(ctx context.Context, in *agendaInput) (*fileOutput, error) {
			return m.apiAgenda(ctx, reg, in)
		})
	}
	agenda("get-buku-agenda-surat-keluar", "/desa/{kode}/buku-agenda/keluar", RegisterKeluar,
		"Buku agenda surat keluar sebagai XLSX atau PDF, untuk satu tahun atau rentang tanggal")
	agenda("get-buku-agenda-surat-masuk", "/desa/{kode}/buku-agenda/masuk", RegisterMasuk,
		"Buku agenda surat masuk sebagai XLSX atau PDF, untuk satu tahun atau rentang tanggal")

	huma.Register(api, op("list-jenis-surat-layanan", http.MethodGet, "/desa/{kode}/jenis-surat-layanan", "Jenis surat layanan dan isiannya", PermRead), m.apiListJenis)
	huma.Register(api, op("issue-surat-layanan", http.MethodPost, "/desa/{kode}/surat-layanan", "Terbitkan surat layanan kepada warga", PermIssue), m.apiIssue)

	huma.Register(api, op("list-surat-masuk", http.MethodGet, "/desa/{kode}/surat-masuk", "Buku agenda surat masuk", PermRead), m.apiListMasuk)
	huma.Register(api, op("create-surat-masuk", http.MethodPost, "/desa/{kode}/surat-masuk", "Catat surat masuk", PermWrite), m.apiCreateMasuk)
	huma.Register(api, op("get-surat-masuk", http.MethodGet, "/desa/{kode}/surat-masuk/{id}", "Satu surat masuk dengan disposisinya", PermRead), m.apiGetMasuk)
	upload("upload-surat-masuk-lampiran", "/desa/{kode}/surat-masuk/{id}/lampiran", RegisterMasuk)
	download("get-surat-masuk-lampiran", "/desa/{kode}/surat-masuk/{id}/lampiran", RegisterMasuk)
	huma.Register(api, op("create-disposisi", http.MethodPost, "/desa/{kode}/surat-masuk/{id}/disposisi", "Disposisi surat masuk kepada perangkat", PermWrite), m.apiCreateDisposisi)
	huma.Register(api, op("list-disposisi", http.MethodGet, "/desa/{kode}/disposisi", "Daftar disposisi desa", PermRead), m.apiListDisposisi)
	huma.Register(api, op("update-disposisi", http.MethodPatch, "/desa/{kode}/disposisi/{id}", "Tandai disposisi selesai atau belum", PermWrite), m.apiUpdateDisposisi)

	huma.Register(api, op("get-pengaturan-surat", http.MethodGet, "/desa/{kode}/pengaturan-surat", "Format dan urutan nomor surat desa", PermRead), m.apiGetPengaturan)
	huma.Register(api, op("put-pengaturan-surat", http.MethodPut, "/desa/{kode}/pengaturan-surat", "Ubah format dan urutan nomor surat desa", PermConfigure), m.apiPutPengaturan)

	huma.Register(api, op("get-urutan-surat", http.MethodGet, "/desa/{kode}/pengaturan-surat/urutan",
		"Urutan nomor surat satu tahun: nomor terakhir, nomor berikutnya dan contohnya", PermRead), m.apiGetUrutan)
	huma.Register(api, op("put-urutan-surat", http.MethodPut, "/desa/{kode}/pengaturan-surat/urutan",
		"Atur nomor awal satu urutan tahun ini (mis. melanjutkan nomor buku agenda kertas)", PermConfigure), m.apiPutUrutan)
	huma.Register(api, op("get-pratinjau-nomor-surat", http.MethodGet, "/desa/{kode}/pengaturan-surat/pratinjau",
		"Pratinjau nomor surat keluar berikutnya dengan format dan urutan yang diberikan, tanpa menyimpan", PermRead), m.apiPratinjau)

	huma.Register(api, op("list-klasifikasi-surat", http.MethodGet, "/wilayah/{kode}/klasifikasi-surat", "Kode klasifikasi surat (Permendagri 83/2022 dan tambahan kabupaten)", PermKlasifikasiRead), m.apiListKlasifikasi)
	huma.Register(api, op("create-klasifikasi-surat", http.MethodPost, "/wilayah/{kode}/klasifikasi-surat", "Tambah kode klasifikasi kabupaten", PermKlasifikasiWrite), m.apiCreateKlasifikasi)
	huma.Register(api, op("get-surat-statistik", http.MethodGet, "/wilayah/{kode}/surat/statistik", "Jumlah surat per desa dalam wilayah", PermStatistik), m.apiStatistik)

	huma.Register(api, huma.Operation{
		OperationID: "get-verifikasi-surat", Method: http.MethodGet, Path: "/verifikasi/{id}",
		Summary:     "Periksa keaslian surat",
		Description: "Publik: nomor, tanggal, desa, jenis dan penandatangan surat. Tidak memuat data pribadi warga.",
		Tags:        []string{"persuratan"}, Metadata: authz.Public(),
	}, m.apiVerify)
}

func actor(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "anon"
}

// SuratKeluarView is a surat keluar as the API shows it. Pemohon appears
// in the single-letter view only, with the NIK masked.
type SuratKeluarView struct {
	ID                string     `json:"id"`
	Nomor             string     `json:"nomor" example:"400.12.2/001/2001/III/2026"`
	Urut              int64      `json:"urut" doc:"Nomor urut dalam tahun dan urutannya"`
	Tahun             int        `json:"tahun"`
	Tanggal           Tanggal    `json:"tanggal" format:"date"`
	Jenis             string     `json:"jenis" doc:"umum, atau jenis surat layanan"`
	JenisJudul        string     `json:"jenis_judul"`
	KlasifikasiKode   string     `json:"klasifikasi_kode"`
	KlasifikasiUraian string     `json:"klasifikasi_uraian" doc:"Uraian kode saat surat dibuat"`
	Tujuan            string     `json:"tujuan"`
	Perihal           string     `json:"perihal"`
	Penandatangan     *Signer    `json:"penandatangan,omitempty"`
	Lampiran          *Lampiran  `json:"lampiran,omitempty"`
	PDF               bool       `json:"pdf" doc:"Ada PDF surat layanan yang boleh Anda unduh"`
	Pemohon           *Pemohon   `json:"pemohon,omitempty" doc:"NIK selalu disamarkan; di luar perangkat desa yang menerbitkan surat hanya nama tersamar"`
	VerifikasiURL     string     `json:"verifikasi_url"`
	CreatedAt         time.Time  `json:"created_at"`
	Dibatalkan        bool       `json:"dibatalkan"`
	BatalAt           *time.Time `json:"batal_at,omitempty"`
	BatalAlasan       string     `json:"batal_alasan,omitempty"`
}

// viewKeluar shows a letter. pribadi is whether the viewer may see the
// resident's data (PermCetak: the desa roles that issue letters); others
// see the name masked and nothing else of the resident. The NIK shows
// masked to everyone: only the PDF handed to the resident prints it.
func (m *Module) viewKeluar(s SuratKeluar, detail, pribadi bool) SuratKeluarView {
	v := SuratKeluarView{
		ID: s.ID, Nomor: s.Nomor, Urut: s.Urut, Tahun: s.Tahun, Tanggal: s.Tanggal, Jenis: s.Jenis,
		JenisJudul: jenisJudul(s.Jenis), KlasifikasiKode: s.KlasifikasiKode, KlasifikasiUraian: s.KlasifikasiUraian,
		Tujuan: s.Tujuan, Perihal: s.Perihal, PDF: s.PDFKey != "" && pribadi,
		VerifikasiURL: m.VerificationURL(s.ID), CreatedAt: s.CreatedAt,
		Dibatalkan: s.Dibatalkan(), BatalAt: s.BatalAt, BatalAlasan: s.BatalAlasan,
	}
	if s.PenandatanganNama != "" {
		v.Penandatangan = &Signer{Nama: s.PenandatanganNama, Jabatan: s.PenandatanganJabatan}
	}
	if s.Lampiran.Key != "" {
		l := s.Lampiran
		v.Lampiran = &l
	}
	if s.Pemohon != nil && !pribadi && s.Tujuan == s.Pemohon.Nama {
		v.Tujuan = valid.MaskName(s.Tujuan)
	}
	if detail && s.Pemohon != nil {
		p := *s.Pemohon
		p.NIK = valid.MaskNIK(p.NIK)
		if !pribadi {
			p = Pemohon{Nama: valid.MaskName(p.Nama), NIK: p.NIK}
		}
		v.Pemohon = &p
	}
	return v
}

// may reports whether the signed-in user holds p at the desa in ctx.
func (m *Module) may(ctx context.Context, p authz.Permission) bool {
	t, ok := tenancy.From(ctx)
	u, signed := auth.UserFrom(ctx)
	if !ok || !signed || m.authz == nil {
		return false
	}
	allowed, err := m.authz.Allowed(ctx, u.ID, t.Kode, p)
	if err != nil {
		m.log.ErrorContext(ctx, "persuratan: authz", "err", err)
		return false
	}
	return allowed
}

// SuratMasukView is a surat masuk as the API shows it.
type SuratMasukView struct {
	ID                string      `json:"id"`
	NomorAgenda       int64       `json:"nomor_agenda"`
	Tahun             int         `json:"tahun"`
	TanggalTerima     Tanggal     `json:"tanggal_terima" format:"date"`
	NomorSurat        string      `json:"nomor_surat"`
	TanggalSurat      Tanggal     `json:"tanggal_surat" format:"date"`
	Pengirim          string      `json:"pengirim"`
	Perihal           string      `json:"perihal"`
	KlasifikasiKode   string      `json:"klasifikasi_kode"`
	KlasifikasiUraian string      `json:"klasifikasi_uraian"`
	Lampiran          *Lampiran   `json:"lampiran,omitempty"`
	Disposisi         []Disposisi `json:"disposisi,omitempty"`
	CreatedAt         time.Time   `json:"created_at"`
}

func viewMasuk(s SuratMasuk, ds []Disposisi) SuratMasukView {
	v := SuratMasukView{
		ID: s.ID, NomorAgenda: s.NomorAgenda, Tahun: s.Tahun, TanggalTerima: s.TanggalTerima,
		NomorSurat: s.NomorSurat, TanggalSurat: s.TanggalSurat, Pengirim: s.Pengirim, Perihal: s.Perihal,
		KlasifikasiKode: s.KlasifikasiKode, KlasifikasiUraian: s.KlasifikasiUraian, Disposisi: ds, CreatedAt: s.CreatedAt,
	}
	if s.Lampiran.Key != "" {
		l := s.Lampiran
		v.Lampiran = &l
	}
	return v
}

type desaInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
}

type idInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id surat (UUID)"`
}

type listInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Tahun       int    `query:"tahun" minimum:"0" maximum:"9999" doc:"Saring tahun surat"`
	Klasifikasi string `query:"klasifikasi" maxLength:"30" doc:"Saring kode klasifikasi (termasuk sub-kodenya)"`
	Q           string `query:"q" maxLength:"100" doc:"Cari pada nomor, tujuan/pengirim dan perihal"`
}

func (in listInput) query() ListQuery {
	return ListQuery{Params: in.Params, Tahun: in.Tahun, Klasifikasi: in.Klasifikasi, Q: in.Q}
}

type listKeluarInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Tahun       int    `query:"tahun" minimum:"0" maximum:"9999" doc:"Saring tahun surat"`
	Klasifikasi string `query:"klasifikasi" maxLength:"30" doc:"Saring kode klasifikasi (termasuk sub-kodenya)"`
	Q           string `query:"q" maxLength:"100" doc:"Cari pada nomor, tujuan dan perihal"`
	Jenis       string `query:"jenis" maxLength:"40" doc:"Saring jenis surat (umum atau jenis surat layanan)"`
}

type keluarPageOutput struct{ Body page.Page[SuratKeluarView] }

func (m *Module) apiListKeluar(ctx context.Context, in *listKeluarInput) (*keluarPageOutput, error) {
	q := ListQuery{Params: in.Params, Tahun: in.Tahun, Klasifikasi: in.Klasifikasi, Q: in.Q, Jenis: in.Jenis}
	p, err := m.ListKeluar(ctx, q)
	if err != nil {
		return nil, err
	}
	out := page.Page[SuratKeluarView]{Items: make([]SuratKeluarView, len(p.Items)), NextCursor: p.NextCursor}
	pribadi := m.may(ctx, PermCetak)
	for i, s := range p.Items {
		out.Items[i] = m.viewKeluar(s, false, pribadi)
	}
	return &keluarPageOutput{Body: out}, nil
}

type keluarOutput struct{ Body SuratKeluarView }

type createKeluarInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body SuratKeluarBaru
}

func (m *Module) apiCreateKeluar(ctx context.Context, in *createKeluarInput) (*keluarOutput, error) {
	s, err := m.CreateKeluar(ctx, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &keluarOutput{Body: m.viewKeluar(s, true, m.may(ctx, PermCetak))}, nil
}

func (m *Module) apiGetKeluar(ctx context.Context, in *idInput) (*keluarOutput, error) {
	s, err := m.SuratKeluar(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &keluarOutput{Body: m.viewKeluar(s, true, m.may(ctx, PermCetak))}, nil
}

// fileOutput is a download. nosniff: a browser must take the declared
// type, never guess one from the bytes (an upload that sniffs as HTML
// would run as a page of ngantor).
type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func (m *Module) apiGetPDF(ctx context.Context, in *idInput) (*fileOutput, error) {
	s, b, err := m.PDF(ctx, in.ID, pengunduh(ctx, SaluranAPI))
	if err != nil {
		return nil, err
	}
	return &fileOutput{ContentType: "application/pdf", ContentDisposition: `inline; filename="` + pdfName(s) + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}

func pengunduh(ctx context.Context, saluran string) Pengunduh {
	u, _ := auth.UserFrom(ctx)
	return Pengunduh{ID: u.ID, Nama: u.Name, Saluran: saluran}
}

type listUnduhanInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id surat keluar (UUID)"`
	page.Params
}

type unduhanPageOutput struct{ Body page.Page[Unduhan] }

func (m *Module) apiListUnduhan(ctx context.Context, in *listUnduhanInput) (*unduhanPageOutput, error) {
	p, err := m.ListUnduhan(ctx, in.ID, in.Params)
	if err != nil {
		return nil, err
	}
	return &unduhanPageOutput{Body: p}, nil
}

type batalInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id surat keluar (UUID)"`
	Body PembatalanBaru
}

func (m *Module) apiBatal(ctx context.Context, in *batalInput) (*keluarOutput, error) {
	s, err := m.Batalkan(ctx, in.ID, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &keluarOutput{Body: m.viewKeluar(s, true, m.may(ctx, PermCetak))}, nil
}

func pdfName(s SuratKeluar) string {
	return "surat-" + jenisSingkatan(s.Jenis) + "-" + s.Tanggal.Time().Format("20060102") + "-" + strconv.FormatInt(s.Urut, 10) + ".pdf"
}

type lampiranForm struct {
	Berkas huma.FormFile `form:"berkas" required:"true" doc:"Berkas PDF, JPEG atau PNG, maksimal 10 MiB"`
}

type uploadInput struct {
	Kode    string `path:"kode" example:"51.02.06.2001"`
	ID      string `path:"id"`
	RawBody huma.MultipartFormFiles[lampiranForm]
}

type lampiranOutput struct{ Body Lampiran }

func (m *Module) apiUpload(ctx context.Context, reg string, in *uploadInput) (*lampiranOutput, error) {
	f := in.RawBody.Data().Berkas
	defer f.Close()
	l, err := m.PutLampiran(ctx, reg, in.ID, f.Filename, f.Size, f)
	if err != nil {
		return nil, err
	}
	return &lampiranOutput{Body: l}, nil
}

func (m *Module) apiDownload(ctx context.Context, reg string, in *idInput) (*fileOutput, error) {
	l, rc, err := m.GetLampiran(ctx, reg, in.ID, pengunduh(ctx, SaluranAPI))
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return &fileOutput{ContentType: l.Tipe, ContentDisposition: `attachment; filename="` + l.Nama + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}

type agendaInput struct {
	Kode   string  `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Format string  `query:"format" enum:"xlsx,pdf" default:"xlsx" doc:"xlsx (lembar kerja) atau pdf (untuk dicetak)"`
	Tahun  int     `query:"tahun" minimum:"0" maximum:"9999" doc:"Satu tahun penuh; kosong bila memakai dari dan sampai"`
	Dari   Tanggal `query:"dari" format:"date" doc:"Tanggal awal rentang"`
	Sampai Tanggal `query:"sampai" format:"date" doc:"Tanggal akhir rentang (termasuk)"`
}

func (m *Module) apiAgenda(ctx context.Context, reg string, in *agendaInput) (*fileOutput, error) {
	name, tipe, b, err := m.BerkasAgenda(ctx, reg, in.Format, AgendaQuery{Tahun: in.Tahun, Dari: in.Dari, Sampai: in.Sampai}, pengunduh(ctx, SaluranAPI))
	if err != nil {
		return nil, err
	}
	return &fileOutput{ContentType: tipe, ContentDisposition: `attachment; filename="` + name + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}

type jenisOutput struct{ Body []JenisLayanan }

func (m *Module) apiListJenis(ctx context.Context, in *desaInput) (*jenisOutput, error) {
	return &jenisOutput{Body: JenisLayananList()}, nil
}

type issueInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body SuratLayananBaru
}

func (m *Module) apiIssue(ctx context.Context, in *issueInput) (*keluarOutput, error) {
	s, err := m.IssueLayanan(ctx, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &keluarOutput{Body: m.viewKeluar(s, true, m.may(ctx, PermCetak))}, nil
}

type masukPageOutput struct{ Body page.Page[SuratMasukView] }

func (m *Module) apiListMasuk(ctx context.Context, in *listInput) (*masukPageOutput, error) {
	p, err := m.ListMasuk(ctx, in.query())
	if err != nil {
		return nil, err
	}
	out := page.Page[SuratMasukView]{Items: make([]SuratMasukView, len(p.Items)), NextCursor: p.NextCursor}
	for i, s := range p.Items {
		out.Items[i] = viewMasuk(s, nil)
	}
	return &masukPageOutput{Body: out}, nil
}

type masukOutput struct{ Body SuratMasukView }

type createMasukInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body SuratMasukBaru
}

func (m *Module) apiCreateMasuk(ctx context.Context, in *createMasukInput) (*masukOutput, error) {
	s, err := m.CreateMasuk(ctx, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &masukOutput{Body: viewMasuk(s, nil)}, nil
}

func (m *Module) apiGetMasuk(ctx context.Context, in *idInput) (*masukOutput, error) {
	s, ds, err := m.SuratMasuk(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &masukOutput{Body: viewMasuk(s, ds)}, nil
}

type disposisiOutput struct{ Body Disposisi }

type createDisposisiInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id surat masuk"`
	Body DisposisiBaru
}

func (m *Module) apiCreateDisposisi(ctx context.Context, in *createDisposisiInput) (*disposisiOutput, error) {
	d, err := m.AddDisposisi(ctx, in.ID, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &disposisiOutput{Body: d}, nil
}

type listDisposisiInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	page.Params
	Status string `query:"status" enum:"semua,terbuka,selesai" default:"semua" doc:"Saring: terbuka (belum selesai) atau selesai"`
}

type disposisiPageOutput struct{ Body page.Page[Disposisi] }

func (m *Module) apiListDisposisi(ctx context.Context, in *listDisposisiInput) (*disposisiPageOutput, error) {
	q := DisposisiQuery{Params: in.Params}
	switch in.Status {
	case "terbuka":
		f := false
		q.Selesai = &f
	case "selesai":
		t := true
		q.Selesai = &t
	}
	p, err := m.ListDisposisi(ctx, q)
	if err != nil {
		return nil, err
	}
	return &disposisiPageOutput{Body: p}, nil
}

type updateDisposisiInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id disposisi"`
	Body struct {
		Selesai bool `json:"selesai" doc:"true: disposisi sudah dilaksanakan"`
	}
}

func (m *Module) apiUpdateDisposisi(ctx context.Context, in *updateDisposisiInput) (*disposisiOutput, error) {
	d, err := m.SetDisposisiSelesai(ctx, in.ID, in.Body.Selesai, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &disposisiOutput{Body: d}, nil
}

type pengaturanOutput struct{ Body Pengaturan }

func (m *Module) apiGetPengaturan(ctx context.Context, in *desaInput) (*pengaturanOutput, error) {
	p, err := m.Pengaturan(ctx)
	if err != nil {
		return nil, err
	}
	return &pengaturanOutput{Body: p}, nil
}

type putPengaturanInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body Pengaturan
}

func (m *Module) apiPutPengaturan(ctx context.Context, in *putPengaturanInput) (*pengaturanOutput, error) {
	p, err := m.SetPengaturan(ctx, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &pengaturanOutput{Body: p}, nil
}

type urutanInput struct {
	Kode  string `path:"kode" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"9999" doc:"Tahun; kosong: tahun ini"`
}

type urutanOutput struct{ Body DaftarUrutan }

func (m *Module) apiGetUrutan(ctx context.Context, in *urutanInput) (*urutanOutput, error) {
	d, err := m.Urutan(ctx, in.Tahun)
	if err != nil {
		return nil, err
	}
	return &urutanOutput{Body: d}, nil
}

type putUrutanInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body UrutanMulai
}

func (m *Module) apiPutUrutan(ctx context.Context, in *putUrutanInput) (*urutanOutput, error) {
	d, err := m.SetUrutanMulai(ctx, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &urutanOutput{Body: d}, nil
}

type pratinjauInput struct {
	Kode      string `path:"kode" example:"51.02.06.2001"`
	Format    string `query:"format" maxLength:"100" doc:"Format nomor yang hendak dicoba" example:"{kode}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}"`
	Kebijakan string `query:"kebijakan" maxLength:"20" doc:"bersama, register atau jenis"`
	KodeDesa  string `query:"kode_desa" maxLength:"20" doc:"Kode singkat desa"`
}

type pratinjauOutput struct {
	Body struct {
		Contoh string `json:"contoh" doc:"Nomor surat keluar berikutnya dengan kode klasifikasi contoh 000.1" example:"000.1/004/2001/III/2026"`
	}
}

func (m *Module) apiPratinjau(ctx context.Context, in *pratinjauInput) (*pratinjauOutput, error) {
	contoh, err := m.Pratinjau(ctx, Pengaturan{Format: in.Format, Kebijakan: Kebijakan(in.Kebijakan), KodeDesa: in.KodeDesa})
	if err != nil {
		return nil, err
	}
	out := &pratinjauOutput{}
	out.Body.Contoh = contoh
	return out, nil
}

func parseKodeParam(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if e, ok := fault.As(err); ok {
		e.Field = "path.kode"
	}
	return k, err
}

type listKlasifikasiInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten atau wilayah di bawahnya" example:"51.02"`
	page.Params
	Q       string  `query:"q" maxLength:"100" doc:"Cari pada kode atau uraian"`
	Berlaku Tanggal `query:"berlaku" format:"date" doc:"Hanya kode yang berlaku pada tanggal ini"`
}

type klasifikasiPageOutput struct{ Body page.Page[Klasifikasi] }

func (m *Module) apiListKlasifikasi(ctx context.Context, in *listKlasifikasiInput) (*klasifikasiPageOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	p, err := m.ListKlasifikasi(ctx, kode, KlasifikasiQuery{Params: in.Params, Q: in.Q, Berlaku: in.Berlaku})
	if err != nil {
		return nil, err
	}
	return &klasifikasiPageOutput{Body: p}, nil
}

type createKlasifikasiInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten" example:"51.02"`
	Body KlasifikasiBaru
}

type klasifikasiOutput struct{ Body Klasifikasi }

func (m *Module) apiCreateKlasifikasi(ctx context.Context, in *createKlasifikasiInput) (*klasifikasiOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	k, err := m.AddKlasifikasi(ctx, kode, in.Body, actor(ctx))
	if err != nil {
		return nil, err
	}
	return &klasifikasiOutput{Body: k}, nil
}

type statistikInput struct {
	Kode  string `path:"kode" doc:"Kode kecamatan, kabupaten atau desa" example:"51.02.06"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"9999" doc:"Tahun; kosong: tahun ini"`
}

type statistikOutput struct {
	Body struct {
		Tahun int             `json:"tahun"`
		Desa  []StatistikDesa `json:"desa"`
	}
}

func (m *Module) apiStatistik(ctx context.Context, in *statistikInput) (*statistikOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	tahun := in.Tahun
	if tahun == 0 {
		tahun = m.today(kode).Year()
	}
	rows, err := m.Statistik(ctx, tahun)
	if err != nil {
		return nil, err
	}
	out := &statistikOutput{}
	out.Body.Tahun, out.Body.Desa = tahun, rows
	return out, nil
}

type verifyInput struct {
	ID string `path:"id" doc:"Id surat dari kode QR"`
}

type verifyOutput struct{ Body Verifikasi }

func (m *Module) apiVerify(ctx context.Context, in *verifyInput) (*verifyOutput, error) {
	v, err := m.Verify(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &verifyOutput{Body: v}, nil
}
