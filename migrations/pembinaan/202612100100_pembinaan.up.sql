-- Pembinaan, bimtek and sosialisasi of perangkat desa. A session belongs to
-- the wilayah that organizes it (desa_id = the kabupaten's or kecamatan's
-- own id, inside its range, as in audit_log); each invited desa holds its
-- copy of the invitation (what it and any coverage query read, so a desa
-- request never reads the organizer's row), its attendance and its
-- follow-up points. ids are UUIDv7 and timestamps UTC, made in Go.

-- jenis: pembinaan (at a desa), bimtek (many desa), sosialisasi.
-- topik and jabatan_wajib are JSON arrays of codes; narasumber a JSON
-- array of {"nama","jabatan"}. opd_id is the organizing OPD ('' for the
-- kecamatan or the kabupaten admin); penyelenggara the name printed.
-- status: rencana, selesai, batal. demo marks rows the dev seed made up.
CREATE TABLE pembinaan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  wilayah_kode TEXT NOT NULL,
  opd_id TEXT NOT NULL,
  penyelenggara TEXT NOT NULL,
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 3 AND 200),
  jenis TEXT NOT NULL CHECK (jenis IN ('pembinaan', 'bimtek', 'sosialisasi')),
  topik TEXT NOT NULL,
  mulai {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  selesai {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  tempat TEXT NOT NULL,
  narasumber TEXT NOT NULL,
  jabatan_wajib TEXT NOT NULL,
  catatan TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('rencana', 'selesai', 'batal')),
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  CHECK (selesai >= mulai)
);
CREATE INDEX pembinaan_mulai_idx ON pembinaan (desa_id, mulai, id);
{{rls "pembinaan"}}

-- An invited desa's copy of the invitation (kept equal to the session in
-- the same transaction as every change of it). penyelenggara_id is the
-- session's desa_id.
CREATE TABLE pembinaan_undangan (
  desa_id BIGINT NOT NULL,
  pembinaan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  penyelenggara_id BIGINT NOT NULL,
  penyelenggara TEXT NOT NULL,
  judul TEXT NOT NULL,
  jenis TEXT NOT NULL,
  topik TEXT NOT NULL,
  mulai {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  selesai {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  tempat TEXT NOT NULL,
  jabatan_wajib TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, pembinaan_id)
);
CREATE INDEX pembinaan_undangan_mulai_idx ON pembinaan_undangan (desa_id, mulai);
{{rls "pembinaan_undangan"}}

-- One perangkat (administration's appointment id) present at a session,
-- ticked at the door; nama, jabatan and sebutan as they were that day.
CREATE TABLE pembinaan_hadir (
  desa_id BIGINT NOT NULL,
  pembinaan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  perangkat_id TEXT NOT NULL,
  nama TEXT NOT NULL,
  jabatan TEXT NOT NULL,
  sebutan TEXT NOT NULL,
  dicatat_oleh TEXT NOT NULL,
  dicatat_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, pembinaan_id, perangkat_id)
);
CREATE INDEX pembinaan_hadir_perangkat_idx ON pembinaan_hadir (desa_id, perangkat_id);
{{rls "pembinaan_hadir"}}

-- A material of a session (slides, a handout): the file is in blob
-- storage under kunci.
CREATE TABLE pembinaan_materi (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  pembinaan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  jenis_berkas TEXT NOT NULL,
  ukuran BIGINT NOT NULL CHECK (ukuran >= 0),
  kunci TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX pembinaan_materi_sesi_idx ON pembinaan_materi (desa_id, pembinaan_id);
{{rls "pembinaan_materi"}}

-- A follow-up point for one desa of a session, with a due date: status
-- terbuka, berjalan, selesai; catatan_desa is the desa's report. asal
-- names where it came from ('' the session itself, 'konsultasi:<id>' a
-- thread): one point per asal.
CREATE TABLE pembinaan_tindak_lanjut (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  pembinaan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  uraian TEXT NOT NULL CHECK (length(uraian) BETWEEN 3 AND 1000),
  tenggat DATE NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('terbuka', 'berjalan', 'selesai')),
  catatan_desa TEXT NOT NULL,
  asal TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX pembinaan_tindak_lanjut_sesi_idx ON pembinaan_tindak_lanjut (desa_id, pembinaan_id);
CREATE UNIQUE INDEX pembinaan_tindak_lanjut_asal_idx ON pembinaan_tindak_lanjut (desa_id, asal) WHERE asal <> '';
{{rls "pembinaan_tindak_lanjut"}}
