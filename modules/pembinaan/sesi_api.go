package pembinaan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The sessions' API. A session is planned, changed and ticked at its
// organizer's wilayah (/wilayah/{kode}/pembinaan/…, a kecamatan or
// kabupaten); a desa reads its invitations at /desa/{kode}/pembinaan.
// Inputs are flat (huma reads no field of an embedded unexported struct).

const (
	sesiAPI     = "/wilayah/{kode}/pembinaan"
	sesiSatuAPI = sesiAPI + "/{id}"
)

type sesiListInput struct {
	Kode   string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	Tahun  int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Hanya sesi yang dimulai pada tahun ini (zona waktu wilayah)"`
	Jenis  string `query:"jenis" enum:",pembinaan,bimtek,sosialisasi" doc:"Hanya jenis ini"`
	Cursor string `query:"cursor" maxLength:"300" doc:"Lanjutan dari next_cursor halaman sebelumnya"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Jumlah baris per halaman (1–100)"`
}

type sesiListOutput struct {
	Body page.Page[PembinaanSesi]
}

type sesiCreateInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	Body PembinaanSesiInput
}

type sesiInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID   string `path:"id" maxLength:"40" doc:"Id sesi"`
}

type sesiPutInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID   string `path:"id" maxLength:"40" doc:"Id sesi"`
	Body PembinaanSesiInput
}

// PembinaanStatusInput is a session's new status.
type PembinaanStatusInput struct {
	Status string `json:"status" enum:"rencana,selesai,batal" doc:"selesai (setelah dimulai), batal, atau rencana kembali"`
}

type sesiStatusInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID   string `path:"id" maxLength:"40" doc:"Id sesi"`
	Body PembinaanStatusInput
}

type sesiOutput struct {
	Body PembinaanSesi
}

type sesiHadirInput struct {
	Kode      string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID        string `path:"id" maxLength:"40" doc:"Id sesi"`
	Desa      string `path:"desa" maxLength:"20" example:"51.02.06.2001" doc:"Kode desa yang diundang"`
	Perangkat string `path:"perangkat" maxLength:"40" doc:"Id pengangkatan perangkat (administrasi)"`
}

type sesiHadirOutput struct {
	Body PembinaanHadir
}

type sesiDaftarHadirOutput struct {
	Body PembinaanDaftarHadir
}

type materiBerkasForm struct {
	Berkas huma.FormFile `form:"berkas" required:"true" doc:"PDF, JPEG, PNG, teks, .docx, .xlsx atau .pptx; maksimal 10 MB"`
}

type materiUnggahInput struct {
	Kode    string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID      string `path:"id" maxLength:"40" doc:"Id sesi"`
	RawBody huma.MultipartFormFiles[materiBerkasForm]
}

type materiOutput struct {
	Body PembinaanMateri
}

type materiInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06" doc:"Kode kecamatan atau kabupaten penyelenggara"`
	ID   string `path:"id" maxLength:"40" doc:"Id sesi"`
	MID  string `path:"mid" maxLength:"40" doc:"Id materi"`
}

type materiDesaInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001" doc:"Kode desa"`
	ID   string `path:"id" maxLength:"40" doc:"Id sesi"`
	MID  string `path:"mid" maxLength:"40" doc:"Id materi"`
}

type materiBerkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

type undanganInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001" doc:"Kode desa"`
}

type undanganOutput struct {
	Body struct {
		Items []PembinaanUndangan `json:"items"`
	}
}

func (m *Module) registerSesi(api huma.API) {
	op := func(id, method, path, summary, desc string, perm any) huma.Operation {
		o := httpserver.Operation(tag, id, method, path, summary, PermKelola)
		if perm == nil {
			o = httpserver.Operation(tag, id, method, path, summary, PermBaca)
		}
		o.Description = desc
		return o
	}
	kelola := true
	huma.Register(api, op("list-pembinaan", http.MethodGet, sesiAPI, "Daftar sesi pembinaan",
		"Sesi pembinaan, bimtek dan sosialisasi yang diselenggarakan di wilayah ini (kabupaten: juga oleh kecamatannya), terbaru dahulu.", nil),
		m.apiDaftarSesi)
	huma.Register(api, op("create-pembinaan", http.MethodPost, sesiAPI, "Rencanakan sesi pembinaan",
		"Kecamatan atau kabupaten (OPD atas nama OPD-nya) merencanakan sesi: judul, jenis, topik, waktu, tempat, narasumber (1–10), "+
			"desa yang diundang (di bawah wilayah ini; pembinaan tepat satu desa; semua_desa untuk semua desa wilayah) dan jabatan wajib hadir. "+
			"Setiap desa yang diundang langsung melihat undangannya.", kelola), m.apiBuatSesi)
	huma.Register(api, op("get-pembinaan", http.MethodGet, sesiSatuAPI, "Satu sesi pembinaan",
		"Sesi yang diselenggarakan tepat oleh wilayah ini.", nil), m.apiSesi)
	huma.Register(api, op("update-pembinaan", http.MethodPut, sesiSatuAPI, "Ubah sesi pembinaan",
		"Mengganti isi sesi; desa yang ditambah atau dihapus dari undangan ikut berubah. Desa yang sudah tercatat hadir tidak dapat dihapus. "+
			"OPD hanya dapat mengubah sesi OPD-nya sendiri.", kelola), m.apiUbahSesi)
	status := op("set-pembinaan-status", http.MethodPost, sesiSatuAPI+"/status", "Ubah status sesi",
		"selesai (setelah dimulai), batal (belum selesai) atau rencana kembali.", kelola)
	status.DefaultStatus = http.StatusOK
	huma.Register(api, status, m.apiStatusSesi)
	huma.Register(api, op("put-pembinaan-hadir", http.MethodPut, sesiSatuAPI+"/hadir/{desa}/{perangkat}", "Catat kehadiran perangkat",
		"Mencentang perangkat desa yang diundang (yang sedang menjabat) sebagai hadir; mencentang dua kali tidak mengubah apa pun. "+
			"Nama, jabatan dan sebutan hari itu dicatat. Ditolak untuk sesi batal.", kelola), m.apiHadir)
	huma.Register(api, op("delete-pembinaan-hadir", http.MethodDelete, sesiSatuAPI+"/hadir/{desa}/{perangkat}", "Batalkan centang kehadiran",
		"", kelola), m.apiHapusHadir)
	huma.Register(api, op("get-pembinaan-daftar-hadir", http.MethodGet, sesiSatuAPI+"/daftar-hadir", "Daftar hadir sesi",
		"Per desa yang diundang: perangkat yang hadir, dan jabatan wajib hadir yang tidak hadir.", nil), m.apiDaftarHadir)
	up := op("create-pembinaan-materi", http.MethodPost, sesiSatuAPI+"/materi", "Unggah materi sesi",
		"Berkas di kolom multipart \"berkas\": PDF, JPEG, PNG, teks biasa, atau .docx/.xlsx/.pptx (dikenali dari isinya), maksimal 10 MB; "+
			"paling banyak 20 materi per sesi.", kelola)
	up.MaxBodyBytes = materiMaksBody
	up.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, materiMaksBody, errMateriBesar)}
	huma.Register(api, up, m.apiTambahMateri)
	huma.Register(api, op("get-pembinaan-materi", http.MethodGet, sesiSatuAPI+"/materi/{mid}", "Unduh materi sesi", "", nil), m.apiBukaMateri)
	huma.Register(api, op("delete-pembinaan-materi", http.MethodDelete, sesiSatuAPI+"/materi/{mid}", "Hapus materi sesi", "", kelola),
		m.apiHapusMateri)
	huma.Register(api, op("list-pembinaan-undangan", http.MethodGet, "/desa/{kode}/pembinaan", "Undangan pembinaan desa",
		"Undangan yang diterima desa, terbaru dahulu (paling banyak 200): waktu, tempat, topik, jabatan wajib hadir, materi, "+
			"dan perangkat desa yang hadir.", nil), m.apiUndangan)
	huma.Register(api, op("get-pembinaan-undangan-materi", http.MethodGet, "/desa/{kode}/pembinaan/{id}/materi/{mid}",
		"Unduh materi sesi yang diundangkan", "Hanya materi sesi yang mengundang desa ini.", nil), m.apiBukaMateriDesa)
}

func (m *Module) apiDaftarSesi(ctx context.Context, in *sesiListInput) (*sesiListOutput, error) {
	p, err := m.DaftarSesi(ctx, SesiFilter{Tahun: in.Tahun, Jenis: in.Jenis}, page.Params{Cursor: in.Cursor, Limit: in.Limit})
	if err != nil {
		return nil, err
	}
	return &sesiListOutput{Body: p}, nil
}

func (m *Module) apiBuatSesi(ctx context.Context, in *sesiCreateInput) (*sesiOutput, error) {
	s, err := m.BuatSesi(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	return &sesiOutput{Body: s}, nil
}

func (m *Module) apiSesi(ctx context.Context, in *sesiInput) (*sesiOutput, error) {
	s, err := m.Sesi(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &sesiOutput{Body: s}, nil
}

func (m *Module) apiUbahSesi(ctx context.Context, in *sesiPutInput) (*sesiOutput, error) {
	s, err := m.UbahSesi(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &sesiOutput{Body: s}, nil
}

func (m *Module) apiStatusSesi(ctx context.Context, in *sesiStatusInput) (*sesiOutput, error) {
	s, err := m.UbahStatusSesi(ctx, in.ID, in.Body.Status)
	if err != nil {
		return nil, err
	}
	return &sesiOutput{Body: s}, nil
}

func sesiDesaParam(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || !k.IsDesa() {
		return "", fault.New(fault.NotFound, "Desa %q tidak ditemukan.", sesiPendek(s))
	}
	return k, nil
}

func (m *Module) apiHadir(ctx context.Context, in *sesiHadirInput) (*sesiHadirOutput, error) {
	desa, err := sesiDesaParam(in.Desa)
	if err != nil {
		return nil, err
	}
	h, err := m.CatatHadir(ctx, in.ID, desa, in.Perangkat)
	if err != nil {
		return nil, err
	}
	return &sesiHadirOutput{Body: h}, nil
}

func (m *Module) apiHapusHadir(ctx context.Context, in *sesiHadirInput) (*struct{}, error) {
	desa, err := sesiDesaParam(in.Desa)
	if err != nil {
		return nil, err
	}
	return nil, m.HapusHadir(ctx, in.ID, desa, in.Perangkat)
}

func (m *Module) apiDaftarHadir(ctx context.Context, in *sesiInput) (*sesiDaftarHadirOutput, error) {
	d, err := m.DaftarHadir(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &sesiDaftarHadirOutput{Body: d}, nil
}

func (m *Module) apiTambahMateri(ctx context.Context, in *materiUnggahInput) (*materiOutput, error) {
	f := in.RawBody.Data().Berkas
	if f.File == nil {
		return nil, errMateriKosong
	}
	defer f.Close()
	if f.Size > MaksMateriByte {
		return nil, errMateriBesar
	}
	b, err := materiBaca(f)
	if err != nil {
		return nil, err
	}
	mt, err := m.TambahMateri(ctx, in.ID, f.Filename, b)
	if err != nil {
		return nil, err
	}
	return &materiOutput{Body: mt}, nil
}

func materiUnduh(mt PembinaanMateri, b []byte) *materiBerkasOutput {
	return &materiBerkasOutput{ContentType: mt.JenisBerkas, ContentDisposition: `attachment; filename="` + mt.Nama + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}
}

func (m *Module) apiBukaMateri(ctx context.Context, in *materiInput) (*materiBerkasOutput, error) {
	mt, b, err := m.BukaMateri(ctx, in.ID, in.MID)
	if err != nil {
		return nil, err
	}
	return materiUnduh(mt, b), nil
}

func (m *Module) apiHapusMateri(ctx context.Context, in *materiInput) (*struct{}, error) {
	return nil, m.HapusMateri(ctx, in.ID, in.MID)
}

func (m *Module) apiUndangan(ctx context.Context, in *undanganInput) (*undanganOutput, error) {
	us, err := m.Undangan(ctx)
	if err != nil {
		return nil, err
	}
	out := &undanganOutput{}
	out.Body.Items = us
	return out, nil
}

func (m *Module) apiBukaMateriDesa(ctx context.Context, in *materiDesaInput) (*materiBerkasOutput, error) {
	mt, b, err := m.BukaMateriDesa(ctx, in.ID, in.MID)
	if err != nil {
		return nil, err
	}
	return materiUnduh(mt, b), nil
}
