package konsultasi

import (
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// Status of a thread: baru until the kecamatan first answers, dijawab
// after, selesai when either side closes it. Selesai is final: a desa
// with a new question about the same matter opens a new thread (the old
// one stays as it was, its answer part of the record); a closed thread
// takes no message and no file.
type Status string

const (
	Baru    Status = "baru"
	Dijawab Status = "dijawab"
	Selesai Status = "selesai"
)

// Judul is the state's name as printed.
func (s Status) Judul() string {
	switch s {
	case Baru:
		return "Baru"
	case Dijawab:
		return "Dijawab"
	case Selesai:
		return "Selesai"
	}
	return string(s)
}

// Sisi is which side wrote a message.
type Sisi string

const (
	SisiDesa      Sisi = "desa"
	SisiKecamatan Sisi = "kecamatan"
)

// pilihan is a code with its printed name.
type pilihan struct{ Kode, Nama string }

// Bagian are the sections of a kecamatan a thread can be addressed to.
var Bagian = []pilihan{
	{"tata_pemerintahan", "Seksi Tata Pemerintahan"},
	{"kesra", "Seksi Kesejahteraan Rakyat"},
	{"ekonomi_pembangunan", "Seksi Ekonomi dan Pembangunan"},
	{"camat", "Camat"},
}

// Topik are the topics of a thread: the pembinaan topic list (kept equal
// to modules/pembinaan's by code; modules do not import each other).
var Topik = []pilihan{
	{"sotk", "SOTK dan tupoksi"},
	{"tata_naskah", "Tata naskah dan kode klasifikasi surat"},
	{"keuangan", "Keuangan desa"},
	{"pelayanan", "Pelayanan"},
	{"pilkades", "Pilkades"},
	{"kesra_pendidikan", "Kesra: pendidikan"},
	{"kesra_kesehatan", "Kesra: kesehatan"},
	{"kesra_sosial_keagamaan", "Kesra: sosial keagamaan"},
	{"kesra_ketenagakerjaan", "Kesra: ketenagakerjaan"},
	{"lainnya", "Lainnya"},
}

func namaDari(xs []pilihan, kode string) string {
	for _, x := range xs {
		if x.Kode == kode {
			return x.Nama
		}
	}
	return kode
}

func ada(xs []pilihan, kode string) bool {
	for _, x := range xs {
		if x.Kode == kode {
			return true
		}
	}
	return false
}

// NamaBagian and NamaTopik print a code.
func NamaBagian(kode string) string { return namaDari(Bagian, kode) }
func NamaTopik(kode string) string  { return namaDari(Topik, kode) }

// Bounds of the inputs; the API and the pages share them.
const (
	MinJudul = 5
	MaxJudul = 200
	MaxIsi   = 5000
	// MaksLampiran files per thread, each at most MaksLampiranByte.
	MaksLampiran     = 10
	MaksLampiranByte = 5 << 20
	lampiranMaksBody = MaksLampiranByte + 64<<10
	// BatasHariKerja is the answer target: 3 working days.
	BatasHariKerja = 3
	// MaksLewati bounds a list cursor's offset (rows already shown).
	MaksLewati = 1_000_000
)

// Konsultasi is one row of konsultasi.
type Konsultasi struct {
	bun.BaseModel `bun:"table:konsultasi,alias:k"`

	DesaID             int64      `bun:"desa_id,pk"`
	ID                 string     `bun:"id,pk"`
	Bagian             string     `bun:"bagian"`
	Topik              string     `bun:"topik"`
	Judul              string     `bun:"judul"`
	Status             Status     `bun:"status"`
	DibukaOleh         string     `bun:"dibuka_oleh"`
	DibukaNama         string     `bun:"dibuka_nama"`
	DibukaPada         time.Time  `bun:"dibuka_pada"`
	DijawabPertamaPada *time.Time `bun:"dijawab_pertama_pada"`
	HariKerjaJawab     *int       `bun:"hari_kerja_jawab"`
	SelesaiPada        *time.Time `bun:"selesai_pada"`
	SelesaiOleh        string     `bun:"selesai_oleh"`
	TindakLanjutID     string     `bun:"tindak_lanjut_id"`
	PembinaanID        string     `bun:"pembinaan_id"`
	Demo               bool       `bun:"demo"`
	UpdatedAt          time.Time  `bun:"updated_at"`
}

// KonsultasiPesan is one row of konsultasi_pesan.
type KonsultasiPesan struct {
	bun.BaseModel `bun:"table:konsultasi_pesan,alias:p"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	KonsultasiID string    `bun:"konsultasi_id" json:"-"`
	Sisi         Sisi      `bun:"sisi" json:"sisi" enum:"desa,kecamatan"`
	Isi          string    `bun:"isi" json:"isi"`
	Pengirim     string    `bun:"pengirim" json:"-"`
	PengirimNama string    `bun:"pengirim_nama" json:"pengirim"`
	CreatedAt    time.Time `bun:"created_at" json:"dikirim"`
}

// KonsultasiLampiran is one row of konsultasi_lampiran.
type KonsultasiLampiran struct {
	bun.BaseModel `bun:"table:konsultasi_lampiran,alias:l"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	KonsultasiID string    `bun:"konsultasi_id" json:"-"`
	Sisi         Sisi      `bun:"sisi" json:"sisi" enum:"desa,kecamatan"`
	Nama         string    `bun:"nama" json:"nama"`
	JenisBerkas  string    `bun:"jenis_berkas" json:"jenis_berkas"`
	Ukuran       int64     `bun:"ukuran" json:"ukuran"`
	Kunci        string    `bun:"kunci" json:"-"`
	CreatedBy    string    `bun:"created_by" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"diunggah"`
	URL          string    `bun:"-" json:"url" doc:"Diunduh dengan sesi masuk"`
}

// KonsultasiBaru is a new thread: the one input of the API's POST and the
// page's form.
type KonsultasiBaru struct {
	Bagian string `json:"bagian" enum:"tata_pemerintahan,kesra,ekonomi_pembangunan,camat" doc:"Seksi kecamatan yang dituju"`
	Topik  string `json:"topik" maxLength:"40" doc:"sotk, tata_naskah, keuangan, pelayanan, pilkades, kesra_pendidikan, kesra_kesehatan, kesra_sosial_keagamaan, kesra_ketenagakerjaan, lainnya"`
	Judul  string `json:"judul" maxLength:"200" doc:"5–200 karakter"`
	Isi    string `json:"isi" maxLength:"5000" doc:"Pertanyaan, 1–5000 karakter"`
}

// Validate checks a new thread; field names as the API's (body.x).
func (in *KonsultasiBaru) Validate() error {
	var p valid.Problems
	in.Bagian, in.Topik = strings.TrimSpace(in.Bagian), strings.TrimSpace(in.Topik)
	in.Judul, in.Isi = squeeze(in.Judul), strings.TrimSpace(in.Isi)
	if !ada(Bagian, in.Bagian) {
		p.Add("body.bagian", "Pilih seksi kecamatan yang dituju.")
	}
	if !ada(Topik, in.Topik) {
		p.Add("body.topik", "Pilih topik konsultasi.")
	}
	p.Text("body.judul", "Judul", in.Judul, MinJudul, MaxJudul)
	p.Paragraph("body.isi", "Isi pertanyaan", in.Isi, 1, MaxIsi)
	return p.Err()
}

// KonsultasiPesanBaru is a message added to a thread.
type KonsultasiPesanBaru struct {
	Isi string `json:"isi" maxLength:"5000" doc:"1–5000 karakter"`
}

// Validate checks a message.
func (in *KonsultasiPesanBaru) Validate() error {
	var p valid.Problems
	in.Isi = strings.TrimSpace(in.Isi)
	p.Paragraph("body.isi", "Isi pesan", in.Isi, 1, MaxIsi)
	return p.Err()
}

// KonsultasiUbahStatus is the status change: only selesai (closing) is asked for;
// dijawab follows the first kecamatan answer.
type KonsultasiUbahStatus struct {
	Status string `json:"status" enum:"selesai" doc:"Hanya selesai (menutup utas)"`
}

// Validate checks a status change.
func (in *KonsultasiUbahStatus) Validate() error {
	if in.Status != string(Selesai) {
		return fault.Field("body.status", "Status yang dapat diminta hanya selesai.")
	}
	return nil
}

// KonsultasiTindakLanjutInput turns a thread into a follow-up point of a pembinaan.
type KonsultasiTindakLanjutInput struct {
	PembinaanID string     `json:"pembinaan_id" maxLength:"40" doc:"Sesi pembinaan yang diikuti desa"`
	Uraian      string     `json:"uraian,omitempty" maxLength:"1000" doc:"Kosong: judul utas"`
	Tenggat     civil.Date `json:"tenggat" doc:"Tanggal tenggat (YYYY-MM-DD)"`
}

// Validate checks the follow-up input; judul is the thread's, the
// default uraian; today bounds the due date.
func (in *KonsultasiTindakLanjutInput) Validate(judul string, today civil.Date) error {
	var p valid.Problems
	in.PembinaanID = strings.TrimSpace(in.PembinaanID)
	in.Uraian = squeeze(in.Uraian)
	if in.Uraian == "" {
		in.Uraian = judul
	}
	if in.PembinaanID == "" {
		p.Add("body.pembinaan_id", "Pilih sesi pembinaan.")
	}
	p.Text("body.uraian", "Uraian", in.Uraian, 3, 1000)
	if in.Tenggat.IsZero() {
		p.Add("body.tenggat", "Tenggat wajib diisi.")
	} else {
		p.Date("body.tenggat", "Tenggat", in.Tenggat, today, today.AddDate(2, 0, 0))
	}
	return p.Err()
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

func baruID() string { return uuid.Must(uuid.NewV7()).String() }

func idSah(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id
}
