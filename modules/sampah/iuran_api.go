package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// API of the iuran part.

func (m *Module) registerIuranAPI(api huma.API) {
	base := "/desa/{kode}/sampah/iuran"
	huma.Register(api, apiOp("list-sampah-iuran-kelas", http.MethodGet, base+"/kelas",
		"Kelas iuran kebersihan", "Kelas rumah tangga dan tarif iuran per bulan, yang aktif lebih dulu.", PermNasabah), m.apiListKelasIuran)
	huma.Register(api, apiOp("create-sampah-iuran-kelas", http.MethodPost, base+"/kelas",
		"Tambah kelas iuran", "Nama 3–60 karakter dan unik di desa; tarif Rp 0 sampai Rp 10.000.000 per bulan.", PermKelola), m.apiCreateKelasIuran)
	huma.Register(api, apiOp("update-sampah-iuran-kelas", http.MethodPut, base+"/kelas/{id}",
		"Ubah kelas iuran", "Tarif baru hanya berlaku untuk tagihan yang diterbitkan sesudahnya; tagihan yang sudah terbit tidak berubah.", PermKelola), m.apiUpdateKelasIuran)
	huma.Register(api, apiOp("list-sampah-iuran-rumah", http.MethodGet, base+"/rumah",
		"Rumah tangga wajib iuran", "Urut nama kepala keluarga. q mencari kata pada nama, dusun atau alamat; dusun menyaring satu dusun. Lanjutkan dengan next_cursor sampai kosong.", PermNasabah), m.apiListRumahIuran)
	huma.Register(api, apiOp("create-sampah-iuran-rumah", http.MethodPost, base+"/rumah",
		"Daftarkan rumah tangga", "Nama kepala keluarga 3–100 karakter, dusun paling banyak 60, alamat paling banyak 200; kelas harus ada dan aktif; bulan mulai TTTT-BB, tidak setelah bulan berjalan.", PermEntri), m.apiCreateRumahIuran)
	huma.Register(api, apiOp("update-sampah-iuran-rumah", http.MethodPut, base+"/rumah/{id}",
		"Ubah rumah tangga", "Aturan sama dengan pendaftaran; aktif=false menghentikan tagihan bulan berikutnya.", PermEntri), m.apiUpdateRumahIuran)
	huma.Register(api, apiOp("terbitkan-sampah-iuran-tagihan", http.MethodPost, base+"/tagihan",
		"Terbitkan tagihan satu bulan", "Menagih setiap rumah tangga aktif yang mulai pada atau sebelum bulan itu dan belum ditagih, sebesar tarif kelasnya saat ini. "+
			"Diulang tidak menambah apa pun. Periode TTTT-BB dari 2000-01 sampai bulan berjalan.", PermKelola), m.apiTerbitkanTagihan)
	huma.Register(api, apiOp("list-sampah-iuran-tagihan", http.MethodGet, base+"/tagihan",
		"Tagihan satu bulan", "Setiap tagihan bulan itu dengan nama kepala keluarga, jumlah dan yang sudah dibayar.", PermNasabah), m.apiListTagihan)
	huma.Register(api, apiOp("bayar-sampah-iuran", http.MethodPost, base+"/bayar",
		"Catat pembayaran iuran", "Satu tagihan; jumlah Rp 1 sampai sisa tagihan (tidak boleh lebih bayar); tanggal tidak di masa depan. Pembayaran tidak pernah diubah.", PermEntri), m.apiBayarIuran)
	huma.Register(api, apiOp("koreksi-sampah-iuran-bayar", http.MethodPost, base+"/bayar/{id}/koreksi",
		"Balik pembayaran iuran", "Mencatat pembayaran pembalik (jumlah negatif) yang menyebut pembayaran asal, dengan alasan 3–200 karakter. Satu pembayaran hanya dapat dibalik sekali.", PermEntri), m.apiKoreksiBayar)
	huma.Register(api, apiOp("list-sampah-iuran-tunggakan", http.MethodGet, base+"/tunggakan",
		"Daftar tunggakan iuran", "Per rumah tangga: bulan yang belum lunas, banyaknya dan sisa seluruhnya. urut=jumlah (bawaan), bulan atau nama; dusun menyaring satu dusun.", PermNasabah), m.apiTunggakan)
	huma.Register(api, apiOp("get-sampah-iuran-ringkasan", http.MethodGet, base+"/ringkasan",
		"Ringkasan iuran per bulan", "Jumlah rumah tangga ditagih, total tagihan, terkumpul dan tunggakan per bulan dalam satu tahun; tanpa nama.", PermRead), m.apiRingkasanIuran)
}

type iuranKodeInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
}

type iuranListOutput[T any] struct {
	Body struct {
		Items []T `json:"items"`
	}
}

func (m *Module) apiListKelasIuran(ctx context.Context, _ *iuranKodeInput) (*iuranListOutput[KelasIuran], error) {
	ks, err := m.ListKelasIuran(ctx)
	out := &iuranListOutput[KelasIuran]{}
	out.Body.Items = ks
	if out.Body.Items == nil {
		out.Body.Items = []KelasIuran{}
	}
	return out, err
}

type kelasIuranInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body KelasIuranBaru
}

type kelasIuranIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id kelas"`
	Body KelasIuranBaru
}

type kelasIuranOutput struct{ Body KelasIuran }

func (m *Module) apiCreateKelasIuran(ctx context.Context, in *kelasIuranInput) (*kelasIuranOutput, error) {
	k, err := m.SimpanKelasIuran(ctx, "", in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &kelasIuranOutput{Body: k}, nil
}

func (m *Module) apiUpdateKelasIuran(ctx context.Context, in *kelasIuranIDInput) (*kelasIuranOutput, error) {
	if err := cekID(in.ID, "Kelas iuran"); err != nil {
		return nil, err
	}
	k, err := m.SimpanKelasIuran(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &kelasIuranOutput{Body: k}, nil
}

type listRumahIuranInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Q     string `query:"q" maxLength:"100" doc:"Kata pada nama, dusun atau alamat"`
	Dusun string `query:"dusun" maxLength:"60" doc:"Satu dusun saja"`
}

type rumahIuranPageOutput struct{ Body page.Page[RumahIuran] }

func (m *Module) apiListRumahIuran(ctx context.Context, in *listRumahIuranInput) (*rumahIuranPageOutput, error) {
	p, err := m.ListRumahIuran(ctx, RumahIuranQuery{Q: in.Q, Dusun: in.Dusun, Cursor: in.Cursor, Limit: in.Size()})
	if err != nil {
		return nil, err
	}
	return &rumahIuranPageOutput{Body: p}, nil
}

type rumahIuranInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body RumahIuranBaru
}

type rumahIuranIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id rumah tangga"`
	Body RumahIuranBaru
}

type rumahIuranOutput struct{ Body RumahIuran }

func (m *Module) apiCreateRumahIuran(ctx context.Context, in *rumahIuranInput) (*rumahIuranOutput, error) {
	r, err := m.SimpanRumahIuran(ctx, "", in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &rumahIuranOutput{Body: r}, nil
}

func (m *Module) apiUpdateRumahIuran(ctx context.Context, in *rumahIuranIDInput) (*rumahIuranOutput, error) {
	if err := cekID(in.ID, "Rumah tangga"); err != nil {
		return nil, err
	}
	r, err := m.SimpanRumahIuran(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &rumahIuranOutput{Body: r}, nil
}

type terbitkanInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body struct {
		Periode string `json:"periode" doc:"Bulan ditagih, TTTT-BB" example:"2026-03"`
	}
}

type terbitkanOutput struct {
	Body struct {
		Periode     string `json:"periode"`
		Diterbitkan int    `json:"diterbitkan" doc:"Jumlah tagihan baru; 0 bila semua sudah ditagih"`
	}
}

func (m *Module) apiTerbitkanTagihan(ctx context.Context, in *terbitkanInput) (*terbitkanOutput, error) {
	n, err := m.TerbitkanTagihan(ctx, in.Body.Periode)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	out := &terbitkanOutput{}
	out.Body.Periode, out.Body.Diterbitkan = in.Body.Periode, n
	return out, nil
}

type listTagihanInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Periode string `query:"periode" required:"true" doc:"Bulan, TTTT-BB" example:"2026-03"`
}

func (m *Module) apiListTagihan(ctx context.Context, in *listTagihanInput) (*iuranListOutput[TagihanBaris], error) {
	ts, err := m.ListTagihan(ctx, in.Periode)
	if err != nil {
		return nil, err
	}
	out := &iuranListOutput[TagihanBaris]{}
	out.Body.Items = ts
	return out, nil
}

type bayarIuranInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body BayarIuranBaru
}

type bayarIuranOutput struct{ Body BayarIuran }

func (m *Module) apiBayarIuran(ctx context.Context, in *bayarIuranInput) (*bayarIuranOutput, error) {
	b, err := m.BayarTagihan(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &bayarIuranOutput{Body: b}, nil
}

type koreksiBayarInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id pembayaran yang dibalik"`
	Body KoreksiBayarBaru
}

func (m *Module) apiKoreksiBayar(ctx context.Context, in *koreksiBayarInput) (*bayarIuranOutput, error) {
	if err := cekID(in.ID, "Pembayaran"); err != nil {
		return nil, err
	}
	b, err := m.KoreksiBayar(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &bayarIuranOutput{Body: b}, nil
}

type tunggakanInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Urut  string `query:"urut" enum:"jumlah,bulan,nama" doc:"Urutan: jumlah (bawaan), bulan atau nama"`
	Dusun string `query:"dusun" maxLength:"60" doc:"Satu dusun saja"`
}

func (m *Module) apiTunggakan(ctx context.Context, in *tunggakanInput) (*iuranListOutput[Tunggakan], error) {
	ts, err := m.DaftarTunggakan(ctx, in.Urut, in.Dusun)
	if err != nil {
		return nil, err
	}
	out := &iuranListOutput[Tunggakan]{}
	out.Body.Items = ts
	return out, nil
}

type ringkasanIuranInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun; kosong berarti tahun berjalan" example:"2026"`
}

type ringkasanIuranOutput struct {
	Body struct {
		Tahun int          `json:"tahun"`
		Bulan []BulanIuran `json:"bulan"`
	}
}

func (m *Module) apiRingkasanIuran(ctx context.Context, in *ringkasanIuranInput) (*ringkasanIuranOutput, error) {
	tahun := in.Tahun
	if tahun == 0 {
		_, today := m.iuranBulanIni(ctx)
		tahun = today.Year()
	}
	bs, err := m.RingkasanIuran(ctx, tahun)
	if err != nil {
		return nil, err
	}
	out := &ringkasanIuranOutput{}
	out.Body.Tahun, out.Body.Bulan = tahun, bs
	return out, nil
}
