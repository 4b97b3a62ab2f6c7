package cctv

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part kamera: the registry — cameras of a desa (list, detail, new, edit,
// deactivate), the stream URL and its sealed credentials; the desa's
// landing page GET /desa/{kode}/cctv; API GET /api/v1/desa/{kode}/cctv.
// kamera_store.go holds the writes and reads, kamera_api.go the
// operations, kamera_web.go the pages.

// registerKamera adds the part's API operations.
func (m *Module) registerKamera(api huma.API) { m.registerKameraAPI(api) }

// routesKamera adds the part's pages.
func (m *Module) routesKamera(mux *http.ServeMux) { m.routesKameraWeb(mux) }
