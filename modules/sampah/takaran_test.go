package sampah

import (
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestTakaranParsesWhatTheScaleShows(t *testing.T) {
	for in, want := range map[string]Takaran{
		"12": 12_000, "12,5": 12_500, "12.5": 12_500, "0,250": 250, "1.250": 1_250_000, "1.250,75": 1_250_750, ",5": 500,
	} {
		got, err := ParseTakaran("berat", in)
		if err != nil || got != want {
			t.Errorf("ParseTakaran(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1,2345", "dua", "1e3", "100001", "1234567890"} {
		if _, err := ParseTakaran("berat", in); !fault.Is(err, fault.Invalid) {
			t.Errorf("ParseTakaran(%q) accepted (%v)", in, err)
		}
	}
	if s := Takaran(1_250_750).String(); s != "1.250,75" {
		t.Errorf("String = %q", s)
	}
	if s := Takaran(250).String(); s != "0,25" {
		t.Errorf("String = %q", s)
	}
}

func TestNilaiRoundsHalfUpAndNeverWraps(t *testing.T) {
	cases := []struct {
		t    Takaran
		h    int64
		want int64
		ok   bool
	}{
		{12_500, 3_000, 37_500, true}, // 12,5 kg at Rp 3.000/kg
		{1, 499, 0, true},             // 1 g at Rp 499/kg = 0,499
		{1, 500, 1, true},             // 0,5 rounds up
		{MaxTakaran, MaxHarga, 1_000_000_000_000, true},
		{-1, 5, 0, false},
	}
	for _, c := range cases {
		got, ok := Nilai(c.t, c.h)
		if got != c.want || ok != c.ok {
			t.Errorf("Nilai(%d, %d) = %d, %v; want %d, %v", c.t, c.h, got, ok, c.want, c.ok)
		}
	}
}
