package httpserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// idemRows reads the stored keys within [lo, hi] as the runtime role.
func idemRows(t *testing.T, d *db.DB, lo, hi int64) []int64 {
	t.Helper()
	var ids []int64
	err := d.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, d.Engine, tx, lo, hi); err != nil {
			return err
		}
		return tx.NewRaw("SELECT desa_id FROM idempotency_keys ORDER BY desa_id").Scan(ctx, &ids)
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func allIdemRows(t *testing.T, d *db.DB) []int64 { return idemRows(t, d, 0, 9_999_999_999) }

func changes(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.NewRaw("SELECT count(*) FROM job_runs").Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

const writes = "/api/v1/desa/51.02.06.2001/writes"

// TestIdempotencyKeyOfPublicOperationIsNotKept: a login sent with an
// Idempotency-Key once left its session token in the table in plain text.
// A public operation keeps no answer at all.
func TestIdempotencyKeyOfPublicOperationIsNotKept(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		key := map[string]string{"Idempotency-Key": "login-1"}
		for _, tok := range []string{"", "tok-perbekel"} {
			res, m := f.do(t, http.MethodPost, "/api/v1/open-things", tok, `{"name":"a"}`, key)
			if res.StatusCode != 200 || res.Header.Get("Idempotent-Replayed") != "" || m["name"] != "token-rahasia" {
				t.Fatalf("public operation with a key: %d %v replayed=%q", res.StatusCode, m, res.Header.Get("Idempotent-Replayed"))
			}
		}
		if rows := allIdemRows(t, d); len(rows) != 0 {
			t.Fatalf("a public operation's answer was stored (%d rows)", len(rows))
		}
	})
}

// TestIdempotencyKeysAreRowsOfTheirDesa: a stored answer (a letter with
// residents' names) belongs to the desa of its path and, on PostgreSQL, is
// invisible to the runtime role without that desa's range.
func TestIdempotencyKeysAreRowsOfTheirDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		res, _ := f.do(t, http.MethodPost, "/api/v1/desa/51.02.06.2003/things", "tok-camat", `{"name":"Ni Luh"}`,
			map[string]string{"Idempotency-Key": "k"})
		if res.StatusCode != 201 {
			t.Fatalf("create: %d", res.StatusCode)
		}
		if rows := allIdemRows(t, d); len(rows) != 1 || rows[0] != 5102062003 {
			t.Fatalf("stored under desa ids %v, want [5102062003]", rows)
		}
		if d.Engine != db.Postgres {
			return // SQLite has no row-level security
		}
		if rows := idemRows(t, d, 5102062001, 5102062001); len(rows) != 0 {
			t.Fatalf("another desa's range sees %d keys", len(rows))
		}
		var n int
		if err := d.NewRaw("SELECT count(*) FROM idempotency_keys").Scan(context.Background(), &n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("with no tenant published the runtime role sees %d keys", n)
		}
	})
}

// TestIdempotencyKeyLeftRunningIsTakenOverAfterTheLease: a request that
// holds its key and commits nothing (it died, or hangs) blocks a retry
// only for the lease — once meant 409 for 24 hours. The retry then runs;
// should the first request still try to commit, it loses: one change.
func TestIdempotencyKeyLeftRunningIsTakenOverAfterTheLease(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.entered, f.release = make(chan struct{}, 1), make(chan struct{})
		f.holdWrite.Store(true)
		key := map[string]string{"Idempotency-Key": "lease"}
		first := make(chan int)
		go func() {
			r, _ := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"a"}`, key)
			first <- r.StatusCode
		}()
		<-f.entered

		r, m := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"a"}`, key)
		if r.StatusCode != http.StatusConflict || !strings.Contains(m["detail"].(string), "masih diproses") {
			t.Fatalf("retry within the lease: %d %v, want 409 masih diproses", r.StatusCode, m)
		}
		f.clock.advance(httpserver.IdempotencyLease + time.Second)
		r, m = f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"a"}`, key)
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("retry after the lease: %d %v, want 201", r.StatusCode, m)
		}
		close(f.release)
		if s := <-first; s != http.StatusConflict {
			t.Fatalf("the overtaken first request answered %d, want 409", s)
		}
		if n := changes(t, d); n != 1 {
			t.Fatalf("%d changes, want 1", n)
		}
		again, m2 := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"a"}`, key)
		if again.StatusCode != 201 || again.Header.Get("Idempotent-Replayed") != "true" || m2["count"] != m["count"] {
			t.Fatalf("replay after the takeover: %d %v", again.StatusCode, m2)
		}
	})
}

// TestIdempotencyKeyCommittedWithoutAnswerIsNotRunAgain: the request
// committed its change and died before answering. Its key says so (it was
// marked in the change's transaction), so a retry — even after the lease —
// gets 409 "sudah diproses" and never creates a duplicate.
func TestIdempotencyKeyCommittedWithoutAnswerIsNotRunAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		key := map[string]string{"Idempotency-Key": "crash"}
		if r, _ := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"crash"}`, key); r.StatusCode != 500 {
			t.Fatalf("crashing request: %d", r.StatusCode)
		}
		for _, wait := range []time.Duration{0, httpserver.IdempotencyLease + time.Second} {
			f.clock.advance(wait)
			r, m := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"crash"}`, key)
			if d, _ := m["detail"].(string); r.StatusCode != http.StatusConflict || !strings.Contains(d, "sudah diproses") {
				t.Fatalf("retry %s later: %d %v, want 409 sudah diproses", wait, r.StatusCode, m)
			}
		}
		if n := changes(t, d); n != 1 {
			t.Fatalf("%d changes, want 1", n)
		}
		// A change that failed left nothing: its retry runs.
		fail := map[string]string{"Idempotency-Key": "fail"}
		if r, _ := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"fail"}`, fail); r.StatusCode != 500 {
			t.Fatalf("failing request: %d", r.StatusCode)
		}
		if r, _ := f.do(t, http.MethodPost, writes, "tok-perbekel", `{"name":"fail"}`, fail); r.StatusCode != 500 || r.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("retry of a failed request: %d replayed=%q", r.StatusCode, r.Header.Get("Idempotent-Replayed"))
		}
	})
}

// TestIdempotencyReplayNeedsAValidSession: a signed-out token once
// replayed the stored 201 — the letter — for 24 hours.
func TestIdempotencyReplayNeedsAValidSession(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		key := map[string]string{"Idempotency-Key": "k"}
		path := "/api/v1/desa/51.02.06.2001/things"
		if r, _ := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"Ni Luh"}`, key); r.StatusCode != 201 {
			t.Fatalf("create: %d", r.StatusCode)
		}
		f.auth.signOut("tok-perbekel")
		r, m := f.do(t, http.MethodPost, path, "tok-perbekel", `{"name":"Ni Luh"}`, key)
		if r.StatusCode != http.StatusUnauthorized || r.Header.Get("Idempotent-Replayed") != "" || m["name"] != nil {
			t.Fatalf("replay to a signed-out session: %d %v", r.StatusCode, m)
		}
	})
}

// TestPurgeIdempotencyKeysDeletesExpiredKeysOfEveryDesa: the table once
// grew forever; the purge task deletes what is past its day, in every desa,
// and a re-run deletes nothing more.
func TestPurgeIdempotencyKeysDeletesExpiredKeysOfEveryDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		post := func(path, tok, key string) *http.Response {
			r, _ := f.do(t, http.MethodPost, path, tok, `{"name":"a"}`, map[string]string{"Idempotency-Key": key})
			return r
		}
		post("/api/v1/desa/51.02.06.2001/things", "tok-perbekel", "old-1")
		post("/api/v1/desa/51.02.06.2003/things", "tok-camat", "old-2")
		f.clock.advance(25 * time.Hour)
		post("/api/v1/desa/51.02.06.2001/things", "tok-perbekel", "new")
		ctx := context.Background()
		for _, want := range []int64{2, 0} {
			n, err := f.server.PurgeIdempotencyKeys(ctx)
			if err != nil || n != want {
				t.Fatalf("purge: %d %v, want %d", n, err, want)
			}
		}
		if rows := allIdemRows(t, d); len(rows) != 1 {
			t.Fatalf("%d keys left, want the fresh one", len(rows))
		}
		if r := post("/api/v1/desa/51.02.06.2001/things", "tok-perbekel", "new"); r.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatal("the fresh key was purged")
		}
	})
}
