package pembinaan

import "context"

// SeedDemo fills the demo kabupaten's sessions (with attendance and a
// material) and then their follow-up points.
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.SeedDemoSesi(ctx); err != nil {
		return err
	}
	return m.SeedDemoTindakLanjut(ctx)
}
