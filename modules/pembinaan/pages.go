package pembinaan

import (
	"embed"
	"html/template"

	"github.com/ngantor/ngantor/platform/web"
)

// The module's pages share one template set: every file of templates/ is
// one page (a name starting with "_" holds shared {{define}}s), built once
// by halaman.

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the module's template functions.
var pageFuncs = template.FuncMap{
	"inc": func(i int) int { return i + 1 },
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
