// Package dbtest gives each test a fresh, migrated database: SQLite always,
// and PostgreSQL as well when NGANTOR_TEST_POSTGRES_URL names a server the
// test may create databases on. The same test body runs on both.
//
// On PostgreSQL the returned handle connects as the runtime role (no table
// owned, NOBYPASSRLS), exactly as the API does; Owner returns the migrating
// role's handle for tests that must look behind RLS.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/migrations"
	"github.com/ngantor/ngantor/platform/db"
)

// EnvPostgres names the admin URL of a PostgreSQL server for tests.
const EnvPostgres = "NGANTOR_TEST_POSTGRES_URL"

// AppRole is the runtime role tests connect as on PostgreSQL.
const AppRole = "ngantor_app"

// Run runs body as subtest "sqlite", and as "postgres" when the server is
// configured (skipped, saying why, when it is not).
func Run(t *testing.T, body func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { body(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { body(t, Postgres(t)) })
}

// SQLite returns a fresh migrated SQLite database in t's temp dir.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "test.db"), db.Options{})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	migrate(t, d)
	return d
}

// PostgresURL returns the admin URL or skips t.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvPostgres)
	if u == "" {
		t.Skip(EnvPostgres + " is not set: PostgreSQL run skipped (CI sets it)")
	}
	return u
}

// NewPostgresDatabase creates an empty database and returns the owner's URL
// and the runtime role's URL for it; it is dropped when t ends.
func NewPostgresDatabase(t testing.TB) (ownerURL, appURL string) {
	t.Helper()
	ctx := context.Background()
	admin, err := db.Open(ctx, PostgresURL(t), db.Options{MaxConns: 2})
	if err != nil {
		t.Fatalf("open postgres admin: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "ngantor_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	// Roles are cluster-wide; create the runtime role once, able to log in.
	_, err = admin.ExecContext(ctx, `DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '`+AppRole+`') THEN
			CREATE ROLE `+AppRole+` LOGIN NOBYPASSRLS;
		END IF; END $$`)
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("create role: %v", err)
	}
	t.Cleanup(func() {
		a, err := db.Open(context.Background(), PostgresURL(t), db.Options{MaxConns: 1})
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	owner, _ := url.Parse(PostgresURL(t))
	owner.Path = "/" + name
	app := *owner
	app.User = url.User(AppRole)
	return owner.String(), app.String()
}

// Postgres returns a fresh migrated PostgreSQL database, connected as the
// runtime role, or skips t when no server is configured.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	d, _ := postgresPair(t)
	return d
}

// Owner returns (runtime, owner) handles on a fresh migrated PostgreSQL
// database; the owner handle sees past nothing more than RLS allows it
// either (tables FORCE RLS) but can read catalogs and change schema.
func Owner(t testing.TB) (app, owner *db.DB) {
	t.Helper()
	return postgresPair(t)
}

func postgresPair(t testing.TB) (*db.DB, *db.DB) {
	t.Helper()
	ctx := context.Background()
	ownerURL, appURL := NewPostgresDatabase(t)
	owner, err := db.Open(ctx, ownerURL, db.Options{MaxConns: 4})
	if err != nil {
		t.Fatalf("open owner: %v", err)
	}
	t.Cleanup(func() { owner.Close() })
	migrate(t, owner)
	app, err := db.Open(ctx, appURL, db.Options{MaxConns: 20})
	if err != nil {
		t.Fatalf("open app role: %v", err)
	}
	t.Cleanup(func() { app.Close() })
	return app, owner
}

func migrate(t testing.TB, d *db.DB) {
	t.Helper()
	migs, err := db.LoadMigrations(migrations.FS)
	if err != nil {
		t.Fatalf("load migrations: %v", err)
	}
	m := &db.Migrator{DB: d, Migrations: migs, AppRole: AppRole}
	if _, err := m.Up(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
}
