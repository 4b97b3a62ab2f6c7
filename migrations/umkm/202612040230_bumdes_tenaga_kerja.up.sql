-- The BUMDes's workers of each year, beside its other yearly figures (the
-- profile's tenaga_kerja is the count today). Years recorded before this
-- column hold 0 until the desa fills them in.
ALTER TABLE bumdes_tahun ADD COLUMN tenaga_kerja INTEGER NOT NULL DEFAULT 0 CHECK (tenaga_kerja BETWEEN 0 AND 10000);
