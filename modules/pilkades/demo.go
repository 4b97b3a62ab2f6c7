package pilkades

import "context"

// SeedDemo is filled below.
func (m *Module) SeedDemo(ctx context.Context) error { return nil }
