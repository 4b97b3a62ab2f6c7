package audit_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// engines runs body on SQLite and PostgreSQL with the runtime handle and the
// owner's handle on the same database (the same handle on SQLite).
// dbtest.Run gives no owner, and tampering must bypass the app role's grants.
func engines(t *testing.T, body func(t *testing.T, app, owner *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		d := dbtest.SQLite(t)
		body(t, d, d)
	})
	t.Run("postgres", func(t *testing.T) {
		app, owner := dbtest.Owner(t)
		body(t, app, owner)
	})
}

const (
	desaA tenancy.Kode = "51.02.06.2001"
	desaB tenancy.Kode = "51.02.06.2002"
	desaC tenancy.Kode = "51.03.01.2001" // another kabupaten
)

func appendN(t *testing.T, ctx context.Context, l *audit.Log, k tenancy.Kode, n int) {
	t.Helper()
	for i := range n {
		err := l.Append(ctx, audit.Entry{
			Kode: k, Actor: "user-1", Action: "surat-create",
			Object: fmt.Sprintf("/api/v1/desa/%s/surat/%d", k, i), Status: 201, RequestID: fmt.Sprint("req-", i),
		})
		if err != nil {
			t.Fatalf("append %s #%d: %v", k, i, err)
		}
	}
}

// tamper runs one statement as the owner. FORCE RLS binds the owner too, so
// it publishes the chain's range first.
func tamper(t *testing.T, owner *db.DB, desaID int64, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, owner.Engine, tx, desaID, desaID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("tamper touched %d rows, want 1", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, l *audit.Log, w tenancy.Kode) audit.Report {
	t.Helper()
	rep, err := l.Verify(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCleanChainsVerify(t *testing.T) {
	engines(t, func(t *testing.T, app, _ *db.DB) {
		l := audit.New(app)
		// The request's tenant does not decide the chain: a kecamatan user
		// logging in writes to chain 0, outside the kecamatan's range.
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06"})
		appendN(t, ctx, l, desaA, 4)
		appendN(t, ctx, l, desaB, 3)
		appendN(t, ctx, l, "51.02.06", 2) // kecamatan-level action
		appendN(t, ctx, l, "51.02", 1)    // kabupaten-level action
		appendN(t, ctx, l, desaC, 2)
		if err := l.Append(ctx, audit.Entry{Actor: audit.ActorAnon, Action: "login", Status: 401}); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			w               tenancy.Kode
			chains, entries int
		}{
			{"", 6, 13},
			{"51.02", 4, 10}, // 51.02 itself, 51.02.06, A, B
			{"51.02.06", 3, 9},
			{desaA, 1, 4},
			{"51.03", 1, 2},
		}
		for _, tt := range tests {
			rep := verify(t, l, tt.w)
			if !rep.OK() || rep.Chains != tt.chains || rep.Entries != tt.entries {
				t.Errorf("Verify(%q) = %+v; want OK with %d chains, %d entries", tt.w, rep, tt.chains, tt.entries)
			}
		}
	})
}

func TestChangedRowIsDetected(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  audit.Break
	}{
		{
			name:  "field changed",
			query: "UPDATE audit_log SET actor = 'user-2' WHERE desa_id = ? AND seq = 3",
			want:  audit.Break{DesaID: desaA.ID(), Seq: 3, Reason: audit.Changed},
		},
		{
			// Whoever also rewrites the hash breaks the next row's link.
			name:  "field and hash changed",
			query: "UPDATE audit_log SET actor = 'user-2', hash = 'ab' WHERE desa_id = ? AND seq = 3",
			want:  audit.Break{DesaID: desaA.ID(), Seq: 3, Reason: audit.Changed},
		},
		{
			name:  "link rewritten",
			query: "UPDATE audit_log SET prev_hash = 'ab' WHERE desa_id = ? AND seq = 3",
			want:  audit.Break{DesaID: desaA.ID(), Seq: 3, Reason: audit.BadLink},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engines(t, func(t *testing.T, app, owner *db.DB) {
				l := audit.New(app)
				ctx := context.Background()
				appendN(t, ctx, l, desaA, 5)
				appendN(t, ctx, l, desaB, 2)
				tamper(t, owner, desaA.ID(), tt.query, desaA.ID())

				rep := verify(t, l, "")
				if !slices.Contains(rep.Broken, tt.want) {
					t.Errorf("report %+v does not name %+v", rep.Broken, tt.want)
				}
				for _, b := range rep.Broken {
					if b.DesaID != desaA.ID() {
						t.Errorf("untouched chain %d reported broken: %+v", b.DesaID, b)
					}
				}
			})
		})
	}
}

func TestDeletedMiddleRowIsDetected(t *testing.T) {
	engines(t, func(t *testing.T, app, owner *db.DB) {
		l := audit.New(app)
		ctx := context.Background()
		appendN(t, ctx, l, desaA, 5)
		tamper(t, owner, desaA.ID(), "DELETE FROM audit_log WHERE desa_id = ? AND seq = 3", desaA.ID())
		rep := verify(t, l, "")
		want := []audit.Break{{DesaID: desaA.ID(), Seq: 3, Reason: audit.Missing}}
		if !slices.Equal(rep.Broken, want) {
			t.Errorf("broken = %+v, want %+v", rep.Broken, want)
		}
	})
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	engines(t, func(t *testing.T, app, _ *db.DB) {
		l := audit.New(app)
		const n = 20
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- l.Append(context.Background(), audit.Entry{
					Kode: desaA, Actor: "user-1", Action: "surat-create", Status: 201, RequestID: fmt.Sprint("req-", i),
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		rep := verify(t, l, desaA)
		if !rep.OK() || rep.Entries != n {
			t.Errorf("after %d concurrent appends: %+v; want one clean chain of %d", n, rep, n)
		}
	})
}

func TestAppendRejectsIncompleteEntry(t *testing.T) {
	l := audit.New(dbtest.SQLite(t))
	for _, e := range []audit.Entry{
		{Kode: desaA, Action: "x"},
		{Kode: desaA, Actor: "u"},
		{Kode: "51.2", Actor: "u", Action: "x"},
	} {
		if err := l.Append(context.Background(), e); err == nil {
			t.Errorf("Append(%+v) accepted", e)
		}
	}
}

func TestAppRoleCannotRewriteAuditLog(t *testing.T) {
	app, _ := dbtest.Owner(t) // skips without PostgreSQL
	l := audit.New(app)
	ctx := context.Background()
	appendN(t, ctx, l, desaA, 2)
	for _, stmt := range []string{
		"UPDATE audit_log SET actor = 'x' WHERE desa_id = 5102062001",
		"DELETE FROM audit_log WHERE desa_id = 5102062001",
		"TRUNCATE audit_log",
	} {
		err := app.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, app.Engine, tx, desaA.ID(), desaA.ID()); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, stmt)
			return err
		})
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" {
			t.Errorf("%s as the app role: err = %v; want insufficient_privilege (42501)", stmt, err)
		}
	}
	if rep := verify(t, l, desaA); !rep.OK() || rep.Entries != 2 {
		t.Errorf("chain after refused rewrites: %+v", rep)
	}
}
