package administration

import (
	"math"
	"strconv"
	"strings"
)

// Numbers on pages are written the Indonesian way (PUEBI), by web.Angka:
// a comma before the decimals and a dot between thousands — 4,21 km²,
// -8,5957, 4.913 jiwa. The forms accept what the pages show, so a figure
// copied from a page (or typed as a phone's keypad offers it) reads back
// the same.

// desimalForm writes v for a form field the way angka shows it but without
// thousands dots, so the field reads back unchanged through parseDesimal.
func desimalForm(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// parseDesimal reads a decimal typed into a form: "-8,5957" (Indonesian),
// "-8.5957" (as GPS apps and maps copy it) and "1.234,5" (thousands dots
// with a decimal comma) all work. With a single dot and no comma the dot is
// the decimal point: coordinates are far more often typed than areas of
// a thousand km² or more.
//
// Only digits, dots, commas and a leading sign are read: strconv alone
// would also take "1e5", "0x1p-2" or "Inf", which no one types for an area.
func parseDesimal(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if strings.Trim(strings.TrimLeft(s, "+-"), "0123456789.,") != "" || strings.Count(s, "+")+strings.Count(s, "-") > 1 {
		return 0, strconv.ErrSyntax
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, strconv.ErrSyntax
	}
	return v, nil
}

// parseBulat reads a whole number typed into a form, with or without the
// thousands dots a page shows ("4.913" or "4913"). A comma is refused: a
// count of people has no decimals.
func parseBulat(s string) (int, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if strings.Contains(s, ".") {
		// Dots only between full groups of three, so "4.91" is no 491.
		parts := strings.Split(s, ".")
		for i, p := range parts {
			if (i > 0 && len(p) != 3) || p == "" || p == "-" {
				return 0, strconv.ErrSyntax
			}
		}
		s = strings.Join(parts, "")
	}
	return strconv.Atoi(s)
}
