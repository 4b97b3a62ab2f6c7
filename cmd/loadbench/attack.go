package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// A target is one kind of request, built fresh for every hit.
type target struct {
	name  string // as in -targets
	title string // as in the table
	// next fills in the n-th request.
	next func(n uint64, t *vegeta.Target)
	// keepBodies keeps response bodies (create reads the numbers given).
	keepBodies bool
	// seq numbers the requests across every attack of the target, so no
	// two carry the same Idempotency-Key.
	seq *atomic.Uint64
}

// targeter turns a target into vegeta's source of requests.
func (tg target) targeter() vegeta.Targeter {
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Header: http.Header{}}
		tg.next(tg.seq.Add(1)-1, t)
		return nil
	}
}

// targets builds the requests of the table for the perbekel of
// desa, signed in with token (bearer for the API, session cookie for
// pages). ref is the bare handler's base URL.
func targets(ngantor, ref string, desa string, desaID int64, token string, f fixtures, runID string) map[string]target {
	api := ngantor + "/api/v1/desa/" + desa
	bearer := func(t *vegeta.Target) { t.Header.Set("Authorization", "Bearer "+token) }
	ids := f.perangkat
	all := map[string]target{
		"reference": {name: "reference", title: "reference: bare net/http + pgx, PK SELECT",
			next: func(n uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodGet, fmt.Sprintf("%s/perangkat/%d/%s", ref, desaID, ids[n%uint64(len(ids))])
			}},
		"byid": {name: "byid", title: "GET perangkat by id",
			next: func(n uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodGet, api+"/perangkat/"+ids[n%uint64(len(ids))]
				bearer(t)
			}},
		"list": {name: "list", title: "list of 20 perangkat",
			next: func(_ uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodGet, api+"/perangkat?status=semua&limit=20"
				bearer(t)
			}},
		"page": {name: "page", title: "perangkat HTML page",
			next: func(_ uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodGet, ngantor+"/desa/"+desa+"/perangkat"
				t.Header.Set("Cookie", "ngantor_session="+token)
			}},
		"create": {name: "create", title: "create surat keluar", keepBodies: true,
			next: func(n uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodPost, api+"/surat-keluar"
				t.Body = fmt.Appendf(nil, `{"klasifikasi":"000.1","tujuan":"Ketua BPD","perihal":"Undangan rapat %d"}`, n)
				t.Header.Set("Content-Type", "application/json")
				t.Header.Set("Idempotency-Key", "loadbench-"+runID+"-"+strconv.FormatUint(n, 10))
				bearer(t)
			}},
		"setoran": {name: "setoran", title: "POST setoran bank sampah",
			next: func(n uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodPost, api+"/sampah/setoran"
				t.Body = setoranBody(f.sampah, n)
				t.Header.Set("Content-Type", "application/json")
				bearer(t)
			}},
		"antrian": {name: "antrian", title: "GET OPD audiensi queue (50,000)",
			next: func(n uint64, t *vegeta.Target) {
				q := [...]string{"", "?terlambat=true", "?wilayah=51.02.06&limit=50", "?status=ditanggapi"}[n%4]
				t.Method, t.URL = http.MethodGet, ngantor+"/api/v1/opd/"+f.audiensi.opdID+"/audiensi"+q
				t.Header.Set("Authorization", "Bearer "+f.audiensi.dlhToken)
			}},
		"dasbor": {name: "dasbor", title: "GET kabupaten visit dashboard (133 desa)",
			next: func(_ uint64, t *vegeta.Target) {
				t.Method, t.URL = http.MethodGet, ngantor+"/api/v1/wilayah/51.02/dasbor"
				t.Header.Set("Authorization", "Bearer "+f.dasborToken)
			}},
		"peringkat": {name: "peringkat", title: "GET forum ranking of the kabupaten (133 desa, per kecamatan)",
			next: func(n uint64, t *vegeta.Target) {
				q := [...]string{"indikator=idm.nilai&tahun=2024&kelompok=kecamatan", "indikator=idm.nilai&tahun=2024&kelompok=status_idm",
					"indikator=administration.penduduk&kelompok=penduduk", "indikator=komposit:01938a6e-0000-7000-8000-00000000f0a1&tahun=2024"}[n%4]
				t.Method, t.URL = http.MethodGet, ngantor+"/api/v1/wilayah/51.02/forum/peringkat?"+q
				t.Header.Set("Authorization", "Bearer "+f.forumToken)
			}},
		"publik": {name: "publik", title: "POST public audiensi form",
			next: func(n uint64, t *vegeta.Target) {
				toks := f.audiensi.tokens
				tok := ""
				if len(toks) > 0 {
					tok = toks[n%uint64(len(toks))]
				}
				t.Method, t.URL = http.MethodPost, ngantor+"/api/v1/publik/desa/"+desa+"/audiensi"
				t.Body = publikBody(tok, n)
				t.Header.Set("Content-Type", "application/json")
				t.Header.Set("X-Forwarded-For", clientAddr(n))
			}},
	}
	for name, tg := range all {
		tg.seq = new(atomic.Uint64)
		all[name] = tg
	}
	return all
}

// result is one attack, summarised. A request succeeds on a 2xx answer;
// anything else (3xx included: a redirect to the login page is a failure)
// is an error.
type result struct {
	requests int
	ok       int
	rps      float64 // successful answers per second
	p50, p99 time.Duration
	errs     map[string]int
	nomor    []string // create: the numbers given
	workers  int      // closed loop: the fixed number of workers; 0 = fixed rate
}

func (r result) errors() int { return r.requests - r.ok }

// attack runs tg for d, at rate requests per second or, with rate 0, as a
// closed loop of workers that each send the next request when the last one
// is answered (saturation: the rate the server sustains).
func attack(ctx context.Context, tg target, rate int, d time.Duration, workers int) result {
	opts := []func(*vegeta.Attacker){vegeta.Timeout(10 * time.Second), vegeta.KeepAlive(true), vegeta.Redirects(vegeta.NoFollow)}
	if !tg.keepBodies {
		opts = append(opts, vegeta.MaxBody(0))
	}
	pacer := vegeta.Rate{Freq: rate, Per: time.Second}
	res := result{errs: map[string]int{}}
	if rate == 0 {
		// Zero rate is "as fast as the workers go"; fixing their number
		// makes it a closed loop.
		opts = append(opts, vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)))
		pacer = vegeta.Rate{}
		res.workers = workers
	}
	a := vegeta.NewAttacker(opts...)
	stop := context.AfterFunc(ctx, func() { a.Stop() })
	defer stop()

	var lat []time.Duration
	var first, last time.Time
	for r := range a.Attack(tg.targeter(), pacer, d, tg.name) {
		res.requests++
		if first.IsZero() || r.Timestamp.Before(first) {
			first = r.Timestamp
		}
		if end := r.End(); end.After(last) {
			last = end
		}
		if r.Error != "" || r.Code < 200 || r.Code > 299 {
			msg := r.Error
			if msg == "" {
				msg = strconv.Itoa(int(r.Code))
			}
			res.errs[msg]++
			continue
		}
		res.ok++
		lat = append(lat, r.Latency)
		if tg.keepBodies {
			var v struct{ Nomor string }
			if json.Unmarshal(r.Body, &v) == nil && v.Nomor != "" {
				res.nomor = append(res.nomor, v.Nomor)
			}
		}
	}
	if span := last.Sub(first); span > 0 {
		res.rps = float64(res.ok) / span.Seconds()
	}
	slices.Sort(lat)
	res.p50, res.p99 = quantile(lat, 0.50), quantile(lat, 0.99)
	return res
}

// quantile of sorted latencies, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// duplicates counts numbers that were given more than once.
func duplicates(nomor []string) int {
	seen := make(map[string]int, len(nomor))
	d := 0
	for _, n := range nomor {
		if seen[n]++; seen[n] == 2 {
			d++
		}
	}
	return d
}

// preflight sends one request of each target and wants a 2xx: a wrong
// token or a missing fixture should stop the run at once, not show up as
// thousands of errors.
func preflight(ctx context.Context, tgs []target) error {
	for _, tg := range tgs {
		if err := sequential(ctx, tg, 1); err != nil {
			return err
		}
	}
	return nil
}

// sequential sends n requests of tg one after the other and wants a 2xx
// for each.
func sequential(ctx context.Context, tg target, n int) error {
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next := tg.targeter()
	for range n {
		var t vegeta.Target
		if err := next(&t); err != nil {
			return err
		}
		req, err := t.Request()
		if err != nil {
			return err
		}
		res, err := client.Do(req.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("%s: %w", tg.title, err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode < 200 || res.StatusCode > 299 {
			return fmt.Errorf("%s: %s %s answered %s", tg.title, t.Method, t.URL, res.Status)
		}
	}
	return nil
}
