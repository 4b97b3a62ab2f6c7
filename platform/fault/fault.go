// Package fault gives errors a code that the HTTP edge maps to a status, and
// a message safe to show a user (Bahasa Indonesia). Any error without a code
// is internal: logged with its detail, shown as a plain 500.
package fault

import (
	"errors"
	"fmt"
)

// Code classifies an error for the edge.
type Code string

const (
	Invalid      Code = "invalid"      // 422: the input breaks a rule
	NotFound     Code = "not_found"    // 404
	Conflict     Code = "conflict"     // 409: state does not allow it now
	Forbidden    Code = "forbidden"    // 403
	Unauthorized Code = "unauthorized" // 401
	TooMany      Code = "too_many"     // 429
	Unavailable  Code = "unavailable"  // 503: a dependency is down; try again shortly
)

// Error is an error with a code and a user-facing message.
type Error struct {
	Code    Code
	Message string // Bahasa Indonesia, shown to the user
	Field   string // optional: the input field at fault, e.g. "body.email"
	// Fields lists every field at fault when one input breaks several
	// rules (Invalids); a form shows each next to its field.
	Fields []*Error
	Err    error // optional cause, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return string(e.Code) + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New makes a coded error with a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field makes an Invalid error about one input field.
func Field(field, format string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Invalids makes one Invalid error out of several field errors; its
// Message and Field are the first one's.
func Invalids(errs []*Error) *Error {
	if len(errs) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Field: errs[0].Field, Message: errs[0].Message, Fields: errs}
}

// FieldMessages maps each field at fault in err to its first message; nil
// when err is not an Invalid fault. Pages use it to put each message next
// to its field.
func FieldMessages(err error) map[string]string {
	f, ok := As(err)
	if !ok || f.Code != Invalid {
		return nil
	}
	m := map[string]string{}
	list := f.Fields
	if len(list) == 0 {
		list = []*Error{f}
	}
	for _, e := range list {
		if _, seen := m[e.Field]; !seen && e.Field != "" {
			m[e.Field] = e.Message
		}
	}
	return m
}

// As returns the coded error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Is reports whether err carries the code.
func Is(err error, code Code) bool {
	e, ok := As(err)
	return ok && e.Code == code
}
