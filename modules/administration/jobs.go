package administration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Task types of the module.
const (
	// TaskSinkronPeran brings one account's roles at one desa (the task's
	// tenant) in line with its active linked appointments.
	TaskSinkronPeran = "administration:sinkron-peran"
	// TaskMasaJabatan flags terms ending within 60 days, in every desa.
	TaskMasaJabatan = "administration:masa-jabatan"
)

// Periodic is the module's schedule. 17:00 UTC is just past midnight in
// all three Indonesian zones (00:00 WIB, 01:00 WITA, 02:00 WIT), so every
// desa's "today" has turned when the job reads it.
func Periodic() []jobs.Periodic {
	return []jobs.Periodic{{Cronspec: "0 17 * * *", TaskType: TaskMasaJabatan, Payload: struct{}{}}}
}

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskSinkronPeran, m.handleSinkron)
	j.Handle(TaskMasaJabatan, func(ctx context.Context, _ []byte) error {
		_, err := m.FlagExpiringTerms(ctx)
		return err
	})
}

// sinkronPayload names the account to re-sync at the task's desa. Peran is
// what the change touched; it is informational (the sync reconciles every
// appointment of the account), kept so tasks queued by older builds still
// decode.
type sinkronPayload struct {
	UserID string   `json:"user_id"`
	Peran  []string `json:"peran"`
}

// enqueueSinkron records, in the transaction that links or ends an
// appointment, a task that re-syncs the account's roles a minute later. The
// request syncs at once after commit; the task is the safety net when that
// call fails (or the process dies between commit and call), and is harmless
// when it did not: syncing is convergent.
func enqueueSinkron(ctx context.Context, tx bun.Tx, userID string, role authz.Role) error {
	return jobs.EnqueueTx(ctx, tx, TaskSinkronPeran, sinkronPayload{UserID: userID, Peran: []string{string(role)}},
		jobs.Options{Delay: time.Minute})
}

func (m *Module) handleSinkron(ctx context.Context, payload []byte) error {
	var p sinkronPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		return fmt.Errorf("administration: %s payload: %w", TaskSinkronPeran, err)
	}
	return m.syncRoles(ctx, p.UserID)
}

// sourcePrefix marks the grants this module made: "perangkat:<id>" names
// the appointment that carries the grant.
const sourcePrefix = "perangkat:"

func grantSource(p Perangkat) string { return sourcePrefix + p.ID.String() }

// syncRoles makes userID's grants from appointments at the tenant desa
// match its active linked appointments: one grant per appointment, with
// that appointment as its source. A grant given by hand, or by an
// appointment elsewhere, is never touched, so ending a post cannot take
// away a role the account holds for another reason; and a role two
// appointments carry stays while either does.
func (m *Module) syncRoles(ctx context.Context, userID string) error {
	if m.grants == nil {
		return errors.New("administration: Deps.Grants is not wired")
	}
	if _, err := desaID(ctx); err != nil {
		return err
	}
	var aktif []Perangkat
	if err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		aktif, err = linkedTo(ctx, tx, userID, m.today(tenantKode(ctx)))
		return err
	}); err != nil {
		return err
	}
	desa := tenantKode(ctx)
	want := map[authz.Grant]bool{}
	for _, p := range aktif {
		want[authz.Grant{UserID: userID, Role: p.Jabatan.Role(), Wilayah: desa, Source: grantSource(p)}] = true
	}
	held, err := m.grants.Grants(ctx, userID)
	if err != nil {
		return err
	}
	have := map[authz.Grant]bool{}
	for _, g := range held {
		if g.Wilayah == desa && strings.HasPrefix(g.Source, sourcePrefix) {
			have[g] = true
		}
	}
	for g := range want {
		if !have[g] {
			if err := m.grants.Grant(ctx, g); err != nil {
				return err
			}
		}
	}
	for g := range have {
		if want[g] {
			continue
		}
		if err := m.grants.Revoke(ctx, g); err != nil && !fault.Is(err, fault.NotFound) {
			return err
		}
	}
	return nil
}

// sinkron runs syncRoles after a commit and reports the outcome instead of
// failing the request: the appointment change stands, and the outbox task
// retries the role change.
func (m *Module) sinkron(ctx context.Context, userID string, role authz.Role, aksi string) *SinkronPeran {
	s := &SinkronPeran{UserID: userID, Peran: string(role), Aksi: aksi, Berhasil: true}
	if err := m.syncRoles(context.WithoutCancel(ctx), userID); err != nil {
		m.log.ErrorContext(ctx, "administration: role sync failed; outbox task will retry",
			"err", err, "user_id", userID, "role", role, "desa", tenantKode(ctx))
		s.Berhasil = false
		verb := "diberikan"
		if aksi == "cabut" {
			verb = "dicabut"
		}
		s.Pesan = fmt.Sprintf("Perubahan jabatan tersimpan, tetapi peran %s belum dapat %s. Sistem akan mencoba lagi otomatis dalam beberapa menit.", role, verb)
		if fe, ok := fault.As(err); ok {
			s.Pesan += " Sebab: " + fe.Message
		}
	}
	return s
}

// FlagExpiringTerms is the daily job: in every desa with terms on record,
// it flags the active terms ending within 60 days and drops flags that no
// longer hold. It returns how many flags were added.
//
// Periodic tasks carry no tenant. Discovering which desa to visit is the one
// read that crosses tenants on purpose: it publishes the whole id range and
// returns desa ids only, never rows. Each desa's work then runs under its
// own tenant (tenancy.With, so RLS and Scope apply as in a request), once a
// day per desa (jobs.Once); a failing desa does not stop the others, and a
// retry of the task skips the desa already done.
func (m *Module) FlagExpiringTerms(ctx context.Context) (int, error) {
	ids, err := m.desaWithTerms(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	var errs []error
	for _, id := range ids {
		kode := tenancy.KodeOfDesaID(id)
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: kode})
		today := m.today(kode)
		key := fmt.Sprintf("administration:masa-jabatan:%d:%s", id, string(today))
		_, err := jobs.Once(dctx, m.db, key, func(ctx context.Context, tx bun.Tx) error {
			n, err := flagDesa(ctx, tx, today.AddDate(0, 0, peringatanHari), m.now())
			total += n
			if err != nil {
				return err
			}
			return syncEnded(ctx, tx, today)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("desa %s: %w", kode, err))
		}
	}
	return total, errors.Join(errs...)
}

// syncEndedHari is how many days back the daily job looks for linked posts
// whose end date has come: a week, so a day the job did not run is caught
// up. Syncing is convergent, so a post seen on several days costs nothing.
const syncEndedHari = 7

// syncEnded queues a role sync for every account linked to a post of the
// tenant desa whose recorded end date has come in the last week: an end
// recorded ahead of its date kept the role until today.
func syncEnded(ctx context.Context, tx bun.Tx, today Tanggal) error {
	var rows []Perangkat
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Column("p.user_id", "p.jabatan").
		Where("p.user_id IS NOT NULL AND p.tanggal_berhenti > ? AND p.tanggal_berhenti <= ?",
			today.AddDate(0, 0, -syncEndedHari), today))
	if err != nil {
		return err
	}
	if err := q.Scan(ctx); err != nil && !db.IsNoRows(err) {
		return err
	}
	for _, p := range rows {
		if err := enqueueSinkron(ctx, tx, p.UserID, p.Jabatan.Role()); err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) desaWithTerms(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, m.db.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		// Posts whose recorded end is near (a day's margin either side of
		// every zone's today) need their account's role re-synced.
		utc := civil.DateOf(m.clock().UTC())
		return tx.NewRaw(`SELECT desa_id FROM perangkat WHERE ended_at IS NULL AND selesai IS NOT NULL
			UNION SELECT desa_id FROM lembaga_anggota WHERE ended_at IS NULL AND selesai IS NOT NULL
			UNION SELECT desa_id FROM peringatan_masa_jabatan
			UNION SELECT desa_id FROM perangkat WHERE user_id IS NOT NULL AND tanggal_berhenti IS NOT NULL
				AND tanggal_berhenti > ? AND tanggal_berhenti <= ?
			ORDER BY 1`, utc.AddDate(0, 0, -syncEndedHari-1), utc.AddDate(0, 0, 1)).Scan(ctx, &ids)
	})
	return ids, err
}
