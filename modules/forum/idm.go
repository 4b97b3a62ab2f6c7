package forum

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// IDM import (Kemendesa layout, CSV or XLSX): POST /wilayah/{kode}/idm/impor
// and its page. (Being built.)

func (m *Module) registerIDM(api huma.API) {}

func (m *Module) routesIDM(mux *http.ServeMux) {}

// SeedDemoIDM seeds the demo's IDM. (Being built.)
func (m *Module) SeedDemoIDM(ctx context.Context) error { return nil }
