package pembinaan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

const tag = "pembinaan"

// Register adds the module's operations to the /api/v1 group: sessions,
// invitations, attendance and materials (sesi*.go); follow-up points
// (tindak_lanjut*.go); coverage (cakupan*.go).
func (m *Module) Register(api huma.API) {
	m.registerSesi(api)
	m.registerTindakLanjut(api)
	m.registerCakupan(api)
}

// Routes registers the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.halaman()
	m.routesSesi(mux)
	m.routesTindakLanjut(mux)
	m.routesCakupan(mux)
}
