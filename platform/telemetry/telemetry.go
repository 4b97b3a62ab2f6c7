// Package telemetry sets up what an operator sees of a running ngantor:
// OpenTelemetry traces and metrics (exported over OTLP/HTTP only when an
// OTEL_EXPORTER_OTLP_*ENDPOINT variable is set), a Prometheus /metrics page
// that always works, and JSON logs that carry the trace id.
//
// OpenTelemetry's providers and propagators are process-wide by design
// (otel.SetTracerProvider), and instrumentation libraries (otelhttp, bunotel)
// read them from there. This package follows that: Setup installs the
// providers globally and MetricsHandler serves the registry Setup made. It is
// the one place in ngantor with process-wide state, and it holds nothing but
// telemetry.
package telemetry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
)

// instrumentation names this package's own meter (queue figures).
const instrumentation = "github.com/ngantor/ngantor/platform/telemetry"

// metricsHandler is what MetricsHandler serves; Setup replaces it.
var metricsHandler atomic.Pointer[http.Handler]

// Setup installs the global tracer and meter providers and the
// TraceContext+Baggage propagators, and prepares the registry that
// MetricsHandler serves (OTel metrics plus Go runtime and process
// collectors).
//
// Traces go to OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; otherwise the tracer provider
// stays a no-op and spans cost nothing. Metrics always reach /metrics, and
// also OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is set. The other OTEL_* variables
// (headers, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER)
// are read by the SDK as usual; OTEL_SDK_DISABLED=true turns the exporters
// off. Only the HTTP protocol is built in (port 4318 on a collector).
//
// shutdown flushes and stops the exporters; call it once, with a deadline,
// after the server has drained.
func Setup(ctx context.Context, service, version string) (shutdown func(context.Context) error, err error) {
	return setup(ctx, service, version, os.Getenv)
}

func setup(ctx context.Context, service, version string, getenv func(string) string) (func(context.Context) error, error) {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{}))

	// Later options win: the environment may rename the service.
	res, err := resource.New(ctx,
		resource.WithSchemaURL(semconv.SchemaURL),
		resource.WithAttributes(semconv.ServiceName(service), semconv.ServiceVersion(version)),
		resource.WithTelemetrySDK(),
		resource.WithFromEnv(),
	)
	if err != nil {
		return nil, fmt.Errorf("telemetry: resource: %w", err)
	}

	var shutdowns []func(context.Context) error
	shutdown := func(ctx context.Context) error {
		var errs []error
		for i := len(shutdowns) - 1; i >= 0; i-- {
			errs = append(errs, shutdowns[i](ctx))
		}
		return errors.Join(errs...)
	}
	fail := func(err error) (func(context.Context) error, error) {
		_ = shutdown(ctx)
		return nil, err
	}

	disabled := strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true")
	anySet := func(names ...string) bool {
		for _, n := range names {
			if strings.TrimSpace(getenv(n)) != "" {
				return !disabled
			}
		}
		return false
	}

	if anySet("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
		exp, err := otlptracehttp.New(ctx)
		if err != nil {
			return fail(fmt.Errorf("telemetry: otlp trace exporter: %w", err))
		}
		tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
		otel.SetTracerProvider(tp)
		shutdowns = append(shutdowns, tp.Shutdown)
	} else {
		// No exporter: the no-op provider, whose spans cost nothing. The
		// global default delegates, allocating a span per request and per
		// query for a provider that may never come.
		otel.SetTracerProvider(tracenoop.NewTracerProvider())
	}

	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return fail(fmt.Errorf("telemetry: go collector: %w", err))
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return fail(fmt.Errorf("telemetry: process collector: %w", err))
	}
	promReader, err := otelprom.New(otelprom.WithRegisterer(reg))
	if err != nil {
		return fail(fmt.Errorf("telemetry: prometheus exporter: %w", err))
	}
	mopts := []sdkmetric.Option{sdkmetric.WithResource(res), sdkmetric.WithReader(promReader)}
	if anySet("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT") {
		exp, err := otlpmetrichttp.New(ctx)
		if err != nil {
			return fail(fmt.Errorf("telemetry: otlp metric exporter: %w", err))
		}
		mopts = append(mopts, sdkmetric.WithReader(sdkmetric.NewPeriodicReader(exp)))
	}
	mp := sdkmetric.NewMeterProvider(mopts...)
	otel.SetMeterProvider(mp)
	shutdowns = append(shutdowns, mp.Shutdown)

	var h http.Handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	metricsHandler.Store(&h)
	return shutdown, nil
}

// MetricsHandler serves the Prometheus text format for /metrics: every OTel
// metric (HTTP server, database pool and queries, asynq queues) plus Go
// runtime and process figures. Before Setup it answers 503.
func MetricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := metricsHandler.Load()
		if h == nil {
			http.Error(w, "telemetry not set up", http.StatusServiceUnavailable)
			return
		}
		(*h).ServeHTTP(w, r)
	})
}
