package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerExcel adds the excel part's API operations (to be written).
func (m *Module) registerExcel(api huma.API) {}

// routesExcel adds the excel part's pages (to be written).
func (m *Module) routesExcel(mux *http.ServeMux) {}
