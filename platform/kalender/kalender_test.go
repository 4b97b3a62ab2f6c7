package kalender

import (
	"testing"

	"github.com/ngantor/ngantor/platform/civil"
)

// nasional is the shipped national list, as Store loads it for any
// kabupaten before its admin adds libur daerah.
func nasional(t *testing.T, extra map[civil.Date]string) Kalender {
	t.Helper()
	rows, err := Nasional()
	if err != nil {
		t.Fatal(err)
	}
	libur := map[civil.Date]string{}
	for _, r := range rows {
		libur[r.Tanggal] = r.Nama
	}
	for d, n := range extra {
		libur[d] = n
	}
	return New(libur, 2025, 2026)
}

func TestShippedListsParse(t *testing.T) {
	n, err := Nasional()
	if err != nil || len(n) != 53 {
		t.Fatalf("national list: %d rows, %v", len(n), err)
	}
	b, err := HariRayaBali()
	if err != nil || len(b) != 29 {
		t.Fatalf("Bali list: %d rows, %v", len(b), err)
	}
}

func TestTambahAcrossTheHolidays(t *testing.T) {
	k := nasional(t, nil)
	for _, c := range []struct {
		name string
		from civil.Date
		n    int
		want civil.Date
	}{
		// Tue 17 Mar 2026: cuti bersama Nyepi (18), Nyepi (19), cuti Idul
		// Fitri (20), the weekend of Idul Fitri (21–22), cuti bersama (23,
		// 24): the first working day is Wed 25.
		{"nyepi and idul fitri 2026, 3 days", "2026-03-17", 3, "2026-03-27"},
		{"nyepi and idul fitri 2026, 5 days", "2026-03-17", 5, "2026-03-31"},
		// Thu 27 Mar 2025: cuti Nyepi (28), Nyepi on a Saturday (29), Idul
		// Fitri (31 Mar, 1 Apr) and four days of cuti bersama (2–4, 7 Apr).
		{"idul fitri 2025 with cuti bersama", "2025-03-27", 3, "2025-04-10"},
		// Wed 24 Dec 2025: Natal (25), cuti (26), the weekend; 1 Jan 2026 is
		// Tahun Baru.
		{"year end, within 2025", "2025-12-24", 3, "2025-12-31"},
		{"across the new year", "2025-12-24", 5, "2026-01-05"},
		{"friday report, 3 days", "2026-11-27", 3, "2026-12-02"},
		{"zero days", "2026-11-27", 0, "2026-11-27"},
	} {
		got, perkiraan := k.Tambah(c.from, c.n)
		if got != c.want || perkiraan {
			t.Errorf("%s: %s + %d working days = %s (perkiraan %v), want %s", c.name, c.from, c.n, got, perkiraan, c.want)
		}
		if c.n > 0 {
			if n, _ := k.Antara(c.from, got); n != c.n {
				t.Errorf("%s: Antara(%s, %s) = %d, want %d", c.name, c.from, got, n, c.n)
			}
			if n, _ := k.Antara(c.from, got.AddDate(0, 0, -1)); n != c.n-1 {
				t.Errorf("%s: the day before the due date counts %d, want %d", c.name, n, c.n-1)
			}
		}
	}
	if n, _ := k.Antara("2026-03-20", "2026-03-17"); n != 0 {
		t.Errorf("Antara backwards = %d", n)
	}
}

// A year whose SKB is not loaded is counted with weekends only and says
// so; loading it gives the final date.
func TestUnloadedYearIsAnEstimateUntilLoaded(t *testing.T) {
	k := nasional(t, nil)
	// Wed 23 Dec 2026: cuti (24), Natal (25), then 28–31 Dec and 1 Jan 2027.
	got, perkiraan := k.Tambah("2026-12-23", 5)
	if got != "2027-01-01" || !perkiraan {
		t.Errorf("into 2027 without its list: %s perkiraan %v, want 2027-01-01 perkiraan", got, perkiraan)
	}
	if _, p := k.Tambah("2026-12-23", 4); p {
		t.Error("a clock ending in 2026 is marked perkiraan")
	}
	loaded := nasional(t, map[civil.Date]string{"2027-01-01": "Tahun Baru Masehi"})
	loaded.tahun[2027] = true
	got, perkiraan = loaded.Tambah("2026-12-23", 5)
	if got != "2027-01-04" || perkiraan {
		t.Errorf("with 2027 loaded: %s perkiraan %v, want 2027-01-04", got, perkiraan)
	}
}

// Libur daerah count once they are in the kabupaten's calendar (Store puts
// only confirmed ones there).
func TestLiburDaerahMoveTheClock(t *testing.T) {
	// Mon 15 Jun 2026; Tue 16 is Tahun Baru Islam (and Penampahan Galungan).
	if got, _ := nasional(t, nil).Tambah("2026-06-15", 3); got != "2026-06-19" {
		t.Errorf("national only: %s, want 2026-06-19", got)
	}
	bali := nasional(t, map[civil.Date]string{"2026-06-17": "Hari Raya Galungan", "2026-06-18": "Umanis Galungan"})
	if got, _ := bali.Tambah("2026-06-15", 3); got != "2026-06-23" {
		t.Errorf("with Galungan confirmed: %s, want 2026-06-23", got)
	}
	if n, ok := bali.Libur("2026-06-17"); !ok || n != "Hari Raya Galungan" || bali.HariKerja("2026-06-17") {
		t.Errorf("Galungan: %q %v", n, ok)
	}
	if !bali.HariKerja("2026-06-19") || bali.HariKerja("2026-06-20") {
		t.Error("Friday 19 is a working day, Saturday 20 is not")
	}
}
