package sampah

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// Takaran is an amount of a jenis sampah in thousandths of its unit: for a
// jenis weighed in kg it is whole grams (12,5 kg is Takaran(12500)); for
// pcs or liter, thousandths of a piece or a liter. It is never a float, so
// sums of a year's setoran and price × amount are exact.
type Takaran int64

// Skala is one whole unit (1 kg, 1 pcs, 1 liter).
const Skala = 1000

// MaxTakaran bounds one amount typed at a scale or logged for a day: 100
// tonnes. A TPS3R of a desa takes in a few tonnes a day at most.
const MaxTakaran Takaran = 100_000 * Skala

// MaxHarga bounds a price per unit (rupiah per kg, pcs or liter).
const MaxHarga int64 = 10_000_000

// ParseTakaran reads an amount as typed at the scale: "12", "12,5",
// "12.5", "0,250" or "1.250,75" (points group thousands when a comma is
// the decimal mark), at most three decimals, in the jenis's unit. The error
// is an Invalid fault on field with a Bahasa message for the form.
func ParseTakaran(field, s string) (Takaran, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, fault.Field(field, "Jumlah wajib diisi.")
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−"):
		return 0, fault.Field(field, "Jumlah tidak boleh negatif.")
	}
	whole, frac := s, ""
	if i := strings.IndexByte(s, ','); i >= 0 {
		whole, frac = strings.ReplaceAll(s[:i], ".", ""), s[i+1:]
	} else if strings.Count(s, ".") == 1 {
		// "2.5" is a decimal; "1.250" is one thousand two hundred fifty.
		i := strings.IndexByte(s, '.')
		if len(s)-i-1 == 3 {
			whole = s[:i] + s[i+1:]
		} else {
			whole, frac = s[:i], s[i+1:]
		}
	} else {
		whole = strings.ReplaceAll(s, ".", "")
	}
	if whole == "" {
		whole = "0"
	}
	if !digits(whole) || (frac != "" && !digits(frac)) {
		return 0, fault.Field(field, "Jumlah harus berupa angka, misalnya 12 atau 2,5.")
	}
	if len(frac) > 3 {
		return 0, fault.Field(field, "Jumlah paling banyak tiga angka di belakang koma (gram).")
	}
	if len(whole) > 9 {
		return 0, fault.Field(field, "Jumlah terlalu besar.")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "000")[:3], 10, 64)
	}
	t := Takaran(w*Skala + f)
	if t > MaxTakaran {
		return 0, fault.Field(field, "Jumlah terlalu besar (paling banyak 100.000 per isian).")
	}
	return t, nil
}

// String formats t the Indonesian way: "12,5", "1.250", "0,25".
func (t Takaran) String() string {
	neg := t < 0
	if neg {
		t = -t
	}
	w, f := int64(t)/Skala, int64(t)%Skala
	s := valid.Angka(w)
	if f != 0 {
		s += "," + strings.TrimRight(strconv.FormatInt(f+Skala, 10)[1:], "0")
	}
	if neg {
		return "-" + s
	}
	return s
}

// Nilai is the value of amount t at harga rupiah per unit, rounded half up
// to the rupiah; ok is false when it would leave int64 (it cannot within
// MaxTakaran and MaxHarga, but a sum must not wrap silently).
func Nilai(t Takaran, harga int64) (int64, bool) {
	if t < 0 || harga < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(t), uint64(harga))
	lo, carry := bits.Add64(lo, Skala/2, 0)
	hi += carry
	if hi >= Skala {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, Skala)
	if q > 1<<62 {
		return 0, false
	}
	return int64(q), true
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
