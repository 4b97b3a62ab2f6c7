-- Forum perbekel: the comparison panel. Figures are copied by a job from
-- the modules' indicator providers into forum_nilai (the panel never
-- aggregates on request); IDM scores are imported per year. Every table
-- carries desa_id for the row-level wall: a desa's own id for desa rows,
-- a wilayah's own id (inside its range, as in audit_log) for rows of a
-- kecamatan or kabupaten.

-- One figure of one desa for one year: sumber is the providing module
-- ("idm" for the imported scores), kode its indicator code. nilai is a
-- double: counts are exact up to 2^53, IDM scores have four decimals.
CREATE TABLE forum_nilai (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL,
  sumber TEXT NOT NULL,
  kode TEXT NOT NULL,
  nilai DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (desa_id, tahun, sumber, kode)
);
-- The ranking reads one indicator of one year over a wilayah's id range.
CREATE INDEX forum_nilai_peringkat_idx ON forum_nilai (tahun, sumber, kode, desa_id, nilai);
{{rls "forum_nilai"}}

-- The desa the last rollup covered, with the names the panel prints and
-- the kecamatan it belongs to (copied from the region list, so a ranking
-- reads the forum's tables alone).
CREATE TABLE forum_desa (
  desa_id BIGINT NOT NULL PRIMARY KEY,
  nama TEXT NOT NULL,
  nama_kecamatan TEXT NOT NULL
);
{{rls "forum_desa"}}

-- One rollup run per kabupaten and year (desa_id = the kabupaten's own
-- id): when it was computed, over how many desa, and the newest change
-- the providers reported when it ran.
CREATE TABLE forum_rollup (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL,
  dihitung_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  jumlah_desa INTEGER NOT NULL,
  jumlah_nilai INTEGER NOT NULL,
  PRIMARY KEY (desa_id, tahun)
);
{{rls "forum_rollup"}}

-- A weighted composite the forum defines, named and saved at the wilayah
-- it was defined for (desa_id = the kecamatan's or kabupaten's own id).
-- bobot is JSON: [{"indikator":"sumber.kode","bobot":n}, …], 1 ≤ n ≤ 100.
CREATE TABLE forum_komposit (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL CHECK (length(nama) BETWEEN 3 AND 80),
  bobot TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX forum_komposit_nama_idx ON forum_komposit (desa_id, nama);
{{rls "forum_komposit"}}

-- IDM (Indeks Desa Membangun, Kemendesa) of one desa for one year, as
-- imported. status is computed from nilai with the official cut-offs;
-- status_berkas is what the file said ('' when it said nothing), and beda
-- marks a file whose status disagrees. demo marks generated values.
CREATE TABLE forum_idm (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  iks DOUBLE PRECISION NOT NULL,
  ike DOUBLE PRECISION NOT NULL,
  ikl DOUBLE PRECISION NOT NULL,
  nilai DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,
  status_berkas TEXT NOT NULL,
  beda BOOLEAN NOT NULL,
  demo BOOLEAN NOT NULL,
  impor_id TEXT NOT NULL,
  PRIMARY KEY (desa_id, tahun)
);
CREATE INDEX forum_idm_tahun_idx ON forum_idm (tahun, desa_id);
{{rls "forum_idm"}}

-- One import of an IDM file into a wilayah (desa_id = its own id): who,
-- when, the file's name, and the counts of rows: read (every year),
-- skipped (another year than tahun), taken and flagged. A refused file
-- writes nothing, so it has no row here.
CREATE TABLE forum_idm_impor (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  berkas TEXT NOT NULL,
  baris INTEGER NOT NULL,
  dilewati INTEGER NOT NULL,
  diterima INTEGER NOT NULL,
  ditandai INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
{{rls "forum_idm_impor"}}
