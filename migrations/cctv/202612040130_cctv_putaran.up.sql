-- The probe task's rounds, one row per kabupaten: the time slot of the
-- last round claimed (the kabupaten's interval, counted from midnight
-- UTC), when it was claimed, when it finished and its counts. The task
-- runs every minute and probes a kabupaten only when its interval has
-- given a new slot; a claimed round that never finished (the worker
-- died) may be claimed again after a lease. Probe rows carry the slot as
-- checked_at, so a round run twice writes the same keys. Counts only, no
-- desa data: not a tenant table.
CREATE TABLE cctv_putaran (
  kabupaten_kode TEXT NOT NULL PRIMARY KEY,
  slot {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  mulai_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  selesai_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  kamera INTEGER NOT NULL CHECK (kamera >= 0),
  naik INTEGER NOT NULL CHECK (naik >= 0),
  desa_gagal INTEGER NOT NULL CHECK (desa_gagal >= 0)
);
