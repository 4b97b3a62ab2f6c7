DROP TABLE keuangan_aturan;
