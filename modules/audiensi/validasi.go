package audiensi

import (
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of the module's inputs.
const (
	MaxJudul     = 200
	MinJudul     = 5
	MaxIsi       = 5000
	MinIsi       = 10
	MaxDusun     = 100
	MaxNama      = 100
	MaxCatatan   = 2000
	MinAlasan    = 5
	MaxPenerima  = 10 // OPD an audiensi may be disposed to at once
	MaxKunjungan = 100
)

// AudiensiData is what a reporter or a perangkat writes: the one
// validation used by the API, the public form and the pages.
type AudiensiData struct {
	Kategori       string      `json:"kategori" maxLength:"40" doc:"Kode kategori (GET …/audiensi/kategori)" example:"sampah"`
	Judul          string      `json:"judul" maxLength:"400" example:"Sampah menumpuk di pinggir jalan Banjar Tengah"`
	Isi            string      `json:"isi" maxLength:"10000" example:"Sudah dua minggu sampah tidak diangkut dan mulai berbau."`
	Dusun          string      `json:"dusun,omitempty" maxLength:"200" doc:"Dusun atau banjar" example:"Banjar Tengah"`
	Lintang        string      `json:"lintang,omitempty" maxLength:"30" doc:"Derajat desimal, opsional" example:"-8.5401"`
	Bujur          string      `json:"bujur,omitempty" maxLength:"30" doc:"Derajat desimal, opsional" example:"115.1234"`
	PelaporMode    ModePelapor `json:"pelapor_mode" enum:"terbuka,anonim,rahasia" doc:"terbuka: nama dan HP terlihat oleh perangkat desa yang menangani; anonim: tidak disimpan; rahasia: hanya verifikator"`
	PelaporNama    string      `json:"pelapor_nama,omitempty" maxLength:"200"`
	PelaporTelepon string      `json:"pelapor_telepon,omitempty" maxLength:"40" example:"0812 3456 7890"`
}

// clean is d checked: trimmed, the phone normalised, coordinates in
// micro-degrees; an anonymous reporter keeps no name or phone.
type clean struct {
	AudiensiData
	lintang, bujur *int64
	kategori       Kategori
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// Validate checks d against the categories of ref.
func (d AudiensiData) validate(ref Referensi) (clean, error) {
	var p valid.Problems
	c := clean{AudiensiData: d}
	c.Kategori = strings.TrimSpace(d.Kategori)
	c.Judul = squeeze(d.Judul)
	c.Isi = strings.TrimSpace(d.Isi)
	c.Dusun = squeeze(d.Dusun)
	c.PelaporNama = squeeze(d.PelaporNama)
	if k, ok := ref.KategoriOf(c.Kategori); ok {
		c.kategori = k
	} else {
		p.Add("body.kategori", "Pilih kategori dari daftar.")
	}
	p.Text("body.judul", "Judul", c.Judul, MinJudul, MaxJudul)
	p.Paragraph("body.isi", "Isi", c.Isi, MinIsi, MaxIsi)
	p.Text("body.dusun", "Dusun/banjar", c.Dusun, 0, MaxDusun)
	lt, bj := strings.TrimSpace(d.Lintang), strings.TrimSpace(d.Bujur)
	switch {
	case lt == "" && bj == "":
	case lt == "" || bj == "":
		p.Add("body.lintang", "Isi lintang dan bujur bersama, atau kosongkan keduanya.")
	default:
		v, err := valid.ParseDerajat("body.lintang", "Lintang", lt, valid.LintangMinE6, valid.LintangMaxE6)
		p.Include("body.lintang", err)
		w, err2 := valid.ParseDerajat("body.bujur", "Bujur", bj, valid.BujurMinE6, valid.BujurMaxE6)
		p.Include("body.bujur", err2)
		if err == nil && err2 == nil {
			c.lintang, c.bujur = &v, &w
		}
	}
	switch d.PelaporMode {
	case Anonim:
		c.PelaporNama, c.PelaporTelepon = "", ""
	case Terbuka, Rahasia:
		p.Text("body.pelapor_nama", "Nama pelapor", c.PelaporNama, 0, MaxNama)
		c.PelaporTelepon = p.Telepon("body.pelapor_telepon", "Nomor HP pelapor", d.PelaporTelepon)
		if d.PelaporMode == Rahasia && c.PelaporNama == "" && c.PelaporTelepon == "" {
			p.Add("body.pelapor_nama", "Pelapor rahasia mengisi nama atau nomor HP (hanya verifikator yang melihatnya); tanpa keduanya pilih anonim.")
		}
	default:
		p.Add("body.pelapor_mode", "Pilih cara pelapor disebut: terbuka, anonim, atau rahasia.")
	}
	return c, p.Err()
}

// catatan checks a note or reason: required with at least min characters
// when min > 0.
func catatan(field, label, s string, min int) (string, error) {
	s = strings.TrimSpace(s)
	var p valid.Problems
	p.Paragraph(field, label, s, min, MaxCatatan)
	return s, p.Err()
}

// kunjunganRef checks a field visit's reference: the id of a visit.
func kunjunganRef(s string) (string, error) {
	s = strings.TrimSpace(s)
	var p valid.Problems
	p.Text("body.kunjungan", "Kunjungan", s, 0, MaxKunjungan)
	return s, p.Err()
}
