-- APBDes (Permendagri 20/2018): one budget per desa, year and version
-- (murni, then at most one perubahan that keeps the murni beside it), its
-- lines, its lifecycle history and the camat's comments, and the journal of
-- realisasi entries every book (BKU, buku pembantu pajak, buku pembantu
-- kegiatan) and every realisasi figure is derived from. Money is whole
-- rupiah in BIGINT; volumes are fixed-point with three decimals (2,5 m is
-- 2500). ids are UUIDv7 and timestamps UTC, both made in Go.

CREATE TABLE apbdes (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  versi TEXT NOT NULL CHECK (versi IN ('murni', 'perubahan')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'diajukan', 'dikembalikan', 'dievaluasi', 'ditetapkan')),
  -- perubahan: the murni it amends (ditetapkan before the perubahan opens)
  murni_id {{if .Postgres}}UUID{{else}}TEXT{{end}},
  perdes_nomor TEXT NOT NULL,
  perdes_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  catatan_evaluasi TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, tahun, versi),
  FOREIGN KEY (desa_id, murni_id) REFERENCES apbdes (desa_id, id),
  CHECK ((versi = 'murni') = (murni_id IS NULL)),
  CHECK (status <> 'ditetapkan' OR (perdes_nomor <> '' AND perdes_tanggal IS NOT NULL))
);

-- One row per change of status: who, when, from and to, and the note
-- given (the camat's reason for returning it, the Perdes number).
CREATE TABLE apbdes_riwayat (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  apbdes_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  dari TEXT NOT NULL,
  ke TEXT NOT NULL,
  catatan TEXT NOT NULL,
  oleh TEXT NOT NULL,
  oleh_nama TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, apbdes_id) REFERENCES apbdes (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX apbdes_riwayat_apbdes_idx ON apbdes_riwayat (desa_id, apbdes_id, created_at);

-- A line of the APBDes. kelompok follows the rekening's akun: 4 pendapatan,
-- 5 belanja, 6.1 penerimaan pembiayaan, 6.2 pengeluaran pembiayaan.
-- Belanja lines carry a kegiatan, volume × harga satuan (jumlah is their
-- product rounded half up to the rupiah), the pelaksana kegiatan (a
-- perangkat of the desa, its name copied as it was) and the output target;
-- the other kelompok carry only jumlah (volume and harga_satuan 0).
CREATE TABLE apbdes_baris (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  apbdes_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kelompok TEXT NOT NULL CHECK (kelompok IN ('pendapatan', 'belanja', 'penerimaan_pembiayaan', 'pengeluaran_pembiayaan')),
  kode_rekening TEXT NOT NULL,
  kode_kegiatan TEXT NOT NULL,
  uraian TEXT NOT NULL,
  volume BIGINT NOT NULL CHECK (volume >= 0),
  satuan TEXT NOT NULL,
  harga_satuan BIGINT NOT NULL CHECK (harga_satuan >= 0),
  jumlah BIGINT NOT NULL CHECK (jumlah >= 0),
  sumber_dana TEXT NOT NULL,
  lokasi TEXT NOT NULL,
  pelaksana_id TEXT NOT NULL,
  pelaksana_nama TEXT NOT NULL,
  output_volume BIGINT NOT NULL CHECK (output_volume >= 0),
  output_satuan TEXT NOT NULL,
  -- perubahan: the murni line this one continues ('' for a new line)
  asal_baris_id TEXT NOT NULL,
  urutan INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, apbdes_id) REFERENCES apbdes (desa_id, id) ON DELETE CASCADE,
  CHECK ((kelompok = 'belanja') = (kode_kegiatan <> ''))
);
CREATE INDEX apbdes_baris_apbdes_idx ON apbdes_baris (desa_id, apbdes_id, urutan);

-- The camat's comments while evaluating a submitted APBDes: on a line
-- (baris_id; the line's code and uraian copied, since a revision may
-- delete the line) or on the whole budget (baris_id '').
CREATE TABLE apbdes_komentar (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  apbdes_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  baris_id TEXT NOT NULL,
  baris_ringkas TEXT NOT NULL,
  isi TEXT NOT NULL,
  oleh TEXT NOT NULL,
  oleh_nama TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, apbdes_id) REFERENCES apbdes (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX apbdes_komentar_apbdes_idx ON apbdes_komentar (desa_id, apbdes_id, created_at);

-- The journal of realisasi. Entries are never edited: a mistake is undone
-- by an entry of the opposite sign that names it (koreksi_id). jenis:
--   penerimaan  money in against a pendapatan or penerimaan pembiayaan line
--               (dd_tahap 1..3 when it is a Dana Desa tahap received in the RKD)
--   pengeluaran money out against a belanja or pengeluaran pembiayaan line,
--               with PPN/PPh withheld (ppn, pph)
--   panjar      uang muka to a pelaksana against a belanja line
--   spj         the settlement of a panjar (panjar_id): what was spent
--               (jumlah) becomes the realisasi; the rest returns to kas
--   setor_pajak withheld tax paid over to the state (ppn, pph)
--   mutasi      cash moved between kas tunai and bank (kas is the source)
-- kas says which book the money moves in: 'tunai' or 'bank'.
CREATE TABLE keuangan_transaksi (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('penerimaan', 'pengeluaran', 'panjar', 'spj', 'setor_pajak', 'mutasi')),
  kas TEXT NOT NULL CHECK (kas IN ('tunai', 'bank')),
  baris_id TEXT NOT NULL,
  kode_rekening TEXT NOT NULL,
  kode_kegiatan TEXT NOT NULL,
  sumber_dana TEXT NOT NULL,
  jumlah BIGINT NOT NULL,
  ppn BIGINT NOT NULL,
  pph BIGINT NOT NULL,
  nomor_bukti TEXT NOT NULL,
  penerima TEXT NOT NULL,
  uraian TEXT NOT NULL,
  dd_tahap INTEGER NOT NULL CHECK (dd_tahap BETWEEN 0 AND 3),
  panjar_id TEXT NOT NULL,
  output_volume BIGINT NOT NULL,
  koreksi_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE INDEX keuangan_transaksi_tanggal_idx ON keuangan_transaksi (desa_id, tahun, tanggal, created_at);
CREATE INDEX keuangan_transaksi_baris_idx ON keuangan_transaksi (desa_id, baris_id);

{{rls "apbdes"}}
{{rls "apbdes_riwayat"}}
{{rls "apbdes_baris"}}
{{rls "apbdes_komentar"}}
{{rls "keuangan_transaksi"}}
