package kunjungan

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/jobs"
)

// TaskDossier builds one dossier (or a visit's report): payload
// dossierTugas. Its effect is keyed by the dossier row and the content
// hash: a re-run adds no version and no file.
const TaskDossier = "kunjungan:dossier"

// dossierTugas is the payload of TaskDossier.
type dossierTugas struct {
	DesaID      int64  `json:"desa_id"`
	KunjunganID string `json:"kunjungan_id"` // "" for a planning dossier
	Audiens     string `json:"audiens"`
	// Permintaan is the request this task answers; a task of an older
	// request than the row's finds the row already answered and stops.
	Permintaan string `json:"permintaan"`
}

// QueueDossier is the asynq queue dossiers are built on: its own, so a
// bulk run cannot hold up reminders and the other modules' jobs, and the
// worker bounds its concurrency (cmd's worker configuration).
const QueueDossier = "dossier"

// antriDossier marks each audience's dossier of a visit as queued (a new
// request) and enqueues its task through the outbox, in tx.
func (m *Module) antriDossier(ctx context.Context, tx bun.Tx, desaID int64, kunjunganID string, audiens []string) error {
	now := m.waktu()
	for _, a := range audiens {
		req := baruID()
		d := Dossier{DesaID: desaID, KunjunganID: kunjunganID, Audiens: a, Status: Antri, Permintaan: req, DimintaAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&d).
			On("CONFLICT (desa_id, kunjungan_id, audiens) DO UPDATE").
			Set("status = EXCLUDED.status, alasan = '', permintaan = EXCLUDED.permintaan, diminta_at = EXCLUDED.diminta_at, updated_at = EXCLUDED.updated_at").
			Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		if err := jobs.EnqueueTx(ctx, tx, TaskDossier, dossierTugas{DesaID: desaID, KunjunganID: kunjunganID, Audiens: a, Permintaan: req},
			jobs.Options{Queue: QueueDossier, TaskID: "dossier:" + req, MaxRetry: 3}); err != nil {
			return err
		}
	}
	return nil
}
