package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/kalender"
)

// kalenderConsumer is a module that keeps something computed from the
// working-day calendar (a due date, a reminder) and recomputes what is
// still open when a kabupaten's calendar changes in a year. It must be
// idempotent: asynq delivers at least once.
type kalenderConsumer func(ctx context.Context, p kalender.Perubahan) error

// handleKalenderBerubah registers the one handler of kalender.TaskBerubah
// (asynq allows one per task type): it hands the change to each consumer
// in turn, or — while no module keeps calendar-derived state — logs it, so
// the task completes instead of failing as unhandled and being retried.
func (a *app) handleKalenderBerubah(j *jobs.Jobs, consumers ...kalenderConsumer) {
	j.Handle(kalender.TaskBerubah, func(ctx context.Context, payload []byte) error {
		var p kalender.Perubahan
		if err := json.Unmarshal(payload, &p); err != nil {
			return fmt.Errorf("%s payload: %w", kalender.TaskBerubah, err)
		}
		a.log.InfoContext(ctx, "kalender berubah", "kabupaten", string(p.Kabupaten), "tahun", p.Tahun, "consumers", len(consumers))
		var errs []error
		for _, c := range consumers {
			errs = append(errs, c(ctx, p))
		}
		return errors.Join(errs...)
	})
}
