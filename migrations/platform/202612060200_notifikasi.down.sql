DROP TABLE notifikasi;
