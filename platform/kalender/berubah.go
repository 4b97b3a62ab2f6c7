package kalender

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TaskBerubah is the asynq task every calendar change enqueues, in the
// transaction of the change (jobs.EnqueueTx): a module that keeps
// something computed from the calendar (an audiensi's due date, a
// reminder) recomputes what is still open in that kabupaten and year.
// Clocks read the calendar when asked, so a handler only refreshes what it
// stored; it must be idempotent (asynq delivers at least once).
const TaskBerubah = "kalender:berubah"

// Perubahan is TaskBerubah's payload: the kabupaten whose calendar changed
// in year Tahun. Kabupaten is "" when the national list of the year was
// loaded: every kabupaten's calendar changed.
type Perubahan struct {
	Kabupaten tenancy.Kode `json:"kabupaten"`
	Tahun     int          `json:"tahun"`
}

func enqueueBerubah(ctx context.Context, tx bun.Tx, p Perubahan) error {
	return jobs.EnqueueTx(ctx, tx, TaskBerubah, p, jobs.Options{})
}
