package umkm

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/valid"
)

// Skala of an UMKM (PP 7/2021 Pasal 35).
const (
	SkalaMikro    = "mikro"
	SkalaKecil    = "kecil"
	SkalaMenengah = "menengah"
)

// Status of an UMKM.
const (
	StatusAktif = "aktif"
	StatusTutup = "tutup"
)

// Umkm is a usaha mikro, kecil or menengah of the desa.
//
// PemilikNIK prints masked everywhere (valid.NIK), JSON included; the full
// number is PemilikNIK.Full() for the desa roles that hold PermPribadi.
// Tersamar masks the owner's name too, for every other reader.
type Umkm struct {
	bun.BaseModel `bun:"table:umkm,alias:u" json:"-"`

	DesaID      int64     `bun:"desa_id,pk" json:"-"`
	ID          string    `bun:"id,pk" json:"id"`
	Nama        string    `bun:"nama" json:"nama" example:"Keripik Singkong Bu Sari"`
	PemilikNama string    `bun:"pemilik_nama" json:"pemilik_nama"`
	PemilikNIK  valid.NIK `bun:"pemilik_nik" json:"pemilik_nik" doc:"Disamarkan: 4 angka awal dan 2 angka akhir"`
	NIB         string    `bun:"nib" json:"nib,omitempty" doc:"Nomor Induk Berusaha (OSS), 13 angka"`
	NPWP        string    `bun:"npwp" json:"npwp,omitempty" doc:"15 atau 16 angka"`
	KBLI        string    `bun:"kbli" json:"kbli,omitempty" doc:"Kode KBLI 2020, 5 angka"`
	Sektor      string    `bun:"sektor" json:"sektor" doc:"Kategori KBLI 2020 (A–U)"`
	TenagaKerja int       `bun:"tenaga_kerja" json:"tenaga_kerja"`
	Skala       string    `bun:"skala" json:"skala" enum:"mikro,kecil,menengah"`
	Dusun       string    `bun:"dusun" json:"dusun,omitempty" doc:"Banjar/dusun"`
	Alamat      string    `bun:"alamat" json:"alamat,omitempty"`
	WhatsApp    string    `bun:"whatsapp" json:"whatsapp,omitempty" doc:"Kontak usaha, +628…"`
	Status      string    `bun:"status" json:"status" enum:"aktif,tutup"`
	CreatedBy   string    `bun:"created_by" json:"-"`
	CreatedAt   time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy   string    `bun:"updated_by" json:"-"`
	UpdatedAt   time.Time `bun:"updated_at" json:"diubah"`
}

// Tersamar is u as a reader without PermPribadi sees it: the owner's name
// masked word by word (the NIK is masked in any case).
func (u Umkm) Tersamar() Umkm {
	u.PemilikNama = valid.MaskName(u.PemilikNama)
	return u
}

// TautanWhatsApp is the wa.me link of the business's contact ("" when
// none).
func (u Umkm) TautanWhatsApp() string {
	if len(u.WhatsApp) < 2 {
		return ""
	}
	return "https://wa.me/" + u.WhatsApp[1:]
}

// Produk is a product of an UMKM.
type Produk struct {
	bun.BaseModel `bun:"table:umkm_produk,alias:p" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	UmkmID    string    `bun:"umkm_id" json:"umkm_id"`
	Nama      string    `bun:"nama" json:"nama" example:"Keripik singkong pedas 250 g"`
	Harga     int64     `bun:"harga" json:"harga" doc:"Rupiah per satuan"`
	Satuan    string    `bun:"satuan" json:"satuan" example:"bungkus"`
	FotoKey   string    `bun:"foto_key" json:"-"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy string    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at" json:"diubah"`
}

// Foto is a photo of an UMKM (EXIF stripped) and its thumbnail, as blob
// keys the module made.
type Foto struct {
	bun.BaseModel `bun:"table:umkm_foto,alias:f" json:"-"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	UmkmID       string    `bun:"umkm_id" json:"umkm_id"`
	BlobKey      string    `bun:"blob_key" json:"-"`
	ThumbnailKey string    `bun:"thumbnail_key" json:"-"`
	CreatedBy    string    `bun:"created_by" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"dibuat"`
}

// Bantuan is assistance an UMKM received from an OPD of the kabupaten.
type Bantuan struct {
	bun.BaseModel `bun:"table:umkm_bantuan,alias:b" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	UmkmID    string    `bun:"umkm_id" json:"umkm_id"`
	OPDKode   string    `bun:"opd_kode" json:"opd_kode" doc:"Kode OPD pemberi bantuan"`
	Tahun     int       `bun:"tahun" json:"tahun"`
	Uraian    string    `bun:"uraian" json:"uraian" example:"Pelatihan pengemasan dan sertifikasi halal"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
}

// BUMDes is the desa's Badan Usaha Milik Desa (PP 11/2021), one per desa.
type BUMDes struct {
	bun.BaseModel `bun:"table:bumdes,alias:bd" json:"-"`

	DesaID            int64      `bun:"desa_id,pk" json:"-"`
	Nama              string     `bun:"nama" json:"nama" example:"BUM Desa Bengkel Sejahtera"`
	BadanHukum        bool       `bun:"badan_hukum" json:"badan_hukum" doc:"Terdaftar sebagai badan hukum (PP 11/2021)"`
	BadanHukumNomor   string     `bun:"badan_hukum_nomor" json:"badan_hukum_nomor,omitempty"`
	BadanHukumTanggal civil.Date `bun:"badan_hukum_tanggal,nullzero" json:"badan_hukum_tanggal,omitempty"`
	Klasifikasi       string     `bun:"klasifikasi" json:"klasifikasi,omitempty" doc:"Kode klasifikasi pemeringkatan Kemendesa (lihat data klasifikasi)"`
	KlasifikasiTahun  int        `bun:"klasifikasi_tahun" json:"klasifikasi_tahun,omitempty"`
	KlasifikasiSumber string     `bun:"klasifikasi_sumber" json:"klasifikasi_sumber,omitempty" example:"Kepmendesa PDTT 7/2023"`
	TenagaKerja       int        `bun:"tenaga_kerja" json:"tenaga_kerja"`
	CreatedBy         string     `bun:"created_by" json:"-"`
	CreatedAt         time.Time  `bun:"created_at" json:"dibuat"`
	UpdatedBy         string     `bun:"updated_by" json:"-"`
	UpdatedAt         time.Time  `bun:"updated_at" json:"diubah"`
}

// UnitBUMDes is a unit usaha of the BUMDes.
type UnitBUMDes struct {
	bun.BaseModel `bun:"table:bumdes_unit,alias:bu" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	Nama      string    `bun:"nama" json:"nama" example:"Unit Air Bersih"`
	Bidang    string    `bun:"bidang" json:"bidang,omitempty" example:"Pengelolaan air minum"`
	Aktif     bool      `bun:"aktif" json:"aktif"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy string    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at" json:"diubah"`
}

// TahunBUMDes is the BUMDes's figures of one year as its report states
// them, in rupiah.
type TahunBUMDes struct {
	bun.BaseModel `bun:"table:bumdes_tahun,alias:bt" json:"-"`

	DesaID          int64     `bun:"desa_id,pk" json:"-"`
	Tahun           int       `bun:"tahun,pk" json:"tahun"`
	PenyertaanModal int64     `bun:"penyertaan_modal" json:"penyertaan_modal" doc:"Penyertaan modal desa yang diterima tahun itu"`
	Omzet           int64     `bun:"omzet" json:"omzet"`
	Laba            int64     `bun:"laba" json:"laba" doc:"Negatif bila rugi"`
	PADes           int64     `bun:"pades" json:"pades" doc:"Bagi hasil yang disetor ke desa (PADes)"`
	Aset            int64     `bun:"aset" json:"aset" doc:"Aset pada akhir tahun"`
	TenagaKerja     int       `bun:"tenaga_kerja" json:"tenaga_kerja" doc:"Tenaga kerja BUMDes tahun itu"`
	UpdatedBy       string    `bun:"updated_by" json:"-"`
	UpdatedAt       time.Time `bun:"updated_at" json:"diubah"`
}

// LaporanBUMDes is the BUMDes's yearly report as uploaded.
type LaporanBUMDes struct {
	bun.BaseModel `bun:"table:bumdes_laporan,alias:bl" json:"-"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	Tahun        int       `bun:"tahun,pk" json:"tahun"`
	BlobKey      string    `bun:"blob_key" json:"-"`
	NamaBerkas   string    `bun:"nama_berkas" json:"nama_berkas"`
	Ukuran       int64     `bun:"ukuran" json:"ukuran" doc:"Byte"`
	DiunggahOleh string    `bun:"diunggah_oleh" json:"-"`
	DiunggahPada time.Time `bun:"diunggah_pada" json:"diunggah_pada"`
}
