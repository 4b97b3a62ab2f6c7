package konsultasi

import (
	"context"
	"io"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The API: a desa's threads, the kecamatan's list, the statistics and
// the follow-up.

func apiOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

// action is a POST acting on an existing thread (200, not 201).
func action(id, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := apiOp(id, http.MethodPost, path, summary, desc, perm)
	o.DefaultStatus = http.StatusOK
	return o
}

const (
	desaAPI    = "/desa/{kode}/konsultasi"
	wilayahAPI = "/wilayah/{kode}/konsultasi"
)

func (m *Module) registerAPI(api huma.API) {
	huma.Register(api, apiOp("list-konsultasi-desa", http.MethodGet, desaAPI, "Konsultasi desa",
		"Utas konsultasi desa ke kecamatannya (tanpa pesan): belum dijawab lebih dulu, yang terlama di atas; per halaman (cursor, limit ≤ 100).", PermBaca), m.apiDaftar)
	huma.Register(api, apiOp("create-konsultasi", http.MethodPost, desaAPI, "Buka konsultasi ke kecamatan",
		"Perangkat desa membuka utas ke seksi kecamatan: bagian (tata_pemerintahan, kesra, ekonomi_pembangunan, camat), topik dari daftar topik "+
			"pembinaan, judul 5–200 karakter, isi 1–5000 karakter (pesan pertama). Camat dan staf kecamatan diberi tahu. Idempotency-Key diterima.", PermTanya), m.apiBuka)
	huma.Register(api, apiOp("get-konsultasi", http.MethodGet, desaAPI+"/{id}", "Satu konsultasi",
		"Utas dengan semua pesan (terlama dahulu) dan lampirannya.", PermBaca), m.apiLihat)
	huma.Register(api, apiOp("create-konsultasi-pesan", http.MethodPost, desaAPI+"/{id}/pesan", "Kirim pesan",
		"Perangkat desa (sisi desa) atau camat/staf kecamatan (sisi kecamatan) menambah pesan; pesan tidak pernah diubah. Jawaban pertama kecamatan "+
			"membuat status dijawab dan mencatat waktu jawab (hari kerja). Utas selesai tidak menerima pesan (409).", PermBaca), m.apiKirim)
	huma.Register(api, action("update-konsultasi-status", desaAPI+"/{id}/status", "Tutup konsultasi",
		"Status selesai, oleh desa atau kecamatan; selesai bersifat akhir (pertanyaan lanjutan: utas baru).", PermBaca), m.apiStatus)

	up := apiOp("create-konsultasi-lampiran", http.MethodPost, desaAPI+"/{id}/lampiran", "Unggah lampiran",
		"Multipart, berkas di kolom \"berkas\": PDF, JPG, PNG, DOCX atau XLSX (isi berkas diperiksa), maksimal 5 MB; paling banyak 10 per utas; "+
			"oleh perangkat desa atau kecamatan selama utas belum selesai.", PermBaca)
	up.MaxBodyBytes = lampiranMaksBody
	up.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, lampiranMaksBody, fault.Field(fieldBerkas, "Berkas terlalu besar; maksimal 5 MB."))}
	huma.Register(api, up, m.apiLampiran)
	huma.Register(api, apiOp("get-konsultasi-lampiran", http.MethodGet, desaAPI+"/{id}/lampiran/{lid}", "Unduh lampiran",
		"Berkas dengan jenis yang tersimpan, sebagai lampiran (attachment).", PermBaca), m.apiUnduh)

	huma.Register(api, apiOp("create-konsultasi-tindak-lanjut", http.MethodPost, desaAPI+"/{id}/tindak-lanjut", "Jadikan tindak lanjut pembinaan",
		"Camat atau staf kecamatan menjadikan utas titik tindak lanjut sesi pembinaan desa: pembinaan_id (sesi yang diikuti desa), uraian "+
			"(kosong: judul utas), tenggat (hari ini sampai dua tahun lagi). Sesi yang diikuti desa: API pembinaan. Panggilan kedua untuk utas yang sama memberi titik yang sama.", PermJawab), m.apiTindakLanjut)

	huma.Register(api, apiOp("list-konsultasi-kecamatan", http.MethodGet, wilayahAPI, "Konsultasi desa-desa kecamatan",
		"Utas semua desa kecamatan (tanpa pesan), saring bagian dan status; belum dijawab lebih dulu, yang terlama di atas; per halaman (cursor, limit ≤ 100).", PermBaca), m.apiDaftarKecamatan)
	huma.Register(api, apiOp("get-konsultasi-statistik", http.MethodGet, wilayahAPI+"/statistik", "Waktu jawab konsultasi per kecamatan",
		"Per kecamatan (kabupaten atau kecamatan): utas dibuka dalam periode, dijawab, median dan persentil ke-90 hari kerja sampai jawaban "+
			"pertama, persen dijawab ≤ 3 hari kerja, dan yang belum dijawab lebih dari 3 hari kerja. Tanpa isi utas.", PermStatistik), m.apiStatistik)
}

type utasOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         KonsultasiUtas
}

func utas(u KonsultasiUtas, err error) (*utasOutput, error) {
	if err != nil {
		return nil, err
	}
	return &utasOutput{CacheControl: "private, no-store", Body: u}, nil
}

type konsultasiDaftarOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[KonsultasiUtas]
}

type daftarInput struct {
	Kode   string `path:"kode" maxLength:"20" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Bagian string `query:"bagian" enum:"tata_pemerintahan,kesra,ekonomi_pembangunan,camat," doc:"Saring seksi"`
	Status string `query:"status" enum:"baru,dijawab,selesai," doc:"Saring status"`
	page.Params
}

func (m *Module) daftar(ctx context.Context, bagian, status string, p page.Params) (*konsultasiDaftarOutput, error) {
	xs, err := m.Daftar(ctx, Saring{Bagian: bagian, Status: status}, p)
	if err != nil {
		return nil, err
	}
	return &konsultasiDaftarOutput{CacheControl: "private, no-store", Body: xs}, nil
}

func (m *Module) apiDaftar(ctx context.Context, in *daftarInput) (*konsultasiDaftarOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, fault.New(fault.NotFound, "Daftar konsultasi desa untuk kode desa; kecamatan: /wilayah/{kode}/konsultasi.")
	}
	return m.daftar(ctx, in.Bagian, in.Status, in.Params)
}

type daftarKecamatanInput struct {
	Kode   string `path:"kode" maxLength:"20" doc:"Kode kecamatan Kemendagri" example:"51.02.06"`
	Bagian string `query:"bagian" enum:"tata_pemerintahan,kesra,ekonomi_pembangunan,camat," doc:"Saring seksi"`
	Status string `query:"status" enum:"baru,dijawab,selesai," doc:"Saring status"`
	page.Params
}

func (m *Module) apiDaftarKecamatan(ctx context.Context, in *daftarKecamatanInput) (*konsultasiDaftarOutput, error) {
	if kodeOf(ctx).Level() != tenancy.Kecamatan {
		return nil, fault.New(fault.NotFound, "Daftar konsultasi untuk kode kecamatan.")
	}
	return m.daftar(ctx, in.Bagian, in.Status, in.Params)
}

type bukaInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	Body KonsultasiBaru
}

func (m *Module) apiBuka(ctx context.Context, in *bukaInput) (*utasOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, fault.New(fault.NotFound, "Konsultasi dibuka oleh desa.")
	}
	return utas(m.Buka(ctx, in.Body))
}

type idInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
}

func (m *Module) apiLihat(ctx context.Context, in *idInput) (*utasOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	return utas(m.Lihat(ctx, in.ID))
}

type kirimInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	Body KonsultasiPesanBaru
}

type pesanOutput struct{ Body KonsultasiPesan }

func (m *Module) apiKirim(ctx context.Context, in *kirimInput) (*pesanOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	p, err := m.Kirim(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &pesanOutput{Body: p}, nil
}

type statusInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	Body KonsultasiUbahStatus
}

func (m *Module) apiStatus(ctx context.Context, in *statusInput) (*utasOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	return utas(m.Tutup(ctx, in.ID, in.Body))
}

type lampiranForm struct {
	Berkas huma.FormFile `form:"berkas" required:"true" doc:"PDF, JPG, PNG, DOCX atau XLSX, maksimal 5 MB"`
}

type lampiranInput struct {
	Kode    string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID      string `path:"id" maxLength:"40"`
	RawBody huma.MultipartFormFiles[lampiranForm]
}

type lampiranOutput struct{ Body KonsultasiLampiran }

func (m *Module) apiLampiran(ctx context.Context, in *lampiranInput) (*lampiranOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	f := in.RawBody.Data().Berkas
	if f.File == nil {
		return nil, fault.Field(fieldBerkas, "Pilih berkas yang akan diunggah.")
	}
	defer f.Close()
	b, err := bacaBerkas(f)
	if err != nil {
		return nil, err
	}
	l, err := m.TambahLampiran(ctx, in.ID, f.Filename, b)
	if err != nil {
		return nil, err
	}
	return &lampiranOutput{Body: l}, nil
}

type unduhInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	LID  string `path:"lid" maxLength:"40"`
}

type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func (m *Module) apiUnduh(ctx context.Context, in *unduhInput) (*fileOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	l, rc, err := m.BukaLampiran(ctx, in.ID, in.LID)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaksLampiranByte+1))
	if err != nil {
		return nil, err
	}
	return &fileOutput{ContentType: l.JenisBerkas, CacheControl: "private, no-store", NoSniff: "nosniff",
		ContentDisposition: "attachment; filename=\"" + asciiNama(l.Nama) + "\"; filename*=UTF-8''" + urlEscape(l.Nama), Body: b}, nil
}

type tindakLanjutInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	Body KonsultasiTindakLanjutInput
}

func (m *Module) apiTindakLanjut(ctx context.Context, in *tindakLanjutInput) (*utasOutput, error) {
	if !kodeOf(ctx).IsDesa() {
		return nil, errTidakAda
	}
	return utas(m.JadikanTindakLanjut(ctx, in.ID, in.Body))
}

type statistikInput struct {
	Kode   string `path:"kode" maxLength:"20" doc:"Kode kabupaten atau kecamatan" example:"51.02"`
	Dari   string `query:"dari" maxLength:"10" doc:"Awal periode (YYYY-MM-DD); kosong: setahun sebelum sampai"`
	Sampai string `query:"sampai" maxLength:"10" doc:"Akhir periode (YYYY-MM-DD); kosong: hari ini"`
}

type statistikOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         KonsultasiStatistik
}

func (m *Module) apiStatistik(ctx context.Context, in *statistikInput) (*statistikOutput, error) {
	k := kodeOf(ctx)
	if k.Level() != tenancy.Kabupaten && k.Level() != tenancy.Kecamatan {
		return nil, fault.New(fault.NotFound, "Statistik konsultasi untuk kabupaten atau kecamatan.")
	}
	p, err := periodeDari(in.Dari, in.Sampai)
	if err != nil {
		return nil, err
	}
	s, err := m.Statistik(ctx, k, p)
	if err != nil {
		return nil, err
	}
	return &statistikOutput{CacheControl: "private, no-store", Body: s}, nil
}

// periodeDari reads a period's two optional dates (query dari, sampai).
func periodeDari(dari, sampai string) (indicator.Period, error) {
	var p indicator.Period
	var err error
	if dari != "" {
		if p.From, err = civil.ParseDate(dari); err != nil {
			return p, fault.Field("query.dari", "Tanggal awal harus YYYY-MM-DD.")
		}
	}
	if sampai != "" {
		if p.To, err = civil.ParseDate(sampai); err != nil {
			return p, fault.Field("query.sampai", "Tanggal akhir harus YYYY-MM-DD.")
		}
	}
	return p, nil
}
