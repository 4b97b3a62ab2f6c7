package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
)

// Options are the asynq options an outbox row can carry. They are plain
// values because the row may wait in the database for a while before the
// relay turns it into a task.
type Options struct {
	Queue string // "" is asynq's "default"

	// TaskID names the task for deduplication: asynq refuses a second task
	// with the same id while the first is still kept. Empty means the
	// outbox row's own id, so a row relayed twice (relay crashed between
	// enqueue and marking it sent) still makes one task.
	TaskID string

	// MaxRetry is asynq's retry budget: 0 keeps asynq's default (25),
	// a negative value means no retry.
	MaxRetry int

	// Delay postpones processing, counted from EnqueueTx, not from the relay.
	Delay time.Duration
}

// outboxRow is one task waiting for (or already through) the relay.
type outboxRow struct {
	bun.BaseModel `bun:"table:job_outbox"`

	ID        uuid.UUID `bun:"id,pk"`
	TaskType  string    `bun:"task_type"`
	Payload   string    `bun:"payload"`
	Headers   string    `bun:"headers"` // JSON object of string → string
	Queue     string    `bun:"queue"`
	TaskID    string    `bun:"task_id"`
	MaxRetry  int       `bun:"max_retry"`
	ProcessAt time.Time `bun:"process_at,nullzero"`
	CreatedAt time.Time `bun:"created_at"`
	SentAt    time.Time `bun:"sent_at,nullzero"`
	Attempts  int       `bun:"attempts"`
	LastError string    `bun:"last_error"`
}

// EnqueueTx records a task in tx: it reaches Redis (through RunRelay) if and
// only if tx commits. The trace context and tenant are taken from ctx now,
// as Enqueue would.
func EnqueueTx(ctx context.Context, tx bun.Tx, taskType string, payload any, opts Options) error {
	if strings.TrimSpace(taskType) == "" {
		return fmt.Errorf("jobs: empty task type")
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("jobs: encode payload of %s: %w", taskType, err)
	}
	headers, err := json.Marshal(headersFrom(ctx))
	if err != nil {
		return err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	row := &outboxRow{
		ID:        id,
		TaskType:  taskType,
		Payload:   string(body),
		Headers:   string(headers),
		Queue:     opts.Queue,
		TaskID:    opts.TaskID,
		MaxRetry:  opts.MaxRetry,
		CreatedAt: now,
	}
	if opts.Delay > 0 {
		row.ProcessAt = now.Add(opts.Delay)
	}
	if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("jobs: outbox insert %s: %w", taskType, err)
	}
	return nil
}

func (r *outboxRow) task() (*asynq.Task, []asynq.Option, error) {
	var headers map[string]string
	if err := json.Unmarshal([]byte(r.Headers), &headers); err != nil {
		return nil, nil, fmt.Errorf("outbox row %s: headers: %w", r.ID, err)
	}
	taskID := r.TaskID
	if taskID == "" {
		taskID = r.ID.String()
	}
	opts := []asynq.Option{asynq.TaskID(taskID)}
	if r.Queue != "" {
		opts = append(opts, asynq.Queue(r.Queue))
	}
	if r.MaxRetry != 0 {
		opts = append(opts, asynq.MaxRetry(r.MaxRetry))
	}
	if !r.ProcessAt.IsZero() {
		opts = append(opts, asynq.ProcessAt(r.ProcessAt))
	}
	return asynq.NewTaskWithHeaders(r.TaskType, []byte(r.Payload), headers), opts, nil
}

const (
	relayBatch      = 100
	relayMaxBackoff = 30 * time.Second
	relayCallLimit  = 5 * time.Second    // one Redis call; keeps row locks short
	outboxRetention = 7 * 24 * time.Hour // sent rows kept for inspection
	outboxPurgeGap  = time.Hour          // how often sent rows are purged
)

// RunRelay moves outbox rows to asynq until ctx is done, then returns nil.
// While Redis is unreachable it backs off (doubling from RelayInterval to
// 30 s) and keeps every row; a row is marked sent only after asynq accepted
// it, so delivery is at least once. Several relays may run: on PostgreSQL
// each claims rows with FOR UPDATE SKIP LOCKED, on SQLite the write
// transaction makes one relay the only writer at a time.
func (j *Jobs) RunRelay(ctx context.Context) error {
	wait := j.interval
	var lastPurge time.Time
	for {
		n, err := j.relayBatch(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			j.log.WarnContext(ctx, "jobs: outbox relay failed, retrying", "err", err, "retry_in", wait)
		case n == relayBatch:
			wait = j.interval
			continue // more rows are likely waiting
		default:
			wait = j.interval
			if time.Since(lastPurge) > outboxPurgeGap {
				if err := j.purgeOutbox(ctx); err != nil && ctx.Err() == nil {
					j.log.WarnContext(ctx, "jobs: outbox purge failed", "err", err)
				}
				lastPurge = time.Now()
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		if err != nil {
			wait = min(wait*2, relayMaxBackoff)
		}
	}
}

// relayBatch sends up to relayBatch rows in one transaction and reports how
// many it marked sent. It stops at the first row Redis refuses (the rest
// would most likely fail the same way) but still commits the rows sent
// before it and the failed row's attempt count.
func (j *Jobs) relayBatch(ctx context.Context) (sent int, sendErr error) {
	// Look before locking: on SQLite the transaction below takes the
	// database's single write lock, which an idle relay should not hold
	// every second.
	pending, err := j.db.NewSelect().Model((*outboxRow)(nil)).Where("sent_at IS NULL").Exists(ctx)
	if err != nil || !pending {
		return 0, err
	}
	err = j.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		sent, sendErr = 0, nil
		var rows []outboxRow
		q := tx.NewSelect().Model(&rows).Where("sent_at IS NULL").Order("id").Limit(relayBatch)
		if j.db.Engine == db.Postgres {
			q = q.For("UPDATE SKIP LOCKED")
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		var done []uuid.UUID
		for i := range rows {
			r := &rows[i]
			task, opts, err := r.task()
			if err != nil {
				// An undecodable row stays for a human to look at; it must
				// not hold up the rows behind it.
				j.log.ErrorContext(ctx, "jobs: outbox row cannot be decoded", "id", r.ID, "err", err)
				if err := recordFailure(ctx, tx, r.ID, err); err != nil {
					return err
				}
				continue
			}
			if sendErr = j.send(ctx, task, opts); sendErr != nil {
				if err := recordFailure(ctx, tx, r.ID, sendErr); err != nil {
					return err
				}
				break
			}
			done = append(done, r.ID)
		}
		if len(done) > 0 {
			_, err := tx.NewUpdate().Model((*outboxRow)(nil)).
				Set("sent_at = ?", time.Now().UTC()).
				Where("id IN (?)", bun.List(done)).Exec(ctx)
			if err != nil {
				return err
			}
		}
		sent = len(done)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sent, sendErr
}

func recordFailure(ctx context.Context, tx bun.Tx, id uuid.UUID, cause error) error {
	_, err := tx.NewUpdate().Model((*outboxRow)(nil)).
		Set("attempts = attempts + 1").Set("last_error = ?", truncate(cause.Error(), 500)).
		Where("id = ?", id).Exec(ctx)
	return err
}

func (j *Jobs) send(ctx context.Context, task *asynq.Task, opts []asynq.Option) error {
	ctx, cancel := context.WithTimeout(ctx, relayCallLimit)
	defer cancel()
	_, err := j.client.EnqueueContext(ctx, task, opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil // an earlier relay of this row got through
	}
	return err
}

func (j *Jobs) purgeOutbox(ctx context.Context) error {
	_, err := j.db.NewDelete().Model((*outboxRow)(nil)).
		Where("sent_at < ?", time.Now().UTC().Add(-outboxRetention)).Exec(ctx)
	return err
}

// truncate keeps last_error short and valid UTF-8 (PostgreSQL rejects a
// cut rune).
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
