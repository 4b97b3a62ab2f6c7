// Package jobs runs background work on asynq: enqueueing (directly, or
// through a transactional outbox that survives a Redis outage), the worker
// server, the periodic scheduler and an idempotency helper for handlers.
//
// Every task carries two headers worth of context: the W3C trace context
// (through the global OpenTelemetry propagator) and the wilayah code of the
// tenant it was enqueued for. The worker restores both before a handler runs,
// so a handler's store calls are scoped exactly as the request's were.
//
// asynq delivers at least once (a Redis restart re-runs tasks), so handlers
// must be idempotent: key their effect with Once.
package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// HeaderKode is the task header holding the tenant's wilayah code.
const HeaderKode = "ngantor-kode"

// Deps are what Jobs needs.
type Deps struct {
	DB     *db.DB
	Redis  redisconn.Conn
	Logger *slog.Logger // nil means slog.Default()

	// RelayInterval is how often RunRelay looks for new outbox rows when
	// idle, and its first backoff step while Redis is down (doubling up to
	// 30 s). 0 means one second.
	RelayInterval time.Duration
}

// Jobs enqueues tasks and runs the worker, relay and scheduler.
type Jobs struct {
	db        *db.DB
	redis     redisconn.Conn
	log       *slog.Logger
	client    *asynq.Client
	inspector *asynq.Inspector
	mux       *asynq.ServeMux
	interval  time.Duration
}

// New builds Jobs. It does not touch Redis: clients connect lazily, so the
// API can start (and write to the outbox) while Redis is still coming up.
func New(deps Deps) *Jobs {
	log := deps.Logger
	if log == nil {
		log = slog.Default()
	}
	interval := deps.RelayInterval
	if interval <= 0 {
		interval = time.Second
	}
	j := &Jobs{
		db:        deps.DB,
		redis:     deps.Redis,
		log:       log,
		client:    asynq.NewClient(deps.Redis.Asynq()),
		inspector: asynq.NewInspector(deps.Redis.Asynq()),
		mux:       asynq.NewServeMux(),
		interval:  interval,
	}
	j.mux.Use(j.restoreContext)
	return j
}

// Close releases the Redis connections of the client and the inspector.
func (j *Jobs) Close() error {
	err1 := j.client.Close()
	err2 := j.inspector.Close()
	if err1 != nil {
		return err1
	}
	return err2
}

// Inspector exposes queue state (sizes, latency, scheduler entries) for
// metrics and admin pages.
func (j *Jobs) Inspector() *asynq.Inspector { return j.inspector }

// Enqueue sends a task to Redis now. Use it where losing the task on a
// Redis outage is acceptable, or where the caller retries; for a task that
// must follow a database change, use EnqueueTx in that change's transaction.
func (j *Jobs) Enqueue(ctx context.Context, taskType string, payload any, opts ...asynq.Option) error {
	task, err := newTask(ctx, taskType, payload)
	if err != nil {
		return err
	}
	if _, err := j.client.EnqueueContext(ctx, task, opts...); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", taskType, err)
	}
	return nil
}

func newTask(ctx context.Context, taskType string, payload any) (*asynq.Task, error) {
	if strings.TrimSpace(taskType) == "" {
		return nil, fmt.Errorf("jobs: empty task type")
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("jobs: encode payload of %s: %w", taskType, err)
	}
	return asynq.NewTaskWithHeaders(taskType, body, headersFrom(ctx)), nil
}

// headersFrom captures what a handler must run under: the trace context and
// the tenant.
func headersFrom(ctx context.Context) map[string]string {
	h := map[string]string{}
	otel.GetTextMapPropagator().Inject(ctx, propagation.MapCarrier(h))
	if t, ok := tenancy.From(ctx); ok {
		h[HeaderKode] = string(t.Kode)
	}
	return h
}
