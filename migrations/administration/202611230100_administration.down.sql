DROP TABLE peringatan_masa_jabatan;
DROP TABLE profil_penduduk;
DROP TABLE profil_desa;
DROP TABLE lembaga_anggota;
DROP TABLE lembaga;
DROP TABLE perangkat;
DROP TABLE dusun;
