package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part capaian: figures per desa, kecamatan and kabupaten, the DLH page, SIPSN XLSX and the kabupaten settings.

// registerCapaian adds the part's API operations.
func (m *Module) registerCapaian(api huma.API) { m.capaianRegister(api) }

// routesCapaian adds the part's pages.
func (m *Module) routesCapaian(mux *http.ServeMux) { m.capaianRoutes(mux) }
