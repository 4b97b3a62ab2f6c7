package administration

import (
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Tanggal is a calendar date as a decree states it ("2006-01-02"): an SK
// date, the start or end of a term. It has no time of day and no zone, so a
// term ending on 31 Desember ends on that date in Bali and in Aceh alike.
// The zero value is "no date" and is stored as NULL.
type Tanggal string

const tanggalLayout = "2006-01-02"

// ParseTanggal validates s (YYYY-MM-DD); "" is the zero Tanggal.
func ParseTanggal(s string) (Tanggal, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(tanggalLayout, s)
	if err != nil {
		return "", fault.New(fault.Invalid, "Tanggal %q tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.", s)
	}
	return TanggalOf(t), nil
}

// TanggalOf is the date of t in t's own location.
func TanggalOf(t time.Time) Tanggal { return Tanggal(t.Format(tanggalLayout)) }

// IsZero reports whether no date is set.
func (d Tanggal) IsZero() bool { return d == "" }

// Time is midnight UTC of the date.
func (d Tanggal) Time() time.Time {
	t, _ := time.Parse(tanggalLayout, string(d))
	return t
}

// AddDate moves the date like time.Time.AddDate.
func (d Tanggal) AddDate(years, months, days int) Tanggal {
	return TanggalOf(d.Time().AddDate(years, months, days))
}

// Before reports whether d is earlier than e. ISO dates order as strings.
func (d Tanggal) Before(e Tanggal) bool { return d < e }

// String is the date in Indonesian, e.g. "31 Desember 2026", for pages.
func (d Tanggal) String() string {
	if d == "" {
		return ""
	}
	t := d.Time()
	return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()-1], t.Year())
}

var bulan = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// MarshalText writes the ISO form.
func (d Tanggal) MarshalText() ([]byte, error) { return []byte(d), nil }

// UnmarshalText accepts the ISO form only.
func (d *Tanggal) UnmarshalText(b []byte) error {
	v, err := ParseTanggal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Schema tells huma the JSON form, so a bad date is a 422 naming the field.
func (Tanggal) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeString, Format: "date", Examples: []any{"2026-01-31"}}
}

// Value stores the ISO text; PostgreSQL casts it to DATE.
func (d Tanggal) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a DATE (PostgreSQL gives a time.Time) or ISO text (SQLite).
func (d *Tanggal) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = ""
	case time.Time:
		*d = Tanggal(v.Format(tanggalLayout))
	case string:
		*d = Tanggal(v)
	case []byte:
		*d = Tanggal(v)
	default:
		return fmt.Errorf("administration: cannot scan %T into Tanggal", src)
	}
	if len(*d) > len(tanggalLayout) { // SQLite may hand back "2026-01-31 00:00:00"
		*d = (*d)[:len(tanggalLayout)]
	}
	return nil
}

// Indonesia's three time zones by provinsi code (UU 6/2014 does not say;
// Keppres 41/1987 does). A term's end and "today" are read at the desa.
var (
	wib  = time.FixedZone("WIB", 7*3600)
	wita = time.FixedZone("WITA", 8*3600)
	wit  = time.FixedZone("WIT", 9*3600)
)

func zonaWaktu(k tenancy.Kode) *time.Location {
	switch k.Up(tenancy.Provinsi) {
	case "51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76":
		return wita
	case "81", "82", "91", "92", "93", "94", "95", "96":
		return wit
	}
	return wib
}
