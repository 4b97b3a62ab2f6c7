package audit

import (
	"context"
	"net/http"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
)

// Recorder appends entries; *Log is the one implementation, tests fake it.
type Recorder interface {
	// Append records e in a transaction of its own.
	Append(ctx context.Context, e Entry) error
	// AppendTx records e inside tx, the transaction of the change.
	AppendTx(ctx context.Context, tx bun.Tx, e Entry) error
}

// Intent is the audit entry of one request that may change data, recorded
// in the same transaction as the change: a crash can no longer leave a
// committed change without its entry (a SIGKILL during writes once left 4
// of 561 letters unrecorded while the chains verified intact).
//
// The edge (the API middleware, the page wrapper) calls Begin before the
// handler and Finish after it. Handlers and stores do nothing: every
// db.Tx under the request context that writes runs the intent's
// pre-commit hook, and the first one to commit carries the entry.
type Intent struct {
	r    Recorder
	e    Entry
	hook *db.PreCommit
}

// Begin returns ctx carrying the intent to record e. e.Status is the
// status the request answers when it succeeds (the operation's declared
// success status, 303 for a page form); the entry is written before the
// answer exists, so it cannot be the actual one.
//
// Begin must be the innermost pre-commit hook of a request: appending
// publishes the audit chain's range to row-level security, so it runs last.
func Begin(ctx context.Context, r Recorder, e Entry) (context.Context, *Intent) {
	i := &Intent{r: r, e: e}
	i.hook = db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
		return r.AppendTx(ctx, tx, i.e)
	})
	return db.WithPreCommit(ctx, i.hook), i
}

// Recorded reports whether the entry has committed with a change.
func (i *Intent) Recorded() bool { return i.hook.Committed() }

// Finish is called once the request is answered with status. A request
// that changed data through db.Tx is recorded already. One that succeeded
// without (a login, a write through a path that opens no db.Tx) is
// appended now, in a transaction of its own, as before intents; a failed
// one (status 0 or ≥ 400) is not recorded unless a change of it committed.
func (i *Intent) Finish(ctx context.Context, status int) error {
	if i.Recorded() || status == 0 || status >= http.StatusBadRequest {
		return nil
	}
	e := i.e
	e.Status = status
	return i.r.Append(ctx, e)
}
