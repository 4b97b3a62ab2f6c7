package kunjungan

import "github.com/ngantor/ngantor/platform/jobs"

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskDossier, m.handleDossier)
	j.Handle(TaskPengingat, m.tugasPengingat)
	j.Handle(TaskKirimLaporan, m.handleKirimLaporan)
}

// Periodic is the module's schedule.
func Periodic() []jobs.Periodic {
	return []jobs.Periodic{jadwalPengingat}
}
