// Command loadbench measures ngantor under load, for the targets of issue 9
// ("Speed"). It is a measuring instrument, not a test: `task bench:load`
// runs it, `go test` never does.
//
// It creates a PostgreSQL database with its own owner and runtime roles,
// migrates it and seeds Kabupaten Tabanan with the demo data plus generated
// history (-rows perangkat and -rows surat keluar over all 133 desa), then
// starts the built `ngantor serve` as the runtime role with Redis, and a
// bare net/http + pgx handler doing one primary-key SELECT on the same
// server as the reference. vegeta (as a library) drives each target at a
// fixed rate and at saturation, signed in as the demo perbekel of Bengkel.
//
// Saturation is a closed loop: -workers workers each send the next request
// as soon as the last is answered, for -duration; the rate achieved is what
// the server sustains. ngantor and the reference are measured the same way,
// one right after the other, and the ratio is taken between those two runs.
//
// At the end it prints one table and the ratios, optionally saves CPU and
// allocation profiles of serve (-profile DIR, from its health port) and
// counts PostgreSQL round trips per request (-roundtrips), then drops the
// database and roles and flushes only the Redis database it used.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type options struct {
	adminURL   string
	redisURL   string
	ngantor    string
	duration   time.Duration
	warmup     time.Duration
	workers    int
	dbConns    int
	rows       int
	targets    []string
	profileDir string
	roundtrips int
	quick      bool
	// Fixed rates of the table.
	rateByID, rateList, ratePage, rateCreate, rateSetoran, rateAntrian, ratePublik int
	rateDasbor                                                                     int
	ratePeringkat                                                                  int
	// dossier target (issue 14): visits measured one after another, and
	// the OPD each invites.
	dossierVisits, dossierOPD int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opt, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err == nil {
		err = run(ctx, opt, os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "loadbench — ngantor under load (issue 9); see README.md, \"Load benchmark\".\n\nUsage: go run ./cmd/loadbench [flags]")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.adminURL, "postgres", envOr("NGANTOR_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"admin URL of the PostgreSQL server (creates and drops a database and two roles); default $NGANTOR_TEST_POSTGRES_URL")
	fs.StringVar(&o.redisURL, "redis", envOr("NGANTOR_REDIS_URL", "redis://127.0.0.1:6379/15"),
		"Redis for serve; its database index is FLUSHED before and after (not 0); default $NGANTOR_REDIS_URL")
	fs.StringVar(&o.ngantor, "ngantor", "", "ngantor binary to run (default: go build ./cmd/ngantor into a temp dir)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "length of each timed step")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "untimed saturation before a target's first step")
	fs.IntVar(&o.workers, "workers", 32, "closed-loop workers for the saturation steps")
	fs.IntVar(&o.dbConns, "db-conns", 10, "NGANTOR_DB_MAX_CONNS for serve, and the reference's pool size")
	fs.IntVar(&o.rows, "rows", 100_000, "generated rows in each of perangkat and surat_keluar")
	targets := fs.String("targets", "byid,list,page,create", "targets to run: byid, list, page, create, setoran, antrian, publik, dasbor, peringkat, dossier (comma-separated)")
	fs.StringVar(&o.profileDir, "profile", "", "save serve's CPU and allocation profiles of the byid, list and page saturation steps here")
	fs.IntVar(&o.roundtrips, "roundtrips", 50, "count PostgreSQL round trips over this many requests per target (0: skip)")
	fs.BoolVar(&o.quick, "quick", false, "CI smoke run: 1s steps at low rates, few rows, goals not judged")
	fs.IntVar(&o.rateByID, "rate-byid", 1500, "fixed rate of the by-id step (requests/s)")
	fs.IntVar(&o.rateList, "rate-list", 500, "fixed rate of the list step")
	fs.IntVar(&o.ratePage, "rate-page", 500, "fixed rate of the page step")
	fs.IntVar(&o.rateCreate, "rate-create", 200, "fixed rate of the create step")
	fs.IntVar(&o.rateSetoran, "rate-setoran", 100, "fixed rate of the setoran step (issue 11)")
	fs.IntVar(&o.rateAntrian, "rate-antrian", 100, "fixed rate of the OPD queue step (issue 13)")
	fs.IntVar(&o.ratePublik, "rate-publik", 50, "fixed rate of the public audiensi form step (issue 13)")
	fs.IntVar(&o.rateDasbor, "rate-dasbor", 20, "fixed rate of the kabupaten visit dashboard step (issue 14)")
	fs.IntVar(&o.ratePeringkat, "rate-peringkat", 50, "fixed rate of the forum ranking step (issue 15)")
	fs.IntVar(&o.dossierVisits, "dossier-visits", 20, "dossier: visits scheduled one after another, each timed until all its dossiers are siap")
	fs.IntVar(&o.dossierOPD, "dossier-opd", 3, "dossier: OPD invited to each visit (one dossier each, plus the bupati's)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.quick {
		// Only what the user did not set.
		quick := map[string]func(){
			"duration": func() { o.duration = time.Second }, "warmup": func() { o.warmup = 0 },
			"workers": func() { o.workers = 2 }, "rows": func() { o.rows = 2_000 }, "roundtrips": func() { o.roundtrips = 3 },
			"rate-byid": func() { o.rateByID = 20 }, "rate-list": func() { o.rateList = 10 },
			"rate-page": func() { o.ratePage = 10 }, "rate-create": func() { o.rateCreate = 10 },
			"rate-setoran": func() { o.rateSetoran = 10 }, "rate-antrian": func() { o.rateAntrian = 10 },
			"rate-publik": func() { o.ratePublik = 5 }, "rate-dasbor": func() { o.rateDasbor = 5 },
			"rate-peringkat": func() { o.ratePeringkat = 5 },
			"dossier-visits": func() { o.dossierVisits = 3 },
		}
		for name, apply := range quick {
			if !set[name] {
				apply()
			}
		}
	}
	for _, t := range strings.Split(*targets, ",") {
		switch t = strings.TrimSpace(t); t {
		case "byid", "list", "page", "create", "setoran", "antrian", "publik", "dasbor", "peringkat", "dossier":
			o.targets = append(o.targets, t)
		case "":
		default:
			return o, fmt.Errorf("-targets: unknown target %q (byid, list, page, create, setoran, antrian, publik, dasbor, peringkat, dossier)", t)
		}
	}
	switch {
	case len(o.targets) == 0:
		return o, errors.New("-targets: nothing to run")
	case o.duration < time.Second:
		return o, errors.New("-duration: at least 1s")
	case o.workers < 1 || o.dbConns < 1 || o.rows < 0:
		return o, errors.New("-workers and -db-conns must be ≥ 1, -rows ≥ 0")
	case o.dossierVisits < 1 || o.dossierOPD < 0 || o.dossierOPD > len(dossierOPD):
		return o, fmt.Errorf("-dossier-visits must be ≥ 1, -dossier-opd 0 to %d", len(dossierOPD))
	}
	return o, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
