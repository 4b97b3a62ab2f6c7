package sampah

import (
	"testing"

	"github.com/ngantor/ngantor/platform/civil"
)

// TestCapaianBulanGrafik: the charts stop before a running month with
// nothing recorded yet (its 0 % is no fall), keep it once it has data,
// and draw a past year whole.
func TestCapaianBulanGrafik(t *testing.T) {
	var bulan [12]Angka
	for i := range 11 {
		bulan[i] = Angka{HariLog: 20}
	}
	for _, c := range []struct {
		sampai civil.Date
		tahun  int
		bulan  [12]Angka
		want   int
	}{
		{"2026-12-01", 2026, bulan, 11},
		{"2026-11-15", 2026, bulan, 11},
		{"2026-01-01", 2026, [12]Angka{}, 1},
		{"2026-03-01", 2025, [12]Angka{}, 12},
	} {
		if got := capaianBulanGrafik(c.bulan, c.sampai, c.tahun); got != c.want {
			t.Errorf("up to %s of %d: %d months, want %d", c.sampai, c.tahun, got, c.want)
		}
	}
	bulan[11] = Angka{BankSampahGram: 1}
	if got := capaianBulanGrafik(bulan, "2026-12-01", 2026); got != 12 {
		t.Errorf("December with a setoran: %d months, want 12", got)
	}
}
