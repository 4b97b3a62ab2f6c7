-- Pilkades: a desa's election of its kepala desa, and the kabupaten's
-- timeline templates for a simultaneous Pilkades (gelombang). An election
-- and everything entered for it are tenant rows of the desa; a gelombang
-- and its tahapan belong to the kabupaten (desa_id = the kabupaten's own
-- id, inside its range, as in audit_log). ids are UUIDv7 and timestamps
-- UTC, made in Go; dates a decree or the timeline states are DATE on
-- PostgreSQL and ISO text on SQLite.

CREATE TABLE pilkades_gelombang (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL CHECK (length(nama) BETWEEN 3 AND 200),
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX pilkades_gelombang_nama_idx ON pilkades_gelombang (desa_id, tahun, nama);
{{rls "pilkades_gelombang"}}

CREATE TABLE pilkades_gelombang_tahapan (
  desa_id BIGINT NOT NULL,
  gelombang_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  urut INTEGER NOT NULL CHECK (urut BETWEEN 1 AND 30),
  nama TEXT NOT NULL,
  tenggat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  PRIMARY KEY (desa_id, gelombang_id, urut),
  FOREIGN KEY (desa_id, gelombang_id) REFERENCES pilkades_gelombang (desa_id, id) ON DELETE CASCADE
);
{{rls "pilkades_gelombang_tahapan"}}

-- One election of a desa. gelombang_id is the gelombang it was applied
-- from ('' entered by the desa alone); a desa is in a gelombang once.
-- status: persiapan, pencalonan, kampanye, pemungutan, penetapan,
-- ditetapkan (the elected candidate stated), dilantik (appointed in
-- administration: perangkat_id). masa_jabatan_tahun is the term of this
-- election (UU 3/2024: 8). terpilih_calon_id '' none; terpilih_alasan how a
-- tie was decided. sk_* and tanggal_pelantikan are the bupati's SK
-- pengangkatan and the pelantikan.
CREATE TABLE pilkades (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  gelombang_id TEXT NOT NULL,
  gelombang_nama TEXT NOT NULL,
  tahun INTEGER NOT NULL CHECK (tahun BETWEEN 2015 AND 2100),
  status TEXT NOT NULL CHECK (status IN ('persiapan', 'pencalonan', 'kampanye', 'pemungutan', 'penetapan', 'ditetapkan', 'dilantik')),
  dpt INTEGER NOT NULL CHECK (dpt BETWEEN 0 AND 100000),
  masa_jabatan_tahun INTEGER NOT NULL CHECK (masa_jabatan_tahun BETWEEN 1 AND 10),
  panitia_sk_nomor TEXT NOT NULL,
  panitia_sk_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  terpilih_calon_id TEXT NOT NULL,
  terpilih_alasan TEXT NOT NULL,
  sk_nomor TEXT NOT NULL,
  sk_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}},
  tanggal_pelantikan {{if .Postgres}}DATE{{else}}TEXT{{end}},
  perangkat_id TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX pilkades_gelombang_desa_idx ON pilkades (desa_id, gelombang_id) WHERE gelombang_id <> '';
CREATE INDEX pilkades_tahun_idx ON pilkades (desa_id, tahun, id);
{{rls "pilkades"}}

-- jabatan: ketua, sekretaris, bendahara, anggota; unsur e.g. perangkat
-- desa, lembaga kemasyarakatan, tokoh masyarakat.
CREATE TABLE pilkades_panitia (
  desa_id BIGINT NOT NULL,
  pilkades_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  urut INTEGER NOT NULL,
  nama TEXT NOT NULL,
  jabatan TEXT NOT NULL CHECK (jabatan IN ('ketua', 'sekretaris', 'bendahara', 'anggota')),
  unsur TEXT NOT NULL,
  PRIMARY KEY (desa_id, pilkades_id, urut),
  FOREIGN KEY (desa_id, pilkades_id) REFERENCES pilkades (desa_id, id) ON DELETE CASCADE
);
{{rls "pilkades_panitia"}}

CREATE TABLE pilkades_tahapan (
  desa_id BIGINT NOT NULL,
  pilkades_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  urut INTEGER NOT NULL,
  nama TEXT NOT NULL,
  tenggat {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  selesai {{if .Postgres}}DATE{{else}}TEXT{{end}},
  PRIMARY KEY (desa_id, pilkades_id, urut),
  FOREIGN KEY (desa_id, pilkades_id) REFERENCES pilkades (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX pilkades_tahapan_tenggat_idx ON pilkades_tahapan (desa_id, tenggat);
{{rls "pilkades_tahapan"}}

-- nik is stored whole and shown masked to all but the desa's staff.
CREATE TABLE pilkades_calon (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  pilkades_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nomor_urut INTEGER NOT NULL CHECK (nomor_urut BETWEEN 1 AND 20),
  nama TEXT NOT NULL,
  nik TEXT NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, pilkades_id) REFERENCES pilkades (desa_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pilkades_calon_nomor_idx ON pilkades_calon (desa_id, pilkades_id, nomor_urut);
{{rls "pilkades_calon"}}

CREATE TABLE pilkades_tps (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  pilkades_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nomor INTEGER NOT NULL CHECK (nomor BETWEEN 1 AND 100),
  nama TEXT NOT NULL,
  dpt INTEGER NOT NULL CHECK (dpt BETWEEN 0 AND 100000),
  suara_tidak_sah INTEGER NOT NULL CHECK (suara_tidak_sah >= 0),
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, pilkades_id) REFERENCES pilkades (desa_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pilkades_tps_nomor_idx ON pilkades_tps (desa_id, pilkades_id, nomor);
{{rls "pilkades_tps"}}

-- The votes of one candidate at one TPS; totals are computed, never stored.
CREATE TABLE pilkades_suara (
  desa_id BIGINT NOT NULL,
  tps_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  calon_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  suara INTEGER NOT NULL CHECK (suara >= 0),
  PRIMARY KEY (desa_id, tps_id, calon_id),
  FOREIGN KEY (desa_id, tps_id) REFERENCES pilkades_tps (desa_id, id) ON DELETE CASCADE,
  FOREIGN KEY (desa_id, calon_id) REFERENCES pilkades_calon (desa_id, id) ON DELETE CASCADE
);
{{rls "pilkades_suara"}}

-- status: diajukan, diproses, selesai.
CREATE TABLE pilkades_sengketa (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  pilkades_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  uraian TEXT NOT NULL,
  tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('diajukan', 'diproses', 'selesai')),
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, pilkades_id) REFERENCES pilkades (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX pilkades_sengketa_pilkades_idx ON pilkades_sengketa (desa_id, pilkades_id, tanggal);
{{rls "pilkades_sengketa"}}
