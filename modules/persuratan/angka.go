package persuratan

import (
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// Numbers residents give on a service letter form. Both print on the
// letter as the desa writes them, so they are read, bounded and written
// back in one form.

// MaxPenghasilan bounds a monthly income (Rp 1 triliun): anything above is
// a typing error, and every sum of rupiah stays far inside int64.
const MaxPenghasilan int64 = 1_000_000_000_000

// MaxTanggungan bounds the dependants of one household.
const MaxTanggungan = 50

// ParseRupiah reads an amount of money as written on Indonesian forms:
// "Rp 1.500.000", "Rp1.500.000,-", "1.500.000,00", "1500000". Thousands are
// separated by dots in groups of three; sen, if written, must be zero (a
// monthly income is whole rupiah). It refuses anything else rather than
// guess: "1,5 juta" or "1.50.000" are not read.
func ParseRupiah(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"Rp.", "Rp", "rp.", "rp", "RP.", "RP"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	for _, suf := range []string{",-", ",00", ",0"} {
		if rest, ok := strings.CutSuffix(s, suf); ok {
			s = rest
			break
		}
	}
	if s == "" {
		return 0, false
	}
	groups := strings.Split(s, ".")
	for i, g := range groups {
		if g == "" || len(g) > 3 && len(groups) > 1 || i > 0 && len(g) != 3 {
			return 0, false
		}
	}
	var n int64
	for _, r := range strings.Join(groups, "") {
		if r < '0' || r > '9' {
			return 0, false
		}
		if n > (1<<63-1-9)/10 {
			return 0, false
		}
		n = n*10 + int64(r-'0')
	}
	return n, true
}

// Rupiah writes an amount as a letter prints it: "Rp 1.500.000".
func Rupiah(n int64) string { return "Rp " + valid.Angka(n) }

// angkaRupiah is the Isian check of a monthly income.
func angkaRupiah(field, label, v string) (string, error) {
	n, ok := ParseRupiah(v)
	if !ok {
		return "", fault.Field(field, "%s tidak terbaca sebagai jumlah rupiah; tulis mis. Rp 1.500.000.", label)
	}
	if n > MaxPenghasilan {
		return "", fault.Field(field, "%s harus antara Rp 0 dan %s.", label, Rupiah(MaxPenghasilan))
	}
	return Rupiah(n), nil
}

// ParseJumlah reads a count of people: digits only, optionally followed by
// "orang" ("3", "3 orang").
func ParseJumlah(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "orang"), "Orang"))
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// angkaJumlah is the Isian check of the number of dependants.
func angkaJumlah(field, label, v string) (string, error) {
	n, ok := ParseJumlah(v)
	if !ok {
		return "", fault.Field(field, "%s harus berupa angka, mis. 3.", label)
	}
	if n > MaxTanggungan {
		return "", fault.Field(field, "%s harus antara 0 dan %d.", label, MaxTanggungan)
	}
	return valid.Angka(int64(n)), nil
}
