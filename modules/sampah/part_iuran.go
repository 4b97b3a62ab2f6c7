package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part iuran: the household iuran kebersihan ledger.

// registerIuran adds the part's API operations.
func (m *Module) registerIuran(api huma.API) { m.registerIuranAPI(api) }

// routesIuran adds the part's pages.
func (m *Module) routesIuran(mux *http.ServeMux) { m.routesIuranWeb(mux) }
