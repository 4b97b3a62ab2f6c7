package cctv

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Part laporan: XLSX of cameras and uptime per wilayah, the module's
// indicators and dossier section, and the demo data.

// registerLaporan adds the part's API operations.
func (m *Module) registerLaporan(api huma.API) {}

// routesLaporan adds the part's pages.
func (m *Module) routesLaporan(mux *http.ServeMux) {}

// Definitions lists the module's indicators.
func (m *Module) Definitions() []indicator.Definition { return nil }

// Indicators answers the module's indicators for every desa of wilayah.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	return nil, nil
}

// DossierSection is the cctv part of a field-visit dossier for desa.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	return report.Section{}, nil
}

// SeedDemo records the demo desa's cameras (dev mode only).
func (m *Module) SeedDemo(ctx context.Context) error { return nil }
