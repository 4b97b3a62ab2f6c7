package probe

import (
	"context"
	"sync"
)

// Bounds on Run's concurrency. MaxTotal keeps one worker well inside a
// default file-descriptor limit (each probe holds one socket).
const (
	MaxPerDesa = 64
	MaxTotal   = 1024
)

// Run probes every target and sends each Result on the returned channel,
// which is closed when all are done. At most total probes (so total sockets)
// run at once, and at most perDesa for any one desa, so a desa with many
// cameras behind one small uplink is not flooded; desa take turns (round
// robin) so one large desa does not starve the others. Both bounds are
// clamped to [1, MaxPerDesa] and [1, MaxTotal].
//
// When ctx ends, no new probe starts, probes in flight end promptly with
// StatusCanceled, and results not yet taken may be dropped; the channel is
// still closed once every probe has returned. The caller must read the
// channel until it is closed or cancel ctx.
func Run(ctx context.Context, targets []Target, opt Options, perDesa, total int) <-chan Result {
	perDesa = clampInt(perDesa, 1, MaxPerDesa)
	total = clampInt(total, 1, MaxTotal)
	out := make(chan Result, total)
	go func() {
		defer close(out)
		s := newSchedule(targets, perDesa)
		done := make(chan int64, total) // desa of a finished probe; never blocks
		var wg sync.WaitGroup
		defer wg.Wait()
		inflight := 0
		for {
			for inflight < total && ctx.Err() == nil {
				t, ok := s.next()
				if !ok {
					break
				}
				inflight++
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := Probe(ctx, t, opt)
					// Holding the slot until the result is taken makes a
					// slow reader slow the probing down (the socket is
					// already closed, so the socket bound holds either way).
					select {
					case out <- r:
					case <-ctx.Done():
					}
					done <- t.DesaID
				}()
			}
			if inflight == 0 {
				return
			}
			s.finished(<-done)
			inflight--
		}
	}()
	return out
}

func clampInt(n, lo, hi int) int {
	return max(lo, min(n, hi))
}

// schedule hands out targets desa by desa in turn, never more than perDesa
// of one desa in flight.
type schedule struct {
	perDesa  int
	order    []int64 // desa with targets left, in first-seen order
	queue    map[int64][]Target
	inflight map[int64]int
	turn     int
}

func newSchedule(targets []Target, perDesa int) *schedule {
	s := &schedule{perDesa: perDesa, queue: map[int64][]Target{}, inflight: map[int64]int{}}
	for _, t := range targets {
		if _, seen := s.queue[t.DesaID]; !seen {
			s.order = append(s.order, t.DesaID)
		}
		s.queue[t.DesaID] = append(s.queue[t.DesaID], t)
	}
	return s
}

// next returns a target whose desa has a free slot, or false when none does
// right now (all remaining desa are at their bound, or nothing is left).
func (s *schedule) next() (Target, bool) {
	for range len(s.order) {
		if s.turn >= len(s.order) {
			s.turn = 0
		}
		d := s.order[s.turn]
		if s.inflight[d] >= s.perDesa {
			s.turn++
			continue
		}
		q := s.queue[d]
		t := q[0]
		s.inflight[d]++
		if len(q) == 1 {
			delete(s.queue, d)
			s.order = append(s.order[:s.turn], s.order[s.turn+1:]...)
		} else {
			s.queue[d] = q[1:]
			s.turn++
		}
		return t, true
	}
	return Target{}, false
}

func (s *schedule) finished(desa int64) { s.inflight[desa]-- }
