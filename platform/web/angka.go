package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// Numbers on pages are written the Indonesian way (PUEBI): a comma before
// the decimals and a dot between thousands — 4,21 km², -8,5957, 478.393
// jiwa. Every module's templates have it as {{angka .}}, so no page shows a
// bare 478393.

// Angka formats an int or float (or a pointer to one; nil is "") for a
// page. Floats keep the digits they have and no more.
func Angka(v any) string {
	switch n := v.(type) {
	case nil:
		return ""
	case *int:
		if n == nil {
			return ""
		}
		return Angka(*n)
	case *int64:
		if n == nil {
			return ""
		}
		return Angka(*n)
	case *float64:
		if n == nil {
			return ""
		}
		return Angka(*n)
	case int:
		return valid.Angka(int64(n))
	case int64:
		return valid.Angka(n)
	case float64:
		s := strconv.FormatFloat(n, 'f', -1, 64)
		whole, frac, ok := strings.Cut(s, ".")
		out := whole // beyond int64: no figure a desa has
		if w, err := strconv.ParseInt(whole, 10, 64); err == nil {
			out = valid.Angka(w)
			if w == 0 && strings.HasPrefix(whole, "-") {
				out = "-0" // -0,5 keeps its sign
			}
		}
		if ok {
			return out + "," + frac
		}
		return out
	}
	return fmt.Sprint(v)
}
