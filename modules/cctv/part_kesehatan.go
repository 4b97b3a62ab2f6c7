package cctv

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Part kesehatan: the periodic probe task (asynq), the desa's health page,
// the wilayah status page and API GET /api/v1/wilayah/{kode}/cctv/status
// (uptime 24 h / 7 d / 30 d per camera, desa, kecamatan; cameras down for
// more than 24 h).

// registerKesehatan adds the part's API operations.
func (m *Module) registerKesehatan(api huma.API) { m.kesehatanRegister(api) }

// routesKesehatan adds the part's pages.
func (m *Module) routesKesehatan(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET /desa/{kode}/cctv/kesehatan", PermStatus, m.pageKesehatanDesa)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/cctv", PermStatus,
		[]tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}, m.pageKesehatanWilayah)
}

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskProbe, func(ctx context.Context, _ []byte) error {
		_, err := m.ProbeSemua(ctx)
		return err
	})
}

// Periodic is the module's schedule: the probe task every minute; each
// kabupaten's own interval (IntervalProbeMenit) decides whether a tick
// starts a round there.
func Periodic() []jobs.Periodic {
	return []jobs.Periodic{{Cronspec: "* * * * *", TaskType: TaskProbe, Payload: struct{}{}}}
}
