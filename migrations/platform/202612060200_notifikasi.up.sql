-- In-app notifications (platform/notifikasi): per user, not per desa — no
-- desa_id and no RLS; every query names its user_id in code and no
-- endpoint takes a user id from input. Lists run newest first on the primary
-- key (UUIDv7 ids are time-ordered).
--
-- kunci is the sender's idempotency key: a job that runs twice inserts one
-- row (UNIQUE (user_id, kunci), ON CONFLICT DO NOTHING). tautan is a path
-- inside ngantor ("/desa/…"), never another site.
CREATE TABLE notifikasi (
  user_id TEXT NOT NULL,
  id TEXT NOT NULL,
  kunci TEXT NOT NULL CHECK (length(kunci) BETWEEN 1 AND 200),
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 1 AND 200),
  isi TEXT NOT NULL CHECK (length(isi) <= 2000),
  tautan TEXT NOT NULL CHECK (length(tautan) BETWEEN 1 AND 500 AND substr(tautan, 1, 1) = '/'),
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  dibaca_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, kunci)
);

-- The header badge counts a user's unread rows on every page render.
CREATE INDEX notifikasi_belum ON notifikasi (user_id){{if .Postgres}} WHERE dibaca_at IS NULL{{end}};
