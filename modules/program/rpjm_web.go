package program

import "net/http"

func (m *Module) routesRPJM(mux *http.ServeMux) {}
