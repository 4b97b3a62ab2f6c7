-- A desa names each of its facilities of one jenis once (letter case aside),
-- so a page or a report that names a facility names one; two users adding
-- the same name at once meet here rather than both succeeding.
CREATE UNIQUE INDEX sampah_fasilitas_nama_idx ON sampah_fasilitas (desa_id, jenis, lower(nama));
