package umkm

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part foto: photos of an UMKM and of its products — upload (JPEG/PNG,
// bounded), EXIF stripped by re-encoding, thumbnails, serving at FotoURL
// and ProdukFotoURL (signed-in and public), deletion.

// registerFoto adds the part's API operations.
func (m *Module) registerFoto(api huma.API) {}

// routesFoto adds the part's pages.
func (m *Module) routesFoto(mux *http.ServeMux) {}
