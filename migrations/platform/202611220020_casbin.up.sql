-- casbin_rule holds the grants of platform/authz: one row per
-- "g, user, role, wilayah_code". It is global, not a tenant table: a grant at
-- a kecamatan or kabupaten spans many desa, and every replica loads all rows
-- at startup, so it has no desa_id and no row-level security. The role
-- templates ("p" lines) live in code and are never stored here.
--
-- The columns follow casbin's adapter convention (ptype, v0..v5). They are
-- NOT NULL with '' for unused fields so the unique constraint also holds for
-- short rules (NULLs never collide in a UNIQUE constraint). Its leading
-- (ptype, v0) prefix serves "grants of one user" lookups.
CREATE TABLE casbin_rule (
  ptype TEXT NOT NULL,
  v0 TEXT NOT NULL DEFAULT '',
  v1 TEXT NOT NULL DEFAULT '',
  v2 TEXT NOT NULL DEFAULT '',
  v3 TEXT NOT NULL DEFAULT '',
  v4 TEXT NOT NULL DEFAULT '',
  v5 TEXT NOT NULL DEFAULT '',
  CONSTRAINT casbin_rule_unique UNIQUE (ptype, v0, v1, v2, v3, v4, v5)
);
