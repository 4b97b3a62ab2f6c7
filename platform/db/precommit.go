package db

import (
	"context"
	"fmt"
	"sync"

	"github.com/uptrace/bun"
)

// PreCommit is work that must commit together with a request's change, or
// not at all: its audit entry, the mark that an idempotency key's request
// has taken effect. The edge (HTTP middleware, a page wrapper) registers it
// in the request context with WithPreCommit; Tx then runs it inside the
// first transaction under that context that wrote something, after the
// transaction's own work and just before COMMIT. So a crash leaves either
// the change with its records or neither.
//
// A hook runs to commit at most once per request: once a transaction that
// ran it has committed, later transactions of the same request skip it. If
// that transaction rolls back (its work, a later hook or COMMIT failed), the
// hook is free again for the next one. A request that writes without Tx
// never runs it; Committed tells the edge so, and the edge falls back to
// doing the work after the request (see audit.Intent).
//
// Hooks run in the order they were registered, outermost middleware first.
// A hook publishes whatever row-level security range its own rows need
// (SetRange) and must not rely on the range it finds: an earlier hook may
// have changed it. A hook's error rolls the transaction back and is
// returned from Tx unchanged, so a fault.Error reaches the client.
type PreCommit struct {
	run func(ctx context.Context, tx bun.Tx) error

	mu    sync.Mutex
	state hookState
}

type hookState uint8

const (
	hookIdle    hookState = iota
	hookRunning           // inside a transaction that has not ended yet
	hookDone              // committed
)

// NewPreCommit wraps fn as a hook for WithPreCommit.
func NewPreCommit(fn func(ctx context.Context, tx bun.Tx) error) *PreCommit {
	return &PreCommit{run: fn}
}

// Committed reports whether a transaction that ran the hook has committed.
func (h *PreCommit) Committed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state == hookDone
}

// claim takes an idle hook for one transaction; a hook that is done, or
// running in a concurrent transaction of the same request, is skipped.
func (h *PreCommit) claim() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state != hookIdle {
		return false
	}
	h.state = hookRunning
	return true
}

func (h *PreCommit) finish(committed bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if committed {
		h.state = hookDone
	} else {
		h.state = hookIdle
	}
}

type preCommitKey struct{}

// WithPreCommit returns ctx with h added to the hooks Tx runs before
// committing a write.
func WithPreCommit(ctx context.Context, h *PreCommit) context.Context {
	prev, _ := ctx.Value(preCommitKey{}).([]*PreCommit)
	hooks := make([]*PreCommit, 0, len(prev)+1)
	hooks = append(append(hooks, prev...), h)
	return context.WithValue(ctx, preCommitKey{}, hooks)
}

// pendingHooks are the hooks in ctx that have not committed yet.
func pendingHooks(ctx context.Context) []*PreCommit {
	hooks, _ := ctx.Value(preCommitKey{}).([]*PreCommit)
	var out []*PreCommit
	for _, h := range hooks {
		if !h.Committed() {
			out = append(out, h)
		}
	}
	return out
}

// writeMark is what the database itself says about a transaction's writes,
// asked only when hooks wait: PostgreSQL assigns a transaction id at its
// first write (or row lock), SQLite counts the rows each connection changed.
// The database's own account catches every write — raw SQL, a query run
// with another context — where a query hook would miss some.
func (d *DB) writeMark(ctx context.Context, tx bun.Tx) (int64, error) {
	var n int64
	var err error
	switch d.Engine {
	case Postgres:
		err = tx.NewRaw("SELECT CASE WHEN txid_current_if_assigned() IS NULL THEN 0 ELSE 1 END").Scan(ctx, &n)
	default:
		err = tx.NewRaw("SELECT total_changes()").Scan(ctx, &n)
	}
	if err != nil {
		return 0, fmt.Errorf("db: ask whether the transaction wrote: %w", err)
	}
	return n, nil
}

// runPreCommit runs the pending hooks if the transaction wrote since mark
// was taken; wrote says the connection already saw a row change (PostgreSQL
// tenant transactions), so the server need not be asked. Each hook it claims is added to ran before it runs, so the
// caller releases it even when it panics.
func (d *DB) runPreCommit(ctx context.Context, tx bun.Tx, hooks []*PreCommit, mark int64, wrote bool, ran *[]*PreCommit) error {
	if !wrote {
		now, err := d.writeMark(ctx, tx)
		if err != nil || now == mark {
			return err
		}
	}
	for _, h := range hooks {
		if !h.claim() {
			continue
		}
		*ran = append(*ran, h)
		if err := h.run(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}
