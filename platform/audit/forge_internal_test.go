package audit

import (
	"context"
	"slices"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// A forger who knows the hash algorithm can make an edited row consistent
// with itself; the next row still links to the original.
func TestForgedRowBreaksTheNextLink(t *testing.T) {
	run := func(t *testing.T, app, owner *db.DB) {
		ctx := context.Background()
		l := New(app)
		const kode = "51.02.06.2001"
		for range 5 {
			if err := l.Append(ctx, Entry{Kode: kode, Actor: "user-1", Action: "surat-create", Status: 201}); err != nil {
				t.Fatal(err)
			}
		}
		id := DesaID(kode)
		err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, owner.Engine, tx, id, id); err != nil {
				return err
			}
			var r record
			if err := tx.NewSelect().Model(&r).Where("desa_id = ? AND seq = 3", id).Scan(ctx); err != nil {
				return err
			}
			r.Actor = "user-2"
			r.Hash = r.sum()
			_, err := tx.NewUpdate().Model(&r).WherePK().Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.Verify(ctx, kode)
		if err != nil {
			t.Fatal(err)
		}
		want := []Break{{DesaID: id, Seq: 4, Reason: BadLink}}
		if !slices.Equal(rep.Broken, want) {
			t.Errorf("broken = %+v, want %+v", rep.Broken, want)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		d := dbtest.SQLite(t)
		run(t, d, d)
	})
	t.Run("postgres", func(t *testing.T) {
		app, owner := dbtest.Owner(t)
		run(t, app, owner)
	})
}
