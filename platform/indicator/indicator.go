// Package indicator is the shape in which a module hands its figures per
// desa to the modules that compare desa (the kecamatan and kabupaten
// tables, the dashboards, the forum panel) without those reading its
// tables: types only, no rules (ARCHITECTURE.md, "Cross-module
// contracts"). A provider answers for a whole wilayah in one query per
// family of figures, never one query per desa.
package indicator

import (
	"context"
	"time"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Kind is what a value holds.
type Kind string

const (
	// Count is a whole number (people, posts, letters) in Value.Number.
	Count Kind = "count"
	// Text is a word or a name in Value.Text.
	Text Kind = "text"
	// Time is an instant in Value.Time.
	Time Kind = "time"
)

// Definition describes one indicator of one source module.
type Definition struct {
	Source string // the module, e.g. "administration"
	Code   string // unique within the source, e.g. "jabatan_kosong"
	Nama   string // Bahasa, for a column heading, e.g. "Jabatan kosong"
	Satuan string // unit, e.g. "jiwa"; "" for none
	Kind   Kind
	// Periodic marks counts of events inside the Period asked for (letters
	// sent); the others are states as of the Period's end.
	Periodic bool
	// Kini marks states the provider can only tell as of now (the probes
	// of the last 30 days, today's posts): the Period is not used. A
	// consumer comparing past years leaves them out of those years.
	Kini bool
	// HigherIsBetter says which way a ranking reads; meaningless for
	// Text and Time.
	HigherIsBetter bool
	// Permission is what a user needs at the wilayah to see the values.
	// Consumers ask only for the indicators their user may see.
	Permission authz.Permission
	// Personal marks values that name a person (a kepala desa's name):
	// never shown to roles that see aggregates only.
	Personal bool
}

// Value is one figure of one desa. A desa without data for an indicator
// has no value for it: nothing is ever invented.
type Value struct {
	Desa   tenancy.Kode
	Source string
	Code   string
	Number int64
	Text   string
	Time   time.Time
}

// Period is the span of calendar dates a figure counts over (for counts of
// events such as letters); figures of state (posts, population) are read
// as of To.
type Period struct {
	From, To civil.Date
}

// Month is the calendar month that contains d.
func Month(d civil.Date) Period {
	t := d.Time()
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return Period{From: civil.DateOf(first), To: civil.DateOf(first.AddDate(0, 1, -1))}
}

// Provider is what a module with figures exports. codes limits the answer
// to those indicators of its own (nil means all of them), so a consumer
// never makes a module read what its user may not see.
type Provider interface {
	Definitions() []Definition
	Indicators(ctx context.Context, wilayah tenancy.Kode, period Period, codes []string) ([]Value, error)
}

// Wants reports whether code is among codes (nil means every code).
func Wants(codes []string, code string) bool {
	if codes == nil {
		return true
	}
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

// Diperbarui is the code under which any source may report when a desa's
// records there last changed (Kind Time). Consumers show the latest of
// them as one "terakhir diperbarui".
const Diperbarui = "diperbarui"
