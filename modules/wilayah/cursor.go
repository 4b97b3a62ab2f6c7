package wilayah

import (
	"encoding/base64"

	"github.com/ngantor/ngantor/platform/fault"
)

// Page is one page of a list ordered by a unique key. NextCursor is absent
// on the last page.
//
// Cursors rather than offsets keep a page stable while rows are added before
// it, and cost an index seek instead of a scan of the skipped rows. The
// cursor is opaque to clients so the key behind it may change later; the
// helpers here are generic so the lead can lift them into platform as is.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// encodeCursor turns the last key of a page into a cursor.
func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

// decodeCursor returns the key inside cursor ("" for no cursor). parse
// validates the key; a cursor that fails either step was not made by us.
func decodeCursor[K any](cursor string, parse func(string) (K, error)) (K, error) {
	var zero K
	if cursor == "" {
		return zero, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return zero, badCursor()
	}
	k, err := parse(string(raw))
	if err != nil {
		return zero, badCursor()
	}
	return k, nil
}

func badCursor() error {
	return fault.Field("query.cursor", "Cursor tidak sah.")
}

// newPage cuts rows, fetched with limit+1, to one page: the extra row only
// proves there is a next page, so no empty last page is ever served.
func newPage[T any](rows []T, limit int, key func(T) string) Page[T] {
	p := Page[T]{Items: rows}
	if len(rows) > limit {
		p.Items = rows[:limit]
		p.NextCursor = encodeCursor(key(p.Items[limit-1]))
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}
