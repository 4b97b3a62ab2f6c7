package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerRealisasi adds the realisasi part's API operations (to be written).
func (m *Module) registerRealisasi(api huma.API) {}

// routesRealisasi adds the realisasi part's pages (to be written).
func (m *Module) routesRealisasi(mux *http.ServeMux) {}
