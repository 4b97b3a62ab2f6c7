-- Kunjungan kerja ("ngantor di desa"): the bupati and the OPD work from one
-- desa for a day. A visit belongs to the desa it goes to (tenant table);
-- the kabupaten plans it. ids are UUIDv7 and timestamps UTC, made in Go;
-- tanggal and tenggat are civil dates in the desa.

-- One visit. status: direncanakan → berlangsung → selesai, or dibatalkan
-- (alasan). camat_hadir / forum_hadir: whether the kecamatan and the forum
-- perbekel are expected (before) and attended (after the visit).
CREATE TABLE kunjungan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 5 AND 200),
  keterangan TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('direncanakan', 'berlangsung', 'selesai', 'dibatalkan')),
  camat_hadir BOOLEAN NOT NULL,
  forum_hadir BOOLEAN NOT NULL,
  alasan TEXT NOT NULL,
  catatan_hasil TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX kunjungan_tanggal_idx ON kunjungan (desa_id, tanggal, id);
{{rls "kunjungan"}}

-- Where a visit id leads: its desa, nothing else, so /kunjungan/{id}
-- finds the desa whose row-level wall it then opens. Not a tenant table
-- (read before any tenant is known): its desa column is not desa_id.
CREATE TABLE kunjungan_lacak (
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} PRIMARY KEY,
  desa BIGINT NOT NULL
);

-- The OPD taking part (from the opd registry; code and name as they were
-- when invited). hadir is recorded after the visit.
CREATE TABLE kunjungan_opd (
  desa_id BIGINT NOT NULL,
  kunjungan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  opd_id TEXT NOT NULL,
  opd_kode TEXT NOT NULL,
  opd_nama TEXT NOT NULL,
  hadir BOOLEAN,
  PRIMARY KEY (desa_id, kunjungan_id, opd_id),
  FOREIGN KEY (desa_id, kunjungan_id) REFERENCES kunjungan (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX kunjungan_opd_opd_idx ON kunjungan_opd (opd_id, desa_id, kunjungan_id);
{{rls "kunjungan_opd"}}

-- The agenda: items the kabupaten plans (oleh kabupaten) and the points
-- and issues the desa adds (oleh desa). jenis: tps3r, umkm, bumdes, cctv,
-- layanan (a service stall of opd_id), audiensi (a session), isu (an issue
-- the desa wants raised), lain. terlaksana and hasil record the day.
CREATE TABLE kunjungan_agenda (
  desa_id BIGINT NOT NULL,
  kunjungan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  urut INTEGER NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('tps3r', 'umkm', 'bumdes', 'cctv', 'layanan', 'audiensi', 'isu', 'lain')),
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 3 AND 200),
  keterangan TEXT NOT NULL,
  opd_id TEXT NOT NULL,
  oleh TEXT NOT NULL CHECK (oleh IN ('kabupaten', 'desa')),
  terlaksana BOOLEAN,
  hasil TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, kunjungan_id, urut),
  FOREIGN KEY (desa_id, kunjungan_id) REFERENCES kunjungan (desa_id, id) ON DELETE CASCADE
);
{{rls "kunjungan_agenda"}}

-- A commitment made on the day: what, who answers for it (penanggung = an
-- OPD id, or 'desa'), by when, and how far it is (belum / proses /
-- selesai with bukti, the evidence).
CREATE TABLE kunjungan_komitmen (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kunjungan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  isi TEXT NOT NULL CHECK (length(isi) BETWEEN 5 AND 1000),
  penanggung TEXT NOT NULL,
  penanggung_nama TEXT NOT NULL,
  tenggat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('belum', 'proses', 'selesai')),
  bukti TEXT NOT NULL,
  selesai {{if .Postgres}}DATE{{else}}TEXT{{end}},
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, kunjungan_id) REFERENCES kunjungan (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX kunjungan_komitmen_kunjungan_idx ON kunjungan_komitmen (desa_id, kunjungan_id, tenggat);
CREATE INDEX kunjungan_komitmen_penanggung_idx ON kunjungan_komitmen (penanggung, status, tenggat, desa_id);
{{rls "kunjungan_komitmen"}}

-- A briefing dossier (or the post-visit report): one per visit and
-- audience (bupati, an OPD's code, or laporan for the report after the
-- visit); kunjungan_id is '' for a planning dossier of a desa with no visit
-- (the bulk run). status: antri (queued) → dibuat (building) → siap, or
-- gagal with alasan. versi is the latest built version (0: none yet).
CREATE TABLE kunjungan_dossier (
  desa_id BIGINT NOT NULL,
  kunjungan_id TEXT NOT NULL,
  audiens TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('antri', 'dibuat', 'siap', 'gagal')),
  alasan TEXT NOT NULL,
  versi INTEGER NOT NULL,
  permintaan TEXT NOT NULL,
  diminta_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, kunjungan_id, audiens)
);
{{rls "kunjungan_dossier"}}

-- Each built version: its content hash (over the document, so unchanged
-- data gives the same hash and no new version), the blob keys of its PDF
-- and XLSX (named by the hash: a re-run writes the same files), built at.
CREATE TABLE kunjungan_dossier_versi (
  desa_id BIGINT NOT NULL,
  kunjungan_id TEXT NOT NULL,
  audiens TEXT NOT NULL,
  versi INTEGER NOT NULL,
  hash TEXT NOT NULL,
  kunci_pdf TEXT NOT NULL,
  kunci_xlsx TEXT NOT NULL,
  ukuran_pdf BIGINT NOT NULL,
  ukuran_xlsx BIGINT NOT NULL,
  dibuat_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, kunjungan_id, audiens, versi),
  FOREIGN KEY (desa_id, kunjungan_id, audiens) REFERENCES kunjungan_dossier (desa_id, kunjungan_id, audiens) ON DELETE CASCADE
);
CREATE UNIQUE INDEX kunjungan_dossier_versi_hash_idx ON kunjungan_dossier_versi (desa_id, kunjungan_id, audiens, hash);
{{rls "kunjungan_dossier_versi"}}
