-- The working-day calendar behind every service clock (platform/kalender).
-- Reference data, not tenant tables: no desa_id, read by every role.
--
-- hari_libur: wilayah_kode '' holds the national days (libur nasional and
-- cuti bersama of each year's SKB); a kabupaten code holds that kabupaten's
-- libur daerah; a provinsi code ('51', Bali) holds the starting list its
-- kabupaten admins confirm (copied to the kabupaten when confirmed; only a
-- kabupaten's own rows count in its calendar).
CREATE TABLE hari_libur (
  wilayah_kode TEXT NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('libur_nasional', 'cuti_bersama', 'libur_daerah')),
  nama TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  sumber TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (wilayah_kode, tanggal)
);

-- kalender_tahun: the years whose national list is loaded. A year without
-- a row is computed with weekends only, and clocks in it say "perkiraan".
CREATE TABLE kalender_tahun (
  tahun INTEGER PRIMARY KEY CHECK (tahun BETWEEN 2000 AND 2100),
  sumber TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);
