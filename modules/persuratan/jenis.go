package persuratan

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// JenisUmum is the type of a surat keluar entered in the register by hand
// (a letter drafted outside ngantor); service letters carry their template's
// Kode.
const JenisUmum = "umum"

// Isian is one type-specific field of a service letter form.
type Isian struct {
	Kunci string `json:"kunci" doc:"Nama field dalam rincian"`
	Label string `json:"label"`
	Wajib bool   `json:"wajib"`
	Maks  int    `json:"maks" doc:"Panjang maksimal"`

	// angka reads a numeric field and gives it back as the letter prints
	// it; nil for free text.
	angka func(field, label, v string) (string, error)
}

// nama is the field's name in a message: its label without the example
// in brackets ("Penghasilan per bulan").
func (i Isian) nama() string {
	n, _, _ := strings.Cut(i.Label, " (")
	return n
}

// JenisLayanan is a template of a service letter to a resident. Surat
// keterangan and surat pengantar are issued by the kepala desa in carrying
// out pemerintahan desa (UU 6/2014 Pasal 26 ayat (1)); preparing them is the
// pelayanan task of the kasi pelayanan (Permendagri 84/2015 Pasal 10).
type JenisLayanan struct {
	Kode      string `json:"kode" example:"keterangan_domisili"`
	Judul     string `json:"judul" example:"Surat Keterangan Domisili"`
	Singkatan string `json:"singkatan" doc:"Kode singkat untuk {jenis} pada format nomor" example:"SKD"`
	// Klasifikasi is the default kode klasifikasi arsip (Permendagri
	// 83/2022) of the type; the issuer may choose another.
	Klasifikasi string  `json:"klasifikasi" example:"400.12.2"`
	Rincian     []Isian `json:"rincian" doc:"Field khusus jenis ini"`

	pernyataan func(p Pemohon, kop Letterhead) string
}

func wilayahKalimat(kop Letterhead) string {
	return fmt.Sprintf("Desa %s, Kecamatan %s, %s", kop.Desa, kop.Kecamatan, kop.Kabupaten)
}

// alamatLengkap is an address typed by the operator followed by the parts
// of the desa's wilayah it does not already name. Operators often type the
// address as on the KTP ("Banjar Dinas Kaja, Desa Bengkel"); appending the
// whole wilayah again printed "Desa Bengkel, Desa Bengkel" on the letter.
func alamatLengkap(alamat string, kop Letterhead) string {
	alamat = strings.TrimRight(strings.TrimSpace(alamat), ",. ")
	parts := []string{alamat}
	for _, w := range []string{"Desa " + kop.Desa, "Kecamatan " + kop.Kecamatan, kop.Kabupaten} {
		if !containsPhrase(alamat, w) {
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, ", ")
}

// containsPhrase reports whether s names phrase as whole words, ignoring
// case: "Desa Bengkel" is in "br. kaja, desa bengkel" but not in
// "Desa Bengkelan".
func containsPhrase(s, phrase string) bool {
	s, phrase = strings.ToLower(s), strings.ToLower(strings.TrimSpace(phrase))
	if phrase == "" {
		return true
	}
	for from := 0; ; {
		i := strings.Index(s[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		from = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// jenisLayanan are the service letters the module issues, in menu order.
var jenisLayanan = []JenisLayanan{
	{
		Kode: "keterangan_domisili", Judul: "Surat Keterangan Domisili", Singkatan: "SKD",
		Klasifikasi: "400.12.2",
		Rincian: []Isian{
			{Kunci: "alamat_domisili", Label: "Alamat domisili (jika berbeda dari alamat KTP)", Maks: 200},
			{Kunci: "domisili_sejak", Label: "Berdomisili sejak (mis. tahun 2019)", Maks: 40},
		},
		pernyataan: func(p Pemohon, kop Letterhead) string {
			alamat := p.Rincian["alamat_domisili"]
			if alamat == "" {
				alamat = p.Alamat
			}
			s := "Orang tersebut di atas benar berdomisili di " + alamatLengkap(alamat, kop)
			if sejak := p.Rincian["domisili_sejak"]; sejak != "" {
				s += ", sejak " + sejak
			}
			return s + "."
		},
	},
	{
		Kode: "keterangan_usaha", Judul: "Surat Keterangan Usaha", Singkatan: "SKU",
		Klasifikasi: "500.3",
		Rincian: []Isian{
			{Kunci: "nama_usaha", Label: "Nama usaha", Wajib: true, Maks: 100},
			{Kunci: "jenis_usaha", Label: "Jenis usaha (mis. warung makan)", Wajib: true, Maks: 100},
			{Kunci: "alamat_usaha", Label: "Alamat usaha", Wajib: true, Maks: 200},
			{Kunci: "mulai_usaha", Label: "Berjalan sejak (mis. tahun 2021)", Maks: 40},
		},
		pernyataan: func(p Pemohon, kop Letterhead) string {
			s := fmt.Sprintf("Orang tersebut di atas benar mempunyai usaha %s dengan nama “%s” yang berlokasi di %s",
				p.Rincian["jenis_usaha"], p.Rincian["nama_usaha"], alamatLengkap(p.Rincian["alamat_usaha"], kop))
			if sejak := p.Rincian["mulai_usaha"]; sejak != "" {
				s += ", berjalan sejak " + sejak
			}
			return s + ", dan usaha tersebut sampai saat ini masih berjalan."
		},
	},
	{
		Kode: "keterangan_tidak_mampu", Judul: "Surat Keterangan Tidak Mampu", Singkatan: "SKTM",
		Klasifikasi: "400.9",
		Rincian: []Isian{
			{Kunci: "penghasilan", Label: "Penghasilan per bulan (mis. Rp 1.000.000)", Maks: 60, angka: angkaRupiah},
			{Kunci: "tanggungan", Label: "Jumlah tanggungan keluarga", Maks: 20, angka: angkaJumlah},
		},
		pernyataan: func(p Pemohon, kop Letterhead) string {
			s := fmt.Sprintf("Orang tersebut di atas benar penduduk %s yang menurut pengetahuan kami tergolong keluarga tidak mampu", wilayahKalimat(kop))
			var extra []string
			if v := p.Rincian["penghasilan"]; v != "" {
				extra = append(extra, "penghasilan "+v+" per bulan")
			}
			if v := p.Rincian["tanggungan"]; v != "" {
				extra = append(extra, v+" orang tanggungan")
			}
			if len(extra) > 0 {
				s += ", dengan " + strings.Join(extra, " dan ")
			}
			return s + "."
		},
	},
	{
		Kode: "pengantar", Judul: "Surat Pengantar", Singkatan: "SP",
		Klasifikasi: "400.12.2",
		Rincian: []Isian{
			{Kunci: "tujuan", Label: "Ditujukan kepada (instansi)", Wajib: true, Maks: 150},
		},
		pernyataan: func(p Pemohon, kop Letterhead) string {
			return fmt.Sprintf("Orang tersebut di atas benar penduduk %s, dan dengan ini kami antar kepada %s untuk keperluan sebagaimana tersebut di bawah ini.",
				wilayahKalimat(kop), p.Rincian["tujuan"])
		},
	},
}

// JenisLayananList returns the service letter templates in menu order.
func JenisLayananList() []JenisLayanan { return slices.Clone(jenisLayanan) }

// kodeLayanan are the Kode of every service letter type.
func kodeLayanan() []string {
	out := make([]string, len(jenisLayanan))
	for i, j := range jenisLayanan {
		out[i] = j.Kode
	}
	return out
}

func findJenis(kode string) (JenisLayanan, bool) {
	for _, j := range jenisLayanan {
		if j.Kode == kode {
			return j, true
		}
	}
	return JenisLayanan{}, false
}

// JenisDinas is a type of surat dinas the desa writes to offices and
// institutions (not to a resident): drafted outside ngantor, numbered and
// recorded in the buku agenda surat keluar here. The undangan, laporan and
// pemberitahuan are the correspondence a kantor desa sends most.
type JenisDinas struct {
	Kode      string `json:"kode" example:"undangan"`
	Judul     string `json:"judul" example:"Surat Undangan"`
	Singkatan string `json:"singkatan" doc:"Kode singkat untuk {jenis} pada format nomor" example:"UND"`
}

// jenisDinas are the surat dinas types in menu order; JenisUmum is the
// catch-all of letters that are none of them.
var jenisDinas = []JenisDinas{
	{Kode: "undangan", Judul: "Surat Undangan", Singkatan: "UND"},
	{Kode: "laporan", Judul: "Laporan", Singkatan: "LAP"},
	{Kode: "pemberitahuan", Judul: "Surat Pemberitahuan", Singkatan: "PBT"},
	{Kode: JenisUmum, Judul: "Surat Dinas", Singkatan: "UM"},
}

// JenisDinasList returns the surat dinas types in menu order.
func JenisDinasList() []JenisDinas { return slices.Clone(jenisDinas) }

func findJenisDinas(kode string) (JenisDinas, bool) {
	for _, j := range jenisDinas {
		if j.Kode == kode {
			return j, true
		}
	}
	return JenisDinas{}, false
}

// jenisSingkatan is the {jenis} of a number.
func jenisSingkatan(jenis string) string {
	if j, ok := findJenis(jenis); ok {
		return j.Singkatan
	}
	if j, ok := findJenisDinas(jenis); ok {
		return j.Singkatan
	}
	return "UM"
}

// jenisJudul is a letter type in words.
func jenisJudul(jenis string) string {
	if j, ok := findJenis(jenis); ok {
		return j.Judul
	}
	if j, ok := findJenisDinas(jenis); ok {
		return j.Judul
	}
	return "Surat Dinas"
}

// Pemohon is the resident a service letter is about. It is personal data:
// stored on the letter, printed on its PDF, never shown by verification.
type Pemohon struct {
	Nama         string            `json:"nama" doc:"Nama lengkap, 1–100 karakter"`
	NIK          string            `json:"nik" doc:"Nomor Induk Kependudukan, 16 angka" example:"5102064107900001"`
	TempatLahir  string            `json:"tempat_lahir,omitempty" doc:"Maksimal 60 karakter"`
	TanggalLahir Tanggal           `json:"tanggal_lahir,omitempty" format:"date"`
	JenisKelamin string            `json:"jenis_kelamin,omitempty" enum:"L,P"`
	Pekerjaan    string            `json:"pekerjaan,omitempty" doc:"Maksimal 60 karakter"`
	Alamat       string            `json:"alamat" doc:"Alamat sesuai KTP, 1–200 karakter"`
	Keperluan    string            `json:"keperluan" doc:"1–200 karakter"`
	Rincian      map[string]string `json:"rincian,omitempty" doc:"Field khusus jenis surat (lihat jenis-surat-layanan)"`
}
