package indicator_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type countingProvider struct {
	calls atomic.Int64
	fail  atomic.Bool
	gate  chan struct{} // when set, Indicators waits for it
}

func (p *countingProvider) Definitions() []indicator.Definition {
	return []indicator.Definition{{Source: "uji", Code: "a", Kind: indicator.Count}}
}

func (p *countingProvider) Indicators(_ context.Context, w tenancy.Kode, _ indicator.Period, _ []string) ([]indicator.Value, error) {
	if p.gate != nil {
		<-p.gate
	}
	n := p.calls.Add(1)
	if p.fail.Load() {
		return nil, errors.New("gagal")
	}
	return []indicator.Value{{Source: "uji", Code: "a", Desa: w, Number: n}}, nil
}

func TestCacheReusesAnAnswerForAMinute(t *testing.T) {
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	c := &indicator.Cache{Now: func() time.Time { return now }}
	p := &countingProvider{}
	cp := indicator.Cached(c, []indicator.Provider{p})[0]
	ctx := context.Background()
	ask := func(w tenancy.Kode, codes []string) int64 {
		t.Helper()
		v, err := cp.Indicators(ctx, w, indicator.Period{}, codes)
		if err != nil || len(v) != 1 {
			t.Fatalf("Indicators: %v %v", v, err)
		}
		return v[0].Number
	}
	if got := ask("51.02", []string{"a"}); got != 1 {
		t.Fatalf("first answer %v", got)
	}
	now = now.Add(59 * time.Second)
	if got := ask("51.02", []string{"a"}); got != 1 || p.calls.Load() != 1 {
		t.Fatalf("within the minute: answer %v after %d calls, want the first one reused", got, p.calls.Load())
	}
	// Another wilayah, other codes and "every code" are other questions.
	ask("51.02.06", []string{"a"})
	ask("51.02", []string{"a", "b"})
	ask("51.02", nil)
	if p.calls.Load() != 4 {
		t.Fatalf("%d calls, want 4: each question once", p.calls.Load())
	}
	now = now.Add(time.Second)
	if got := ask("51.02", []string{"a"}); got != 5 {
		t.Fatalf("after a minute: answer %v, want a new one", got)
	}
	// A clock that went back does not serve an answer from the future.
	now = now.Add(-time.Hour)
	if got := ask("51.02", []string{"a"}); got != 6 {
		t.Fatalf("clock set back: answer %v, want a new one", got)
	}
	// Errors are not kept.
	p.fail.Store(true)
	now = now.Add(2 * time.Minute)
	if _, err := cp.Indicators(ctx, "51.02", indicator.Period{}, []string{"a"}); err == nil {
		t.Fatal("a failing provider's error was not returned")
	}
	p.fail.Store(false)
	if got := ask("51.02", []string{"a"}); got != 8 {
		t.Fatalf("after an error: answer %v, want a new one", got)
	}
	if d := cp.Definitions(); len(d) != 1 || d[0].Code != "a" {
		t.Fatalf("Definitions: %v", d)
	}
}

func TestCacheSharesOneComputationBetweenCallersAtOnce(t *testing.T) {
	p := &countingProvider{gate: make(chan struct{})}
	cp := indicator.Cached(&indicator.Cache{}, []indicator.Provider{p})[0]
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := context.Background()
			if i == 0 {
				c = ctx // the one who started it gives up: the others still get the answer
			}
			if _, err := cp.Indicators(c, "51.02", indicator.Period{}, nil); err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // let the callers queue on the one computation
	cancel()
	close(p.gate)
	wg.Wait()
	if n := p.calls.Load(); n != 1 {
		t.Fatalf("%d computations for 8 callers at once, want 1", n)
	}
}
