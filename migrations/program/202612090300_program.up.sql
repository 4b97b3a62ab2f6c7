-- The programmes that should serve the kabupaten's RPJM: the desa's own
-- (program_desa) and the OPD's located in a desa (program_opd). Both are
-- tenant tables of the desa they are in. A desa programme is either linked
-- to a kegiatan of the desa's APBDes (kegiatan_kode and tahun; its name,
-- pagu and realisasi are read from keuangan when shown, never copied) or
-- standalone (nama, sumber_dana, pagu). ids are UUIDv7 and timestamps UTC,
-- made in Go; money is whole rupiah.

-- sub_bidang is the Permendagri 20/2018 bidang.sub-bidang ("02.03"): the
-- linked kegiatan's, or the one a standalone programme chose ('' none).
-- lokasi is the dusun/banjar as typed; lokasi_kunci its normalised form
-- the overlap rule compares. jenis_aset '' is no physical asset.
-- demo marks rows the dev seed made up.
CREATE TABLE program_desa (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  kegiatan_kode TEXT NOT NULL,
  sub_bidang TEXT NOT NULL,
  nama TEXT NOT NULL,
  sumber_dana TEXT NOT NULL,
  pagu BIGINT NOT NULL CHECK (pagu >= 0),
  lokasi TEXT NOT NULL,
  lokasi_kunci TEXT NOT NULL,
  jenis_aset TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  CHECK ((kegiatan_kode = '') = (nama <> '')),
  CHECK (kegiatan_kode = '' OR (sumber_dana = '' AND pagu = 0))
);
CREATE INDEX program_desa_tahun_idx ON program_desa (desa_id, tahun, id);
-- A kegiatan is linked by one programme a year.
CREATE UNIQUE INDEX program_desa_kegiatan_idx ON program_desa (desa_id, tahun, kegiatan_kode) WHERE kegiatan_kode <> '';
{{rls "program_desa"}}

-- An OPD's programme located in a desa: the OPD's own kegiatan or
-- sub-kegiatan code (its nomenclature, free text) and, for comparison with
-- the desa's, the desa kegiatan (kegiatan_desa, '' none) and sub-bidang it
-- maps to.
CREATE TABLE program_opd (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  opd_id TEXT NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  nama TEXT NOT NULL,
  kode_opd TEXT NOT NULL,
  kegiatan_desa TEXT NOT NULL,
  sub_bidang TEXT NOT NULL,
  pagu BIGINT NOT NULL CHECK (pagu >= 0),
  lokasi TEXT NOT NULL,
  lokasi_kunci TEXT NOT NULL,
  jenis_aset TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX program_opd_tahun_idx ON program_opd (desa_id, tahun, opd_id);
{{rls "program_opd"}}

-- A programme's tags to RPJM sasaran (rpjm_node ids of jenis sasaran of
-- the desa's kabupaten; checked when written, no foreign key: the RPJM
-- rows are the kabupaten's). milik is whose programme: desa or opd.
CREATE TABLE program_sasaran (
  desa_id BIGINT NOT NULL,
  program_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  sasaran_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  milik TEXT NOT NULL CHECK (milik IN ('desa', 'opd')),
  PRIMARY KEY (desa_id, program_id, sasaran_id)
);
CREATE INDEX program_sasaran_sasaran_idx ON program_sasaran (desa_id, milik, sasaran_id);
{{rls "program_sasaran"}}

-- A programme's output and outcome indicators, in order.
CREATE TABLE program_indikator (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  program_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('output', 'outcome')),
  uraian TEXT NOT NULL,
  satuan TEXT NOT NULL,
  urut INTEGER NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX program_indikator_program_idx ON program_indikator (desa_id, program_id, urut);
{{rls "program_indikator"}}

-- An indicator's target and realisasi (NULL: not yet measured) per year.
CREATE TABLE program_capaian (
  desa_id BIGINT NOT NULL,
  indikator_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  target DOUBLE PRECISION NOT NULL,
  realisasi DOUBLE PRECISION,
  PRIMARY KEY (desa_id, indikator_id, tahun),
  FOREIGN KEY (desa_id, indikator_id) REFERENCES program_indikator (desa_id, id) ON DELETE CASCADE
);
{{rls "program_capaian"}}
