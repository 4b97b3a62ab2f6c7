-- The rules an APBDes is checked against, kept as data per fiscal year
-- (issue 10): a share of one set of lines (pembilang) in another
-- (penyebut), at most or at least a limit in basis points (3000 = 30 %),
-- each with its legal source. wilayah_kode '' is the national default set
-- shipped with the module (data/aturan); a kabupaten that edits a year
-- first copies that set (or its own set of another year) and from then on
-- its own rows are the whole set of that year for its desa. Not a tenant
-- table: no desa_id and no RLS, like the reference lists; the rows name
-- only a kabupaten and hold nothing of any desa.
--
-- A selector (pembilang_*, penyebut_*) takes the lines of its kelompok
-- whose kegiatan code starts with one of the comma-separated kegiatan
-- prefixes, whose rekening starts with one of the rekening prefixes and
-- whose sumber dana is one of the listed codes; an empty list does not
-- filter.
CREATE TABLE keuangan_aturan (
  wilayah_kode TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  kode TEXT NOT NULL,
  nama TEXT NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('paling_banyak', 'paling_sedikit')),
  batas_bp INTEGER NOT NULL CHECK (batas_bp BETWEEN 0 AND 10000),
  pembilang_kelompok TEXT NOT NULL,
  pembilang_kegiatan TEXT NOT NULL,
  pembilang_rekening TEXT NOT NULL,
  pembilang_sumber TEXT NOT NULL,
  penyebut_kelompok TEXT NOT NULL,
  penyebut_kegiatan TEXT NOT NULL,
  penyebut_rekening TEXT NOT NULL,
  penyebut_sumber TEXT NOT NULL,
  sumber TEXT NOT NULL,
  catatan TEXT NOT NULL,
  aktif BOOLEAN NOT NULL,
  urutan INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (wilayah_kode, tahun, kode)
);
