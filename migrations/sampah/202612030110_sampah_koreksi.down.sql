DROP INDEX sampah_entri_koreksi_idx;
