package telemetry

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/extra/bunotel"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// probePaths are polled every few seconds by kubelet and Prometheus; a span
// and a histogram sample for each would drown the real traffic.
var probePaths = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// HTTPMiddleware traces each request (continuing a caller's trace from the
// traceparent header) and records the OTel HTTP server metrics. Spans are
// named "METHOD pattern" from the http.ServeMux route, never from the raw
// path, so desa codes and ids stay out of span names. Probes and /metrics
// are not recorded.
func HTTPMiddleware(h http.Handler) http.Handler {
	return otelhttp.NewHandler(h, "http.server",
		otelhttp.WithFilter(func(r *http.Request) bool { return !probePaths[r.URL.Path] }),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
			// otelhttp calls this again after the mux has set r.Pattern.
			switch {
			case r.Pattern == "":
				return r.Method
			case strings.Contains(r.Pattern, " "): // "GET /api/v1/…"
				return r.Pattern
			default:
				return r.Method + " " + r.Pattern
			}
		}),
	)
}

// InstrumentDB traces bun queries and records their timing, and reports the
// connection pool (sql.DBStats) as observable gauges: go.sql.connections_open,
// _in_use, _idle, _max_open, and the counters _wait_count, _wait_duration and
// _closed_*. bunotel registers the pool gauges itself when the hook is added
// (its Init), so this package does not register a second set.
//
// Queries go into spans unformatted — the statement with its ? placeholders,
// never the arguments — because arguments carry personal data (NIK, names,
// phone numbers).
func InstrumentDB(d *bun.DB) {
	d.AddQueryHook(bunotel.NewQueryHook(bunotel.WithFormattedQueries(false)))
}

// RegisterQueueMetrics reports each asynq queue's figures on every
// collection (a Prometheus scrape or an OTLP export), read from Redis
// through inspector:
//
//	asynq.queue.size{queue}                       all tasks in the queue
//	asynq.queue.tasks{queue,state}                state: pending, active, scheduled, retry, archived, completed
//	asynq.queue.latency{queue} (seconds)          age of the oldest pending task
//	asynq.queue.paused{queue}                     1 when paused
//
// Register it in one kind of process (the worker): every replica reports
// the same shared figures, so dashboards take max by (queue).
func RegisterQueueMetrics(inspector *asynq.Inspector) {
	if err := registerQueueMetrics(otel.GetMeterProvider().Meter(instrumentation), inspector); err != nil {
		otel.Handle(err)
	}
}

func registerQueueMetrics(m metric.Meter, inspector *asynq.Inspector) error {
	size, err := m.Int64ObservableGauge("asynq.queue.size",
		metric.WithDescription("Tasks in the queue, all states together"), metric.WithUnit("{task}"))
	if err != nil {
		return fmt.Errorf("telemetry: queue metrics: %w", err)
	}
	tasks, err := m.Int64ObservableGauge("asynq.queue.tasks",
		metric.WithDescription("Tasks in the queue by state"), metric.WithUnit("{task}"))
	if err != nil {
		return fmt.Errorf("telemetry: queue metrics: %w", err)
	}
	latency, err := m.Float64ObservableGauge("asynq.queue.latency",
		metric.WithDescription("Age of the oldest pending task"), metric.WithUnit("s"))
	if err != nil {
		return fmt.Errorf("telemetry: queue metrics: %w", err)
	}
	paused, err := m.Int64ObservableGauge("asynq.queue.paused",
		metric.WithDescription("1 when the queue is paused"))
	if err != nil {
		return fmt.Errorf("telemetry: queue metrics: %w", err)
	}
	_, err = m.RegisterCallback(func(_ context.Context, o metric.Observer) error {
		queues, err := inspector.Queues()
		if err != nil {
			return fmt.Errorf("asynq queues: %w", err)
		}
		for _, q := range queues {
			info, err := inspector.GetQueueInfo(q)
			if err != nil {
				return fmt.Errorf("asynq queue %s: %w", q, err)
			}
			qa := attribute.String("queue", q)
			o.ObserveInt64(size, int64(info.Size), metric.WithAttributes(qa))
			for _, s := range []struct {
				state string
				n     int
			}{
				{"pending", info.Pending}, {"active", info.Active}, {"scheduled", info.Scheduled},
				{"retry", info.Retry}, {"archived", info.Archived}, {"completed", info.Completed},
			} {
				o.ObserveInt64(tasks, int64(s.n), metric.WithAttributes(qa, attribute.String("state", s.state)))
			}
			o.ObserveFloat64(latency, info.Latency.Seconds(), metric.WithAttributes(qa))
			var p int64
			if info.Paused {
				p = 1
			}
			o.ObserveInt64(paused, p, metric.WithAttributes(qa))
		}
		return nil
	}, size, tasks, latency, paused)
	if err != nil {
		return fmt.Errorf("telemetry: queue metrics: %w", err)
	}
	return nil
}
