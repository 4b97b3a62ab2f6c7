DROP TABLE kalender_tahun;
DROP TABLE hari_libur;
