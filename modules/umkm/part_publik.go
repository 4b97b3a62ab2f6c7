package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part publik: the public catalogue per desa (/publik/desa/{kode}/umkm)
// and per kecamatan (publik_web.go), the wilayah pages for the camat, the
// bupati and the Dinas Koperasi & UMKM (wilayah_web.go, wilayah_api.go),
// XLSX of UMKM and BUMDes per wilayah (ekspor_xlsx.go), and the demo data
// (demo_umkm.go).

// registerPublik adds the part's API operations.
func (m *Module) registerPublik(api huma.API) { m.registerWilayah(api) }

// routesPublik adds the part's pages.
func (m *Module) routesPublik(mux *http.ServeMux) {
	m.routesKatalog(mux)
	m.routesWilayah(mux)
}

// seedDemoUmkm records the demo UMKM with products (SeedDemo).
func (m *Module) seedDemoUmkm(ctx context.Context) error { return m.seedUmkmDemo(ctx) }
