package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/page"
)

// The nasabah operations: list, register, read with saldo, edit, and the
// passbook of a period.

func (m *Module) registerNasabahOps(api huma.API) {
	base := "/desa/{kode}/sampah/nasabah"
	huma.Register(api, apiOp("list-sampah-nasabah", http.MethodGet, base, "Daftar nasabah bank sampah",
		"Urut unit lalu nomor anggota, masing-masing dengan saldonya. Saring dengan fasilitas (id unit), q (nomor anggota, atau setiap kata harus cocok dengan nama atau dusun) dan aktif. "+
			"Lanjutkan dengan next_cursor sampai kosong.", PermNasabah), m.apiListNasabah)
	huma.Register(api, apiOp("create-sampah-nasabah", http.MethodPost, base, "Daftarkan nasabah",
		"Nasabah baru pada unit bank sampah yang aktif; nomor anggota berikutnya di unit itu diberikan otomatis. "+
			"Nama 3–100 karakter; jenis rumah_tangga atau lembaga; dusun paling banyak 60 karakter; telepon nomor HP Indonesia, disimpan sebagai +628….",
		PermEntri), m.apiCreateNasabah)
	huma.Register(api, apiOp("get-sampah-nasabah", http.MethodGet, base+"/{id}", "Nasabah dengan saldo",
		"Saldo adalah jumlah seluruh entri nasabah (setoran, penarikan, koreksi). Berat, jumlah dan tanggal setoran terakhir tidak menghitung setoran yang sudah dikoreksi.",
		PermNasabah), m.apiGetNasabah)
	huma.Register(api, apiOp("update-sampah-nasabah", http.MethodPut, base+"/{id}", "Ubah nasabah",
		"Mengganti nama, jenis, dusun dan telepon; aktif (bila dikirim) menonaktifkan atau mengaktifkan kembali. Unit dan nomor anggota tidak berubah.",
		PermEntri), m.apiUpdateNasabah)
	huma.Register(api, apiOp("get-sampah-nasabah-buku", http.MethodGet, base+"/{id}/buku", "Buku tabungan nasabah",
		"Saldo awal sebelum tanggal dari, setiap entri urut tanggal dengan rinciannya (jenis, jumlah, harga, nilai), debit/kredit dan saldo berjalan, lalu saldo akhir. "+
			"Bawaan: awal tahun berjalan sampai hari ini; periode paling panjang 366 hari.", PermNasabah), m.apiBukuNasabah)
}

type listNasabahInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Fasilitas string `query:"fasilitas" maxLength:"64" doc:"Id unit bank sampah"`
	Q         string `query:"q" maxLength:"100" doc:"Nomor anggota, atau kata dari nama atau dusun"`
	Aktif     string `query:"aktif" enum:"true,false" doc:"true: aktif saja; false: tidak aktif saja; kosong: semua"`
}

type nasabahPageOutput struct{ Body page.Page[NasabahBaris] }

func (m *Module) apiListNasabah(ctx context.Context, in *listNasabahInput) (*nasabahPageOutput, error) {
	q := NasabahQuery{Params: in.Params, FasilitasID: in.Fasilitas, Q: in.Q}
	if in.Aktif != "" {
		a := in.Aktif == "true"
		q.Aktif = &a
	}
	p, err := m.ListNasabah(ctx, q)
	if err != nil {
		return nil, err
	}
	return &nasabahPageOutput{Body: p}, nil
}

type createNasabahInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body NasabahBaru
}

type nasabahOutput struct{ Body Nasabah }

func (m *Module) apiCreateNasabah(ctx context.Context, in *createNasabahInput) (*nasabahOutput, error) {
	n, err := m.DaftarNasabah(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	return &nasabahOutput{Body: n}, nil
}

type nasabahIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id nasabah (UUID)"`
}

type nasabahDetailOutput struct{ Body NasabahDetail }

func (m *Module) apiGetNasabah(ctx context.Context, in *nasabahIDInput) (*nasabahDetailOutput, error) {
	d, err := m.LihatNasabah(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &nasabahDetailOutput{Body: d}, nil
}

// NasabahUbah is the body of PUT: the fields of NasabahData and, when
// sent, the nasabah's active state.
type NasabahUbah struct {
	NasabahData
	Aktif *bool `json:"aktif,omitempty" required:"false" doc:"false menonaktifkan, true mengaktifkan kembali; kosong: tidak berubah"`
}

type updateNasabahInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id nasabah (UUID)"`
	Body NasabahUbah
}

func (m *Module) apiUpdateNasabah(ctx context.Context, in *updateNasabahInput) (*nasabahOutput, error) {
	n, err := m.UbahNasabah(ctx, in.ID, in.Body.NasabahData, in.Body.Aktif)
	if err != nil {
		return nil, err
	}
	return &nasabahOutput{Body: n}, nil
}

type bukuInput struct {
	Kode   string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID     string `path:"id" maxLength:"64" doc:"Id nasabah (UUID)"`
	Dari   string `query:"dari" maxLength:"10" doc:"Tanggal awal (TTTT-BB-HH); kosong: 1 Januari tahun tanggal sampai" example:"2026-01-01"`
	Sampai string `query:"sampai" maxLength:"10" doc:"Tanggal akhir (TTTT-BB-HH); kosong: hari ini" example:"2026-03-05"`
}

type bukuOutput struct{ Body Buku }

func (m *Module) apiBukuNasabah(ctx context.Context, in *bukuInput) (*bukuOutput, error) {
	dari, sampai, err := m.PeriodeBuku(ctx, in.Dari, in.Sampai)
	if err != nil {
		return nil, err
	}
	b, err := m.BukuNasabah(ctx, in.ID, dari, sampai)
	if err != nil {
		return nil, err
	}
	return &bukuOutput{Body: b}, nil
}
