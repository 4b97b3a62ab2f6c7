package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/secret"
)

// secretApp builds a dev-style app (SQLite, in-process Redis) on env.
func secretApp(t *testing.T, env map[string]string) *app {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] }, false)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newAppMigrated(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), appOptions{memoryRedis: true})
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	return a
}

func TestDevModeKeepsItsSecretKeyInTheDataDir(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"NGANTOR_DATA_DIR": dir, "NGANTOR_LOG_LEVEL": "error"}
	a := secretApp(t, env)
	sealed, err := a.secrets.Seal([]byte("admin:kamera"), "cctv:51.02.06.2001:1")
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, secret.DevKeyFile))
	if err != nil {
		t.Fatalf("dev mode made no key file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o, want 0600", st.Mode().Perm())
	}

	// The restarted process opens what the first one sealed.
	b := secretApp(t, env)
	defer b.Close()
	got, err := b.secrets.Open(sealed, "cctv:51.02.06.2001:1")
	if err != nil || string(got) != "admin:kamera" {
		t.Fatalf("after restart: %q, %v", got, err)
	}
}

func TestSecretKeyFromTheEnvironmentIsUsedAndNoFileIsMade(t *testing.T) {
	dir := t.TempDir()
	a := secretApp(t, map[string]string{
		"NGANTOR_DATA_DIR":   dir,
		"NGANTOR_LOG_LEVEL":  "error",
		"NGANTOR_SECRET_KEY": "k2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=," + testSecretKey,
	})
	defer a.Close()
	if got := strings.Join(a.secrets.IDs(), ","); got != "k2,k1" {
		t.Errorf("keyring %s, want k2,k1", got)
	}
	if _, err := os.Stat(filepath.Join(dir, secret.DevKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a key file was made although NGANTOR_SECRET_KEY is set: %v", err)
	}
}

func TestMalformedSecretKeyStopsStartupNamingTheVariable(t *testing.T) {
	c := &cliRun{env: map[string]string{
		"NGANTOR_DATA_DIR":   t.TempDir(),
		"NGANTOR_SECRET_KEY": "k1:pendek",
	}}
	err := c.run(t, "", "dev")
	if err == nil || !strings.HasPrefix(oneLine(err), "NGANTOR_SECRET_KEY: ") {
		t.Fatalf("dev with a malformed key: %v", err)
	}
}
