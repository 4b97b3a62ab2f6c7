package sampah

import (
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// Takaran is an amount of a jenis sampah in thousandths of its unit: for a
// jenis weighed in kg it is whole grams (12,5 kg is Takaran(12500)); for
// pcs or liter, thousandths of a piece or a liter. It is never a float, so
// sums of a year's setoran and price × amount are exact.
type Takaran int64

// Skala is one whole unit (1 kg, 1 pcs, 1 liter).
const Skala = valid.Milli

// MaxTakaran bounds one amount typed at a scale or logged for a day: 100
// tonnes. A TPS3R of a desa takes in a few tonnes a day at most.
const MaxTakaran Takaran = 100_000 * Skala

// MaxHarga bounds a price per unit (rupiah per kg, pcs or liter).
const MaxHarga int64 = 10_000_000

// ParseTakaran reads an amount as typed at the scale: "12", "12,5",
// "12.5", "0,250" or "1.250,75" (valid.ParseMilli), in the jenis's unit.
// The error is an Invalid fault on field with a Bahasa message for the form.
func ParseTakaran(field, s string) (Takaran, error) {
	n, err := valid.ParseMilli(field, "Jumlah", s, 9)
	if err != nil {
		return 0, err
	}
	if t := Takaran(n); t <= MaxTakaran {
		return t, nil
	}
	return 0, fault.Field(field, "Jumlah terlalu besar (paling banyak 100.000 per isian).")
}

// String formats t the Indonesian way: "12,5", "1.250", "0,25".
func (t Takaran) String() string { return valid.FormatMilli(int64(t)) }

// Nilai is the value of amount t at harga rupiah per unit, rounded half up
// to the rupiah; ok is false for a negative operand or a value that would
// not fit (it cannot within MaxTakaran and MaxHarga).
func Nilai(t Takaran, harga int64) (int64, bool) {
	return valid.MulMilli(int64(t), harga, 1<<62)
}
