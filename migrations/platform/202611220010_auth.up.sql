-- Users and sessions are global, not tenant tables: one person may hold roles
-- in many wilayah, and signing in happens before any tenant is known. So they
-- carry no desa_id and no row-level security; only platform/auth reads them.
--
-- Ids are UUIDv7 made in Go: native uuid on PostgreSQL (16 bytes, validated),
-- text on SQLite, which has no uuid type. Times are set in Go, in UTC.
CREATE TABLE users (
  id {{if .Postgres}}uuid{{else}}TEXT{{end}} PRIMARY KEY,
  -- Stored lower-case so the plain unique index is case-insensitive on both
  -- engines (SQLite has no citext, and lower() there folds ASCII only).
  email TEXT NOT NULL CHECK (email = lower(email)),
  name TEXT NOT NULL,
  -- The OPD (perangkat daerah, e.g. DLH) an opd-role user belongs to.
  opd TEXT,
  -- PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash
  password_hash TEXT NOT NULL,
  created_at {{if .Postgres}}timestamptz{{else}}TIMESTAMP{{end}} NOT NULL,
  disabled_at {{if .Postgres}}timestamptz{{else}}TIMESTAMP{{end}}
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A session is found by the SHA-256 of its token: a copy of this table (a
-- backup, a replica) does not let anyone sign in.
CREATE TABLE sessions (
  id {{if .Postgres}}uuid{{else}}TEXT{{end}} PRIMARY KEY,
  token_hash TEXT NOT NULL,
  user_id {{if .Postgres}}uuid{{else}}TEXT{{end}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at {{if .Postgres}}timestamptz{{else}}TIMESTAMP{{end}} NOT NULL,
  last_seen_at {{if .Postgres}}timestamptz{{else}}TIMESTAMP{{end}} NOT NULL,
  expires_at {{if .Postgres}}timestamptz{{else}}TIMESTAMP{{end}} NOT NULL,
  user_agent TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
