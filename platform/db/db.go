// Package db opens the database (PostgreSQL through pgx, or SQLite through
// modernc.org/sqlite without cgo) behind one bun handle, runs tenant-scoped
// transactions and applies the embedded migrations.
//
// On PostgreSQL every transaction opened by Tx first publishes the tenant's
// desa id range with set_config(…, true) — transaction-local, so a pooled
// connection never carries one request's tenant into the next. Row-level
// security policies read it (see Postgres migrations); SQLite has no RLS, so
// there the store's explicit scope (tenancy.Scope) is the wall.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Engine names the database engine behind a DB.
type Engine string

const (
	Postgres Engine = "postgres"
	SQLite   Engine = "sqlite"
)

// DB is the bun handle plus the engine it talks to.
type DB struct {
	*bun.DB
	Engine Engine
	texts  sync.Map // SelectText: key → SQL text
}

// Options tune Open.
type Options struct {
	MaxConns int // pool size; 0 means 10
}

// Open connects to rawURL (postgres://… or sqlite://path) and pings it.
func Open(ctx context.Context, rawURL string, opt Options) (*DB, error) {
	return open(ctx, rawURL, opt, nil)
}

// open is Open; configure, when set, adjusts a PostgreSQL connection's
// config (tests count its round trips).
func open(ctx context.Context, rawURL string, opt Options, configure func(*pgx.ConnConfig)) (*DB, error) {
	if opt.MaxConns <= 0 {
		opt.MaxConns = 10
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("db: parse url: %w", err)
	}
	var d *DB
	switch u.Scheme {
	case "postgres", "postgresql":
		cfg, err := pgx.ParseConfig(rawURL)
		if err != nil {
			return nil, fmt.Errorf("db: %w", err)
		}
		// pgx's default mode prepares and caches each query text. bun
		// inlines values, so a new text costs a prepare round trip, but a
		// repeated one (same session, same tenant list) skips PostgreSQL's
		// parse and plan: under load that was worth more than the round
		// trip (QueryExecModeExec: -1 round trip on by id, yet -40% rps).
		// A URL may still choose ?default_query_exec_mode=exec.
		if configure != nil {
			configure(cfg)
		}
		sqldb := sql.OpenDB(beginConnector{stdlib.GetConnector(*cfg)})
		sqldb.SetMaxOpenConns(opt.MaxConns)
		sqldb.SetMaxIdleConns(opt.MaxConns)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		d = &DB{DB: bun.NewDB(sqldb, pgdialect.New()), Engine: Postgres}
	case "sqlite":
		path := u.Host + u.Path
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("db: create %s: %w", dir, err)
			}
		}
		// WAL lets readers run beside the writer; BEGIN IMMEDIATE takes the
		// write lock up front, so two writers queue on busy_timeout instead
		// of failing when a read transaction upgrades.
		dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
		sqldb, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("db: %w", err)
		}
		sqldb.SetMaxOpenConns(opt.MaxConns)
		sqldb.SetMaxIdleConns(opt.MaxConns)
		d = &DB{DB: bun.NewDB(sqldb, sqlitedialect.New()), Engine: SQLite}
	default:
		return nil, fmt.Errorf("db: unsupported scheme %q", u.Scheme)
	}
	if err := d.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db: ping: %w", err)
	}
	return d, nil
}

// Tx runs fn in a transaction. With a tenant in ctx it is published to
// PostgreSQL's row-level security first; without one, tenant tables read as
// empty there (and tenancy.Scope fails everywhere). When fn wrote something
// and ctx carries pre-commit hooks (WithPreCommit), they run after fn, in
// the same transaction.
func (d *DB) Tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	hooks := pendingHooks(ctx)
	var (
		ran       []*PreCommit
		committed bool
	)
	defer func() {
		// Also on a panic: the hooks are free again for the next transaction.
		for _, h := range ran {
			h.finish(committed)
		}
	}()
	// The tenant is published by the query that opens the transaction.
	var lo, hi int64
	t, withTenant := tenancy.From(ctx)
	if withTenant {
		lo, hi = t.Kode.Range()
	}
	wrote := new(bool)
	var r *beginRange
	if withTenant {
		r = &beginRange{lo: lo, hi: hi, wrote: wrote}
	}
	err := d.runInTx(ctx, r, func(ctx context.Context, tx bun.Tx) error {
		var mark int64 // PostgreSQL: no transaction id before the first write
		if len(hooks) > 0 && d.Engine != Postgres {
			var err error
			if mark, err = d.writeMark(ctx, tx); err != nil {
				return err
			}
		}
		if err := fn(ctx, tx); err != nil {
			return err
		}
		if len(hooks) == 0 {
			return nil
		}
		return d.runPreCommit(ctx, tx, hooks, mark, *wrote, &ran)
	})
	committed = err == nil
	return err
}

// SetTenant publishes the tenant in ctx to the transaction (PostgreSQL only).
func SetTenant(ctx context.Context, engine Engine, tx bun.Tx) error {
	if engine != Postgres {
		return nil
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil
	}
	lo, hi := t.Kode.Range()
	return SetRange(ctx, engine, tx, lo, hi)
}

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine.
func IsUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		c := sqErr.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Placeholders is a helper for IN lists in raw SQL: "?, ?, ?".
func Placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// SetRange publishes an explicit desa id range to the transaction
// (PostgreSQL only). Platform code that must write outside one request's
// tenant (the audit chain of a wilayah, a national verification) uses it.
func SetRange(ctx context.Context, engine Engine, tx bun.Tx, lo, hi int64) error {
	if engine != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT set_config('app.desa_min', ?, true), set_config('app.desa_max', ?, true)",
		strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10))
	return err
}

// EscapeLike makes a user's filter match literally in a LIKE pattern
// written with ESCAPE '!': "50%" finds "50%", not everything starting with
// "50".
func EscapeLike(s string) string {
	return likeEscaper.Replace(s)
}

var likeEscaper = strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
