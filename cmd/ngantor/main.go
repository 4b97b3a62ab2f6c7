// Command ngantor is the one binary of ngantor: village government for a
// whole kabupaten. Its subcommands choose the role a process plays (see
// ARCHITECTURE.md); this package is the only place that wires modules and
// platform together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/ngantor/ngantor/platform/config"
)

// Stamped at build time: -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "none"
)

type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, env *environment, args []string) error
}

// environment is what a command reads from the outside world; tests swap it.
type environment struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func commands() []command {
	return []command{
		{"dev", "semua dalam satu proses: SQLite + Redis dalam proses, migrasi, data demo, API + web + worker + scheduler", "ngantor dev", runDev},
		{"serve", "server HTTP: /api/v1, halaman web, /docs, /openapi.json, /healthz, /readyz, /metrics; /debug/pprof/ hanya di NGANTOR_HEALTH_ADDR", "ngantor serve", runServe},
		{"worker", "pemroses tugas latar (asynq) dan relay outbox; /healthz, /readyz, /metrics di NGANTOR_HEALTH_ADDR", "ngantor worker", runWorker},
		{"scheduler", "penjadwal tugas berkala (asynq); jalankan tepat satu", "ngantor scheduler", runScheduler},
		{"migrate", "skema basis data: up, down [--steps N], status (jalankan sebagai pemilik skema)", "ngantor migrate up|down|status", runMigrate},
		{"seed", "muat data: wilayah --kabupaten KODE[,KODE…] | --all; referensi; demo", "ngantor seed wilayah --kabupaten 51.02 | seed demo", runSeed},
		{"user", "akun: create, grant, revoke (kata sandi dibaca dari stdin)", "ngantor user create --email E --name N --role R --wilayah KODE", runUser},
		{"audit", "jejak audit: verify [--wilayah KODE] memeriksa rantai hash", "ngantor audit verify", runAudit},
		{"version", "versi dan commit biner ini", "ngantor version", runVersion},
	}
}

func main() {
	env := &environment{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, env, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "ngantor:", oneLine(err))
		os.Exit(1)
	}
}

func run(ctx context.Context, env *environment, args []string) error {
	name := "dev"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	switch name {
	case "-h", "--help", "help":
		printUsage(env.stdout)
		return nil
	case "--version", "-v":
		return runVersion(ctx, env, nil)
	case "openapi":
		return runOpenAPI(ctx, env, args)
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, env, args)
		}
	}
	printUsage(env.stderr)
	return fmt.Errorf("perintah tidak dikenal %q", name)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "ngantor — pemerintahan desa untuk satu kabupaten.")
	fmt.Fprintln(w, "\nPemakaian: ngantor [perintah] [opsi]   (tanpa perintah = dev)")
	fmt.Fprintln(w, "\nPerintah:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n`ngantor <perintah> --help` menjelaskan opsi tiap perintah.")
	fmt.Fprintln(w, "Konfigurasi lewat lingkungan: NGANTOR_DATABASE_URL, NGANTOR_REDIS_URL, NGANTOR_HTTP_ADDR,")
	fmt.Fprintln(w, "NGANTOR_DATA_DIR, NGANTOR_BLOB_URL, NGANTOR_SECRET_KEY, NGANTOR_LOG_LEVEL, OTEL_* (lihat README.md).")
}

// flags makes a FlagSet whose --help prints the command's purpose.
func flags(env *environment, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(env.stderr, "%s — %s\n\nPemakaian: %s\n", c.name, c.summary, c.usage)
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

func loadConfig(env *environment, requireDB bool) (config.Config, error) {
	return config.Load(env.getenv, requireDB)
}

func runVersion(_ context.Context, env *environment, args []string) error {
	fs := flags(env, "version")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "ngantor %s (commit %s)\n", version, commit)
	return nil
}

func oneLine(err error) string {
	s := err.Error()
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
