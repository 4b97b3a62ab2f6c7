package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerWilayah adds the wilayah part's API operations (to be written).
func (m *Module) registerWilayah(api huma.API) {}

// routesWilayah adds the wilayah part's pages (to be written).
func (m *Module) routesWilayah(mux *http.ServeMux) {}
