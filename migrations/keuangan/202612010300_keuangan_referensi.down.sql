DROP TABLE keuangan_sumber_dana;
DROP TABLE keuangan_kegiatan_siskeudes;
DROP TABLE keuangan_kegiatan;
DROP TABLE keuangan_rekening;
DROP TABLE keuangan_versi;
