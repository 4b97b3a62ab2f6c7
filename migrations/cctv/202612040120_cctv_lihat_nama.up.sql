-- The viewer's name as it was when the live link was opened: the view log
-- names who watched without reading another module's tables (users), and
-- keeps the name the viewer had at the time. Rows from before keep ''.
ALTER TABLE cctv_lihat ADD COLUMN nama_pengguna TEXT NOT NULL DEFAULT '';
