package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part log: the TPS3R daily log.

// registerLog adds the part's API operations.
func (m *Module) registerLog(api huma.API) {}

// routesLog adds the part's pages.
func (m *Module) routesLog(mux *http.ServeMux) {}
