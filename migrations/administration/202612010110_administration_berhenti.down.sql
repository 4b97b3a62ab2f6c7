DROP INDEX lembaga_anggota_satu_ketua;
ALTER TABLE lembaga_anggota DROP COLUMN alasan_berhenti;
ALTER TABLE perangkat DROP COLUMN sk_berhenti_tanggal;
ALTER TABLE perangkat DROP COLUMN sk_berhenti_nomor;
