package db

import (
	"database/sql/driver"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// firstRows is the driver.Rows of a statement sent with its transaction's
// opening (see beginConn): its rows are read one by one, and Close reads
// what is left (done), so the connection is free again. Values reach
// database/sql as pgx's stdlib hands them over (bool, int64, float64,
// []byte, time.Time, string), so a scan cannot tell which path a row took.
type firstRows struct {
	rr      *pgconn.ResultReader
	done    func() error
	fields  []pgconn.FieldDescription
	conv    []func([]byte) (driver.Value, error)
	names   []string
	typeMap *pgtype.Map
	closed  bool
}

func newFirstRows(m *pgtype.Map, rr *pgconn.ResultReader, done func() error) *firstRows {
	r := &firstRows{rr: rr, done: done, typeMap: m}
	r.fields = rr.FieldDescriptions()
	r.conv = make([]func([]byte) (driver.Value, error), len(r.fields))
	for i, fd := range r.fields {
		r.conv[i] = valueConverter(m, fd)
	}
	return r
}

func (r *firstRows) Columns() []string {
	if r.names == nil {
		r.names = make([]string, len(r.fields))
		for i, fd := range r.fields {
			r.names[i] = fd.Name
		}
	}
	return r.names
}

func (r *firstRows) Next(dest []driver.Value) error {
	if r.closed {
		return io.EOF
	}
	if !r.rr.NextRow() {
		if _, err := r.rr.Close(); err != nil {
			return err
		}
		return io.EOF
	}
	for i, raw := range r.rr.Values() {
		if raw == nil {
			dest[i] = nil
			continue
		}
		v, err := r.conv[i](raw)
		if err != nil {
			return fmt.Errorf("db: column %s: %w", r.fields[i].Name, err)
		}
		dest[i] = v
	}
	return nil
}

func (r *firstRows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	_, err := r.rr.Close()
	if derr := r.done(); err == nil {
		err = derr
	}
	return err
}

func (r *firstRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.typeMap.TypeForOID(r.fields[i].DataTypeOID); ok {
		return strings.ToUpper(t.Name)
	}
	return strconv.FormatUint(uint64(r.fields[i].DataTypeOID), 10)
}

func (r *firstRows) ColumnTypeScanType(i int) reflect.Type {
	switch r.fields[i].DataTypeOID {
	case pgtype.BoolOID:
		return reflect.TypeFor[bool]()
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID:
		return reflect.TypeFor[int64]()
	case pgtype.Float4OID, pgtype.Float8OID:
		return reflect.TypeFor[float64]()
	case pgtype.DateOID, pgtype.TimestampOID, pgtype.TimestamptzOID:
		return reflect.TypeFor[time.Time]()
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID:
		return reflect.TypeFor[[]byte]()
	}
	return reflect.TypeFor[string]()
}

// valueConverter turns one column's wire value into the driver.Value
// pgx's stdlib gives for its type; anything else is its text.
func valueConverter(m *pgtype.Map, fd pgconn.FieldDescription) func([]byte) (driver.Value, error) {
	oid, format := fd.DataTypeOID, fd.Format
	switch oid {
	case pgtype.BoolOID:
		return scanAs[bool](m, oid, format, func(v bool) (driver.Value, error) { return v, nil })
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID:
		return scanAs[int64](m, oid, format, func(v int64) (driver.Value, error) { return v, nil })
	case pgtype.Float4OID, pgtype.Float8OID:
		return scanAs[float64](m, oid, format, func(v float64) (driver.Value, error) { return v, nil })
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID:
		return scanAs[[]byte](m, oid, format, func(v []byte) (driver.Value, error) { return v, nil })
	case pgtype.DateOID:
		return scanAs[pgtype.Date](m, oid, format, pgtype.Date.Value)
	case pgtype.TimestampOID:
		return scanAs[pgtype.Timestamp](m, oid, format, pgtype.Timestamp.Value)
	case pgtype.TimestamptzOID:
		return scanAs[pgtype.Timestamptz](m, oid, format, pgtype.Timestamptz.Value)
	}
	if format == pgtype.TextFormatCode {
		// What pgx's scan into a string gives for text: the text itself.
		return func(src []byte) (driver.Value, error) { return string(src), nil }
	}
	return scanAs[string](m, oid, format, func(v string) (driver.Value, error) { return v, nil })
}

// scanAs decodes into a fresh T with pgx's plan for the column, then maps
// it to a driver.Value. T is fresh each row: database/sql may keep a value
// ([]byte) until the next Next.
func scanAs[T any](m *pgtype.Map, oid uint32, format int16, value func(T) (driver.Value, error)) func([]byte) (driver.Value, error) {
	var probe T
	plan := m.PlanScan(oid, format, &probe)
	return func(src []byte) (driver.Value, error) {
		var v T
		if err := plan.Scan(src, &v); err != nil {
			return nil, err
		}
		return value(v)
	}
}
