package pilkades

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TaskLantik appoints an election's elected kepala desa in administration
// (payload lantikTugas). Its effect is keyed by the election: a re-run
// finds the appointment recorded (or, if the record was lost between the
// appointment and it, administration finds the same appointment by NIK
// and SK) and adds nothing.
const TaskLantik = "pilkades:lantik"

type lantikTugas struct {
	DesaID     int64  `json:"desa_id"`
	PilkadesID string `json:"pilkades_id"`
}

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskLantik, m.handleLantik)
}

// Lantik records the SK pengangkatan and the pelantikan of the elected
// kepala desa and queues the appointment (in the same transaction).
func (m *Module) Lantik(ctx context.Context, id string, in PilkadesPelantikanInput) (PilkadesPemilihan, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return PilkadesPemilihan{}, tenancy.ErrNoTenant
	}
	if err := m.cekOPD(ctx, t.Kode); err != nil {
		return PilkadesPemilihan{}, err
	}
	if err := in.Validate(m.hariIni(t.Kode)); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		switch {
		case r.Status == StatusDilantik || r.SKNomor != "":
			return fault.New(fault.Conflict, "Pelantikan pemilihan ini sudah dicatat.")
		case r.TerpilihCalonID == "":
			return fault.New(fault.Conflict, "Tetapkan calon terpilih dahulu.")
		}
		r.SKNomor, r.SKTanggal, r.TanggalLantik = in.SKNomor, in.SKTanggal, in.Tanggal
		return jobs.EnqueueTx(ctx, tx, TaskLantik, lantikTugas{DesaID: r.DesaID, PilkadesID: r.ID},
			jobs.Options{TaskID: "pilkades-lantik:" + r.ID, MaxRetry: 10})
	})
}

func (m *Module) handleLantik(ctx context.Context, payload []byte) error {
	var t lantikTugas
	if err := json.Unmarshal(payload, &t); err != nil || t.DesaID <= 0 || !idSah(t.PilkadesID) {
		return fmt.Errorf("pilkades: lantik payload %q: %w", payload, asynq.SkipRetry)
	}
	return m.JalankanLantik(ctx, tenancy.KodeOfDesaID(t.DesaID), t.PilkadesID)
}

// JalankanLantik appoints the elected kepala desa of an election through
// Pengangkatan and records the appointment on the election (status
// dilantik). Running it again changes nothing.
func (m *Module) JalankanLantik(ctx context.Context, desa tenancy.Kode, id string) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var r pemilihanRow
	var c calonRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = bacaPemilihan(ctx, tx, id); err != nil {
			return err
		}
		if r.PerangkatID != "" || r.SKNomor == "" || r.TerpilihCalonID == "" {
			return nil
		}
		var cs []calonRow
		if err := scoped(ctx, tx, &cs, "c.id", "c.id = ?", r.TerpilihCalonID); err != nil {
			return err
		}
		if len(cs) != 1 {
			return fault.New(fault.NotFound, "Calon terpilih tidak ditemukan.")
		}
		c = cs[0]
		return nil
	})
	if err != nil || r.PerangkatID != "" || r.SKNomor == "" || c.ID == "" {
		return err
	}
	if m.pengangkatan == nil {
		return fmt.Errorf("pilkades: tidak ada pengangkatan")
	}
	pid, err := m.pengangkatan.AngkatKepalaDesa(ctx, Pelantikan{Desa: desa, Nama: c.Nama, NIK: c.NIK, SKNomor: r.SKNomor,
		SKTanggal: r.SKTanggal.Time(), Mulai: r.TanggalLantik.Time(), Selesai: akhirMasa(r.TanggalLantik, r.MasaJabatanTahun).Time()})
	if err != nil {
		return err
	}
	_, err = jobs.Once(ctx, m.db, "pilkades-lantik:"+r.ID, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Model((*pemilihanRow)(nil)).Set("perangkat_id = ?", pid).Set("status = ?", StatusDilantik).
			Set("updated_at = ?", m.waktu()).Where("desa_id = ? AND id = ? AND perangkat_id = ''", r.DesaID, r.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fault.New(fault.Conflict, "Pemilihan berubah selama pengangkatan.")
		}
		return nil
	})
	return err
}
