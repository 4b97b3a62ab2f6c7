package kunjungan

import "context"

// SeedDemo adds the demo visits (dev mode).
func (m *Module) SeedDemo(ctx context.Context) error { return nil }
