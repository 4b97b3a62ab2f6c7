DROP TABLE forum_idm_impor;
DROP TABLE forum_idm;
DROP TABLE forum_komposit;
DROP TABLE forum_rollup;
DROP TABLE forum_desa;
DROP TABLE forum_nilai;
