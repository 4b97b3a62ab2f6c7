package valid

import (
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
)

// NIK is a Nomor Induk Kependudukan (UU 24/2013 jo. Permendagri 108/2019):
// 16 digits — the kecamatan of first registration (2 provinsi, 2
// kabupaten/kota, 2 kecamatan), the birth date as DDMMYY with 40 added to
// the day for women, and a 4-digit serial that is never 0000.
//
// It prints masked everywhere (String, MarshalText), so a NIK never leaks
// through %v, JSON or a log; Full is for the store and the one document
// handed to the resident.
type NIK string

// ParseNIK checks s (spaces around it are ignored) and returns the NIK. The
// error is an Invalid fault on field with a message for the form.
func ParseNIK(field, s string) (NIK, error) {
	var p Problems
	n := p.NIK(field, "NIK", s)
	return n, p.Err()
}

// NIK checks a NIK and returns it ("" when invalid).
func (p *Problems) NIK(field, label, s string) NIK {
	s = strings.TrimSpace(s)
	if len(s) != 16 || strings.Trim(s, "0123456789") != "" {
		p.Add(field, "%s harus 16 angka.", label)
		return ""
	}
	prov, kab, kec := s[0:2], s[2:4], s[4:6]
	if prov < "11" || prov > "96" || kab == "00" || kec == "00" {
		p.Add(field, "%s tidak sah: enam angka pertamanya bukan kode kecamatan.", label)
		return ""
	}
	if _, ok := NIK(s).birth(); !ok {
		p.Add(field, "%s tidak sah: tanggal lahir di dalamnya (angka ke-7 sampai ke-12) keliru.", label)
		return ""
	}
	if s[12:] == "0000" {
		p.Add(field, "%s tidak sah: nomor urut 0000.", label)
		return ""
	}
	return NIK(s)
}

// birth is the day and month in the NIK (the year has two digits only).
func (n NIK) birth() (dayMonth [2]int, ok bool) {
	if len(n) != 16 {
		return dayMonth, false
	}
	day, month := atoi2(string(n[6:8])), atoi2(string(n[8:10]))
	if day > 40 {
		day -= 40
	}
	if month < 1 || month > 12 || day < 1 {
		return dayMonth, false
	}
	// 2000 is a leap year: 29 February is a valid birthday in any NIK.
	if day > time.Date(2000, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return dayMonth, false
	}
	return [2]int{day, month}, true
}

// Perempuan reports whether the NIK encodes a woman (day + 40).
func (n NIK) Perempuan() bool { return len(n) == 16 && atoi2(string(n[6:8])) > 40 }

// MatchesBirth reports whether the NIK's date part agrees with a birth date
// (day, month, two-digit year).
func (n NIK) MatchesBirth(d civil.Date) bool {
	dm, ok := n.birth()
	if !ok || d.IsZero() {
		return false
	}
	t := d.Time()
	return dm[0] == t.Day() && dm[1] == int(t.Month()) && atoi2(string(n[10:12])) == t.Year()%100
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// Full is the whole number, for storage and the resident's own letter.
func (n NIK) Full() string { return string(n) }

// Masked keeps the first four digits (the kabupaten) and the last two:
// 5102**********01.
func (n NIK) Masked() string { return MaskNIK(string(n)) }

// String is the masked form.
func (n NIK) String() string { return n.Masked() }

// MarshalText is the masked form: every JSON answer masks it.
func (n NIK) MarshalText() ([]byte, error) { return []byte(n.Masked()), nil }

// MaskNIK masks a NIK held as a plain string.
func MaskNIK(s string) string {
	if len(s) != 16 {
		return strings.Repeat("*", len(s))
	}
	return s[:4] + strings.Repeat("*", 10) + s[14:]
}

// MaskName keeps each word's first letter and hides the rest:
// "I Ketut Umbara" → "I K**** U*****".
// The verification page shows it so that a QR copied onto another person's
// letter is caught without printing the holder's name.
func MaskName(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		if len(r) > 1 {
			words[i] = string(r[0]) + strings.Repeat("*", len(r)-1)
		}
	}
	return strings.Join(words, " ")
}
