DROP TABLE opd_anggota;
DROP TABLE opd;
