package kunjungan

import "net/http"

// Routes adds the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.routesDasbor(mux)
	m.routesKomitmenWilayah(mux)
}
