package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type echo struct {
	N    int    `json:"n"`
	Note string `json:"note"`
}

// delivery is what a handler saw.
type delivery struct {
	Payload echo
	Tenant  tenancy.Tenant
	HasTen  bool
	Span    trace.SpanContext
}

func echoHandler(ch chan<- delivery) func(ctx context.Context, payload []byte) error {
	return func(ctx context.Context, payload []byte) error {
		var d delivery
		if err := json.Unmarshal(payload, &d.Payload); err != nil {
			return err
		}
		d.Tenant, d.HasTen = tenancy.From(ctx)
		d.Span = trace.SpanContextFromContext(ctx)
		ch <- d
		return nil
	}
}

func requestContext(kode tenancy.Kode) (context.Context, trace.SpanContext, func()) {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: kode})
	ctx, span := otel.Tracer("test").Start(ctx, "request")
	return ctx, span.SpanContext(), func() { span.End() }
}

func checkDelivery(t *testing.T, got delivery, want echo, kode tenancy.Kode, parent trace.SpanContext) {
	t.Helper()
	if got.Payload != want {
		t.Errorf("payload = %+v, want %+v", got.Payload, want)
	}
	if !got.HasTen || got.Tenant.Kode != kode {
		t.Errorf("tenant = %+v (present %v), want %s", got.Tenant, got.HasTen, kode)
	}
	if got.Span.TraceID() != parent.TraceID() {
		t.Errorf("trace id = %s, want the enqueuer's %s", got.Span.TraceID(), parent.TraceID())
	}
	if !got.Span.IsValid() || got.Span.SpanID() == parent.SpanID() {
		t.Errorf("handler runs in span %s, want a new child span of %s", got.Span.SpanID(), parent.SpanID())
	}
}

func TestEnqueueDeliversPayloadTenantAndTrace(t *testing.T) {
	redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
		j := newJobs(t, nil, c)
		got := make(chan delivery, 1)
		j.Handle("test:echo", echoHandler(got))
		background(t, "server", func(ctx context.Context) error {
			return j.RunServer(ctx, jobs.ServerOptions{Concurrency: 2})
		})

		ctx, parent, end := requestContext("51.02.06.2001")
		defer end()
		want := echo{N: 7, Note: "surat keluar"}
		if err := j.Enqueue(ctx, "test:echo", want); err != nil {
			t.Fatal(err)
		}
		checkDelivery(t, receive(t, got, "delivery"), want, "51.02.06.2001", parent)

		queues, err := j.Inspector().Queues()
		if err != nil || !slices.Contains(queues, "default") {
			t.Errorf("inspector queues = %v, %v; want default listed", queues, err)
		}
	})
}

func TestTaskWithoutTenantRunsWithoutTenant(t *testing.T) {
	redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
		j := newJobs(t, nil, c)
		got := make(chan delivery, 1)
		j.Handle("test:echo", echoHandler(got))
		background(t, "server", func(ctx context.Context) error {
			return j.RunServer(ctx, jobs.ServerOptions{Concurrency: 1})
		})
		if err := j.Enqueue(context.Background(), "test:echo", echo{N: 1}); err != nil {
			t.Fatal(err)
		}
		if d := receive(t, got, "delivery"); d.HasTen {
			t.Errorf("handler got tenant %s from a task enqueued without one", d.Tenant.Kode)
		}
	})
}

// enqueueOutbox writes rows in one committed transaction, as a store would.
func enqueueOutbox(t *testing.T, ctx context.Context, d *db.DB, payloads ...echo) {
	t.Helper()
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, p := range payloads {
			if err := jobs.EnqueueTx(ctx, tx, "test:echo", p, jobs.Options{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func countOutbox(t *testing.T, d *db.DB, where string) int64 {
	t.Helper()
	n, err := d.NewSelect().Table("job_outbox").Where(where).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOutboxRowsWaitOutRedisOutage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
			got := make(chan delivery, 10)
			worker := newJobs(t, nil, c)
			worker.Handle("test:echo", echoHandler(got))
			background(t, "server", func(ctx context.Context) error {
				return worker.RunServer(ctx, jobs.ServerOptions{Concurrency: 2})
			})

			// The relay reaches Redis through a proxy that goes down.
			proxy := startProxy(t, c.Addrs[0])
			viaProxy := c
			viaProxy.Addrs = []string{proxy.addr()}
			relay := newJobs(t, d, viaProxy)
			proxy.setDown(true)

			ctx, parent, end := requestContext("51.02.06.2001")
			defer end()
			want := []echo{{N: 1}, {N: 2}, {N: 3}}
			enqueueOutbox(t, ctx, d, want...)
			background(t, "relay", relay.RunRelay)

			eventually(t, "relay tried and failed while redis is down", func() bool {
				return countOutbox(t, d, "attempts > 0") > 0
			})
			if n := countOutbox(t, d, "sent_at IS NULL"); n != int64(len(want)) {
				t.Fatalf("%d of %d rows unsent during the outage; want all kept", n, len(want))
			}

			proxy.setDown(false)
			var seen []int
			for range want {
				dl := receive(t, got, "delivery after redis came back")
				checkDelivery(t, dl, dl.Payload, "51.02.06.2001", parent)
				seen = append(seen, dl.Payload.N)
			}
			slices.Sort(seen)
			if !slices.Equal(seen, []int{1, 2, 3}) {
				t.Errorf("delivered %v, want [1 2 3]", seen)
			}
			eventually(t, "all rows marked sent", func() bool {
				return countOutbox(t, d, "sent_at IS NULL") == 0
			})
		})
	})
}

func TestRolledBackOutboxRowIsNeverSent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := jobs.EnqueueTx(ctx, tx, "test:echo", echo{N: 1}, jobs.Options{}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("tx err = %v", err)
		}
		if n := countOutbox(t, d, "1 = 1"); n != 0 {
			t.Errorf("%d outbox rows after rollback, want 0", n)
		}
	})
}

func TestTwoRelaysDeliverEachRowOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
			const rows = 60
			var (
				mu    sync.Mutex
				count = map[int]int{}
			)
			sentinel := make(chan struct{}, 1)
			worker := newJobs(t, nil, c)
			worker.Handle("test:echo", func(ctx context.Context, payload []byte) error {
				var e echo
				if err := json.Unmarshal(payload, &e); err != nil {
					return err
				}
				mu.Lock()
				count[e.N]++
				mu.Unlock()
				return nil
			})
			worker.Handle("test:sentinel", func(context.Context, []byte) error {
				sentinel <- struct{}{}
				return nil
			})

			ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06.2001"})
			var payloads []echo
			for i := range rows {
				payloads = append(payloads, echo{N: i})
			}
			enqueueOutbox(t, ctx, d, payloads...)
			for i := range 2 {
				r := newJobs(t, d, c)
				background(t, fmt.Sprint("relay ", i), r.RunRelay)
			}
			eventually(t, "all rows marked sent", func() bool {
				return countOutbox(t, d, "sent_at IS NULL") == 0
			})

			// One worker, FIFO queue: once the sentinel (enqueued after every
			// row was marked sent) runs, every relayed task has run too.
			background(t, "server", func(ctx context.Context) error {
				return worker.RunServer(ctx, jobs.ServerOptions{Concurrency: 1})
			})
			if err := worker.Enqueue(ctx, "test:sentinel", nil); err != nil {
				t.Fatal(err)
			}
			receive(t, sentinel, "sentinel")
			mu.Lock()
			defer mu.Unlock()
			for i := range rows {
				if count[i] != 1 {
					t.Errorf("row %d delivered %d times, want once", i, count[i])
				}
			}
		})
	})
}

func TestOnceRunsItsEffectOnceUnderConcurrency(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06.2001"})
		const callers = 20
		var (
			calls atomic.Int32
			ran   atomic.Int32
			wg    sync.WaitGroup
			errs  = make(chan error, callers)
		)
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := jobs.Once(ctx, d, "rekap:5102062001:2026-11", func(ctx context.Context, tx bun.Tx) error {
					calls.Add(1)
					// The effect is a row committed with the key.
					_, err := tx.ExecContext(ctx, "INSERT INTO job_runs (key, done_at) VALUES (?, ?)",
						fmt.Sprint("effect:", calls.Load()), "2026-11-22 00:00:00")
					return err
				})
				if err != nil {
					errs <- err
				}
				if ok {
					ran.Add(1)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if ran.Load() != 1 || calls.Load() != 1 {
			t.Errorf("ran=true %d times, fn called %d times; want 1 and 1", ran.Load(), calls.Load())
		}
		n, err := d.NewSelect().Table("job_runs").Where("key LIKE 'effect:%'").Count(ctx)
		if err != nil || n != int64(1) {
			t.Errorf("effect rows = %d, %v; want 1", n, err)
		}
	})
}

func TestOnceRunsAgainAfterFailureAndPublishesTenant(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02.06.2001"})
		boom := errors.New("boom")
		ran, err := jobs.Once(ctx, d, "k", func(context.Context, bun.Tx) error { return boom })
		if ran || !errors.Is(err, boom) {
			t.Fatalf("failing fn: ran=%v err=%v", ran, err)
		}
		var published string
		ran, err = jobs.Once(ctx, d, "k", func(ctx context.Context, tx bun.Tx) error {
			if d.Engine != db.Postgres {
				return nil
			}
			return tx.NewRaw("SELECT current_setting('app.desa_min', true)").Scan(ctx, &published)
		})
		if !ran || err != nil {
			t.Fatalf("retry after failure: ran=%v err=%v; want it to run", ran, err)
		}
		if d.Engine == db.Postgres && published != "5102062001" {
			t.Errorf("app.desa_min in Once = %q, want the tenant's 5102062001", published)
		}
		ran, err = jobs.Once(ctx, d, "k", func(context.Context, bun.Tx) error {
			t.Error("fn ran for a key already done")
			return nil
		})
		if ran || err != nil {
			t.Errorf("third call: ran=%v err=%v; want false, nil", ran, err)
		}
	})
}

func TestSchedulerEnqueuesRegisteredEntries(t *testing.T) {
	redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
		j := newJobs(t, nil, c)
		got := make(chan echo, 10)
		j.Handle("test:tick", func(_ context.Context, payload []byte) error {
			var e echo
			if err := json.Unmarshal(payload, &e); err != nil {
				return err
			}
			select {
			case got <- e:
			default:
			}
			return nil
		})
		background(t, "server", func(ctx context.Context) error {
			return j.RunServer(ctx, jobs.ServerOptions{Concurrency: 1})
		})
		background(t, "scheduler", func(ctx context.Context) error {
			return j.RunScheduler(ctx, []jobs.Periodic{{Cronspec: "@every 1s", TaskType: "test:tick", Payload: echo{N: 42}}})
		})
		if e := receive(t, got, "periodic task"); e.N != 42 {
			t.Errorf("periodic payload = %+v, want N 42", e)
		}
	})
}

func TestSchedulerRejectsBadCronspec(t *testing.T) {
	j := newJobs(t, nil, redistest.Memory(t))
	err := j.RunScheduler(context.Background(), []jobs.Periodic{{Cronspec: "every tuesday", TaskType: "test:tick"}})
	if err == nil {
		t.Fatal("bad cronspec accepted")
	}
}

func TestOutboxKeepsTaskOptions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
			j := newJobs(t, d, c)
			ctx := context.Background()
			before := time.Now()
			err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				return jobs.EnqueueTx(ctx, tx, "test:echo", echo{N: 1}, jobs.Options{
					Queue: "laporan", TaskID: "laporan-5102062001-2026-11", MaxRetry: -1, Delay: time.Hour,
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			background(t, "relay", j.RunRelay)
			eventually(t, "row sent", func() bool { return countOutbox(t, d, "sent_at IS NULL") == 0 })

			info, err := j.Inspector().GetTaskInfo("laporan", "laporan-5102062001-2026-11")
			if err != nil {
				t.Fatal(err)
			}
			if info.State != asynq.TaskStateScheduled || info.MaxRetry != 0 {
				t.Errorf("task state %v max retry %d; want scheduled with no retry", info.State, info.MaxRetry)
			}
			if at := info.NextProcessAt; at.Before(before.Add(time.Hour-time.Second)) || at.After(time.Now().Add(time.Hour)) {
				t.Errorf("process at %v, want an hour after EnqueueTx (%v)", at, before)
			}
		})
	})
}
