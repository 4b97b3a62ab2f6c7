-- The figures of a kabupaten (Capaian) read a year of every TPS3R's daily
-- log: a covering index lets both engines read it from the index alone,
-- by desa and date, instead of visiting 365 rows per facility in the
-- table. Setoran of a period are found by desa, jenis and date.
CREATE INDEX sampah_log_capaian_idx ON sampah_log (desa_id, tanggal{{if not .Postgres}}, beroperasi, organik_gram, anorganik_gram, residu_gram, kompos_gram, residu_tpa_gram{{end}}){{if .Postgres}} INCLUDE (beroperasi, organik_gram, anorganik_gram, residu_gram, kompos_gram, residu_tpa_gram){{end}};
CREATE INDEX sampah_entri_capaian_idx ON sampah_entri (desa_id, jenis, tanggal);
