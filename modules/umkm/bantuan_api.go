package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// API of the assistance an UMKM received.

func (m *Module) registerBantuanAPI(api huma.API) {
	base := umkmAPI + "/{id}/bantuan"
	huma.Register(api, apiOp("umkm", "list-umkm-bantuan", http.MethodGet, base, "Bantuan yang diterima UMKM",
		"Semua bantuan, tahun terbaru dahulu; satu UMKM paling banyak 100 catatan bantuan, jadi daftarnya satu halaman.", PermRead),
		m.apiListBantuan)
	huma.Register(api, apiOp("umkm", "create-umkm-bantuan", http.MethodPost, base, "Catat bantuan",
		"opd_kode kode OPD pemberi (1–40 karakter, mis. DISKOPUKM, DISPERINDAG, DPMD, DISNAKER, DISPAR); tahun 2000 sampai "+
			"tahun berjalan; uraian 3–500 karakter. Paling banyak 100 per UMKM (409 bila penuh).", PermTulis), m.apiCreateBantuan)
	huma.Register(api, apiOp("umkm", "delete-umkm-bantuan", http.MethodDelete, base+"/{bid}", "Hapus catatan bantuan",
		"Catatan bantuan dihapus; jejak audit mencatat penghapusannya.", PermTulis), m.apiDeleteBantuan)
}

// BantuanDaftar is every assistance an UMKM received.
type BantuanDaftar struct {
	Items []Bantuan `json:"items"`
}

type bantuanListOutput struct{ Body BantuanDaftar }

func (m *Module) apiListBantuan(ctx context.Context, in *produkListInput) (*bantuanListOutput, error) {
	bs, err := m.DaftarBantuan(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &bantuanListOutput{Body: BantuanDaftar{Items: bs}}, nil
}

type bantuanCreateInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	Body BantuanData
}

type bantuanOutput struct{ Body Bantuan }

func (m *Module) apiCreateBantuan(ctx context.Context, in *bantuanCreateInput) (*bantuanOutput, error) {
	b, err := m.TambahBantuan(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &bantuanOutput{Body: b}, nil
}

type bantuanIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id UMKM (UUID)"`
	BID  string `path:"bid" maxLength:"64" doc:"Id catatan bantuan (UUID)"`
}

func (m *Module) apiDeleteBantuan(ctx context.Context, in *bantuanIDInput) (*struct{}, error) {
	return nil, m.HapusBantuan(ctx, in.ID, in.BID)
}
