package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/telemetry"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// start loads config, logging and telemetry for a long-running role.
func start(ctx context.Context, env *environment, role string, requireDB bool) (config.Config, *slog.Logger, func(), error) {
	cfg, err := loadConfig(env, requireDB)
	if err != nil {
		return cfg, nil, nil, err
	}
	log := telemetry.Logger(env.stderr, cfg.LogLevel).With("role", role)
	slog.SetDefault(log)
	shutdown, err := telemetry.Setup(ctx, "ngantor-"+role, version)
	if err != nil {
		return cfg, nil, nil, fmt.Errorf("telemetry: %w", err)
	}
	return cfg, log, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = shutdown(sctx)
	}, nil
}

// production builds the app for one production role; stop undoes it all.
func production(ctx context.Context, env *environment, role string) (a *app, stop func(), err error) {
	cfg, log, stopTelemetry, err := start(ctx, env, role, true)
	if err != nil {
		return nil, nil, err
	}
	if a, err = newApp(ctx, cfg, log, appOptions{}); err != nil {
		stopTelemetry()
		return nil, nil, err
	}
	return a, func() { a.Close(); stopTelemetry() }, nil
}

func runServe(ctx context.Context, env *environment, args []string) error {
	if err := flags(env, "serve").Parse(args); err != nil {
		return err
	}
	tuneGC()
	a, stop, err := production(ctx, env, "api")
	if err != nil {
		return err
	}
	defer stop()
	a.log.Info("listening", "addr", a.cfg.HTTPAddr, "health", a.cfg.HealthAddr, "version", version)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.http.Serve(gctx, a.cfg.HTTPAddr, a.cfg.ShutdownTimeout) })
	g.Go(func() error { return a.serveHealth(gctx) })
	return g.Wait()
}

// serveGCPercent is serve's GOGC when the environment sets none. serve's
// live heap is small (≈ 20 MiB: templates, the OpenAPI schemas, pools) and
// every request allocates afresh, so at Go's default of 100 the collector
// ran several times a second under load and took a sixth of serve's CPU
// (issue 9). At 200 it runs half as often: serve's CPU per request fell by
// 10 % for a by-id read and 17 % for a list of 20 (wrk, 32 connections).
//
// The heap may then grow to three times what is live, so serve also sets
// a soft memory limit when GOMEMLIMIT is not given: under a backlog (the
// load benchmark's letters at 200/s on a slow host: hundreds of requests
// in flight) RSS reached 175 MiB without it. Near the limit the collector
// runs as often as it must; it is a target, not a cap, and a larger need
// (an export, a burst of logins) still gets its memory. The chart sets
// GOMEMLIMIT from the container's limit; GOGC and GOMEMLIMIT in the
// environment override both.
const (
	serveGCPercent   = 200
	serveMemoryLimit = 100 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}

func runWorker(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "worker")
	concurrency := fs.Int("concurrency", 10, "tugas yang dikerjakan bersamaan")
	dossiers := fs.Int("dossier-concurrency", dossierConcurrency, "dossier kunjungan yang dibuat bersamaan (antrian tersendiri)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, stop, err := production(ctx, env, "worker")
	if err != nil {
		return err
	}
	defer stop()
	telemetry.RegisterQueueMetrics(a.jobs.Inspector())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return a.runJobServers(gctx, *concurrency, *dossiers, a.cfg.ShutdownTimeout)
	})
	g.Go(func() error { return a.jobs.RunRelay(gctx) })
	g.Go(func() error { return a.serveHealth(gctx) })
	a.log.Info("worker started", "health", a.cfg.HealthAddr)
	return g.Wait()
}

func runScheduler(ctx context.Context, env *environment, args []string) error {
	if err := flags(env, "scheduler").Parse(args); err != nil {
		return err
	}
	a, stop, err := production(ctx, env, "scheduler")
	if err != nil {
		return err
	}
	defer stop()
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.jobs.RunScheduler(gctx, a.periodic()) })
	g.Go(func() error { return a.serveHealth(gctx) })
	a.log.Info("scheduler started", "entries", len(a.periodic()))
	return g.Wait()
}

// serveHealth gives serve, worker and scheduler their probe, metrics and
// profiling port (NGANTOR_HEALTH_ADDR, loopback by default). Profiles are
// served here only, never on the public port: they expose the binary's
// internals and cost CPU while they run.
func (a *app) serveHealth(ctx context.Context) error {
	srv := &http.Server{Addr: a.cfg.HealthAddr, Handler: a.healthMux(), ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return fmt.Errorf("NGANTOR_HEALTH_ADDR: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return nil
}

// healthMux is the health port's handler. The pprof handlers are registered
// on it by name, not through net/http/pprof's init on DefaultServeMux, which
// nothing in ngantor serves.
func (a *app) healthMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"status":"ok"}`)) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		rctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.db.PingContext(rctx); err != nil {
			http.Error(w, `{"status":"unavailable","check":"database"}`, http.StatusServiceUnavailable)
			return
		}
		if err := a.rdb.Ping(rctx).Err(); err != nil {
			http.Error(w, `{"status":"unavailable","check":"redis"}`, http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.Handle("GET /metrics", telemetry.MetricsHandler())
	mux.HandleFunc("GET /debug/pprof/", pprof.Index) // also serves the named profiles (heap, goroutine, allocs, …)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("POST /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	return mux
}

// runDev is the whole product in one process for a laptop: SQLite, Redis in
// process, demo kabupaten Tabanan, API + web + worker + scheduler.
func runDev(ctx context.Context, env *environment, args []string) error {
	if err := flags(env, "dev").Parse(args); err != nil {
		return err
	}
	cfg, log, stop, err := start(ctx, env, "dev", false)
	if err != nil {
		return err
	}
	defer stop()
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return fmt.Errorf("NGANTOR_DATA_DIR: %w", err)
	}
	a, err := prepareDev(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	telemetry.RegisterQueueMetrics(a.jobs.Inspector())

	g, gctx := errgroup.WithContext(ctx)
	ready := make(chan struct{})
	g.Go(func() error {
		ln, err := listen(cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("NGANTOR_HTTP_ADDR: %w", err)
		}
		close(ready)
		return a.http.ServeListener(gctx, ln, cfg.ShutdownTimeout)
	})
	g.Go(func() error {
		return a.runJobServers(gctx, 4, dossierConcurrency, cfg.ShutdownTimeout)
	})
	g.Go(func() error { return a.jobs.RunRelay(gctx) })
	g.Go(func() error { return a.jobs.RunScheduler(gctx, a.periodic()) })
	select {
	case <-ready:
		printBanner(env, cfg)
	case <-gctx.Done():
	}
	err = g.Wait()
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	fmt.Fprintln(env.stdout, "ngantor berhenti.")
	return err
}

// prepareDev migrates, seeds Tabanan and the demo data, idempotently.
func prepareDev(ctx context.Context, cfg config.Config, log *slog.Logger) (*app, error) {
	a, err := newAppMigrated(ctx, cfg, log, appOptions{memoryRedis: true})
	if err != nil {
		return nil, err
	}
	if _, err := a.wilayah.Store().Seed(ctx, []tenancy.Kode{demoKabupaten}); err != nil {
		a.Close()
		return nil, fmt.Errorf("seed wilayah: %w", err)
	}
	if err := a.seedDemo(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// newAppMigrated migrates first: the app's authz loads from tables the
// migrations create.
func newAppMigrated(ctx context.Context, cfg config.Config, log *slog.Logger, opt appOptions) (*app, error) {
	if err := migrateURL(ctx, cfg); err != nil {
		return nil, err
	}
	a, err := newApp(ctx, cfg, log, opt)
	if err != nil {
		return nil, err
	}
	if err := a.seedReference(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func printBanner(env *environment, cfg config.Config) {
	w := env.stdout
	fmt.Fprintf(w, "\nngantor %s berjalan di %s\n", version, cfg.BaseURL)
	fmt.Fprintf(w, "  API: %s/api/v1   dokumentasi: %s/docs\n", cfg.BaseURL, cfg.BaseURL)
	fmt.Fprintf(w, "  data: %s (hapus folder ini untuk mulai dari awal)\n\n", cfg.DataDir)
	fmt.Fprintf(w, "Akun demo (kata sandi %q):\n", demoPassword)
	for _, d := range demoAccounts {
		fmt.Fprintf(w, "  %-34s %-16s %s\n", d.email, d.role, d.wilayah)
	}
	fmt.Fprintln(w, "\nTekan Ctrl-C untuk berhenti.")
}
