package persuratan

import (
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Tanggal is a calendar date as letters carry it ("2026-03-05"): the day a
// letter is dated at the kantor desa, not an instant. The zero value is no
// date.
type Tanggal string

const tanggalLayout = "2006-01-02"

// ParseTanggal validates s as YYYY-MM-DD.
func ParseTanggal(s string) (Tanggal, error) {
	t, err := time.Parse(tanggalLayout, s)
	if err != nil {
		return "", fault.New(fault.Invalid, "tanggal %q tidak sah (format YYYY-MM-DD)", s)
	}
	return Tanggal(t.Format(tanggalLayout)), nil
}

// TanggalOf is the date of t in loc.
func TanggalOf(t time.Time, loc *time.Location) Tanggal {
	return Tanggal(t.In(loc).Format(tanggalLayout))
}

// Time is midnight UTC of the date (the zero time for no date).
func (d Tanggal) Time() time.Time {
	t, _ := time.Parse(tanggalLayout, string(d))
	return t
}

// Year is the date's year.
func (d Tanggal) Year() int { return d.Time().Year() }

// Month is the date's month.
func (d Tanggal) Month() time.Month { return d.Time().Month() }

var bulanNama = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Panjang is the date as a letter prints it: "5 Maret 2026".
func (d Tanggal) Panjang() string {
	t := d.Time()
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), bulanNama[t.Month()-1], t.Year())
}

// Value stores the date as ISO text; PostgreSQL casts it to DATE.
func (d Tanggal) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a DATE (PostgreSQL gives a time) or ISO text (SQLite).
func (d *Tanggal) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = ""
	case time.Time:
		*d = Tanggal(v.Format(tanggalLayout))
	case string:
		*d = Tanggal(firstTen(v))
	case []byte:
		*d = Tanggal(firstTen(string(v)))
	default:
		return fmt.Errorf("persuratan: cannot scan %T into Tanggal", src)
	}
	return nil
}

func firstTen(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// Indonesia's three time zones by provinsi code (UU/Keppres 41/1987
// pembagian wilayah waktu). A letter is dated by the clock on the wall of the
// kantor desa, so "today" depends on where the desa is. Fixed offsets: the
// country keeps no daylight saving, and this needs no tzdata in the image.
var (
	wib  = time.FixedZone("WIB", 7*3600)
	wita = time.FixedZone("WITA", 8*3600)
	wit  = time.FixedZone("WIT", 9*3600)
)

// zoneOf is the time zone of the wilayah's provinsi.
func zoneOf(k tenancy.Kode) *time.Location {
	switch string(k.Up(tenancy.Provinsi)) {
	case "51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76":
		return wita
	case "81", "82", "91", "92", "93", "94", "95", "96", "97":
		return wit
	}
	return wib
}

// romawi writes a month as the Roman numeral letters carry (III for March).
func romawi(m time.Month) string {
	return [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[m-1]
}
