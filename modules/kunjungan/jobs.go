package kunjungan

import "github.com/ngantor/ngantor/platform/jobs"

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskDossier, m.handleDossier)
}

// Periodic is the module's schedule.
func Periodic() []jobs.Periodic { return nil }
