package administration

import "context"

// SyncRoles runs the role sync task's work for a test, as the worker would.
func (m *Module) SyncRoles(ctx context.Context, userID string) error { return m.syncRoles(ctx, userID) }
