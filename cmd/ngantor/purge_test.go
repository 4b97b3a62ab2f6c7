package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// keyedPost creates a surat keluar at Bengkel with an Idempotency-Key.
func keyedPost(t *testing.T, srv *httptest.Server, token, key string) *http.Response {
	t.Helper()
	body := []byte(`{"klasifikasi":"000.1","tujuan":"Camat Kediri","perihal":"Laporan bulanan"}`)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/desa/"+ownDesa+"/surat-keluar", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// TestPurgeTaskDeletesExpiredKeysAndSessions: nothing called the session
// purge and idempotency keys were never deleted. The scheduler now runs
// taskPurge; the worker's handler deletes what expired and keeps the rest.
func TestPurgeTaskDeletesExpiredKeysAndSessions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		ctx := context.Background()
		if !slices.ContainsFunc(a.periodic(), func(p jobs.Periodic) bool { return p.TaskType == taskPurge }) {
			t.Fatal("the scheduler does not run the purge")
		}
		const email = "perbekel.bengkel@tabanan.test"
		oldTok, newTok := login(t, srv, email), login(t, srv, email)
		for _, key := range []string{"old", "new"} {
			if res := keyedPost(t, srv, newTok, key); res.StatusCode != http.StatusCreated {
				t.Fatalf("create with key %s: %d", key, res.StatusCode)
			}
		}
		// Age one of each past its expiry.
		past := time.Now().UTC().Add(-48 * time.Hour)
		sum := sha256.Sum256([]byte(oldTok))
		if _, err := d.NewRaw("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", past, hex.EncodeToString(sum[:])).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		own := tenancy.Kode(ownDesa).ID()
		err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, d.Engine, tx, own, own); err != nil {
				return err
			}
			_, err := tx.NewRaw("UPDATE idempotency_keys SET created_at = ? WHERE key = 'old'", past).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}

		wctx, stop := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- a.jobs.RunServer(wctx, jobs.ServerOptions{Concurrency: 1}) }()
		t.Cleanup(func() { stop(); <-done })
		if err := a.jobs.Enqueue(ctx, taskPurge, struct{}{}); err != nil {
			t.Fatal(err)
		}
		countOld := func() (sessions, keys int) {
			sum := sha256.Sum256([]byte(oldTok))
			if err := d.NewRaw("SELECT count(*) FROM sessions WHERE token_hash = ?", hex.EncodeToString(sum[:])).Scan(ctx, &sessions); err != nil {
				t.Fatal(err)
			}
			err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				if err := db.SetRange(ctx, d.Engine, tx, own, own); err != nil {
					return err
				}
				return tx.NewRaw("SELECT count(*) FROM idempotency_keys WHERE key = 'old'").Scan(ctx, &keys)
			})
			if err != nil {
				t.Fatal(err)
			}
			return sessions, keys
		}
		deadline := time.Now().Add(20 * time.Second)
		for s, k := countOld(); s+k > 0; s, k = countOld() {
			if time.Now().After(deadline) {
				t.Fatalf("the purge task did not delete the expired rows: %d sessions, %d keys left", s, k)
			}
			time.Sleep(50 * time.Millisecond) // the worker runs on its own; the rows are the only signal
		}
		// What has not expired is kept: the session works, the key replays.
		if res := keyedPost(t, srv, newTok, "new"); res.StatusCode != http.StatusCreated || res.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("fresh key after the purge: %d replayed=%q", res.StatusCode, res.Header.Get("Idempotent-Replayed"))
		}
		// A second run finds nothing more and does not fail.
		if err := a.purgeExpired(ctx, nil); err != nil {
			t.Fatal(err)
		}
	})
}
