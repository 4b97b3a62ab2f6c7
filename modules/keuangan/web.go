package keuangan

import (
	"embed"
	"html/template"
	"net/http"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the template functions of the module's pages.
var pageFuncs = template.FuncMap{}

// Routes registers the module's pages. Each part of the module (APBDes,
// evaluasi, realisasi and books, Excel, wilayah and public pages,
// reference settings) registers its own in its own file.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.routesAPBDes(mux)
	m.routesEvaluasi(mux)
	m.routesRealisasi(mux)
	m.routesExcel(mux)
	m.routesWilayah(mux)
	m.routesReferensi(mux)
}
