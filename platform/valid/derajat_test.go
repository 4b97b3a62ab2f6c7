package valid

import "testing"

func TestParseDerajatRoundsAndBounds(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"-8.5401", -8_540_100, true}, {"-8,5401", -8_540_100, true}, {"−8.5", -8_500_000, true}, {"+6.5", 6_500_000, true},
		{"0", 0, true}, {"-8.0000005", -8_000_001, true}, {"-8.9999999", -9_000_000, true},
		{"", 0, false}, {"-", 0, false}, {"8.5.1", 0, false}, {"1e2", 0, false}, {"-11.500001", 0, false}, {"6.51", 0, false},
	} {
		got, err := ParseDerajat("lintang", "Lintang", c.in, LintangMinE6, LintangMaxE6)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseDerajat(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
	if s := FormatDerajat(-8_540_100); s != "-8.5401" {
		t.Errorf("FormatDerajat = %q", s)
	}
}
