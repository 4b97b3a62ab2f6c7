package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo perbekel of Bengkel (cmd/ngantor/demo.go).
const (
	bengkel      tenancy.Kode = "51.02.06.2001"
	demoEmail                 = "perbekel.bengkel@tabanan.test"
	demoPassword              = "ngantor-demo"
)

// step is one timed attack of the plan.
type step struct {
	target  string
	rate    int // requests per second; 0: saturation (closed loop)
	goal    string
	met     func(r, ref result) bool // nil: no goal of its own
	profile bool                     // save serve's profiles during it (-profile)
}

// plan is the table, in the order it runs. Each saturation step
// that is judged against the reference runs right after its own reference
// step, so background load on the machine moves both alike.
func plan(o options) []step {
	has := func(t string) bool { return slices.Contains(o.targets, t) }
	ratio := func(x float64) func(r, ref result) bool {
		return func(r, ref result) bool { return ref.rps > 0 && r.rps >= x*ref.rps }
	}
	p99 := func(limit time.Duration) func(r, _ result) bool {
		return func(r, _ result) bool { return r.errors() == 0 && r.ok > 0 && r.p99 <= limit }
	}
	var s []step
	if has("byid") {
		s = append(s, step{target: "reference"},
			step{target: "byid", goal: "≥ 0.50 × reference", met: ratio(0.50), profile: true},
			step{target: "byid", rate: o.rateByID, goal: "p99 ≤ 10 ms", met: p99(10 * time.Millisecond)})
	}
	if has("list") {
		s = append(s, step{target: "reference"},
			step{target: "list", goal: "≥ 0.40 × reference", met: ratio(0.40), profile: true},
			step{target: "list", rate: o.rateList, goal: "p99 ≤ 25 ms", met: p99(25 * time.Millisecond)})
	}
	if has("page") {
		s = append(s, step{target: "page", goal: "≥ 1,200 rps", profile: true,
			met: func(r, _ result) bool { return r.rps >= 1200 }},
			step{target: "page", rate: o.ratePage, goal: "p99 ≤ 50 ms", met: p99(50 * time.Millisecond)})
	}
	if has("create") {
		s = append(s, step{target: "create", rate: o.rateCreate, goal: "p99 ≤ 50 ms, 0 duplicates, 0 errors",
			met: p99(50 * time.Millisecond)})
	}
	if has("setoran") {
		s = append(s, step{target: "setoran", rate: o.rateSetoran, goal: "p99 ≤ 50 ms, 0 errors", met: p99(50 * time.Millisecond)})
	}
	if has("antrian") {
		s = append(s, step{target: "antrian", rate: o.rateAntrian, goal: "p99 ≤ 100 ms, 0 errors", met: p99(100 * time.Millisecond)})
	}
	if has("dasbor") {
		s = append(s, step{target: "dasbor", rate: o.rateDasbor, goal: "p99 ≤ 150 ms, 0 errors", met: p99(150 * time.Millisecond)})
	}
	if has("peringkat") {
		s = append(s, step{target: "peringkat", rate: o.ratePeringkat, goal: "p99 ≤ 100 ms, 0 errors", met: p99(100 * time.Millisecond)})
	}
	if has("publik") {
		s = append(s, step{target: "publik", rate: o.ratePublik, goal: "p99 ≤ 100 ms, 0 errors", met: p99(100 * time.Millisecond)})
	}
	return s
}

// run is the whole benchmark; everything it creates is removed on return.
func run(ctx context.Context, o options, stdout, stderr io.Writer) (err error) {
	say := func(format string, args ...any) { fmt.Fprintf(stderr, "loadbench: "+format+"\n", args...) }
	tmp, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// Cleanup must run even when ctx was cancelled by Ctrl-C.
	cleanupCtx := context.WithoutCancel(ctx)

	bin := o.ngantor
	if bin == "" {
		say("building cmd/ngantor")
		if bin, err = buildNgantor(ctx, tmp); err != nil {
			return err
		}
	}

	rdb, err := openRedis(ctx, o.redisURL)
	if err != nil {
		return err
	}
	defer func() {
		_ = rdb.FlushDB(cleanupCtx).Err()
		rdb.Close()
	}()

	say("creating database and roles on %s", redactURL(o.adminURL))
	bdb, err := newBenchDB(ctx, o.adminURL)
	if err != nil {
		return err
	}
	defer func() {
		bdb.drop(cleanupCtx)
		say("dropped database %s and roles %s, %s", bdb.name, bdb.owner, bdb.app)
	}()

	// serve needs a secret key (platform/secret); one made for this run.
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "NGANTOR_DATA_DIR=" + tmp,
		"NGANTOR_BLOB_URL=file://" + filepath.Join(tmp, "blobs"), "NGANTOR_DATABASE_APP_ROLE=" + bdb.app,
		"NGANTOR_SECRET_KEY=lb:" + base64.StdEncoding.EncodeToString(key)}
	owner := append(slices.Clone(base), "NGANTOR_DATABASE_URL="+bdb.ownerURL, "NGANTOR_LOG_LEVEL=warn")
	say("migrating and seeding Tabanan with the demo data (as the owner)")
	for _, args := range [][]string{{"migrate", "up"}, {"seed", "wilayah", "--kabupaten", string(tabanan)}, {"seed", "demo"}} {
		if err := ngantorCmd(ctx, bin, owner, args...); err != nil {
			return err
		}
	}
	t0 := time.Now()
	desa, err := bulkRows(ctx, bdb.ownerURL, o.rows)
	if err != nil {
		return fmt.Errorf("generating rows: %w", err)
	}
	f, err := loadFixtures(ctx, bdb.ownerURL, bengkel, demoEmail)
	if err != nil {
		return err
	}
	if slices.Contains(o.targets, "setoran") {
		if f.sampah, err = seedSampah(ctx, bdb.ownerURL, bengkel); err != nil {
			return err
		}
		say("seeded a bank sampah in %s with %d jenis and %d nasabah", bengkel, len(f.sampah.jenis), len(f.sampah.nasabah))
	}
	dossierOn := slices.Contains(o.targets, "dossier")
	audiensiOn := slices.Contains(o.targets, "antrian") || slices.Contains(o.targets, "publik")
	if audiensiOn || dossierOn {
		if f.audiensi.opdID, err = seedAudiensi(ctx, bdb.ownerURL); err != nil {
			return err
		}
		say("generated %d audiensi over Tabanan's desa, half disposed to DLH", audiensiRows)
	}
	var df dossierFixtures
	if dossierOn {
		t1 := time.Now()
		copied, err := seedDossierData(ctx, bdb.ownerURL, bengkel)
		if err != nil {
			return fmt.Errorf("seeding the dossier modules: %w", err)
		}
		if df, err = loadDossierFixtures(ctx, bdb.ownerURL, o.dossierOPD); err != nil {
			return err
		}
		df.rows = copied
		say("copied %s's year of sampah, cctv, umkm and profile into every desa and ran ANALYZE in %s: %s",
			bengkel, time.Since(t1).Round(time.Millisecond), dossierCounts(df))
	}
	say("generated rows over %d desa in %s: perangkat %d (≥ %d per desa), surat keluar %d (≥ %d per desa)",
		desa, time.Since(t0).Round(time.Millisecond), f.total[0], f.fewest[0], f.total[1], f.fewest[1])

	app := append(slices.Clone(base), "NGANTOR_DATABASE_URL="+bdb.appURL, "NGANTOR_REDIS_URL="+o.redisURL,
		"NGANTOR_DB_MAX_CONNS="+strconv.Itoa(o.dbConns))
	if slices.Contains(o.targets, "publik") {
		// Each public send carries its own X-Forwarded-For (a resident's
		// phone); serve takes it from the loopback "proxy".
		app = append(app, "NGANTOR_TRUSTED_PROXIES=127.0.0.1/32")
	}
	srv, err := startServe(bin, app, filepath.Join(tmp, "serve.log"))
	if err != nil {
		return err
	}
	defer srv.stop()
	ref, err := startReference(ctx, bdb.adminDBURL(), o.dbConns)
	if err != nil {
		return fmt.Errorf("reference handler: %w", err)
	}
	defer ref.stop()
	token, err := login(srv.base, demoEmail, demoPassword)
	if err != nil {
		return err
	}
	if audiensiOn {
		if f.audiensi.dlhToken, err = login(srv.base, dlhEmail, demoPassword); err != nil {
			return err
		}
	}
	if slices.Contains(o.targets, "dasbor") {
		if f.dasborToken, err = login(srv.base, "bupati@tabanan.test", demoPassword); err != nil {
			return err
		}
	}
	if slices.Contains(o.targets, "peringkat") {
		if f.forumToken, err = login(srv.base, "forum@tabanan.test", demoPassword); err != nil {
			return err
		}
	}
	if slices.Contains(o.targets, "publik") {
		n := o.ratePublik*int(o.duration.Seconds()) + 50
		say("fetching %d public form tokens (each is spent on one send)", n)
		if f.audiensi.tokens, err = formTokens(ctx, srv.base, bengkel, n); err != nil {
			return err
		}
	}
	runID := randomID()
	tgs := targets(srv.base, ref.base, string(bengkel), bengkel.ID(), token, f, runID)
	steps := plan(o)
	var used []target
	for _, s := range steps {
		if !slices.ContainsFunc(used, func(t target) bool { return t.name == s.target }) {
			used = append(used, tgs[s.target])
		}
	}
	if err := preflight(ctx, used); err != nil {
		return fmt.Errorf("preflight: %w", err)
	}

	rep := report{quick: o.quick, workers: o.workers, duration: o.duration}
	// The public form spends a token per send: no untimed warm-up.
	warmed := map[string]bool{"publik": true}
	var lastRef result
	var createStart time.Time
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		tg := tgs[s.target]
		if !warmed[s.target] && o.warmup > 0 {
			say("warming up %s (%s)", tg.title, o.warmup)
			attack(ctx, tg, 0, o.warmup, o.workers)
			warmed[s.target] = true
		}
		say("%s at %s for %s", tg.title, rateText(s.rate, o.workers), o.duration)
		if s.target == "create" {
			createStart = time.Now()
		}
		var prof *profiling
		if s.profile && o.profileDir != "" {
			prof = startProfiling(ctx, srv, o.profileDir, s.target, o.duration)
		}
		r := attack(ctx, tg, s.rate, o.duration, o.workers)
		if prof != nil {
			if err := prof.finish(); err != nil {
				say("profile of %s: %v", s.target, err)
			}
		}
		if s.target == "reference" {
			lastRef = r
		}
		rep.add(s, tg.title, r, lastRef)
	}

	if dossierOn {
		say("starting ngantor worker (default settings) and waiting for the demo's dossiers")
		worker, err := startWorker(bin, app, filepath.Join(tmp, "worker.log"))
		if err != nil {
			return err
		}
		defer worker.stop()
		if err := waitDossiersIdle(ctx, bdb.ownerURL, 5*time.Minute); err != nil {
			return fmt.Errorf("demo dossiers: %w", err)
		}
		adminToken, err := login(srv.base, adminEmail, demoPassword)
		if err != nil {
			return err
		}
		dr, err := runDossier(ctx, o, srv.base, adminToken, worker, df, say)
		if err != nil {
			return fmt.Errorf("dossier: %w", err)
		}
		rep.dossier = &dr
		if errs := worker.errorLines(5); len(errs) > 0 {
			say("worker logged errors (latest first):")
			for _, e := range errs {
				say("  %s", e)
			}
		}
	}

	now, peak, err := srv.rss()
	if err != nil {
		return fmt.Errorf("serve RSS: %w", err)
	}
	rep.rss, rep.rssPeak = now, peak

	if slices.Contains(o.targets, "create") {
		c, err := checkLetters(cleanupCtx, bdb.ownerURL, bengkel, f.userID, createStart.UnixNano())
		if err != nil {
			return fmt.Errorf("checking letters: %w", err)
		}
		rep.letters = &c
	}
	rep.rows = f
	rep.print(stdout)
	if errs := srv.errorLines(5); len(errs) > 0 {
		say("serve logged errors (latest first):")
		for _, e := range errs {
			say("  %s", e)
		}
	}

	if o.roundtrips > 0 {
		say("counting PostgreSQL round trips over %d requests per target (separate serve behind a counting proxy)", o.roundtrips)
		rt, err := roundTrips(ctx, o, bin, app, bdb.appURL, tmp, f, runID, used)
		if err != nil {
			return fmt.Errorf("round trips: %w", err)
		}
		printRoundTrips(stdout, rt, o.roundtrips)
	}
	if o.profileDir != "" {
		ex := "cpu-byid.pb.gz"
		if !slices.ContainsFunc(steps, func(s step) bool { return s.profile }) {
			ex = "cpu-dossier-worker.pb.gz" // the dossier target's only profile
		}
		say("profiles in %s; e.g. go tool pprof -top %s", o.profileDir, filepath.Join(o.profileDir, ex))
	}
	return rep.failure()
}

// openRedis connects to the Redis serve will use and empties that one
// database. Index 0 is refused: it is where the tests and a developer's
// data live.
func openRedis(ctx context.Context, raw string) (*redis.Client, error) {
	opt, err := redis.ParseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("-redis: %w", err)
	}
	if opt.DB == 0 {
		return nil, fmt.Errorf("-redis %s: database 0 would be flushed; name another index (e.g. /15)", raw)
	}
	rdb := redis.NewClient(opt)
	if err := rdb.FlushDB(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis %s: %w", raw, err)
	}
	return rdb, nil
}

// profiling fetches a CPU profile of serve over one step, and the
// allocation profile before and after it (compare with -diff_base).
type profiling struct {
	srv       *serveProc
	dir, name string
	cpu       chan error
}

func startProfiling(ctx context.Context, srv *serveProc, dir, name string, d time.Duration) *profiling {
	p := &profiling{srv: srv, dir: dir, name: name, cpu: make(chan error, 1)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.cpu <- err
		return p
	}
	if err := srv.fetch(ctx, "/debug/pprof/allocs", filepath.Join(dir, "allocs-"+name+"-before.pb.gz")); err != nil {
		p.cpu <- err
		return p
	}
	secs := max(int(d.Seconds())-1, 1)
	go func() {
		p.cpu <- srv.fetch(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", secs), filepath.Join(dir, "cpu-"+name+".pb.gz"))
	}()
	return p
}

func (p *profiling) finish() error {
	if err := <-p.cpu; err != nil {
		return err
	}
	return p.srv.fetch(context.Background(), "/debug/pprof/allocs", filepath.Join(p.dir, "allocs-"+p.name+"-after.pb.gz"))
}

// roundTrips runs a second serve whose database connection passes through
// a counting proxy, sends n requests of each target one at a time, and
// returns the round trips of each, by statement.
func roundTrips(ctx context.Context, o options, bin string, env []string, appURL, tmp string, f fixtures, runID string, used []target) ([]tripCount, error) {
	u, err := url.Parse(appURL)
	if err != nil {
		return nil, err
	}
	if u.Host == "" || u.Port() == "" {
		return nil, errors.New("the PostgreSQL URL needs host:port (a unix socket cannot be proxied)")
	}
	counter, err := startPGCounter(u.Host)
	if err != nil {
		return nil, err
	}
	defer counter.close()
	u.Host = counter.addr()
	q := u.Query()
	q.Set("sslmode", "disable") // the counter reads the protocol in clear
	u.RawQuery = q.Encode()
	srv, err := startServe(bin, append(slices.Clone(env), "NGANTOR_DATABASE_URL="+u.String()), filepath.Join(tmp, "serve-roundtrips.log"))
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	token, err := login(srv.base, demoEmail, demoPassword)
	if err != nil {
		return nil, err
	}
	tgs := targets(srv.base, "", string(bengkel), bengkel.ID(), token, f, runID+"rt")
	var out []tripCount
	for _, t := range used {
		if t.name == "reference" || t.name == "publik" {
			continue // publik: its tokens are spent
		}
		tg := tgs[t.name]
		// Warm: connections opened, statements described.
		if err := sequential(ctx, tg, 3); err != nil {
			return nil, err
		}
		before := counter.snapshot()
		if err := sequential(ctx, tg, o.roundtrips); err != nil {
			return nil, err
		}
		after := counter.snapshot()
		diff := map[string]int{}
		for k, v := range after {
			if d := v - before[k]; d > 0 {
				diff[k] = d
			}
		}
		out = append(out, tripCount{title: tg.title, trips: diff})
	}
	return out, nil
}

func randomID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func rateText(rate, workers int) string {
	if rate == 0 {
		return fmt.Sprintf("max (%d workers)", workers)
	}
	return fmt.Sprintf("%d/s", rate)
}
