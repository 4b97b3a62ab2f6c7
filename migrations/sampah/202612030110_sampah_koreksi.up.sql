-- An entry is reversed at most once, and the figures look reversals up by
-- the entry they undo.
CREATE UNIQUE INDEX sampah_entri_koreksi_idx ON sampah_entri (desa_id, koreksi_id) WHERE koreksi_id <> '';
