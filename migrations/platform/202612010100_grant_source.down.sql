DROP TABLE authz_version;
CREATE TABLE casbin_rule_old (
  ptype TEXT NOT NULL,
  v0 TEXT NOT NULL DEFAULT '',
  v1 TEXT NOT NULL DEFAULT '',
  v2 TEXT NOT NULL DEFAULT '',
  v3 TEXT NOT NULL DEFAULT '',
  v4 TEXT NOT NULL DEFAULT '',
  v5 TEXT NOT NULL DEFAULT '',
  CONSTRAINT casbin_rule_unique UNIQUE (ptype, v0, v1, v2, v3, v4, v5)
);
INSERT INTO casbin_rule_old (ptype, v0, v1, v2, v3, v4, v5)
  SELECT DISTINCT ptype, v0, v1, v2, v3, v4, v5 FROM casbin_rule;
DROP TABLE casbin_rule;
ALTER TABLE casbin_rule_old RENAME TO casbin_rule;
