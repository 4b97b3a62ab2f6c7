package program

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Sumber dana of a standalone desa programme (a linked one has its APBDes
// lines' own): Dana Desa, Alokasi Dana Desa, Pendapatan Asli Desa, bantuan
// keuangan khusus of the kabupaten or the provinsi, swadaya masyarakat,
// CSR of a company, or something else.
var sumberDana = []pilihan{
	{"dds", "Dana Desa (DDS)"}, {"add", "Alokasi Dana Desa (ADD)"}, {"pad", "Pendapatan Asli Desa (PAD)"},
	{"bkk_kabupaten", "BKK kabupaten"}, {"bkk_provinsi", "BKK provinsi"}, {"swadaya", "Swadaya masyarakat"},
	{"csr", "CSR"}, {"lain", "Lainnya"},
}

// Jenis aset: the kinds of physical work the overlap rule compares with
// the location.
var jenisAset = []pilihan{
	{"jalan", "Jalan"}, {"saluran", "Saluran/irigasi"}, {"gedung", "Gedung"}, {"air_bersih", "Air bersih"},
	{"tps", "TPS/TPS3R"}, {"penerangan", "Penerangan"}, {"lain", "Lainnya"},
}

// Jenis indikator.
const (
	Output  = "output"
	Outcome = "outcome"
)

// Whose programme a tag belongs to.
const (
	milikDesa = "desa"
	milikOPD  = "opd"
)

type pilihan struct{ Value, Label string }

func labelOf(ps []pilihan, v string) string {
	for _, p := range ps {
		if p.Value == v {
			return p.Label
		}
	}
	return v
}

func adaDi(ps []pilihan, v string) bool {
	for _, p := range ps {
		if p.Value == v {
			return true
		}
	}
	return false
}

// ProgramDesa is a row of program_desa.
type ProgramDesa struct {
	bun.BaseModel `bun:"table:program_desa,alias:p"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	Tahun        int       `bun:"tahun" json:"tahun"`
	KegiatanKode string    `bun:"kegiatan_kode" json:"kegiatan_kode,omitempty"`
	SubBidang    string    `bun:"sub_bidang" json:"sub_bidang,omitempty"`
	Nama         string    `bun:"nama" json:"nama"`
	SumberDana   string    `bun:"sumber_dana" json:"sumber_dana,omitempty"`
	Pagu         int64     `bun:"pagu" json:"pagu"`
	Lokasi       string    `bun:"lokasi" json:"lokasi,omitempty"`
	LokasiKunci  string    `bun:"lokasi_kunci" json:"-"`
	JenisAset    string    `bun:"jenis_aset" json:"jenis_aset,omitempty"`
	Demo         bool      `bun:"demo" json:"demo,omitempty"`
	CreatedBy    string    `bun:"created_by" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"created_at"`
	UpdatedBy    string    `bun:"updated_by" json:"-"`
	UpdatedAt    time.Time `bun:"updated_at" json:"updated_at"`
}

// ProgramOPD is a row of program_opd.
type ProgramOPD struct {
	bun.BaseModel `bun:"table:program_opd,alias:o"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	OPDID        string    `bun:"opd_id" json:"opd_id"`
	Tahun        int       `bun:"tahun" json:"tahun"`
	Nama         string    `bun:"nama" json:"nama"`
	KodeOPD      string    `bun:"kode_opd" json:"kode_opd,omitempty"`
	KegiatanDesa string    `bun:"kegiatan_desa" json:"kegiatan_desa,omitempty"`
	SubBidang    string    `bun:"sub_bidang" json:"sub_bidang,omitempty"`
	Pagu         int64     `bun:"pagu" json:"pagu"`
	Lokasi       string    `bun:"lokasi" json:"lokasi,omitempty"`
	LokasiKunci  string    `bun:"lokasi_kunci" json:"-"`
	JenisAset    string    `bun:"jenis_aset" json:"jenis_aset,omitempty"`
	Demo         bool      `bun:"demo" json:"demo,omitempty"`
	CreatedBy    string    `bun:"created_by" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"created_at"`
	UpdatedBy    string    `bun:"updated_by" json:"-"`
	UpdatedAt    time.Time `bun:"updated_at" json:"updated_at"`
}

// tagRow is a row of program_sasaran.
type tagRow struct {
	bun.BaseModel `bun:"table:program_sasaran,alias:s"`

	DesaID    int64  `bun:"desa_id,pk"`
	ProgramID string `bun:"program_id,pk"`
	SasaranID string `bun:"sasaran_id,pk"`
	Milik     string `bun:"milik"`
}

// indikatorRow is a row of program_indikator.
type indikatorRow struct {
	bun.BaseModel `bun:"table:program_indikator,alias:i"`

	DesaID    int64  `bun:"desa_id,pk"`
	ID        string `bun:"id,pk"`
	ProgramID string `bun:"program_id"`
	Jenis     string `bun:"jenis"`
	Uraian    string `bun:"uraian"`
	Satuan    string `bun:"satuan"`
	Urut      int    `bun:"urut"`
}

// capaianRow is a row of program_capaian.
type capaianRow struct {
	bun.BaseModel `bun:"table:program_capaian,alias:c"`

	DesaID      int64    `bun:"desa_id,pk"`
	IndikatorID string   `bun:"indikator_id,pk"`
	Tahun       int      `bun:"tahun,pk"`
	Target      float64  `bun:"target"`
	Realisasi   *float64 `bun:"realisasi"`
}

// IndikatorProgram is an output or outcome indicator with its yearly figures.
type IndikatorProgram struct {
	Jenis   string             `json:"jenis" enum:"output,outcome"`
	Uraian  string             `json:"uraian" maxLength:"300" example:"Panjang jalan desa yang diaspal"`
	Satuan  string             `json:"satuan" maxLength:"40" example:"m"`
	Capaian []CapaianIndikator `json:"capaian" maxItems:"10" doc:"Target dan realisasi per tahun"`
}

// CapaianIndikator is an indicator's target and realisasi of one year.
type CapaianIndikator struct {
	Tahun     int      `json:"tahun" minimum:"2015" maximum:"2100"`
	Target    float64  `json:"target" minimum:"0" maximum:"1000000000000"`
	Realisasi *float64 `json:"realisasi,omitempty" minimum:"0" maximum:"1000000000000" doc:"Kosong: belum diukur"`
}

// TagSasaran is an RPJM sasaran a programme serves, as shown.
type TagSasaran struct {
	ID     string `json:"id"`
	Kode   string `json:"kode"`
	Uraian string `json:"uraian"`
}

// DesaProgram is a desa programme as shown: a linked one with its
// kegiatan's name, pagu and realisasi as keuangan has them now.
type DesaProgram struct {
	ProgramDesa
	Desa tenancy.Kode `json:"desa"`
	// Tertaut: linked to an APBDes kegiatan; Ditemukan: the kegiatan is in
	// the APBDes in force of the year (a perubahan may drop it).
	Tertaut   bool               `json:"tertaut"`
	Ditemukan bool               `json:"kegiatan_ditemukan,omitempty"`
	Realisasi int64              `json:"realisasi" doc:"Realisasi belanja kegiatan APBDes (0 untuk program mandiri)"`
	Sasaran   []TagSasaran       `json:"sasaran"`
	Indikator []IndikatorProgram `json:"indikator"`
}

// OPDProgram is an OPD programme as shown.
type OPDProgram struct {
	ProgramOPD
	Desa      tenancy.Kode       `json:"desa"`
	OPDNama   string             `json:"opd_nama,omitempty"`
	Sasaran   []TagSasaran       `json:"sasaran"`
	Indikator []IndikatorProgram `json:"indikator"`
}
