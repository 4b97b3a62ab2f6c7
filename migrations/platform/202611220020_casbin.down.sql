DROP TABLE casbin_rule;
