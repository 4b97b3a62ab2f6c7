package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part publik: public page, indicators and dossier section.

// registerPublik adds the part's API operations.
func (m *Module) registerPublik(api huma.API) {}

// routesPublik adds the part's pages.
func (m *Module) routesPublik(mux *http.ServeMux) {}
