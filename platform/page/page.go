// Package page is ngantor's cursor pagination: an opaque cursor (the sort
// key of the last row sent), a limit of 1–100 (default 20), and a page that
// says where to continue. Offsets are not offered: at kabupaten scale they
// get slower with every page and skip rows when data changes between pages.
package page

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
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
//
// A cursor comes back from the client, so it is input like any other: a
// crafted one must not reach the database with text it cannot take. Besides
// base64 and JSON, Decode checks every string in the key: none may hold a
// control character, and a string field named ID or ending in ID must be a
// UUID in its canonical form, since every id in ngantor is a UUIDv7
// (PostgreSQL answers anything else with an internal error, not an empty
// page). Every failure is the same Invalid fault on query.cursor.
func Decode[K any](cursor string, key *K) (bool, error) {
	if cursor == "" {
		return false, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || json.Unmarshal(raw, key) != nil || !sound(reflect.ValueOf(key).Elem(), "") {
		return false, badCursor()
	}
	return true, nil
}

func badCursor() error { return fault.Field("query.cursor", "Cursor tidak sah.") }

// sound checks the strings of a decoded key; name is the Go field name of v.
func sound(v reflect.Value, name string) bool {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if _, bad := valid.Control(s, false); bad {
			return false
		}
		if name == "ID" || strings.HasSuffix(name, "ID") {
			id, err := uuid.Parse(s)
			return err == nil && id.String() == s
		}
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || sound(v.Elem(), name)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if !sound(v.Index(i), name) {
				return false
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if !sound(it.Key(), "") || !sound(it.Value(), "") {
				return false
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && !sound(v.Field(i), f.Name) {
				return false
			}
		}
	}
	return true
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
