-- CCTV desa: each desa's cameras (where, what they watch, who owns and
-- paid for them, how long recordings are kept), who may open a camera's
-- live link and every time someone did, the health probes' results, and
-- the kabupaten's probe settings. ids are UUIDv7 and timestamps UTC, both
-- made in Go. Money is whole rupiah.

-- A kabupaten's probe settings (wilayah_kode is the kabupaten's code).
-- Cameras usually sit on a desa LAN: probing private, loopback and
-- link-local addresses is refused unless the kabupaten deliberately
-- allows it here. Not tenant data.
CREATE TABLE cctv_pengaturan (
  wilayah_kode TEXT NOT NULL PRIMARY KEY,
  izinkan_alamat_privat BOOLEAN NOT NULL,
  interval_probe_menit INTEGER NOT NULL CHECK (interval_probe_menit BETWEEN 1 AND 1440),
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);

-- A camera of the desa. stream_url never carries credentials (the
-- validation refuses a user:password@ part); kredensial holds them as a
-- ciphertext sealed with NGANTOR_SECRET_KEY ('' when the stream needs
-- none). kegiatan_kode names the keuangan reference's kegiatan as text,
-- since modules never reference each other's tables. A private camera
-- (pemilik swasta) is used under an agreement the desa notes.
CREATE TABLE cctv_kamera (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  dusun TEXT NOT NULL,
  -- coordinates in millionths of a degree (WGS 84)
  lintang_e6 BIGINT NOT NULL,
  bujur_e6 BIGINT NOT NULL,
  pantauan TEXT NOT NULL,
  tujuan TEXT NOT NULL CHECK (tujuan IN ('keamanan', 'lalu_lintas', 'sampah_liar', 'bencana', 'fasilitas_umum')),
  pemilik TEXT NOT NULL CHECK (pemilik IN ('desa_dinas', 'desa_adat', 'swasta')),
  perjanjian TEXT NOT NULL,
  kegiatan_kode TEXT NOT NULL,
  tahun_anggaran INTEGER NOT NULL,
  harga BIGINT NOT NULL CHECK (harga >= 0),
  tanggal_pasang {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  retensi_hari INTEGER NOT NULL CHECK (retensi_hari BETWEEN 0 AND 365),
  lokasi_rekaman TEXT NOT NULL,
  stream_url TEXT NOT NULL,
  kredensial TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('aktif', 'nonaktif')),
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  UNIQUE (desa_id, nama),
  CHECK (pemilik <> 'swasta' OR perjanjian <> ''),
  CHECK (stream_url LIKE 'rtsp://%' OR stream_url LIKE 'rtsps://%' OR stream_url LIKE 'http://%' OR stream_url LIKE 'https://%')
);

-- Who may open a camera's live link, besides nobody: a role
-- ('role:perbekel'), an OPD of the kabupaten ('opd:SATPOLPP') or the
-- kabupaten's command centre ('kabupaten:command_centre').
CREATE TABLE cctv_akses (
  desa_id BIGINT NOT NULL,
  kamera_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  penerima TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, kamera_id, penerima),
  FOREIGN KEY (desa_id, kamera_id) REFERENCES cctv_kamera (desa_id, id) ON DELETE CASCADE
);

-- Every view of a camera's live link: who and when. Never edited, and not
-- cascaded: a camera someone has watched is switched to nonaktif, never
-- deleted, so the record of who watched it stays.
CREATE TABLE cctv_lihat (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  kamera_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  user_id TEXT NOT NULL,
  dilihat_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, kamera_id) REFERENCES cctv_kamera (desa_id, id)
);
CREATE INDEX cctv_lihat_kamera_idx ON cctv_lihat (desa_id, kamera_id, dilihat_at);

-- One health probe of a camera: up or not, a short status code
-- ('ok', 'timeout', 'ditolak', …) and the round trip in milliseconds.
-- The primary key serves a camera's history and its latest state; the
-- second index serves uptime over a window (24 h, 7 d, 30 d) for a desa
-- or a whole wilayah, read from the index alone.
CREATE TABLE cctv_probe (
  desa_id BIGINT NOT NULL,
  kamera_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  checked_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  up BOOLEAN NOT NULL,
  status TEXT NOT NULL,
  latency_ms INTEGER NOT NULL CHECK (latency_ms >= 0),
  PRIMARY KEY (desa_id, kamera_id, checked_at),
  FOREIGN KEY (desa_id, kamera_id) REFERENCES cctv_kamera (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX cctv_probe_uptime_idx ON cctv_probe (desa_id, checked_at{{if not .Postgres}}, kamera_id, up{{end}}){{if .Postgres}} INCLUDE (kamera_id, up){{end}};

{{rls "cctv_kamera"}}
{{rls "cctv_akses"}}
{{rls "cctv_lihat"}}
{{rls "cctv_probe"}}
