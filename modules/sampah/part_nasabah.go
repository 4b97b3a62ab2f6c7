package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part nasabah: nasabah, member card with QR, saldo and passbook.

// registerNasabah adds the part's API operations.
func (m *Module) registerNasabah(api huma.API) { m.registerNasabahOps(api) }

// routesNasabah adds the part's pages.
func (m *Module) routesNasabah(mux *http.ServeMux) { m.routesNasabahWeb(mux) }
