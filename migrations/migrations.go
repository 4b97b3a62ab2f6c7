// Package migrations embeds the single schema history of ngantor: one folder
// per module (platform, wilayah, …), files <version>_<name>.up.sql and
// .down.sql, versions ordered across folders. Each file is a text/template
// (see platform/db.TemplateData); PostgreSQL-only statements sit in
// {{if .Postgres}} branches.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed */*.sql
var FS embed.FS
