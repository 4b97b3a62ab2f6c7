package persuratan

import (
	"time"

	"github.com/ngantor/ngantor/platform/civil"
)

// Tanggal is a letter's calendar date (platform/civil): a letter is dated
// by the clock on the wall of the kantor desa, in the desa's own time zone.
type Tanggal = civil.Date

// romawi writes a month as the Roman numeral letters carry (III for March).
func romawi(m time.Month) string {
	return [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[m-1]
}
