-- The runtime role (API, worker) owns no table and cannot bypass RLS; the
-- role running migrations owns everything. Tenant tables call
-- app_desa_min()/app_desa_max() in their policies: the range published by
-- set_config('app.desa_min'/'app.desa_max', …, true) in each transaction, or
-- an empty range (1..0) when none was published.
{{if .Postgres}}
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{.AppRole}}') THEN
    CREATE ROLE {{.AppRole}} NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO {{.AppRole}};
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {{.AppRole}};
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO {{.AppRole}};
GRANT SELECT ON schema_migrations TO {{.AppRole}};
CREATE FUNCTION app_desa_min() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(nullif(current_setting('app.desa_min', true), '')::bigint, 1) $$;
CREATE FUNCTION app_desa_max() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(nullif(current_setting('app.desa_max', true), '')::bigint, 0) $$;
{{end}}
{{if .SQLite}}
SELECT 1;
{{end}}
