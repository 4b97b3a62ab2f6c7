package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type capaianWilayahInput struct {
	Kode      string `path:"kode" doc:"Kode kecamatan atau kabupaten (atau satu desa)" example:"51.02"`
	Tahun     int    `query:"tahun" doc:"Tahun; bawaan tahun berjalan" example:"2026"`
	Kecamatan string `query:"kecamatan" maxLength:"8" doc:"Hanya desa kecamatan ini (di kabupaten)"`
	Urut      string `query:"urut" enum:"kode,nama,kecamatan,penduduk,timbulan,pengurangan,pengurangan_persen,penanganan,penanganan_persen,bank_sampah,kompos,residu_tpa,nasabah_aktif,fasilitas_aktif" doc:"Kolom urutan; bawaan kode"`
	Arah      string `query:"arah" enum:"naik,turun" doc:"naik (bawaan) atau turun; desa tanpa penduduk tercatat selalu di akhir"`
}

type capaianWilayahOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         CapaianTabel
}

type capaianDesaInput struct {
	Kode  string `path:"kode" doc:"Kode desa" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" doc:"Tahun; bawaan tahun berjalan" example:"2026"`
}

// CapaianBulan is one month of a desa.
type CapaianBulan struct {
	Bulan int `json:"bulan" minimum:"1" maximum:"12"`
	Angka
	PenguranganBP *int64 `json:"pengurangan_bp"`
	PenangananBP  *int64 `json:"penanganan_bp"`
}

// CapaianDesaBody is one desa's year with its twelve months.
type CapaianDesaBody struct {
	Desa              tenancy.Kode   `json:"desa"`
	Nama              string         `json:"nama"`
	Tahun             int            `json:"tahun"`
	Sampai            civil.Date     `json:"sampai"`
	Pengaturan        Pengaturan     `json:"pengaturan"`
	TargetPengurangan *Target        `json:"target_pengurangan,omitempty"`
	TargetPenanganan  *Target        `json:"target_penanganan,omitempty"`
	Jumlah            CapaianBaris   `json:"jumlah"`
	Bulan             []CapaianBulan `json:"bulan"`
}

type capaianDesaOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         CapaianDesaBody
}

type pengaturanInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten" example:"51.02"`
}

// PengaturanBody is a kabupaten's timbulan rate and targets.
type PengaturanBody struct {
	Pengaturan Pengaturan `json:"pengaturan"`
	Target     []Target   `json:"target" doc:"Target yang ditetapkan kabupaten sendiri, urut tahun"`
	Nasional   []Target   `json:"nasional" doc:"Target nasional (Jakstranas), berlaku bila kabupaten tidak menetapkan"`
}

type pengaturanOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         PengaturanBody
}

// PengaturanUbah is what a kabupaten sets: its rate with the source, and
// targets of some years (a year and indikator given again replaces it).
type PengaturanUbah struct {
	TimbulanGramOrangHari int          `json:"timbulan_gram_orang_hari" minimum:"1" maximum:"5000" doc:"Gram sampah per orang per hari"`
	Sumber                string       `json:"sumber" minLength:"5" maxLength:"300" doc:"Dasar angka timbulan (kajian, SK, SNI)"`
	Target                []TargetUbah `json:"target,omitempty" maxItems:"50"`
}

// TargetUbah is one target of a year.
type TargetUbah struct {
	Tahun      int    `json:"tahun" minimum:"2000" maximum:"2100"`
	Indikator  string `json:"indikator" enum:"pengurangan,penanganan"`
	PersenBP   int    `json:"persen_bp" minimum:"0" maximum:"10000" doc:"Basis poin: 3000 = 30%"`
	DasarHukum string `json:"dasar_hukum" minLength:"5" maxLength:"300"`
}

type pengaturanUbahInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten" example:"51.02"`
	Body PengaturanUbah
}

func (m *Module) capaianRegister(api huma.API) {
	huma.Register(api, apiOp("get-wilayah-sampah-capaian", http.MethodGet, "/wilayah/{kode}/sampah/capaian",
		"Capaian pengelolaan sampah setiap desa di kecamatan atau kabupaten",
		"Angka yang diminta SIPSN per desa untuk satu tahun (1 Januari sampai hari ini pada tahun berjalan): penduduk, "+
			"timbulan (penduduk × gram/orang/hari kabupaten × hari), pengurangan dan penanganan (gram dan basis poin dari timbulan; "+
			"null bila penduduk belum tercatat), setoran bank sampah, kompos, residu ke TPA, nasabah aktif (hitungan saja), "+
			"fasilitas aktif dan tidak aktif, serta baris jumlah. Setiap desa wilayah tercantum, yang belum punya data dengan nol. "+
			"Tanpa nama nasabah. Unduhan XLSX kolom SIPSN: halaman /wilayah/{kode}/sampah/unduh?tahun=.",
		PermCapaian), m.apiCapaianWilayah)
	huma.Register(api, apiOp("get-desa-sampah-capaian", http.MethodGet, "/desa/{kode}/sampah/capaian",
		"Capaian pengelolaan sampah satu desa per bulan",
		"Angka satu desa untuk satu tahun dan kedua belas bulannya, dengan target yang berlaku.",
		PermRead), m.apiCapaianDesa)
	huma.Register(api, apiOp("get-wilayah-sampah-pengaturan", http.MethodGet, "/wilayah/{kode}/sampah/pengaturan",
		"Angka timbulan dan target kabupaten",
		"Gram sampah per orang per hari yang dipakai kabupaten beserta sumbernya (angka bawaan bila belum ditetapkan), "+
			"target pengurangan dan penanganan yang ditetapkan kabupaten, dan target nasional. Hanya untuk kode kabupaten.",
		PermCapaian), m.apiPengaturan)
	huma.Register(api, apiOp("put-wilayah-sampah-pengaturan", http.MethodPut, "/wilayah/{kode}/sampah/pengaturan",
		"Tetapkan angka timbulan dan target kabupaten",
		"Menetapkan gram per orang per hari (1–5000) dengan sumbernya (5–300 karakter) dan, bila diisi, target per tahun "+
			"(basis poin 0–10000) dengan dasar hukumnya; tahun dan indikator yang sama menggantikan yang lama. Tercatat di jejak audit.",
		PermPengaturan), m.apiUbahPengaturan)
}

func capaianKode(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() < tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Wilayah tidak ditemukan.")
	}
	return k, nil
}

func (m *Module) capaianTahun(kode tenancy.Kode, tahun int) int {
	if tahun == 0 {
		return civil.Today(m.now(), kode).Year()
	}
	return tahun
}

func (m *Module) apiCapaianWilayah(ctx context.Context, in *capaianWilayahInput) (*capaianWilayahOutput, error) {
	kode, err := capaianKode(in.Kode)
	if err != nil {
		return nil, err
	}
	t, err := m.capaianTabel(ctx, kode, m.capaianTahun(kode, in.Tahun), in.Kecamatan, in.Urut, in.Arah == "turun")
	if err != nil {
		return nil, err
	}
	return &capaianWilayahOutput{CacheControl: "private, no-store", Body: t}, nil
}

// capaianDesa is one desa's year and months.
func (m *Module) capaianDesa(ctx context.Context, kode tenancy.Kode, tahun int) (CapaianDesaBody, error) {
	t, err := m.capaianTabel(ctx, kode, tahun, "", "", false)
	if err != nil {
		return CapaianDesaBody{}, err
	}
	b := CapaianDesaBody{Desa: kode, Nama: t.Nama, Tahun: t.Tahun, Sampai: t.Sampai, Pengaturan: t.Pengaturan,
		TargetPengurangan: t.TargetPengurangan, TargetPenanganan: t.TargetPenanganan, Jumlah: t.Jumlah}
	b.Jumlah.Nama = t.Nama
	for i, a := range t.Total.Bulan {
		cb := CapaianBulan{Bulan: i + 1, Angka: a}
		if bp, ok := a.PenguranganBP(); ok {
			cb.PenguranganBP = &bp
		}
		if bp, ok := a.PenangananBP(); ok {
			cb.PenangananBP = &bp
		}
		b.Bulan = append(b.Bulan, cb)
	}
	return b, nil
}

func (m *Module) apiCapaianDesa(ctx context.Context, in *capaianDesaInput) (*capaianDesaOutput, error) {
	kode, err := tenancy.ParseKode(in.Kode)
	if err != nil || !kode.IsDesa() {
		return nil, fault.New(fault.NotFound, "Desa tidak ditemukan.")
	}
	b, err := m.capaianDesa(ctx, kode, m.capaianTahun(kode, in.Tahun))
	if err != nil {
		return nil, err
	}
	return &capaianDesaOutput{CacheControl: "private, no-store", Body: b}, nil
}

func kabupatenKode(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Pengaturan sampah hanya ada untuk kabupaten.")
	}
	return k, nil
}

func (m *Module) apiPengaturan(ctx context.Context, in *pengaturanInput) (*pengaturanOutput, error) {
	kode, err := kabupatenKode(in.Kode)
	if err != nil {
		return nil, err
	}
	b, err := m.BacaPengaturan(ctx, kode)
	if err != nil {
		return nil, err
	}
	return &pengaturanOutput{CacheControl: "private, no-store", Body: b}, nil
}

func (m *Module) apiUbahPengaturan(ctx context.Context, in *pengaturanUbahInput) (*pengaturanOutput, error) {
	kode, err := kabupatenKode(in.Kode)
	if err != nil {
		return nil, err
	}
	if err := m.UbahPengaturan(ctx, kode, in.Body); err != nil {
		return nil, err
	}
	b, err := m.BacaPengaturan(ctx, kode)
	if err != nil {
		return nil, err
	}
	return &pengaturanOutput{CacheControl: "private, no-store", Body: b}, nil
}
