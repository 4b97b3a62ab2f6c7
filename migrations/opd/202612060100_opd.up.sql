-- The kabupaten's perangkat daerah (OPD) and who belongs to which. Both
-- tables belong to a kabupaten, not to a desa: no desa_id and no
-- row-level security (like keuangan_setelan_kabupaten); the API and page
-- guards check the grant at the kabupaten, and every query names the
-- kabupaten. ids are UUIDv7 and timestamps UTC, both made in Go.

-- An OPD is never deleted (audiensi and dossiers name it): it is switched
-- off (aktif false). kode is the stable short code other modules compare
-- (cctv access lists "opd:SATPOLPP", dossier audiences "DLH"); it never
-- changes once written. urusan is a JSON array of short texts.
CREATE TABLE opd (
  id TEXT NOT NULL PRIMARY KEY,
  kabupaten TEXT NOT NULL,
  kode TEXT NOT NULL,
  nama TEXT NOT NULL,
  singkatan TEXT NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('sekretariat', 'dinas', 'badan', 'inspektorat', 'satpol_pp', 'rsud', 'kecamatan')),
  urusan TEXT NOT NULL,
  aktif BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  UNIQUE (kabupaten, kode)
);

-- A user belongs to at most one OPD (the primary key). The row and the
-- user's authz grant of role opd at the kabupaten (source "opd:<id>") are
-- written by one flow, modules/opd TambahAnggota / HapusAnggota.
CREATE TABLE opd_anggota (
  user_id TEXT NOT NULL PRIMARY KEY,
  opd_id TEXT NOT NULL REFERENCES opd (id),
  kabupaten TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);

CREATE INDEX opd_anggota_opd ON opd_anggota (opd_id);
