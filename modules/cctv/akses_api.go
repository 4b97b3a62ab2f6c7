package cctv

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// API of the akses part: a camera's access list, opening its live link,
// and the desa's view log.

func (m *Module) registerAksesAPI(api huma.API) {
	huma.Register(api, apiOp("get-cctv-akses", http.MethodGet, kameraAPI+"/{id}/akses",
		"Daftar akses tautan langsung kamera",
		"Siapa yang boleh membuka tautan langsung kamera: role:<peran> (perbekel, sekdes, camat, bupati, opd), "+
			"opd:<KODE OPD> atau kabupaten:command_centre (pengguna OPD Diskominfo, pengelola command centre kabupaten). "+
			"Daftar kosong berarti hanya perbekel dan sekdes desa ini yang boleh membukanya.", PermKelola), m.apiGetAkses)
	huma.Register(api, apiOp("put-cctv-akses", http.MethodPut, kameraAPI+"/{id}/akses",
		"Ganti daftar akses tautan langsung kamera",
		"Mengganti seluruh daftar dalam satu transaksi (tercatat di audit). Paling banyak 60 penerima; penerima yang sama "+
			"ditulis sekali. Daftar kosong berarti hanya perbekel dan sekdes desa ini yang boleh membuka tautan.", PermKelola), m.apiPutAkses)
	huma.Register(api, apiOp("post-cctv-lihat", http.MethodPost, kameraAPI+"/{id}/lihat",
		"Buka tautan langsung kamera",
		"Hanya untuk pengguna yang disebut daftar akses kamera (perannya di desa atau wilayah di atasnya, OPD-nya, atau "+
			"command centre); selain itu 403. Setiap pembukaan dicatat (catatan akses dan audit). Kamera nonaktif tidak punya "+
			"tautan (409). Jawaban memuat kredensial: jangan disimpan; Idempotency-Key tidak diterima di sini.", PermLihat), m.apiPostLihat)
	huma.Register(api, apiOp("list-cctv-lihat", http.MethodGet, "/desa/{kode}/cctv/lihat",
		"Catatan akses tautan langsung",
		"Siapa membuka tautan langsung kamera mana dan kapan, terbaru dahulu. Saring dengan kamera=<id>. "+
			"Lanjutkan dengan next_cursor sampai kosong.", PermKelola), m.apiListLihat)
}

type aksesOutput struct{ Body AksesKamera }

func (m *Module) apiGetAkses(ctx context.Context, in *kameraPath) (*aksesOutput, error) {
	a, err := m.BacaAkses(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &aksesOutput{Body: a}, nil
}

// AksesUbah is a camera's new access list.
type AksesUbah struct {
	Penerima []string `json:"penerima" maxItems:"60" doc:"Penerima akses; kosong: hanya perbekel dan sekdes desa ini" example:"[\"opd:SATPOLPP\",\"role:camat\"]"`
}

type putAksesInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id kamera"`
	Body AksesUbah
}

func (m *Module) apiPutAkses(ctx context.Context, in *putAksesInput) (*aksesOutput, error) {
	a, err := m.SimpanAkses(ctx, in.ID, in.Body.Penerima)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &aksesOutput{Body: a}, nil
}

type postLihatInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id kamera"`
	IdemKey string `header:"Idempotency-Key" doc:"Tidak diterima: jawaban yang memuat kredensial tidak boleh disimpan untuk diulang"`
}

type tautanOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         TautanKamera
}

func (m *Module) apiPostLihat(ctx context.Context, in *postLihatInput) (*tautanOutput, error) {
	if in.IdemKey != "" {
		return nil, fault.Field("header.Idempotency-Key", "Idempotency-Key tidak diterima untuk membuka tautan langsung: setiap pembukaan dicatat sendiri.")
	}
	t, err := m.BukaTautan(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &tautanOutput{CacheControl: "no-store", Body: t}, nil
}

type listLihatInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Kamera string `query:"kamera" maxLength:"36" doc:"Hanya pembukaan kamera ini (id)"`
}

type lihatPageOutput struct{ Body page.Page[LihatBaris] }

func (m *Module) apiListLihat(ctx context.Context, in *listLihatInput) (*lihatPageOutput, error) {
	p, err := m.CatatanLihat(ctx, in.Kamera, in.Cursor, in.Size())
	if err != nil {
		if fault.Is(err, fault.NotFound) && in.Kamera != "" {
			return nil, fault.Field("query.kamera", "Kamera tidak ditemukan di desa ini.")
		}
		return nil, err
	}
	return &lihatPageOutput{Body: p}, nil
}
