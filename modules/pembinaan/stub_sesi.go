package pembinaan

// Placeholders the sessions helper replaces (delete this file).

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

func (m *Module) registerSesi(api huma.API)     {}
func (m *Module) routesSesi(mux *http.ServeMux) {}
