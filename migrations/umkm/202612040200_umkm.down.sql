DROP TABLE bumdes_laporan;
DROP TABLE bumdes_tahun;
DROP TABLE bumdes_unit;
DROP TABLE bumdes;
DROP TABLE umkm_bantuan;
DROP TABLE umkm_foto;
DROP TABLE umkm_produk;
DROP TABLE umkm;
