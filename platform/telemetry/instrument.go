package telemetry

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/extra/bunotel"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	semconv "go.opentelemetry.io/otel/semconv/v1.20.0"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
)

// probePaths are polled every few seconds by kubelet and Prometheus; a span
// and a histogram sample for each would drown the real traffic.
var probePaths = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// HTTPMiddleware records the OTel HTTP server metrics of each request and,
// when a tracer provider is configured, traces it (continuing a caller's
// trace from the traceparent header) through otelhttp. Spans are named
// "METHOD pattern" from the http.ServeMux route, never from the raw path,
// so desa codes and ids stay out of span names. Probes and /metrics are
// not recorded.
//
// The metrics are this package's own (httpMetrics): otelhttp computed a
// dozen span attributes and three attribute sets per request even with
// tracing off, a fifth of what a by-id read allocated (issue 9). Here the
// attribute sets are made once per method, status and protocol and reused.
func HTTPMiddleware(h http.Handler) http.Handler {
	traced := otelhttp.NewHandler(h, "http.server",
		otelhttp.WithMeterProvider(metricnoop.NewMeterProvider()), // httpMetrics records them
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
	m := newHTTPMetrics(otel.GetMeterProvider().Meter(instrumentation))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if probePaths[r.URL.Path] {
			h.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{w: w}
		if _, off := otel.GetTracerProvider().(tracenoop.TracerProvider); off {
			h.ServeHTTP(sw, r)
		} else {
			traced.ServeHTTP(sw, r)
		}
		m.record(r, sw, time.Since(start))
	})
}

// httpMetrics are the OTel semantic-convention HTTP server histograms.
type httpMetrics struct {
	duration          metric.Float64Histogram
	reqSize, respSize metric.Int64Histogram
	sets              sync.Map // attrKey → metric.MeasurementOption
}

type attrKey struct {
	method       string
	status       int
	major, minor int
	tls          bool
}

func newHTTPMetrics(m metric.Meter) *httpMetrics {
	hm := &httpMetrics{}
	var err error
	if hm.duration, err = m.Float64Histogram("http.server.request.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of HTTP server requests."),
		metric.WithExplicitBucketBoundaries(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)); err != nil {
		otel.Handle(err)
	}
	if hm.reqSize, err = m.Int64Histogram("http.server.request.body.size", metric.WithUnit("By"),
		metric.WithDescription("Size of HTTP server request bodies.")); err != nil {
		otel.Handle(err)
	}
	if hm.respSize, err = m.Int64Histogram("http.server.response.body.size", metric.WithUnit("By"),
		metric.WithDescription("Size of HTTP server response bodies.")); err != nil {
		otel.Handle(err)
	}
	return hm
}

// knownMethods bounds the method attribute; anything else is "_OTHER", as
// the semantic conventions ask.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true,
	http.MethodDelete: true, http.MethodOptions: true, http.MethodConnect: true, http.MethodTrace: true,
}

func (m *httpMetrics) record(r *http.Request, sw *statusWriter, d time.Duration) {
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	k := attrKey{method: r.Method, status: status, major: r.ProtoMajor, minor: r.ProtoMinor, tls: r.TLS != nil}
	if !knownMethods[k.method] {
		k.method = "_OTHER"
	}
	opt, ok := m.sets.Load(k)
	if !ok {
		scheme := "http"
		if k.tls {
			scheme = "https"
		}
		version := strconv.Itoa(k.major)
		if k.major < 2 {
			version += "." + strconv.Itoa(k.minor)
		}
		opt, _ = m.sets.LoadOrStore(k, metric.WithAttributeSet(attribute.NewSet(
			attribute.String("http.request.method", k.method),
			attribute.Int("http.response.status_code", k.status),
			attribute.String("network.protocol.name", "http"),
			attribute.String("network.protocol.version", version),
			attribute.String("url.scheme", scheme),
		)))
	}
	o := opt.(metric.MeasurementOption)
	ctx := r.Context()
	if m.duration != nil {
		m.duration.Record(ctx, d.Seconds(), o)
	}
	if m.reqSize != nil {
		m.reqSize.Record(ctx, max(r.ContentLength, 0), o)
	}
	if m.respSize != nil {
		m.respSize.Record(ctx, sw.written, o)
	}
}

// statusWriter notes the status and the body bytes written.
type statusWriter struct {
	w       http.ResponseWriter
	status  int
	written int64
}

func (s *statusWriter) Header() http.Header { return s.w.Header() }

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 && code >= 200 {
		s.status = code
	}
	s.w.WriteHeader(code)
}

func (s *statusWriter) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.w.Write(p)
	s.written += int64(n)
	return n, err
}

func (s *statusWriter) Flush() { _ = http.NewResponseController(s.w).Flush() }

// Unwrap lets http.ResponseController reach the connection's writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.w }

// InstrumentDB traces bun queries and records their timing, and reports the
// connection pool (sql.DBStats) as observable gauges: go.sql.connections_open,
// _in_use, _idle, _max_open, and the counters _wait_count, _wait_duration and
// _closed_*. bunotel registers the pool gauges itself when the hook is added
// (its Init), so this package does not register a second set.
//
// Queries go into spans unformatted — the statement with its ? placeholders,
// never the arguments — because arguments carry personal data (NIK, names,
// phone numbers).
//
// With tracing off, bunotel still started a no-op span per query and built
// the histogram's attribute set from scratch (a twentieth of what a list
// read allocated): the queries' timing is then recorded here, with the same
// instrument and attributes (db.operation, db.sql.table) and each attribute
// set made once.
func InstrumentDB(d *bun.DB) {
	d.AddQueryHook(newDBHook(otel.GetMeterProvider().Meter(bunMeter)))
}

// bunMeter is the meter bunotel records go.sql.query_timing on.
const bunMeter = "github.com/uptrace/bun"

type dbHook struct {
	traced *bunotel.QueryHook
	timing metric.Int64Histogram
	sets   sync.Map // dbKey → metric.MeasurementOption
}

type dbKey struct{ operation, table string }

func newDBHook(m metric.Meter) *dbHook {
	h := &dbHook{traced: bunotel.NewQueryHook(bunotel.WithFormattedQueries(false))}
	var err error
	// The instrument bunotel made (the same name, unit and description
	// give the same one).
	if h.timing, err = m.Int64Histogram("go.sql.query_timing",
		metric.WithDescription("Timing of processed queries"), metric.WithUnit("milliseconds")); err != nil {
		otel.Handle(err)
	}
	return h
}

// Init reports the pool's gauges (bunotel's).
func (h *dbHook) Init(d *bun.DB) { h.traced.Init(d) }

func tracing() bool {
	_, off := otel.GetTracerProvider().(tracenoop.TracerProvider)
	return !off
}

func (h *dbHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if tracing() {
		return h.traced.BeforeQuery(ctx, e)
	}
	return ctx
}

func (h *dbHook) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	if trace.SpanFromContext(ctx).IsRecording() || tracing() {
		h.traced.AfterQuery(ctx, e)
		return
	}
	if h.timing == nil {
		return
	}
	k := dbKey{operation: e.Operation()}
	if e.IQuery != nil {
		k.table = e.IQuery.GetTableName()
	}
	opt, ok := h.sets.Load(k)
	if !ok {
		attrs := []attribute.KeyValue{semconv.DBOperationKey.String(k.operation)}
		if k.table != "" {
			attrs = append(attrs, semconv.DBSQLTableKey.String(k.table))
		}
		opt, _ = h.sets.LoadOrStore(k, metric.WithAttributeSet(attribute.NewSet(attrs...)))
	}
	h.timing.Record(ctx, time.Since(e.StartTime).Milliseconds(), opt.(metric.MeasurementOption))
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
