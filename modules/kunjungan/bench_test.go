package kunjungan

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The goals: one desa's dossier enqueue → ready p95 ≤ 5 s, the
// dossiers of all 133 desa of Tabanan through the queue ≤ 5 min on the
// 2-core machine, worker RSS ≤ 200 MiB while building. The tasks go the
// whole way: outbox, relay, asynq (in-process Redis) and the worker's
// two servers as cmd runs them (the dossier queue on its own server of
// benchDossierConcurrency). The document stands in for Susun with the
// size of a year of data in every module: six sections of key figures, a
// 12-month line chart, a bar chart and a 120-row table each.

// benchDossierConcurrency is cmd/ngantor's dossierConcurrency.
const benchDossierConcurrency = 2

func benchEngines() []struct {
	name string
	open func(testing.TB) *db.DB
} {
	return []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
}

// dokumenSetahun is a dossier the size of a year of data in six modules;
// isi varies it so each build is a new version.
func dokumenSetahun(desa tenancy.Kode, audiens, isi string) report.Document {
	bulan := []string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	doc := report.Document{Title: "Dossier kunjungan — " + audiens, Subtitle: string(desa) + " — " + isi}
	for s, judul := range []string{"Profil desa", "Keuangan desa", "Sampah dan TPS3R", "CCTV desa", "UMKM dan BUMDes", "Audiensi"} {
		sec := report.Section{Heading: judul, Notes: []string{isi}}
		for f := range 4 {
			sec.Figures = append(sec.Figures, report.Figure{Label: fmt.Sprintf("Angka %d", f+1), Value: strconv.Itoa((s + 1) * (f + 7) * 1013)})
		}
		line := report.Chart{Title: "Per bulan", Kind: report.Line, Labels: bulan}
		bar := report.Chart{Title: "Per jenis", Kind: report.Bar}
		for k := range 2 {
			sr := report.Series{Name: fmt.Sprintf("Seri %d", k+1)}
			for i := range bulan {
				sr.Values = append(sr.Values, int64((i+1)*(k+2)*(s+3)*997%50000))
			}
			line.Series = append(line.Series, sr)
		}
		sr := report.Series{Name: "Jumlah"}
		for i := range 10 {
			bar.Labels = append(bar.Labels, fmt.Sprintf("Jenis %d", i+1))
			sr.Values = append(sr.Values, int64((i+3)*(s+1)*131))
		}
		bar.Series = []report.Series{sr}
		sec.Charts = []report.Chart{line, bar}
		t := report.Table{Title: "Rincian", Columns: []report.Column{{Label: "Tanggal"}, {Label: "Uraian", Width: 3},
			{Label: "Jenis"}, {Label: "Jumlah", Align: report.Right}, {Label: "Nilai (Rp)", Align: report.Right}}}
		for r := range 120 {
			n := int64((r + 1) * (s + 1) * 12345)
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(fmt.Sprintf("2026-%02d-%02d", 1+r%12, 1+r%28)),
				report.Teks(fmt.Sprintf("Uraian kegiatan nomor %d di %s", r+1, judul)), report.Teks("Belanja"),
				report.Angka(int64(r%17+1), strconv.Itoa(r%17+1)), report.Angka(n, strconv.FormatInt(n, 10))}})
		}
		sec.Tables = []report.Table{t}
		doc.Sections = append(doc.Sections, sec)
	}
	return doc
}

// benchWorker runs the relay and the worker's two asynq servers on e's
// module until the returned stop.
func benchWorker(b *testing.B, e *dsEnv) func() {
	b.Helper()
	e.m.susun = func(_ context.Context, desa tenancy.Kode, _, audiens string) (report.Document, error) {
		e.mu.Lock()
		isi := e.isi
		e.mu.Unlock()
		return dokumenSetahun(desa, audiens, isi), nil
	}
	j := jobs.New(jobs.Deps{DB: e.d, Redis: redistest.Memory(b), Logger: webtest.Discard})
	e.m.HandleJobs(j)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				b.Error(err)
			}
		}()
	}
	run(func() error {
		return j.RunServer(ctx, jobs.ServerOptions{Concurrency: 10, ShutdownTimeout: time.Second, Queues: map[string]int{"default": 1}})
	})
	run(func() error {
		return j.RunServer(ctx, jobs.ServerOptions{Concurrency: benchDossierConcurrency, ShutdownTimeout: time.Second,
			Queues: map[string]int{QueueDossier: 1}})
	})
	run(func() error { return j.RunRelay(ctx) })
	return func() { cancel(); wg.Wait(); _ = j.Close() }
}

// siapBerapa counts the dossiers of kunjunganID ("" for planning) that
// are siap at version versi or later.
func siapBerapa(b *testing.B, d *db.DB, kunjunganID string, versi int) int {
	b.Helper()
	var n int
	err := d.RangeTx(context.Background(), 0, 9_999_999_999, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model((*Dossier)(nil)).ColumnExpr("count(*)").
			Where("kunjungan_id = ? AND status = ? AND versi >= ?", kunjunganID, Siap, versi).Scan(ctx, &n)
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func tunggu(b *testing.B, d *db.DB, kunjunganID string, versi, jumlah int, within time.Duration) {
	b.Helper()
	deadline := time.Now().Add(within)
	for siapBerapa(b, d, kunjunganID, versi) < jumlah {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d dossiers siap at version %d after %s", siapBerapa(b, d, kunjunganID, versi), jumlah, versi, within)
		}
		time.Sleep(5 * time.Millisecond) // polling the worker, as the page does
	}
}

// vmHWM is the process's peak resident set in MiB (Linux), 0 elsewhere.
// In-process it counts the database engine, the in-process Redis and the
// benchmark too: an upper bound of the worker's.
func vmHWM() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func BenchmarkDossierSatuDesaEnqueueSampaiSiap(b *testing.B) {
	for _, eng := range benchEngines() {
		b.Run(eng.name, func(b *testing.B) {
			e := dsSetup(b, eng.open(b))
			stop := benchWorker(b, e)
			defer stop()
			id := e.jadwal(b)
			tunggu(b, e.d, id, 1, 1, time.Minute)
			var lat []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.setIsi(fmt.Sprintf("Data ke-%d", i))
				t0 := time.Now()
				if rec := e.api.Do(http.MethodPost, "/kunjungan/"+id+"/dossier", "admin", nil); rec.Code != http.StatusAccepted {
					b.Fatalf("buat ulang: %d %s", rec.Code, rec.Body)
				}
				tunggu(b, e.d, id, i+2, 1, time.Minute)
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.95), "p95-ms")
			b.ReportMetric(vmHWM(), "rss-peak-MiB")
		})
	}
}

func BenchmarkDossierSemuaDesaTabanan(b *testing.B) {
	for _, eng := range benchEngines() {
		b.Run(eng.name, func(b *testing.B) {
			e := dsSetup(b, eng.open(b))
			stop := benchWorker(b, e)
			defer stop()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.setIsi(fmt.Sprintf("Data ke-%d", i))
				t0 := time.Now()
				code, out := e.api.JSON(b, http.MethodPost, "/wilayah/51.02/kunjungan/dossier", "bupati", nil)
				if code != http.StatusAccepted || out["jumlah"] != float64(133) {
					b.Fatalf("bulk: %d %v", code, out)
				}
				tunggu(b, e.d, "", i+1, 133, 10*time.Minute)
				b.ReportMetric(time.Since(t0).Seconds(), "s-133-desa")
			}
			b.StopTimer()
			b.ReportMetric(vmHWM(), "rss-peak-MiB")
		})
	}
}
