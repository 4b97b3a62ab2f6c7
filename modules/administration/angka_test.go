package administration

import (
	"testing"

	"github.com/ngantor/ngantor/platform/web"
)

func TestFormsReadWhatTheHintsAndPagesShow(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"-8,5932", -8.5932, true}, {"-8.5932", -8.5932, true}, {"115,1051", 115.1051, true}, {" 4,21 ", 4.21, true},
		{"1.234,5", 1234.5, true}, {"4", 4, true}, {desimalForm(-8.5957), -8.5957, true},
		{"", 0, false}, {"abc", 0, false}, {"8,5,3", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
	} {
		got, err := parseDesimal(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("parseDesimal(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"4913", 4913, true}, {"4.913", 4913, true}, {"1.234.567", 1234567, true}, {" 2437 ", 2437, true},
		{web.Angka(2476), 2476, true},
		{"4.91", 0, false}, {"4,9", 0, false}, {"", 0, false}, {".913", 0, false}, {"4..913", 0, false},
	} {
		got, err := parseBulat(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("parseBulat(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestJudulSKNeverDoublesTheWord(t *testing.T) {
	for in, want := range map[string]string{
		"Keputusan Perbekel Bengkel Nomor 5/2022":    "Keputusan Perbekel Bengkel Nomor 5/2022",
		"Keputusan Bupati Tabanan Nomor 180/2001/HK": "Keputusan Bupati Tabanan Nomor 180/2001/HK",
		"141/02/51.02.06.2001/2021":                  "SK Nomor 141/02/51.02.06.2001/2021",
		"SK 12/2020":                                 "SK 12/2020",
		"  ":                                         "",
	} {
		if got := judulSK(in); got != want {
			t.Errorf("judulSK(%q) = %q, want %q", in, got, want)
		}
	}
}
