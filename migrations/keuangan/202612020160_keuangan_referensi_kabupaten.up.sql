-- A kabupaten's choices about the kegiatan lists its desa code APBDes lines
-- with. Both tables belong to a kabupaten, not to a desa: no desa_id and no
-- row-level security (like the national lists beside them); the API and
-- page guards check the kabupaten admin's grant at the kabupaten, and a
-- desa's line check reads only its own kabupaten's rows (Kode.Up).

-- Whether the kabupaten switched the Siskeudes kegiatan list on. No row is
-- "off": the Lampiran alone is the default.
CREATE TABLE keuangan_setelan_kabupaten (
  kabupaten TEXT PRIMARY KEY,
  siskeudes BOOLEAN NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL
);

-- Local kegiatan a kabupaten adds under the Lampiran's "lain-lain 90–99"
-- range of a sub-bidang, per fiscal year. A kegiatan is never deleted
-- (APBDes lines may carry its code): it is ended (diakhiri_at), after
-- which new lines may no longer use it; its code stays taken that year.
CREATE TABLE keuangan_kegiatan_lokal (
  kabupaten TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  kode TEXT NOT NULL,
  kode_sub_bidang TEXT NOT NULL,
  nama TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  diakhiri_by TEXT NOT NULL,
  diakhiri_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}},
  PRIMARY KEY (kabupaten, tahun, kode)
);
