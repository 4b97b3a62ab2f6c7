package kunjungan

import (
	"embed"
	"html/template"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The module's pages share one template set: every file of templates/
// is one page (a name starting with "_" holds shared {{define}}s), built
// once by halaman for every page of the module.

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the module's template functions.
var pageFuncs = template.FuncMap{
	"waktu": func(t time.Time, desa string) string {
		return t.In(civil.Zone(tenancy.Kode(desa))).Format("02-01-2006 15:04")
	},
	"inc":   func(i int) int { return i + 1 },
	"deref": func(b *bool) bool { return b != nil && *b },
}

// halaman is the module's pages, built on first use.
func (m *Module) halaman() *web.Pages {
	m.pagesOnce.Do(func() {
		if m.web != nil {
			m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
		}
	})
	return m.pages
}
