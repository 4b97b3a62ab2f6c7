package umkm

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part foto: photos of an UMKM and of its products — upload (JPEG/PNG,
// bounded), EXIF stripped by re-encoding, thumbnails, serving at FotoURL
// and ProdukFotoURL (signed-in and public), deletion. The image rules are
// in foto_gambar.go, the blobs and rows in foto_store.go, the API in
// foto_api.go and the pages in foto_web.go.

// registerFoto adds the part's API operations.
func (m *Module) registerFoto(api huma.API) { m.registerFotoAPI(api) }

// routesFoto adds the part's pages.
func (m *Module) routesFoto(mux *http.ServeMux) { m.routesFotoWeb(mux) }
