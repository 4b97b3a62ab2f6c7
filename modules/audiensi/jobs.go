package audiensi

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Task names of the module.
const (
	// TaskPengingat is the daily reminder of what is due on the next
	// working day and what is overdue.
	TaskPengingat = "audiensi:pengingat"
)

// Periodic is the module's schedule: reminders at 08:00 WITA (00:00 UTC),
// before the kantor desa opens.
func Periodic() []jobs.Periodic {
	return []jobs.Periodic{{Cronspec: "0 0 * * *", TaskType: TaskPengingat, Payload: struct{}{}}}
}

// Pesan is an in-app notification. Kunci makes it idempotent per user: a
// reminder sent twice (a task re-run) arrives once.
type Pesan struct {
	Kunci, Judul, Isi, Tautan string
}

// Notifier delivers in-app notifications (platform/notifikasi, wired by
// cmd); it reports how many were new.
type Notifier interface {
	Notify(ctx context.Context, userIDs []string, p Pesan) (int, error)
}

// Staff lists the accounts holding a role at exactly a wilayah (the
// enforcer's UsersAt, wired by cmd).
type Staff interface {
	UsersAt(ctx context.Context, wilayah tenancy.Kode) ([]string, error)
}

// HandleJobs registers the module's task handlers. The calendar's change
// task has one handler for every module (cmd); this module's part is
// HitungUlang / HitungUlangSemua.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskPengingat, func(ctx context.Context, _ []byte) error {
		_, err := m.Pengingat(ctx)
		return err
	})
}

// HitungUlangSemua is HitungUlang for every kabupaten with an open
// audiensi: a national year loaded or changed moves them all.
func (m *Module) HitungUlangSemua(ctx context.Context) (int, error) {
	var desa []int64
	err := m.db.RangeTx(ctx, 0, 9_999_999_999, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model((*Audiensi)(nil)).ColumnExpr("DISTINCT a.desa_id").
			Where("a.status IN (?)", bun.In(statusTerbuka)).Scan(ctx, &desa)
	})
	if err != nil {
		return 0, err
	}
	seen := map[tenancy.Kode]bool{}
	total := 0
	var errs []error
	for _, id := range desa {
		kab := tenancy.KodeOfDesaID(id).Up(tenancy.Kabupaten)
		if seen[kab] {
			continue
		}
		seen[kab] = true
		n, err := m.HitungUlang(ctx, kab)
		total += n
		errs = append(errs, err)
	}
	return total, errors.Join(errs...)
}

// HitungUlang computes again the clocks of every open audiensi of
// kabupaten kab from the calendar as it is now, and reports how many
// changed. It is what a holiday added late sets off; running it twice
// changes nothing the second time.
func (m *Module) HitungUlang(ctx context.Context, kab tenancy.Kode) (int, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return 0, err
	}
	changed := 0
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var as []Audiensi
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&as).Where("a.status IN (?)", bun.In(statusTerbuka)))
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		var ds []DisposisiAudiensi
		dsel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ds).Where("d.status = ?", Menunggu), "d.desa_id")
		if err != nil {
			return err
		}
		if err := dsel.Scan(ctx); err != nil {
			return err
		}
		type key struct {
			desa int64
			id   string
		}
		byA := map[key][]DisposisiAudiensi{}
		for _, d := range ds {
			byA[key{d.DesaID, d.AudiensiID}] = append(byA[key{d.DesaID, d.AudiensiID}], d)
		}
		for i := range as {
			a := &as[i]
			before := *a
			mine := byA[key{a.DesaID, a.ID}]
			old := make([]civil.Date, len(mine))
			for j := range mine {
				old[j] = mine[j].Tenggat
			}
			hitungTenggat(k, a, mine)
			moved := false
			for j := range mine {
				if mine[j].Tenggat != old[j] {
					moved = true
					if _, err := tx.NewUpdate().Model(&mine[j]).Column("tenggat").WherePK().Exec(ctx); err != nil {
						return err
					}
				}
			}
			if a.TenggatVerif == before.TenggatVerif && a.TenggatSelesai == before.TenggatSelesai &&
				a.Tenggat == before.Tenggat && a.Perkiraan == before.Perkiraan && !moved {
				continue
			}
			changed++
			if _, err := tx.NewUpdate().Model(a).Column("tenggat_verifikasi", "tenggat_selesai", "tenggat", "perkiraan").
				WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	return changed, err
}

// Pengingat reminds the responsible users of every open audiensi due on
// the next working day or overdue: the desa's verifiers while it waits
// for verification or closing, each waiting recipient (an OPD's members,
// or the desa's staff for the desa's part) while it is disposed. Each
// reminder is keyed by the audiensi, the due date and the kind, so a user
// hears once per due date, however often the task runs. It returns how
// many notifications were new.
func (m *Module) Pengingat(ctx context.Context) (int, error) {
	if m.notifier == nil {
		return 0, nil
	}
	var desa []int64
	err := m.db.RangeTx(ctx, 0, 9_999_999_999, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model((*Audiensi)(nil)).ColumnExpr("DISTINCT a.desa_id").
			Where("a.status IN (?)", bun.In(statusTerbuka)).Scan(ctx, &desa)
	})
	if err != nil {
		return 0, err
	}
	total := 0
	var errs []error
	for _, id := range desa {
		n, err := m.pengingatDesa(tenancy.With(ctx, tenancy.Tenant{Kode: tenancy.KodeOfDesaID(id)}))
		total += n
		errs = append(errs, err)
	}
	return total, errors.Join(errs...)
}

func (m *Module) pengingatDesa(ctx context.Context) (int, error) {
	t, _ := tenancy.From(ctx)
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return 0, err
	}
	hariIni := m.hariIni(ctx)
	besok, _ := k.Tambah(hariIni, 1)
	var as []Audiensi
	var ds []DisposisiAudiensi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&as).
			Column("desa_id", "id", "judul", "status", "tenggat").
			Where("a.status IN (?) AND a.tenggat <= ?", bun.In(statusTerbuka), besok))
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		dsel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ds).
			Where("d.status = ? AND d.tenggat <= ?", Menunggu, besok), "d.desa_id")
		if err != nil {
			return err
		}
		return dsel.Scan(ctx)
	})
	if err != nil {
		return 0, err
	}
	verifier, err := m.staffWith(ctx, t.Kode, PermVerifikasi)
	if err != nil {
		return 0, err
	}
	total := 0
	judul := map[string]string{}
	for _, a := range as {
		judul[a.ID] = a.Judul
		if a.Status == Didisposisikan {
			continue // the recipients are reminded of their parts below
		}
		n, err := m.ingatkan(ctx, verifier, a.ID, a.Judul, a.Tenggat, hariIni, "verifikator")
		if err != nil {
			return total, err
		}
		total += n
	}
	for _, d := range ds {
		var users []string
		if d.Penerima == PenerimaDesa {
			users, err = m.staffWith(ctx, t.Kode, PermTindakLanjut)
		} else if m.opd != nil {
			users, err = m.opd.Anggota(ctx, d.Penerima)
		}
		if err != nil {
			return total, err
		}
		n, err := m.ingatkan(ctx, users, d.AudiensiID, judul[d.AudiensiID], d.Tenggat, hariIni, "penerima:"+d.Penerima)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func (m *Module) ingatkan(ctx context.Context, users []string, id, judul string, tenggat, hariIni civil.Date, siapa string) (int, error) {
	if len(users) == 0 {
		return 0, nil
	}
	t, _ := tenancy.From(ctx)
	jenis, kalimat := "besok", "jatuh tempo "+tenggat.String()
	switch {
	case tenggat.Before(hariIni):
		jenis, kalimat = "terlambat", "melewati tenggat "+tenggat.String()
	case tenggat == hariIni:
		jenis, kalimat = "hari_ini", "jatuh tempo hari ini"
	}
	return m.notifier.Notify(ctx, users, Pesan{
		Kunci:  fmt.Sprintf("audiensi:%s:%s:%s:%s", id, siapa, string(tenggat), jenis),
		Judul:  "Audiensi " + kalimat,
		Isi:    judul,
		Tautan: "/desa/" + string(t.Kode) + "/audiensi/" + id,
	})
}

// staffWith lists the accounts at desa that hold p there.
func (m *Module) staffWith(ctx context.Context, desa tenancy.Kode, p authz.Permission) ([]string, error) {
	if m.staff == nil || m.authz == nil {
		return nil, nil
	}
	ids, err := m.staff.UsersAt(ctx, desa)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		ok, err := m.authz.Allowed(ctx, id, desa, p)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, id)
		}
	}
	return out, nil
}
