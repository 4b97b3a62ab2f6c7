DROP TABLE surat_unduhan;
ALTER TABLE surat_keluar DROP COLUMN batal_alasan;
ALTER TABLE surat_keluar DROP COLUMN batal_oleh;
ALTER TABLE surat_keluar DROP COLUMN batal_at;
