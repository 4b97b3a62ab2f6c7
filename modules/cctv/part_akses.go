package cctv

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part akses: a camera's access list, opening its live link (only for
// those the list names; every view recorded), the desa's view log, and
// the kabupaten's probe settings.

// registerAkses adds the part's API operations.
func (m *Module) registerAkses(api huma.API) {
	m.registerAksesAPI(api)
	m.registerPengaturanAPI(api)
}

// routesAkses adds the part's pages.
func (m *Module) routesAkses(mux *http.ServeMux) {
	m.routesAksesWeb(mux)
	m.routesPengaturanWeb(mux)
}
