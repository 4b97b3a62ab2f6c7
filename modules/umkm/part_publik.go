package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part publik: the public catalogue per desa (/publik/desa/{kode}/umkm)
// and per kecamatan, the wilayah pages for the camat, the bupati and the
// Dinas Koperasi & UMKM, XLSX of UMKM and BUMDes per wilayah, and the demo
// data.

// registerPublik adds the part's API operations.
func (m *Module) registerPublik(api huma.API) {}

// routesPublik adds the part's pages.
func (m *Module) routesPublik(mux *http.ServeMux) {}

// seedDemoUmkm records the demo UMKM with products (SeedDemo).
func (m *Module) seedDemoUmkm(ctx context.Context) error { return nil }
