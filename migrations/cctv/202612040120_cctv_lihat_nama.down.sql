ALTER TABLE cctv_lihat DROP COLUMN nama_pengguna;
