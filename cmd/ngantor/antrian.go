package main

import (
	"context"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/jobs"
)

// dossierConcurrency is how many dossiers one worker builds at once by
// default (`ngantor worker -dossier-concurrency`).
//
// A dossier gathers every module's section and renders a PDF with charts
// and an XLSX: seconds of CPU and tens of MiB each. asynq has no
// per-queue limit (queue weights only choose which queue is polled next:
// with "default" empty, all of a server's workers would take dossiers),
// and a semaphore inside the handler would park asynq workers on it, so a
// bulk run for 133 desa would still hold every slot. The worker therefore
// runs a second asynq server that serves only the dossier queue with this
// concurrency; the main server serves every other queue with its own
// slots, so reminders and the other modules' tasks keep moving during a
// bulk run. Two builds at once keep both cores of the reference machine
// busy and the worker's memory bounded.
const dossierConcurrency = 2

// mainQueues are the queues of the main server: every queue but the
// dossiers'.
var mainQueues = map[string]int{"default": 1}

// runJobServers runs the main asynq server (concurrency workers) and the
// dossier server (dossiers workers) until ctx is done.
func (a *app) runJobServers(ctx context.Context, concurrency, dossiers int, shutdown time.Duration) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return a.jobs.RunServer(gctx, jobs.ServerOptions{Concurrency: concurrency, ShutdownTimeout: shutdown, Queues: mainQueues})
	})
	g.Go(func() error {
		return a.jobs.RunServer(gctx, jobs.ServerOptions{Concurrency: max(dossiers, 1), ShutdownTimeout: shutdown,
			Queues: map[string]int{kunjungan.QueueDossier: 1}})
	})
	return g.Wait()
}
