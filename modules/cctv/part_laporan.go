package cctv

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part laporan: XLSX of cameras and uptime per wilayah (laporan_xlsx.go),
// the module's indicators (indikator.go) and dossier section (dossier.go),
// and the demo data (demo.go).

// registerLaporan adds the part's API operations: none (the download is
// a page of the wilayah).
func (m *Module) registerLaporan(api huma.API) {}

// routesLaporan adds the part's pages.
func (m *Module) routesLaporan(mux *http.ServeMux) { m.laporanRoutes(mux) }
