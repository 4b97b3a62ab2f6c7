package umkm

import (
	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// apiOp declares one operation of the module: the platform's operation with
// the given tag (umkm or bumdes) and a description stating its rules.
func apiOp(tag, id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

// Register adds the module's operations to api, the /api/v1 group; each
// part registers its own.
func (m *Module) Register(api huma.API) {
	m.registerUmkm(api)
	m.registerFoto(api)
	m.registerBumdes(api)
	m.registerPublik(api)
}
