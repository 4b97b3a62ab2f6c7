package db

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// A tenant transaction on PostgreSQL used to cost two round trips before
// its first query: BEGIN, then set_config. The connector below lets Tx send
// both as one simple-protocol query ("BEGIN; SELECT set_config(…, true), …"),
// which PostgreSQL runs in order, in the transaction BEGIN opened. The range
// is still published with set_config(…, true) — transaction-local — and the
// query text holds only two integers formatted here, never client input.

// beginKey carries, in the context given to BeginTx only, the query that
// opens the transaction.
type beginKey struct{}

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
	return beginConn{sc}, nil
}

// beginConn is a *stdlib.Conn (every optional driver interface it has is
// promoted) with its own BeginTx.
type beginConn struct{ *stdlib.Conn }

func (c beginConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	q, ok := ctx.Value(beginKey{}).(string)
	if !ok || opts.Isolation != 0 || opts.ReadOnly {
		return c.Conn.BeginTx(ctx, opts)
	}
	if c.Conn.Conn().IsClosed() {
		return nil, driver.ErrBadConn
	}
	// pgx kills the connection if BEGIN fails for any reason but a plain
	// SQL error; after a failed set_config the connection is in an aborted
	// transaction, which ResetSession refuses before it is reused.
	tx, err := c.Conn.Conn().BeginTx(ctx, pgx.TxOptions{BeginQuery: q})
	if err != nil {
		return nil, err
	}
	return beginTx{ctx: ctx, tx: tx}, nil
}

// beginTx is what stdlib's own (unexported) transaction wrapper does.
type beginTx struct {
	ctx context.Context
	tx  pgx.Tx
}

func (t beginTx) Commit() error   { return t.tx.Commit(t.ctx) }
func (t beginTx) Rollback() error { return t.tx.Rollback(t.ctx) }

// runInTx is bun's RunInTx, except that on PostgreSQL with a range the
// transaction is opened with it published (one round trip for both). Only
// BeginTx sees the range: fn's ctx is ctx, so a transaction opened inside
// fn decides its own.
func (d *DB) runInTx(ctx context.Context, lo, hi int64, withRange bool, fn func(ctx context.Context, tx bun.Tx) error) error {
	beginCtx := ctx
	if withRange && d.Engine == Postgres {
		beginCtx = context.WithValue(ctx, beginKey{}, beginRangeSQL(lo, hi))
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
	return d.runInTx(ctx, lo, hi, true, fn)
}
