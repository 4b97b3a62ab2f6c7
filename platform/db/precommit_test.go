package db_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// jobRun writes one row of a global table, so the test needs no tenant.
func jobRun(ctx context.Context, tx bun.Tx, key string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?)", key, time.Now().UTC())
	return err
}

func keys(t *testing.T, d *db.DB) map[string]bool {
	t.Helper()
	var ks []string
	if err := d.NewRaw("SELECT key FROM job_runs").Scan(context.Background(), &ks); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, k := range ks {
		out[k] = true
	}
	return out
}

// TestPreCommitHookCommitsWithTheFirstWrite: the hook's row exists exactly
// when the change it belongs to committed, and only once per request.
func TestPreCommitHookCommitsWithTheFirstWrite(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		runs := 0
		hook := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
			runs++
			return jobRun(ctx, tx, "hook")
		})
		rctx := db.WithPreCommit(ctx, hook)

		// A read does not run it.
		if err := d.Tx(rctx, func(ctx context.Context, tx bun.Tx) error {
			var n int
			return tx.NewRaw("SELECT count(*) FROM job_runs").Scan(ctx, &n)
		}); err != nil {
			t.Fatal(err)
		}
		if runs != 0 || hook.Committed() {
			t.Fatalf("a read-only transaction ran the hook (%d runs)", runs)
		}

		// A write that fails takes the hook's row down with it, and the
		// hook stays free.
		boom := errors.New("boom")
		if err := d.Tx(rctx, func(ctx context.Context, tx bun.Tx) error {
			if err := jobRun(ctx, tx, "failed-change"); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatalf("failed write: %v", err)
		}
		if got := keys(t, d); got["failed-change"] || got["hook"] || hook.Committed() {
			t.Fatalf("after a rolled-back write: rows %v, committed %v", got, hook.Committed())
		}

		// The first write that commits carries the hook's row.
		if err := d.Tx(rctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "change-1") }); err != nil {
			t.Fatal(err)
		}
		if got := keys(t, d); !got["change-1"] || !got["hook"] || !hook.Committed() {
			t.Fatalf("after the first write: rows %v, committed %v", got, hook.Committed())
		}

		// A second write of the same request does not run it again.
		if err := d.Tx(rctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "change-2") }); err != nil {
			t.Fatalf("second write: %v", err)
		}
		if runs != 1 {
			t.Fatalf("hook ran %d times, want 1", runs)
		}
	})
}

// TestPreCommitHookFailureRollsTheChangeBack: no change commits without
// what its hook records.
func TestPreCommitHookFailureRollsTheChangeBack(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		refused := errors.New("refused")
		hook := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error { return refused })
		ctx := db.WithPreCommit(context.Background(), hook)
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "change") })
		if !errors.Is(err, refused) {
			t.Fatalf("Tx returned %v, want the hook's error", err)
		}
		if got := keys(t, d); got["change"] || hook.Committed() {
			t.Fatalf("change committed without its hook: %v", got)
		}
		// Raw SQL counts as a write too: the database says so, not a parser.
		var ran bool
		ok := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error { ran = true; return nil })
		ctx = db.WithPreCommit(context.Background(), ok)
		if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(context.Background(), "DELETE FROM job_runs WHERE key = 'nothing'")
			if err != nil {
				return err
			}
			return jobRun(context.Background(), tx, "raw")
		}); err != nil {
			t.Fatal(err)
		}
		if !ran || !ok.Committed() {
			t.Fatal("a write run with another context did not run the hook")
		}
	})
}

// TestPreCommitHookIsFreeAgainAfterAPanic: a panicking transaction rolls
// back and leaves the hook for the next one.
func TestPreCommitHookIsFreeAgainAfterAPanic(t *testing.T) {
	d := dbtest.SQLite(t)
	runs := 0
	hook := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
		runs++
		if runs == 1 {
			panic("hook panics")
		}
		return nil
	})
	ctx := db.WithPreCommit(context.Background(), hook)
	func() {
		defer func() { _ = recover() }()
		_ = d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "a") })
	}()
	if hook.Committed() {
		t.Fatal("a panicked transaction marked the hook committed")
	}
	if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "b") }); err != nil {
		t.Fatal(err)
	}
	if runs != 2 || !hook.Committed() {
		t.Fatalf("runs %d committed %v", runs, hook.Committed())
	}
}

// TestPreCommitAfterAKnownWriteAsksNothing: on PostgreSQL a tenant
// transaction whose INSERT reported a changed row runs its hooks without
// asking the server whether it wrote (one round trip fewer, under whatever
// lock the write took); a transaction whose writes changed nothing still
// asks, and runs no hook.
func TestPreCommitAfterAKnownWriteAsksNothing(t *testing.T) {
	ownerURL, appURL := dbtest.NewPostgresDatabase(t)
	bg := context.Background()
	owner, err := db.Open(bg, ownerURL, db.Options{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = owner.ExecContext(bg, "CREATE TABLE hook_rows (key TEXT NOT NULL); GRANT ALL ON hook_rows TO PUBLIC")
	owner.Close()
	if err != nil {
		t.Fatal(err)
	}
	jobRun := func(ctx context.Context, tx bun.Tx, key string) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO hook_rows (key) VALUES (?)", key)
		return err
	}
	var trips atomic.Int64
	d, err := db.OpenCountingWrites(bg, appURL, db.Options{MaxConns: 1}, &trips)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})
	runs := 0
	hook := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
		runs++
		return jobRun(ctx, tx, "hook-"+time.Now().Format(time.RFC3339Nano))
	})

	// Warm the connection first (connect, statements met before).
	if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return jobRun(ctx, tx, "warm") }); err != nil {
		t.Fatal(err)
	}
	trips.Store(0)
	if err := d.Tx(db.WithPreCommit(ctx, hook), func(ctx context.Context, tx bun.Tx) error {
		return jobRun(ctx, tx, "change")
	}); err != nil {
		t.Fatal(err)
	}
	// BEGIN+tenant+INSERT, the hook's INSERT, COMMIT.
	if got := trips.Load(); got != 3 || runs != 1 {
		t.Fatalf("known write: %d round trips and %d hook runs, want 3 and 1", got, runs)
	}

	other := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
		runs++
		return nil
	})
	if err := d.Tx(db.WithPreCommit(ctx, other), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE hook_rows SET key = key WHERE key = 'nothing-like-this'")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || other.Committed() {
		t.Fatalf("an UPDATE that changed nothing ran the hook (%d runs)", runs)
	}
}
