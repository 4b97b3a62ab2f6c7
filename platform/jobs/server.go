package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/ngantor/ngantor/platform/tenancy"
)

const tracerName = "github.com/ngantor/ngantor/platform/jobs"

// Handle registers h for taskType. Register every handler before RunServer.
// h gets the raw JSON payload and a context carrying the tenant and trace
// of whoever enqueued the task.
func (j *Jobs) Handle(taskType string, h func(ctx context.Context, payload []byte) error) {
	j.mux.HandleFunc(taskType, func(ctx context.Context, t *asynq.Task) error {
		return h(ctx, t.Payload())
	})
}

// ServerOptions tune RunServer.
type ServerOptions struct {
	Concurrency     int           // workers; 0 means the number of CPUs
	ShutdownTimeout time.Duration // grace for running tasks at shutdown; 0 means asynq's 8 s

	// Queues maps queue names to priority; nil serves only "default".
	// Tasks enqueued with Options.Queue / asynq.Queue need their queue here.
	Queues map[string]int
}

// RunServer processes tasks until ctx is done, then shuts asynq down
// gracefully (running tasks get ShutdownTimeout to finish, unfinished ones
// go back to Redis) and returns nil. An error means the server never started.
func (j *Jobs) RunServer(ctx context.Context, opt ServerOptions) error {
	srv := asynq.NewServer(j.redis.Asynq(), asynq.Config{
		Concurrency:     opt.Concurrency,
		ShutdownTimeout: opt.ShutdownTimeout,
		Queues:          opt.Queues,
		Logger:          asynqLogger{j.log},
		LogLevel:        asynq.WarnLevel,
	})
	if err := srv.Start(j.mux); err != nil {
		return fmt.Errorf("jobs: start worker: %w", err)
	}
	<-ctx.Done()
	srv.Shutdown()
	return nil
}

// restoreContext is the worker middleware: it puts the enqueuer's tenant and
// trace context back into the handler's context, wraps the handler in a
// consumer span and logs failures (asynq itself only retries them).
func (j *Jobs) restoreContext(next asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
		h := t.Headers()
		ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.MapCarrier(h))
		taskID, _ := asynq.GetTaskID(ctx)
		attrs := []attribute.KeyValue{
			attribute.String("messaging.system", "asynq"),
			attribute.String("messaging.operation.type", "process"),
			attribute.String("messaging.message.id", taskID),
			attribute.String("ngantor.task_type", t.Type()),
		}
		log := j.log.With("task_type", t.Type(), "task_id", taskID)
		if raw := h[HeaderKode]; raw != "" {
			kode, err := tenancy.ParseKode(raw)
			if err != nil {
				// A retry cannot repair a header; archive the task at once.
				log.ErrorContext(ctx, "jobs: task has a malformed tenant header", "kode", raw)
				return fmt.Errorf("jobs: task %s: header %s %q: %w", taskID, HeaderKode, raw, asynq.SkipRetry)
			}
			ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode})
			attrs = append(attrs, attribute.String("ngantor.kode", raw))
			log = log.With("kode", raw)
		}
		ctx, span := otel.Tracer(tracerName).Start(ctx, "process "+t.Type(),
			trace.WithSpanKind(trace.SpanKindConsumer), trace.WithAttributes(attrs...))
		defer span.End()

		err := next.ProcessTask(ctx, t)
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
			retried, _ := asynq.GetRetryCount(ctx)
			maxRetry, _ := asynq.GetMaxRetry(ctx)
			log.ErrorContext(ctx, "jobs: task failed", "err", err, "retried", retried, "max_retry", maxRetry)
		}
		return err
	})
}

// asynqLogger sends asynq's own messages to slog.
type asynqLogger struct{ l *slog.Logger }

func (a asynqLogger) Debug(args ...any) { a.l.Debug("asynq: " + fmt.Sprint(args...)) }
func (a asynqLogger) Info(args ...any)  { a.l.Info("asynq: " + fmt.Sprint(args...)) }
func (a asynqLogger) Warn(args ...any)  { a.l.Warn("asynq: " + fmt.Sprint(args...)) }
func (a asynqLogger) Error(args ...any) { a.l.Error("asynq: " + fmt.Sprint(args...)) }

// Fatal exits, as asynq's Logger contract requires.
func (a asynqLogger) Fatal(args ...any) {
	a.l.Error("asynq: " + fmt.Sprint(args...))
	os.Exit(1)
}
