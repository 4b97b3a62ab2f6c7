DROP TABLE program_capaian;
DROP TABLE program_indikator;
DROP TABLE program_sasaran;
DROP TABLE program_opd;
DROP TABLE program_desa;
