package db_test

import (
	"context"
	"strconv"
	"testing"

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
