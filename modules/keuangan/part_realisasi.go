package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerRealisasi adds the realisasi part's API operations: the journal,
// the books, the LRA and the Dana Desa tahap (realisasi_api.go).
func (m *Module) registerRealisasi(api huma.API) { m.registerRealisasiAPI(api) }

// routesRealisasi adds the realisasi part's pages (realisasi_web.go).
func (m *Module) routesRealisasi(mux *http.ServeMux) { m.routesRealisasiWeb(mux) }
