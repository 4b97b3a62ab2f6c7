package opd

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of an OPD's fields.
const (
	MaxNama       = 200
	MaxSingkatan  = 50
	MaxKode       = 30
	MaxUrusan     = 20
	MaxUrusanTeks = 100
)

// OPDIsi is what an admin writes of an OPD: everything but the code,
// which is given once, on creation, and never changes.
type OPDIsi struct {
	Nama      string   `json:"nama" maxLength:"200" example:"Dinas Lingkungan Hidup Kabupaten Tabanan"`
	Singkatan string   `json:"singkatan,omitempty" maxLength:"50" example:"DLH" doc:"Singkatan yang lazim; boleh kosong"`
	Jenis     Jenis    `json:"jenis" enum:"sekretariat,dinas,badan,inspektorat,satpol_pp,rsud,kecamatan"`
	Urusan    []string `json:"urusan" maxItems:"20" doc:"Urusan pemerintahan yang ditangani, tiap butir paling panjang 100 karakter" example:"[\"lingkungan hidup\",\"persampahan\"]"`
	Aktif     bool     `json:"aktif" doc:"OPD tidak pernah dihapus; yang tidak ada lagi dinonaktifkan"`
}

// OPDBaru is a new OPD: its fields and, optionally, its code.
type OPDBaru struct {
	Kode string `json:"kode,omitempty" maxLength:"30" example:"DLH" doc:"Kode singkat tetap (huruf besar dan angka). Kosong: dibentuk dari singkatan, atau dari huruf awal nama."`
	OPDIsi
}

// normal trims every field and drops empty urusan items.
func (in OPDIsi) normal() OPDIsi {
	in.Nama = strings.TrimSpace(in.Nama)
	in.Singkatan = strings.TrimSpace(in.Singkatan)
	in.Jenis = Jenis(strings.TrimSpace(string(in.Jenis)))
	urusan := make([]string, 0, len(in.Urusan))
	for _, u := range in.Urusan {
		if u = strings.TrimSpace(u); u != "" {
			urusan = append(urusan, u)
		}
	}
	in.Urusan = urusan
	return in
}

// Periksa is the one validation of an OPD's fields, for the API and the
// page alike; it returns the input trimmed. Field names are the API's
// ("body.nama"); the page maps them to its inputs.
func (in OPDIsi) Periksa() (OPDIsi, error) {
	in = in.normal()
	var p valid.Problems
	p.Text("body.nama", "Nama OPD", in.Nama, 3, MaxNama)
	p.Text("body.singkatan", "Singkatan", in.Singkatan, 0, MaxSingkatan)
	if !in.Jenis.Valid() {
		p.Add("body.jenis", "Jenis OPD harus salah satu dari: sekretariat, dinas, badan, inspektorat, satpol_pp, rsud, kecamatan.")
	}
	if len(in.Urusan) > MaxUrusan {
		p.Add("body.urusan", "Urusan paling banyak %d butir (sekarang %d).", MaxUrusan, len(in.Urusan))
	}
	seen := map[string]bool{}
	for _, u := range in.Urusan {
		if p.Has("body.urusan") {
			break
		}
		p.Text("body.urusan", "Setiap butir urusan", u, 1, MaxUrusanTeks)
		if k := strings.ToLower(u); seen[k] {
			p.Add("body.urusan", "Urusan %q tertulis dua kali.", u)
		} else {
			seen[k] = true
		}
	}
	return in, p.Err()
}

// Periksa validates a new OPD and settles its code: the given one, else
// the abbreviation's (KodeDari), else the initials of the name
// (KodeDariNama).
func (in OPDBaru) Periksa() (OPDBaru, error) {
	isi, err := in.OPDIsi.Periksa()
	var p valid.Problems
	p.Include("body", err)
	in.OPDIsi = isi
	in.Kode = strings.TrimSpace(in.Kode)
	switch {
	case in.Kode != "":
		if !KodeSah(in.Kode) {
			p.Add("body.kode", "Kode OPD hanya huruf besar A–Z dan angka, 2 sampai %d karakter, mis. DLH.", MaxKode)
		}
	case in.Singkatan != "" && KodeSah(KodeDari(in.Singkatan)):
		in.Kode = KodeDari(in.Singkatan)
	case !p.Has("body.nama"):
		in.Kode = KodeDariNama(in.Nama)
		if !KodeSah(in.Kode) {
			p.Add("body.kode", "Kode OPD tidak dapat dibentuk dari nama; isi kode (huruf besar dan angka), mis. DLH.")
		}
	}
	return in, p.Err()
}

// KodeSah reports whether s is a well-formed OPD code: 2–MaxKode upper-case
// ASCII letters and digits, starting with a letter.
func KodeSah(s string) bool {
	if len(s) < 2 || len(s) > MaxKode || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// KodeDari is an abbreviation's letters and digits in upper case: "Satpol
// PP" → SATPOLPP, "Diskop UKM" → DISKOPUKM. It must stay equal to
// modules/cctv opdKode: cctv access lists and dossier audiences compare
// these codes.
func KodeDari(singkatan string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToUpper(r)
		}
		return -1
	}, singkatan)
}

// kataSambung are the words a code from initials skips.
var kataSambung = map[string]bool{"dan": true, "serta": true, "di": true, "dari": true, "untuk": true, "pada": true}

// KodeDariNama is a code made of the initials of a name's significant
// words, for an OPD without an abbreviation: "Dinas Ketahanan Pangan
// Kabupaten Tabanan" → DKP. A remark in parentheses and the trailing
// "Kabupaten …" are not part of it.
func KodeDariNama(nama string) string {
	if i := strings.IndexByte(nama, '('); i >= 0 {
		nama = nama[:i]
	}
	if i := strings.Index(strings.ToLower(nama), " kabupaten "); i >= 0 {
		nama = nama[:i]
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(nama, func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '-' }) {
		if kataSambung[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}
