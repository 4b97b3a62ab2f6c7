package page

import (
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestOfSplitsAtLimitAndCursorResumes(t *testing.T) {
	rows := []string{"a", "b", "c"}
	p := Of(rows, 2, func(s string) string { return s })
	if len(p.Items) != 2 || p.NextCursor == "" {
		t.Fatalf("page = %+v", p)
	}
	var last string
	ok, err := Decode(p.NextCursor, &last)
	if err != nil || !ok || last != "b" {
		t.Fatalf("decode = %q %v %v", last, ok, err)
	}
	if p := Of(rows, 3, func(s string) string { return s }); p.NextCursor != "" {
		t.Fatalf("last page has cursor %q", p.NextCursor)
	}
	if p := Of[string, string](nil, 3, nil); p.Items == nil {
		t.Fatal("empty page must encode items as [] not null")
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	var k struct{ Kode string }
	for _, c := range []string{"%%%", "bm90IGpzb24"} {
		if _, err := Decode(c, &k); !fault.Is(err, fault.Invalid) {
			t.Errorf("Decode(%q) err = %v, want Invalid", c, err)
		}
	}
}

func TestSizeBounds(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, 20}, {-1, 20}, {5, 5}, {100, 100}, {500, 100}} {
		if got := (Params{Limit: tc.in}).Size(); got != tc.want {
			t.Errorf("Size(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
