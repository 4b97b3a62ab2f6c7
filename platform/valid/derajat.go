package valid

import (
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// Indonesia's extent (with a margin), in millionths of a degree: a
// coordinate outside it is a typo (a swapped or unsigned pair).
const (
	LintangMinE6 = -11_500_000
	LintangMaxE6 = 6_500_000
	BujurMinE6   = 94_000_000
	BujurMaxE6   = 141_500_000
)

// ParseDerajat reads decimal degrees as typed or copied from a map app
// ("-8.5401", "-8,5401", "115.12345678") into millionths of a degree,
// rounded half away from zero, within [lo, hi].
func ParseDerajat(field, label, s string, lo, hi int64) (int64, error) {
	s = strings.TrimSpace(s)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "−"): // U+2212, as some apps print it
		neg, s = true, strings.TrimPrefix(s, "−")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	bad := fault.Field(field, "%s ditulis dalam derajat desimal, misalnya -8,5401 atau 115.1234.", label)
	if !Digits(whole) || len(whole) > 3 || (frac != "" && !Digits(frac)) || len(frac) > 15 {
		return 0, bad
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	micro := int64(0)
	if frac != "" {
		padded := (frac + "0000000")[:7] // six decimals and one to round on
		n, _ := strconv.ParseInt(padded, 10, 64)
		micro = (n + 5) / 10
	}
	v := w*1_000_000 + micro
	if neg {
		v = -v
	}
	if v < lo || v > hi {
		return 0, fault.Field(field, "%s harus antara %s dan %s derajat (wilayah Indonesia).", label, FormatDerajat(lo), FormatDerajat(hi))
	}
	return v, nil
}

// FormatDerajat writes millionths of a degree as decimal degrees with a
// point, as map links and GPS apps read them ("-8.5401").
func FormatDerajat(e6 int64) string {
	sign := ""
	if e6 < 0 {
		sign, e6 = "-", -e6
	}
	s := strconv.FormatInt(e6/1_000_000, 10)
	if f := e6 % 1_000_000; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(f+1_000_000, 10)[1:], "0")
	}
	return sign + s
}
