package page

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
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

// registerKey is the shape modules use: a date or code and the row's id.
type registerKey struct {
	Tanggal string `json:"t"`
	ID      string `json:"i"`
}

func TestDecodeRefusesKeysTheDatabaseCannotTake(t *testing.T) {
	id := "01936b1e-7c4a-7def-8abc-0123456789ab"
	for _, tc := range []struct {
		name string
		key  any
		ok   bool
	}{
		{"our own cursor", registerKey{"2026-01-31", id}, true},
		{"id that is no UUID", registerKey{"2026-01-31", "bukan-uuid"}, false},
		{"empty id", registerKey{"2026-01-31", ""}, false},
		{"id in capitals", registerKey{"2026-01-31", strings.ToUpper(id)}, false},
		{"id with braces", registerKey{"2026-01-31", "{" + id + "}"}, false},
		{"NUL in a text key", registerKey{"2026\x00", id}, false},
		{"escape in a text key", registerKey{"\x1b[2J", id}, false},
		{"null for the whole key", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k registerKey
			ok, err := Decode(Encode(tc.key), &k)
			if tc.ok && (err != nil || !ok || k.ID != id) {
				t.Fatalf("refused: %v %v %+v", ok, err, k)
			}
			if !tc.ok {
				if fault.FieldMessages(err)["query.cursor"] == "" {
					t.Fatalf("accepted or wrong error: %v %+v", err, k)
				}
			}
		})
	}
	var s string
	if _, err := Decode(Encode("nul\x00"), &s); !fault.Is(err, fault.Invalid) {
		t.Fatalf("plain string key with NUL: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, c := range []string{"", "%%%", "bm90IGpzb24", Encode(registerKey{"2026-01-31", "01936b1e-7c4a-7def-8abc-0123456789ab"}),
		Encode(registerKey{"x", "1"}), Encode(map[string]any{"i": 1}), Encode("null"), "bnVsbA"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		var k registerKey
		ok, err := Decode(cursor, &k)
		if err != nil {
			if fault.FieldMessages(err)["query.cursor"] == "" {
				t.Fatalf("error %v is not Invalid on query.cursor", err)
			}
			return
		}
		if !ok {
			if cursor != "" {
				t.Fatalf("non-empty cursor %q decoded to nothing", cursor)
			}
			return
		}
		if id, perr := uuid.Parse(k.ID); perr != nil || id.String() != k.ID {
			t.Fatalf("accepted id %q", k.ID)
		}
		if _, bad := valid.Control(k.Tanggal, false); bad {
			t.Fatalf("accepted text %q", k.Tanggal)
		}
		var again registerKey
		if ok, err := Decode(Encode(k), &again); !ok || err != nil || again != k {
			t.Fatalf("round trip of %+v: %+v %v %v", k, again, ok, err)
		}
	})
}
