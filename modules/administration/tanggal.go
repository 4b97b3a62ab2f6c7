package administration

import "github.com/ngantor/ngantor/platform/civil"

// Tanggal is a calendar date as a decree states it: an SK date, the start
// or end of a term (platform/civil). A term ending on 31 Desember ends on
// that date in Bali and in Aceh alike.
type Tanggal = civil.Date

// ParseTanggal validates s (YYYY-MM-DD); "" is the zero Tanggal, since most
// dates on these forms (an SK date, a term's end) are optional.
func ParseTanggal(s string) (Tanggal, error) {
	if s == "" {
		return "", nil
	}
	return civil.ParseDate(s)
}
