package keuangan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// The APBDes operations of the desa: read one (with lines, totals, balance,
// rules and, for a perubahan, the murni beside it), create the murni,
// write lines while it is a draft or returned, submit, set by Perdes and
// open the perubahan. Writes act on the version in force.

func (m *Module) registerAPBDesOps(api huma.API) {
	base := "/desa/{kode}/apbdes/{tahun}"
	huma.Register(api, apiOp("get-apbdes", http.MethodGet, base, "APBDes satu tahun",
		"Kepala, riwayat, baris, total (surplus/defisit, pembiayaan netto, SiLPA tahun berjalan), keseimbangan dan hasil pemeriksaan aturan. "+
			"versi=murni atau perubahan; kosong berarti versi yang berlaku. Pada APBDes Perubahan setiap baris membawa jumlah murni dan selisihnya.",
		PermRead), m.apiGetAPBDes)
	huma.Register(api, apiOp("create-apbdes", http.MethodPost, base, "Buat rancangan APBDes murni",
		"Membuat APBDes murni berstatus draf untuk tahun anggaran itu.", PermAjukan), m.apiCreateAPBDes)
	huma.Register(api, apiOp("create-apbdes-baris", http.MethodPost, base+"/baris", "Tambah baris APBDes",
		"Menambah baris pada APBDes yang berlaku selama berstatus draf atau dikembalikan. Kelompok mengikuti kode rekening: 4 pendapatan, 5 belanja, 6.1/6.2 pembiayaan.",
		PermWrite), m.apiCreateBaris)
	huma.Register(api, apiOp("update-apbdes-baris", http.MethodPut, base+"/baris/{id}", "Ubah baris APBDes",
		"Mengganti isi satu baris selama APBDes berstatus draf atau dikembalikan.", PermWrite), m.apiUpdateBaris)
	huma.Register(api, apiOp("delete-apbdes-baris", http.MethodDelete, base+"/baris/{id}", "Hapus baris APBDes",
		"Menghapus satu baris selama APBDes berstatus draf atau dikembalikan.", PermWrite), m.apiDeleteBaris)
	ajukan := apiOp("ajukan-apbdes", http.MethodPost, base+"/ajukan", "Ajukan APBDes ke camat",
		"Ditolak (422) bila belum ada baris atau defisit belum tertutup pembiayaan.", PermAjukan)
	ajukan.DefaultStatus = http.StatusOK
	huma.Register(api, ajukan, m.apiAjukan)
	tetapkan := apiOp("tetapkan-apbdes", http.MethodPost, base+"/tetapkan", "Tetapkan APBDes dengan Perdes",
		"Hanya dari status selesai dievaluasi camat; nomor dan tanggal Perdes wajib. Baris terkunci sesudahnya.", PermAjukan)
	tetapkan.DefaultStatus = http.StatusOK
	huma.Register(api, tetapkan, m.apiTetapkan)
	huma.Register(api, apiOp("create-apbdes-perubahan", http.MethodPost, base+"/perubahan", "Buka APBDes Perubahan",
		"Hanya bila APBDes murni sudah ditetapkan. Baris murni disalin (asal_baris_id) dan APBDes murni tetap tersimpan di sampingnya.",
		PermAjukan), m.apiCreatePerubahan)
}

type apbdesPath struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
}

type getAPBDesInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	Versi string `query:"versi" enum:"murni,perubahan" doc:"murni atau perubahan; kosong berarti versi yang berlaku"`
}

type apbdesViewOutput struct{ Body APBDesView }

type apbdesOutput struct{ Body APBDes }

func (m *Module) apiGetAPBDes(ctx context.Context, in *getAPBDesInput) (*apbdesViewOutput, error) {
	v, err := m.LihatAPBDes(ctx, in.Tahun, in.Versi)
	if err != nil {
		return nil, err
	}
	return &apbdesViewOutput{Body: v}, nil
}

func (m *Module) apiCreateAPBDes(ctx context.Context, in *apbdesPath) (*apbdesOutput, error) {
	a, err := m.BuatAPBDes(ctx, in.Tahun)
	if err != nil {
		return nil, err
	}
	return &apbdesOutput{Body: a}, nil
}

func (m *Module) apiCreatePerubahan(ctx context.Context, in *apbdesPath) (*apbdesOutput, error) {
	a, err := m.BukaPerubahan(ctx, in.Tahun)
	if err != nil {
		return nil, err
	}
	return &apbdesOutput{Body: a}, nil
}

func (m *Module) apiAjukan(ctx context.Context, in *apbdesPath) (*apbdesOutput, error) {
	a, err := m.Ajukan(ctx, in.Tahun)
	if err != nil {
		return nil, err
	}
	return &apbdesOutput{Body: a}, nil
}

type tetapkanInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	Body  PenetapanInput
}

func (m *Module) apiTetapkan(ctx context.Context, in *tetapkanInput) (*apbdesOutput, error) {
	a, err := m.Tetapkan(ctx, in.Tahun, in.Body)
	if err != nil {
		return nil, err
	}
	return &apbdesOutput{Body: a}, nil
}

// BarisBody is a line as the API takes it. Amounts are whole rupiah;
// volumes are in thousandths of a unit, as the API shows them.
type BarisBody struct {
	KodeRekening string `json:"kode_rekening" required:"false" maxLength:"20" example:"5.2.1.07" doc:"Rincian objek rekening"`
	KodeKegiatan string `json:"kode_kegiatan,omitempty" maxLength:"20" example:"02.01.06" doc:"Belanja saja: kode kegiatan"`
	Uraian       string `json:"uraian" required:"false" maxLength:"200"`
	Volume       int64  `json:"volume,omitempty" minimum:"0" doc:"Belanja: volume dalam perseribu satuan (2500 = 2,5)"`
	Satuan       string `json:"satuan,omitempty" maxLength:"30"`
	HargaSatuan  int64  `json:"harga_satuan,omitempty" minimum:"0" doc:"Belanja: harga satuan dalam rupiah"`
	Jumlah       int64  `json:"jumlah,omitempty" minimum:"0" doc:"Pendapatan dan pembiayaan: jumlah dalam rupiah (belanja dihitung volume × harga satuan)"`
	SumberDana   string `json:"sumber_dana" required:"false" maxLength:"10" example:"DDS"`
	Lokasi       string `json:"lokasi,omitempty" maxLength:"100" doc:"Dusun/banjar atau tempat kegiatan"`
	PelaksanaID  string `json:"pelaksana_id,omitempty" maxLength:"64" doc:"Belanja: id jabatan perangkat desa yang sedang menjabat"`
	OutputVolume int64  `json:"output_volume,omitempty" minimum:"0" doc:"Belanja: target keluaran dalam perseribu satuan"`
	OutputSatuan string `json:"output_satuan,omitempty" maxLength:"30"`
}

func (b BarisBody) input() BarisInput {
	return BarisInput{KodeRekening: b.KodeRekening, KodeKegiatan: b.KodeKegiatan, Uraian: b.Uraian, Volume: Volume(b.Volume),
		Satuan: b.Satuan, HargaSatuan: Rupiah(b.HargaSatuan), Jumlah: Rupiah(b.Jumlah), SumberDana: b.SumberDana,
		Lokasi: b.Lokasi, PelaksanaID: b.PelaksanaID, OutputVolume: Volume(b.OutputVolume), OutputSatuan: b.OutputSatuan}
}

// bodyFields names PeriksaBaris's fields as the API body's.
func bodyFields(name string) string {
	if name == "pelaksana" {
		return "body.pelaksana_id"
	}
	return "body." + name
}

type createBarisInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	Body  BarisBody
}

type barisIDInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	ID    string `path:"id" maxLength:"64" doc:"Id baris (UUID)"`
}

type updateBarisInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran" example:"2026"`
	ID    string `path:"id" maxLength:"64" doc:"Id baris (UUID)"`
	Body  BarisBody
}

type barisOutput struct{ Body Baris }

func (m *Module) apiCreateBaris(ctx context.Context, in *createBarisInput) (*barisOutput, error) {
	b, err := m.TambahBaris(ctx, in.Tahun, in.Body.input(), bodyFields)
	if err != nil {
		return nil, err
	}
	return &barisOutput{Body: b}, nil
}

func (m *Module) apiUpdateBaris(ctx context.Context, in *updateBarisInput) (*barisOutput, error) {
	b, err := m.UbahBaris(ctx, in.Tahun, in.ID, in.Body.input(), bodyFields)
	if err != nil {
		return nil, err
	}
	return &barisOutput{Body: b}, nil
}

func (m *Module) apiDeleteBaris(ctx context.Context, in *barisIDInput) (*struct{}, error) {
	return nil, m.HapusBaris(ctx, in.Tahun, in.ID)
}
