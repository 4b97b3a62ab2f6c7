package civil

import (
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

func TestTodayIsReadAtTheDesa(t *testing.T) {
	// 16:30 UTC on 31 December: still that day in Aceh (WIB, 23:30), already
	// New Year in Bali (WITA) and Papua Barat Daya (WIT).
	now := time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC)
	cases := map[tenancy.Kode]Date{
		"11.01.01.2001": "2026-12-31", // Aceh
		"51.02.06.2001": "2027-01-01", // Bali
		"96.01":         "2027-01-01", // Papua Barat Daya
	}
	for k, want := range cases {
		if got := Today(now, k); got != want {
			t.Errorf("Today at %s = %s, want %s", k, got, want)
		}
	}
}

func TestParseAndPrint(t *testing.T) {
	d, err := ParseDate("2026-03-05")
	if err != nil || d.String() != "5 Maret 2026" || d.Year() != 2026 || d.Month() != time.March {
		t.Fatalf("%v %q", err, d.String())
	}
	for _, bad := range []string{"", "05-03-2026", "2026-02-30", "kemarin"} {
		if _, err := ParseDate(bad); !fault.Is(err, fault.Invalid) {
			t.Errorf("ParseDate(%q) = %v", bad, err)
		}
	}
	if d.AddDate(0, 0, 30) != "2026-04-04" || !Date("2025-12-31").Before(d) {
		t.Error("AddDate/Before wrong")
	}
	var s Date
	for _, src := range []any{"2026-03-05 00:00:00", []byte("2026-03-05"), time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)} {
		if err := s.Scan(src); err != nil || s != d {
			t.Errorf("Scan(%v) = %q, %v", src, s, err)
		}
	}
}

func TestDateOfMatchesItsLayout(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	for _, tm := range []time.Time{
		time.Date(2026, 12, 3, 23, 30, 0, 0, wita), time.Date(1945, 8, 17, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-5, 3, 4, 0, 0, 0, 0, time.UTC), {},
	} {
		if got, want := DateOf(tm), Date(tm.Format("2006-01-02")); got != want {
			t.Errorf("DateOf(%v) = %q, want %q", tm, got, want)
		}
	}
}
