DROP TABLE keuangan_transaksi;
DROP TABLE apbdes_komentar;
DROP TABLE apbdes_baris;
DROP TABLE apbdes_riwayat;
DROP TABLE apbdes;
