package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part publik: public page, indicators (indikator.go) and dossier section
// (dossier.go). The indicators and the dossier are Go calls other modules
// make through cmd, and the public page needs no sign-in: the part has no
// API operation.

// registerPublik adds the part's API operations: none.
func (m *Module) registerPublik(api huma.API) {}

// routesPublik adds the part's pages: the public page and its stylesheet.
func (m *Module) routesPublik(mux *http.ServeMux) { m.routesPublikSampah(mux) }
