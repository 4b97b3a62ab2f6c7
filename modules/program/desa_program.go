package program

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// The desa and OPD programmes and the views over them. (Being built.)

func (m *Module) registerProgram(api huma.API) {}

func (m *Module) routesProgram(mux *http.ServeMux) {}
