// Package page is ngantor's cursor pagination: an opaque cursor (the sort
// key of the last row sent), a limit of 1–100 (default 20), and a page that
// says where to continue. Offsets are not offered: at kabupaten scale they
// get slower with every page and skip rows when data changes between pages.
package page

import (
	"encoding/base64"
	"encoding/json"

	"github.com/ngantor/ngantor/platform/fault"
)

// DefaultLimit and MaxLimit bound every list.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Params is embedded in a huma list input.
type Params struct {
	Cursor string `query:"cursor" doc:"Lanjutan dari next_cursor halaman sebelumnya"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Jumlah baris per halaman (1–100)"`
}

// Size is the limit to use (huma applies the default; a zero from a caller
// that bypassed it still gets one).
func (p Params) Size() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// Page is a list response.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty" doc:"Kosong pada halaman terakhir"`
}

// Decode reads a cursor into key; an empty cursor leaves key untouched and
// reports false.
func Decode[K any](cursor string, key *K) (bool, error) {
	if cursor == "" {
		return false, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || json.Unmarshal(raw, key) != nil {
		return false, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	return true, nil
}

// Encode makes the cursor for key.
func Encode[K any](key K) string {
	raw, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// Of builds a page from rows fetched with limit+1: the extra row only says
// there is more, and keyOf gives the cursor of the last row kept.
func Of[T any, K any](rows []T, limit int, keyOf func(T) K) Page[T] {
	if rows == nil {
		rows = []T{}
	}
	if len(rows) <= limit {
		return Page[T]{Items: rows}
	}
	rows = rows[:limit]
	return Page[T]{Items: rows, NextCursor: Encode(keyOf(rows[len(rows)-1]))}
}
