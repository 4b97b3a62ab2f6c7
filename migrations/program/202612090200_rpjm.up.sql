-- The kabupaten's RPJM (Rencana Pembangunan Jangka Menengah Daerah) as a
-- tree: visi → misi → tujuan → sasaran → indikator kinerja, with the
-- indicator's baseline and yearly targets. Entered by Bappeda or the
-- kabupaten admin. desa_id is the kabupaten's own id (rows of a
-- kabupaten inside its range, as in audit_log). ids are UUIDv7 made in Go.

-- One RPJM period of a kabupaten (e.g. 2021–2026). visi is the root text.
-- demo marks rows the dev seed made up.
CREATE TABLE rpjm (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  nama TEXT NOT NULL,
  tahun_mulai INTEGER NOT NULL CHECK (tahun_mulai BETWEEN 2000 AND 2100),
  tahun_akhir INTEGER NOT NULL CHECK (tahun_akhir BETWEEN tahun_mulai AND tahun_mulai + 10),
  visi TEXT NOT NULL,
  demo BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id)
);
CREATE UNIQUE INDEX rpjm_periode_idx ON rpjm (desa_id, tahun_mulai);
{{rls "rpjm"}}

-- A node under the visi: jenis misi (induk_id ''), tujuan (under a misi),
-- sasaran (under a tujuan), indikator (under a sasaran: an indikator
-- kinerja with satuan and baseline). kode is the RPJM's own numbering
-- ("1", "1.2", "1.2.3"), unique within the RPJM.
CREATE TABLE rpjm_node (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  rpjm_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  induk_id TEXT NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('misi', 'tujuan', 'sasaran', 'indikator')),
  kode TEXT NOT NULL,
  uraian TEXT NOT NULL CHECK (length(uraian) BETWEEN 3 AND 1000),
  satuan TEXT NOT NULL,
  baseline DOUBLE PRECISION,
  urut INTEGER NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, rpjm_id) REFERENCES rpjm (desa_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX rpjm_node_kode_idx ON rpjm_node (desa_id, rpjm_id, kode);
CREATE INDEX rpjm_node_induk_idx ON rpjm_node (desa_id, rpjm_id, induk_id, urut);
{{rls "rpjm_node"}}

-- The yearly target of an indikator kinerja node.
CREATE TABLE rpjm_target (
  desa_id BIGINT NOT NULL,
  node_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  tahun INTEGER NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (desa_id, node_id, tahun),
  FOREIGN KEY (desa_id, node_id) REFERENCES rpjm_node (desa_id, id) ON DELETE CASCADE
);
{{rls "rpjm_target"}}
