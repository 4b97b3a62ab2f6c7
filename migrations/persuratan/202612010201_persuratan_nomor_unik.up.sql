-- Numbers that cannot repeat. A desa that switched its sequence policy used
-- to number a backdated letter of an earlier year from a fresh sequence, so
-- "001" of 2025 was given twice. From here on:
--   * surat_tahun fixes the policy each year is numbered under, from its
--     first number on; a later switch applies to years not yet numbered;
--   * the database refuses a second letter with the same number in the
--     same desa, register and year (per letter type under the "jenis"
--     policy, whose numbers carry the type), and a surat masuk registered
--     twice (same nomor surat from the same pengirim).
-- Letters numbered before this migration keep their numbers: a row that
-- already repeats an earlier one (the old defect, or a letter registered
-- twice) gets a non-zero ganda (its rank in the desa) so the unique indexes
-- can be built, and stays visible for the desa to sort out. New rows always
-- carry ganda 0.

{{if .Postgres}}
-- Data statements below read every desa: publish the whole range (tables
-- FORCE row level security, the owner included). Local to this migration's
-- transaction.
SELECT set_config('app.desa_min', '0', true), set_config('app.desa_max', '9999999999', true);
{{end}}

CREATE TABLE surat_tahun (
  desa_id BIGINT NOT NULL,
  tahun INTEGER NOT NULL,
  kebijakan TEXT NOT NULL CHECK (kebijakan IN ('bersama', 'register', 'jenis')),
  PRIMARY KEY (desa_id, tahun)
);

-- Years already numbered keep the policy their sequences show.
INSERT INTO surat_tahun (desa_id, tahun, kebijakan)
SELECT desa_id, tahun,
  CASE
    WHEN max(CASE WHEN lingkup = 'agenda' THEN 1 ELSE 0 END) = 1 THEN 'bersama'
    WHEN max(CASE WHEN substr(lingkup, 1, 7) = 'keluar:' THEN 1 ELSE 0 END) = 1 THEN 'jenis'
    ELSE 'register'
  END
FROM surat_urutan
GROUP BY desa_id, tahun;

ALTER TABLE surat_keluar ADD COLUMN ganda INTEGER NOT NULL DEFAULT 0;
ALTER TABLE surat_masuk ADD COLUMN ganda INTEGER NOT NULL DEFAULT 0;

UPDATE surat_keluar SET ganda = 1 + (
    SELECT count(*) FROM surat_keluar o
    WHERE o.desa_id = surat_keluar.desa_id
      AND (o.created_at < surat_keluar.created_at OR (o.created_at = surat_keluar.created_at AND o.id < surat_keluar.id)))
WHERE EXISTS (
    SELECT 1 FROM surat_keluar o
    WHERE o.desa_id = surat_keluar.desa_id AND o.tahun = surat_keluar.tahun AND o.urut = surat_keluar.urut
      AND (CASE WHEN substr(o.lingkup, 1, 7) = 'keluar:' THEN o.lingkup ELSE '' END)
        = (CASE WHEN substr(surat_keluar.lingkup, 1, 7) = 'keluar:' THEN surat_keluar.lingkup ELSE '' END)
      AND (o.created_at < surat_keluar.created_at OR (o.created_at = surat_keluar.created_at AND o.id < surat_keluar.id)));

UPDATE surat_masuk SET ganda = 1 + (
    SELECT count(*) FROM surat_masuk o
    WHERE o.desa_id = surat_masuk.desa_id
      AND (o.created_at < surat_masuk.created_at OR (o.created_at = surat_masuk.created_at AND o.id < surat_masuk.id)))
WHERE EXISTS (
    SELECT 1 FROM surat_masuk o
    WHERE o.desa_id = surat_masuk.desa_id
      AND ((o.tahun = surat_masuk.tahun AND o.nomor_agenda = surat_masuk.nomor_agenda)
        OR (o.nomor_surat = surat_masuk.nomor_surat AND o.pengirim = surat_masuk.pengirim))
      AND (o.created_at < surat_masuk.created_at OR (o.created_at = surat_masuk.created_at AND o.id < surat_masuk.id)));

-- One number per desa, register and year: "keluar" and "agenda" sequences
-- share the surat keluar register; a "keluar:<jenis>" sequence is its own.
CREATE UNIQUE INDEX surat_keluar_nomor_tahun_uq ON surat_keluar
  (desa_id, tahun, (CASE WHEN substr(lingkup, 1, 7) = 'keluar:' THEN lingkup ELSE '' END), urut, ganda);
CREATE UNIQUE INDEX surat_masuk_agenda_tahun_uq ON surat_masuk (desa_id, tahun, nomor_agenda, ganda);
CREATE UNIQUE INDEX surat_masuk_pengirim_uq ON surat_masuk (desa_id, nomor_surat, pengirim, ganda);

{{rls "surat_tahun"}}
