-- Iuran kebersihan: the household waste-fee ledger of a desa. A class sets
-- the monthly rate (whole rupiah); a household belongs to one class from
-- the month it started; a bill per household and month copies the class
-- rate when it is issued, so a later rate change never alters it; payments
-- are never edited — a mistaken one is undone by a reversing payment
-- (negative jumlah) that names it. dibayar on the bill is the running sum
-- of its payments, kept by one conditional UPDATE per payment so two
-- payments at once can never exceed the bill.
CREATE TABLE sampah_iuran_kelas (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  tarif BIGINT NOT NULL CHECK (tarif BETWEEN 0 AND 10000000),
  aktif BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX sampah_iuran_kelas_nama_idx ON sampah_iuran_kelas (desa_id, lower(nama));

CREATE TABLE sampah_iuran_rumah (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  dusun TEXT NOT NULL,
  alamat TEXT NOT NULL,
  kelas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  -- the first month billed, 'YYYY-MM'
  mulai TEXT NOT NULL,
  aktif BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, kelas_id) REFERENCES sampah_iuran_kelas (desa_id, id)
);
CREATE INDEX sampah_iuran_rumah_nama_idx ON sampah_iuran_rumah (desa_id, nama, id);

CREATE TABLE sampah_iuran_tagihan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  rumah_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  periode TEXT NOT NULL,
  kelas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jumlah BIGINT NOT NULL CHECK (jumlah >= 0),
  dibayar BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, rumah_id, periode),
  FOREIGN KEY (desa_id, rumah_id) REFERENCES sampah_iuran_rumah (desa_id, id),
  CHECK (dibayar BETWEEN 0 AND jumlah)
);
CREATE INDEX sampah_iuran_tagihan_periode_idx ON sampah_iuran_tagihan (desa_id, periode);

CREATE TABLE sampah_iuran_bayar (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tagihan_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  jumlah BIGINT NOT NULL CHECK (jumlah <> 0),
  koreksi_id TEXT NOT NULL,
  alasan TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, tagihan_id) REFERENCES sampah_iuran_tagihan (desa_id, id),
  CHECK ((jumlah > 0) = (koreksi_id = '')),
  CHECK (koreksi_id = '' OR alasan <> '')
);
CREATE INDEX sampah_iuran_bayar_tagihan_idx ON sampah_iuran_bayar (desa_id, tagihan_id, created_at);
CREATE INDEX sampah_iuran_bayar_tanggal_idx ON sampah_iuran_bayar (desa_id, tanggal);
CREATE UNIQUE INDEX sampah_iuran_bayar_koreksi_idx ON sampah_iuran_bayar (desa_id, koreksi_id) WHERE koreksi_id <> '';

{{rls "sampah_iuran_kelas"}}
{{rls "sampah_iuran_rumah"}}
{{rls "sampah_iuran_tagihan"}}
{{rls "sampah_iuran_bayar"}}
