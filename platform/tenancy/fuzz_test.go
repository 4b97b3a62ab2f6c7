package tenancy

import (
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

// FuzzParseKode holds ParseKode to the shapes of Kepmendagri codes: what it
// accepts is digits in groups of 2.2.2.4, parses again to itself, nests in
// its ancestors' id ranges and, for a desa, survives the trip through its
// numeric id; what it refuses is an Invalid fault (a 422, never a 500).
func FuzzParseKode(f *testing.F) {
	for _, s := range []string{"51", "51.02", "51.02.06", "51.02.06.2001", "51.02.06.1001", "", ".", "51.", "51..02",
		"51.02.06.2001.1", "5a", "51.02.06.200\x00", "٥١", "51.02.06.20011", "00.00.00.0000", "99.99.99.9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKode(s)
		if err != nil {
			if !fault.Is(err, fault.Invalid) {
				t.Fatalf("ParseKode(%q): %v is not Invalid", s, err)
			}
			if k != "" {
				t.Fatalf("ParseKode(%q) returned %q with an error", s, k)
			}
			return
		}
		if string(k) != s {
			t.Fatalf("ParseKode(%q) = %q", s, k)
		}
		parts := strings.Split(s, ".")
		if len(parts) < 1 || len(parts) > 4 || int(k.Level()) != len(parts) {
			t.Fatalf("%q: level %d", s, k.Level())
		}
		for i, p := range parts {
			if len(p) != partWidth[i] || strings.Trim(p, "0123456789") != "" {
				t.Fatalf("%q: part %q", s, p)
			}
		}
		if again, err := ParseKode(string(k)); err != nil || again != k {
			t.Fatalf("%q does not parse again: %q %v", k, again, err)
		}
		lo, hi := k.Range()
		if lo > hi || lo < 0 || hi > 9_999_999_999 {
			t.Fatalf("%q: range [%d, %d]", k, lo, hi)
		}
		for l := Provinsi; l < k.Level(); l++ {
			up := k.Up(l)
			ulo, uhi := up.Range()
			if !up.Contains(k) || lo < ulo || hi > uhi {
				t.Fatalf("%q is not inside its %s %q", k, l, up)
			}
		}
		if k.Level() == Desa {
			if got := KodeOfDesaID(k.ID()); got != k {
				t.Fatalf("KodeOfDesaID(%d) = %q, want %q", k.ID(), got, k)
			}
		}
	})
}
