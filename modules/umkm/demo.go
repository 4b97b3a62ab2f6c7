package umkm

import "context"

// SeedDemo records the demo UMKM and BUMDes (dev mode only): each part
// seeds its own, UMKM first.
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.seedDemoUmkm(ctx); err != nil {
		return err
	}
	return m.seedDemoBumdes(ctx)
}
