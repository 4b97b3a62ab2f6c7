package jobs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"
)

// Periodic is a task the scheduler enqueues on a cron schedule. Cronspec is
// read in UTC unless it starts with a zone, e.g.
// "CRON_TZ=Asia/Makassar 0 1 * * *" for 01:00 WITA; "@every 1h" works too.
// Periodic tasks carry no tenant: a handler that works per desa fans out.
type Periodic struct {
	Cronspec string
	TaskType string
	Payload  any
}

// RunScheduler enqueues entries on their schedules until ctx is done, then
// returns nil; a bad entry is an error before anything starts.
//
// Exactly one scheduler may run in production (the `ngantor scheduler`
// Deployment: replicas 1, strategy Recreate): asynq.Scheduler does not
// coordinate with its peers, so two of them enqueue every tick twice.
func (j *Jobs) RunScheduler(ctx context.Context, entries []Periodic) error {
	s := asynq.NewScheduler(j.redis.Asynq(), &asynq.SchedulerOpts{
		Logger:   asynqLogger{j.log},
		LogLevel: asynq.WarnLevel,
		PostEnqueueFunc: func(_ *asynq.TaskInfo, err error) {
			if err != nil {
				j.log.ErrorContext(ctx, "jobs: scheduler could not enqueue", "err", err)
			}
		},
	})
	for _, e := range entries {
		body, err := json.Marshal(e.Payload)
		if err != nil {
			return fmt.Errorf("jobs: periodic %s: encode payload: %w", e.TaskType, err)
		}
		if _, err := s.Register(e.Cronspec, asynq.NewTask(e.TaskType, body)); err != nil {
			return fmt.Errorf("jobs: periodic %s %q: %w", e.TaskType, e.Cronspec, err)
		}
	}
	if err := s.Start(); err != nil {
		return fmt.Errorf("jobs: start scheduler: %w", err)
	}
	<-ctx.Done()
	s.Shutdown()
	return nil
}
