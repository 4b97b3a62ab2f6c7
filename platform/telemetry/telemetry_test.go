package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
)

// setupForTest runs setup with env and puts the globals back afterwards, so
// tests do not leak providers into one another.
func setupForTest(t *testing.T, env map[string]string) {
	t.Helper()
	prevTP, prevMP, prevProp := otel.GetTracerProvider(), otel.GetMeterProvider(), otel.GetTextMapPropagator()
	shutdown, err := setup(t.Context(), "ngantor-test", "v0.0.0-test", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := shutdown(context.Background()); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		otel.SetTracerProvider(prevTP)
		otel.SetMeterProvider(prevMP)
		otel.SetTextMapPropagator(prevProp)
		metricsHandler.Store(nil)
	})
}

func scrape(t *testing.T) string {
	t.Helper()
	rec := httptest.NewRecorder()
	MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics status %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

func TestLoggerAddsTraceIDWhenSpanActive(t *testing.T) {
	tp := sdktrace.NewTracerProvider()
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	ctx, span := tp.Tracer("test").Start(t.Context(), "op")
	defer span.End()

	var buf bytes.Buffer
	log := Logger(&buf, slog.LevelInfo).With("desa", "51.02.06.2001")
	log.InfoContext(ctx, "surat dibuat")
	log.InfoContext(t.Context(), "tanpa span")
	log.DebugContext(ctx, "di bawah level")

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2 (debug filtered):\n%s", len(lines), buf.String())
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	sc := span.SpanContext()
	if first["trace_id"] != sc.TraceID().String() || first["span_id"] != sc.SpanID().String() {
		t.Errorf("line with span: trace_id=%v span_id=%v, want %s %s", first["trace_id"], first["span_id"], sc.TraceID(), sc.SpanID())
	}
	if first["desa"] != "51.02.06.2001" || first["msg"] != "surat dibuat" {
		t.Errorf("line lost its own attributes: %v", first)
	}
	if _, ok := second["trace_id"]; ok {
		t.Errorf("line without span has trace_id: %v", second)
	}
}

func TestNoExporterWhenEnvUnset(t *testing.T) {
	otel.SetTracerProvider(noop.NewTracerProvider())
	setupForTest(t, map[string]string{})

	if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); ok {
		t.Fatal("an SDK tracer provider was installed with no OTLP endpoint set")
	}
	_, span := otel.Tracer("test").Start(t.Context(), "op")
	if span.SpanContext().IsValid() || span.IsRecording() {
		t.Fatal("spans are recorded with no OTLP endpoint set")
	}
	span.End()
	assertPropagators(t)
	if !strings.Contains(scrape(t), "go_goroutines") {
		t.Fatal("/metrics lacks Go runtime metrics without an OTLP endpoint")
	}
}

func TestExportsOverOTLPWhenEndpointSet(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-protobuf")
	}))
	t.Cleanup(collector.Close)
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.URL)

	prevTP, prevMP := otel.GetTracerProvider(), otel.GetMeterProvider()
	t.Cleanup(func() { otel.SetTracerProvider(prevTP); otel.SetMeterProvider(prevMP); metricsHandler.Store(nil) })
	shutdown, err := Setup(t.Context(), "ngantor-test", "v0.0.0-test")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); !ok {
		t.Fatalf("endpoint set but tracer provider is %T", otel.GetTracerProvider())
	}
	_, span := otel.Tracer("test").Start(t.Context(), "op")
	span.End()
	if err := shutdown(t.Context()); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got["/v1/traces"] == 0 || got["/v1/metrics"] == 0 {
		t.Fatalf("collector received %v, want /v1/traces and /v1/metrics on shutdown", got)
	}
}

func TestOTELSDKDisabledKeepsExportersOff(t *testing.T) {
	otel.SetTracerProvider(noop.NewTracerProvider())
	setupForTest(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1", "OTEL_SDK_DISABLED": "true"})
	if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); ok {
		t.Fatal("OTEL_SDK_DISABLED=true still installed an exporter")
	}
}

func assertPropagators(t *testing.T) {
	t.Helper()
	fields := strings.Join(otel.GetTextMapPropagator().Fields(), ",")
	for _, f := range []string{"traceparent", "baggage"} {
		if !strings.Contains(fields, f) {
			t.Errorf("propagator fields %q lack %s", fields, f)
		}
	}
}

func TestMetricsHandlerServesRegisteredMetric(t *testing.T) {
	setupForTest(t, nil)
	c, err := otel.Meter("test").Int64Counter("ngantor.test.surat_dibuat")
	if err != nil {
		t.Fatal(err)
	}
	c.Add(t.Context(), 3, metric.WithAttributes(attribute.String("modul", "administrasi")))
	body := scrape(t)
	if !hasSample(body, "ngantor_test_surat_dibuat_total", `modul="administrasi"`, "3") {
		t.Fatalf("/metrics lacks the counter with value 3:\n%s", grep(body, "surat"))
	}
	if !strings.Contains(body, `service_name="ngantor-test"`) {
		t.Errorf("/metrics lacks the service name in target_info:\n%s", grep(body, "target_info"))
	}
}

func TestMetricsHandlerBeforeSetupIs503(t *testing.T) {
	metricsHandler.Store(nil)
	rec := httptest.NewRecorder()
	MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", rec.Code)
	}
}

func TestHTTPMiddlewareRecordsRoutesNotProbes(t *testing.T) {
	setupForTest(t, nil)
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	otel.SetTracerProvider(tp)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/desa/{kode}/surat", func(w http.ResponseWriter, r *http.Request) {
		if !trace.SpanContextFromContext(r.Context()).IsValid() {
			t.Error("handler context has no span")
		}
	})
	mux.HandleFunc("GET /healthz", func(http.ResponseWriter, *http.Request) {})
	srv := HTTPMiddleware(mux)
	for _, p := range []string{"/api/v1/desa/51.02.06.2001/surat", "/healthz"} {
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, p, nil))
	}

	spans := rec.Ended()
	if len(spans) != 1 {
		t.Fatalf("got %d spans, want 1 (probe not traced)", len(spans))
	}
	if got := spans[0].Name(); got != "GET /api/v1/desa/{kode}/surat" {
		t.Errorf("span name %q carries the raw path or no route", got)
	}
	body := scrape(t)
	if !strings.Contains(body, "http_server_request_duration_seconds") {
		t.Errorf("/metrics lacks the HTTP server histogram:\n%s", grep(body, "http_"))
	}
	if strings.Contains(body, "/healthz") {
		t.Errorf("probe recorded in metrics:\n%s", grep(body, "healthz"))
	}
}

func TestInstrumentDBKeepsArgumentsOutOfSpansAndReportsPool(t *testing.T) {
	setupForTest(t, nil)
	rec := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec)))

	d, err := db.Open(t.Context(), "sqlite://"+filepath.Join(t.TempDir(), "t.db"), db.Options{MaxConns: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	InstrumentDB(d.DB)

	const nik = "5102061234567890"
	var got string
	if err := d.NewRaw("SELECT ?", nik).Scan(t.Context(), &got); err != nil {
		t.Fatal(err)
	}
	if got != nik {
		t.Fatalf("query returned %q", got)
	}
	spans := rec.Ended()
	if len(spans) == 0 {
		t.Fatal("no span for the query")
	}
	for _, s := range spans {
		for _, a := range s.Attributes() {
			if strings.Contains(a.Value.Emit(), nik) {
				t.Fatalf("span %q attribute %s carries the query argument: %s", s.Name(), a.Key, a.Value.Emit())
			}
		}
	}

	body := scrape(t)
	for _, m := range []string{"go_sql_connections_open", "go_sql_connections_in_use", "go_sql_connections_idle", "go_sql_connections_max_open", "go_sql_connections_wait_count"} {
		if !strings.Contains(body, m) {
			t.Errorf("/metrics lacks %s:\n%s", m, grep(body, "go_sql"))
		}
	}
	if !strings.Contains(body, `go_sql_connections_max_open{`) || !strings.Contains(grep(body, "go_sql_connections_max_open{"), "} 3") {
		t.Errorf("pool size not reported as 3:\n%s", grep(body, "go_sql_connections_max_open"))
	}
}

func TestQueueMetricsReportEachQueue(t *testing.T) {
	setupForTest(t, nil)
	conn := redistest.Memory(t)
	client := asynq.NewClient(conn.Asynq())
	t.Cleanup(func() { client.Close() })
	for range 2 {
		if _, err := client.Enqueue(asynq.NewTask("laporan:buat", nil), asynq.Queue("laporan")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.Enqueue(asynq.NewTask("surel:kirim", nil), asynq.Queue("default")); err != nil {
		t.Fatal(err)
	}
	inspector := asynq.NewInspector(conn.Asynq())
	t.Cleanup(func() { inspector.Close() })
	RegisterQueueMetrics(inspector)

	body := scrape(t)
	for _, want := range []string{
		`asynq_queue_size{`, `queue="laporan"`,
		`asynq_queue_tasks{`, `state="pending"`,
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("/metrics lacks %s:\n%s", want, grep(body, "asynq"))
		}
	}
	if !hasSample(body, "asynq_queue_size", `queue="laporan"`, "2") || !hasSample(body, "asynq_queue_tasks", `queue="default"`, "1", `state="pending"`) {
		t.Fatalf("queue figures wrong:\n%s", grep(body, "asynq"))
	}
}

// hasSample finds a line of metric name with all the labels and the value.
func hasSample(body, name, label, value string, more ...string) bool {
	for line := range strings.SplitSeq(body, "\n") {
		if !strings.HasPrefix(line, name+"{") || !strings.Contains(line, label) || !strings.HasSuffix(line, "} "+value) {
			continue
		}
		ok := true
		for _, m := range more {
			ok = ok && strings.Contains(line, m)
		}
		if ok {
			return true
		}
	}
	return false
}

func grep(body, s string) string {
	var out []string
	for line := range strings.SplitSeq(body, "\n") {
		if strings.Contains(line, s) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// Without a trace exporter (Setup's no-op provider) the middleware records
// the HTTP metrics itself, per method and status, and starts no span.
func TestHTTPMiddlewareRecordsMetricsWithTracingOff(t *testing.T) {
	setupForTest(t, nil)
	otel.SetTracerProvider(noop.NewTracerProvider())
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/desa/{kode}/surat", func(w http.ResponseWriter, r *http.Request) {
		if trace.SpanContextFromContext(r.Context()).IsValid() {
			t.Error("a span was started with tracing off")
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, "0123456789")
	})
	srv := HTTPMiddleware(mux)
	for range 3 {
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/api/v1/desa/51.02.06.2001/surat", strings.NewReader("{}")))
	}
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/", nil))
	body := scrape(t)
	if !hasSample(body, "http_server_request_duration_seconds_count", `http_response_status_code="201"`, "3") {
		t.Errorf("/metrics lacks 3 requests answered 201:\n%s", grep(body, "duration_seconds_count"))
	}
	if !hasSample(body, "http_server_response_body_size_bytes_sum", `http_request_method="POST"`, "30") {
		t.Errorf("/metrics lacks the 30 response bytes:\n%s", grep(body, "response_body_size_bytes_sum"))
	}
	if !strings.Contains(body, `http_request_method="_OTHER"`) || strings.Contains(body, "BREW") {
		t.Errorf("an unknown method is not recorded as _OTHER:\n%s", grep(body, "_count"))
	}
}

func TestInstrumentDBRecordsTimingWithTracingOff(t *testing.T) {
	setupForTest(t, nil)
	otel.SetTracerProvider(noop.NewTracerProvider())
	d, err := db.Open(t.Context(), "sqlite://"+filepath.Join(t.TempDir(), "t.db"), db.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	InstrumentDB(d.DB)
	if _, err := d.NewRaw("CREATE TABLE kas (id INTEGER PRIMARY KEY, nama TEXT)").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	type kas struct {
		bun.BaseModel `bun:"table:kas"`
		ID            int64  `bun:"id,pk"`
		Nama          string `bun:"nama"`
	}
	for i := range 3 {
		if _, err := d.NewInsert().Model(&kas{ID: int64(i + 1), Nama: "x"}).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	body := scrape(t)
	if !hasSample(body, "go_sql_query_timing_milliseconds_count", `db_operation="INSERT"`, "3", `db_sql_table="kas"`) {
		t.Errorf("/metrics lacks the 3 inserts into kas:\n%s", grep(body, "go_sql_query_timing"))
	}
}
