package valid

import (
	"math/bits"
	"strconv"
)

// BasisPoin is part as a share of whole in basis points (1/100 %), rounded
// half up, computed on the exact 128-bit product so large sums cannot
// wrap; ok is false when whole is not positive, part is negative, or the
// share would not fit.
func BasisPoin(part, whole int64) (int64, bool) {
	if whole <= 0 || part < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(part), 10000)
	lo, carry := bits.Add64(lo, uint64(whole)/2, 0)
	hi += carry
	if hi >= uint64(whole) {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, uint64(whole))
	if q > 1<<62 {
		return 0, false
	}
	return int64(q), true
}

// FormatBP prints basis points as an Indonesian percentage with two
// decimals: 3012 → "30,12 %", 150000 → "1.500,00 %".
func FormatBP(bp int64) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	f := strconv.FormatInt(bp%100, 10)
	if len(f) == 1 {
		f = "0" + f
	}
	return sign + Angka(bp/100) + "," + f + " %"
}
