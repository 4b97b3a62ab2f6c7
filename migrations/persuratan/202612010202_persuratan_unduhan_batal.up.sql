-- A service letter's PDF prints the resident's NIK, address and income:
-- every download of it is recorded (UU 27/2022 tentang Pelindungan Data
-- Pribadi Pasal 31: the controller records its processing), by whom, when
-- and through which door (API or web page). Rows are never deleted with
-- the letter: letters are not deleted, and the record must outlive them.
--
-- A letter issued in error is cancelled, not deleted: its number stays
-- used (the buku agenda has no gaps), the register and the public
-- verification page show it DIBATALKAN, with when, by whom and why.

ALTER TABLE surat_keluar ADD COLUMN batal_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}};
ALTER TABLE surat_keluar ADD COLUMN batal_oleh TEXT;
ALTER TABLE surat_keluar ADD COLUMN batal_alasan TEXT;

CREATE TABLE surat_unduhan (
  desa_id BIGINT NOT NULL,
  id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  surat_keluar_id {{if .Postgres}}UUID{{else}}TEXT{{end}} NOT NULL,
  oleh TEXT NOT NULL,
  oleh_nama TEXT NOT NULL,
  saluran TEXT NOT NULL CHECK (saluran IN ('api', 'web')),
  created_at {{if .Postgres}}TIMESTAMPTZ{{else}}TIMESTAMP{{end}} NOT NULL,
  PRIMARY KEY (desa_id, id),
  FOREIGN KEY (desa_id, surat_keluar_id) REFERENCES surat_keluar (desa_id, id)
);
CREATE INDEX surat_unduhan_surat_idx ON surat_unduhan (desa_id, surat_keluar_id, id);

{{rls "surat_unduhan"}}
