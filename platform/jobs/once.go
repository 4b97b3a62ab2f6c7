package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
)

// Once runs fn in a d.Tx transaction (so the tenant in ctx is published to
// row-level security) together with inserting key into job_runs. If key is
// already there, fn does not run and ran is false: a redelivered task
// changes nothing. If fn fails, the key is not kept and a retry runs fn again.
//
// Two concurrent calls with one key cannot both run fn to commit: on
// PostgreSQL the second insert waits for the first transaction and then
// finds the key; on SQLite write transactions do not overlap at all.
// Choose keys that name the effect, e.g. "laporan-bulanan:5102062001:2026-11".
func Once(ctx context.Context, d *db.DB, key string, fn func(ctx context.Context, tx bun.Tx) error) (ran bool, err error) {
	err = d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ran = false
		// ON CONFLICT DO NOTHING rather than catching the unique violation:
		// on PostgreSQL a failed statement would poison the transaction.
		res, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
			key, time.Now().UTC())
		if err != nil {
			return fmt.Errorf("jobs: once %q: %w", key, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if err := fn(ctx, tx); err != nil {
			return err
		}
		ran = true
		return nil
	})
	if err != nil {
		return false, err
	}
	return ran, nil
}
