package administration

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The number parsers of the forms, fuzzed: whatever is typed, a form field
// either reads as a number that prints back to itself or is an Invalid
// fault naming the field (a 422 with the form shown again), never a panic
// or a 500.

func FuzzParseBulat(f *testing.F) {
	for _, s := range []string{"4.913", "4913", "-5", "+5", "4.91", "4..913", ".", "-", "", " 2 437 ", "1.000.000", "9223372036854775807",
		"99999999999999999999", "2,5", "0x10", "1_000", "٤٩١٣", "4.913\x00", "1.2.3", "-.123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p valid.Problems
		v := formBulat(&p, url.Values{"kk": {s}}, "body.kk")
		if err := p.Err(); err != nil {
			if !fault.Is(err, fault.Invalid) || fault.FieldMessages(err)["body.kk"] == "" {
				t.Fatalf("%q: %v is not Invalid on body.kk", s, err)
			}
			return
		}
		// What a page shows (angka, thousands dots) and what a plain
		// field holds read back to the same number.
		for _, shown := range []string{web.Angka(v), strconv.Itoa(v)} {
			again, err := parseBulat(shown)
			if err != nil || again != v {
				t.Fatalf("%q read as %d, shown as %q, reads back as %d (%v)", s, v, shown, again, err)
			}
		}
	})
}

func FuzzParseDesimal(f *testing.F) {
	for _, s := range []string{"-8,5957", "-8.5957", "1.234,5", "4,21", "115.0925", "1e5", "NaN", "Inf", "-Inf", "0x1p-2", "1,2,3",
		",5", "5,", "", "1.2.3", "1e400", "-0", "٣,٥", "4,21\x00", " 4 , 21 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p valid.Problems
		v := formDesimal(&p, url.Values{"luas_km2": {s}}, "body.luas_km2")
		if err := p.Err(); err != nil {
			if !fault.Is(err, fault.Invalid) || fault.FieldMessages(err)["body.luas_km2"] == "" {
				t.Fatalf("%q: %v is not Invalid on body.luas_km2", s, err)
			}
			return
		}
		if v == nil {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("%q read as no number", s)
			}
			return
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) {
			t.Fatalf("%q read as %v", s, *v)
		}
		if strings.Trim(strings.TrimSpace(s), "0123456789.,+- ") != "" {
			t.Fatalf("%q accepted with characters no Indonesian number has", s)
		}
		// The form's own rendering reads back exactly; so does the page's
		// whenever it carries a decimal comma (a whole number with
		// thousands dots reads as a decimal point by design, see
		// parseDesimal).
		if again, err := parseDesimal(desimalForm(*v)); err != nil || again != *v {
			t.Fatalf("%v written for the form as %q reads back as %v (%v)", *v, desimalForm(*v), again, err)
		}
		if shown := web.Angka(*v); strings.Contains(shown, ",") {
			if again, err := parseDesimal(shown); err != nil || again != *v {
				t.Fatalf("%v shown as %q reads back as %v (%v)", *v, shown, again, err)
			}
		}
	})
}
