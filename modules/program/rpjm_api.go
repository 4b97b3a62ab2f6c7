package program

import (
	"github.com/danielgtaylor/huma/v2"
)

func (m *Module) registerRPJM(api huma.API) {}
