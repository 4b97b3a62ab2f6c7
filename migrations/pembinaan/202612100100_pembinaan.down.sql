DROP TABLE pembinaan_tindak_lanjut;
DROP TABLE pembinaan_materi;
DROP TABLE pembinaan_hadir;
DROP TABLE pembinaan_undangan;
DROP TABLE pembinaan;
