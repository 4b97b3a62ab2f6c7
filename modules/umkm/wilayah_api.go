package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type ringkasanInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kecamatan atau kabupaten" example:"51.02.06"`
}

type ringkasanOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         UmkmRingkasanWilayah
}

// registerWilayah adds GET /api/v1/wilayah/{kode}/umkm.
func (m *Module) registerWilayah(api huma.API) {
	huma.Register(api, apiOp("umkm", "get-wilayah-umkm", http.MethodGet, "/wilayah/{kode}/umkm",
		"UMKM dan BUMDes setiap desa di kecamatan atau kabupaten",
		"Angka per desa tanpa data pribadi: UMKM aktif dan tutup, UMKM aktif per skala (PP 7/2021), yang punya NIB "+
			"(jumlah dan basis poin), dan BUMDes (nama, badan hukum, klasifikasi, omzet dan kontribusi PADes tahun terakhir "+
			"yang dicatat). Setiap desa wilayah tercantum (kelurahan tidak), yang belum mencatat dengan nol; untuk kabupaten "+
			"juga subjumlah per kecamatan, dan jumlah seluruh wilayah. Daftar UMKM dengan pemilik tersamar dan unduhan XLSX "+
			"ada di halaman /wilayah/{kode}/umkm.",
		PermRingkasan), m.apiRingkasan)
}

func (m *Module) apiRingkasan(ctx context.Context, in *ringkasanInput) (*ringkasanOutput, error) {
	kode, err := tenancy.ParseKode(in.Kode)
	if err != nil || (kode.Level() != tenancy.Kecamatan && kode.Level() != tenancy.Kabupaten) {
		return nil, fault.New(fault.NotFound, "Wilayah tidak ditemukan: gunakan kode kecamatan atau kabupaten.")
	}
	r, err := m.Ringkasan(ctx, kode)
	if err != nil {
		return nil, err
	}
	return &ringkasanOutput{CacheControl: "private, no-store", Body: r}, nil
}
