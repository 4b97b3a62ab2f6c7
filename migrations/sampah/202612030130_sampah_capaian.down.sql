DROP INDEX sampah_entri_capaian_idx;
DROP INDEX sampah_log_capaian_idx;
