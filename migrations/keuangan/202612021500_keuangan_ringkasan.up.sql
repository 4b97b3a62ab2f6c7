-- Covering indexes for the figures of a whole kecamatan or kabupaten (the
-- keuangan table, the indicators): each of its two queries reads one index
-- range in GROUP BY order, without touching the table or sorting — 133
-- desa with a year of entries (26,600) in one pass.
CREATE INDEX keuangan_transaksi_ringkasan_idx ON keuangan_transaksi (desa_id, jenis, dd_tahap, kode_rekening, tahun, tanggal, jumlah);
CREATE INDEX apbdes_baris_ringkasan_idx ON apbdes_baris (desa_id, apbdes_id, kelompok, kode_rekening, jumlah);
