package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part log: the TPS3R daily log (log_store.go, log_api.go, log_web.go,
// templates/log.html).

// registerLog adds the part's API operations.
func (m *Module) registerLog(api huma.API) { m.registerLogAPI(api) }

// routesLog adds the part's pages.
func (m *Module) routesLog(mux *http.ServeMux) { m.routesLogWeb(mux) }
