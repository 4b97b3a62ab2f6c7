package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// A tenant transaction on PostgreSQL used to cost two round trips before
// its first query: BEGIN, then set_config. The connector below sends
// neither on its own: BeginTx only remembers the range, and the opening
// travels with the transaction's first statement. A query goes in one
// extended-protocol pipeline with BEGIN and set_config (queryFirst,
// pipeline.go); a statement without rows and arguments (what bun's inserts,
// updates and deletes are) as one simple-protocol query
// "BEGIN; SELECT set_config(…); <statement>", which PostgreSQL runs in
// order, in the transaction BEGIN opened. Either way a one-query request
// costs two round trips (that query, COMMIT) where it cost three or four,
// and a transaction that runs no statement costs none. The range is still
// published with set_config(…, true) — transaction-local — and the opening
// text holds only two integers formatted here, never client input.

// beginKey carries, in the context given to BeginTx only, the range the
// transaction opens with.
type beginKey struct{}

type beginRange struct {
	lo, hi int64
	// wrote, when set, is raised by the first INSERT, UPDATE or DELETE run
	// through ExecContext that changed a row: the transaction certainly
	// wrote, and the pre-commit hooks need not ask the server (one round
	// trip fewer, under whatever lock the writes took).
	wrote *bool
}

// beginRangeSQL opens a transaction and publishes [lo, hi] to it; the same
// settings as SetRange.
func beginRangeSQL(lo, hi int64) string {
	return "BEGIN; SELECT set_config('app.desa_min', '" + strconv.FormatInt(lo, 10) +
		"', true), set_config('app.desa_max', '" + strconv.FormatInt(hi, 10) + "', true)"
}

// beginConnector hands out pgx stdlib connections whose BeginTx honours
// beginKey.
type beginConnector struct{ driver.Connector }

func (c beginConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := dc.(*stdlib.Conn)
	if !ok {
		dc.Close()
		return nil, fmt.Errorf("db: pgx stdlib gave a %T, not a *stdlib.Conn", dc)
	}
	return &beginConn{Conn: sc}, nil
}

// beginConn is a *stdlib.Conn (every optional driver interface it has is
// promoted) with its own BeginTx, and statement methods that send a
// deferred BEGIN with the first statement. database/sql uses a connection
// from one goroutine at a time, so pending needs no lock.
type beginConn struct {
	*stdlib.Conn
	pending  bool  // the opening (beginRangeSQL of lo, hi) not sent yet
	lo, hi   int64 // the range the opening publishes
	seen     seenTexts
	prepared seenTexts // texts queryFirst prepared (up to maxPrepared)
	wrote    *bool     // the open transaction's beginRange.wrote, or nil
	one      bool      // a ReadOne is open on the connection (openOne)
	spent    bool      // its one query went; the Sync ended its transaction
}

func (c *beginConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.wrote, c.one, c.spent = nil, false, false
	r, ok := ctx.Value(beginKey{}).(beginRange)
	if !ok || opts.Isolation != 0 || opts.ReadOnly {
		return c.Conn.BeginTx(ctx, opts)
	}
	if c.Conn.Conn().IsClosed() || c.pending {
		return nil, driver.ErrBadConn
	}
	c.pending, c.lo, c.hi, c.wrote = true, r.lo, r.hi, r.wrote
	return &beginTx{ctx: ctx, conn: c}, nil
}

// sendBegin sends a pending opening on its own, for a statement that does
// not carry it (an Exec with arguments, a database/sql Prepare).
func (c *beginConn) sendBegin(ctx context.Context) error {
	if !c.pending {
		return nil
	}
	q := beginRangeSQL(c.lo, c.hi)
	c.pending = false
	_, err := c.Conn.Conn().PgConn().Exec(ctx, q).ReadAll()
	return err
}

// errReadOne is a programming error: a ReadOne transaction ran a statement
// other than its one query.
var errReadOne = errors.New("db: a ReadOne transaction runs exactly one query and no other statement")

func (c *beginConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.one {
		return nil, errReadOne
	}
	var (
		res driver.Result
		err error
	)
	if !c.pending || len(args) > 0 {
		if err := c.sendBegin(ctx); err != nil {
			return nil, err
		}
		res, err = c.Conn.ExecContext(ctx, query, args)
	} else {
		q := beginRangeSQL(c.lo, c.hi) + "; " + query
		c.pending = false
		// Without arguments pgx sends a simple query and reports the last
		// statement's outcome: the caller's.
		res, err = c.Conn.ExecContext(ctx, q, nil)
	}
	if err == nil && c.wrote != nil && !*c.wrote && changesRows(query) {
		if n, nerr := res.RowsAffected(); nerr == nil && n > 0 {
			*c.wrote = true
		}
	}
	return res, err
}

// changesRows reports a statement that starts with INSERT, UPDATE or
// DELETE: one that changed a row when it reports rows affected. (A
// statement that starts otherwise, e.g. WITH, is left to the server's
// answer.)
func changesRows(q string) bool {
	q = strings.TrimLeft(q, " \t\r\n(")
	if len(q) < 6 {
		return false
	}
	switch strings.ToUpper(q[:6]) {
	case "INSERT", "UPDATE", "DELETE":
		return true
	}
	return false
}

func (c *beginConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	ctx = requestCtx(ctx)
	if c.spent || (c.one && !c.pending) {
		return nil, errReadOne
	}
	if !c.pending {
		c.seen.add(query)
		rows, err := c.Conn.QueryContext(ctx, query, args)
		if err != nil && stalePlan(err) && c.prepared.has(query) {
			// pgx runs a text queryFirst prepared as that statement, and
			// does not forget it on this error: see queryFirst.
			_ = c.Conn.Conn().PgConn().Close(context.WithoutCancel(ctx))
		}
		return rows, err
	}
	if c.Conn.Conn().IsClosed() {
		return nil, driver.ErrBadConn
	}
	return c.queryFirst(ctx, query, args)
}

func (c *beginConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if c.one {
		return nil, errReadOne
	}
	if err := c.sendBegin(ctx); err != nil {
		return nil, err
	}
	return c.Conn.PrepareContext(ctx, query)
}

func (c *beginConn) ResetSession(ctx context.Context) error {
	if c.pending {
		return driver.ErrBadConn // a transaction was never ended
	}
	return c.Conn.ResetSession(ctx)
}

// beginTx ends a transaction opened by beginConn. Until a statement ran,
// nothing was sent, so there is nothing to end. After one, the server's
// transaction status decides: a failed opening or first statement may have
// left no transaction, or an aborted one.
type beginTx struct {
	ctx  context.Context
	conn *beginConn
}

func (t *beginTx) Commit() error {
	t.conn.wrote = nil
	if t.conn.pending {
		t.conn.pending = false
		return nil
	}
	pc := t.conn.Conn.Conn().PgConn()
	tag, err := pc.Exec(t.ctx, "COMMIT").ReadAll()
	if err != nil {
		return err
	}
	if len(tag) == 1 && tag[0].CommandTag.String() == "ROLLBACK" {
		// COMMIT of an aborted transaction rolls it back.
		return pgx.ErrTxCommitRollback
	}
	return nil
}

func (t *beginTx) Rollback() error {
	t.conn.wrote = nil
	if t.conn.pending {
		t.conn.pending = false
		return nil
	}
	pc := t.conn.Conn.Conn().PgConn()
	if pc.IsClosed() || pc.TxStatus() == 'I' {
		return nil
	}
	if _, err := pc.Exec(t.ctx, "ROLLBACK").ReadAll(); err != nil {
		// A connection that cannot roll back must not be reused.
		_ = pc.Close(context.WithoutCancel(t.ctx))
		return err
	}
	return nil
}

// runInTx is bun's RunInTx, except that on PostgreSQL with a range the
// transaction is opened with it published (one round trip for both). Only
// BeginTx sees the range: fn's ctx is ctx, so a transaction opened inside
// fn decides its own.
func (d *DB) runInTx(ctx context.Context, r *beginRange, fn func(ctx context.Context, tx bun.Tx) error) error {
	beginCtx := ctx
	if r != nil && d.Engine == Postgres {
		beginCtx = context.WithValue(ctx, beginKey{}, *r)
	}
	tx, err := d.BeginTx(beginCtx, nil)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			_ = tx.Rollback()
		}
	}()
	if err := fn(ctx, tx); err != nil {
		return err
	}
	done = true
	return tx.Commit()
}

// RangeTx runs fn in a transaction that has [lo, hi] published to
// PostgreSQL's row-level security from its start, as RunInTx followed by
// SetRange would, in one round trip fewer. For platform code that works
// outside one request's tenant (see SetRange); it runs no pre-commit hooks.
func (d *DB) RangeTx(ctx context.Context, lo, hi int64, fn func(ctx context.Context, tx bun.Tx) error) error {
	return d.runInTx(ctx, &beginRange{lo: lo, hi: hi}, fn)
}

// ReadOne runs fn, which must run exactly one query and write nothing, in
// a tenant transaction as Tx would; on PostgreSQL the range's set_config
// and the query travel in one pipeline ended by one Sync, which is one
// transaction without BEGIN or COMMIT (queryFirst): one round trip, as a
// bare handler's single SELECT (the by-id and list reads: two round trips
// before, the second only to end a transaction that read). A second
// statement, or any Exec, fails with a programming error rather than run
// outside the transaction. Without a tenant, on SQLite, or with
// pre-commit hooks pending it is Tx.
//
// On PostgreSQL fn's q is a pooled connection, not a database/sql
// transaction: the transaction is the pipeline's, and database/sql's own
// (its BEGIN and COMMIT through bun's query hooks, a goroutine watching the
// context, a cancel context) was ≈ 8 % of serve's CPU on a by-id read with
// nothing left to do.
func (d *DB) ReadOne(ctx context.Context, fn func(ctx context.Context, q bun.IDB) error) error {
	t, ok := tenancy.From(ctx)
	if !ok || d.Engine != Postgres || len(pendingHooks(ctx)) > 0 {
		return d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return fn(ctx, tx) })
	}
	lo, hi := t.Kode.Range()
	var conn bun.Conn
	for try := 0; ; try++ {
		var err error
		if conn, err = d.Conn(ctx); err != nil {
			return err
		}
		err = conn.Raw(func(dc any) error {
			bc, ok := dc.(*beginConn)
			if !ok {
				return fmt.Errorf("db: ReadOne on a %T connection", dc)
			}
			return bc.openOne(lo, hi)
		})
		if err == nil {
			break
		}
		conn.Close()
		// A connection found closed is dropped by database/sql; another
		// is taken, as BeginTx's retry would.
		if !errors.Is(err, driver.ErrBadConn) || try == 2 {
			return err
		}
	}
	defer conn.Close()
	ferr := fn(ctx, conn)
	if err := conn.Raw(func(dc any) error { return dc.(*beginConn).closeOne(ctx) }); err != nil && ferr == nil {
		ferr = err
	}
	return ferr
}

// openOne readies the connection for a ReadOne's query, as BeginTx does
// for a transaction's first.
func (c *beginConn) openOne(lo, hi int64) error {
	if c.Conn.Conn().IsClosed() || c.pending {
		return driver.ErrBadConn
	}
	c.pending, c.lo, c.hi, c.wrote, c.one, c.spent = true, lo, hi, nil, true, false
	return nil
}

// closeOne ends a ReadOne: its Sync ended the transaction when the query
// went; a query that never went leaves nothing to end. A connection left
// inside a transaction (which the protocol should not allow) is closed,
// never reused with the range published.
func (c *beginConn) closeOne(ctx context.Context) error {
	c.pending, c.one, c.spent = false, false, false
	pc := c.Conn.Conn().PgConn()
	if pc.IsClosed() || pc.TxStatus() == 'I' {
		return nil
	}
	_ = pc.Close(context.WithoutCancel(ctx))
	return driver.ErrBadConn
}
