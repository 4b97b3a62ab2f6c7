-- Pengelolaan sampah (SIMASA): each desa's facilities (TPS3R, bank sampah,
-- TPS/depo), the bank sampah's nasabah, jenis sampah and their price list,
-- the passbook journal (setoran, penarikan, penjualan to pengepul, koreksi),
-- the TPS3R daily log, and the kabupaten's settings and targets. Weights are
-- whole grams (BIGINT); a jenis counted in pcs or liter keeps thousandths
-- of its unit in the same column. Money is whole rupiah. ids are UUIDv7
-- and timestamps UTC, both made in Go.

-- A kabupaten's setting for the timbulan estimate (grams per person per
-- day, with its source) and its targets; wilayah_kode '' holds the
-- national defaults (Jakstranas). Not tenant data.
CREATE TABLE sampah_target (
  wilayah_kode TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  indikator TEXT NOT NULL CHECK (indikator IN ('pengurangan', 'penanganan')),
  persen_bp INTEGER NOT NULL CHECK (persen_bp BETWEEN 0 AND 10000),
  dasar_hukum TEXT NOT NULL,
  PRIMARY KEY (wilayah_kode, tahun, indikator)
);

CREATE TABLE sampah_pengaturan (
  wilayah_kode TEXT NOT NULL PRIMARY KEY,
  timbulan_gram_orang_hari INTEGER NOT NULL CHECK (timbulan_gram_orang_hari BETWEEN 1 AND 5000),
  sumber TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);

-- A facility of the desa. Status tidak_aktif needs its reason. The land,
-- the manager and the funding are as the desa records them; kegiatan_kode
-- names the keuangan reference's kegiatan (e.g. 02.04.15) as text, since
-- modules never reference each other's tables.
CREATE TABLE sampah_fasilitas (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('tps3r', 'bank_sampah', 'tps', 'depo')),
  nama TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('aktif', 'tidak_aktif')),
  alasan_tidak_aktif TEXT NOT NULL,
  kapasitas_gram_hari BIGINT NOT NULL CHECK (kapasitas_gram_hari >= 0),
  lahan TEXT NOT NULL CHECK (lahan IN ('', 'desa_dinas', 'desa_adat', 'lainnya')),
  lahan_keterangan TEXT NOT NULL,
  pengelola_jenis TEXT NOT NULL CHECK (pengelola_jenis IN ('', 'ksm', 'bumdes', 'pokmas', 'lainnya')),
  pengelola_nama TEXT NOT NULL,
  petugas INTEGER NOT NULL CHECK (petugas >= 0),
  -- coordinates in millionths of a degree (WGS 84); 0,0 when unknown
  lintang_e6 BIGINT NOT NULL,
  bujur_e6 BIGINT NOT NULL,
  tahun_dibangun INTEGER NOT NULL,
  kegiatan_kode TEXT NOT NULL,
  sumber_dana TEXT NOT NULL,
  -- grams per m³, for logs entered in m³ (0: the facility logs in kg)
  densitas_gram_m3 BIGINT NOT NULL CHECK (densitas_gram_m3 >= 0),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  CHECK (status = 'aktif' OR alasan_tidak_aktif <> '')
);
CREATE INDEX sampah_fasilitas_jenis_idx ON sampah_fasilitas (desa_id, jenis, nama);

-- A nasabah of one bank sampah unit; nomor is the member number printed
-- on the card, unique within the unit.
CREATE TABLE sampah_nasabah (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  fasilitas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nomor INTEGER NOT NULL,
  nama TEXT NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('rumah_tangga', 'lembaga')),
  dusun TEXT NOT NULL,
  telepon TEXT NOT NULL,
  aktif BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, fasilitas_id, nomor),
  FOREIGN KEY (desa_id, fasilitas_id) REFERENCES sampah_fasilitas (desa_id, id)
);
CREATE INDEX sampah_nasabah_nama_idx ON sampah_nasabah (desa_id, fasilitas_id, nama);

-- A jenis sampah a bank sampah buys, with its unit.
CREATE TABLE sampah_jenis (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  fasilitas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kode TEXT NOT NULL,
  nama TEXT NOT NULL,
  kelompok TEXT NOT NULL CHECK (kelompok IN ('organik', 'anorganik', 'residu')),
  satuan TEXT NOT NULL CHECK (satuan IN ('kg', 'pcs', 'liter')),
  aktif BOOLEAN NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, fasilitas_id, kode),
  FOREIGN KEY (desa_id, fasilitas_id) REFERENCES sampah_fasilitas (desa_id, id)
);

-- The price of a jenis from a date on (rupiah per kg, pcs or liter); a
-- setoran copies the price in force on its date.
CREATE TABLE sampah_harga (
  desa_id BIGINT NOT NULL,
  jenis_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  berlaku_mulai {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  harga BIGINT NOT NULL CHECK (harga >= 0),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, jenis_id, berlaku_mulai),
  FOREIGN KEY (desa_id, jenis_id) REFERENCES sampah_jenis (desa_id, id)
);

-- The journal of a bank sampah. A nasabah's saldo is the sum of jumlah of
-- its entries: setoran credits (+), penarikan debits (−), koreksi undoes
-- an entry (koreksi_id) with the opposite sign. Penjualan (to a pengepul)
-- has no nasabah and records the unit's revenue. Entries are never edited.
CREATE TABLE sampah_entri (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  fasilitas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nasabah_id TEXT NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('setoran', 'penarikan', 'penjualan', 'koreksi')),
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  jumlah BIGINT NOT NULL,
  pembeli TEXT NOT NULL,
  koreksi_id TEXT NOT NULL,
  catatan TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, fasilitas_id) REFERENCES sampah_fasilitas (desa_id, id),
  CHECK ((jenis = 'penjualan') = (nasabah_id = ''))
);
CREATE INDEX sampah_entri_nasabah_idx ON sampah_entri (desa_id, nasabah_id, tanggal);
CREATE INDEX sampah_entri_tanggal_idx ON sampah_entri (desa_id, fasilitas_id, tanggal);

-- The weights of a setoran or penjualan per jenis, with the price copied.
CREATE TABLE sampah_entri_rinci (
  desa_id BIGINT NOT NULL,
  entri_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jenis_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jumlah_milli BIGINT NOT NULL CHECK (jumlah_milli > 0),
  harga BIGINT NOT NULL CHECK (harga >= 0),
  nilai BIGINT NOT NULL CHECK (nilai >= 0),
  PRIMARY KEY (desa_id, entri_id, jenis_id),
  FOREIGN KEY (desa_id, entri_id) REFERENCES sampah_entri (desa_id, id) ON DELETE CASCADE
);

-- The daily log of a TPS3R: what came in, split, what it made and sent on.
CREATE TABLE sampah_log (
  desa_id BIGINT NOT NULL,
  fasilitas_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  beroperasi BOOLEAN NOT NULL,
  organik_gram BIGINT NOT NULL CHECK (organik_gram >= 0),
  anorganik_gram BIGINT NOT NULL CHECK (anorganik_gram >= 0),
  residu_gram BIGINT NOT NULL CHECK (residu_gram >= 0),
  kompos_gram BIGINT NOT NULL CHECK (kompos_gram >= 0),
  residu_tpa_gram BIGINT NOT NULL CHECK (residu_tpa_gram >= 0),
  catatan TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, fasilitas_id, tanggal),
  FOREIGN KEY (desa_id, fasilitas_id) REFERENCES sampah_fasilitas (desa_id, id)
);

{{rls "sampah_fasilitas"}}
{{rls "sampah_nasabah"}}
{{rls "sampah_jenis"}}
{{rls "sampah_harga"}}
{{rls "sampah_entri"}}
{{rls "sampah_entri_rinci"}}
{{rls "sampah_log"}}
