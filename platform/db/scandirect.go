package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// A ReadOne's query run by ScanParams or SelectText on PostgreSQL is read
// straight from the driver's rows into the model: each column through
// bun's own field scanner (schema.Field.ScanValue, what bun's model calls
// for it), without database/sql's Rows (a lock, a conversion and an
// interface call per value) and bun's model around it (a column name
// looked up per value). Those layers were ≈ 13 % of serve's CPU on a by-id
// read. Models bun would treat specially — scan hooks, or anything but a
// struct or a slice of structs or of pointers to them — take the usual
// path (scanText).

// directModel is what scanDirect fills.
type directModel struct {
	table *schema.Table
	slice bool // *[]T or *[]*T, else *T
	ptrs  bool // *[]*T
}

var (
	beforeScanRowType = reflect.TypeFor[bun.BeforeScanRowHook]()
	afterScanRowType  = reflect.TypeFor[bun.AfterScanRowHook]()
)

// directModelOf reports whether model can be scanned directly.
func directModelOf(bdb *bun.DB, model any) (directModel, bool) {
	v := reflect.ValueOf(model)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return directModel{}, false
	}
	var m directModel
	t := v.Type().Elem()
	if t.Kind() == reflect.Slice {
		m.slice = true
		t = t.Elem()
		if t.Kind() == reflect.Pointer {
			m.ptrs = true
			t = t.Elem()
		}
	}
	if t.Kind() != reflect.Struct {
		return directModel{}, false
	}
	for _, h := range []reflect.Type{beforeScanRowType, afterScanRowType} {
		if t.Implements(h) || reflect.PointerTo(t).Implements(h) {
			return directModel{}, false
		}
	}
	m.table = bdb.Table(t)
	return m, true
}

// directFields caches, per model type and query text, the field each
// column scans into (nil: a column bun skips).
var directFields sync.Map // directKey → []*schema.Field

type directKey struct {
	t     reflect.Type
	query string
}

func fieldsFor(table *schema.Table, query string, rows driver.Rows) ([]*schema.Field, error) {
	k := directKey{table.Type, query}
	if f, ok := directFields.Load(k); ok {
		// The text fixes the columns; their count is checked all the
		// same (firstRows knows it without building the names).
		if f := f.([]*schema.Field); len(f) == columnCount(rows) {
			return f, nil
		}
	}
	cols := rows.Columns()
	fields := make([]*schema.Field, len(cols))
	for i, c := range cols {
		c = strings.Trim(c, `"`)
		if fields[i] = table.LookupField(c); fields[i] == nil && c != "" && c[0] != '_' {
			// bun's own words for it.
			return nil, fmt.Errorf("bun: %s does not have column %q", table.TypeName, c)
		}
	}
	directFields.Store(k, fields)
	return fields, nil
}

// errNotDirect: the pool handed out a connection that is not ours.
var errNotDirect = errors.New("db: not a beginConn")

// scanDirect runs query on c's driver connection and scans its rows into
// model as scanText would. It reports false when c's connection cannot be
// read directly (then nothing was sent).
func scanDirect(ctx context.Context, c bun.Conn, m directModel, query string, model any, args []any) (bool, error) {
	err := c.Raw(func(dc any) error {
		bc, ok := dc.(*beginConn)
		if !ok {
			return errNotDirect
		}
		// What database/sql hands pgx: the arguments as they are (pgx's
		// CheckNamedValue accepts every value).
		nv := make([]driver.NamedValue, len(args))
		for i, a := range args {
			nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		rows, err := bc.QueryContext(ctx, query, nv)
		if err != nil {
			return err
		}
		err = scanDriverRows(rows, m, model, query)
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if errors.Is(err, errNotDirect) {
		return false, nil
	}
	return true, err
}

func scanDriverRows(rows driver.Rows, m directModel, model any, query string) error {
	fields, err := fieldsFor(m.table, query, rows)
	if err != nil {
		return err
	}
	dest := make([]driver.Value, len(fields))
	scanRow := func(strct reflect.Value) error {
		for i, f := range fields {
			if f == nil {
				continue
			}
			if err := f.ScanValue(strct, dest[i]); err != nil {
				return err
			}
		}
		return nil
	}
	v := reflect.ValueOf(model).Elem()
	if !m.slice {
		if err := rows.Next(dest); err != nil {
			if err == io.EOF {
				return sql.ErrNoRows
			}
			return err
		}
		return scanRow(v)
	}
	v.SetLen(0)
	for {
		if err := rows.Next(dest); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		n := v.Len()
		if n == v.Cap() {
			v.Grow(max(n, 4))
		}
		v.SetLen(n + 1)
		elem := v.Index(n)
		if m.ptrs {
			elem.Set(reflect.New(m.table.Type))
			elem = elem.Elem()
		} else {
			elem.SetZero()
		}
		if err := scanRow(elem); err != nil {
			return err
		}
	}
}

func columnCount(rows driver.Rows) int {
	if fr, ok := rows.(*firstRows); ok {
		return len(fr.fields)
	}
	return len(rows.Columns())
}
