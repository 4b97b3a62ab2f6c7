package db

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/uptrace/bun"
	"time"
)

// Migration is one step of the single schema history. Files live in
// migrations/<module>/<version>_<name>.up.sql (and .down.sql); versions sort
// globally across folders, so a module can depend on an older one's tables.
// The SQL is a text/template: {{if .Postgres}}…{{end}} holds what only
// PostgreSQL has (RLS, roles, grants); {{.AppRole}} is the runtime role.
type Migration struct {
	Version string // e.g. 202611220001
	Name    string // module/name
	Up      string
	Down    string
}

// TemplateData is what a migration template sees.
type TemplateData struct {
	Postgres bool
	SQLite   bool
	AppRole  string
}

// MigrationStatus is a migration and whether it is applied.
type MigrationStatus struct {
	Migration
	AppliedAt *time.Time
}

// LoadMigrations reads every */*.up.sql (and its .down.sql) from fsys.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	ups, err := fs.Glob(fsys, "*/*.up.sql")
	if err != nil {
		return nil, err
	}
	seen := map[string]string{}
	var out []Migration
	for _, up := range ups {
		base := strings.TrimSuffix(path.Base(up), ".up.sql")
		version, name, ok := strings.Cut(base, "_")
		if !ok || version == "" {
			return nil, fmt.Errorf("migration %s: name must be <version>_<name>.up.sql", up)
		}
		if other, dup := seen[version]; dup {
			return nil, fmt.Errorf("migration version %s used by %s and %s", version, other, up)
		}
		seen[version] = up
		upSQL, err := fs.ReadFile(fsys, up)
		if err != nil {
			return nil, err
		}
		downSQL, err := fs.ReadFile(fsys, strings.TrimSuffix(up, ".up.sql")+".down.sql")
		if err != nil {
			return nil, fmt.Errorf("migration %s has no .down.sql: %w", up, err)
		}
		out = append(out, Migration{
			Version: version,
			Name:    path.Dir(up) + "/" + name,
			Up:      string(upSQL),
			Down:    string(downSQL),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// Migrator applies migrations. It must run as the role that owns the schema.
type Migrator struct {
	DB         *DB
	Migrations []Migration
	AppRole    string // PostgreSQL role the API and worker connect as
}

func (m *Migrator) data() TemplateData {
	role := m.AppRole
	if role == "" {
		role = "ngantor_app"
	}
	return TemplateData{Postgres: m.DB.Engine == Postgres, SQLite: m.DB.Engine == SQLite, AppRole: role}
}

func (m *Migrator) render(name, text string) (string, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"rls": m.rls}).Parse(text)
	if err != nil {
		return "", fmt.Errorf("migration %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, m.data()); err != nil {
		return "", fmt.Errorf("migration %s: %w", name, err)
	}
	return b.String(), nil
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TIMESTAMP NOT NULL
)`

// rls is the second wall for one tenant table, written once for every
// migration as {{rls "table"}}: row-level security enabled and forced (so
// the owner is bound too) with the policy on the transaction's published
// desa id range. SQLite has no RLS; there it renders nothing.
func (m *Migrator) rls(table string) (string, error) {
	if !validTable(table) {
		return "", fmt.Errorf("rls: %q is not a plain table name", table)
	}
	if m.DB.Engine != Postgres {
		return "", nil
	}
	return "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;\n" +
		"ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY;\n" +
		"CREATE POLICY tenant ON " + table + " USING (desa_id BETWEEN app_desa_min() AND app_desa_max());", nil
}

func validTable(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// lock serialises concurrent migrators (two Helm hooks, two dev processes).
func (m *Migrator) lock(ctx context.Context) (func(), error) {
	if m.DB.Engine != Postgres {
		return func() {}, nil
	}
	conn, err := m.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	const key = 7_265_636_102 // "ngantor" migrations
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", key); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(?)", key)
		conn.Close()
	}, nil
}

func (m *Migrator) applied(ctx context.Context) (map[string]time.Time, error) {
	if _, err := m.DB.ExecContext(ctx, migrationsTable); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var rows []struct {
		Version   string    `bun:"version"`
		AppliedAt time.Time `bun:"applied_at"`
	}
	if err := m.DB.NewSelect().Table("schema_migrations").Column("version", "applied_at").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		out[r.Version] = r.AppliedAt
	}
	return out, nil
}

// Up applies every pending migration, each in its own transaction together
// with its schema_migrations row: a failed step leaves no trace.
func (m *Migrator) Up(ctx context.Context) (appliedNow []string, err error) {
	unlock, err := m.lock(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	done, err := m.applied(ctx)
	if err != nil {
		return nil, err
	}
	for _, mig := range m.Migrations {
		if _, ok := done[mig.Version]; ok {
			continue
		}
		sqlText, err := m.render(mig.Name, mig.Up)
		if err != nil {
			return appliedNow, err
		}
		err = m.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := execScript(ctx, tx, sqlText); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				mig.Version, mig.Name, time.Now().UTC())
			return err
		})
		if err != nil {
			return appliedNow, fmt.Errorf("migration %s_%s: %w", mig.Version, mig.Name, err)
		}
		appliedNow = append(appliedNow, mig.Version+"_"+mig.Name)
	}
	return appliedNow, nil
}

// Down reverts the newest applied migrations, steps of them.
func (m *Migrator) Down(ctx context.Context, steps int) (reverted []string, err error) {
	unlock, err := m.lock(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	done, err := m.applied(ctx)
	if err != nil {
		return nil, err
	}
	for i := len(m.Migrations) - 1; i >= 0 && len(reverted) < steps; i-- {
		mig := m.Migrations[i]
		if _, ok := done[mig.Version]; !ok {
			continue
		}
		sqlText, err := m.render(mig.Name, mig.Down)
		if err != nil {
			return reverted, err
		}
		err = m.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := execScript(ctx, tx, sqlText); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "DELETE FROM schema_migrations WHERE version = ?", mig.Version)
			return err
		})
		if err != nil {
			return reverted, fmt.Errorf("revert %s_%s: %w", mig.Version, mig.Name, err)
		}
		reverted = append(reverted, mig.Version+"_"+mig.Name)
	}
	return reverted, nil
}

// Status lists every known migration with its applied time.
func (m *Migrator) Status(ctx context.Context) ([]MigrationStatus, error) {
	done, err := m.applied(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationStatus, 0, len(m.Migrations))
	for _, mig := range m.Migrations {
		s := MigrationStatus{Migration: mig}
		if at, ok := done[mig.Version]; ok {
			at := at
			s.AppliedAt = &at
		}
		out = append(out, s)
	}
	return out, nil
}

// execScript runs a script statement by statement: SQLite's driver runs only
// the first statement of a multi-statement Exec. Statements end with ";" at
// the end of a line; a "$$" block is kept whole.
func execScript(ctx context.Context, tx bun.Tx, script string) error {
	for _, stmt := range splitStatements(script) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w\n--- in statement:\n%s", err, stmt)
		}
	}
	return nil
}

func splitStatements(script string) []string {
	var (
		out    []string
		cur    strings.Builder
		dollar bool
	)
	for _, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "--")) {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.Count(line, "$$")%2 == 1 {
			dollar = !dollar
		}
		if !dollar && strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
