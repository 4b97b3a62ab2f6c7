DROP INDEX sampah_fasilitas_nama_idx;
