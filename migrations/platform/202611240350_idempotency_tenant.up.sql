-- Answers to creating POSTs sent with an Idempotency-Key become tenant rows.
-- They hold whole response bodies (a letter with residents' names), so the
-- runtime role sees a row only with its desa's range published, like every
-- desa table. desa_id is the desa or wilayah of the /api/v1/desa/{kode}/… or
-- /api/v1/wilayah/{kode}/… path (the wilayah's own id, as in audit_log), 0
-- for an operation without one. Public operations (login) keep no row.
--
-- claim/claimed_at: the request running the key and since when; a claim
-- older than the lease (platform/httpserver) may be taken over by a retry.
-- committed_at: set in the same transaction as the request's change, so a
-- retry after a crash knows whether the change happened.
--
-- The old table held only answers for at most 24 hours: it is dropped, not
-- copied.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
  desa_id BIGINT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  claim TEXT NOT NULL,
  claimed_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  committed_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  status INTEGER NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  body {{if .Postgres}}BYTEA{{else}}BLOB{{end}},
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, scope, key)
);
-- The purge job deletes expired keys of every desa at once.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
{{rls "idempotency_keys"}}
