-- Dana Desa tahap (realisasi part): how much of the year's Dana Desa each
-- tahap brings and what the desa must show before the next one is
-- channelled, kept as data per year. wilayah is '' for the national rule of
-- the Peraturan Menteri Keuangan of that year, or a kabupaten code for a
-- kabupaten's own reading of it, which wins for its desa. Not a tenant
-- table: no desa_id, like the reference lists.
--
-- persen is basis points of the year's pagu (4000 = 40 %). The conditions
-- for this tahap to be channelled are about the tahap before it:
-- syarat_realisasi is the minimum realisasi belanja Dana Desa as basis
-- points of the Dana Desa received so far, syarat_output the minimum
-- average output achieved (basis points of the target volume) on the
-- kegiatan funded by Dana Desa. 0 means no such condition.
CREATE TABLE keuangan_dd_tahap_aturan (
  wilayah TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  tahap INTEGER NOT NULL CHECK (tahap BETWEEN 1 AND 3),
  persen INTEGER NOT NULL CHECK (persen BETWEEN 0 AND 10000),
  syarat_realisasi INTEGER NOT NULL CHECK (syarat_realisasi BETWEEN 0 AND 10000),
  syarat_output INTEGER NOT NULL CHECK (syarat_output BETWEEN 0 AND 10000),
  sumber TEXT NOT NULL,
  PRIMARY KEY (wilayah, tahun, tahap)
);

-- National default: the three-tahap pattern of PMK 190/PMK.07/2021
-- (tahap I 40 %, II 40 %, III 20 %, each after realisasi and output of the
-- tahap before). Later PMK changed the split by desa status (desa mandiri
-- in two tahap); a kabupaten records its own reading as rows of its code.
INSERT INTO keuangan_dd_tahap_aturan (wilayah, tahun, tahap, persen, syarat_realisasi, syarat_output, sumber) VALUES
  ('', 2025, 1, 4000, 0, 0, 'PMK 190/PMK.07/2021 pola tiga tahap (bawaan; sesuaikan dengan PMK tahun berjalan)'),
  ('', 2025, 2, 4000, 5000, 3500, 'PMK 190/PMK.07/2021: realisasi tahap I paling sedikit 50%, capaian keluaran paling sedikit 35%'),
  ('', 2025, 3, 2000, 9000, 7500, 'PMK 190/PMK.07/2021: realisasi s.d. tahap II paling sedikit 90%, capaian keluaran paling sedikit 75%'),
  ('', 2026, 1, 4000, 0, 0, 'PMK 190/PMK.07/2021 pola tiga tahap (bawaan; sesuaikan dengan PMK tahun berjalan)'),
  ('', 2026, 2, 4000, 5000, 3500, 'PMK 190/PMK.07/2021: realisasi tahap I paling sedikit 50%, capaian keluaran paling sedikit 35%'),
  ('', 2026, 3, 2000, 9000, 7500, 'PMK 190/PMK.07/2021: realisasi s.d. tahap II paling sedikit 90%, capaian keluaran paling sedikit 75%');

-- Journal reads by kind and by panjar (the open panjar of a line, the SPJ
-- of a panjar).
CREATE INDEX keuangan_transaksi_panjar_idx ON keuangan_transaksi (desa_id, panjar_id);
