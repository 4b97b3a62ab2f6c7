// Package kalender is the one working-day calendar behind every service
// clock of ngantor (ARCHITECTURE.md, "Shared rules": audiensi's 3 and 5
// working days, follow-ups, konsultasi): weekends, the national holidays
// and cuti bersama of each year (the SKB of three ministers, loaded per
// year), and the regional holidays a kabupaten adds (libur daerah, each
// confirmed by its admin; Bali's hari raya are offered as a starting list).
//
// A Kalender is the set for one kabupaten over a span of dates, read once
// and then asked many times (a page of clocks). A year whose national list
// is not loaded yet is computed with weekends only and every answer that
// touches it says so (Perkiraan): when the SKB is published and loaded,
// the same question gives the final answer — clocks are recomputed from
// the calendar, never stored as dates that go stale.
package kalender

import (
	"slices"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
)

// Jenis is the kind of a non-working day.
type Jenis string

const (
	LiburNasional Jenis = "libur_nasional"
	CutiBersama   Jenis = "cuti_bersama"
	LiburDaerah   Jenis = "libur_daerah"
)

// Valid reports a known kind.
func (j Jenis) Valid() bool {
	switch j {
	case LiburNasional, CutiBersama, LiburDaerah:
		return true
	}
	return false
}

// Judul is the kind's name for people.
func (j Jenis) Judul() string {
	switch j {
	case LiburNasional:
		return "Libur nasional"
	case CutiBersama:
		return "Cuti bersama"
	case LiburDaerah:
		return "Libur daerah"
	}
	return string(j)
}

// Kalender is the calendar of one kabupaten: its non-working days (beyond
// weekends) and the years whose national list it knows.
type Kalender struct {
	libur map[civil.Date]string // date → name
	tahun map[int]bool          // years with the national list loaded
}

// New makes a calendar from its non-working days and the years whose
// national list is loaded (for tests and for Store).
func New(libur map[civil.Date]string, tahun ...int) Kalender {
	k := Kalender{libur: map[civil.Date]string{}, tahun: map[int]bool{}}
	for d, n := range libur {
		k.libur[d] = n
	}
	for _, y := range tahun {
		k.tahun[y] = true
	}
	return k
}

// Libur names the holiday on d, if it is one (weekends are not named).
func (k Kalender) Libur(d civil.Date) (string, bool) {
	n, ok := k.libur[d]
	return n, ok
}

// Dimuat reports whether the national list of year y is loaded.
func (k Kalender) Dimuat(y int) bool { return k.tahun[y] }

// TahunDimuat lists the years whose national list is loaded, in order.
func (k Kalender) TahunDimuat() []int {
	out := make([]int, 0, len(k.tahun))
	for y := range k.tahun {
		out = append(out, y)
	}
	slices.Sort(out)
	return out
}

// HariKerja reports whether d is a working day: Monday to Friday and no
// holiday.
func (k Kalender) HariKerja(d civil.Date) bool {
	switch d.Time().Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, libur := k.libur[d]
	return !libur
}

// Tambah returns the n-th working day after from (from itself does not
// count: a report made on Friday with 3 working days is due on Wednesday,
// at the end of that day). n ≤ 0 gives from. perkiraan is true when a day
// counted lies in a year whose national list is not loaded.
func (k Kalender) Tambah(from civil.Date, n int) (due civil.Date, perkiraan bool) {
	d := from
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if !k.tahun[d.Year()] {
			perkiraan = true
		}
		if k.HariKerja(d) {
			n--
		}
	}
	return d, perkiraan
}

// Antara counts the working days after from up to and including to (0 when
// to is not after from): how many of a clock's days have passed. perkiraan
// as for Tambah.
func (k Kalender) Antara(from, to civil.Date) (n int, perkiraan bool) {
	for d := from.AddDate(0, 0, 1); !to.Before(d); d = d.AddDate(0, 0, 1) {
		if !k.tahun[d.Year()] {
			perkiraan = true
		}
		if k.HariKerja(d) {
			n++
		}
	}
	return n, perkiraan
}
