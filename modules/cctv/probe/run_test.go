package probe

import (
	"context"
	"fmt"
	"testing"
	"time"
)

const okRTSP = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"

// Each desa has its own camera server, so each server's peak of open
// connections is that desa's concurrency, and a shared gauge is the total.
// The cases put pressure on one bound at a time: a lone big desa (only
// perDesa holds it back) and many desa (only total does).
func TestRunBoundsConcurrencyPerDesaAndInTotal(t *testing.T) {
	cases := []struct {
		name           string
		sizes          []int // cameras per desa
		perDesa, total int
	}{
		{"one big desa", []int{20}, 2, 8},
		{"a big desa beside small ones", []int{20, 2, 2}, 3, 10},
		{"many desa", []int{6, 6, 6, 6, 6}, 4, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			all := &gauge{}
			var servers []*responder
			var targets []Target
			for d, size := range tc.sizes {
				r := startResponder(t, okRTSP, false, func(r *responder) {
					r.hold = 5 * time.Millisecond
					r.shared = all
				})
				servers = append(servers, r)
				for i := range size {
					targets = append(targets, Target{CameraID: int64(d*100 + i), DesaID: int64(d + 1), URL: r.url("rtsp", "/")})
				}
			}
			seen := map[int64]int{}
			for res := range Run(context.Background(), targets, local, tc.perDesa, tc.total) {
				if res.Status != StatusOK {
					t.Errorf("camera %d: %s (%s)", res.CameraID, res.Status, res.Detail)
				}
				seen[res.CameraID]++
			}
			if len(seen) != len(targets) {
				t.Fatalf("got results for %d cameras, want %d", len(seen), len(targets))
			}
			for id, n := range seen {
				if n != 1 {
					t.Fatalf("camera %d probed %d times", id, n)
				}
			}
			for d, r := range servers {
				if m := r.g.max.Load(); m > int64(tc.perDesa) {
					t.Errorf("desa %d had %d probes at once, bound %d", d+1, m, tc.perDesa)
				}
				if n := r.accepted.Load(); n != int64(tc.sizes[d]) {
					t.Errorf("desa %d camera server saw %d connections, want %d", d+1, n, tc.sizes[d])
				}
			}
			if m := all.max.Load(); m > int64(tc.total) {
				t.Errorf("%d probes at once, bound %d", m, tc.total)
			}
		})
	}
}

func TestRunClampsBoundsAndFinishes(t *testing.T) {
	r := startResponder(t, okRTSP, false)
	var targets []Target
	for i := range 5 {
		targets = append(targets, Target{CameraID: int64(i), DesaID: 9, URL: r.url("rtsp", "/")})
	}
	n := 0
	for res := range Run(context.Background(), targets, local, 0, -3) {
		if res.Status != StatusOK {
			t.Errorf("%s (%s)", res.Status, res.Detail)
		}
		n++
	}
	if n != len(targets) || r.g.max.Load() != 1 {
		t.Fatalf("got %d results, peak %d; want %d results one at a time", n, r.g.max.Load(), len(targets))
	}
	if _, ok := <-Run(context.Background(), nil, local, 1, 1); ok {
		t.Fatal("Run of no targets sent a result")
	}
}

// Cancelling stops new probes: a silent camera server sees no more than the
// probes already in flight, and the channel is closed.
func TestRunStopsStartingProbesWhenCanceled(t *testing.T) {
	const total = 4
	r := startResponder(t, "", true)
	var targets []Target
	for i := range 200 {
		targets = append(targets, Target{CameraID: int64(i), DesaID: int64(i % 10), URL: r.url("rtsp", "/")})
	}
	ctx, cancel := context.WithCancel(context.Background())
	opt := local
	opt.Timeout = MaxTimeout
	ch := Run(ctx, targets, opt, 2, total)
	<-r.first
	cancel()
	n := 0
	for res := range ch {
		if res.Status != StatusCanceled {
			t.Errorf("camera %d: %s after cancel", res.CameraID, res.Status)
		}
		n++
	}
	if got := r.accepted.Load(); got > total {
		t.Fatalf("server saw %d connections after cancel, at most %d were in flight", got, total)
	}
	if n > total {
		t.Fatalf("got %d results, at most %d probes ran", n, total)
	}
}

func TestScheduleTakesDesaInTurn(t *testing.T) {
	var targets []Target
	for i := range 6 {
		targets = append(targets, Target{CameraID: int64(i), DesaID: 1})
	}
	targets = append(targets, Target{CameraID: 10, DesaID: 2}, Target{CameraID: 20, DesaID: 3})
	s := newSchedule(targets, 2)
	var got []string
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		got = append(got, fmt.Sprint(t.DesaID, "/", t.CameraID))
	}
	want := "[1/0 2/10 3/20 1/1]"
	if fmt.Sprint(got) != want {
		t.Fatalf("first round %v, want %s (desa 1 stops at its bound of 2)", got, want)
	}
	s.finished(1)
	if tg, ok := s.next(); !ok || tg.CameraID != 2 {
		t.Fatalf("after a desa-1 probe finished got %v %v, want camera 2", tg, ok)
	}
	if _, ok := s.next(); ok {
		t.Fatal("desa 1 went past its bound")
	}
}
