package sampah

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Part fasilitas: facilities (TPS3R, bank sampah, TPS/depo), jenis sampah and their price list.

// registerFasilitas adds the part's API operations.
func (m *Module) registerFasilitas(api huma.API) { m.registerFasilitasAPI(api) }

// routesFasilitas adds the part's pages.
func (m *Module) routesFasilitas(mux *http.ServeMux) { m.routesFasilitasWeb(mux) }
