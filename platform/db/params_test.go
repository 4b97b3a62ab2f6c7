package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type jobRunRow struct {
	bun.BaseModel `bun:"table:job_runs,alias:j"`
	Key           string    `bun:"key,pk"`
	DoneAt        time.Time `bun:"done_at"`
}

// ScanParams reads what Scan would, with the values as parameters: one
// row, no row (sql.ErrNoRows), several rows; inside a tenant transaction
// (the first statement and a later one) and outside.
func TestScanParamsReadsLikeScan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		bg := context.Background()
		for _, k := range []string{"a", "b", "c"} {
			if err := d.Tx(bg, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, k) }); err != nil {
				t.Fatal(err)
			}
		}
		check := func(ctx context.Context, idb bun.IDB) {
			t.Helper()
			var one jobRunRow
			if err := db.ScanParams(ctx, idb, idb.NewSelect().Model(&one).Where("j.key = ?", db.Param(1)), "b"); err != nil || one.Key != "b" || one.DoneAt.IsZero() {
				t.Errorf("one: %+v, %v", one, err)
			}
			var none jobRunRow
			if err := db.ScanParams(ctx, idb, idb.NewSelect().Model(&none).Where("j.key = ?", db.Param(1)), "z"); !db.IsNoRows(err) {
				t.Errorf("none: %+v, %v", none, err)
			}
			var some []jobRunRow
			q := idb.NewSelect().Model(&some).Where("j.key > ?", db.Param(1)).Where("j.key < ?", db.Param(2)).Order("j.key")
			if err := db.ScanParams(ctx, idb, q, "a", "d"); err != nil || len(some) != 2 || some[0].Key != "b" || some[1].Key != "c" {
				t.Errorf("some: %+v, %v", some, err)
			}
		}
		check(bg, d.DB)
		ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
		for range 2 {
			if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				check(ctx, tx)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// SelectText builds a key's text once and reads what ScanParams would with
// each call's own parameters; a second key is a second text.
func TestSelectTextBuildsOnceReadsEachTime(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		bg := context.Background()
		for _, k := range []string{"a", "b", "c"} {
			if err := d.Tx(bg, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, k) }); err != nil {
				t.Fatal(err)
			}
		}
		builds := 0
		byKey := func(q *bun.SelectQuery) *bun.SelectQuery {
			builds++
			return q.Where("j.key = ?", db.Param(1))
		}
		ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
		for _, k := range []string{"a", "c", "b"} {
			var one jobRunRow
			err := d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
				return d.SelectText(ctx, tx, "test.byKey", &one, byKey, k)
			})
			if err != nil || one.Key != k {
				t.Errorf("key %s: %+v, %v", k, one, err)
			}
		}
		var none jobRunRow
		if err := d.SelectText(bg, d.DB, "test.byKey", &none, byKey, "z"); !db.IsNoRows(err) {
			t.Errorf("no row: %+v, %v", none, err)
		}
		if builds != 1 {
			t.Errorf("the text was built %d times for one key, want 1", builds)
		}
		var some []jobRunRow
		err := d.SelectText(bg, d.DB, "test.after", &some, func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("j.key > ?", db.Param(1)).Order("j.key")
		}, "a")
		if err != nil || len(some) != 2 || some[0].Key != "b" || some[1].Key != "c" {
			t.Errorf("rows after a: %+v, %v", some, err)
		}
	})
}
