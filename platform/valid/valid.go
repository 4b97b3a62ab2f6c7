// Package valid holds the input rules every module shares, so the API and
// the pages of a module refuse the same things: text without control
// characters and within its length, numbers within their bounds, dates in
// order, and the national identity formats (NIK). A type's Validate method
// (one per type, used by its API handler and its page handler alike)
// collects what is wrong with it in a Problems and returns Problems.Err.
//
// Every message is Bahasa Indonesia and names the field by the label the
// user sees on the form ("Nama", "Nomor SK"), never the JSON name.
package valid

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

// Problems collects the field errors of one input. The zero value is ready.
type Problems struct {
	list []*fault.Error
}

// Add records that field (e.g. "body.nama") breaks a rule.
func (p *Problems) Add(field, format string, args ...any) {
	p.list = append(p.list, fault.Field(field, format, args...))
}

// Include records err when it is an Invalid fault (keeping its field); any
// other non-nil error is recorded as a problem of field with its message.
func (p *Problems) Include(field string, err error) {
	if err == nil {
		return
	}
	if f, ok := fault.As(err); ok && f.Code == fault.Invalid {
		if len(f.Fields) > 0 {
			p.list = append(p.list, f.Fields...)
			return
		}
		if f.Field == "" {
			f = &fault.Error{Code: f.Code, Field: field, Message: f.Message, Err: f.Err}
		}
		p.list = append(p.list, f)
		return
	}
	if f, ok := fault.As(err); ok {
		p.list = append(p.list, fault.Field(field, "%s", f.Message))
		return
	}
	p.list = append(p.list, fault.Field(field, "%s", err.Error()))
}

// Has reports whether field already has a problem (to skip checks that
// would only repeat it).
func (p *Problems) Has(field string) bool {
	for _, e := range p.list {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Empty reports whether nothing was recorded.
func (p *Problems) Empty() bool { return len(p.list) == 0 }

// Err is nil when nothing was recorded, else one Invalid fault listing
// every field (fault.Error.Fields); its Message is the first problem's.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return fault.Invalids(p.list)
}

// Control reports the first character of s that has no place in a form
// field: C0/C1 control characters (NUL included), lone surrogates and
// invalid UTF-8, the Unicode non-characters, and U+FFFD. Tab, line feed and
// carriage return are allowed only when multiline.
//
// U+FFFD is the replacement character a decoder writes where the bytes
// were not text; encoding/json does so for invalid UTF-8 in a body, so
// refusing it is how an API refuses the broken bytes themselves. Nobody
// types it on purpose.
func Control(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		if r == utf8.RuneError {
			return r, true
		}
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE {
			return r, true
		}
	}
	return 0, false
}

// Text checks a single-line text: required when min > 0, at most max
// characters (runes), no control characters. Callers trim first.
func (p *Problems) Text(field, label, s string, min, max int) {
	p.text(field, label, s, min, max, false)
}

// Paragraph is Text for a multi-line field (line breaks and tabs allowed).
func (p *Problems) Paragraph(field, label, s string, min, max int) {
	p.text(field, label, s, min, max, true)
}

func (p *Problems) text(field, label, s string, min, max int, multiline bool) {
	if _, bad := Control(s, multiline); bad {
		p.Add(field, "%s berisi karakter yang tidak diizinkan (karakter kendali atau teks yang rusak).", label)
		return
	}
	n := utf8.RuneCountInString(s)
	switch {
	case min > 0 && strings.TrimSpace(s) == "":
		p.Add(field, "%s wajib diisi.", label)
	case n < min:
		p.Add(field, "%s minimal %s karakter.", label, Angka(int64(min)))
	case max > 0 && n > max:
		p.Add(field, "%s maksimal %s karakter (sekarang %s).", label, Angka(int64(max)), Angka(int64(n)))
	}
}

// Int checks lo <= v <= hi.
func (p *Problems) Int(field, label string, v, lo, hi int64) {
	if v < lo || v > hi {
		p.Add(field, "%s harus antara %s dan %s.", label, Angka(lo), Angka(hi))
	}
}

// Float checks lo <= v <= hi (and that v is a number at all).
func (p *Problems) Float(field, label string, v, lo, hi float64) {
	if v != v || v < lo || v > hi {
		p.Add(field, "%s harus antara %s dan %s.", label, trimFloat(lo), trimFloat(hi))
	}
}

// Date checks that d, when set, lies within [from, to] (either bound may be
// zero = open). Required dates are checked by the caller with Required.
func (p *Problems) Date(field, label string, d, from, to civil.Date) {
	switch {
	case d.IsZero():
	case !from.IsZero() && d.Before(from):
		p.Add(field, "%s tidak boleh sebelum %s.", label, from)
	case !to.IsZero() && to.Before(d):
		p.Add(field, "%s tidak boleh setelah %s.", label, to)
	}
}

// Order checks that an earlier date is not after a later one, e.g. the SK
// date and the start of the term it grants. The problem is reported on
// the later field.
func (p *Problems) Order(earlyLabel string, early civil.Date, lateField, lateLabel string, late civil.Date) {
	if early.IsZero() || late.IsZero() || !late.Before(early) {
		return
	}
	p.Add(lateField, "%s tidak boleh sebelum %s (%s).", lateLabel, lowerFirst(earlyLabel), early)
}

// lowerFirst lowers a label's first letter for the middle of a sentence
// and keeps the rest: "Tanggal SK" → "tanggal SK".
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// Required checks that a value was given.
func (p *Problems) Required(field, label string, given bool) {
	if !given {
		p.Add(field, "%s wajib diisi.", label)
	}
}

// Angka writes an integer with Indonesian thousands dots (4.913).
func Angka(n int64) string {
	s := fmt.Sprint(n)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}

func trimFloat(f float64) string {
	return strings.Replace(strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", f), "0"), "."), ".", ",", 1)
}
