package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"modernc.org/sqlite"
)

// Seeding Tabanan and every module's demo data takes about five seconds on
// SQLite (keuangan's APBDes of 133 desa alone nearly three), and most tests
// of this package start from it: seeded anew each time, the package outgrew
// go test's ten-minute default of the README command. On SQLite a test's
// app is therefore filled from one seeded template per test process — the
// same rows, the same data dir (the dev secret key that sealed the demo's
// credentials, the demo's blobs) — then wired as usual, so every test still
// gets its own database and files and starts from exactly what the seed
// makes. PostgreSQL keeps seeding each database (its run has an hour).
// NGANTOR_TEST_SEED_EACH=1 seeds every SQLite app too.

// processTemp holds what the package's tests share for the life of the
// test process (the seeded template, the built binaries); TestMain removes it.
var processTemp string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ngantor-cmdtest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	processTemp = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

var sqliteTemplate struct {
	once    sync.Once
	db      string // the seeded database file
	dataDir string // its data dir
	err     error
}

// seededTemplate builds the template once per process.
func seededTemplate() (dbFile, dataDir string, err error) {
	t := &sqliteTemplate
	t.once.Do(func() {
		t.err = func() error {
			root, err := os.MkdirTemp(processTemp, "seed-")
			if err != nil {
				return err
			}
			ctx := context.Background()
			dbFile, dataDir := filepath.Join(root, "seed.db"), filepath.Join(root, "data")
			d, err := db.Open(ctx, "sqlite://"+dbFile, db.Options{})
			if err != nil {
				return err
			}
			defer d.Close()
			if _, err := migrate(ctx, d, ""); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			env := map[string]string{"NGANTOR_DATA_DIR": dataDir, "NGANTOR_LOG_LEVEL": "error"}
			cfg, err := config.Load(func(k string) string { return env[k] }, false)
			if err != nil {
				return err
			}
			a, err := newApp(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), appOptions{memoryRedis: true, db: d})
			if err != nil {
				return err
			}
			defer a.Close()
			if err := seedAll(ctx, a); err != nil {
				return err
			}
			t.db, t.dataDir = dbFile, dataDir
			return nil
		}()
	})
	return t.db, t.dataDir, t.err
}

// seedAll is what every test app starts from.
func seedAll(ctx context.Context, a *app) error {
	if err := a.seedReference(ctx); err != nil {
		return err
	}
	if _, err := a.wilayah.Store().Seed(ctx, []tenancy.Kode{demoKabupaten}); err != nil {
		return err
	}
	if err := a.seedDemo(ctx); err != nil {
		return fmt.Errorf("seedDemo: %w", err)
	}
	return nil
}

// fillFromTemplate replaces d's database with the seeded template (same
// migrations, so the schema is the one d already has) and copies the
// template's data dir into dataDir. It reports false when d is not SQLite
// or each app is to be seeded.
func fillFromTemplate(t *testing.T, d *db.DB, dataDir string) bool {
	t.Helper()
	if d.Engine != db.SQLite || os.Getenv("NGANTOR_TEST_SEED_EACH") != "" {
		return false
	}
	dbFile, tplData, err := seededTemplate()
	if err != nil {
		t.Fatalf("seeded template: %v", err)
	}
	ctx := context.Background()
	conn, err := d.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// SQLite's online backup copies the template page by page into d's
	// file (≈ 30 ms; an INSERT … SELECT per table took ten times that).
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("driver connection %T cannot restore", dc)
		}
		b, err := r.NewRestore("file:" + dbFile + "?mode=ro")
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			_ = b.Finish()
			return err
		}
		return b.Finish()
	})
	if err != nil {
		t.Fatalf("restore the seeded template: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatalf("checkpoint: %v", err)
	}
	err = filepath.WalkDir(tplData, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tplData, p)
		dst := filepath.Join(dataDir, rel)
		if e.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
	if err != nil {
		t.Fatalf("copy the template's data dir: %v", err)
	}
	return true
}
