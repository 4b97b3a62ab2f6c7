package keuangan

import (
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// Rupiah is an amount of money in whole rupiah. It is never a float: APBDes
// amounts are whole rupiah and sums of thousands of lines must be exact.
type Rupiah int64

// MaxRupiah bounds every amount typed or imported: just under one
// kuadriliun, so that even ten thousand lines at the bound sum without
// overflowing int64 (about 9,2 × 10¹⁸).
const MaxRupiah Rupiah = 999_999_999_999_999

// ParseRupiah reads an amount as Indonesians type it: "Rp 1.250.000,00",
// "Rp1.250.000,-", "1.250.000" or "1250000". A point separates thousands
// only; the part after a comma may only be the zero sen ",00" or ",-". The
// error is an Invalid fault on field with a Bahasa message for the form.
func ParseRupiah(field, s string) (Rupiah, error) {
	var p valid.Problems
	r := parseRupiah(&p, field, s)
	return r, p.Err()
}

func parseRupiah(p *valid.Problems, field, s string) Rupiah {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if s == "" {
		p.Add(field, "Jumlah wajib diisi.")
		return 0
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		p.Add(field, "Jumlah tidak boleh negatif.")
		return 0
	}
	if len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
		s = strings.TrimPrefix(s[2:], ".")
		s = strings.TrimSpace(s)
	}
	num, sen, hasComma := strings.Cut(s, ",")
	num = strings.TrimSpace(num)
	if hasComma {
		switch strings.TrimSpace(sen) {
		case "00", "-":
		default:
			if hasSatuan(sen) {
				p.Add(field, "Tulis jumlah lengkap dalam rupiah, mis. 1.250.000; singkatan seperti jt atau rb tidak diterima.")
			} else {
				p.Add(field, "Jumlah rupiah tidak memakai sen: di belakang koma hanya boleh ,00 atau ,- (mis. 1.250.000,00).")
			}
			return 0
		}
	}
	if num == "" {
		p.Add(field, "Jumlah harus berupa angka, mis. 1.250.000.")
		return 0
	}
	digits, ok := ungroup(num)
	if !ok {
		switch {
		case hasSatuan(num):
			p.Add(field, "Tulis jumlah lengkap dalam rupiah, mis. 1.250.000; singkatan seperti jt atau rb tidak diterima.")
		case strings.Trim(num, "0123456789.") == "":
			p.Add(field, "Titik hanya pemisah ribuan (tiap tiga angka), mis. 1.250.000; rupiah tidak memakai pecahan.")
		default:
			p.Add(field, "Jumlah harus berupa angka, mis. 1.250.000.")
		}
		return 0
	}
	// More than 15 digits (leading zeros aside) is already over MaxRupiah;
	// checking the length first keeps ParseInt from overflowing.
	trimmed := strings.TrimLeft(digits, "0")
	n, err := strconv.ParseInt("0"+trimmed, 10, 64)
	if len(trimmed) > 15 || err != nil || Rupiah(n) > MaxRupiah {
		p.Add(field, "Jumlah terlalu besar: paling banyak %s.", MaxRupiah)
		return 0
	}
	return Rupiah(n)
}

// ungroup returns the digits of s, written either plainly ("1250000") or
// with a point every three digits from the right ("1.250.000").
func ungroup(s string) (string, bool) {
	groups := strings.Split(s, ".")
	for i, g := range groups {
		if g == "" || strings.Trim(g, "0123456789") != "" {
			return "", false
		}
		if len(groups) > 1 && (i > 0 && len(g) != 3 || i == 0 && len(g) > 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// hasSatuan reports a word like "jt", "juta", "rb" or "M" where digits
// belong: people shorten amounts in speech, never on an APBDes line.
func hasSatuan(s string) bool {
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	s = strings.ToLower(s)
	for _, w := range []string{"jt", "juta", "rb", "ribu", "m", "miliar", "milyar", "k"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// String formats r as "Rp 1.250.000" (a negative difference as
// "-Rp 1.250.000").
func (r Rupiah) String() string {
	s := valid.Angka(int64(r))
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return "-Rp " + rest
	}
	return "Rp " + s
}

// Angka formats r without the currency, as "1.250.000".
func (r Rupiah) Angka() string { return valid.Angka(int64(r)) }

// Jumlah sums amounts exactly; ok is false when the sum leaves int64 (it
// cannot while every term is within MaxRupiah and there are fewer than
// about nine thousand of them, but an import or a rollup must not wrap
// around silently).
func Jumlah(amounts ...Rupiah) (sum Rupiah, ok bool) {
	for _, a := range amounts {
		next := sum + a
		if (a > 0 && next < sum) || (a < 0 && next > sum) {
			return 0, false
		}
		sum = next
	}
	return sum, true
}
