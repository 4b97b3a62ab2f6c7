DROP TABLE keuangan_kegiatan_lokal;
DROP TABLE keuangan_setelan_kabupaten;
