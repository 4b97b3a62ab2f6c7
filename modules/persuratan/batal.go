package persuratan

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// PembatalanBaru is why a letter is cancelled.
type PembatalanBaru struct {
	Alasan string `json:"alasan" doc:"Alasan pembatalan, 1–500 karakter" example:"Salah ketik nama pemohon; diganti surat baru"`
}

// Dibatalkan reports whether the letter was cancelled.
func (s *SuratKeluar) Dibatalkan() bool { return s.BatalAt != nil }

// Batalkan cancels the letter. A letter is cancelled once: its number stays
// used (the buku agenda has no gaps and the paper may be in circulation),
// and the verification page says DIBATALKAN from then on.
func (s *SuratKeluar) Batalkan(at time.Time, by, alasan string) error {
	if s.Dibatalkan() {
		return fault.New(fault.Conflict, "surat %s sudah dibatalkan pada %s", s.Nomor,
			civil.DateOf(s.BatalAt.In(civil.Zone(tenancy.KodeOfDesaID(s.DesaID)))))
	}
	s.BatalAt, s.BatalOleh, s.BatalAlasan = &at, by, alasan
	return nil
}

// Batalkan cancels letter id of the desa in ctx.
func (m *Module) Batalkan(ctx context.Context, id string, in PembatalanBaru, by string) (SuratKeluar, error) {
	id, err := parseID(id, "surat keluar")
	if err != nil {
		return SuratKeluar{}, err
	}
	if err := in.Validate(); err != nil {
		return SuratKeluar{}, err
	}
	var s SuratKeluar
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if s, err = findKeluar(ctx, tx, id); err != nil {
			return err
		}
		if err := s.Batalkan(m.clock(), by, in.Alasan); err != nil {
			return err
		}
		// "batal_at IS NULL": of two cancellations at once, one wins.
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&s).Column("batal_at", "batal_oleh", "batal_alasan").
			Where("sk.id = ?", id).Where("sk.batal_at IS NULL"))
		if err != nil {
			return err
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fault.New(fault.Conflict, "surat %s sudah dibatalkan", s.Nomor)
		}
		return err
	})
	return s, err
}
