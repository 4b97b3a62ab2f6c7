package persuratan

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DefaultFormat is the numbering of a desa that set none: kode klasifikasi
// (Permendagri 83/2022 Pasal 3: the code is the basis of a letter's number),
// running number, the desa's short code, month in Roman numerals and year,
// as tata naskah dinas of pemerintah daerah write it.
const DefaultFormat = "{kode}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}"

// Format tokens. {kode_desa} renders the desa's short code from its
// numbering settings; it defaults to the last part of the Kemendagri code
// ("2001" for 51.02.06.2001), which is unique inside a kecamatan.
const (
	tokKode        = "kode"
	tokNomor       = "nomor"
	tokKodeDesa    = "kode_desa"
	tokBulanRomawi = "bulan_romawi"
	tokBulan       = "bulan"
	tokTahun       = "tahun"
	tokJenis       = "jenis"
)

var knownTokens = map[string]bool{tokKode: true, tokNomor: true, tokKodeDesa: true,
	tokBulanRomawi: true, tokBulan: true, tokTahun: true, tokJenis: true}

// Format is a parsed numbering format such as DefaultFormat.
type Format struct {
	raw   string
	parts []formatPart
}

type formatPart struct {
	lit   string
	tok   string
	width int // zero-padding of {nomor:N}
}

// ParseFormat checks a numbering format. It must hold the running number
// and the year: without them two letters could render the same number.
func ParseFormat(s string) (Format, error) {
	bad := func(format string, args ...any) (Format, error) {
		return Format{}, fault.Field("body.format", format, args...)
	}
	if s == "" || len(s) > 100 {
		return bad("format nomor harus 1–100 karakter")
	}
	f := Format{raw: s}
	rest := s
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			f.parts = append(f.parts, formatPart{lit: rest})
			break
		}
		if open > 0 {
			f.parts = append(f.parts, formatPart{lit: rest[:open]})
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return bad("format nomor: kurung kurawal tidak ditutup")
		}
		body := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		name, width, hasWidth := strings.Cut(body, ":")
		if !knownTokens[name] {
			return bad("format nomor: {%s} tidak dikenal", body)
		}
		p := formatPart{tok: name}
		if hasWidth {
			n, err := strconv.Atoi(width)
			if name != tokNomor || err != nil || n < 1 || n > 6 {
				return bad("format nomor: {%s} tidak sah (lebar hanya untuk {nomor:1} sampai {nomor:6})", body)
			}
			p.width = n
		}
		f.parts = append(f.parts, p)
	}
	for _, p := range f.parts {
		if strings.ContainsAny(p.lit, "{}") {
			return bad("format nomor: kurung kurawal tanpa pasangan")
		}
		for _, r := range p.lit {
			if r < 0x20 || r == 0x7f {
				return bad("format nomor memuat karakter kendali")
			}
		}
	}
	if !f.Has(tokNomor) || !f.Has(tokTahun) {
		return bad("format nomor harus memuat {nomor} dan {tahun}")
	}
	return f, nil
}

// MustFormat parses a format known to be valid.
func MustFormat(s string) Format {
	f, err := ParseFormat(s)
	if err != nil {
		panic(err)
	}
	return f
}

func (f Format) String() string { return f.raw }

// Has reports whether the format uses token tok.
func (f Format) Has(tok string) bool {
	for _, p := range f.parts {
		if p.tok == tok {
			return true
		}
	}
	return false
}

// NomorFields are what a number is made of.
type NomorFields struct {
	Kode     string  // kode klasifikasi, e.g. "400.12.2"
	Urut     int64   // running number in its sequence and year
	KodeDesa string  // the desa's short code
	Tanggal  Tanggal // the letter's date: month and year
	Jenis    string  // short code of the letter type, e.g. "SKD"
}

// Render writes the number of a letter.
func (f Format) Render(v NomorFields) string {
	var b strings.Builder
	for _, p := range f.parts {
		switch p.tok {
		case "":
			b.WriteString(p.lit)
		case tokKode:
			b.WriteString(v.Kode)
		case tokNomor:
			fmt.Fprintf(&b, "%0*d", p.width, v.Urut)
		case tokKodeDesa:
			b.WriteString(v.KodeDesa)
		case tokBulanRomawi:
			b.WriteString(romawi(v.Tanggal.Month()))
		case tokBulan:
			fmt.Fprintf(&b, "%02d", int(v.Tanggal.Month()))
		case tokTahun:
			b.WriteString(strconv.Itoa(v.Tanggal.Year()))
		case tokJenis:
			b.WriteString(v.Jenis)
		}
	}
	return b.String()
}

// Kebijakan is a desa's sequence policy: which letters share one running
// number. Every sequence restarts at 1 each year.
type Kebijakan string

const (
	// KebijakanBersama: one sequence for surat keluar and surat masuk, the
	// single nomor urut column of the buku agenda (Permendagri 47/2016).
	KebijakanBersama Kebijakan = "bersama"
	// KebijakanRegister: one sequence per register (keluar, masuk).
	KebijakanRegister Kebijakan = "register"
	// KebijakanJenis: surat keluar numbered per letter type; surat masuk
	// keeps its own sequence.
	KebijakanJenis Kebijakan = "jenis"
)

// DefaultKebijakan is the policy of a desa that set none.
const DefaultKebijakan = KebijakanRegister

func (k Kebijakan) valid() bool {
	return k == KebijakanBersama || k == KebijakanRegister || k == KebijakanJenis
}

// lingkupKeluar names the sequence an outgoing letter of type jenis takes
// its number from.
func (k Kebijakan) lingkupKeluar(jenis string) string {
	switch k {
	case KebijakanBersama:
		return "agenda"
	case KebijakanJenis:
		return "keluar:" + jenis
	}
	return "keluar"
}

// lingkupMasuk names the sequence of the surat masuk agenda numbers.
func (k Kebijakan) lingkupMasuk() string {
	if k == KebijakanBersama {
		return "agenda"
	}
	return "masuk"
}

// Pengaturan is a desa's numbering settings.
type Pengaturan struct {
	Format    string    `json:"format" doc:"Format nomor surat keluar" example:"{kode}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}"`
	Kebijakan Kebijakan `json:"kebijakan" enum:"bersama,register,jenis" doc:"Urutan nomor: bersama (satu urutan untuk surat keluar dan masuk), register (per buku), jenis (surat keluar per jenis surat)"`
	KodeDesa  string    `json:"kode_desa" doc:"Kode singkat desa untuk {kode_desa}" example:"2001"`
}

// defaultPengaturan is what a desa without settings numbers by.
func defaultPengaturan(desa tenancy.Kode) Pengaturan {
	s := string(desa)
	return Pengaturan{Format: DefaultFormat, Kebijakan: DefaultKebijakan, KodeDesa: s[strings.LastIndexByte(s, '.')+1:]}
}

// Urutan is one number taken from a sequence: the counter row of
// (desa, Lingkup, Tahun) after its increment.
type Urutan struct {
	Lingkup string
	Tahun   int
	Nomor   int64
}

var errNumbered = errors.New("persuratan: letter already has a number")

// Number gives the letter its number from next, the value just taken from
// its own sequence in the transaction that inserts it. It refuses a number
// from another sequence or year and a second number for the same letter:
// with the counter row locked until commit, that is what makes a duplicate
// impossible and a gap impossible (a rolled-back insert rolls the counter
// back with it).
func (s *SuratKeluar) Number(next Urutan, f Format, kodeDesa string) error {
	if s.Urut != 0 || s.Nomor != "" {
		return errNumbered
	}
	if next.Lingkup != s.Lingkup || next.Tahun != s.Tanggal.Year() || next.Nomor < 1 {
		return fmt.Errorf("persuratan: number %d of %s/%d given to a letter of %s/%d",
			next.Nomor, next.Lingkup, next.Tahun, s.Lingkup, s.Tanggal.Year())
	}
	s.Urut = next.Nomor
	s.Tahun = next.Tahun
	s.Nomor = f.Render(NomorFields{
		Kode: s.KlasifikasiKode, Urut: next.Nomor, KodeDesa: kodeDesa,
		Tanggal: s.Tanggal, Jenis: jenisSingkatan(s.Jenis),
	})
	return nil
}

// Number gives an incoming letter its agenda number; the same rules as
// SuratKeluar.Number hold.
func (s *SuratMasuk) Number(next Urutan) error {
	if s.NomorAgenda != 0 {
		return errNumbered
	}
	if next.Lingkup != s.Lingkup || next.Tahun != s.TanggalTerima.Year() || next.Nomor < 1 {
		return fmt.Errorf("persuratan: agenda number %d of %s/%d given to a letter of %s/%d",
			next.Nomor, next.Lingkup, next.Tahun, s.Lingkup, s.TanggalTerima.Year())
	}
	s.NomorAgenda = next.Nomor
	s.Tahun = next.Tahun
	return nil
}
