-- job_outbox holds tasks written in the same transaction as the change that
-- causes them (jobs.EnqueueTx); the relay moves them to asynq and stamps
-- sent_at, so a task is never lost when Redis is down at commit time. It is
-- a global table: the tenant travels in headers (with the trace context).
CREATE TABLE job_outbox (
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} PRIMARY KEY,
  task_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  headers TEXT NOT NULL,
  queue TEXT NOT NULL,
  task_id TEXT NOT NULL,
  max_retry INTEGER NOT NULL,
  process_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  sent_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
-- The relay reads unsent rows oldest first (UUIDv7 ids sort by time); the
-- purge drops rows sent long ago.
CREATE INDEX job_outbox_unsent ON job_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX job_outbox_sent ON job_outbox (sent_at) WHERE sent_at IS NOT NULL;

-- job_runs makes task handlers idempotent (jobs.Once): a key is inserted in
-- the same transaction as the handler's effect, so a re-run finds it and
-- changes nothing. asynq delivers at least once.
CREATE TABLE job_runs (
  key TEXT PRIMARY KEY,
  done_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);
