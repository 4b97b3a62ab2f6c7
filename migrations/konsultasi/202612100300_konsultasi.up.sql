-- Konsultasi: a desa's threads with its kecamatan. Every row is the
-- desa's (desa_id = the desa that asks); the kecamatan reads them through
-- its range. ids are UUIDv7 and timestamps UTC, made in Go.

-- bagian: the section asked (tata_pemerintahan, kesra,
-- ekonomi_pembangunan, camat); topik a code of the pembinaan topic list.
-- status: baru (no kecamatan answer yet), dijawab, selesai (closed by
-- either side; final). dijawab_pertama_pada is the first kecamatan
-- answer; hari_kerja_jawab the working days from opening to it (the
-- kabupaten's calendar, counted when answered). tindak_lanjut_id and
-- pembinaan_id name the follow-up point of a pembinaan the thread became
-- ('' none). demo marks rows the dev seed made up.
CREATE TABLE konsultasi (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  bagian TEXT NOT NULL CHECK (bagian IN ('tata_pemerintahan', 'kesra', 'ekonomi_pembangunan', 'camat')),
  topik TEXT NOT NULL,
  judul TEXT NOT NULL CHECK (length(judul) BETWEEN 5 AND 200),
  status TEXT NOT NULL CHECK (status IN ('baru', 'dijawab', 'selesai')),
  dibuka_oleh TEXT NOT NULL,
  dibuka_nama TEXT NOT NULL,
  dibuka_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  dijawab_pertama_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  hari_kerja_jawab INTEGER CHECK (hari_kerja_jawab >= 0),
  selesai_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  selesai_oleh TEXT NOT NULL,
  tindak_lanjut_id TEXT NOT NULL,
  pembinaan_id TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  CHECK ((status = 'baru') = (dijawab_pertama_pada IS NULL) OR status = 'selesai'),
  CHECK ((status = 'selesai') = (selesai_pada IS NOT NULL))
);
CREATE INDEX konsultasi_status_idx ON konsultasi (desa_id, status, dibuka_pada);
CREATE INDEX konsultasi_dibuka_idx ON konsultasi (desa_id, dibuka_pada);
{{rls "konsultasi"}}

-- A message of a thread, the opening question first. sisi: desa (the
-- desa's perangkat) or kecamatan (its camat and staff). Only appended,
-- never changed (the thread is its own record).
CREATE TABLE konsultasi_pesan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  konsultasi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  sisi TEXT NOT NULL CHECK (sisi IN ('desa', 'kecamatan')),
  isi TEXT NOT NULL CHECK (length(isi) BETWEEN 1 AND 5000),
  pengirim TEXT NOT NULL,
  pengirim_nama TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, konsultasi_id) REFERENCES konsultasi (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX konsultasi_pesan_utas_idx ON konsultasi_pesan (desa_id, konsultasi_id, created_at);
{{rls "konsultasi_pesan"}}

-- A file attached to a thread by either side: the file is in blob
-- storage under kunci; jenis_berkas its checked media type.
CREATE TABLE konsultasi_lampiran (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  konsultasi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  sisi TEXT NOT NULL CHECK (sisi IN ('desa', 'kecamatan')),
  nama TEXT NOT NULL,
  jenis_berkas TEXT NOT NULL,
  ukuran BIGINT NOT NULL CHECK (ukuran >= 0),
  kunci TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, konsultasi_id) REFERENCES konsultasi (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX konsultasi_lampiran_utas_idx ON konsultasi_lampiran (desa_id, konsultasi_id, created_at);
{{rls "konsultasi_lampiran"}}
