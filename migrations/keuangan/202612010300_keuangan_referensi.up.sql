-- Keuangan desa reference data (Permendagri 20/2018 tentang Pengelolaan
-- Keuangan Desa, Lampiran): kode rekening APBDes, bidang → sub-bidang →
-- kegiatan, the Siskeudes kegiatan list and the sumber dana codes. These are
-- national reference tables, not tenant tables: no desa_id and no RLS, like
-- wilayah. The runtime role reads and loads them through the default
-- privileges granted in platform's roles migration.
--
-- A regulation's codes are a versi; each versi applies to a span of fiscal
-- years, so a later Permendagri adds a versi beside this one and an APBDes
-- of 2019–2025 keeps the codes it was written with. urutan is the order of
-- the source list (ordering by kode text differs between engines' collations).
CREATE TABLE keuangan_versi (
  kode TEXT PRIMARY KEY,
  daftar TEXT NOT NULL CHECK (daftar IN ('lampiran', 'siskeudes')),
  nama TEXT NOT NULL,
  sumber TEXT NOT NULL,
  tahun_mulai INTEGER NOT NULL,
  tahun_akhir INTEGER,
  CHECK (tahun_akhir IS NULL OR tahun_akhir >= tahun_mulai)
);

-- Akun (4 pendapatan, 5 belanja, 6 pembiayaan) → kelompok → jenis → objek.
CREATE TABLE keuangan_rekening (
  versi TEXT NOT NULL REFERENCES keuangan_versi (kode),
  kode TEXT NOT NULL,
  tingkat TEXT NOT NULL CHECK (tingkat IN ('akun', 'kelompok', 'jenis', 'objek')),
  kode_induk TEXT NOT NULL,
  nama TEXT NOT NULL,
  nama_siskeudes TEXT NOT NULL,
  rentang_kode TEXT NOT NULL,
  catatan TEXT NOT NULL,
  urutan INTEGER NOT NULL,
  PRIMARY KEY (versi, kode),
  UNIQUE (versi, urutan)
);

-- Bidang → sub-bidang → kegiatan of the Lampiran, with its "lain-lain 90–99"
-- ranges (rentang_kode) and its */** markers (tanda).
CREATE TABLE keuangan_kegiatan (
  versi TEXT NOT NULL REFERENCES keuangan_versi (kode),
  kode TEXT NOT NULL,
  tingkat TEXT NOT NULL CHECK (tingkat IN ('bidang', 'sub_bidang', 'kegiatan')),
  kode_induk TEXT NOT NULL,
  nama TEXT NOT NULL,
  tanda TEXT NOT NULL,
  rentang_kode TEXT NOT NULL,
  nama_siskeudes TEXT NOT NULL,
  urutan INTEGER NOT NULL,
  PRIMARY KEY (versi, kode),
  UNIQUE (versi, urutan)
);

-- The Siskeudes (BPKP) kegiatan list as OpenSID ships it. Its codes 90–99
-- are BPKP additions, not the Lampiran's lain-lain ranges: it is a separate
-- optional list and is never merged into keuangan_kegiatan.
CREATE TABLE keuangan_kegiatan_siskeudes (
  versi TEXT NOT NULL REFERENCES keuangan_versi (kode),
  kode TEXT NOT NULL,
  kode_sub_bidang TEXT NOT NULL,
  nama TEXT NOT NULL,
  opensid_id INTEGER NOT NULL,
  sama_lampiran BOOLEAN NOT NULL,
  nama_terpotong BOOLEAN NOT NULL,
  urutan INTEGER NOT NULL,
  PRIMARY KEY (versi, kode),
  UNIQUE (versi, urutan)
);

-- Sumber dana codes written on APBDes lines (DDS, ADD, PAD, …).
CREATE TABLE keuangan_sumber_dana (
  kode TEXT PRIMARY KEY,
  nama TEXT NOT NULL,
  kode_rekening TEXT NOT NULL,
  alias TEXT NOT NULL,
  keterangan TEXT NOT NULL,
  urutan INTEGER NOT NULL UNIQUE
);
