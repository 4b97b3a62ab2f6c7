package db

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// TestFastDecodeMatchesPgx holds firstRows' own decoding to what pgx's
// plans give for the same wire bytes (valueConverter), value for value, and
// checks that what it does not decode (infinity, far dates, text of a typed
// column) is left to pgx.
func TestFastDecodeMatchesPgx(t *testing.T) {
	m := pgtype.NewMap()
	bin := func(oid uint32, v any) []byte {
		t.Helper()
		b, err := m.Encode(oid, pgtype.BinaryFormatCode, v, nil)
		if err != nil {
			t.Fatalf("encode %v as %d: %v", v, oid, err)
		}
		return b
	}
	jkt := time.FixedZone("WIB", 7*3600)
	times := []time.Time{
		time.Date(2026, 12, 3, 4, 5, 6, 123456000, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC),
		time.Date(1945, 8, 17, 10, 0, 0, 1000, jkt),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	}
	type tc struct {
		oid  uint32
		src  []byte
		fast bool // decoded here, not by pgx
	}
	var cases []tc
	for _, v := range []bool{true, false} {
		cases = append(cases, tc{pgtype.BoolOID, bin(pgtype.BoolOID, v), true})
	}
	for _, v := range []int64{0, 1, -1, math.MaxInt16, math.MinInt16} {
		cases = append(cases, tc{pgtype.Int2OID, bin(pgtype.Int2OID, v), true})
	}
	for _, v := range []int64{0, -7, math.MaxInt32, math.MinInt32} {
		cases = append(cases, tc{pgtype.Int4OID, bin(pgtype.Int4OID, v), true})
	}
	for _, v := range []int64{0, -7, math.MaxInt64, math.MinInt64} {
		cases = append(cases, tc{pgtype.Int8OID, bin(pgtype.Int8OID, v), true})
	}
	for _, v := range []float64{0, -1.5, 3.25, math.Inf(1), math.MaxFloat32} {
		cases = append(cases, tc{pgtype.Float4OID, bin(pgtype.Float4OID, float32(v)), true})
		cases = append(cases, tc{pgtype.Float8OID, bin(pgtype.Float8OID, v), true})
	}
	for _, tm := range times {
		d := time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
		cases = append(cases,
			tc{pgtype.DateOID, bin(pgtype.DateOID, d), true},
			tc{pgtype.TimestampOID, bin(pgtype.TimestampOID, tm.UTC()), true},
			tc{pgtype.TimestamptzOID, bin(pgtype.TimestamptzOID, tm), true},
		)
	}
	cases = append(cases,
		tc{pgtype.DateOID, bin(pgtype.DateOID, pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}), false},
		tc{pgtype.DateOID, bin(pgtype.DateOID, pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}), false},
		tc{pgtype.TimestamptzOID, bin(pgtype.TimestamptzOID, pgtype.Timestamptz{InfinityModifier: pgtype.Infinity, Valid: true}), false},
		tc{pgtype.TimestampOID, bin(pgtype.TimestampOID, pgtype.Timestamp{InfinityModifier: pgtype.NegativeInfinity, Valid: true}), false},
		tc{pgtype.DateOID, bin(pgtype.DateOID, time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)), false},
		tc{pgtype.TimestamptzOID, bin(pgtype.TimestamptzOID, time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)), false},
	)
	for i, c := range cases {
		fd := pgconn.FieldDescription{Name: "c", DataTypeOID: c.oid, Format: pgtype.BinaryFormatCode}
		want, err := valueConverter(m, fd)(c.src)
		if err != nil {
			t.Fatalf("case %d: pgx: %v", i, err)
		}
		got, ok := fast(kindOf(fd), c.src)
		if ok != c.fast {
			t.Errorf("case %d (oid %d, %x): decoded here = %v, want %v", i, c.oid, c.src, ok, c.fast)
			continue
		}
		if !ok {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("case %d (oid %d, %x): got %#v, pgx gives %#v", i, c.oid, c.src, got, want)
		}
	}

	// Text format: a text-like column is its text; a typed one is pgx's.
	for _, oid := range []uint32{pgtype.TextOID, pgtype.VarcharOID, pgtype.UUIDOID, pgtype.NumericOID} {
		fd := pgconn.FieldDescription{DataTypeOID: oid, Format: pgtype.TextFormatCode}
		got, ok := fast(kindOf(fd), []byte("12.50"))
		want, _ := valueConverter(m, fd)([]byte("12.50"))
		if !ok || got != want {
			t.Errorf("text oid %d: got %#v (%v), pgx gives %#v", oid, got, ok, want)
		}
	}
	for _, oid := range []uint32{pgtype.Int8OID, pgtype.DateOID, pgtype.BoolOID, pgtype.ByteaOID} {
		fd := pgconn.FieldDescription{DataTypeOID: oid, Format: pgtype.TextFormatCode}
		if _, ok := fast(kindOf(fd), []byte("1")); ok {
			t.Errorf("text of oid %d decoded here; pgx's plan should", oid)
		}
	}
}
