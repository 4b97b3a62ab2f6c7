package administration

import "github.com/ngantor/ngantor/platform/civil"

// Tanggal is a calendar date as a decree states it: an SK date, the start
// or end of a term (platform/civil). A term ending on 31 Desember ends on
// that date in Bali and in Aceh alike.
type Tanggal = civil.Date
