package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part entri: the bank sampah journal: setoran, penarikan, penjualan, koreksi, fast entry and receipt.

// registerEntri adds the part's API operations.
func (m *Module) registerEntri(api huma.API) { m.registerEntriAPI(api) }

// routesEntri adds the part's pages.
func (m *Module) routesEntri(mux *http.ServeMux) { m.routesEntriWeb(mux) }
