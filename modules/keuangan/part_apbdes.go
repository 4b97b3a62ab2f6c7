package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerAPBDes adds the apbdes part's API operations (apbdes_api.go).
func (m *Module) registerAPBDes(api huma.API) { m.registerAPBDesOps(api) }

// routesAPBDes adds the apbdes part's pages (apbdes_web.go).
func (m *Module) routesAPBDes(mux *http.ServeMux) { m.routesAPBDesPages(mux) }
