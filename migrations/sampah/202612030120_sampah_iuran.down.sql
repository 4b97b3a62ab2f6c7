DROP TABLE sampah_iuran_bayar;
DROP TABLE sampah_iuran_tagihan;
DROP TABLE sampah_iuran_rumah;
DROP TABLE sampah_iuran_kelas;
