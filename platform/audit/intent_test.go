package audit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// change is a request's write: a row of a global table, so the test needs
// no module's tables.
func change(ctx context.Context, d *db.DB, key string, fail error) error {
	return d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?)", key, time.Now().UTC()); err != nil {
			return err
		}
		return fail
	})
}

func countChanges(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.NewRaw("SELECT count(*) FROM job_runs").Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func entry(i int) audit.Entry {
	return audit.Entry{Kode: desaA, Actor: "user-1", Action: "surat-create",
		Object: fmt.Sprintf("/api/v1/desa/%s/surat/%d", desaA, i), Status: 201, RequestID: fmt.Sprint("req-", i)}
}

// TestIntentCommitsWithTheChange: the entry of a request exists exactly
// when its change committed — also when the request never reaches Finish
// (the process died after the commit).
func TestIntentCommitsWithTheChange(t *testing.T) {
	engines(t, func(t *testing.T, app, _ *db.DB) {
		l := audit.New(app)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desaA})

		// Committed, then "killed": Finish never runs.
		rctx, in := audit.Begin(ctx, l, entry(1))
		if err := change(rctx, app, "k1", nil); err != nil {
			t.Fatal(err)
		}
		if !in.Recorded() {
			t.Fatal("the intent was not recorded with its change")
		}
		// A change that rolls back takes its entry with it.
		rctx, in = audit.Begin(ctx, l, entry(2))
		boom := errors.New("boom")
		if err := change(rctx, app, "k2", boom); !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if err := in.Finish(rctx, 500); err != nil || in.Recorded() {
			t.Fatalf("failed request: err %v, recorded %v", err, in.Recorded())
		}
		// Two writes of one request: one entry; Finish adds none.
		rctx, in = audit.Begin(ctx, l, entry(3))
		for _, k := range []string{"k3", "k4"} {
			if err := change(rctx, app, k, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := in.Finish(rctx, 201); err != nil {
			t.Fatal(err)
		}
		// A request that succeeds without a transaction (a login) is
		// appended after it, with the status it answered.
		_, in = audit.Begin(ctx, l, entry(4))
		if err := in.Finish(ctx, 200); err != nil {
			t.Fatal(err)
		}

		rep := verify(t, l, "")
		if !rep.OK() || rep.Entries != 3 || countChanges(t, app) != 3 {
			t.Fatalf("report %+v with %d changes, want 3 entries and 3 changes", rep, countChanges(t, app))
		}
	})
}

// TestConcurrentIntentsKeepOneChain: entries appended inside many parallel
// changes still form one unbroken chain, one entry per change.
func TestConcurrentIntentsKeepOneChain(t *testing.T) {
	engines(t, func(t *testing.T, app, _ *db.DB) {
		l := audit.New(app)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desaA})
		const n = 24
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rctx, in := audit.Begin(ctx, l, entry(i))
				if err := change(rctx, app, fmt.Sprint("c", i), nil); err != nil {
					errs <- err
					return
				}
				errs <- in.Finish(rctx, 201)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rep := verify(t, l, desaA)
		if !rep.OK() || rep.Entries != n {
			t.Fatalf("report %+v, want %d entries in one clean chain", rep, n)
		}
	})
}
