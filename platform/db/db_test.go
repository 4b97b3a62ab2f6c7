package db_test

import (
	"context"
	"testing"

	"github.com/ngantor/ngantor/migrations"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

func TestMigrationsGoDownAndUpAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		migs, err := db.LoadMigrations(migrations.FS)
		if err != nil {
			t.Fatal(err)
		}
		m := &db.Migrator{DB: d, Migrations: migs, AppRole: dbtest.AppRole}
		if d.Engine == db.Postgres {
			// The runtime role may not change schema: use the owner.
			_, owner := dbtest.Owner(t)
			m.DB = owner
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			if s.AppliedAt == nil {
				t.Fatalf("%s not applied after migrate", s.Name)
			}
		}
		reverted, err := m.Down(ctx, len(migs))
		if err != nil {
			t.Fatalf("down: %v", err)
		}
		if len(reverted) != len(migs) {
			t.Fatalf("reverted %d of %d", len(reverted), len(migs))
		}
		again, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("up again: %v", err)
		}
		if len(again) != len(migs) {
			t.Fatalf("re-applied %d of %d", len(again), len(migs))
		}
		none, err := m.Up(ctx)
		if err != nil || len(none) != 0 {
			t.Fatalf("second up applied %v, %v", none, err)
		}
	})
}

func TestFailedMigrationIsNotMarkedApplied(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	m := &db.Migrator{DB: d, Migrations: []db.Migration{{
		Version: "999999999999", Name: "test/broken",
		Up:   "CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;",
		Down: "DROP TABLE half_done;",
	}}}
	if _, err := m.Up(ctx); err == nil {
		t.Fatal("broken migration applied without error")
	}
	st, err := m.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st[0].AppliedAt != nil {
		t.Fatal("broken migration marked applied")
	}
	var n int
	if err := d.NewRaw("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatal("first statement of a failed migration was kept")
	}
}

func TestRLSTemplateRefusesOddTableNames(t *testing.T) {
	d := dbtest.SQLite(t)
	m := &db.Migrator{DB: d, Migrations: []db.Migration{{
		Version: "999999999998", Name: "test/rls",
		Up: "{{rls \"x; DROP TABLE users\"}}\nSELECT 1;", Down: "SELECT 1;",
	}}}
	if _, err := m.Up(context.Background()); err == nil {
		t.Fatal("rls accepted a table name that is not a plain identifier")
	}
}
