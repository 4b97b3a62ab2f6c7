package forum

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/tenancy"
)

const tag = "forum"

// panelLevels are the wilayah a panel compares desa over: a kecamatan, a
// kabupaten, or (for the national benchmark and a deployment of many
// kabupaten) a provinsi.
var panelLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

// Register adds the module's operations to the /api/v1 group.
func (m *Module) Register(api huma.API) {
	m.registerPanel(api)
	m.registerIDM(api)
}

// Routes registers the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.halaman()
	m.routesPanel(mux)
	m.routesIDM(mux)
}
