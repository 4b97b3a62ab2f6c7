package valid

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// Milli is the scale of the fixed-point quantities users type with up to
// three decimals (a volume of 2,5 m, 12,5 kg at a scale): the value is
// kept in thousandths of the unit, as an integer, never a float.
const Milli = 1000

// ParseMilli reads a non-negative quantity as Indonesians type it — "12",
// "2,5", "2.5", "0,250", "1.250" (one thousand two hundred fifty) or
// "1.250,75" — into thousandths of the unit. A comma is the decimal mark
// and points group thousands; without a comma a single point followed by
// other than three digits is read as the decimal mark. At most three
// decimals and maxWhole digits before them. The error is an Invalid fault
// on field whose Bahasa message names label ("Volume", "Berat").
func ParseMilli(field, label, s string, maxWhole int) (int64, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, fault.Field(field, "%s wajib diisi.", label)
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−"):
		return 0, fault.Field(field, "%s tidak boleh negatif.", label)
	}
	whole, frac := s, ""
	if i := strings.IndexByte(s, ','); i >= 0 {
		whole, frac = strings.ReplaceAll(s[:i], ".", ""), s[i+1:]
	} else if strings.Count(s, ".") == 1 {
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
	if !Digits(whole) || (frac != "" && !Digits(frac)) {
		return 0, fault.Field(field, "%s harus berupa angka, misalnya 12 atau 2,5.", label)
	}
	if len(frac) > 3 {
		return 0, fault.Field(field, "%s paling banyak tiga angka di belakang koma.", label)
	}
	if len(whole) > maxWhole {
		return 0, fault.Field(field, "%s terlalu besar.", label)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "000")[:3], 10, 64)
	}
	return w*Milli + f, nil
}

// FormatMilli writes thousandths the Indonesian way: "2,5", "1.250", "0,125".
func FormatMilli(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	w, f := n/Milli, n%Milli
	s := Angka(w)
	if f != 0 {
		s += "," + strings.TrimRight(strconv.FormatInt(f+Milli, 10)[1:], "0")
	}
	if neg {
		return "-" + s
	}
	return s
}

// MulMilli is thousandths × price per unit, rounded half up to a whole
// unit of money: exact through a 128-bit product; ok is false for a
// negative operand or a result above limit.
func MulMilli(milli, price, limit int64) (int64, bool) {
	if milli < 0 || price < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(milli), uint64(price))
	lo, carry := bits.Add64(lo, Milli/2, 0)
	hi += carry
	if hi >= Milli { // the quotient would not fit 64 bits
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, Milli)
	if q > uint64(limit) {
		return 0, false
	}
	return int64(q), true
}

// Digits reports a non-empty string of ASCII digits only.
func Digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
