package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/ngantor/ngantor/platform/config"
)

// runOpenAPI prints the document a server serves at /openapi.json, for CI's
// OpenAPI linter and for client generators. It needs no database or Redis:
// the app is wired on a throwaway SQLite file and in-process Redis, and the
// environment is ignored so the document is the same wherever it is made.
// Hidden from the usage list: it is a build tool, not a process role.
func runOpenAPI(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "openapi")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "openapi — cetak dokumen OpenAPI (/openapi.json) ke stdout\n\nPemakaian: ngantor openapi")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "ngantor-openapi-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg, err := config.Load(func(k string) string {
		if k == "NGANTOR_DATA_DIR" {
			return dir
		}
		return ""
	}, false)
	if err != nil {
		return err
	}
	a, err := newAppMigrated(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), appOptions{memoryRedis: true})
	if err != nil {
		return err
	}
	defer a.Close()
	// Through the handler, so this is byte for byte what /openapi.json serves.
	rec := httptest.NewRecorder()
	a.http.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("/openapi.json: status %d", rec.Code)
	}
	_, err = env.stdout.Write(rec.Body.Bytes())
	return err
}
