package cctv

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv/probe"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TaskProbe is the periodic health check of every aktif camera.
const TaskProbe = "cctv:probe"

// Bounds of one round of the probe task. One worker probes a kabupaten's
// 10,000 cameras well inside 5 minutes: a dead camera costs at most
// probeTimeout, and probeTotal of them wait at once (10,000 dead cameras
// would take 10,000 × 5 s / 256 ≈ 3.3 min); a desa behind one small
// uplink never has more than probePerDesa probes open.
const (
	probeTimeout = 5 * time.Second
	probePerDesa = 8
	probeTotal   = 256
	// putaranMax bounds a round end to end; a round still running after it
	// is canceled (the cameras not yet probed are simply not recorded).
	putaranMax = 10 * time.Minute
	// putaranSewa is how long a claimed round is left to its worker: a
	// round claimed longer ago and not finished (the worker died) is
	// claimed again by the next tick. Longer than putaranMax.
	putaranSewa = 15 * time.Minute
	// SimpanProbeHari is how long probe results are kept: the 30-day
	// window and the dossier's calendar month (JendelaMax) with a margin.
	SimpanProbeHari = 35
)

// RingkasanProbe counts one run of the probe task, for logs and tests.
type RingkasanProbe struct {
	Kabupaten int // kabupaten whose interval gave a new round
	Kamera    int // cameras probed
	Naik      int // found up
	Dihapus   int // results older than SimpanProbeHari removed
	DesaGagal int // desa whose results could not be stored
}

// ProbeSemua is the probe task: for every kabupaten with cameras whose
// interval has started a new time slot, it claims the slot, probes the
// aktif cameras of all its desa (stream URL only: credentials are never
// read or sent) with bounded concurrency per desa and in total, honouring
// the kabupaten's IzinkanAlamatPrivat, stores each desa's results under
// that desa's tenant, and removes results older than SimpanProbeHari.
//
// A desa whose results cannot be stored does not stop the others, nor
// does a kabupaten that fails the rest. Redelivery changes nothing: a slot
// already claimed is skipped, and a slot claimed again after its worker
// died writes the same (camera, slot) keys, which SimpanProbe leaves as
// they are.
func (m *Module) ProbeSemua(ctx context.Context) (RingkasanProbe, error) {
	var r RingkasanProbe
	kabs, err := m.kabupatenBerkamera(ctx)
	if err != nil {
		return r, err
	}
	var errs []error
	for _, kab := range kabs {
		if err := m.putaran(ctx, kab, &r); err != nil {
			m.log.ErrorContext(ctx, "cctv: probe round failed", "kabupaten", kab, "err", err)
			errs = append(errs, fmt.Errorf("kabupaten %s: %w", kab, err))
		}
	}
	return r, errors.Join(errs...)
}

// kabupatenBerkamera lists the kabupaten with at least one camera (aktif
// or not: old results of a switched-off camera are pruned too). Periodic
// tasks carry no tenant; this is the one read that crosses tenants on
// purpose, and it returns desa ids only.
func (m *Module) kabupatenBerkamera(ctx context.Context) ([]tenancy.Kode, error) {
	var ids []int64
	err := m.db.RangeTx(ctx, 0, 9_999_999_999, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT DISTINCT desa_id FROM cctv_kamera ORDER BY 1").Scan(ctx, &ids)
	})
	if err != nil {
		return nil, err
	}
	var out []tenancy.Kode
	for _, id := range ids {
		kab := tenancy.KodeOfDesaID(id).Up(tenancy.Kabupaten)
		if len(out) == 0 || out[len(out)-1] != kab {
			out = append(out, kab)
		}
	}
	return out, nil
}

// slotProbe is the time slot now falls in for an interval of menit
// minutes: multiples of the interval counted from midnight UTC.
func slotProbe(now time.Time, menit int) time.Time {
	menit = max(IntervalMinMenit, min(menit, IntervalMaxMenit))
	return now.UTC().Truncate(time.Duration(menit) * time.Minute)
}

// putaran runs one kabupaten's round if its interval gave a new slot.
func (m *Module) putaran(ctx context.Context, kab tenancy.Kode, r *RingkasanProbe) error {
	set, err := m.BacaPengaturan(ctx, kab)
	if err != nil {
		return err
	}
	now := m.now().UTC()
	slot := slotProbe(now, set.IntervalProbeMenit)
	ok, err := m.klaimPutaran(ctx, kab, slot, now)
	if err != nil || !ok {
		return err
	}
	r.Kabupaten++
	kctx := tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	kamera, err := m.kameraProbe(kctx)
	if err != nil {
		return err
	}
	targets := make([]probe.Target, len(kamera))
	for i, k := range kamera {
		targets[i] = probe.Target{CameraID: int64(i), DesaID: k.DesaID, URL: k.StreamURL}
	}
	rctx, cancel := context.WithTimeout(ctx, putaranMax)
	hasil := map[int64][]Probe{}
	naik, diperiksa := 0, 0
	opt := probe.Options{Timeout: probeTimeout, AllowPrivate: set.IzinkanAlamatPrivat, Now: m.now}
	for res := range probe.Run(rctx, targets, opt, probePerDesa, probeTotal) {
		if res.Status == probe.StatusCanceled {
			continue // not a fact about the camera
		}
		k := kamera[res.CameraID]
		hasil[k.DesaID] = append(hasil[k.DesaID], hasilProbe(k.ID, slot, res))
		diperiksa++
		if res.Up {
			naik++
		}
	}
	cancel()

	desa := make([]int64, 0, len(hasil))
	for id := range hasil {
		desa = append(desa, id)
	}
	slices.Sort(desa)
	gagal := 0
	for _, id := range desa {
		kode := tenancy.KodeOfDesaID(id)
		if err := m.SimpanProbe(tenancy.With(ctx, tenancy.Tenant{Kode: kode}), hasil[id]); err != nil {
			gagal++
			m.log.ErrorContext(ctx, "cctv: probe results of a desa not stored", "desa", kode, "err", err)
		}
	}
	dihapus, err := m.pangkasProbe(kctx, now.AddDate(0, 0, -SimpanProbeHari))
	if err != nil {
		m.log.ErrorContext(ctx, "cctv: old probe results not pruned", "kabupaten", kab, "err", err)
	}
	if err := m.selesaiPutaran(ctx, kab, slot, diperiksa, naik, gagal); err != nil {
		return err
	}
	r.Kamera += diperiksa
	r.Naik += naik
	r.Dihapus += dihapus
	r.DesaGagal += gagal
	m.log.InfoContext(ctx, "cctv: probe round", "kabupaten", kab, "slot", slot, "kamera", len(kamera),
		"diperiksa", diperiksa, "naik", naik, "desa", len(desa), "desa_gagal", gagal, "dihapus", dihapus,
		"privat", set.IzinkanAlamatPrivat, "durasi_ms", m.now().Sub(now).Milliseconds())
	if gagal > 0 {
		return fmt.Errorf("cctv: results of %d desa not stored", gagal)
	}
	return nil
}

// hasilProbe is a probe's Result as stored: at the round's slot, a status
// and latency within SimpanProbe's bounds.
func hasilProbe(kameraID string, slot time.Time, res probe.Result) Probe {
	status := string(res.Status)
	if len(status) > ProbeStatusMax {
		status = status[:ProbeStatusMax]
	}
	return Probe{KameraID: kameraID, CheckedAt: slot, Up: res.Up, Status: status,
		LatencyMS: int(max(0, min(res.LatencyMs, ProbeLatencyMax)))}
}

// kameraProbe is one aktif camera as the probe needs it.
type kameraProbe struct {
	DesaID    int64  `bun:"desa_id"`
	ID        string `bun:"id"`
	StreamURL string `bun:"stream_url"`
}

// kameraProbe lists the aktif cameras of the wilayah in ctx (the
// kabupaten): their ids and stream URLs, never their credentials.
func (m *Module) kameraProbe(ctx context.Context) ([]kameraProbe, error) {
	var out []kameraProbe
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_kamera AS k").
			ColumnExpr("k.desa_id, k.id, k.stream_url").
			Where("k.status = ?", StatusAktif).
			OrderExpr("k.desa_id, k.id"), "k.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &out)
	})
	return out, err
}

// pangkasProbe removes the results older than sebelum of the wilayah in
// ctx.
func (m *Module) pangkasProbe(ctx context.Context, sebelum time.Time) (int, error) {
	var n int64
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewDelete().TableExpr("cctv_probe").
			Where("checked_at < ?", sebelum.UTC()), "desa_id")
		if err != nil {
			return err
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// klaimPutaran claims the kabupaten's round of slot: true when this call
// may run it. A slot already claimed is taken only when its round never
// finished and its lease has run out; a newer slot always is. One
// statement, so two workers cannot both win: on PostgreSQL the second
// waits for the first's row and then finds it claimed.
func (m *Module) klaimPutaran(ctx context.Context, kab tenancy.Kode, slot, now time.Time) (bool, error) {
	var n int64
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO cctv_putaran (kabupaten_kode, slot, mulai_at, selesai_at, kamera, naik, desa_gagal)
			VALUES (?, ?, ?, NULL, 0, 0, 0)
			ON CONFLICT (kabupaten_kode) DO UPDATE SET slot = excluded.slot, mulai_at = excluded.mulai_at,
				selesai_at = NULL, kamera = 0, naik = 0, desa_gagal = 0
			WHERE cctv_putaran.slot < excluded.slot
				OR (cctv_putaran.slot = excluded.slot AND cctv_putaran.selesai_at IS NULL AND cctv_putaran.mulai_at < ?)`,
			string(kab), slot.UTC(), now.UTC(), now.UTC().Add(-putaranSewa))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// selesaiPutaran records the end of the kabupaten's round of slot.
func (m *Module) selesaiPutaran(ctx context.Context, kab tenancy.Kode, slot time.Time, kamera, naik, gagal int) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE cctv_putaran SET selesai_at = ?, kamera = ?, naik = ?, desa_gagal = ?
			WHERE kabupaten_kode = ? AND slot = ?`, m.now().UTC(), kamera, naik, gagal, string(kab), slot.UTC())
		return err
	})
}

// Putaran is a kabupaten's last probe round.
type Putaran struct {
	bun.BaseModel `bun:"table:cctv_putaran,alias:r" json:"-"`

	KabupatenKode string     `bun:"kabupaten_kode,pk" json:"kabupaten"`
	Slot          time.Time  `bun:"slot" json:"slot"`
	MulaiAt       time.Time  `bun:"mulai_at" json:"mulai"`
	SelesaiAt     *time.Time `bun:"selesai_at" json:"selesai,omitempty"`
	Kamera        int        `bun:"kamera" json:"kamera"`
	Naik          int        `bun:"naik" json:"naik"`
	DesaGagal     int        `bun:"desa_gagal" json:"desa_gagal"`
}

// PutaranTerakhir reads the last probe round of the kabupaten of kode;
// ok is false when none has run.
func (m *Module) PutaranTerakhir(ctx context.Context, kode tenancy.Kode) (Putaran, bool, error) {
	var p Putaran
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode.Up(tenancy.Kabupaten)})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		return tx.NewSelect().Model(&p).Where("r.kabupaten_kode = ?", string(kode.Up(tenancy.Kabupaten))).Scan(ctx)
	})
	if db.IsNoRows(err) {
		return Putaran{}, false, nil
	}
	return p, err == nil, err
}
