package kunjungan

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
)

// Status is where a visit stands.
type Status string

const (
	Direncanakan Status = "direncanakan"
	Berlangsung  Status = "berlangsung"
	Selesai      Status = "selesai"
	Dibatalkan   Status = "dibatalkan"
)

// Judul is the status as the pages write it.
func (s Status) Judul() string {
	switch s {
	case Direncanakan:
		return "Direncanakan"
	case Berlangsung:
		return "Berlangsung"
	case Selesai:
		return "Selesai"
	case Dibatalkan:
		return "Dibatalkan"
	}
	return string(s)
}

// Kunjungan is one row of the kunjungan table.
type Kunjungan struct {
	bun.BaseModel `bun:"table:kunjungan,alias:k"`

	DesaID       int64      `bun:"desa_id,pk" json:"-"`
	ID           string     `bun:"id,pk" json:"id"`
	Tanggal      civil.Date `bun:"tanggal" json:"tanggal"`
	Judul        string     `bun:"judul" json:"judul"`
	Keterangan   string     `bun:"keterangan" json:"keterangan,omitempty"`
	Status       Status     `bun:"status" json:"status" enum:"direncanakan,berlangsung,selesai,dibatalkan"`
	CamatHadir   bool       `bun:"camat_hadir" json:"camat_hadir" doc:"Kecamatan hadir (diundang sebelum, hadir sesudah kunjungan)"`
	ForumHadir   bool       `bun:"forum_hadir" json:"forum_hadir" doc:"Forum perbekel hadir"`
	Alasan       string     `bun:"alasan" json:"alasan,omitempty" doc:"Alasan pembatalan"`
	CatatanHasil string     `bun:"catatan_hasil" json:"catatan_hasil,omitempty"`
	CreatedBy    string     `bun:"created_by" json:"-"`
	CreatedAt    time.Time  `bun:"created_at" json:"dibuat"`
	UpdatedBy    string     `bun:"updated_by" json:"-"`
	UpdatedAt    time.Time  `bun:"updated_at" json:"diubah"`
}

// lacak maps a visit id to its desa.
type lacak struct {
	bun.BaseModel `bun:"table:kunjungan_lacak,alias:l"`

	ID     string `bun:"id,pk"`
	DesaID int64  `bun:"desa"`
}

// PesertaOPD is one OPD taking part in a visit.
type PesertaOPD struct {
	bun.BaseModel `bun:"table:kunjungan_opd,alias:o"`

	DesaID      int64  `bun:"desa_id,pk" json:"-"`
	KunjunganID string `bun:"kunjungan_id,pk" json:"-"`
	OPDID       string `bun:"opd_id,pk" json:"opd_id"`
	OPDKode     string `bun:"opd_kode" json:"kode"`
	OPDNama     string `bun:"opd_nama" json:"nama"`
	Hadir       *bool  `bun:"hadir" json:"hadir,omitempty"`
}

// JenisAgenda is the kind of an agenda item.
type JenisAgenda string

const (
	AgendaTPS3R    JenisAgenda = "tps3r"
	AgendaUMKM     JenisAgenda = "umkm"
	AgendaBUMDes   JenisAgenda = "bumdes"
	AgendaCCTV     JenisAgenda = "cctv"
	AgendaLayanan  JenisAgenda = "layanan"
	AgendaAudiensi JenisAgenda = "audiensi"
	AgendaIsu      JenisAgenda = "isu"
	AgendaLain     JenisAgenda = "lain"
)

// JenisAgendaSemua lists every kind in the order the forms offer them.
var JenisAgendaSemua = []JenisAgenda{AgendaTPS3R, AgendaUMKM, AgendaBUMDes, AgendaCCTV, AgendaLayanan, AgendaAudiensi, AgendaIsu, AgendaLain}

// Judul names the kind.
func (j JenisAgenda) Judul() string {
	switch j {
	case AgendaTPS3R:
		return "TPS3R / pengelolaan sampah"
	case AgendaUMKM:
		return "UMKM"
	case AgendaBUMDes:
		return "BUMDes"
	case AgendaCCTV:
		return "CCTV desa"
	case AgendaLayanan:
		return "Stan layanan OPD"
	case AgendaAudiensi:
		return "Sesi audiensi"
	case AgendaIsu:
		return "Isu yang ingin diangkat desa"
	case AgendaLain:
		return "Lainnya"
	}
	return string(j)
}

func (j JenisAgenda) valid() bool {
	for _, x := range JenisAgendaSemua {
		if x == j {
			return true
		}
	}
	return false
}

// Oleh is who put an agenda item on the list.
const (
	OlehKabupaten = "kabupaten"
	OlehDesa      = "desa"
)

// Agenda is one item of a visit's agenda.
type Agenda struct {
	bun.BaseModel `bun:"table:kunjungan_agenda,alias:a"`

	DesaID      int64       `bun:"desa_id,pk" json:"-"`
	KunjunganID string      `bun:"kunjungan_id,pk" json:"-"`
	Urut        int         `bun:"urut,pk" json:"urut"`
	Jenis       JenisAgenda `bun:"jenis" json:"jenis" enum:"tps3r,umkm,bumdes,cctv,layanan,audiensi,isu,lain"`
	Judul       string      `bun:"judul" json:"judul"`
	Keterangan  string      `bun:"keterangan" json:"keterangan,omitempty"`
	OPDID       string      `bun:"opd_id" json:"opd_id,omitempty" doc:"OPD pemilik stan layanan"`
	Oleh        string      `bun:"oleh" json:"oleh" enum:"kabupaten,desa"`
	Terlaksana  *bool       `bun:"terlaksana" json:"terlaksana,omitempty"`
	Hasil       string      `bun:"hasil" json:"hasil,omitempty"`
	CreatedBy   string      `bun:"created_by" json:"-"`
	CreatedAt   time.Time   `bun:"created_at" json:"dibuat"`
}

// StatusKomitmen is how far a commitment is.
type StatusKomitmen string

const (
	Belum           StatusKomitmen = "belum"
	Proses          StatusKomitmen = "proses"
	KomitmenSelesai StatusKomitmen = "selesai"
)

// Judul names the status.
func (s StatusKomitmen) Judul() string {
	switch s {
	case Belum:
		return "Belum"
	case Proses:
		return "Proses"
	case KomitmenSelesai:
		return "Selesai"
	}
	return string(s)
}

// PenanggungDesa is a commitment the desa answers for.
const PenanggungDesa = "desa"

// Komitmen is one commitment (tindak lanjut) made on a visit.
type Komitmen struct {
	bun.BaseModel `bun:"table:kunjungan_komitmen,alias:c"`

	DesaID         int64          `bun:"desa_id,pk" json:"-"`
	ID             string         `bun:"id,pk" json:"id"`
	KunjunganID    string         `bun:"kunjungan_id" json:"kunjungan_id"`
	Isi            string         `bun:"isi" json:"isi"`
	Penanggung     string         `bun:"penanggung" json:"penanggung" doc:"id OPD, atau \"desa\""`
	PenanggungNama string         `bun:"penanggung_nama" json:"penanggung_nama"`
	Tenggat        civil.Date     `bun:"tenggat" json:"tenggat"`
	Status         StatusKomitmen `bun:"status" json:"status" enum:"belum,proses,selesai"`
	Bukti          string         `bun:"bukti" json:"bukti,omitempty"`
	Selesai        *civil.Date    `bun:"selesai" json:"selesai,omitempty"`
	CreatedBy      string         `bun:"created_by" json:"-"`
	CreatedAt      time.Time      `bun:"created_at" json:"dibuat"`
	UpdatedBy      string         `bun:"updated_by" json:"-"`
	UpdatedAt      time.Time      `bun:"updated_at" json:"diubah"`
}

// Terlambat reports whether the commitment is past its deadline and not
// done, as of today.
func (c Komitmen) Terlambat(today civil.Date) bool {
	return c.Status != KomitmenSelesai && c.Tenggat.Before(today)
}

// StatusDossier is where a dossier stands.
type StatusDossier string

const (
	Antri  StatusDossier = "antri"
	Dibuat StatusDossier = "dibuat"
	Siap   StatusDossier = "siap"
	Gagal  StatusDossier = "gagal"
)

// Judul names the state.
func (s StatusDossier) Judul() string {
	switch s {
	case Antri:
		return "Antri"
	case Dibuat:
		return "Sedang dibuat"
	case Siap:
		return "Siap"
	case Gagal:
		return "Gagal"
	}
	return string(s)
}

// Audiences of a dossier row besides OPD codes.
const (
	AudiensBupati  = "bupati"
	AudiensLaporan = "laporan" // the post-visit report
)

// Dossier is one dossier (or the post-visit report) of a visit.
type Dossier struct {
	bun.BaseModel `bun:"table:kunjungan_dossier,alias:d"`

	DesaID      int64         `bun:"desa_id,pk" json:"-"`
	KunjunganID string        `bun:"kunjungan_id,pk" json:"kunjungan_id,omitempty"`
	Audiens     string        `bun:"audiens,pk" json:"audiens" doc:"bupati, kode OPD, atau laporan"`
	Status      StatusDossier `bun:"status" json:"status" enum:"antri,dibuat,siap,gagal"`
	Alasan      string        `bun:"alasan" json:"alasan,omitempty"`
	Versi       int           `bun:"versi" json:"versi"`
	Permintaan  string        `bun:"permintaan" json:"-"`
	DimintaAt   time.Time     `bun:"diminta_at" json:"diminta"`
	UpdatedAt   time.Time     `bun:"updated_at" json:"diubah"`
}

// VersiDossier is one built version of a dossier.
type VersiDossier struct {
	bun.BaseModel `bun:"table:kunjungan_dossier_versi,alias:v"`

	DesaID      int64     `bun:"desa_id,pk" json:"-"`
	KunjunganID string    `bun:"kunjungan_id,pk" json:"-"`
	Audiens     string    `bun:"audiens,pk" json:"-"`
	Versi       int       `bun:"versi,pk" json:"versi"`
	Hash        string    `bun:"hash" json:"hash"`
	KunciPDF    string    `bun:"kunci_pdf" json:"-"`
	KunciXLSX   string    `bun:"kunci_xlsx" json:"-"`
	UkuranPDF   int64     `bun:"ukuran_pdf" json:"ukuran_pdf"`
	UkuranXLSX  int64     `bun:"ukuran_xlsx" json:"ukuran_xlsx"`
	DibuatAt    time.Time `bun:"dibuat_at" json:"dibuat"`
}
