-- Audiensi: what residents ask of and complain to their desa and the
-- kabupaten, routed to the OPD that must answer, on LAPOR!-style clocks of
-- working days (platform/kalender). ids are UUIDv7 and timestamps UTC, made
-- in Go; dates (diterima, tenggat…) are civil dates at the kantor desa.

-- One audiensi. kanal says how it came in: the public form (publik), a
-- perangkat desa (desa), or the bupati's staff or an OPD during a field
-- visit (kunjungan, with the visit in kunjungan). pelapor_mode: terbuka
-- (name and phone seen by the desa roles that work with it), anonim (none
-- kept), rahasia (kept, seen only by the verifier). Coordinates are
-- micro-degrees (platform/valid.ParseDerajat). tenggat is the clock shown
-- now (verification, the earliest open disposition, or resolution);
-- tenggat_verifikasi and tenggat_selesai are the two fixed targets from
-- diterima, recomputed when the calendar changes while open.
CREATE TABLE audiensi (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kode_lacak TEXT NOT NULL,
  kanal TEXT NOT NULL CHECK (kanal IN ('publik', 'desa', 'kunjungan')),
  kunjungan TEXT NOT NULL,
  kategori TEXT NOT NULL,
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 5 AND 200),
  isi TEXT NOT NULL CHECK (length(isi) BETWEEN 10 AND 5000),
  dusun TEXT NOT NULL,
  lintang BIGINT,
  bujur BIGINT,
  pelapor_mode TEXT NOT NULL CHECK (pelapor_mode IN ('terbuka', 'anonim', 'rahasia')),
  pelapor_nama TEXT NOT NULL,
  pelapor_telepon TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('baru', 'diverifikasi', 'didisposisikan', 'ditindaklanjuti', 'selesai', 'ditolak')),
  diterima {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  target_hari INTEGER NOT NULL CHECK (target_hari BETWEEN 1 AND 365),
  tenggat_verifikasi {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  tenggat_selesai {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  tenggat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  perkiraan BOOLEAN NOT NULL,
  ditutup {{if .Postgres}}DATE{{else}}TEXT{{end}},
  hari_kerja INTEGER,
  tepat_waktu BOOLEAN,
  alasan TEXT NOT NULL,
  penilaian INTEGER CHECK (penilaian BETWEEN 1 AND 5),
  penilaian_catatan TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX audiensi_lacak_idx ON audiensi (desa_id, kode_lacak);
CREATE INDEX audiensi_status_idx ON audiensi (desa_id, status, tenggat);
CREATE INDEX audiensi_diterima_idx ON audiensi (desa_id, diterima, id);
{{rls "audiensi"}}

-- Where a public tracking code leads: its desa and audiensi, nothing else
-- (no content, no person), so the public status page can find the desa
-- whose row-level wall it then opens. Not a tenant table (read before any
-- tenant is known), so its desa column is not named desa_id: the tenant
-- catalog test takes every desa_id table for a tenant table.
CREATE TABLE audiensi_lacak (
  kode_lacak TEXT PRIMARY KEY,
  desa BIGINT NOT NULL,
  audiensi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL
);

-- A disposition: the audiensi routed to one OPD (penerima = the OPD's id
-- in the opd registry) or kept by the desa (penerima = 'desa'). status:
-- menunggu (its 5 working days run from tanggal), ditanggapi (answered),
-- dikembalikan (returned to the verifier with a reason). opd_nama keeps
-- the name as it was when disposed, for the timeline.
CREATE TABLE audiensi_disposisi (
  desa_id BIGINT NOT NULL,
  audiensi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  penerima TEXT NOT NULL,
  penerima_nama TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('menunggu', 'ditanggapi', 'dikembalikan')),
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  tenggat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  tanggapan TEXT NOT NULL,
  alasan_kembali TEXT NOT NULL,
  ditanggapi_by TEXT NOT NULL,
  ditanggapi_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, audiensi_id, penerima),
  FOREIGN KEY (desa_id, audiensi_id) REFERENCES audiensi (desa_id, id) ON DELETE CASCADE
);
-- The OPD queue across a kabupaten: by recipient, oldest due first.
CREATE INDEX audiensi_disposisi_penerima_idx ON audiensi_disposisi (penerima, status, tenggat, desa_id, audiensi_id);
{{rls "audiensi_disposisi"}}

-- The timeline: every transition, answer, reporter's addition and rating,
-- with its actor and note (the audit log has the same, this is what the
-- pages show). publik says whether the public status page may show its
-- note (answers and closing notes; never the verifier's or returns).
CREATE TABLE audiensi_riwayat (
  desa_id BIGINT NOT NULL,
  audiensi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  urut INTEGER NOT NULL,
  peristiwa TEXT NOT NULL,
  dari TEXT NOT NULL,
  ke TEXT NOT NULL,
  aktor TEXT NOT NULL,
  aktor_nama TEXT NOT NULL,
  penerima TEXT NOT NULL,
  catatan TEXT NOT NULL,
  publik BOOLEAN NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, audiensi_id, urut),
  FOREIGN KEY (desa_id, audiensi_id) REFERENCES audiensi (desa_id, id) ON DELETE CASCADE
);
{{rls "audiensi_riwayat"}}
