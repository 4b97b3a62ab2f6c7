-- wilayah holds every official region (Kepmendagri 300.2.2-2138/2025), from
-- provinsi down to desa and kelurahan. It is global reference data, not a
-- tenant table: it carries no desa_id and no RLS, because every request must
-- resolve its {kode} here before any tenant is known. Only tingkat 'desa' rows
-- are tenants: a kelurahan has no village government of its own (its lurah is
-- a civil servant of the kabupaten), so ngantor knows it as a place only.
--
-- id is the code's digits padded to ten (tenancy.Kode.ID): a wilayah's desa
-- form a contiguous id range, and ordering by id is ordering by kode on both
-- engines whatever the PostgreSQL collation does with the dots.
--
-- Population and area come from kabupaten.csv and exist for provinsi and
-- kabupaten/kota rows only, hence nullable.
CREATE TABLE wilayah (
    kode TEXT PRIMARY KEY,
    id BIGINT NOT NULL UNIQUE,
    parent_kode TEXT REFERENCES wilayah (kode),
    nama TEXT NOT NULL,
    tingkat TEXT NOT NULL CHECK (tingkat IN ('provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan')),
    penduduk_laki BIGINT,
    penduduk_perempuan BIGINT,
    penduduk_total BIGINT,
    luas_km2 DOUBLE PRECISION
);

-- Children of a wilayah, already in kode order.
CREATE INDEX wilayah_parent_id_idx ON wilayah (parent_kode, id);

-- Names within one parent: exact and prefix look-ups (a seed script or a
-- form matching "Kediri" inside a kabupaten). A substring filter cannot use a
-- b-tree; it scans the id range of one wilayah, at most a few thousand rows.
CREATE INDEX wilayah_parent_nama_idx ON wilayah (parent_kode, nama);
