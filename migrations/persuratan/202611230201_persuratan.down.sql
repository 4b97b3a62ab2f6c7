DROP TABLE surat_disposisi;
DROP TABLE surat_masuk;
DROP TABLE surat_keluar;
DROP TABLE surat_urutan;
DROP TABLE surat_pengaturan;
DROP TABLE klasifikasi_surat;
