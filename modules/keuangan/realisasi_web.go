package keuangan

import "net/http"

func (m *Module) routesRealisasiWeb(mux *http.ServeMux) {}
