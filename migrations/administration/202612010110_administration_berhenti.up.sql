-- An appointment ends by a decree (SK pemberhentian, Permendagri 67/2017
-- Pasal 5): its number and date are part of the buku aparat pemerintah desa.
-- The end date may lie ahead of the day it is recorded: the person stays in
-- post until then, so "active" is read against the date, not ended_at alone.
ALTER TABLE perangkat ADD COLUMN sk_berhenti_nomor TEXT NOT NULL DEFAULT '';
ALTER TABLE perangkat ADD COLUMN sk_berhenti_tanggal {{if .Postgres}}DATE{{else}}TEXT{{end}};

-- Why a member's seat in a lembaga ended (meninggal dunia, permintaan
-- sendiri, diberhentikan, masa jabatan berakhir).
ALTER TABLE lembaga_anggota ADD COLUMN alasan_berhenti TEXT NOT NULL DEFAULT '';

-- A lembaga has one ketua whose end is not recorded: the database backs the
-- check of Lembaga.CheckAnggota against concurrent writers. Ending a seat
-- sets ended_at, so the successor can be seated from that moment on.
CREATE UNIQUE INDEX lembaga_anggota_satu_ketua ON lembaga_anggota (desa_id, lembaga_id)
  WHERE ended_at IS NULL AND lower(jabatan) = 'ketua';
