package administration

import "testing"

func TestAngkaWritesIndonesianNumbers(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	n := func(v int) *int { return &v }
	for _, tt := range []struct {
		in   any
		want string
	}{
		{4913, "4.913"}, {1519, "1.519"}, {999, "999"}, {0, "0"}, {1_234_567, "1.234.567"}, {-4913, "-4.913"},
		{4.21, "4,21"}, {-8.5957, "-8,5957"}, {115.0925, "115,0925"}, {1234.5, "1.234,5"}, {3.0, "3"},
		{f(4.21), "4,21"}, {(*float64)(nil), ""}, {n(4863), "4.863"}, {(*int)(nil), ""}, {nil, ""},
	} {
		if got := angka(tt.in); got != tt.want {
			t.Errorf("angka(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

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
		{angka(2476), 2476, true},
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
