package keuangan

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// registerEvaluasi adds the evaluasi part's API operations (to be written).
func (m *Module) registerEvaluasi(api huma.API) {}

// routesEvaluasi adds the evaluasi part's pages (to be written).
func (m *Module) routesEvaluasi(mux *http.ServeMux) {}
