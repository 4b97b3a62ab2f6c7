-- Persuratan (tata naskah dinas desa): the buku agenda of surat keluar and
-- surat masuk (Permendagri 47/2016, administrasi umum), disposisi of
-- incoming letters, the numbering counters and each desa's numbering
-- settings, plus the kode klasifikasi arsip reference table (Permendagri
-- 83/2022). ids are UUIDv7 and timestamps UTC, both made in Go; tanggal
-- columns are calendar dates (DATE on PostgreSQL, ISO text on SQLite).

-- klasifikasi_surat is reference data, not a tenant table: wilayah_kode ''
-- holds the national codes of Permendagri 83/2022, a kabupaten code holds the
-- codes that kabupaten added (Permendagri 83/2022 lets a daerah develop
-- finer codes under the national ones). A code may be reissued with another
-- uraian from a later valid_from; letters copy the one valid when issued.
CREATE TABLE klasifikasi_surat (
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} PRIMARY KEY,
  wilayah_kode TEXT NOT NULL,
  kode TEXT NOT NULL,
  uraian TEXT NOT NULL,
  sumber TEXT NOT NULL,
  valid_from {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  valid_to {{if .Postgres}}DATE{{else}}TEXT{{end}},
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  UNIQUE (wilayah_kode, kode, valid_from)
);
CREATE INDEX klasifikasi_surat_kode_idx ON klasifikasi_surat (kode);

-- One row per desa once its numbering was configured; absent means the
-- defaults of the module (see DefaultFormat).
CREATE TABLE surat_pengaturan (
  desa_id BIGINT NOT NULL,
  format TEXT NOT NULL,
  kebijakan TEXT NOT NULL CHECK (kebijakan IN ('bersama', 'register', 'jenis')),
  kode_desa TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id)
);

-- The last number given in one sequence (lingkup) of one desa in one year.
-- It is incremented in the same transaction that inserts the letter, so a
-- rolled-back letter gives its number back: no gap, no duplicate.
CREATE TABLE surat_urutan (
  desa_id BIGINT NOT NULL,
  lingkup TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  terakhir BIGINT NOT NULL,
  PRIMARY KEY (desa_id, lingkup, tahun)
);

CREATE TABLE surat_keluar (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  lingkup TEXT NOT NULL,
  urut BIGINT NOT NULL,
  nomor TEXT NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL,
  klasifikasi_kode TEXT NOT NULL,
  klasifikasi_uraian TEXT NOT NULL,
  tujuan TEXT NOT NULL,
  perihal TEXT NOT NULL,
  pemohon {{if .Postgres}}JSONB{{else}}TEXT{{end}},
  penandatangan_nama TEXT NOT NULL,
  penandatangan_jabatan TEXT NOT NULL,
  kop {{if .Postgres}}JSONB{{else}}TEXT{{end}} NOT NULL,
  pdf_key TEXT,
  lampiran_key TEXT,
  lampiran_nama TEXT,
  lampiran_tipe TEXT,
  lampiran_ukuran BIGINT,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, lingkup, tahun, urut),
  UNIQUE (desa_id, nomor)
);
CREATE INDEX surat_keluar_tahun_idx ON surat_keluar (desa_id, tahun, id);
CREATE INDEX surat_keluar_tanggal_idx ON surat_keluar (desa_id, tanggal, id);
-- The public verification page knows only the id.
CREATE INDEX surat_keluar_id_idx ON surat_keluar (id);

CREATE TABLE surat_masuk (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  lingkup TEXT NOT NULL,
  nomor_agenda BIGINT NOT NULL,
  tanggal_terima {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  nomor_surat TEXT NOT NULL,
  tanggal_surat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  pengirim TEXT NOT NULL,
  perihal TEXT NOT NULL,
  klasifikasi_kode TEXT NOT NULL,
  klasifikasi_uraian TEXT NOT NULL,
  lampiran_key TEXT,
  lampiran_nama TEXT,
  lampiran_tipe TEXT,
  lampiran_ukuran BIGINT,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, lingkup, tahun, nomor_agenda)
);
CREATE INDEX surat_masuk_tahun_idx ON surat_masuk (desa_id, tahun, id);
CREATE INDEX surat_masuk_tanggal_idx ON surat_masuk (desa_id, tanggal_terima, id);

CREATE TABLE surat_disposisi (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  surat_masuk_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kepada_nama TEXT NOT NULL,
  kepada_jabatan TEXT NOT NULL,
  perangkat_id TEXT NOT NULL,
  catatan TEXT NOT NULL,
  selesai BOOLEAN NOT NULL,
  selesai_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  selesai_by TEXT,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, surat_masuk_id) REFERENCES surat_masuk (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX surat_disposisi_masuk_idx ON surat_disposisi (desa_id, surat_masuk_id);

{{rls "surat_pengaturan"}}
{{rls "surat_urutan"}}
{{rls "surat_keluar"}}
{{rls "surat_masuk"}}
{{rls "surat_disposisi"}}
