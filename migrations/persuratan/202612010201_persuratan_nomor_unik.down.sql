DROP INDEX surat_masuk_pengirim_uq;
DROP INDEX surat_masuk_agenda_tahun_uq;
DROP INDEX surat_keluar_nomor_tahun_uq;
ALTER TABLE surat_masuk DROP COLUMN ganda;
ALTER TABLE surat_keluar DROP COLUMN ganda;
DROP TABLE surat_tahun;
