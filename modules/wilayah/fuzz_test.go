package wilayah

import (
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// FuzzDecodeCursor: whatever a client sends as a cursor, the list answers
// with a page or an Invalid fault on query.cursor (422); a cursor it accepts
// names a desa-level code and is the one newPage would make for that code.
func FuzzDecodeCursor(f *testing.F) {
	for _, c := range []string{"", "%%%", encodeCursor("51.02.06.2001"), encodeCursor("51.02"), encodeCursor("bukan kode"),
		encodeCursor("51.02.06.2001\x00"), encodeCursor("\xff\xfe"), "NTEuMDIuMDYuMjAwMQ==", "NTEuMDIuMDYuMjAwMQ"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		k, err := decodeCursor(cursor, parseDesaKode)
		if err != nil {
			if fault.FieldMessages(err)["query.cursor"] == "" {
				t.Fatalf("decodeCursor(%q): %v is not Invalid on query.cursor", cursor, err)
			}
			return
		}
		if cursor == "" {
			if k != "" {
				t.Fatalf("empty cursor gave %q", k)
			}
			return
		}
		if k.Level() != tenancy.Desa {
			t.Fatalf("cursor %q accepted %q", cursor, k)
		}
		if again, err := decodeCursor(encodeCursor(string(k)), parseDesaKode); err != nil || again != k {
			t.Fatalf("round trip of %q: %q %v", k, again, err)
		}
	})
}
