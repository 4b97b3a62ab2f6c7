package umkm

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part umkm: the desa's UMKM registry — list with search, filters and
// pages, detail, new, edit, status; products with price; assistance from
// OPD. API GET /api/v1/desa/{kode}/umkm and the rest of the registry.

// registerUmkm adds the part's API operations.
func (m *Module) registerUmkm(api huma.API) { m.registerUmkmAPI(api) }

// routesUmkm adds the part's pages.
func (m *Module) routesUmkm(mux *http.ServeMux) { m.routesUmkmWeb(mux) }
