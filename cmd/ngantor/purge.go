package main

import (
	"context"
	"errors"

	"github.com/ngantor/ngantor/platform/jobs"
)

// taskPurge deletes what has expired in the platform's own tables:
// idempotency keys past their day (whole answers, some with residents'
// names) and sessions past their idle or absolute timeout. Both are
// refused already when expired; the purge only stops them piling up.
// Deleting what is expired is idempotent: a re-run finds nothing more.
const taskPurge = "platform:purge-expired"

// platformPeriodic is the platform's own schedule, run by the one
// scheduler beside the modules' entries: hourly, off the full hour.
func platformPeriodic() []jobs.Periodic {
	return []jobs.Periodic{{Cronspec: "23 * * * *", TaskType: taskPurge, Payload: struct{}{}}}
}

// purgeExpired is taskPurge's handler.
func (a *app) purgeExpired(ctx context.Context, _ []byte) error {
	keys, errKeys := a.http.PurgeIdempotencyKeys(ctx)
	sessions, errSessions := a.auth.PurgeSessions(ctx)
	a.log.InfoContext(ctx, "purged expired rows", "idempotency_keys", keys, "sessions", sessions)
	return errors.Join(errKeys, errSessions)
}
