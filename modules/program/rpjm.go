package program

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// The RPJM tree, its API and pages. (Being built.)

func (m *Module) registerRPJM(api huma.API) {}

func (m *Module) routesRPJM(mux *http.ServeMux) {}
