package umkm

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// API of the umkm part: the registry, its products and the assistance
// each UMKM received.

const umkmAPI = "/desa/{kode}/umkm"

const aturanPemilik = "Nama pemilik tampil lengkap hanya bagi pemegang izin umkm pribadi (perangkat desa yang mengelola UMKM), " +
	"disamarkan bagi yang lain; NIK selalu disamarkan (pemilik_nik). pribadi=true menambahkan pemilik_nik_lengkap: " +
	"hanya bagi pemegang izin umkm pribadi (selain itu 403) dan tercatat di jejak audit (UU PDP 27/2022 Pasal 31)."

func (m *Module) registerUmkmAPI(api huma.API) {
	huma.Register(api, apiOp("umkm", "list-umkm", http.MethodGet, umkmAPI, "Daftar UMKM desa",
		"UMKM desa urut nama. Saring dengan q (setiap kata harus cocok dengan nama usaha atau nama salah satu produknya), "+
			"sektor (kategori KBLI A–U), skala dan status. Lanjutkan dengan next_cursor sampai kosong. "+aturanPemilik, PermRead),
		m.apiListUmkm)
	huma.Register(api, apiOp("umkm", "create-umkm", http.MethodPost, umkmAPI, "Daftarkan UMKM",
		"Nama usaha 2–100 karakter; pemilik 3–100 karakter dengan NIK 16 angka; NIB 13 angka dan NPWP 15/16 angka (boleh kosong); "+
			"KBLI 5 angka menentukan sektor (kategori), atau sektor dipilih bila KBLI kosong; tenaga kerja 0–10.000; skala "+
			"mikro, kecil atau menengah (PP 7/2021); WhatsApp nomor HP Indonesia, disimpan +628…; status aktif (bawaan) atau tutup. "+
			"NIB unik di desa.", PermTulis), m.apiCreateUmkm)
	huma.Register(api, apiOp("umkm", "get-umkm", http.MethodGet, umkmAPI+"/{id}", "Satu UMKM",
		"Dengan produk, bantuan yang diterima dan foto. "+aturanPemilik, PermRead), m.apiGetUmkm)
	huma.Register(api, apiOp("umkm", "update-umkm", http.MethodPut, umkmAPI+"/{id}", "Ubah UMKM",
		"Aturan isian sama dengan pendaftaran. Kirim diubah persis seperti yang dibaca: bila UMKM sudah diubah orang lain "+
			"sejak itu, perubahan ditolak dengan 409. pemilik_nik kosong atau berupa NIK tersamar (seperti yang dibaca) "+
			"mempertahankan NIK tersimpan; begitu pula nama pemilik tersamar.", PermTulis), m.apiUpdateUmkm)
	m.registerProdukAPI(api)
	m.registerBantuanAPI(api)
}

// UmkmView is an UMKM as the API answers it.
type UmkmView struct {
	Umkm
	FotoID            string `json:"foto_id,omitempty" doc:"Foto pertama (sampul); kosong bila belum ada"`
	PemilikNIKLengkap string `json:"pemilik_nik_lengkap,omitempty" doc:"NIK pemilik lengkap: hanya dengan pribadi=true"`
}

// tampilan is how the reader of ctx may see the owners: in full (name)
// and, when pribadi was asked (and allowed, and recorded), the full NIK.
type tampilan struct{ penuh, nik bool }

func (t tampilan) umkm(u Umkm, fotoID string) UmkmView {
	v := UmkmView{Umkm: u, FotoID: fotoID}
	if !t.penuh {
		v.Umkm = u.Tersamar()
	}
	if t.nik {
		v.PemilikNIKLengkap = u.PemilikNIK.Full()
	}
	return v
}

// tampilanAPI decides the view of an API read; pribadi=true needs
// PermPribadi and is recorded under action with the request's path.
func (m *Module) tampilanAPI(ctx context.Context, pribadi bool, action, object string) (tampilan, error) {
	penuh, err := m.bolehPribadi(ctx)
	if err != nil {
		return tampilan{}, err
	}
	if !pribadi {
		return tampilan{penuh: penuh}, nil
	}
	if !penuh {
		return tampilan{}, fault.New(fault.Forbidden, "Data pribadi pemilik UMKM hanya untuk perangkat desa yang mengelola UMKM.")
	}
	if err := m.catatPribadi(ctx, action, object); err != nil {
		return tampilan{}, err
	}
	return tampilan{penuh: true, nik: true}, nil
}

func objekAPI(ctx context.Context, rest string) string {
	t, _ := tenancy.From(ctx)
	return "/api/v1/desa/" + string(t.Kode) + "/umkm" + rest
}

type listUmkmInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Q       string `query:"q" maxLength:"100" doc:"Kata dari nama usaha atau nama produk"`
	Sektor  string `query:"sektor" maxLength:"1" doc:"Kategori KBLI 2020, A–U"`
	Skala   string `query:"skala" enum:"mikro,kecil,menengah" doc:"Skala usaha (PP 7/2021)"`
	Status  string `query:"status" enum:"aktif,tutup" doc:"Kosong: semua"`
	Pribadi bool   `query:"pribadi" doc:"true: sertakan NIK pemilik lengkap (izin umkm pribadi; tercatat)"`
}

type umkmPageOutput struct{ Body page.Page[UmkmView] }

func (m *Module) apiListUmkm(ctx context.Context, in *listUmkmInput) (*umkmPageOutput, error) {
	q := UmkmQuery{Params: in.Params, Q: in.Q, Sektor: in.Sektor, Skala: in.Skala, Status: in.Status}
	if err := q.cek(); err != nil {
		return nil, err
	}
	tv, err := m.tampilanAPI(ctx, in.Pribadi, "list-umkm-pribadi", objekAPI(ctx, ""))
	if err != nil {
		return nil, err
	}
	p, err := m.ListUmkm(ctx, q)
	if err != nil {
		return nil, err
	}
	out := page.Page[UmkmView]{Items: make([]UmkmView, 0, len(p.Items)), NextCursor: p.NextCursor}
	for _, b := range p.Items {
		out.Items = append(out.Items, tv.umkm(b.Umkm, b.FotoID))
	}
	return &umkmPageOutput{Body: out}, nil
}

type createUmkmInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body UmkmData
}

type umkmOutput struct{ Body UmkmView }

func (m *Module) apiCreateUmkm(ctx context.Context, in *createUmkmInput) (*umkmOutput, error) {
	u, err := m.TambahUmkm(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	return m.umkmTulisOutput(ctx, u)
}

// umkmTulisOutput answers a write with the UMKM as its writer may see it
// (the NIK masked: the writer sent it).
func (m *Module) umkmTulisOutput(ctx context.Context, u Umkm) (*umkmOutput, error) {
	penuh, err := m.bolehPribadi(ctx)
	if err != nil {
		return nil, err
	}
	return &umkmOutput{Body: tampilan{penuh: penuh}.umkm(u, "")}, nil
}

type umkmIDInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	Pribadi bool   `query:"pribadi" doc:"true: sertakan NIK pemilik lengkap (izin umkm pribadi; tercatat)"`
}

// ProdukView is a product with its photo's address when it has one.
type ProdukView struct {
	Produk
	FotoURL string `json:"foto_url,omitempty"`
}

// UmkmLengkap is an UMKM with its products, assistance and photos.
type UmkmLengkap struct {
	UmkmView
	Produk  []ProdukView `json:"produk"`
	Bantuan []Bantuan    `json:"bantuan"`
	Foto    []FotoView   `json:"foto"`
}

type umkmLengkapOutput struct{ Body UmkmLengkap }

func produkViews(desa string, ps []Produk) []ProdukView {
	out := make([]ProdukView, 0, len(ps))
	for _, p := range ps {
		v := ProdukView{Produk: p}
		if p.FotoKey != "" {
			v.FotoURL = ProdukFotoURL(false, desa, p.UmkmID, p.ID, false)
		}
		out = append(out, v)
	}
	return out
}

func (m *Module) apiGetUmkm(ctx context.Context, in *umkmIDInput) (*umkmLengkapOutput, error) {
	d, err := m.LihatUmkm(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	tv, err := m.tampilanAPI(ctx, in.Pribadi, "get-umkm-pribadi", objekAPI(ctx, "/"+d.Umkm.ID))
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	desa := string(t.Kode)
	out := UmkmLengkap{Produk: produkViews(desa, d.Produk), Bantuan: d.Bantuan, Foto: []FotoView{}}
	sampul := ""
	for _, f := range d.Foto {
		if sampul == "" {
			sampul = f.ID
		}
		out.Foto = append(out.Foto, fotoView(t.Kode, d.Umkm, f))
	}
	out.UmkmView = tv.umkm(d.Umkm, sampul)
	return &umkmLengkapOutput{Body: out}, nil
}

// UmkmUbah is the body of PUT: the data and the time it was read.
type UmkmUbah struct {
	UmkmData
	Diubah time.Time `json:"diubah" required:"false" doc:"diubah dari UMKM yang dibaca (kendali perubahan bersamaan)"`
}

type updateUmkmInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	Body UmkmUbah
}

func (m *Module) apiUpdateUmkm(ctx context.Context, in *updateUmkmInput) (*umkmOutput, error) {
	u, err := m.UbahUmkm(ctx, in.ID, in.Body.UmkmData, in.Body.Diubah)
	if err != nil {
		return nil, err
	}
	return m.umkmTulisOutput(ctx, u)
}
