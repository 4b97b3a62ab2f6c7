DROP TABLE cctv_probe;
DROP TABLE cctv_lihat;
DROP TABLE cctv_akses;
DROP TABLE cctv_kamera;
DROP TABLE cctv_pengaturan;
