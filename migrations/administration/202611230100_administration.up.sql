-- Administration: the desa's own government records. Every table is a tenant
-- table: desa_id leads the primary key, every unique index and every foreign
-- key (Citus-ready, ARCHITECTURE.md), ids are UUIDv7 and timestamps are set
-- in Go. Dates that a decree (SK) states are DATE on PostgreSQL and ISO text
-- (YYYY-MM-DD) on SQLite, which sorts and compares the same way.

-- dusun is the desa's list of dusun (banjar dinas in Bali): the area each
-- kepala kewilayahan leads (Permendagri 84/2015, pelaksana kewilayahan).
CREATE TABLE dusun (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  sebutan TEXT NOT NULL CHECK (sebutan IN ('dusun', 'banjar')),
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX dusun_nama ON dusun (desa_id, lower(nama));

-- perangkat is one appointment (pengangkatan) to a post of the SOTK: the
-- kepala desa and the perangkat of Permendagri 84/2015. An appointment is
-- never deleted; ending it (ended_at) keeps it as history. user_id is the
-- ngantor account linked to it (no foreign key: users is a platform table
-- without desa_id).
CREATE TABLE perangkat (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jabatan TEXT NOT NULL CHECK (jabatan IN ('kepala_desa', 'sekretaris_desa', 'kaur_tata_usaha_umum', 'kaur_keuangan',
    'kaur_perencanaan', 'kasi_pemerintahan', 'kasi_kesejahteraan', 'kasi_pelayanan', 'kepala_kewilayahan')),
  dusun_id {{if .Postgres}}UUID{{else}}TEXT{{end}},
  nama TEXT NOT NULL,
  nik TEXT NOT NULL,
  nip TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('definitif', 'pj', 'plt')),
  sk_nomor TEXT NOT NULL,
  sk_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  mulai {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  selesai {{if .Postgres}}DATE{{else}}TEXT{{end}},
  user_id TEXT,
  tanggal_berhenti {{if .Postgres}}DATE{{else}}TEXT{{end}},
  alasan_berhenti TEXT NOT NULL DEFAULT '',
  ended_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, dusun_id) REFERENCES dusun (desa_id, id),
  CHECK ((jabatan = 'kepala_kewilayahan') = (dusun_id IS NOT NULL))
);
-- The database backs the rules of perangkat.go against concurrent writers:
-- one active holder per post, one active kepala kewilayahan per dusun.
CREATE UNIQUE INDEX perangkat_satu_pejabat ON perangkat (desa_id, jabatan)
  WHERE ended_at IS NULL AND jabatan <> 'kepala_kewilayahan';
CREATE UNIQUE INDEX perangkat_satu_kewilayahan ON perangkat (desa_id, dusun_id)
  WHERE ended_at IS NULL AND dusun_id IS NOT NULL;
CREATE INDEX perangkat_nik ON perangkat (desa_id, nik);
CREATE INDEX perangkat_user ON perangkat (desa_id, user_id);

-- lembaga is the BPD and the lembaga kemasyarakatan desa (Permendagri
-- 18/2018: RT/RW, PKK, Karang Taruna, Posyandu, LPM) and lembaga adat.
-- A desa has at most one BPD, LPM, PKK and Karang Taruna.
CREATE TABLE lembaga (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('bpd', 'lpm', 'pkk', 'karang_taruna', 'posyandu', 'rt', 'rw', 'banjar_adat', 'lainnya')),
  nama TEXT NOT NULL,
  sk_nomor TEXT NOT NULL DEFAULT '',
  sk_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX lembaga_nama ON lembaga (desa_id, lower(nama));
CREATE UNIQUE INDEX lembaga_tunggal ON lembaga (desa_id, jenis)
  WHERE jenis IN ('bpd', 'lpm', 'pkk', 'karang_taruna');

-- lembaga_anggota is one member's seat with its SK and term; ended seats
-- stay as history.
CREATE TABLE lembaga_anggota (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  lembaga_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  jabatan TEXT NOT NULL,
  sk_nomor TEXT NOT NULL DEFAULT '',
  sk_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  mulai {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  selesai {{if .Postgres}}DATE{{else}}TEXT{{end}},
  tanggal_berhenti {{if .Postgres}}DATE{{else}}TEXT{{end}},
  ended_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, lembaga_id) REFERENCES lembaga (desa_id, id)
);
CREATE INDEX lembaga_anggota_lembaga ON lembaga_anggota (desa_id, lembaga_id, id);

-- profil_desa is the desa's identity (monografi): one row per desa.
CREATE TABLE profil_desa (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  alamat_kantor TEXT NOT NULL DEFAULT '',
  telepon TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  lintang DOUBLE PRECISION,
  bujur DOUBLE PRECISION,
  luas_km2 DOUBLE PRECISION,
  visi TEXT NOT NULL DEFAULT '',
  misi TEXT NOT NULL DEFAULT '',
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX profil_desa_satu ON profil_desa (desa_id);
CREATE INDEX profil_desa_nama ON profil_desa (desa_id, nama);

-- profil_penduduk is the population of a desa at the end of a year.
CREATE TABLE profil_penduduk (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  laki_laki INTEGER NOT NULL CHECK (laki_laki >= 0),
  perempuan INTEGER NOT NULL CHECK (perempuan >= 0),
  kk INTEGER NOT NULL CHECK (kk >= 0),
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX profil_penduduk_tahun ON profil_penduduk (desa_id, tahun);

-- peringatan_masa_jabatan is a term (perangkat or lembaga member) found by
-- the daily job to end within 60 days. The unique index makes the job
-- idempotent: a term with the same end date is flagged once.
CREATE TABLE peringatan_masa_jabatan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  sumber TEXT NOT NULL CHECK (sumber IN ('perangkat', 'lembaga')),
  ref_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  jabatan TEXT NOT NULL,
  lembaga TEXT NOT NULL DEFAULT '',
  selesai {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  flagged_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX peringatan_masa_jabatan_ref ON peringatan_masa_jabatan (desa_id, sumber, ref_id, selesai);
CREATE INDEX peringatan_masa_jabatan_selesai ON peringatan_masa_jabatan (desa_id, selesai, id);

{{rls "dusun"}}
{{rls "perangkat"}}
{{rls "lembaga"}}
{{rls "lembaga_anggota"}}
{{rls "profil_desa"}}
{{rls "profil_penduduk"}}
{{rls "peringatan_masa_jabatan"}}
