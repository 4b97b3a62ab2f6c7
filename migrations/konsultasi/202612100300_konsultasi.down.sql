DROP TABLE konsultasi_lampiran;
DROP TABLE konsultasi_pesan;
DROP TABLE konsultasi;
