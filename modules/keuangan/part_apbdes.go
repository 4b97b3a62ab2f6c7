package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerAPBDes adds the apbdes part's API operations (to be written).
func (m *Module) registerAPBDes(api huma.API) {}

// routesAPBDes adds the apbdes part's pages (to be written).
func (m *Module) routesAPBDes(mux *http.ServeMux) {}
