package db

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"

	"github.com/uptrace/bun"
)

// Param is the n-th (from 1) statement parameter of a query run by
// ScanParams, for a value that changes from request to request (an id).
// bun writes every value into the SQL text, so each id would be a new
// statement for PostgreSQL to parse and plan (see queryFirst); with a
// parameter the text repeats and its prepared plan is reused. SQLite reads
// $n as the n-th argument too.
func Param(n int) bun.Safe { return bun.Safe("$" + strconv.Itoa(n)) }

// ScanParams runs q on idb with args bound to its Param placeholders and
// scans the rows into q's model, as q.Scan(ctx) would: a struct model with
// no row is sql.ErrNoRows. Only the model's own scan runs (no query hooks).
func ScanParams(ctx context.Context, idb bun.IDB, q *bun.SelectQuery, args ...any) error {
	bdb := q.DB()
	query, err := q.AppendQuery(bdb.QueryGen(), nil)
	if err != nil {
		return err
	}
	return scanText(ctx, idb, bdb, string(query), q.GetModel().Value(), args...)
}

// SelectText runs the SELECT that build makes of a query on dest's model,
// scanning into dest as ScanParams does, but builds its text only the first
// time it meets key on d: bun assembles a text column by column and join by
// join, and for a by-id read that was half of what the request allocated
// (issue 9). The text may hold nothing that changes between calls with the
// same key — every such value, the tenant's desa included, is a Param bound
// from args — so the key names the call site and the query's shape (which
// filters it has), never a value.
func (d *DB) SelectText(ctx context.Context, idb bun.IDB, key string, dest any,
	build func(q *bun.SelectQuery) *bun.SelectQuery, args ...any) error {
	text, ok := d.texts.Load(key)
	if !ok {
		q := build(idb.NewSelect().Model(dest))
		query, err := q.AppendQuery(d.DB.QueryGen(), nil)
		if err != nil {
			return err
		}
		text, _ = d.texts.LoadOrStore(key, string(query))
	}
	return scanText(ctx, idb, d.DB, text.(string), dest, args...)
}

func scanText(ctx context.Context, idb bun.IDB, bdb *bun.DB, query string, model any, args ...any) error {
	var (
		rows *sql.Rows
		err  error
	)
	switch c := idb.(type) {
	case bun.Tx:
		rows, err = c.Tx.QueryContext(ctx, query, args...)
	case *bun.DB:
		rows, err = c.DB.QueryContext(ctx, query, args...)
	case bun.Conn:
		// ReadOne's connection (PostgreSQL): see scanDirect, and
		// detachRows for the rest.
		if m, ok := directModelOf(bdb, model); ok {
			if done, err := scanDirect(ctx, c, m, query, model, args); done {
				return err
			}
		}
		rows, err = c.Conn.QueryContext(detachRows(ctx), query, args...)
	default:
		return fmt.Errorf("db: ScanParams on a %T", idb)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	if reflect.Indirect(reflect.ValueOf(model)).Kind() == reflect.Struct {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return err
			}
			return sql.ErrNoRows
		}
		if err := bdb.ScanRow(ctx, rows, model); err != nil {
			return err
		}
		return rows.Close()
	}
	return bdb.ScanRows(ctx, rows, model)
}

// detachRows keeps database/sql from watching ctx while the rows are read:
// for a cancellable context it starts a goroutine and a cancel context per
// query (Rows.initContextClose), ≈ 2 % of serve's CPU on a by-id read.
// The driver still reads under ctx itself — beginConn takes it back
// (requestCtx) and pgx interrupts the read when it is cancelled — so a
// client that leaves still stops its query; the rows then end with the
// driver's error.
func detachRows(ctx context.Context) context.Context {
	if ctx.Done() == nil {
		return ctx
	}
	return context.WithValue(context.WithoutCancel(ctx), detachedKey{}, ctx)
}

type detachedKey struct{}

// requestCtx is the context detachRows detached, or ctx.
func requestCtx(ctx context.Context) context.Context {
	if orig, ok := ctx.Value(detachedKey{}).(context.Context); ok {
		return orig
	}
	return ctx
}
