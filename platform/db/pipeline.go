package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// PostgreSQL plans every statement text it has not prepared: for a by-id
// read of perangkat with its dusun join and RLS policies that took
// ≈ 0.24 ms, six times its execution (EXPLAIN ANALYZE, min of 40). pgx's
// statement cache prepares a text once per connection and reuses the plan,
// and a query written with parameters (Param) keeps one text for every id.
//
// queryFirst sends a tenant transaction's first query in one pipeline with
// its opening — BEGIN, set_config of the range (parameters, so that too is
// one text), the query — and one Sync: one round trip, and the query runs
// as a prepared statement when pgx has one for its text. A text is
// prepared (one extra round trip, once per connection) when it has
// arguments or was seen before on the connection: bun inlines values, so a
// text seen once is likely never to repeat, and preparing it would only
// churn the cache.

const setRangeSQL = "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)"

// setRangeName names setRangeSQL's prepared statement on each connection.
const setRangeName = "ngantor_set_range"

func (c *beginConn) queryFirst(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	conn := c.Conn.Conn()
	var sd *pgconn.StatementDescription
	if len(args) > 0 || c.seen.has(query) {
		// Named by its text, pgx's own Query finds it too. Prepare is
		// idempotent (no round trip once prepared). pgx keeps such
		// statements until told: past maxPrepared they all go.
		if !c.prepared.has(query) && len(c.prepared) >= maxPrepared {
			if err := conn.DeallocateAll(ctx); err != nil {
				return nil, err
			}
			c.prepared = nil
		}
		var err error
		if sd, err = conn.Prepare(ctx, query, query); err != nil {
			return nil, err
		}
		c.prepared.add(query)
	}
	c.seen.add(query)
	m := conn.TypeMap()
	var values [][]byte
	var formats, resultFormats []int16
	if sd != nil {
		if len(sd.ParamOIDs) != len(args) {
			return nil, fmt.Errorf("db: statement has %d parameters, %d arguments given", len(sd.ParamOIDs), len(args))
		}
		values = make([][]byte, len(args))
		formats = make([]int16, len(args))
		for i, oid := range sd.ParamOIDs {
			formats[i] = m.FormatCodeForOID(oid)
			arg := args[i].Value
			if u, ok := arg.(uuid.UUID); ok && oid == pgtype.UUIDOID {
				// pgx takes a uuid.UUID as a driver.Valuer: its text,
				// which the binary format refuses with an error built
				// and dropped before pgx parses the text back — 6 % of
				// serve's CPU on a by-id read. The 16 bytes are what
				// the binary format sends.
				arg = [16]byte(u)
			}
			v, err := m.Encode(oid, formats[i], arg, nil)
			if err != nil {
				return nil, fmt.Errorf("db: argument %d: %w", i+1, err)
			}
			values[i] = v
		}
		resultFormats = make([]int16, len(sd.Fields))
		for i, f := range sd.Fields {
			resultFormats[i] = resultFormat(f.DataTypeOID)
		}
	}
	// The range's set_config runs as a statement prepared once per
	// connection: PostgreSQL parses and plans it once, not per request.
	rangeSD, err := conn.Prepare(ctx, setRangeName, setRangeSQL)
	if err != nil {
		return nil, err
	}
	c.pending = false
	p := conn.PgConn().StartPipeline(ctx)
	opening := 2 // BEGIN, set_config
	if c.one {
		// ReadOne: no BEGIN and no COMMIT. Every statement between two
		// Syncs of the extended protocol runs in one transaction, which
		// the Sync ends (commits, or rolls back after an error): the
		// range set_config publishes transaction-locally holds for the
		// query and is gone after the Sync, as in BEGIN … COMMIT, for two
		// statements fewer on the server.
		opening = 1
		c.spent = true
	} else {
		p.SendQueryParams("BEGIN", nil, nil, nil, nil)
	}
	p.SendQueryStatement(rangeSD, [][]byte{strconv.AppendInt(nil, c.lo, 10), strconv.AppendInt(nil, c.hi, 10)},
		nil, nil)
	if sd != nil {
		p.SendQueryStatement(sd, values, formats, resultFormats)
	} else {
		p.SendQueryParams(query, nil, nil, nil, nil)
	}
	if err := p.Sync(); err != nil {
		_ = p.Close()
		return nil, err
	}
	fail := func(err error) (driver.Rows, error) {
		if cerr := p.Close(); err == nil {
			err = cerr
		}
		if sd != nil && stalePlan(err) {
			// The table changed under the prepared statement (a
			// migration); pgx forgets its own cached ones on this
			// error, an explicitly prepared one stays. The connection
			// goes, and the statement with it.
			_ = conn.PgConn().Close(context.WithoutCancel(ctx))
		}
		return nil, err
	}
	for range opening {
		res, err := p.GetResults()
		if err != nil {
			return fail(err)
		}
		rr, ok := res.(*pgconn.ResultReader)
		if !ok {
			return fail(fmt.Errorf("db: opening gave %T", res))
		}
		if _, err := rr.Close(); err != nil {
			return fail(err)
		}
	}
	res, err := p.GetResults()
	if err != nil {
		return fail(err)
	}
	rr, ok := res.(*pgconn.ResultReader)
	if !ok {
		return fail(fmt.Errorf("db: query gave %T", res))
	}
	return newFirstRows(m, rr, func() error {
		// The Sync; Close reads up to it.
		return p.Close()
	}), nil
}

// stalePlan reports PostgreSQL's refusal to run a prepared statement whose
// result columns changed since it was prepared.
func stalePlan(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "0A000" && strings.Contains(pgErr.Message, "cached plan")
}

// resultFormat asks for binary only where valueConverter has a type of its
// own (as pgx's stdlib does); anything else arrives as text, which is what
// database/sql gets for it.
func resultFormat(oid uint32) int16 {
	switch oid {
	case pgtype.BoolOID, pgtype.ByteaOID, pgtype.DateOID, pgtype.Float4OID, pgtype.Float8OID,
		pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.TimestampOID, pgtype.TimestamptzOID:
		return pgtype.BinaryFormatCode
	}
	return pgtype.TextFormatCode
}

// maxPrepared bounds the statements queryFirst prepares on one connection.
const maxPrepared = 512

// seenTexts remembers hashes of the query texts a connection ran, up to a
// bound (then it starts over). A collision only makes queryFirst prepare a
// text it would not have: a hash that allocates nothing (maphash of the
// string, not a digest of a copy of it) is enough.
type seenTexts map[uint64]struct{}

const seenMax = 1024

var textSeed = maphash.MakeSeed()

func textKey(q string) uint64 { return maphash.String(textSeed, q) }

func (s *seenTexts) has(q string) bool {
	_, ok := (*s)[textKey(q)]
	return ok
}

func (s *seenTexts) add(q string) {
	if *s == nil {
		*s = make(seenTexts)
	}
	k := textKey(q)
	if _, ok := (*s)[k]; !ok && len(*s) >= seenMax {
		*s = make(seenTexts)
	}
	(*s)[k] = struct{}{}
}
