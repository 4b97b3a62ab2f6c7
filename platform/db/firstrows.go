package db

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"io"
	"math"
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
	kinds   []colKind
	conv    []func([]byte) (driver.Value, error) // built on first need (slowCol)
	names   []string
	typeMap *pgtype.Map
	closed  bool
}

func newFirstRows(m *pgtype.Map, rr *pgconn.ResultReader, done func() error) *firstRows {
	r := &firstRows{rr: rr, done: done, typeMap: m}
	r.fields = rr.FieldDescriptions()
	r.kinds = make([]colKind, len(r.fields))
	for i, fd := range r.fields {
		r.kinds[i] = kindOf(fd)
	}
	return r
}

// colKind is how a column's wire values are decoded. The common binary
// types and text are decoded here, as pgx's own plans would decode them
// (firstrows_test.go compares the two); anything else — and a date or
// timestamp that is infinite or far out of range — goes through pgx's plan
// (valueConverter). Building a plan closure per column and a heap value per
// cell was a fifth of what a by-id read allocated.
type colKind uint8

const (
	colSlow colKind = iota // valueConverter
	colText
	colBool
	colInt2
	colInt4
	colInt8
	colFloat4
	colFloat8
	colDate
	colTimestamp
	colTimestamptz
)

func kindOf(fd pgconn.FieldDescription) colKind {
	if fd.Format == pgtype.TextFormatCode {
		switch fd.DataTypeOID {
		case pgtype.BoolOID, pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.Float4OID, pgtype.Float8OID,
			pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.DateOID, pgtype.TimestampOID, pgtype.TimestamptzOID:
			return colSlow
		}
		return colText
	}
	switch fd.DataTypeOID {
	case pgtype.BoolOID:
		return colBool
	case pgtype.Int2OID:
		return colInt2
	case pgtype.Int4OID:
		return colInt4
	case pgtype.Int8OID:
		return colInt8
	case pgtype.Float4OID:
		return colFloat4
	case pgtype.Float8OID:
		return colFloat8
	case pgtype.DateOID:
		return colDate
	case pgtype.TimestampOID:
		return colTimestamp
	case pgtype.TimestamptzOID:
		return colTimestamptz
	}
	return colSlow
}

// Bounds of the values decoded here: ±8,000 years around 2000-01-01, well
// inside what pgx accepts; beyond them (and at ±infinity) pgx decides.
const (
	fastDays   = 8000 * 366
	fastMicros = int64(fastDays) * 86_400_000_000
	// y2kUnix is 2000-01-01T00:00:00Z in Unix seconds.
	y2kUnix = 946_684_800
)

// fast decodes src as kind, or reports false for pgx's plan to decide.
func fast(kind colKind, src []byte) (driver.Value, bool) {
	switch kind {
	case colText:
		return string(src), true
	case colBool:
		if len(src) == 1 {
			return src[0] == 1, true
		}
	case colInt2:
		if len(src) == 2 {
			return int64(int16(binary.BigEndian.Uint16(src))), true
		}
	case colInt4:
		if len(src) == 4 {
			return int64(int32(binary.BigEndian.Uint32(src))), true
		}
	case colInt8:
		if len(src) == 8 {
			return int64(binary.BigEndian.Uint64(src)), true
		}
	case colFloat4:
		if len(src) == 4 {
			return float64(math.Float32frombits(binary.BigEndian.Uint32(src))), true
		}
	case colFloat8:
		if len(src) == 8 {
			return math.Float64frombits(binary.BigEndian.Uint64(src)), true
		}
	case colDate:
		if len(src) == 4 {
			if d := int32(binary.BigEndian.Uint32(src)); d > -fastDays && d < fastDays {
				return time.Date(2000, 1, int(1+d), 0, 0, 0, 0, time.UTC), true
			}
		}
	case colTimestamp, colTimestamptz:
		if len(src) == 8 {
			if us := int64(binary.BigEndian.Uint64(src)); us > -fastMicros && us < fastMicros {
				t := time.Unix(y2kUnix+us/1_000_000, us%1_000_000*1_000)
				if kind == colTimestamp {
					t = t.UTC()
				}
				return t, true
			}
		}
	}
	return nil, false
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
		if v, ok := fast(r.kinds[i], raw); ok {
			dest[i] = v
			continue
		}
		if r.conv == nil {
			r.conv = make([]func([]byte) (driver.Value, error), len(r.fields))
		}
		if r.conv[i] == nil {
			r.conv[i] = valueConverter(r.typeMap, r.fields[i])
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
