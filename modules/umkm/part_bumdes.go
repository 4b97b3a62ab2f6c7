package umkm

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Part bumdes: the desa's BUMDes — profile and legal status, units, yearly
// figures against the APBDes (RealisasiSource), classification, yearly
// report upload; API GET /api/v1/desa/{kode}/bumdes. Also the module's
// indicators and dossier section (UMKM and BUMDes).

// registerBumdes adds the part's API operations.
func (m *Module) registerBumdes(api huma.API) {}

// routesBumdes adds the part's pages.
func (m *Module) routesBumdes(mux *http.ServeMux) {}

// Definitions lists the module's indicators.
func (m *Module) Definitions() []indicator.Definition { return nil }

// Indicators answers the module's indicators for every desa of wilayah.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	return nil, nil
}

// DossierSection is the UMKM and BUMDes part of a field-visit dossier.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	return report.Section{}, nil
}

// seedDemoBumdes records the demo BUMDes with its years (SeedDemo).
func (m *Module) seedDemoBumdes(ctx context.Context) error { return nil }
