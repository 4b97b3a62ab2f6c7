package umkm

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part bumdes: the desa's BUMDes — profile and legal status, units, yearly
// figures against the APBDes (RealisasiSource), classification, yearly
// report upload; API GET /api/v1/desa/{kode}/bumdes. Also the module's
// indicators and dossier section (UMKM and BUMDes).

// registerBumdes adds the part's API operations.
func (m *Module) registerBumdes(api huma.API) { m.registerBumdesAPI(api) }

// routesBumdes adds the part's pages.
func (m *Module) routesBumdes(mux *http.ServeMux) { m.routesBumdesWeb(mux) }

// Definitions and Indicators are in indikator.go, DossierSection in
// dossier.go, seedDemoBumdes in bumdes_demo.go.
