package forum

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The rollup copies every provider's figures for one kabupaten and year
// into forum_nilai, so the panel reads one table and never aggregates on
// request (ARCHITECTURE.md, "Periodic rollups"). It is keyed by kabupaten
// and year and idempotent: a run replaces exactly the rows of the sources
// that answered, so a provider that fails keeps its previous figures.
//
// It runs after a change in a desa (Tandai, debounced: the first change
// schedules one run jedaRollup later and every change before that run is
// covered by it), nightly for every kabupaten loaded (this year and the
// year before: the panel's change arrows read it), and on request of the
// kabupaten office.

const (
	// TaskRollup recomputes one kabupaten and year.
	TaskRollup = "forum:rollup"
	// TaskRollupMalam enqueues TaskRollup for every kabupaten loaded.
	TaskRollupMalam = "forum:rollup-malam"
	// jedaRollup is the debounce: how long after the first change the
	// run waits for the rest.
	jedaRollup = 2 * time.Minute
	// sisipPerKueri bounds one INSERT's rows (SQLite allows 32,766
	// parameters; five per row).
	sisipPerKueri = 1000
)

// jadwalMalam runs at 02:00 WITA (the scheduler counts in UTC).
var jadwalMalam = jobs.Periodic{Cronspec: "0 18 * * *", TaskType: TaskRollupMalam, Payload: struct{}{}}

// Periodic is the module's schedule.
func Periodic() []jobs.Periodic { return []jobs.Periodic{jadwalMalam} }

// HandleJobs registers the module's task handlers.
func (m *Module) HandleJobs(j *jobs.Jobs) {
	j.Handle(TaskRollup, m.handleRollup)
	j.Handle(TaskRollupMalam, m.handleRollupMalam)
}

type rollupTugas struct {
	Kabupaten tenancy.Kode `json:"kabupaten"`
	Tahun     int          `json:"tahun"`
}

func (m *Module) handleRollup(ctx context.Context, payload []byte) error {
	var t rollupTugas
	if err := json.Unmarshal(payload, &t); err != nil {
		return fmt.Errorf("%w: %v", asynq.SkipRetry, err)
	}
	if t.Kabupaten.Level() != tenancy.Kabupaten || t.Tahun < 2000 || t.Tahun > 2100 {
		return fmt.Errorf("%w: rollup %q %d", asynq.SkipRetry, t.Kabupaten, t.Tahun)
	}
	_, err := m.Rollup(ctx, t.Kabupaten, t.Tahun)
	return err
}

func (m *Module) handleRollupMalam(ctx context.Context, _ []byte) error {
	kabs, err := m.regions.KabupatenDimuat(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, k := range kabs {
		tahun := civil.Today(m.now(), k).Year()
		for _, y := range []int{tahun, tahun - 1} {
			if _, err := m.Rollup(ctx, k, y); err != nil {
				errs = append(errs, fmt.Errorf("%s %d: %w", k, y, err))
			}
		}
	}
	return errors.Join(errs...)
}

// Tandai notes that data of a desa (or of a wilayah) changed: a rollup of
// its kabupaten for the current year runs jedaRollup later, one per
// window whatever the number of changes (asynq's task id per kabupaten and
// window deduplicates across replicas; this process asks Redis once per
// window). It never blocks or fails the change: without a queue, or when
// Redis does not answer, the nightly run catches up.
func (m *Module) Tandai(k tenancy.Kode) {
	if m.jobs == nil || k.Level() < tenancy.Kabupaten {
		return
	}
	kab := k.Up(tenancy.Kabupaten)
	now := m.now()
	jendela := now.Truncate(jedaRollup)
	m.tandaMu.Lock()
	if m.tanda[kab].Equal(jendela) {
		m.tandaMu.Unlock()
		return
	}
	m.tanda[kab] = jendela
	m.tandaMu.Unlock()
	tahun := civil.Today(now, kab).Year()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		id := fmt.Sprintf("forum-rollup:%s:%d:%d", kab, tahun, jendela.Unix())
		err := m.jobs.Enqueue(ctx, TaskRollup, rollupTugas{Kabupaten: kab, Tahun: tahun},
			asynq.TaskID(id), asynq.ProcessIn(jedaRollup), asynq.MaxRetry(3))
		if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			m.log.Warn("forum: rollup not scheduled; the nightly run will catch up", "kabupaten", kab, "err", err)
		}
	}()
}

// tandaState is Tandai's per-process memory of the windows already asked.
type tandaState struct {
	tandaMu sync.Mutex
	tanda   map[tenancy.Kode]time.Time
}

// RollupHasil is what one run copied.
type RollupHasil struct {
	Kabupaten tenancy.Kode
	Tahun     int
	Desa      int
	Nilai     int
	// Gagal names the sources that did not answer; their previous figures
	// are kept.
	Gagal []string
}

// nilaiBaris is one row of forum_nilai.
type nilaiBaris struct {
	bun.BaseModel `bun:"table:forum_nilai"`
	DesaID        int64   `bun:"desa_id,pk"`
	Tahun         int     `bun:"tahun,pk"`
	Sumber        string  `bun:"sumber,pk"`
	Kode          string  `bun:"kode,pk"`
	Nilai         float64 `bun:"nilai"`
}

type desaBaris struct {
	bun.BaseModel `bun:"table:forum_desa"`
	DesaID        int64  `bun:"desa_id,pk"`
	Nama          string `bun:"nama"`
	NamaKecamatan string `bun:"nama_kecamatan"`
}

type rollupBaris struct {
	bun.BaseModel `bun:"table:forum_rollup"`
	DesaID        int64     `bun:"desa_id,pk"`
	Tahun         int       `bun:"tahun,pk"`
	DihitungPada  time.Time `bun:"dihitung_pada"`
	JumlahDesa    int       `bun:"jumlah_desa"`
	JumlahNilai   int       `bun:"jumlah_nilai"`
}

// periodeTahun is the span a year's figures count over: the whole year,
// or up to today for the year under way.
func (m *Module) periodeTahun(k tenancy.Kode, tahun int) indicator.Period {
	from := civil.Date(fmt.Sprintf("%04d-01-01", tahun))
	to := civil.Date(fmt.Sprintf("%04d-12-31", tahun))
	if today := civil.Today(m.now(), k); today.Before(to) {
		to = today
	}
	return indicator.Period{From: from, To: to}
}

// Rollup recomputes the figures of every desa of kabupaten kab for tahun.
func (m *Module) Rollup(ctx context.Context, kab tenancy.Kode, tahun int) (RollupHasil, error) {
	h := RollupHasil{Kabupaten: kab, Tahun: tahun}
	if kab.Level() != tenancy.Kabupaten {
		return h, fmt.Errorf("forum: rollup of %q: not a kabupaten", kab)
	}
	desa, err := m.regions.DesaIn(ctx, kab)
	if err != nil {
		return h, err
	}
	di := make(map[tenancy.Kode]bool, len(desa))
	for _, d := range desa {
		di[d.Kode] = true
	}
	period := m.periodeTahun(kab, tahun)
	// A past year takes only what a provider can tell of that year: its
	// figures of state as of now (Kini) stay as the runs of that year left
	// them.
	lalu := tahun < civil.Today(m.now(), kab).Year()
	var (
		rows    []nilaiBaris
		diganti [][2]string // (sumber, kode) replaced by this run
		defByID = map[[2]string]indicator.Definition{}
	)
	for _, p := range m.indicators() {
		var codes []string
		src := ""
		for _, def := range p.Definitions() {
			if !dibandingkan(def) || (lalu && def.Kini) {
				continue
			}
			codes = append(codes, def.Code)
			src = def.Source
			defByID[[2]string{def.Source, def.Code}] = def
		}
		if len(codes) == 0 {
			continue
		}
		vals, err := p.Indicators(ctx, kab, period, codes)
		if err != nil {
			if ctx.Err() != nil {
				return h, ctx.Err()
			}
			m.log.Error("forum: rollup: a provider failed; its previous figures are kept", "sumber", src, "kabupaten", kab, "tahun", tahun, "err", err)
			h.Gagal = append(h.Gagal, src)
			continue
		}
		for _, c := range codes {
			diganti = append(diganti, [2]string{src, c})
		}
		for _, v := range vals {
			def, ok := defByID[[2]string{v.Source, v.Code}]
			if !ok || v.Source != src || !di[v.Desa] {
				continue // not asked, or outside the kabupaten
			}
			rows = append(rows, nilaiBaris{DesaID: v.Desa.ID(), Tahun: tahun, Sumber: v.Source, Kode: v.Code,
				Nilai: float64(v.Number) / skalaSatuan(def.Satuan).bagi})
		}
	}
	idm, err := m.idmNilai(ctx, kab, tahun)
	if err != nil {
		return h, err
	}
	for _, c := range []string{IndIDM, IndIKS, IndIKE, IndIKL} {
		diganti = append(diganti, [2]string{SumberIDM, c})
	}
	for _, v := range idm {
		if di[v.Desa] {
			rows = append(rows, v.baris(tahun)...)
		}
	}
	names := make([]desaBaris, len(desa))
	for i, d := range desa {
		names[i] = desaBaris{DesaID: d.Kode.ID(), Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	lo, hi := kab.Range()
	err = m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		bySumber := map[string][]string{}
		for _, sk := range diganti {
			bySumber[sk[0]] = append(bySumber[sk[0]], sk[1])
		}
		for src, codes := range bySumber {
			if _, err := tx.NewDelete().TableExpr("forum_nilai").
				Where("desa_id BETWEEN ? AND ? AND tahun = ? AND sumber = ? AND kode IN (?)", lo, hi, tahun, src, bun.In(codes)).
				Exec(ctx); err != nil {
				return err
			}
		}
		for i := 0; i < len(rows); i += sisipPerKueri {
			part := rows[i:min(i+sisipPerKueri, len(rows))]
			if _, err := tx.NewInsert().Model(&part).Exec(ctx); err != nil {
				return err
			}
		}
		for i := 0; i < len(names); i += sisipPerKueri {
			part := names[i:min(i+sisipPerKueri, len(names))]
			if _, err := tx.NewInsert().Model(&part).
				On("CONFLICT (desa_id) DO UPDATE").Set("nama = EXCLUDED.nama, nama_kecamatan = EXCLUDED.nama_kecamatan").
				Exec(ctx); err != nil {
				return err
			}
		}
		r := rollupBaris{DesaID: kab.ID(), Tahun: tahun, DihitungPada: m.now().UTC(), JumlahDesa: len(desa), JumlahNilai: len(rows)}
		_, err := tx.NewInsert().Model(&r).On("CONFLICT (desa_id, tahun) DO UPDATE").
			Set("dihitung_pada = EXCLUDED.dihitung_pada, jumlah_desa = EXCLUDED.jumlah_desa, jumlah_nilai = EXCLUDED.jumlah_nilai").
			Exec(ctx)
		return err
	})
	if err != nil {
		return h, fmt.Errorf("forum: rollup %s %d: %w", kab, tahun, err)
	}
	h.Desa, h.Nilai = len(desa), len(rows)
	m.log.Info("forum: rollup", "kabupaten", kab, "tahun", tahun, "desa", h.Desa, "nilai", h.Nilai, "gagal", strings.Join(h.Gagal, ","))
	return h, nil
}

// dibandingkan says whether the panel ranks an indicator: whole-number
// figures that name nobody. Names (kepala desa) and times are not ranked.
func dibandingkan(def indicator.Definition) bool {
	return def.Kind == indicator.Count && !def.Personal && def.Code != indicator.Diperbarui
}

// satuanSkala is how a provider's integer is read: divided by bagi, shown
// with unit tampil and desimal decimals.
type satuanSkala struct {
	bagi    float64
	tampil  string
	desimal int
}

// skalaSatuan reads the providers' unit conventions: "bp (1/100 %)" is
// hundredths of a percent, "1/100 …" hundredths, "1/1000 …" thousandths
// (the text after the fraction names the unit).
func skalaSatuan(s string) satuanSkala {
	switch {
	case strings.HasPrefix(s, "bp"):
		return satuanSkala{bagi: 100, tampil: "%", desimal: 2}
	case strings.HasPrefix(s, "1/1000 "):
		return satuanSkala{bagi: 1000, tampil: unitSesudah(s, "1/1000 "), desimal: 3}
	case strings.HasPrefix(s, "1/100 "):
		return satuanSkala{bagi: 100, tampil: unitSesudah(s, "1/100 "), desimal: 2}
	}
	return satuanSkala{bagi: 1, tampil: s}
}

// unitSesudah is the unit named after a fraction prefix, without the
// example in parentheses: "1/100 usaha per 1.000 penduduk (1234 = 12,34)"
// → "usaha per 1.000 penduduk".
func unitSesudah(s, prefix string) string {
	s = strings.TrimPrefix(s, prefix)
	if i := strings.Index(s, " ("); i >= 0 {
		s = s[:i]
	}
	return s
}
