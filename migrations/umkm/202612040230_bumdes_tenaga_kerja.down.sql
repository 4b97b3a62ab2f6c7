ALTER TABLE bumdes_tahun DROP COLUMN tenaga_kerja;
