package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The dossier target (issue 14): the real `ngantor worker` builds briefing
// dossiers with the real Susun over a year of data in every module that
// has a dossier section, for every desa of Tabanan:
//
//   - keuangan: `seed demo` already gives every desa of the kabupaten an
//     APBDes of this year and last with twelve months of realisasi;
//   - audiensi: seedAudiensi's 50,000 over the year, a sixth waiting at DLH;
//   - sampah, cctv, umkm/BUMDes and the desa profile (dusun, lembaga,
//     perangkat, profil): the demo year of Bengkel (its TPS3R, bank
//     sampah, iuran, daily logs; its cameras, two down; its UMKM and its
//     BUMDes with a year's report; its profile) copied into every desa
//     that has none, by INSERT … SELECT per table. Every key of these
//     tables leads with desa_id, so the copies keep their ids.
//
// It measures (a) one visit at a time: POST /api/v1/kunjungan as the
// admin with -dossier-opd OPD, then GET …/dossier until every audience's
// dossier is siap — each dossier's time from the POST to siap, and the
// visit's; (b) the planning dossiers of every desa of the kabupaten
// (POST /api/v1/wilayah/51.02/kunjungan/dossier) until all are siap; (c)
// the worker's resident set, sampled every 100 ms, and its VmHWM.

const (
	adminEmail = "admin@tabanan.test"
	// dossierPoll is how often the states are read while waiting.
	dossierPoll = 100 * time.Millisecond
)

// dossierOPD are the OPD a measured visit invites, in order (the demo
// accounts' three first).
var dossierOPD = []string{"DLH", "DISKOPUKM", "SATPOLPP", "DPMD", "BAKEUDA", "DINKES", "DISDIK", "DINASPUPRPKP", "DISKOMINFO", "DISTAN"}

// cloneModule is one module's tables copied from the demo desa into every
// desa without its root table's rows, in foreign-key order; where adds a
// filter on the source rows of a table.
type cloneModule struct {
	name, root string
	tables     []string
	where      map[string]string
}

var cloneModules = []cloneModule{
	{name: "sampah", root: "sampah_fasilitas", tables: []string{"sampah_fasilitas", "sampah_jenis", "sampah_harga", "sampah_nasabah",
		"sampah_entri", "sampah_entri_rinci", "sampah_log", "sampah_iuran_kelas", "sampah_iuran_rumah", "sampah_iuran_tagihan", "sampah_iuran_bayar"}},
	{name: "cctv", root: "cctv_kamera", tables: []string{"cctv_kamera", "cctv_akses", "cctv_lihat", "cctv_probe"}},
	{name: "umkm", root: "umkm", tables: []string{"umkm", "umkm_produk", "umkm_foto", "umkm_bantuan",
		"bumdes", "bumdes_unit", "bumdes_tahun", "bumdes_laporan"}},
	{name: "profil", root: "profil_desa", tables: []string{"dusun", "lembaga", "perangkat", "lembaga_anggota", "profil_desa", "profil_penduduk"},
		// Bengkel's serving perangkat, not the generated history.
		where: map[string]string{"perangkat": "s.ended_at IS NULL"}},
}

// seedDossierData copies the demo desa's year of sampah, cctv, umkm and
// profile into every desa of Tabanan that has none, and reports the rows
// per table. keuangan and audiensi are seeded elsewhere.
func seedDossierData(ctx context.Context, ownerURL string, from tenancy.Kode) (map[string]int64, error) {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows := map[string]int64{}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := tabanan.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		for _, m := range cloneModules {
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+m.root+" WHERE desa_id = $1", from.ID()).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("%s: the demo desa %s has no %s to copy", m.name, from, m.root)
			}
			// The desa to fill, fixed before the first table is copied.
			if _, err := tx.Exec(ctx, "DROP TABLE IF EXISTS lb_sasaran; CREATE TEMP TABLE lb_sasaran ON COMMIT DROP AS "+
				"SELECT w.id FROM wilayah w WHERE w.tingkat = 'desa' AND w.kode LIKE '"+string(tabanan)+".%' "+
				"AND NOT EXISTS (SELECT 1 FROM "+m.root+" r WHERE r.desa_id = w.id)"); err != nil {
				return err
			}
			for _, table := range m.tables {
				cr, err := tx.Query(ctx, `SELECT column_name FROM information_schema.columns
					WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, table)
				if err != nil {
					return err
				}
				cols, err := pgx.CollectRows(cr, pgx.RowTo[string])
				if err != nil {
					return err
				}
				if !slices.Contains(cols, "desa_id") {
					return fmt.Errorf("%s has no desa_id", table)
				}
				sel := make([]string, len(cols))
				for i, c := range cols {
					sel[i] = "s." + c
					if c == "desa_id" {
						sel[i] = "t.id"
					}
				}
				q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(sel, ", ") +
					" FROM " + table + " s CROSS JOIN lb_sasaran t WHERE s.desa_id = $1"
				if w := m.where[table]; w != "" {
					q += " AND " + w
				}
				tag, err := tx.Exec(ctx, q+" ON CONFLICT DO NOTHING", from.ID())
				if err != nil {
					return fmt.Errorf("copying %s: %w", table, err)
				}
				rows[table] += tag.RowsAffected()
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Planner statistics, as autovacuum keeps them in production: without
	// them a fresh database plans the sections' aggregates badly.
	_, err = conn.Exec(ctx, "ANALYZE")
	return rows, err
}

// dossierFixtures are what the dossier target needs from the database.
type dossierFixtures struct {
	desa []tenancy.Kode    // Tabanan's desa, by code
	opd  []string          // ids of the OPD a visit invites
	kec  tenancy.Kode      // quick mode's bulk wilayah: the kecamatan with the fewest desa
	nKec int               // its desa
	apb  int               // desa with an APBDes of this year
	rows map[string]int64  // rows copied, by table
	cnt  map[string][2]int // rows of a module's main tables, and desa with any
}

func loadDossierFixtures(ctx context.Context, ownerURL string, nOPD int) (dossierFixtures, error) {
	var f dossierFixtures
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return f, err
	}
	defer conn.Close(ctx)
	rs, err := conn.Query(ctx, "SELECT kode FROM wilayah WHERE tingkat = 'desa' AND kode LIKE $1 ORDER BY kode", string(tabanan)+".%")
	if err != nil {
		return f, err
	}
	ks, err := pgx.CollectRows(rs, pgx.RowTo[string])
	if err != nil {
		return f, err
	}
	for _, k := range ks {
		f.desa = append(f.desa, tenancy.Kode(k))
	}
	var kec string
	if err := conn.QueryRow(ctx, `SELECT substr(kode, 1, 8), count(*) FROM wilayah WHERE tingkat = 'desa' AND kode LIKE $1
		GROUP BY 1 ORDER BY 2, 1 LIMIT 1`, string(tabanan)+".%").Scan(&kec, &f.nKec); err != nil {
		return f, err
	}
	f.kec = tenancy.Kode(kec)
	for _, kode := range dossierOPD[:min(nOPD, len(dossierOPD))] {
		var id string
		err := conn.QueryRow(ctx, "SELECT id FROM opd WHERE kabupaten = $1 AND kode = $2", string(tabanan), kode).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return f, err
		}
		f.opd = append(f.opd, id)
	}
	if len(f.opd) < min(nOPD, 3) {
		return f, fmt.Errorf("only %d of the OPD %v in the registry", len(f.opd), dossierOPD[:nOPD])
	}
	f.cnt = map[string][2]int{}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := tabanan.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, "SELECT count(DISTINCT desa_id) FROM apbdes WHERE tahun = $1", time.Now().Year()).Scan(&f.apb); err != nil {
			return err
		}
		for _, t := range []string{"keuangan_transaksi", "sampah_log", "sampah_entri", "cctv_kamera", "umkm", "bumdes_laporan", "audiensi", "perangkat"} {
			var n, d int
			if err := tx.QueryRow(ctx, "SELECT count(*), count(DISTINCT desa_id) FROM "+t).Scan(&n, &d); err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
			f.cnt[t] = [2]int{n, d}
		}
		return nil
	})
	return f, err
}

// waitDossiersIdle waits until no dossier row is antri or dibuat (the
// demo's visits queue theirs at start-up), so the timings start from an
// idle worker.
func waitDossiersIdle(ctx context.Context, ownerURL string, within time.Duration) error {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	deadline := time.Now().Add(within)
	for {
		var n int
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', '0', true), set_config('app.desa_max', '9999999999', true)"); err != nil {
				return err
			}
			return tx.QueryRow(ctx, "SELECT count(*) FROM kunjungan_dossier WHERE status IN ('antri', 'dibuat')").Scan(&n)
		})
		if err != nil || n == 0 {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d dossiers still queued or building after %s", n, within)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// startWorker starts `ngantor worker` with serve's environment and its own
// health port, and waits for its /readyz.
func startWorker(bin string, env []string, logFile string, args ...string) (*serveProc, error) {
	return startProc(bin, append([]string{"worker"}, args...), env, "", logFile)
}

// rssSampler reads a process's VmRSS every 100 ms and keeps the largest.
type rssSampler struct {
	mu   sync.Mutex
	peak int64
	stop chan struct{}
	done chan struct{}
}

func sampleRSS(p *serveProc) *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if now, _, err := p.rss(); err == nil {
				s.mu.Lock()
				s.peak = max(s.peak, now)
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// take reads the largest sample so far and starts over.
func (s *rssSampler) take() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.peak
	s.peak = 0
	return p
}

func (s *rssSampler) close() { close(s.stop); <-s.done }

// dossierResult is what the dossier target measured.
type dossierResult struct {
	visits     int             // visits measured
	perVisit   int             // dossiers per visit
	one        []time.Duration // each dossier: POST to siap
	cold       []time.Duration // … of the first visit: nothing cached in the worker yet
	visit      []time.Duration // each visit: POST to its last dossier siap
	oneFailed  int             // dossiers that ended gagal
	bulkDesa   int
	bulkWil    tenancy.Kode
	bulk       time.Duration
	bulkFailed int
	bulkDone   bool
	rssVisits  int64 // largest VmRSS sample during the visits, bytes
	rssBulk    int64 // … during the bulk run
	hwm        int64 // the worker's VmHWM at the end
	concurrent int   // the worker's dossier concurrency (its default)
}

// apiClient talks to serve as one signed-in user.
type apiClient struct {
	base, token string
	c           *http.Client
}

func (a apiClient) do(ctx context.Context, method, path string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := a.c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("%s %s: %s %s", method, path, res.Status, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

type dossierState struct {
	Desa    string `json:"desa"`
	Audiens string `json:"audiens"`
	Status  string `json:"status"`
	Alasan  string `json:"alasan"`
}

// terminal: siap, or gagal with no retry left.
func (s dossierState) terminal() bool {
	return s.Status == "siap" || s.Status == "gagal" && strings.Contains(s.Alasan, "buat ulang")
}

// runDossier measures visits one after another, then the bulk run.
func runDossier(ctx context.Context, o options, base, token string, worker *serveProc, f dossierFixtures, say func(string, ...any)) (dossierResult, error) {
	r := dossierResult{concurrent: 2}
	api := apiClient{base: base, token: token, c: &http.Client{Timeout: 30 * time.Second}}
	rss := sampleRSS(worker)
	defer rss.close()

	today := time.Now()
	for i := range o.dossierVisits {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		// A different desa each time, spread over the kabupaten.
		desa := f.desa[(i*37+5)%len(f.desa)]
		body := map[string]any{"desa": string(desa), "tanggal": today.AddDate(0, 0, 7+i).Format("2006-01-02"),
			"judul": fmt.Sprintf("Bupati Ngantor di Desa (uji beban %d)", i+1), "opd": f.opd, "camat_hadir": true,
			"agenda": []map[string]any{{"jenis": "tps3r", "judul": "Meninjau TPS3R"}, {"jenis": "umkm", "judul": "Pameran UMKM"},
				{"jenis": "bumdes", "judul": "BUMDes"}, {"jenis": "audiensi", "judul": "Sesi audiensi warga"}}}
		var created struct {
			ID string `json:"id"`
		}
		t0 := time.Now()
		if err := api.do(ctx, http.MethodPost, "/api/v1/kunjungan", body, &created); err != nil {
			return r, err
		}
		done := map[string]time.Duration{}
		var states struct{ Items []dossierState }
		for {
			if err := api.do(ctx, http.MethodGet, "/api/v1/kunjungan/"+created.ID+"/dossier", nil, &states); err != nil {
				return r, err
			}
			for _, s := range states.Items {
				if _, ok := done[s.Audiens]; !ok && s.terminal() {
					done[s.Audiens] = time.Since(t0)
					if s.Status == "gagal" {
						r.oneFailed++
						say("dossier %s of %s failed: %s", s.Audiens, desa, s.Alasan)
					}
				}
			}
			if len(states.Items) > 0 && len(done) == len(states.Items) {
				break
			}
			if time.Since(t0) > 5*time.Minute {
				return r, fmt.Errorf("visit to %s: %d of %d dossiers done after 5 min", desa, len(done), len(states.Items))
			}
			select {
			case <-ctx.Done():
				return r, ctx.Err()
			case <-time.After(dossierPoll):
			}
		}
		var last time.Duration
		for _, d := range done {
			r.one = append(r.one, d)
			if i == 0 {
				r.cold = append(r.cold, d)
			}
			last = max(last, d)
		}
		r.visit = append(r.visit, last)
		r.perVisit = len(done)
		r.visits++
		say("visit %d to %s: %d dossiers, all siap after %s", i+1, desa, len(done), last.Round(time.Millisecond))
	}
	r.rssVisits = rss.take()

	// The bulk run: every desa of the kabupaten (quick: the smallest
	// kecamatan).
	r.bulkWil = tabanan
	if o.quick {
		r.bulkWil = f.kec
	}
	var queued struct {
		Jumlah int `json:"jumlah"`
	}
	t0 := time.Now()
	if err := api.do(ctx, http.MethodPost, "/api/v1/wilayah/"+string(r.bulkWil)+"/kunjungan/dossier", nil, &queued); err != nil {
		return r, err
	}
	r.bulkDesa = queued.Jumlah
	say("bulk: %d planning dossiers of %s queued", queued.Jumlah, r.bulkWil)
	var prof chan error
	if o.profileDir != "" {
		prof = make(chan error, 1)
		go func() {
			if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
				prof <- err
				return
			}
			prof <- worker.fetch(ctx, "/debug/pprof/profile?seconds=30", o.profileDir+"/cpu-dossier-worker.pb.gz")
		}()
	}
	limit := 15 * time.Minute
	lastSay := time.Now()
	for {
		all, err := bulkStates(ctx, api, r.bulkWil)
		if err != nil {
			return r, err
		}
		siap, gagal := 0, 0
		for _, s := range all {
			switch {
			case s.Status == "siap":
				siap++
			case s.terminal():
				gagal++
			}
		}
		if siap+gagal >= r.bulkDesa && len(all) >= r.bulkDesa {
			r.bulk, r.bulkFailed, r.bulkDone = time.Since(t0), gagal, true
			break
		}
		if time.Since(lastSay) > 30*time.Second {
			say("bulk: %d of %d siap after %s", siap, r.bulkDesa, time.Since(t0).Round(time.Second))
			lastSay = time.Now()
		}
		if time.Since(t0) > limit {
			r.bulk, r.bulkFailed = time.Since(t0), gagal
			say("bulk: stopped waiting after %s with %d of %d siap", limit, siap, r.bulkDesa)
			break
		}
		select {
		case <-ctx.Done():
			return r, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	r.rssBulk = rss.take()
	if prof != nil {
		if err := <-prof; err != nil {
			say("worker profile: %v", err)
		}
	}
	if _, hwm, err := worker.rss(); err == nil {
		r.hwm = hwm
	}
	return r, nil
}

// bulkStates reads every planning dossier of wil, page by page.
func bulkStates(ctx context.Context, api apiClient, wil tenancy.Kode) ([]dossierState, error) {
	var out []dossierState
	cursor := ""
	for {
		var p struct {
			Items      []dossierState `json:"items"`
			NextCursor string         `json:"next_cursor"`
		}
		path := "/api/v1/wilayah/" + string(wil) + "/kunjungan/dossier?limit=100"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		if err := api.do(ctx, http.MethodGet, path, nil, &p); err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out, nil
		}
		cursor = p.NextCursor
	}
}

// dossierCounts describes the data the dossiers are built from.
func dossierCounts(f dossierFixtures) string {
	parts := []string{fmt.Sprintf("APBDes %d in %d desa", time.Now().Year(), f.apb)}
	for _, t := range []string{"keuangan_transaksi", "sampah_log", "sampah_entri", "cctv_kamera", "umkm", "bumdes_laporan", "audiensi", "perangkat"} {
		c := f.cnt[t]
		parts = append(parts, fmt.Sprintf("%s %d in %d desa", t, c[0], c[1]))
	}
	return strings.Join(parts, ", ")
}

// dossierGoals are the issue's.
const (
	dossierOneGoal  = 5 * time.Second
	dossierBulkGoal = 5 * time.Minute
	dossierRSSGoal  = 200 << 20
)

// printDossier writes the dossier target's table.
func (r *dossierResult) print(w io.Writer, quick bool) {
	one := slices.Sorted(slices.Values(r.one))
	vis := slices.Sorted(slices.Values(r.visit))
	fmt.Fprintf(w, "\nbriefing dossiers (issue 14): the real worker (`ngantor worker`, dossier concurrency %d by default) and Susun over a year of data in every module\n\n", r.concurrent)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tn\tp50\tp95\tmax\tfailed\tgoal\tmet?")
	fmt.Fprintf(tw, "one dossier, POST visit → siap (%d per visit)\t%d\t%s\t%s\t%s\t%d\tp95 ≤ 5 s\t%s\n", r.perVisit, len(one),
		sec(quantile(one, 0.5)), sec(quantile(one, 0.95)), sec(quantile(one, 1)), r.oneFailed,
		verdict(quick, r.oneFailed == 0 && len(one) > 0 && quantile(one, 0.95) <= dossierOneGoal))
	cold := slices.Sorted(slices.Values(r.cold))
	fmt.Fprintf(tw, "  of which the first visit (worker's caches cold)\t%d\t%s\t-\t%s\t-\t-\t\n", len(cold),
		sec(quantile(cold, 0.5)), sec(quantile(cold, 1)))
	fmt.Fprintf(tw, "one visit, POST → all its dossiers siap\t%d\t%s\t%s\t%s\t-\t-\t\n", len(vis),
		sec(quantile(vis, 0.5)), sec(quantile(vis, 0.95)), sec(quantile(vis, 1)))
	bulk := sec(r.bulk)
	if !r.bulkDone {
		bulk = "> " + bulk + " (stopped)"
	}
	fmt.Fprintf(tw, "planning dossiers of every desa of %s\t%d\t-\t-\t%s\t%d\t≤ 5 min (133 desa)\t%s\n", r.bulkWil, r.bulkDesa, bulk, r.bulkFailed,
		verdict(quick, r.bulkDone && r.bulkFailed == 0 && r.bulk <= dossierBulkGoal))
	fmt.Fprintf(tw, "worker RSS (100 ms samples: visits / bulk; VmHWM)\t-\t-\t-\t%.0f / %.0f MiB; %.0f MiB\t-\t≤ 200 MiB\t%s\n",
		mib(r.rssVisits), mib(r.rssBulk), mib(r.hwm), verdict(quick, r.hwm > 0 && r.hwm <= dossierRSSGoal))
	tw.Flush()
	if r.bulkDesa > 0 && r.bulkDone {
		fmt.Fprintf(w, "bulk: %.2f s per desa through the queue\n", r.bulk.Seconds()/float64(r.bulkDesa))
	}
}

func sec(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
