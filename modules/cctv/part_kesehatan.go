package cctv

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/jobs"
)

// Part kesehatan: the periodic probe task (asynq), the desa's health page,
// the wilayah status page and API GET /api/v1/wilayah/{kode}/cctv/status
// (uptime 24 h / 7 d / 30 d per camera, desa, kecamatan; cameras down for
// more than 24 h).

// registerKesehatan adds the part's API operations.
func (m *Module) registerKesehatan(api huma.API) {}

// routesKesehatan adds the part's pages.
func (m *Module) routesKesehatan(mux *http.ServeMux) {}

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {}

// Periodic is the module's schedule.
func Periodic() []jobs.Periodic { return nil }
