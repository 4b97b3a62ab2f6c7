package pembinaan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// The follow-up points' API.

func tlOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

const tlAturan = "desa: kode desa yang diundang ke pembinaan itu (tidak dapat diganti sesudahnya); uraian 3–1000 karakter; " +
	"tenggat YYYY-MM-DD (tahun 2015–2100); status terbuka (bawaan), berjalan atau selesai. OPD hanya pada pembinaan OPD-nya sendiri, " +
	"kecamatan hanya pada pembinaan kecamatannya (pembinaan lain: 404)."

func (m *Module) registerTindakLanjut(api huma.API) {
	const sesi = "/wilayah/{kode}/pembinaan/{id}/tindak-lanjut"
	huma.Register(api, tlOp("list-pembinaan-tindak-lanjut", http.MethodGet, sesi, "Tindak lanjut satu pembinaan",
		"Semua tindak lanjut per desa dari pembinaan {id} yang diselenggarakan wilayah {kode}.", PermKelola), m.apiTLSesi)
	huma.Register(api, tlOp("create-pembinaan-tindak-lanjut", http.MethodPost, sesi, "Tambah tindak lanjut untuk desa yang diundang", tlAturan, PermKelola), m.apiTLBuat)
	huma.Register(api, tlOp("update-pembinaan-tindak-lanjut", http.MethodPut, sesi+"/{tid}", "Ubah tindak lanjut", tlAturan, PermKelola), m.apiTLUbah)
	huma.Register(api, tlOp("delete-pembinaan-tindak-lanjut", http.MethodDelete, sesi+"/{tid}", "Hapus tindak lanjut", "", PermKelola), m.apiTLHapus)
	huma.Register(api, tlOp("list-pembinaan-tindak-lanjut-wilayah", http.MethodGet, "/wilayah/{kode}/pembinaan/tindak-lanjut", "Tindak lanjut pembinaan di desa-desa wilayah",
		"Tindak lanjut semua desa kecamatan atau kabupaten {kode}, tenggat terdekat dahulu; saring dengan status dan terlambat.", PermBaca), m.apiTLWilayah)
	const desa = "/desa/{kode}/pembinaan/tindak-lanjut"
	huma.Register(api, tlOp("list-pembinaan-tindak-lanjut-desa", http.MethodGet, desa, "Tindak lanjut pembinaan desa",
		"Tindak lanjut desa {kode} dari semua pembinaan, tenggat terdekat dahulu; terlambat ditandai.", PermBaca), m.apiTLDesa)
	huma.Register(api, tlOp("report-pembinaan-tindak-lanjut", http.MethodPatch, desa+"/{tid}", "Laporkan kemajuan tindak lanjut",
		"Desa memperbarui status (terbuka, berjalan, selesai) dan catatan_desa (≤ 2000 karakter) tindak lanjutnya sendiri; uraian dan tenggat tetap.",
		PermTindakLanjut), m.apiTLLapor)
}

type tlSesiInput struct {
	Kode string `path:"kode" doc:"Kode kecamatan atau kabupaten penyelenggara" example:"51.02.06"`
	ID   string `path:"id" maxLength:"40" doc:"id pembinaan"`
}

type tlItemsOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []PembinaanTindakLanjut `json:"items"`
	}
}

func tlItems(ps []PembinaanTindakLanjut, err error) (*tlItemsOutput, error) {
	if err != nil {
		return nil, err
	}
	o := &tlItemsOutput{CacheControl: "private, no-store"}
	o.Body.Items = ps
	if o.Body.Items == nil {
		o.Body.Items = []PembinaanTindakLanjut{}
	}
	return o, nil
}

type tlOneOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         PembinaanTindakLanjut
}

func tlOne(p PembinaanTindakLanjut, err error) (*tlOneOutput, error) {
	if err != nil {
		return nil, err
	}
	return &tlOneOutput{CacheControl: "private, no-store", Body: p}, nil
}

func (m *Module) apiTLSesi(ctx context.Context, in *tlSesiInput) (*tlItemsOutput, error) {
	_, ps, err := m.DaftarTindakLanjutSesi(ctx, in.ID)
	return tlItems(ps, err)
}

type tlBuatInput struct {
	Kode string `path:"kode" example:"51.02.06"`
	ID   string `path:"id" maxLength:"40"`
	Body PembinaanTindakLanjutData
}

func (m *Module) apiTLBuat(ctx context.Context, in *tlBuatInput) (*tlOneOutput, error) {
	return tlOne(m.BuatTindakLanjut(ctx, in.ID, in.Body))
}

type tlUbahInput struct {
	Kode string `path:"kode" example:"51.02.06"`
	ID   string `path:"id" maxLength:"40"`
	TID  string `path:"tid" maxLength:"40" doc:"id tindak lanjut"`
	Body PembinaanTindakLanjutData
}

func (m *Module) apiTLUbah(ctx context.Context, in *tlUbahInput) (*tlOneOutput, error) {
	return tlOne(m.UbahTindakLanjut(ctx, in.ID, in.TID, in.Body))
}

type tlHapusInput struct {
	Kode string `path:"kode" example:"51.02.06"`
	ID   string `path:"id" maxLength:"40"`
	TID  string `path:"tid" maxLength:"40"`
}

func (m *Module) apiTLHapus(ctx context.Context, in *tlHapusInput) (*struct{}, error) {
	return nil, m.HapusTindakLanjut(ctx, in.ID, in.TID)
}

type tlWilayahInput struct {
	Kode      string `path:"kode" doc:"Kode kecamatan atau kabupaten" example:"51.02.06"`
	Status    string `query:"status" enum:"terbuka,berjalan,selesai," doc:"Kosong: semua"`
	Terlambat bool   `query:"terlambat" doc:"Hanya yang lewat tenggat dan belum selesai"`
}

func (m *Module) apiTLWilayah(ctx context.Context, in *tlWilayahInput) (*tlItemsOutput, error) {
	return tlItems(m.DaftarTindakLanjut(ctx, in.Status, in.Terlambat))
}

type tlDesaInput struct {
	Kode      string `path:"kode" doc:"Kode desa" example:"51.02.06.2001"`
	Status    string `query:"status" enum:"terbuka,berjalan,selesai," doc:"Kosong: semua"`
	Terlambat bool   `query:"terlambat" doc:"Hanya yang lewat tenggat dan belum selesai"`
}

func (m *Module) apiTLDesa(ctx context.Context, in *tlDesaInput) (*tlItemsOutput, error) {
	return tlItems(m.DaftarTindakLanjut(ctx, in.Status, in.Terlambat))
}

type tlLaporInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	TID  string `path:"tid" maxLength:"40" doc:"id tindak lanjut"`
	Body PembinaanTindakLanjutLaporan
}

func (m *Module) apiTLLapor(ctx context.Context, in *tlLaporInput) (*tlOneOutput, error) {
	return tlOne(m.LaporTindakLanjut(ctx, in.TID, in.Body))
}
