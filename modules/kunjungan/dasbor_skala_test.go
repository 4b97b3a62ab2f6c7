package kunjungan

import "testing"

// A provider's unit names its scale: thousandths must not read as
// hundredths ("1/1000 …" starts with "1/100").
func TestDasborWritesEachScaleOfTheProviders(t *testing.T) {
	for _, c := range []struct {
		satuan string
		n      int64
		want   string
	}{
		{"1/1000 kamera per 1.000 jiwa (1333 = 1,333)", 1333, "1,333"},
		{"1/1000 kamera per 1.000 jiwa (1333 = 1,333)", 12005, "12,005"},
		{"1/100 usaha per 1.000 penduduk (1234 = 12,34)", 1234, "12,34"},
		{"bp (1/100 %)", 9750, "97,50 %"},
		{"jiwa", 4913, "4.913"},
	} {
		if got := (DasborKolom{scaled: skala(c.satuan)}).Teks(c.n); got != c.want {
			t.Errorf("%q %d: %q, want %q", c.satuan, c.n, got, c.want)
		}
	}
}
