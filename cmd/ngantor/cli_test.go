package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

type cliRun struct {
	env    map[string]string
	stdout bytes.Buffer
	stderr bytes.Buffer
}

// testSecretKey is a fixed NGANTOR_SECRET_KEY for the production roles
// under test (k1, 32 bytes of 0x01).
const testSecretKey = "k1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="

func (c *cliRun) run(t *testing.T, stdin string, args ...string) error {
	t.Helper()
	c.stdout.Reset()
	c.stderr.Reset()
	e := &environment{getenv: func(k string) string { return c.env[k] }, stdin: strings.NewReader(stdin), stdout: &c.stdout, stderr: &c.stderr}
	return run(context.Background(), e, args)
}

func TestCommandLineManagesSchemaWilayahUsersAndAudit(t *testing.T) {
	dir := t.TempDir()
	c := &cliRun{env: map[string]string{
		"NGANTOR_DATABASE_URL": "sqlite://" + filepath.Join(dir, "cli.db"),
		"NGANTOR_DATA_DIR":     dir,
		"NGANTOR_LOG_LEVEL":    "error",
	}}
	steps := []struct {
		stdin   string
		args    []string
		wantErr string
		wantOut string
	}{
		{"", []string{"migrate", "status"}, "", "menunggu"},
		{"", []string{"migrate", "up"}, "", "diterapkan"},
		{"", []string{"migrate", "up"}, "", "skema sudah mutakhir"},
		{"", []string{"seed", "wilayah", "--kabupaten", "51.02,35.29"}, "", "desa"},
		{"", []string{"seed", "wilayah", "--kabupaten", "99.99"}, "tidak", ""},
		{"", []string{"seed", "referensi"}, "", "keuangan desa"},
		{"", []string{"seed", "referensi"}, "", "keuangan desa"},
		{"", []string{"user", "create", "--email", "made@bengkel.desa.id", "--name", "I Made Sudarma", "--role", "perbekel", "--wilayah", "51.02.06.2001"}, "stdin kosong", ""},
		{"kata-sandi-panjang\n", []string{"user", "create", "--email", "made@bengkel.desa.id", "--name", "I Made Sudarma", "--role", "perbekel", "--wilayah", "51.02.06.2001"}, "", "izin diberikan"},
		{"", []string{"user", "create", "--email", "made@bengkel.desa.id", "--role", "sekdes", "--wilayah", "51.02.06.2002"}, "", "izin diberikan"},
		{"", []string{"user", "grant", "--email", "made@bengkel.desa.id", "--role", "raja", "--wilayah", "51.02.06.2001"}, "tidak dikenal", ""},
		{"", []string{"user", "grant", "--email", "made@bengkel.desa.id", "--role", "camat", "--wilayah", "51.02.06.2001"}, "camat", ""},
		{"", []string{"user", "grant", "--email", "nobody@x.id", "--role", "camat", "--wilayah", "51.02.06"}, "tidak ditemukan", ""},
		{"", []string{"user", "revoke", "--email", "made@bengkel.desa.id", "--role", "sekdes", "--wilayah", "51.02.06.2002"}, "", "izin dicabut"},
		{"", []string{"user", "revoke", "--email", "made@bengkel.desa.id", "--role", "sekdes", "--wilayah", "51.02.06.2002"}, "tidak", ""},
		// The opd role is a membership of the registry's OPD, never free text.
		{"kata-sandi-panjang\n", []string{"user", "create", "--email", "kadek@dlh.tabanankab.go.id", "--name", "Kadek", "--role", "opd", "--wilayah", "51.02", "--opd", "Dinas Sampah"}, "tidak ada", ""},
		{"kata-sandi-panjang\n", []string{"user", "create", "--email", "kadek@dlh.tabanankab.go.id", "--name", "Kadek", "--role", "opd", "--wilayah", "51.02"}, "--opd", ""},
		{"kata-sandi-panjang\n", []string{"user", "create", "--email", "kadek@dlh.tabanankab.go.id", "--name", "Kadek", "--role", "perbekel", "--wilayah", "51.02.06.2001", "--opd", "DLH"}, "--role opd", ""},
		{"kata-sandi-panjang\n", []string{"user", "create", "--email", "kadek@dlh.tabanankab.go.id", "--name", "Kadek", "--role", "opd", "--wilayah", "51.02", "--opd", "DLH"}, "", "anggota Dinas Lingkungan Hidup"},
		{"", []string{"user", "grant", "--email", "kadek@dlh.tabanankab.go.id", "--role", "opd", "--wilayah", "51.02", "--opd", "Satpol PP"}, "satu OPD", ""},
		{"", []string{"user", "revoke", "--email", "kadek@dlh.tabanankab.go.id", "--role", "opd", "--wilayah", "51.02", "--opd", "DLH"}, "", "bukan lagi anggota"},
		{"", []string{"user", "grant", "--email", "kadek@dlh.tabanankab.go.id", "--role", "opd", "--wilayah", "51.02", "--opd", "SATPOLPP"}, "", "(SATPOLPP)"},
		{"", []string{"audit", "verify"}, "", "jejak audit utuh"},
		{"", []string{"migrate", "down", "--steps", "1"}, "", "dibatalkan"},
		{"", []string{"version"}, "", "ngantor dev"},
		{"", []string{"frobnicate"}, "perintah tidak dikenal", ""},
	}
	for _, s := range steps {
		err := c.run(t, s.stdin, s.args...)
		name := strings.Join(s.args, " ")
		switch {
		case s.wantErr == "" && err != nil:
			t.Errorf("%s: %v (stderr %s)", name, err, c.stderr.String())
		case s.wantErr != "" && (err == nil || !strings.Contains(err.Error(), s.wantErr)):
			t.Errorf("%s: err = %v, want one containing %q", name, err, s.wantErr)
		}
		if s.wantOut != "" && !strings.Contains(c.stdout.String(), s.wantOut) {
			t.Errorf("%s: stdout %q does not contain %q", name, c.stdout.String(), s.wantOut)
		}
	}
}

func TestEveryCommandExplainsItselfWithHelp(t *testing.T) {
	for _, cmd := range commands() {
		c := &cliRun{env: map[string]string{}}
		err := c.run(t, "", cmd.name, "--help")
		if err != nil && !strings.Contains(err.Error(), "help requested") {
			t.Errorf("%s --help: %v", cmd.name, err)
		}
		if !strings.Contains(c.stderr.String()+c.stdout.String(), cmd.summary) {
			t.Errorf("%s --help does not say what it does:\n%s", cmd.name, c.stderr.String())
		}
	}
}

func TestServerRolesNeedTheirSettings(t *testing.T) {
	for _, cmd := range []string{"serve", "worker", "scheduler"} {
		c := &cliRun{env: map[string]string{}}
		err := c.run(t, "", cmd)
		if err == nil || !strings.Contains(err.Error(), "NGANTOR_DATABASE_URL") || strings.Contains(oneLine(err), "\n") {
			t.Errorf("%s without a database: %v", cmd, err)
		}
		c.env["NGANTOR_DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "x.db")
		if err := c.run(t, "", cmd); err == nil || !strings.Contains(err.Error(), "NGANTOR_SECRET_KEY") {
			t.Errorf("%s without a secret key: %v", cmd, err)
		}
		c.env["NGANTOR_SECRET_KEY"] = testSecretKey
		if err := c.run(t, "", cmd); err == nil || !strings.Contains(err.Error(), "NGANTOR_REDIS_URL") {
			t.Errorf("%s without redis: %v", cmd, err)
		}
	}
}
