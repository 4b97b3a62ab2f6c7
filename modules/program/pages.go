package program

import (
	"embed"
	"fmt"
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
	"inc":       func(i int) int { return i + 1 },
	"rupiah":    rupiah,
	"bp":        bp,
	"sumber":    func(v string) string { return labelOf(sumberDana, v) },
	"aset":      func(v string) string { return labelOf(jenisAset, v) },
	"alasan":    func(v string) string { return alasanLabel[v] },
	"indikator": func(i int, f string) string { return fmt.Sprintf("indikator[%d].%s", i, f) },
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

var alasanLabel = map[string]string{AlasanKegiatan: "kode kegiatan sama", AlasanSubBidang: "sub bidang sama", AlasanLokasi: "lokasi dan jenis aset sama"}
