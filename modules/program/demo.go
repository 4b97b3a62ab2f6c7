package program

import "context"

// SeedDemo fills the demo kabupaten's RPJM (in outline, marked demo) and
// then the desa and OPD programmes tagged to its sasaran, with one
// overlap. It runs after keuangan's demo: programmes link its kegiatan.
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.SeedDemoRPJM(ctx); err != nil {
		return err
	}
	return m.SeedDemoProgram(ctx)
}
