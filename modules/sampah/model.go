package sampah

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
)

// Jenis of a facility.
const (
	FasilitasTPS3R      = "tps3r"
	FasilitasBankSampah = "bank_sampah"
	FasilitasTPS        = "tps"
	FasilitasDepo       = "depo"
)

// Fasilitas is a facility of a desa.
type Fasilitas struct {
	bun.BaseModel `bun:"table:sampah_fasilitas,alias:f" json:"-"`

	DesaID            int64     `bun:"desa_id,pk" json:"-"`
	ID                string    `bun:"id,pk" json:"id"`
	Jenis             string    `bun:"jenis" json:"jenis" enum:"tps3r,bank_sampah,tps,depo"`
	Nama              string    `bun:"nama" json:"nama" example:"TPS3R Bestari"`
	Status            string    `bun:"status" json:"status" enum:"aktif,tidak_aktif"`
	AlasanTidakAktif  string    `bun:"alasan_tidak_aktif" json:"alasan_tidak_aktif,omitempty"`
	KapasitasGramHari Takaran   `bun:"kapasitas_gram_hari" json:"kapasitas_gram_hari" doc:"Kapasitas olah per hari dalam gram"`
	Lahan             string    `bun:"lahan" json:"lahan,omitempty" enum:",desa_dinas,desa_adat,lainnya"`
	LahanKeterangan   string    `bun:"lahan_keterangan" json:"lahan_keterangan,omitempty"`
	PengelolaJenis    string    `bun:"pengelola_jenis" json:"pengelola_jenis,omitempty" enum:",ksm,bumdes,pokmas,lainnya"`
	PengelolaNama     string    `bun:"pengelola_nama" json:"pengelola_nama,omitempty"`
	Petugas           int       `bun:"petugas" json:"petugas"`
	LintangE6         int64     `bun:"lintang_e6" json:"lintang_e6" doc:"Lintang dalam sepersejuta derajat (WGS 84)"`
	BujurE6           int64     `bun:"bujur_e6" json:"bujur_e6" doc:"Bujur dalam sepersejuta derajat (WGS 84)"`
	TahunDibangun     int       `bun:"tahun_dibangun" json:"tahun_dibangun,omitempty"`
	KegiatanKode      string    `bun:"kegiatan_kode" json:"kegiatan_kode,omitempty" doc:"Kode kegiatan APBDes pendanaan, misalnya 02.04.15"`
	SumberDana        string    `bun:"sumber_dana" json:"sumber_dana,omitempty"`
	DensitasGramM3    int64     `bun:"densitas_gram_m3" json:"densitas_gram_m3,omitempty" doc:"Gram per m³ bila log harian dicatat dalam m³"`
	CreatedBy         string    `bun:"created_by" json:"-"`
	CreatedAt         time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy         string    `bun:"updated_by" json:"-"`
	UpdatedAt         time.Time `bun:"updated_at" json:"diubah"`
}

// Nasabah is a member of a bank sampah unit.
type Nasabah struct {
	bun.BaseModel `bun:"table:sampah_nasabah,alias:n" json:"-"`

	DesaID      int64     `bun:"desa_id,pk" json:"-"`
	ID          string    `bun:"id,pk" json:"id"`
	FasilitasID string    `bun:"fasilitas_id" json:"fasilitas_id"`
	Nomor       int       `bun:"nomor" json:"nomor" doc:"Nomor anggota pada kartu"`
	Nama        string    `bun:"nama" json:"nama"`
	Jenis       string    `bun:"jenis" json:"jenis" enum:"rumah_tangga,lembaga"`
	Dusun       string    `bun:"dusun" json:"dusun,omitempty"`
	Telepon     string    `bun:"telepon" json:"telepon,omitempty"`
	Aktif       bool      `bun:"aktif" json:"aktif"`
	CreatedBy   string    `bun:"created_by" json:"-"`
	CreatedAt   time.Time `bun:"created_at" json:"dibuat"`
}

// JenisSampah is a kind of waste a bank sampah buys, with its unit.
type JenisSampah struct {
	bun.BaseModel `bun:"table:sampah_jenis,alias:j" json:"-"`

	DesaID      int64  `bun:"desa_id,pk" json:"-"`
	ID          string `bun:"id,pk" json:"id"`
	FasilitasID string `bun:"fasilitas_id" json:"fasilitas_id"`
	Kode        string `bun:"kode" json:"kode" example:"PET"`
	Nama        string `bun:"nama" json:"nama" example:"Botol plastik PET"`
	Kelompok    string `bun:"kelompok" json:"kelompok" enum:"organik,anorganik,residu"`
	Satuan      string `bun:"satuan" json:"satuan" enum:"kg,pcs,liter"`
	Aktif       bool   `bun:"aktif" json:"aktif"`
}

// Harga is the price of a jenis from BerlakuMulai on.
type Harga struct {
	bun.BaseModel `bun:"table:sampah_harga,alias:h" json:"-"`

	DesaID       int64      `bun:"desa_id,pk" json:"-"`
	JenisID      string     `bun:"jenis_id,pk" json:"jenis_id"`
	BerlakuMulai civil.Date `bun:"berlaku_mulai,pk" json:"berlaku_mulai"`
	Harga        int64      `bun:"harga" json:"harga" doc:"Rupiah per kg, pcs atau liter"`
	CreatedBy    string     `bun:"created_by" json:"-"`
	CreatedAt    time.Time  `bun:"created_at" json:"-"`
}

// Jenis of a journal entry.
const (
	EntriSetoran   = "setoran"
	EntriPenarikan = "penarikan"
	EntriPenjualan = "penjualan"
	EntriKoreksi   = "koreksi"
)

// Entri is one entry of a bank sampah's journal. A nasabah's saldo is the
// sum of Jumlah over its entries; nothing is edited in place.
type Entri struct {
	bun.BaseModel `bun:"table:sampah_entri,alias:e" json:"-"`

	DesaID      int64      `bun:"desa_id,pk" json:"-"`
	ID          string     `bun:"id,pk" json:"id"`
	FasilitasID string     `bun:"fasilitas_id" json:"fasilitas_id"`
	NasabahID   string     `bun:"nasabah_id" json:"nasabah_id,omitempty"`
	Jenis       string     `bun:"jenis" json:"jenis" enum:"setoran,penarikan,penjualan,koreksi"`
	Tanggal     civil.Date `bun:"tanggal" json:"tanggal"`
	Jumlah      int64      `bun:"jumlah" json:"jumlah" doc:"Rupiah; positif menambah saldo nasabah, negatif mengurangi"`
	Pembeli     string     `bun:"pembeli" json:"pembeli,omitempty" doc:"Penjualan: pengepul"`
	KoreksiID   string     `bun:"koreksi_id" json:"koreksi_id,omitempty"`
	Catatan     string     `bun:"catatan" json:"catatan,omitempty"`
	CreatedBy   string     `bun:"created_by" json:"-"`
	CreatedAt   time.Time  `bun:"created_at" json:"dicatat"`
}

// Rinci is the amount of one jenis in a setoran or penjualan, with the
// price copied from the list in force on the entry's date.
type Rinci struct {
	bun.BaseModel `bun:"table:sampah_entri_rinci,alias:r" json:"-"`

	DesaID  int64   `bun:"desa_id,pk" json:"-"`
	EntriID string  `bun:"entri_id,pk" json:"-"`
	JenisID string  `bun:"jenis_id,pk" json:"jenis_id"`
	Jumlah  Takaran `bun:"jumlah_milli" json:"jumlah_milli" doc:"Perseribu satuan jenis (gram untuk kg)"`
	Harga   int64   `bun:"harga" json:"harga"`
	Nilai   int64   `bun:"nilai" json:"nilai"`
}

// Log is one day of a TPS3R.
type Log struct {
	bun.BaseModel `bun:"table:sampah_log,alias:l" json:"-"`

	DesaID        int64      `bun:"desa_id,pk" json:"-"`
	FasilitasID   string     `bun:"fasilitas_id,pk" json:"fasilitas_id"`
	Tanggal       civil.Date `bun:"tanggal,pk" json:"tanggal"`
	Beroperasi    bool       `bun:"beroperasi" json:"beroperasi"`
	OrganikGram   Takaran    `bun:"organik_gram" json:"organik_gram"`
	AnorganikGram Takaran    `bun:"anorganik_gram" json:"anorganik_gram" doc:"Anorganik bernilai"`
	ResiduGram    Takaran    `bun:"residu_gram" json:"residu_gram"`
	KomposGram    Takaran    `bun:"kompos_gram" json:"kompos_gram"`
	ResiduTPAGram Takaran    `bun:"residu_tpa_gram" json:"residu_tpa_gram"`
	Catatan       string     `bun:"catatan" json:"catatan,omitempty"`
	CreatedBy     string     `bun:"created_by" json:"-"`
	CreatedAt     time.Time  `bun:"created_at" json:"dicatat"`
}

// Indikator of a target.
const (
	IndikatorPengurangan = "pengurangan"
	IndikatorPenanganan  = "penanganan"
)

// Target is a share of timbulan a wilayah aims to reduce or handle in a
// year; wilayah ” is the national one.
type Target struct {
	bun.BaseModel `bun:"table:sampah_target,alias:t" json:"-"`

	WilayahKode string `bun:"wilayah_kode,pk" json:"wilayah_kode"`
	Tahun       int    `bun:"tahun,pk" json:"tahun"`
	Indikator   string `bun:"indikator,pk" json:"indikator" enum:"pengurangan,penanganan"`
	PersenBP    int    `bun:"persen_bp" json:"persen_bp" doc:"Basis poin: 3000 = 30%"`
	DasarHukum  string `bun:"dasar_hukum" json:"dasar_hukum"`
}
