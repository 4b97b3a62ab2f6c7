package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// API of an UMKM's products.

func (m *Module) registerProdukAPI(api huma.API) {
	base := umkmAPI + "/{id}/produk"
	huma.Register(api, apiOp("umkm", "list-umkm-produk", http.MethodGet, base, "Produk UMKM",
		"Semua produk UMKM, urut nama; satu UMKM paling banyak 100 produk, jadi daftarnya satu halaman.", PermRead), m.apiListProduk)
	huma.Register(api, apiOp("umkm", "create-umkm-produk", http.MethodPost, base, "Tambah produk",
		"Nama 2–100 karakter; harga 0 sampai Rp 1 triliun per satuan (rupiah bulat); satuan 1–20 karakter. "+
			"Paling banyak 100 produk per UMKM (409 bila penuh). Foto produk diunggah terpisah.", PermTulis), m.apiCreateProduk)
	huma.Register(api, apiOp("umkm", "update-umkm-produk", http.MethodPut, base+"/{pid}", "Ubah produk",
		"Aturan isian sama dengan penambahan.", PermTulis), m.apiUpdateProduk)
	huma.Register(api, apiOp("umkm", "delete-umkm-produk", http.MethodDelete, base+"/{pid}", "Hapus produk",
		"Produk dan fotonya dihapus.", PermTulis), m.apiDeleteProduk)
}

type produkListInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
}

// ProdukDaftar is every product of an UMKM.
type ProdukDaftar struct {
	Items []ProdukView `json:"items"`
}

type produkListOutput struct{ Body ProdukDaftar }

func (m *Module) apiListProduk(ctx context.Context, in *produkListInput) (*produkListOutput, error) {
	ps, err := m.DaftarProduk(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	return &produkListOutput{Body: ProdukDaftar{Items: produkViews(string(t.Kode), ps)}}, nil
}

type produkCreateInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	Body ProdukData
}

type produkOutput struct{ Body ProdukView }

func (m *Module) apiCreateProduk(ctx context.Context, in *produkCreateInput) (*produkOutput, error) {
	p, err := m.TambahProduk(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &produkOutput{Body: ProdukView{Produk: p}}, nil
}

type produkUpdateInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	PID  string `path:"pid" maxLength:"64" doc:"Id produk (UUID)"`
	Body ProdukData
}

func (m *Module) apiUpdateProduk(ctx context.Context, in *produkUpdateInput) (*produkOutput, error) {
	p, err := m.UbahProduk(ctx, in.ID, in.PID, in.Body)
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	return &produkOutput{Body: produkViews(string(t.Kode), []Produk{p})[0]}, nil
}

type produkIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	PID  string `path:"pid" maxLength:"64" doc:"Id produk (UUID)"`
}

func (m *Module) apiDeleteProduk(ctx context.Context, in *produkIDInput) (*struct{}, error) {
	if _, err := m.HapusProduk(ctx, in.ID, in.PID); err != nil {
		return nil, err
	}
	return nil, nil
}
