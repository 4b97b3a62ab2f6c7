-- audit_log is the append-only record of who did what, one hash chain per
-- desa_id: a desa's id, a wilayah's own id for wilayah-level actions, 0 for
-- actions with no wilayah (login, logout). hash = SHA-256 over prev_hash and
-- the row's fields (see platform/audit), so a changed or removed row breaks
-- the chain. id and at are made in Go.
CREATE TABLE audit_log (
  desa_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  status INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (desa_id, seq)
);
CREATE UNIQUE INDEX audit_log_id ON audit_log (desa_id, id);
{{rls "audit_log"}}
{{if .Postgres}}
-- Append-only for the runtime role; only the owner (migrations) may rewrite.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {{.AppRole}};
{{end}}
