package cctv

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Bounds of a probe result as the probe reports it.
const (
	ProbeStatusMax  = 40      // a short code: ok, timeout, ditolak, http_503, …
	ProbeLatencyMax = 600_000 // ms; a probe's timeouts are seconds
)

// SimpanProbe records probe results of the desa in ctx. A result already
// recorded (same camera and checked_at) is left as it is, so a re-run
// probe task changes nothing (asynq delivers at least once). Results of a
// camera the desa does not have fail on the foreign key.
func (m *Module) SimpanProbe(ctx context.Context, hasil []Probe) error {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return err
	}
	if len(hasil) == 0 {
		return nil
	}
	rows := make([]Probe, len(hasil))
	for i, h := range hasil {
		if h.KameraID == "" || h.CheckedAt.IsZero() || len(h.Status) > ProbeStatusMax || h.LatencyMS < 0 || h.LatencyMS > ProbeLatencyMax {
			return fmt.Errorf("cctv: probe result out of bounds: %+v", h)
		}
		h.DesaID = desaID
		h.CheckedAt = h.CheckedAt.UTC().Truncate(time.Millisecond)
		rows[i] = h
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&rows).On("CONFLICT (desa_id, kamera_id, checked_at) DO NOTHING").Exec(ctx)
		return err
	})
}
