package cctv

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
)

// Tujuan (purpose) of a camera.
const (
	TujuanKeamanan      = "keamanan"
	TujuanLaluLintas    = "lalu_lintas"
	TujuanSampahLiar    = "sampah_liar"
	TujuanBencana       = "bencana"
	TujuanFasilitasUmum = "fasilitas_umum"
)

// Pemilik (owner) of a camera.
const (
	PemilikDesaDinas = "desa_dinas"
	PemilikDesaAdat  = "desa_adat"
	PemilikSwasta    = "swasta" // used under an agreement (Perjanjian)
)

// Status of a camera: only aktif cameras are probed.
const (
	StatusAktif    = "aktif"
	StatusNonaktif = "nonaktif"
)

// Kamera is a camera of a desa.
type Kamera struct {
	bun.BaseModel `bun:"table:cctv_kamera,alias:k" json:"-"`

	DesaID        int64      `bun:"desa_id,pk" json:"-"`
	ID            string     `bun:"id,pk" json:"id"`
	Nama          string     `bun:"nama" json:"nama" example:"Simpang Pasar Bengkel"`
	Dusun         string     `bun:"dusun" json:"dusun" doc:"Banjar atau dusun tempat kamera"`
	LintangE6     int64      `bun:"lintang_e6" json:"lintang_e6" doc:"Lintang dalam sepersejuta derajat (WGS 84)"`
	BujurE6       int64      `bun:"bujur_e6" json:"bujur_e6" doc:"Bujur dalam sepersejuta derajat (WGS 84)"`
	Pantauan      string     `bun:"pantauan" json:"pantauan" doc:"Apa yang dipantau kamera"`
	Tujuan        string     `bun:"tujuan" json:"tujuan" enum:"keamanan,lalu_lintas,sampah_liar,bencana,fasilitas_umum"`
	Pemilik       string     `bun:"pemilik" json:"pemilik" enum:"desa_dinas,desa_adat,swasta"`
	Perjanjian    string     `bun:"perjanjian" json:"perjanjian,omitempty" doc:"Catatan perjanjian pemakaian kamera swasta"`
	KegiatanKode  string     `bun:"kegiatan_kode" json:"kegiatan_kode,omitempty" doc:"Kode kegiatan APBDes pendanaan"`
	TahunAnggaran int        `bun:"tahun_anggaran" json:"tahun_anggaran,omitempty"`
	Harga         int64      `bun:"harga" json:"harga" doc:"Rupiah"`
	TanggalPasang civil.Date `bun:"tanggal_pasang" json:"tanggal_pasang"`
	RetensiHari   int        `bun:"retensi_hari" json:"retensi_hari" doc:"Lama rekaman disimpan, hari"`
	LokasiRekaman string     `bun:"lokasi_rekaman" json:"lokasi_rekaman,omitempty" doc:"Tempat rekaman disimpan (NVR, kantor desa, awan)"`
	// StreamURL and Kredensial never leave the module through the
	// registry's API or pages: the link is handed out only to viewers
	// the camera's access list names, one recorded view at a time.
	StreamURL  string    `bun:"stream_url" json:"-"`
	Kredensial string    `bun:"kredensial" json:"-"` // ciphertext; "" when the stream needs none
	Status     string    `bun:"status" json:"status" enum:"aktif,nonaktif"`
	CreatedBy  string    `bun:"created_by" json:"-"`
	CreatedAt  time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy  string    `bun:"updated_by" json:"-"`
	UpdatedAt  time.Time `bun:"updated_at" json:"diubah"`
}

// Akses names one who may open a camera's live link (see ParsePenerima).
type Akses struct {
	bun.BaseModel `bun:"table:cctv_akses,alias:a" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	KameraID  string    `bun:"kamera_id,pk" json:"kamera_id"`
	Penerima  string    `bun:"penerima,pk" json:"penerima" example:"opd:SATPOLPP"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
}

// Lihat records one view of a camera's live link.
type Lihat struct {
	bun.BaseModel `bun:"table:cctv_lihat,alias:l" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	KameraID  string    `bun:"kamera_id" json:"kamera_id"`
	UserID    string    `bun:"user_id" json:"user_id"`
	Nama      string    `bun:"nama_pengguna" json:"nama_pengguna" doc:"Nama pengguna saat membuka tautan"`
	DilihatAt time.Time `bun:"dilihat_at" json:"dilihat"`
}

// Probe is one health check of a camera.
type Probe struct {
	bun.BaseModel `bun:"table:cctv_probe,alias:p" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	KameraID  string    `bun:"kamera_id,pk" json:"kamera_id"`
	CheckedAt time.Time `bun:"checked_at,pk" json:"checked_at"`
	Up        bool      `bun:"up" json:"up"`
	Status    string    `bun:"status" json:"status" example:"ok"`
	LatencyMS int       `bun:"latency_ms" json:"latency_ms"`
}

// Pengaturan is a kabupaten's probe settings; a kabupaten with no row
// uses PengaturanBawaan.
type Pengaturan struct {
	bun.BaseModel `bun:"table:cctv_pengaturan,alias:s" json:"-"`

	WilayahKode string `bun:"wilayah_kode,pk" json:"wilayah_kode"`
	// IzinkanAlamatPrivat lets the probe reach private, loopback and
	// link-local addresses (cameras on a desa LAN reached through a VPN
	// or a router on the same network). Off by default: a probe that
	// reaches any address a desa types would let the registry scan the
	// kabupaten's internal networks.
	IzinkanAlamatPrivat bool      `bun:"izinkan_alamat_privat" json:"izinkan_alamat_privat"`
	IntervalProbeMenit  int       `bun:"interval_probe_menit" json:"interval_probe_menit"`
	UpdatedBy           string    `bun:"updated_by" json:"-"`
	UpdatedAt           time.Time `bun:"updated_at" json:"diubah"`
	Bawaan              bool      `bun:"-" json:"bawaan" doc:"Belum ditetapkan kabupaten: pengaturan bawaan"`
}
