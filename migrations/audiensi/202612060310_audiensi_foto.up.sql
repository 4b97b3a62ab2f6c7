-- Photos of an audiensi: the reporter's (jenis laporan, up to 5) and each
-- recipient's evidence of what it did (jenis bukti, up to 5 per
-- recipient; penerima names it). Stored re-encoded without EXIF
-- (platform/gambar), with a thumbnail; the files are in the blob store.
CREATE TABLE audiensi_foto (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  audiensi_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  jenis TEXT NOT NULL CHECK (jenis IN ('laporan', 'bukti')),
  penerima TEXT NOT NULL,
  kunci TEXT NOT NULL,
  kunci_kecil TEXT NOT NULL,
  lebar INTEGER NOT NULL,
  tinggi INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, audiensi_id) REFERENCES audiensi (desa_id, id) ON DELETE CASCADE
);
CREATE INDEX audiensi_foto_audiensi_idx ON audiensi_foto (desa_id, audiensi_id, created_at);
{{rls "audiensi_foto"}}
