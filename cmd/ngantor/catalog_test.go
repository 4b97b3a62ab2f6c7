package main

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TestTenantTableCatalog proves wall 2 (PostgreSQL RLS) for every table that
// has a desa_id column — found from the catalog, so a module's new table is
// checked the day it is added.
func TestTenantTableCatalog(t *testing.T) {
	app, owner := dbtest.Owner(t)
	a, _ := testApp(t, app) // demo data in every module's tables
	ctx := context.Background()
	// Rows of two desa in each platform tenant table (audit_log,
	// idempotency_keys), so the RLS check below has something foreign to
	// hide even before modules add data.
	for _, k := range []tenancy.Kode{ownDesa, neighbourDesa} {
		if err := a.audit.Append(ctx, audit.Entry{Kode: k, Actor: audit.ActorSystem, Action: "catalog-test", Object: "x", Status: 200}); err != nil {
			t.Fatal(err)
		}
		err := app.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, app.Engine, tx, k.ID(), k.ID()); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys
				(desa_id, scope, key, request_hash, claim, claimed_at, status, body, created_at)
				VALUES (?, 't:catalog', 'k', 'h', 'c', now(), 201, ?, now())`, k.ID(), []byte(`{"nama":"Ni Luh"}`))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	var tables []string
	err := owner.NewRaw(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'desa_id' ORDER BY table_name`).Scan(ctx, &tables)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		t.Fatal("no table has desa_id: the catalog test would prove nothing")
	}
	for _, table := range tables {
		t.Run(table, func(t *testing.T) {
			var c struct {
				NotNull   bool `bun:"not_null"`
				RLS       bool `bun:"rls"`
				Forced    bool `bun:"forced"`
				Policies  int  `bun:"policies"`
				PKFirst   bool `bun:"pk_first"`
				BadUnique int  `bun:"bad_unique"`
				BadFK     int  `bun:"bad_fk"`
				Owner     string
			}
			err := owner.NewRaw(`
				SELECT
				  (SELECT is_nullable = 'NO' FROM information_schema.columns
				    WHERE table_schema = 'public' AND table_name = ? AND column_name = 'desa_id') AS not_null,
				  c.relrowsecurity AS rls,
				  c.relforcerowsecurity AS forced,
				  (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = ?) AS policies,
				  coalesce((SELECT a.attname = 'desa_id' FROM pg_index i
				    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
				    WHERE i.indrelid = c.oid AND i.indisprimary), false) AS pk_first,
				  (SELECT count(*) FROM pg_index i
				    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
				    WHERE i.indrelid = c.oid AND i.indisunique AND a.attname <> 'desa_id') AS bad_unique,
				  (SELECT count(*) FROM pg_constraint k
				    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
				    WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attname <> 'desa_id') AS bad_fk,
				  pg_get_userbyid(c.relowner) AS owner
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'public' AND c.relname = ?`, table, table, table).Scan(ctx, &c)
			if err != nil {
				t.Fatal(err)
			}
			if !c.NotNull {
				t.Error("desa_id is nullable")
			}
			if !c.RLS || !c.Forced {
				t.Errorf("row level security enabled=%v forced=%v, want both", c.RLS, c.Forced)
			}
			if c.Policies == 0 {
				t.Error("no policy")
			}
			if !c.PKFirst {
				t.Error("primary key does not lead with desa_id")
			}
			if c.BadUnique > 0 || c.BadFK > 0 {
				t.Errorf("%d unique keys and %d foreign keys do not lead with desa_id (Citus-ready keys)", c.BadUnique, c.BadFK)
			}
			if c.Owner == dbtest.AppRole {
				t.Error("the runtime role owns the table")
			}
			assertRLSHidesOtherDesa(t, app, table)
		})
	}

	// The runtime role: no table owned, cannot bypass RLS, not superuser.
	var role struct {
		Super, Bypass bool
	}
	if err := owner.NewRaw(`SELECT rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = ?`, dbtest.AppRole).Scan(ctx, &role); err != nil {
		t.Fatal(err)
	}
	if role.Super || role.Bypass {
		t.Errorf("runtime role superuser=%v bypassrls=%v", role.Super, role.Bypass)
	}
}

// assertRLSHidesOtherDesa reads the table as the runtime role with no
// explicit WHERE: with Bengkel published it sees only Bengkel's rows, and
// with no tenant it sees nothing.
func assertRLSHidesOtherDesa(t *testing.T, app *db.DB, table string) {
	t.Helper()
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: ownDesa})
	own := tenancy.Kode(ownDesa).ID()
	err := app.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var foreign int
		if err := tx.NewRaw("SELECT count(*) FROM ? WHERE desa_id <> ?", bun.Ident(table), own).Scan(ctx, &foreign); err != nil {
			return err
		}
		if foreign != 0 {
			t.Errorf("with Bengkel's tenant published, %d rows of other desa are visible", foreign)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = app.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
		var any int
		if err := tx.NewRaw("SELECT count(*) FROM ?", bun.Ident(table)).Scan(ctx, &any); err != nil {
			return err
		}
		if any != 0 {
			t.Errorf("with no tenant published, %d rows are visible", any)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
