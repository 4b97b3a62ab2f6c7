package db_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// settings reads the range the transaction publishes to row-level security.
func settings(ctx context.Context, t *testing.T, tx bun.Tx) (lo, hi string) {
	t.Helper()
	err := tx.NewRaw("SELECT coalesce(current_setting('app.desa_min', true), ''), coalesce(current_setting('app.desa_max', true), '')").
		Scan(ctx, &lo, &hi)
	if err != nil {
		t.Fatal(err)
	}
	return lo, hi
}

// The tenant travels with BEGIN now; it must still reach the transaction,
// stay transaction-local, and not leak into a transaction opened inside one
// for no tenant.
func TestTxPublishesTheTenantOnlyToItsOwnTransaction(t *testing.T) {
	d := dbtest.Postgres(t)
	d.SetMaxOpenConns(2) // the nested transaction below needs a second one
	bg := context.Background()
	kec := tenancy.Kode("51.02.06")
	lo, hi := kec.Range()
	want := [2]string{strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)}
	for range 3 { // the pool hands the same connections back
		err := d.Tx(tenancy.With(bg, tenancy.Tenant{Kode: kec}), func(ctx context.Context, tx bun.Tx) error {
			if gotLo, gotHi := settings(ctx, t, tx); [2]string{gotLo, gotHi} != want {
				t.Errorf("tenant transaction sees [%s, %s], want %v", gotLo, gotHi, want)
			}
			return d.Tx(bg, func(ctx context.Context, inner bun.Tx) error {
				if gotLo, gotHi := settings(ctx, t, inner); gotLo != "" || gotHi != "" {
					t.Errorf("transaction without a tenant sees [%s, %s]", gotLo, gotHi)
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		err = d.Tx(bg, func(ctx context.Context, tx bun.Tx) error {
			if gotLo, gotHi := settings(ctx, t, tx); gotLo != "" || gotHi != "" {
				t.Errorf("later transaction without a tenant sees [%s, %s]", gotLo, gotHi)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestRangeTxPublishesItsRange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		err := d.RangeTx(context.Background(), 5102062001, 5102062001, func(ctx context.Context, tx bun.Tx) error {
			if d.Engine != db.Postgres {
				return nil
			}
			if lo, hi := settings(ctx, t, tx); lo != "5102062001" || hi != "5102062001" {
				t.Errorf("sees [%s, %s]", lo, hi)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// A tenant transaction sends its opening with its first statement: one
// query and COMMIT are two round trips, and a transaction that runs nothing
// sends nothing.
func TestTenantTxSendsBeginWithItsFirstStatement(t *testing.T) {
	_, appURL := dbtest.NewPostgresDatabase(t)
	bg := context.Background()
	var writes atomic.Int64
	d, err := db.OpenCountingWrites(bg, appURL, db.Options{MaxConns: 1}, &writes)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
	one := func(ctx context.Context, tx bun.Tx) error {
		var n int
		return tx.NewRaw("SELECT 1").Scan(ctx, &n)
	}
	for _, c := range []struct {
		name  string
		ctx   context.Context
		fn    func(context.Context, bun.Tx) error
		trips int64
	}{
		{"tenant, one query", ctx, one, 2},
		{"tenant, two queries", ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := one(ctx, tx); err != nil {
				return err
			}
			return one(ctx, tx)
		}, 3},
		{"tenant, one write", ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "SELECT set_config('app.x', 'y', true)")
			return err
		}, 2},
		{"tenant, one query with a parameter", ctx, func(ctx context.Context, tx bun.Tx) error {
			var n int64
			if err := tx.Tx.QueryRowContext(ctx, "SELECT $1::int8 + 1", 41).Scan(&n); err != nil || n != 42 {
				return fmt.Errorf("got %d, %v", n, err)
			}
			return nil
		}, 2},
		{"tenant, nothing", ctx, func(context.Context, bun.Tx) error { return nil }, 0},
		{"no tenant, one query", bg, one, 3},
	} {
		// Connected, and statements met before: a text is prepared the
		// second time a connection sees it (once, one round trip).
		for range 2 {
			if err := d.Tx(c.ctx, c.fn); err != nil {
				t.Fatal(err)
			}
		}
		writes.Store(0)
		if err := d.Tx(c.ctx, c.fn); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := writes.Load(); got != c.trips {
			t.Errorf("%s: %d round trips, want %d", c.name, got, c.trips)
		}
	}
}

// The first statement's rows take another path than the rest; a scan must
// not tell them apart.
func TestFirstStatementScansLikeTheRest(t *testing.T) {
	d := dbtest.Postgres(t)
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06.2001"})
	const q = `SELECT true, 7::int2, 8::int4, 9::int8, 1.5::float4, 2.5::float8, '\x01ff'::bytea,
		'{"a": 1}'::jsonb, '2026-12-01'::date, '2026-12-01 10:00:00+07'::timestamptz,
		'2026-12-01 10:00:00'::timestamp, '0193a1b2-0000-7000-8000-000000000001'::uuid, 12.34::numeric,
		ARRAY['a', 'b c']::text[], NULL::text, 'teks', 'x'::varchar(3)`
	scan := func(ctx context.Context, tx bun.Tx) ([]any, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if !rows.Next() {
			return nil, fmt.Errorf("no row: %v", rows.Err())
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		return vals, rows.Err()
	}
	// The second time, the first statement is a prepared one, with
	// binary results.
	for range 2 {
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			first, err := scan(ctx, tx)
			if err != nil {
				return err
			}
			later, err := scan(ctx, tx)
			if err != nil {
				return err
			}
			for i := range first {
				ft, fok := first[i].(time.Time)
				lt, lok := later[i].(time.Time)
				same := reflect.DeepEqual(first[i], later[i]) || (fok && lok && ft.Equal(lt))
				if !same {
					t.Errorf("column %d: first statement %#v, later %#v", i+1, first[i], later[i])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// A first statement that fails, or a transaction that fails after it,
// leaves nothing written and a connection the next transaction can use.
func TestFailedFirstStatementLeavesNothingBehind(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		d.SetMaxOpenConns(1)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06.2001"})
		insert := func(key string) func(ctx context.Context, tx bun.Tx) error {
			return func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, key) }
		}
		if err := d.Tx(ctx, insert("ada")); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		for _, c := range []struct {
			name string
			fn   func(ctx context.Context, tx bun.Tx) error
			want func(error) bool
		}{
			{"missing table", func(ctx context.Context, tx bun.Tx) error {
				var n int
				return tx.NewRaw("SELECT count(*) FROM tidak_ada").Scan(ctx, &n)
			}, func(err error) bool { return err != nil }},
			{"duplicate key", insert("ada"), db.IsUniqueViolation},
			{"error in a statement with a parameter", func(ctx context.Context, tx bun.Tx) error {
				var n int
				return tx.Tx.QueryRowContext(ctx, "SELECT 1 / $1", 0).Scan(&n)
			}, func(err error) bool { return err != nil }},
			{"error after the write", func(ctx context.Context, tx bun.Tx) error {
				if err := jobRun(ctx, tx, "batal"); err != nil {
					return err
				}
				return boom
			}, func(err error) bool { return errors.Is(err, boom) }},
		} {
			if err := d.Tx(ctx, c.fn); !c.want(err) {
				t.Errorf("%s: got %v", c.name, err)
			}
			if err := d.Tx(ctx, insert("lagi-"+c.name)); err != nil {
				t.Fatalf("after %s: %v", c.name, err)
			}
			if d.Engine == db.Postgres {
				err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
					if lo, _ := settings(ctx, t, tx); lo != "5102062001" {
						t.Errorf("after %s: range %q", c.name, lo)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		got := keys(t, d)
		if got["batal"] || len(got) != 5 {
			t.Errorf("rows after the failures: %v", got)
		}
	})
}

// A migration that changes a table's columns under a statement prepared on
// a pooled connection fails one query, not every later one.
func TestChangedTableFailsOnePreparedStatementOnly(t *testing.T) {
	t.Run("first statement", func(t *testing.T) { changedTable(t, false) })
	t.Run("later statement", func(t *testing.T) { changedTable(t, true) })
}

func changedTable(t *testing.T, second bool) {
	d := dbtest.Postgres(t)
	d.SetMaxOpenConns(1)
	bg := context.Background()
	if _, err := d.ExecContext(bg, "CREATE TEMP TABLE berubah (a int)"); err != nil {
		t.Fatal(err)
	}
	ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
	read := func() error {
		return d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			var rows []map[string]any
			return tx.NewRaw("SELECT * FROM berubah").Scan(ctx, &rows)
		})
	}
	if second { // the same text, run after another statement
		first := read
		read = func() error {
			return d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				var rows []map[string]any
				if err := tx.NewRaw("SELECT 1 AS satu").Scan(ctx, &rows); err != nil {
					return err
				}
				return tx.NewRaw("SELECT * FROM berubah").Scan(ctx, &rows)
			})
		}
		for range 2 { // prepared by queryFirst
			if err := first(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range 3 { // the second time prepares it, the third reuses it
		if err := read(); err != nil {
			t.Fatal(err)
		}
	}
	// A temporary table lives on its connection: recreate it there if the
	// stale statement took the connection along.
	if _, err := d.ExecContext(bg, "ALTER TABLE berubah ADD COLUMN b int"); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for range 3 {
		if err := read(); err != nil {
			failed++
			if _, err := d.ExecContext(bg, "CREATE TEMP TABLE IF NOT EXISTS berubah (a int, b int)"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if failed > 1 {
		t.Errorf("%d of 3 reads failed after the change, want at most 1", failed)
	}
}

// TestReadOneTakesOneRoundTrip: a ReadOne's opening, query and COMMIT go
// in one round trip; the transaction still sees its tenant only; a second
// statement is refused rather than run outside it; a failing query leaves
// a usable connection.
func TestReadOneTakesOneRoundTrip(t *testing.T) {
	_, appURL := dbtest.NewPostgresDatabase(t)
	bg := context.Background()
	var trips atomic.Int64
	d, err := db.OpenCountingWrites(bg, appURL, db.Options{MaxConns: 1}, &trips)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
	read := func(ctx context.Context, tx bun.IDB) error {
		var lo, hi string
		if err := tx.NewRaw("SELECT coalesce(current_setting('app.desa_min', true), ''), coalesce(current_setting('app.desa_max', true), '')").
			Scan(ctx, &lo, &hi); err != nil {
			return err
		}
		if want := fmt.Sprint(tenancy.Kode("51.02.06.2001").ID()); lo != want || hi != want {
			return fmt.Errorf("range %s..%s, want %s", lo, hi, want)
		}
		return nil
	}
	for range 2 { // connect; meet the text
		if err := d.ReadOne(ctx, read); err != nil {
			t.Fatal(err)
		}
	}
	trips.Store(0)
	if err := d.ReadOne(ctx, read); err != nil {
		t.Fatal(err)
	}
	if got := trips.Load(); got != 1 {
		t.Errorf("ReadOne: %d round trips, want 1", got)
	}
	// ReadOne sends no BEGIN: its statements share the transaction the
	// extended protocol's Sync ends, and the range ends with it. The next
	// use of the one connection, for no tenant, sees none.
	if err := d.Tx(bg, func(ctx context.Context, tx bun.Tx) error {
		if lo, hi := settings(ctx, t, tx); lo != "" || hi != "" {
			t.Errorf("after a ReadOne, a transaction without a tenant sees [%s, %s]", lo, hi)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var outside [2]string
	if err := d.DB.QueryRowContext(bg, "SELECT coalesce(current_setting('app.desa_min', true), ''), coalesce(current_setting('app.desa_max', true), '')").
		Scan(&outside[0], &outside[1]); err != nil {
		t.Fatal(err)
	}
	if outside != [2]string{} {
		t.Errorf("after a ReadOne, a statement outside any transaction sees %v", outside)
	}

	err = d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		if err := read(ctx, tx); err != nil {
			return err
		}
		return read(ctx, tx)
	})
	if err == nil || !strings.Contains(err.Error(), "exactly one query") {
		t.Errorf("a second statement: %v", err)
	}
	err = d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		_, err := tx.ExecContext(ctx, "SELECT 1")
		return err
	})
	if err == nil {
		t.Error("an Exec in ReadOne ran")
	}

	if err := d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var n int
		return tx.NewRaw("SELECT 1/0").Scan(ctx, &n)
	}); err == nil {
		t.Fatal("division by zero succeeded")
	}
	// The connection (there is one) is usable and in no transaction.
	if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return read(ctx, tx) }); err != nil {
		t.Fatalf("after a failed ReadOne: %v", err)
	}
	if err := d.ReadOne(ctx, read); err != nil {
		t.Fatalf("ReadOne after a failed one: %v", err)
	}

	// A ReadOne that sends nothing (fn failed first) leaves no opening
	// behind: the connection's next statement is not sent with its range.
	refused := errors.New("refused before the query")
	if err := d.ReadOne(ctx, func(context.Context, bun.IDB) error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("ReadOne returned %v, want fn's error", err)
	}
	if err := d.Tx(bg, func(ctx context.Context, tx bun.Tx) error {
		if lo, hi := settings(ctx, t, tx); lo != "" || hi != "" {
			t.Errorf("after a ReadOne that sent nothing, a transaction without a tenant sees [%s, %s]", lo, hi)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.ReadOne(ctx, read); err != nil {
		t.Fatalf("ReadOne after one that sent nothing: %v", err)
	}

	// database/sql does not watch a ReadOne's rows (detachRows), but the
	// driver does: a request that ends (its client left) stops its query.
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = d.ReadOne(cctx, func(ctx context.Context, tx bun.IDB) error {
		var rows []struct {
			N int `bun:"n"`
		}
		return db.ScanParams(ctx, tx, tx.NewSelect().Model(&rows).ColumnExpr("1 AS n").TableExpr("pg_sleep(5)"))
	})
	if err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("a cancelled ReadOne: %v after %v, want an error within the timeout", err, time.Since(start))
	}
	if err := d.ReadOne(ctx, read); err != nil {
		t.Fatalf("ReadOne after a cancelled one: %v", err)
	}
}
