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
	var rows *sql.Rows
	switch c := idb.(type) {
	case bun.Tx:
		rows, err = c.Tx.QueryContext(ctx, string(query), args...)
	case *bun.DB:
		rows, err = c.DB.QueryContext(ctx, string(query), args...)
	case bun.Conn:
		rows, err = c.Conn.QueryContext(ctx, string(query), args...)
	default:
		return fmt.Errorf("db: ScanParams on a %T", idb)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	model := q.GetModel().Value()
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
