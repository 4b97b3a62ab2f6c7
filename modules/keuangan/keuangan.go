// Package keuangan is the desa finance of ngantor (Permendagri 20/2018
// tentang Pengelolaan Keuangan Desa). This first part holds its foundation:
// the national reference lists every APBDes line is coded against — kode
// rekening (akun → kelompok → jenis → objek), bidang → sub-bidang →
// kegiatan of the Lampiran, the separate Siskeudes kegiatan list and the
// sumber dana codes — each versioned by the fiscal years it applies to, and
// the strong types Rupiah, KodeRekening and KodeKegiatan with their parsing
// rules. APBDes, realisasi and the books build on it.
//
// The module reads only its own tables; the reference tables carry no
// desa_id (they are the same for every desa, like wilayah).
package keuangan

import (
	"context"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Pelaksana is a perangkat of the desa who may carry out a kegiatan (PPKD,
// Permendagri 20/2018 Pasal 3–6), as administration reports it.
type Pelaksana struct {
	ID      string // the appointment's id in administration
	Nama    string
	Jabatan string // e.g. "Kasi Pemerintahan"
}

// PelaksanaSource lists the perangkat in post of a desa today; cmd wires
// administration behind it.
type PelaksanaSource interface {
	Pelaksana(ctx context.Context, desa tenancy.Kode) ([]Pelaksana, error)
}

// Names gives the official name of a wilayah (desa, kecamatan, kabupaten)
// for headers and printouts; cmd wires the wilayah module behind it.
type Names interface {
	Nama(ctx context.Context, kode tenancy.Kode) (string, error)
}

// Deps are what the module needs; cmd wires them. Web, Authz, Audit, Blob,
// Pelaksana and Names may be nil in tests that use the store alone.
type Deps struct {
	DB        *db.DB
	Web       *web.Web
	Authz     Authorizer
	Audit     audit.Recorder
	Blob      blob.Store
	Pelaksana PelaksanaSource
	Names     Names
	Desa      DesaSource // the desa of a wilayah, for the kecamatan and kabupaten table (part_wilayah.go)
	Logger    *slog.Logger
	Clock     func() time.Time
}

// Module is the keuangan bounded context.
type Module struct {
	db        *db.DB
	web       *web.Web
	authz     Authorizer
	audit     audit.Recorder
	blob      blob.Store
	pelaksana PelaksanaSource
	names     Names
	desa      DesaSource
	pages     *web.Pages
	log       *slog.Logger
	now       func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, blob: d.Blob,
		pelaksana: d.Pelaksana, names: d.Names, log: d.Logger, now: d.Clock}
	m.desa = d.Desa
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	}
	return m
}

// Daftar names a kegiatan list: the Lampiran of Permendagri 20/2018, or the
// Siskeudes list a kabupaten may switch on.
const (
	DaftarLampiran  = "lampiran"
	DaftarSiskeudes = "siskeudes"
)

// Versi is one edition of a reference list and the fiscal years it
// applies to.
type Versi struct {
	bun.BaseModel `bun:"table:keuangan_versi,alias:v" json:"-"`

	Kode       string `bun:"kode,pk" json:"kode" example:"permendagri-20-2018"`
	Daftar     string `bun:"daftar" json:"daftar" enum:"lampiran,siskeudes"`
	Nama       string `bun:"nama" json:"nama"`
	Sumber     string `bun:"sumber" json:"sumber" doc:"Dasar hukum atau asal daftar"`
	TahunMulai int    `bun:"tahun_mulai" json:"tahun_mulai" doc:"Tahun anggaran pertama yang memakai versi ini"`
	TahunAkhir *int   `bun:"tahun_akhir" json:"tahun_akhir,omitempty" doc:"Tahun anggaran terakhir; kosong bila masih berlaku"`
}

// Rekening is one kode rekening APBDes.
type Rekening struct {
	bun.BaseModel `bun:"table:keuangan_rekening,alias:r" json:"-"`

	Versi         string       `bun:"versi,pk" json:"versi"`
	Kode          KodeRekening `bun:"kode,pk" json:"kode" example:"5.2.1.01"`
	Tingkat       string       `bun:"tingkat" json:"tingkat" enum:"akun,kelompok,jenis,objek"`
	KodeInduk     KodeRekening `bun:"kode_induk" json:"kode_induk,omitempty"`
	Nama          string       `bun:"nama" json:"nama"`
	NamaSiskeudes string       `bun:"nama_siskeudes" json:"nama_siskeudes,omitempty" doc:"Nama yang dipakai Siskeudes/OpenSID bila berbeda susunannya (akun sampai jenis)"`
	RentangKode   string       `bun:"rentang_kode" json:"rentang_kode,omitempty" doc:"90-99 untuk objek lain-lain yang boleh diisi daerah"`
	Catatan       string       `bun:"catatan" json:"catatan,omitempty"`
	Urutan        int          `bun:"urutan" json:"-"`
}

// Kegiatan is one bidang, sub-bidang or kegiatan of a kegiatan list.
// Siskeudes rows carry the two flags of that list.
type Kegiatan struct {
	Daftar        string       `json:"daftar" enum:"lampiran,siskeudes"`
	Versi         string       `json:"versi"`
	Kode          KodeKegiatan `json:"kode" example:"02.01.06"`
	Tingkat       string       `json:"tingkat" enum:"bidang,sub_bidang,kegiatan"`
	KodeInduk     KodeKegiatan `json:"kode_induk,omitempty"`
	Nama          string       `json:"nama"`
	Tanda         string       `json:"tanda_lampiran,omitempty" doc:"Tanda * atau ** pada Lampiran"`
	RentangKode   string       `json:"rentang_kode,omitempty" doc:"90-99 untuk kegiatan lain-lain yang boleh ditambah kabupaten (Lampiran)"`
	NamaSiskeudes string       `json:"nama_siskeudes,omitempty"`
	SamaLampiran  *bool        `json:"sama_dengan_lampiran,omitempty" doc:"Daftar Siskeudes: kode ini juga ada di Lampiran"`
	NamaTerpotong *bool        `json:"nama_mungkin_terpotong,omitempty" doc:"Daftar Siskeudes: nama di sumber terpotong panjang kolom"`
	urutan        int
}

// kegiatanLampiran is a row of keuangan_kegiatan.
type kegiatanLampiran struct {
	bun.BaseModel `bun:"table:keuangan_kegiatan,alias:k"`

	Versi         string       `bun:"versi,pk"`
	Kode          KodeKegiatan `bun:"kode,pk"`
	Tingkat       string       `bun:"tingkat"`
	KodeInduk     KodeKegiatan `bun:"kode_induk"`
	Nama          string       `bun:"nama"`
	Tanda         string       `bun:"tanda"`
	RentangKode   string       `bun:"rentang_kode"`
	NamaSiskeudes string       `bun:"nama_siskeudes"`
	Urutan        int          `bun:"urutan"`
}

// kegiatanSiskeudes is a row of keuangan_kegiatan_siskeudes.
type kegiatanSiskeudes struct {
	bun.BaseModel `bun:"table:keuangan_kegiatan_siskeudes,alias:s"`

	Versi         string       `bun:"versi,pk"`
	Kode          KodeKegiatan `bun:"kode,pk"`
	KodeSubBidang KodeKegiatan `bun:"kode_sub_bidang"`
	Nama          string       `bun:"nama"`
	OpenSIDID     int          `bun:"opensid_id"`
	SamaLampiran  bool         `bun:"sama_lampiran"`
	NamaTerpotong bool         `bun:"nama_terpotong"`
	Urutan        int          `bun:"urutan"`
}

// SumberDana is a source of funds written on APBDes lines.
type SumberDana struct {
	bun.BaseModel `bun:"table:keuangan_sumber_dana,alias:d" json:"-"`

	Kode         string       `bun:"kode,pk" json:"kode" example:"DDS"`
	Nama         string       `bun:"nama" json:"nama" example:"Dana Desa"`
	KodeRekening KodeRekening `bun:"kode_rekening" json:"kode_rekening" doc:"Rekening pendapatan atau pembiayaan tempat dana ini dicatat"`
	Alias        string       `bun:"alias" json:"alias,omitempty" doc:"Penulisan lain yang lazim, dipisah koma"`
	Keterangan   string       `bun:"keterangan" json:"keterangan,omitempty"`
	Urutan       int          `bun:"urutan" json:"-"`
}
