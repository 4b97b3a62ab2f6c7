package umkm

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// API of the foto part: an UMKM's photos (list, upload, delete) and a
// product's photo (set or replace, delete). Uploads are multipart forms
// with the file in the field "berkas", through the same ProsesFoto and
// store as the pages.

const (
	fotoAPI       = "/desa/{kode}/umkm/{id}/foto"
	fotoProdukAPI = "/desa/{kode}/umkm/{id}/produk/{pid}/foto"
	// fotoMaksBody is the upload's body limit: the photo and the
	// multipart envelope.
	fotoMaksBody = MaksFotoByte + 64<<10
)

const fotoAturan = "Berkas JPEG atau PNG (dikenali dari isinya, bukan namanya) di kolom multipart \"berkas\", maksimal 8 MB " +
	"dan 40 megapiksel. Foto diputar sesuai orientasi EXIF, lalu disimpan ulang sebagai JPEG (sisi terpanjang ≤ 1.600 px, " +
	"miniatur ≤ 320 px) tanpa metadata apa pun: EXIF, lokasi GPS dan nama kamera terhapus. PNG transparan diberi latar putih."

func (m *Module) registerFotoAPI(api huma.API) {
	huma.Register(api, apiOp("umkm", "list-umkm-foto", http.MethodGet, fotoAPI, "Foto UMKM",
		"Foto usaha, terlama dahulu (paling banyak 8), masing-masing dengan alamat gambar dan miniaturnya. url dan url_kecil "+
			"dibuka dengan sesi masuk; url_publik hanya ada selama UMKM aktif dan dapat dibuka siapa saja.", PermRead), m.apiListFoto)
	upload := apiOp("umkm", "create-umkm-foto", http.MethodPost, fotoAPI, "Unggah foto UMKM",
		fotoAturan+" Paling banyak 8 foto per UMKM: foto kesembilan ditolak (422).", PermTulis)
	upload.MaxBodyBytes = fotoMaksBody
	upload.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, fotoMaksBody, fault.Field(fotoFieldBerkas, "%s", fotoPesanTerlaluBesar))}
	huma.Register(api, upload, m.apiTambahFoto)
	huma.Register(api, apiOp("umkm", "delete-umkm-foto", http.MethodDelete, fotoAPI+"/{fid}", "Hapus foto UMKM",
		"Foto dan miniaturnya terhapus.", PermTulis), m.apiHapusFoto)
	put := apiOp("umkm", "put-umkm-produk-foto", http.MethodPut, fotoProdukAPI, "Pasang atau ganti foto produk",
		fotoAturan+" Satu foto per produk: foto lama diganti.", PermTulis)
	put.MaxBodyBytes = fotoMaksBody
	put.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, fotoMaksBody, fault.Field(fotoFieldBerkas, "%s", fotoPesanTerlaluBesar))}
	huma.Register(api, put, m.apiGantiFotoProduk)
	huma.Register(api, apiOp("umkm", "delete-umkm-produk-foto", http.MethodDelete, fotoProdukAPI, "Hapus foto produk",
		"Produk tanpa foto dijawab 404.", PermTulis), m.apiHapusFotoProduk)
}

// FotoView is an UMKM photo as the API shows it.
type FotoView struct {
	ID             string    `json:"id"`
	UmkmID         string    `json:"umkm_id"`
	URL            string    `json:"url" doc:"Gambar (sisi terpanjang ≤ 1.600 px); dibuka dengan sesi masuk"`
	URLKecil       string    `json:"url_kecil" doc:"Miniatur (sisi terpanjang ≤ 320 px); dibuka dengan sesi masuk"`
	URLPublik      string    `json:"url_publik,omitempty" doc:"Alamat katalog publik; hanya selama UMKM aktif"`
	URLPublikKecil string    `json:"url_publik_kecil,omitempty"`
	Dibuat         time.Time `json:"dibuat"`
}

func fotoView(desa tenancy.Kode, u Umkm, f Foto) FotoView {
	v := FotoView{ID: f.ID, UmkmID: f.UmkmID, Dibuat: f.CreatedAt,
		URL: FotoURL(false, string(desa), f.UmkmID, f.ID, false), URLKecil: FotoURL(false, string(desa), f.UmkmID, f.ID, true)}
	if u.Status == StatusAktif {
		v.URLPublik, v.URLPublikKecil = FotoURL(true, string(desa), f.UmkmID, f.ID, false), FotoURL(true, string(desa), f.UmkmID, f.ID, true)
	}
	return v
}

// ProdukFotoView is a product's photo as the API shows it.
type ProdukFotoView struct {
	ProdukID       string    `json:"produk_id"`
	UmkmID         string    `json:"umkm_id"`
	URL            string    `json:"url" doc:"Gambar; dibuka dengan sesi masuk"`
	URLKecil       string    `json:"url_kecil" doc:"Miniatur; dibuka dengan sesi masuk"`
	URLPublik      string    `json:"url_publik,omitempty" doc:"Alamat katalog publik; hanya selama UMKM aktif"`
	URLPublikKecil string    `json:"url_publik_kecil,omitempty"`
	Diubah         time.Time `json:"diubah"`
}

type fotoListInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id UMKM"`
	page.Params
}

// fotoKunciHalaman is the cursor of the photo list.
type fotoKunciHalaman struct {
	Dibuat time.Time `json:"d"`
	ID     string    `json:"id"`
}

type fotoPageOutput struct{ Body page.Page[FotoView] }

func (m *Module) apiListFoto(ctx context.Context, in *fotoListInput) (*fotoPageOutput, error) {
	var after fotoKunciHalaman
	has, err := page.Decode(in.Cursor, &after)
	if err != nil {
		return nil, err
	}
	if has && after.ID == "" {
		return nil, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	limit := in.Size()
	var (
		u    Umkm
		rows []Foto
	)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if u, err = fotoCariUmkm(ctx, tx, in.ID, false); err != nil {
			return err
		}
		var a *fotoKunciHalaman
		if has {
			a = &after
		}
		rows, err = fotoDaftar(ctx, tx, in.ID, a, limit)
		return err
	})
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	p := page.Of(rows, limit, func(f Foto) fotoKunciHalaman { return fotoKunciHalaman{Dibuat: f.CreatedAt, ID: f.ID} })
	out := page.Page[FotoView]{Items: make([]FotoView, len(p.Items)), NextCursor: p.NextCursor}
	for i, f := range p.Items {
		out.Items[i] = fotoView(t.Kode, u, f)
	}
	return &fotoPageOutput{Body: out}, nil
}

type fotoBerkasForm struct {
	Berkas huma.FormFile `form:"berkas" required:"true" doc:"Foto JPEG atau PNG, maksimal 8 MB dan 40 megapiksel"`
}

type fotoUnggahInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id UMKM"`
	RawBody huma.MultipartFormFiles[fotoBerkasForm]
}

type fotoOutput struct{ Body FotoView }

// fotoBacaBerkas reads an uploaded file whole, at most MaksFotoByte.
func fotoBacaBerkas(r io.Reader) ([]byte, error) { return gambar.Baca(r, MaksFotoByte) }

func (m *Module) apiBerkas(in huma.MultipartFormFiles[fotoBerkasForm]) ([]byte, error) {
	f := in.Data().Berkas
	if f.File == nil {
		return nil, fault.Field(fotoFieldBerkas, fotoPesanKosong)
	}
	defer f.Close()
	if f.Size > MaksFotoByte {
		return nil, fault.Field(fotoFieldBerkas, "%s", fotoPesanTerlaluBesar)
	}
	return fotoBacaBerkas(f)
}

func fotoOleh(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "anon"
}

func (m *Module) apiTambahFoto(ctx context.Context, in *fotoUnggahInput) (*fotoOutput, error) {
	b, err := m.apiBerkas(in.RawBody)
	if err != nil {
		return nil, err
	}
	f, err := m.TambahFoto(ctx, in.ID, b, fotoOleh(ctx))
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	var u Umkm
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err = fotoCariUmkm(ctx, tx, in.ID, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &fotoOutput{Body: fotoView(t.Kode, u, f)}, nil
}

type fotoHapusInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id UMKM"`
	FID  string `path:"fid" doc:"Id foto"`
}

func (m *Module) apiHapusFoto(ctx context.Context, in *fotoHapusInput) (*struct{}, error) {
	return nil, m.HapusFoto(ctx, in.ID, in.FID)
}

type fotoProdukPath struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id UMKM"`
	PID  string `path:"pid" doc:"Id produk"`
}

type fotoProdukInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id UMKM"`
	PID     string `path:"pid" doc:"Id produk"`
	RawBody huma.MultipartFormFiles[fotoBerkasForm]
}

type fotoProdukOutput struct{ Body ProdukFotoView }

func (m *Module) apiGantiFotoProduk(ctx context.Context, in *fotoProdukInput) (*fotoProdukOutput, error) {
	b, err := m.apiBerkas(in.RawBody)
	if err != nil {
		return nil, err
	}
	p, err := m.GantiFotoProduk(ctx, in.ID, in.PID, b, fotoOleh(ctx))
	if err != nil {
		return nil, err
	}
	var u Umkm
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err = fotoCariUmkm(ctx, tx, in.ID, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	d := string(t.Kode)
	v := ProdukFotoView{ProdukID: p.ID, UmkmID: p.UmkmID, Diubah: p.UpdatedAt,
		URL: ProdukFotoURL(false, d, p.UmkmID, p.ID, false), URLKecil: ProdukFotoURL(false, d, p.UmkmID, p.ID, true)}
	if u.Status == StatusAktif {
		v.URLPublik, v.URLPublikKecil = ProdukFotoURL(true, d, p.UmkmID, p.ID, false), ProdukFotoURL(true, d, p.UmkmID, p.ID, true)
	}
	return &fotoProdukOutput{Body: v}, nil
}

func (m *Module) apiHapusFotoProduk(ctx context.Context, in *fotoProdukPath) (*struct{}, error) {
	return nil, m.HapusFotoProduk(ctx, in.ID, in.PID, fotoOleh(ctx))
}
