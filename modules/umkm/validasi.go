package umkm

import (
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of the module's numbers.
const (
	MaxTenagaKerja = 10_000
	MaxHarga       = 1_000_000_000_000 // Rp 1 triliun per satuan
	MaxRupiah      = 1_000_000_000_000 // each BUMDes figure: Rp 1 triliun
	MinTahun       = 2000
	MaxTahun       = 2100
	MaxLaporan     = 10 << 20 // bytes of a yearly report (PDF)
)

// squeeze trims s and folds runs of white space into one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// digitsOnly drops the separators people type in NIB and NPWP (spaces,
// dots, dashes) and reports whether what is left is digits only.
func digitsOnly(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
	return s, s == "" || valid.Digits(s)
}

// NIB checks a Nomor Induk Berusaha (issued by OSS under PP 5/2021, 13
// digits) and returns it without separators; "" is allowed (not every UMKM
// has one).
func NIB(p *valid.Problems, field, s string) string {
	d, ok := digitsOnly(strings.TrimSpace(s))
	if !ok || (d != "" && len(d) != 13) {
		p.Add(field, "NIB harus 13 angka.")
		return ""
	}
	return d
}

// NPWP checks a Nomor Pokok Wajib Pajak: 15 digits (the old form,
// 12.345.678.9-012.345) or 16 (the NIK-based form of PMK 112/2022);
// separators are dropped, "" is allowed.
func NPWP(p *valid.Problems, field, s string) string {
	d, ok := digitsOnly(strings.TrimSpace(s))
	if !ok || (d != "" && len(d) != 15 && len(d) != 16) {
		p.Add(field, "NPWP harus 15 atau 16 angka (titik dan tanda hubung boleh).")
		return ""
	}
	return d
}

// KBLI checks a KBLI 2020 code of 5 digits (a kelompok) and returns the
// kategori its golongan pokok belongs to; "" is allowed and gives "".
// Only the golongan pokok is checked against the shipped list: the
// 5-digit kelompok list is not shipped (data/SOURCE.md).
func KBLI(p *valid.Problems, field, s string) (kode, kategori string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", nil
	}
	if len(s) != 5 || !valid.Digits(s) {
		p.Add(field, "Kode KBLI harus 5 angka (KBLI 2020), mis. 10794.")
		return "", "", nil
	}
	ks, err := KategoriKBLIList()
	if err != nil {
		return "", "", err
	}
	pokok := int(s[0]-'0')*10 + int(s[1]-'0')
	for _, k := range ks {
		if pokok >= k.PokokAwal && pokok <= k.PokokAkhir {
			return s, k.Kode, nil
		}
	}
	p.Add(field, "Kode KBLI %s tidak sah: golongan pokok %s tidak ada dalam KBLI 2020.", s, s[:2])
	return "", "", nil
}

// SkalaOmzet is the PP 7/2021 Pasal 35 ayat (5) band of a yearly turnover
// (hasil penjualan tahunan) in rupiah: mikro up to Rp 2 miliar, kecil up
// to Rp 15 miliar, menengah up to Rp 50 miliar; ok is false above that (a
// usaha besar) or below zero.
func SkalaOmzet(omzet int64) (skala string, ok bool) {
	switch {
	case omzet < 0:
		return "", false
	case omzet <= 2_000_000_000:
		return SkalaMikro, true
	case omzet <= 15_000_000_000:
		return SkalaKecil, true
	case omzet <= 50_000_000_000:
		return SkalaMenengah, true
	}
	return "", false
}

// UmkmData is what a person enters of an UMKM (the API body of POST and
// PUT and the page form alike).
type UmkmData struct {
	Nama        string `json:"nama" required:"false" maxLength:"400" example:"Keripik Singkong Bu Sari" doc:"2–100 karakter"`
	PemilikNama string `json:"pemilik_nama" required:"false" maxLength:"400" doc:"Nama pemilik, 3–100 karakter"`
	PemilikNIK  string `json:"pemilik_nik" required:"false" maxLength:"40" doc:"NIK pemilik, 16 angka"`
	NIB         string `json:"nib,omitempty" required:"false" maxLength:"40" doc:"Nomor Induk Berusaha, 13 angka; boleh kosong"`
	NPWP        string `json:"npwp,omitempty" required:"false" maxLength:"40" doc:"15 atau 16 angka; boleh kosong"`
	KBLI        string `json:"kbli,omitempty" required:"false" maxLength:"20" doc:"Kode KBLI 2020, 5 angka; boleh kosong"`
	Sektor      string `json:"sektor,omitempty" required:"false" maxLength:"4" doc:"Kategori KBLI 2020 (A–U); diisi dari kode KBLI bila kosong"`
	TenagaKerja int    `json:"tenaga_kerja" required:"false" minimum:"0" maximum:"10000"`
	Skala       string `json:"skala" required:"false" maxLength:"20" doc:"mikro, kecil atau menengah (PP 7/2021)"`
	Dusun       string `json:"dusun,omitempty" required:"false" maxLength:"400" doc:"Banjar/dusun, paling banyak 60 karakter"`
	Alamat      string `json:"alamat,omitempty" required:"false" maxLength:"800" doc:"Paling banyak 200 karakter"`
	WhatsApp    string `json:"whatsapp,omitempty" required:"false" maxLength:"60" example:"0812-3456-7890" doc:"Nomor HP Indonesia; disimpan sebagai +628…"`
	Status      string `json:"status,omitempty" required:"false" maxLength:"20" doc:"aktif (bawaan) atau tutup"`
}

// Validate normalises d (spaces, separators, phone, sektor from the KBLI
// code) and checks it. One rule set for the API and the pages.
func (d *UmkmData) Validate() error {
	var p valid.Problems
	d.Nama, d.PemilikNama = squeeze(d.Nama), squeeze(d.PemilikNama)
	d.Dusun, d.Alamat = squeeze(d.Dusun), squeeze(d.Alamat)
	d.Skala, d.Status = strings.TrimSpace(d.Skala), strings.TrimSpace(d.Status)
	d.Sektor = strings.ToUpper(strings.TrimSpace(d.Sektor))
	p.Text("body.nama", "Nama usaha", d.Nama, 2, 100)
	p.Text("body.pemilik_nama", "Nama pemilik", d.PemilikNama, 3, 100)
	d.PemilikNIK = string(p.NIK("body.pemilik_nik", "NIK pemilik", d.PemilikNIK))
	d.NIB = NIB(&p, "body.nib", d.NIB)
	d.NPWP = NPWP(&p, "body.npwp", d.NPWP)
	kode, kategori, err := KBLI(&p, "body.kbli", d.KBLI)
	if err != nil {
		return err
	}
	d.KBLI = kode
	switch {
	case kategori != "" && d.Sektor == "":
		d.Sektor = kategori
	case kategori != "" && d.Sektor != kategori:
		p.Add("body.sektor", "Sektor %s tidak sesuai dengan kode KBLI %s (kategori %s).", d.Sektor, kode, kategori)
	case d.Sektor == "":
		if !p.Has("body.kbli") {
			p.Add("body.sektor", "Sektor (kategori KBLI A–U) wajib dipilih bila kode KBLI kosong.")
		}
	case len(d.Sektor) != 1 || d.Sektor < "A" || d.Sektor > "U":
		p.Add("body.sektor", "Sektor harus kategori KBLI 2020, huruf A sampai U.")
	}
	p.Int("body.tenaga_kerja", "Tenaga kerja", int64(d.TenagaKerja), 0, MaxTenagaKerja)
	if d.Skala != SkalaMikro && d.Skala != SkalaKecil && d.Skala != SkalaMenengah {
		p.Add("body.skala", "Skala usaha harus mikro, kecil atau menengah (PP 7/2021).")
	}
	p.Text("body.dusun", "Banjar/dusun", d.Dusun, 0, 60)
	p.Text("body.alamat", "Alamat", d.Alamat, 0, 200)
	if t := p.Telepon("body.whatsapp", "Nomor WhatsApp", d.WhatsApp); !p.Has("body.whatsapp") {
		d.WhatsApp = t
	}
	if d.Status == "" {
		d.Status = StatusAktif
	}
	if d.Status != StatusAktif && d.Status != StatusTutup {
		p.Add("body.status", "Status harus aktif atau tutup.")
	}
	return p.Err()
}

// ProdukData is what a person enters of a product.
type ProdukData struct {
	Nama   string `json:"nama" required:"false" maxLength:"400" doc:"2–100 karakter"`
	Harga  int64  `json:"harga" required:"false" minimum:"0" maximum:"1000000000000" doc:"Rupiah per satuan"`
	Satuan string `json:"satuan" required:"false" maxLength:"100" example:"bungkus" doc:"1–20 karakter"`
}

// Validate normalises and checks d.
func (d *ProdukData) Validate() error {
	var p valid.Problems
	d.Nama, d.Satuan = squeeze(d.Nama), squeeze(d.Satuan)
	p.Text("body.nama", "Nama produk", d.Nama, 2, 100)
	p.Int("body.harga", "Harga", d.Harga, 0, MaxHarga)
	p.Text("body.satuan", "Satuan", d.Satuan, 1, 20)
	return p.Err()
}

// BantuanData is what a person enters of an assistance received.
type BantuanData struct {
	OPDKode string `json:"opd_kode" required:"false" maxLength:"100" doc:"Kode OPD pemberi bantuan, 1–40 karakter"`
	Tahun   int    `json:"tahun" required:"false" minimum:"2000" maximum:"2100"`
	Uraian  string `json:"uraian" required:"false" maxLength:"2000" doc:"Bentuk bantuan, 3–500 karakter"`
}

// Validate normalises and checks d; tahun may not lie after the current
// year (today, in the desa's time zone).
func (d *BantuanData) Validate(today civil.Date) error {
	var p valid.Problems
	d.OPDKode, d.Uraian = strings.TrimSpace(d.OPDKode), strings.TrimSpace(d.Uraian)
	p.Text("body.opd_kode", "OPD pemberi bantuan", d.OPDKode, 1, 40)
	p.Int("body.tahun", "Tahun bantuan", int64(d.Tahun), MinTahun, int64(tahunIni(today)))
	p.Paragraph("body.uraian", "Uraian bantuan", d.Uraian, 3, 500)
	return p.Err()
}

func tahunIni(today civil.Date) int {
	if today.IsZero() {
		return MaxTahun
	}
	return today.Year()
}

// BUMDesData is what a person enters of the BUMDes's profile.
type BUMDesData struct {
	Nama              string     `json:"nama" required:"false" maxLength:"400" example:"BUM Desa Bengkel Sejahtera" doc:"3–150 karakter"`
	BadanHukum        bool       `json:"badan_hukum" required:"false" doc:"Sudah terdaftar sebagai badan hukum (PP 11/2021)"`
	BadanHukumNomor   string     `json:"badan_hukum_nomor,omitempty" required:"false" maxLength:"400" doc:"Nomor sertifikat badan hukum; wajib bila badan_hukum"`
	BadanHukumTanggal civil.Date `json:"badan_hukum_tanggal,omitempty" required:"false" doc:"Tanggal sertifikat; wajib bila badan_hukum"`
	Klasifikasi       string     `json:"klasifikasi,omitempty" required:"false" maxLength:"40" doc:"perintis, pemula, berkembang atau maju; boleh kosong"`
	KlasifikasiTahun  int        `json:"klasifikasi_tahun,omitempty" required:"false" minimum:"0" maximum:"2100" doc:"Tahun pemeringkatan; wajib bila klasifikasi diisi"`
	KlasifikasiSumber string     `json:"klasifikasi_sumber,omitempty" required:"false" maxLength:"800" example:"Kepmendesa PDTT 7/2023" doc:"Sumber klasifikasi; wajib bila klasifikasi diisi"`
	TenagaKerja       int        `json:"tenaga_kerja" required:"false" minimum:"0" maximum:"10000"`
}

// Earliest date of a BUM Desa badan hukum: PP 11/2021 was enacted on
// 2 February 2021.
const awalBadanHukum civil.Date = "2021-02-02"

// Validate normalises and checks d against the shipped classification;
// dates and years may not lie after today.
func (d *BUMDesData) Validate(today civil.Date) error {
	var p valid.Problems
	d.Nama = squeeze(d.Nama)
	d.BadanHukumNomor = strings.TrimSpace(d.BadanHukumNomor)
	d.Klasifikasi = strings.ToLower(strings.TrimSpace(d.Klasifikasi))
	d.KlasifikasiSumber = squeeze(d.KlasifikasiSumber)
	p.Text("body.nama", "Nama BUM Desa", d.Nama, 3, 150)
	if d.BadanHukum {
		p.Text("body.badan_hukum_nomor", "Nomor badan hukum", d.BadanHukumNomor, 1, 100)
		p.Required("body.badan_hukum_tanggal", "Tanggal badan hukum", !d.BadanHukumTanggal.IsZero())
		p.Date("body.badan_hukum_tanggal", "Tanggal badan hukum", d.BadanHukumTanggal, awalBadanHukum, today)
	} else {
		d.BadanHukumNomor, d.BadanHukumTanggal = "", ""
	}
	if d.Klasifikasi == "" {
		d.KlasifikasiTahun, d.KlasifikasiSumber = 0, ""
	} else {
		kelas, err := KelasBUMDesList()
		if err != nil {
			return err
		}
		known := false
		var names []string
		for _, k := range kelas {
			known = known || k.Kode == d.Klasifikasi
			names = append(names, k.Kode)
		}
		if !known {
			p.Add("body.klasifikasi", "Klasifikasi harus salah satu dari: %s.", strings.Join(names, ", "))
		}
		p.Int("body.klasifikasi_tahun", "Tahun klasifikasi", int64(d.KlasifikasiTahun), 2021, int64(tahunIni(today)))
		p.Text("body.klasifikasi_sumber", "Sumber klasifikasi", d.KlasifikasiSumber, 3, 200)
	}
	p.Int("body.tenaga_kerja", "Tenaga kerja", int64(d.TenagaKerja), 0, MaxTenagaKerja)
	return p.Err()
}

// UnitData is what a person enters of a unit usaha.
type UnitData struct {
	Nama   string `json:"nama" required:"false" maxLength:"400" doc:"2–100 karakter"`
	Bidang string `json:"bidang,omitempty" required:"false" maxLength:"400" doc:"Paling banyak 100 karakter"`
	Aktif  bool   `json:"aktif" required:"false"`
}

// Validate normalises and checks d.
func (d *UnitData) Validate() error {
	var p valid.Problems
	d.Nama, d.Bidang = squeeze(d.Nama), squeeze(d.Bidang)
	p.Text("body.nama", "Nama unit usaha", d.Nama, 2, 100)
	p.Text("body.bidang", "Bidang usaha", d.Bidang, 0, 100)
	return p.Err()
}

// TahunData is what a person enters of a year's figures, in rupiah.
type TahunData struct {
	Tahun           int   `json:"tahun,omitempty" required:"false" minimum:"0" maximum:"2100" doc:"Boleh kosong di API: tahun di path yang berlaku"`
	PenyertaanModal int64 `json:"penyertaan_modal" required:"false" minimum:"0" maximum:"1000000000000"`
	Omzet           int64 `json:"omzet" required:"false" minimum:"0" maximum:"1000000000000"`
	Laba            int64 `json:"laba" required:"false" minimum:"-1000000000000" maximum:"1000000000000" doc:"Negatif bila rugi"`
	PADes           int64 `json:"pades" required:"false" minimum:"0" maximum:"1000000000000"`
	Aset            int64 `json:"aset" required:"false" minimum:"0" maximum:"1000000000000"`
	TenagaKerja     int   `json:"tenaga_kerja" required:"false" minimum:"0" maximum:"10000"`
}

// Validate checks d: every figure within its bounds, the year not after
// the current one.
func (d *TahunData) Validate(today civil.Date) error {
	var p valid.Problems
	p.Int("body.tahun", "Tahun", int64(d.Tahun), MinTahun, int64(tahunIni(today)))
	p.Int("body.penyertaan_modal", "Penyertaan modal", d.PenyertaanModal, 0, MaxRupiah)
	p.Int("body.omzet", "Omzet", d.Omzet, 0, MaxRupiah)
	p.Int("body.laba", "Laba", d.Laba, -MaxRupiah, MaxRupiah)
	p.Int("body.pades", "Kontribusi PADes", d.PADes, 0, MaxRupiah)
	p.Int("body.aset", "Aset", d.Aset, 0, MaxRupiah)
	p.Int("body.tenaga_kerja", "Tenaga kerja", int64(d.TenagaKerja), 0, MaxTenagaKerja)
	return p.Err()
}

// ValidateLaporan checks an uploaded report's file name and size (the
// content is checked by the upload handler).
func ValidateLaporan(tahun int, nama string, ukuran int64, today civil.Date) error {
	var p valid.Problems
	p.Int("tahun", "Tahun laporan", int64(tahun), MinTahun, int64(tahunIni(today)))
	p.Text("berkas", "Nama berkas", strings.TrimSpace(nama), 1, 200)
	if ukuran < 1 || ukuran > MaxLaporan {
		p.Add("berkas", "Berkas laporan harus berisi dan paling besar %s MB.", valid.Angka(MaxLaporan>>20))
	}
	return p.Err()
}
