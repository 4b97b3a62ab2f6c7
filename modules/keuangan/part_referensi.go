package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerReferensi adds the referensi part's API operations (to be written).
func (m *Module) registerReferensi(api huma.API) {}

// routesReferensi adds the referensi part's pages (to be written).
func (m *Module) routesReferensi(mux *http.ServeMux) {}
