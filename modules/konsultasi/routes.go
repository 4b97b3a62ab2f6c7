package konsultasi

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

const tag = "konsultasi"

// Register adds the module's operations to the /api/v1 group.
func (m *Module) Register(api huma.API) {
	m.registerAPI(api)
}

// Routes registers the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.halaman()
	m.routesPages(mux)
}
