package pembinaan

// Placeholders the follow-up and coverage helper replaces (delete this file).

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

func (m *Module) registerTindakLanjut(api huma.API)     {}
func (m *Module) routesTindakLanjut(mux *http.ServeMux) {}
func (m *Module) registerCakupan(api huma.API)          {}
func (m *Module) routesCakupan(mux *http.ServeMux)      {}
