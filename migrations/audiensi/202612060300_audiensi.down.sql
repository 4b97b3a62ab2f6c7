DROP TABLE audiensi_riwayat;
DROP TABLE audiensi_disposisi;
DROP TABLE audiensi_lacak;
DROP TABLE audiensi;
