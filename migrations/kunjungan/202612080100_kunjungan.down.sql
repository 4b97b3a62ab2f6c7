DROP TABLE kunjungan_dossier_versi;
DROP TABLE kunjungan_dossier;
DROP TABLE kunjungan_komitmen;
DROP TABLE kunjungan_agenda;
DROP TABLE kunjungan_opd;
DROP TABLE kunjungan_lacak;
DROP TABLE kunjungan;
