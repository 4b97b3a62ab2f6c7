-- Each grant records where it came from (platform/authz Grant.Source):
-- 'manual' for one given by hand (CLI, admin) or 'perangkat:<id>' for one an
-- appointment in modules/administration created. The same user, role and
-- wilayah may be held through several sources, one row each, so ending an
-- appointment revokes only its own row and a hand grant of the same role
-- survives. Grants already stored came from either; which is unknown, so
-- they become 'manual' (nothing is revoked behind an admin's back).
--
-- The unique constraint must include source; SQLite cannot alter one, so
-- the table is rebuilt (the same statements on both engines).
CREATE TABLE casbin_rule_new (
  ptype TEXT NOT NULL,
  v0 TEXT NOT NULL DEFAULT '',
  v1 TEXT NOT NULL DEFAULT '',
  v2 TEXT NOT NULL DEFAULT '',
  v3 TEXT NOT NULL DEFAULT '',
  v4 TEXT NOT NULL DEFAULT '',
  v5 TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'manual',
  CONSTRAINT casbin_rule_source_unique UNIQUE (ptype, v0, v1, v2, v3, v4, v5, source)
);
INSERT INTO casbin_rule_new (ptype, v0, v1, v2, v3, v4, v5, source)
  SELECT ptype, v0, v1, v2, v3, v4, v5, 'manual' FROM casbin_rule;
DROP TABLE casbin_rule;
ALTER TABLE casbin_rule_new RENAME TO casbin_rule;

-- authz_version counts grant changes. Every change to casbin_rule bumps it
-- in the same transaction; each replica polls it and reloads when it moved,
-- so a replica that missed a Redis message (or has no Redis) still catches
-- up within its poll interval. Bumps serialise on this one row, so versions
-- commit in order and without gaps.
CREATE TABLE authz_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO authz_version (id, version) VALUES (1, 0);
