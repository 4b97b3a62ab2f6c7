-- UMKM and BUMDes of each desa. Money is whole rupiah (BIGINT) with bounds;
-- ids are UUIDv7 and timestamps UTC, both made in Go. Blob keys name
-- objects in the blob store (platform/blob); the files are not here.

-- A usaha mikro, kecil or menengah of the desa. pemilik_nik is stored as
-- given (16 digits, checked by platform/valid) and shown masked to every
-- role but the desa's own (ARCHITECTURE.md, UU PDP 27/2022). nib is the
-- Nomor Induk Berusaha of OSS (13 digits) and unique within the desa when
-- given; npwp has 15 digits (old form) or 16 (the NIK-based form of
-- PMK 112/2022); kbli is a 5-digit KBLI 2020 kelompok and sektor its
-- kategori letter (A–U). skala is the PP 7/2021 band by turnover.
-- whatsapp is the business's own public contact, +628….
CREATE TABLE umkm (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  pemilik_nama TEXT NOT NULL,
  pemilik_nik TEXT NOT NULL CHECK (length(pemilik_nik) = 16),
  nib TEXT NOT NULL CHECK (length(nib) IN (0, 13)),
  npwp TEXT NOT NULL CHECK (length(npwp) IN (0, 15, 16)),
  kbli TEXT NOT NULL CHECK (length(kbli) IN (0, 5)),
  sektor TEXT NOT NULL CHECK (length(sektor) = 1),
  tenaga_kerja INTEGER NOT NULL CHECK (tenaga_kerja BETWEEN 0 AND 10000),
  skala TEXT NOT NULL CHECK (skala IN ('mikro', 'kecil', 'menengah')),
  dusun TEXT NOT NULL,
  alamat TEXT NOT NULL,
  whatsapp TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('aktif', 'tutup')),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX umkm_nib_idx ON umkm (desa_id, nib) WHERE nib <> '';
CREATE INDEX umkm_nama_idx ON umkm (desa_id, status, nama);
CREATE INDEX umkm_sektor_idx ON umkm (desa_id, sektor, nama);

-- A product of an UMKM with its price per unit and one photo (blob key;
-- '' when none).
CREATE TABLE umkm_produk (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  umkm_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  harga BIGINT NOT NULL CHECK (harga BETWEEN 0 AND 1000000000000),
  satuan TEXT NOT NULL,
  foto_key TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, umkm_id) REFERENCES umkm (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX umkm_produk_umkm_idx ON umkm_produk (desa_id, umkm_id, nama);

-- A photo of an UMKM: the stored image (EXIF stripped) and its thumbnail.
CREATE TABLE umkm_foto (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  umkm_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  blob_key TEXT NOT NULL CHECK (blob_key <> ''),
  thumbnail_key TEXT NOT NULL CHECK (thumbnail_key <> ''),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, umkm_id) REFERENCES umkm (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX umkm_foto_umkm_idx ON umkm_foto (desa_id, umkm_id, created_at);

-- Assistance an UMKM received: from which OPD (its code in the kabupaten's
-- list, as text: modules never reference each other's tables), the year
-- and what.
CREATE TABLE umkm_bantuan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  umkm_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  opd_kode TEXT NOT NULL CHECK (opd_kode <> ''),
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  uraian TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, umkm_id) REFERENCES umkm (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX umkm_bantuan_umkm_idx ON umkm_bantuan (desa_id, umkm_id, tahun);

-- The desa's BUMDes (PP 11/2021), one per desa. A badan hukum (registered
-- with the Kemenkumham-issued certificate of PP 11/2021 Pasal 8–9) has its
-- number and date. klasifikasi is a code of the shipped classification
-- (modules/umkm/data, the Kemendesa pemeringkatan), with the year it was
-- given and its source (e.g. the Kepmendesa of that year's results).
CREATE TABLE bumdes (
  desa_id BIGINT NOT NULL,
  nama TEXT NOT NULL,
  badan_hukum BOOLEAN NOT NULL,
  badan_hukum_nomor TEXT NOT NULL,
  badan_hukum_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  klasifikasi TEXT NOT NULL,
  klasifikasi_tahun INTEGER NOT NULL CHECK (klasifikasi_tahun = 0 OR klasifikasi_tahun BETWEEN 2000 AND 2100),
  klasifikasi_sumber TEXT NOT NULL,
  tenaga_kerja INTEGER NOT NULL CHECK (tenaga_kerja BETWEEN 0 AND 10000),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id),
  CHECK (badan_hukum = (badan_hukum_nomor <> '')),
  CHECK (badan_hukum = (badan_hukum_tanggal IS NOT NULL)),
  CHECK ((klasifikasi = '') = (klasifikasi_tahun = 0)),
  CHECK (klasifikasi = '' OR klasifikasi_sumber <> '')
);

-- A unit usaha of the BUMDes.
CREATE TABLE bumdes_unit (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  bidang TEXT NOT NULL,
  aktif BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id) REFERENCES bumdes (desa_id) ON DELETE CASCADE
);

-- The BUMDes's figures of one year as its report states them: penyertaan
-- modal received from the desa, omzet, laba (negative: rugi), its
-- contribution to the desa's PADes, and assets at year end. The desa's
-- own APBDes side (6.2.2 and 4.1.1.01) comes from keuangan through an
-- interface, for comparison.
CREATE TABLE bumdes_tahun (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  penyertaan_modal BIGINT NOT NULL CHECK (penyertaan_modal BETWEEN 0 AND 1000000000000),
  omzet BIGINT NOT NULL CHECK (omzet BETWEEN 0 AND 1000000000000),
  laba BIGINT NOT NULL CHECK (laba BETWEEN -1000000000000 AND 1000000000000),
  pades BIGINT NOT NULL CHECK (pades BETWEEN 0 AND 1000000000000),
  aset BIGINT NOT NULL CHECK (aset BETWEEN 0 AND 1000000000000),
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, tahun),
  FOREIGN KEY (desa_id) REFERENCES bumdes (desa_id) ON DELETE CASCADE
);

-- The BUMDes's yearly report (laporan pertanggungjawaban), one per year;
-- uploading again replaces it.
CREATE TABLE bumdes_laporan (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  blob_key TEXT NOT NULL CHECK (blob_key <> ''),
  nama_berkas TEXT NOT NULL,
  ukuran BIGINT NOT NULL CHECK (ukuran BETWEEN 1 AND 52428800),
  diunggah_oleh TEXT NOT NULL,
  diunggah_pada {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, tahun),
  FOREIGN KEY (desa_id) REFERENCES bumdes (desa_id) ON DELETE CASCADE
);

{{rls "umkm"}}
{{rls "umkm_produk"}}
{{rls "umkm_foto"}}
{{rls "umkm_bantuan"}}
{{rls "bumdes"}}
{{rls "bumdes_unit"}}
{{rls "bumdes_tahun"}}
{{rls "bumdes_laporan"}}
