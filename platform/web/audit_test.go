package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

type allowAll struct{}

func (allowAll) Allowed(context.Context, string, tenancy.Kode, authz.Permission) (bool, error) {
	return true, nil
}

// TestPageFormIsAuditedWithItsChange: a desa page's form is recorded in
// the transaction of its change, so a handler that commits and then never
// answers (it panics, as a killed process never answers) still leaves its
// entry; a refused form that changed nothing leaves none; a form that
// succeeds without a database change is recorded after it.
func TestPageFormIsAuditedWithItsChange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		client := redistest.Memory(t).Client()
		t.Cleanup(func() { client.Close() })
		discard := slog.New(slog.NewTextHandler(io.Discard, nil))
		a := auth.New(auth.Deps{DB: d, Redis: client, Logger: discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
		if _, err := a.CreateUser(ctx, auth.NewUser{Email: email, Name: "Kadek", Password: password}); err != nil {
			t.Fatal(err)
		}
		tok, _, _, err := a.Login(ctx, email, password, "203.0.113.7", "test")
		if err != nil {
			t.Fatal(err)
		}
		log := audit.New(d)
		w := web.New(web.Deps{Auth: a, Logger: discard, Authz: allowAll{}, Audit: log})
		mux := http.NewServeMux()
		const pattern = "POST /desa/{kode}/catatan"
		w.HandleDesa(mux, pattern, authz.Permission{Object: "catatan", Action: "write"}, func(rw http.ResponseWriter, r *http.Request) {
			name := r.FormValue("nama")
			if name == "" {
				http.Error(rw, "Nama wajib diisi.", http.StatusUnprocessableEntity)
				return
			}
			if name != "tanpa-perubahan" {
				err := d.Tx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?)", name, time.Now().UTC())
					return err
				})
				if err != nil {
					http.Error(rw, "gagal", http.StatusInternalServerError)
					return
				}
			}
			if name == "mati" {
				panic("process dies after the commit")
			}
			http.Redirect(rw, r, "/desa/51.02.06.2001", http.StatusSeeOther)
		})
		post := func(name string) {
			r := httptest.NewRequest(http.MethodPost, "https://ngantor.example/desa/51.02.06.2001/catatan",
				strings.NewReader(url.Values{"nama": {name}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.Header.Set("Sec-Fetch-Site", "same-origin")
			r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
			defer func() { _ = recover() }()
			mux.ServeHTTP(httptest.NewRecorder(), r)
		}
		for _, name := range []string{"satu", "mati", "", "tanpa-perubahan"} {
			post(name)
		}

		var entries []struct {
			Action string `bun:"action"`
			Object string `bun:"object"`
			Status int    `bun:"status"`
		}
		own := tenancy.Kode("51.02.06.2001").ID()
		err = d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, d.Engine, tx, own, own); err != nil {
				return err
			}
			return tx.NewRaw("SELECT action, object, status FROM audit_log ORDER BY seq").Scan(ctx, &entries)
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 3 {
			t.Fatalf("entries %+v, want 3 (two changes, one form without change)", entries)
		}
		for _, e := range entries {
			if e.Action != web.PageAction(pattern) || e.Object != "/desa/51.02.06.2001/catatan" || e.Status != http.StatusSeeOther {
				t.Errorf("entry %+v", e)
			}
		}
		rep, err := log.Verify(ctx, "51.02.06.2001")
		if err != nil || !rep.OK() {
			t.Fatalf("verify: %+v %v", rep, err)
		}
	})
}
