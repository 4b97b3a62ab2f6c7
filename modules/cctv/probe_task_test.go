package cctv_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The probe task's tests reach no address but servers they start on
// 127.0.0.1: an RTSP responder, an HTTP server, a port left closed, and
// a listener that must never see a connection.

// jam is a clock the test moves.
type jam struct {
	mu sync.Mutex
	t  time.Time
}

func (j *jam) now() time.Time { j.mu.Lock(); defer j.mu.Unlock(); return j.t }
func (j *jam) maju(d time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.t = j.t.Add(d)
}

func moduleJam(d *db.DB, j *jam) *cctv.Module {
	return cctv.New(cctv.Deps{DB: d, Logger: discard, Clock: j.now})
}

// rtspLokal is a camera answering RTSP OPTIONS with reply on 127.0.0.1.
func rtspLokal(tb testing.TB, reply string) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(io.LimitReader(c, 8192))
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				_, _ = io.WriteString(c, reply)
				_, _ = io.Copy(io.Discard, c) // the probe closes first
			}()
		}
	}()
	return fmt.Sprintf("rtsp://127.0.0.1:%d/live", ln.Addr().(*net.TCPAddr).Port)
}

const rtspOK = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"

// httpLokal is an HLS camera on 127.0.0.1.
func httpLokal(tb testing.TB) string {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	}))
	tb.Cleanup(srv.Close)
	return srv.URL + "/hls/kamera.m3u8"
}

// portTertutup is a 127.0.0.1 port nothing listens on.
func portTertutup(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return fmt.Sprintf("rtsp://127.0.0.1:%d/live", p)
}

// kameraURL records an aktif camera of desa streaming at url.
func kameraURL(tb testing.TB, d *db.DB, desa tenancy.Kode, nama, url, status string) string {
	tb.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	k := cctv.Kamera{DesaID: desa.ID(), ID: id, Nama: nama, LintangE6: -8_540_100, BujurE6: 115_123_400,
		Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01",
		StreamURL: url, Status: status, CreatedBy: "u", CreatedAt: now, UpdatedBy: "u", UpdatedAt: now}
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&k).Exec(ctx)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// atur sets the kabupaten's probe setting.
func atur(tb testing.TB, d *db.DB, kab tenancy.Kode, privat bool, menit int) {
	tb.Helper()
	p := cctv.Pengaturan{WilayahKode: string(kab), IzinkanAlamatPrivat: privat, IntervalProbeMenit: menit, UpdatedBy: "u", UpdatedAt: now}
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: kab}), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&p).On("CONFLICT (wilayah_kode) DO UPDATE").
			Set("izinkan_alamat_privat = EXCLUDED.izinkan_alamat_privat, interval_probe_menit = EXCLUDED.interval_probe_menit").Exec(ctx)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// tersimpan reads every stored probe of desa as "camera status up" lines
// with their times, sorted.
func tersimpan(t *testing.T, d *db.DB, desa tenancy.Kode, nama map[string]string) []string {
	t.Helper()
	var rows []cctv.Probe
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s %s %v %s", nama[r.KameraID], r.Status, r.Up, r.CheckedAt.UTC().Format("15:04")))
	}
	sort.Strings(out)
	return out
}

func TestProbeTaskStoresUpAndDownOncePerInterval(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		j := &jam{t: now.Add(30 * time.Second)} // 02:00:30
		m := moduleJam(d, j)
		atur(t, d, "51.02", true, 5)
		nama := map[string]string{
			kameraURL(t, d, bengkel, "Simpang Pasar", rtspLokal(t, rtspOK), cctv.StatusAktif):                                  "rtsp",
			kameraURL(t, d, bengkel, "Balai Banjar", httpLokal(t), cctv.StatusAktif):                                           "http",
			kameraURL(t, d, bengkel, "Pantai", rtspLokal(t, "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n"), cctv.StatusAktif): "auth",
			kameraURL(t, d, pandak, "Pura Desa", portTertutup(t), cctv.StatusAktif):                                            "tutup",
		}
		// A camera switched off is not probed: its listener must stay silent.
		ln, url := pendengarBisu(t)
		nama[kameraURL(t, d, pandak, "Gudang", url, cctv.StatusNonaktif)] = "nonaktif"

		r, err := m.ProbeSemua(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if r.Kabupaten != 1 || r.Kamera != 4 || r.Naik != 3 || r.DesaGagal != 0 {
			t.Errorf("first run = %+v, want 1 kabupaten, 4 cameras, 3 up", r)
		}
		want := map[tenancy.Kode][]string{
			bengkel: {"auth auth true 02:00", "http ok true 02:00", "rtsp ok true 02:00"},
			pandak:  {"tutup refused false 02:00"},
		}
		for desa, w := range want {
			if got := tersimpan(t, d, desa, nama); fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("%s stored %q, want %q", desa, got, w)
			}
		}
		tanpaSambungan(t, ln)

		// Redelivered in the same minute, and again a minute later: the
		// 5-minute interval has not given a new slot.
		for _, step := range []time.Duration{0, time.Minute, 3 * time.Minute} {
			j.maju(step)
			if r, err := m.ProbeSemua(context.Background()); err != nil || r.Kabupaten != 0 || r.Kamera != 0 {
				t.Errorf("run at %s = %+v, %v; want nothing probed", j.now().Format("15:04:05"), r, err)
			}
		}
		if got := tersimpan(t, d, bengkel, nama); len(got) != 3 {
			t.Errorf("after redelivery Bengkel has %d results, want 3", len(got))
		}

		// A worker that died in the middle of its round: once the lease
		// has run out the same slot is claimed again, and its results land
		// on the keys already stored.
		err = d.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE cctv_putaran SET selesai_at = NULL, mulai_at = ?", now.Add(-time.Hour))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := m.ProbeSemua(context.Background()); err != nil || r.Kabupaten != 1 || r.Kamera != 4 {
			t.Errorf("re-run of an abandoned round = %+v, %v; want it run again", r, err)
		}
		for desa, w := range want {
			if got := tersimpan(t, d, desa, nama); fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("%s after the re-run stored %q, want %q (no doubled rows)", desa, got, w)
			}
		}

		// 02:05: the next slot.
		j.maju(time.Minute)
		if r, err := m.ProbeSemua(context.Background()); err != nil || r.Kabupaten != 1 || r.Kamera != 4 {
			t.Errorf("run at 02:05:30 = %+v, %v; want a new round", r, err)
		}
		if got := tersimpan(t, d, pandak, nama); fmt.Sprint(got) != fmt.Sprint([]string{"tutup refused false 02:00", "tutup refused false 02:05"}) {
			t.Errorf("Pandak after two rounds: %q", got)
		}
		p, ok, err := m.PutaranTerakhir(context.Background(), bengkel)
		if err != nil || !ok || p.SelesaiAt == nil || p.Kamera != 4 || p.Naik != 3 || !p.Slot.Equal(now.Add(5*time.Minute)) {
			t.Errorf("last round = %+v (%v, %v)", p, ok, err)
		}
		tanpaSambungan(t, ln)
	})
}

// pendengarBisu is a 127.0.0.1 listener nobody accepts on: a probe that
// dialed it would leave a connection in its queue.
func pendengarBisu(t *testing.T) (*net.TCPListener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.(*net.TCPListener), fmt.Sprintf("rtsp://127.0.0.1:%d/live", ln.Addr().(*net.TCPAddr).Port)
}

// tanpaSambungan fails the test if anything connected to ln: a dial
// completes the handshake before it returns, so a probe that had dialed
// left a connection waiting here.
func tanpaSambungan(t *testing.T, ln *net.TCPListener) {
	t.Helper()
	_ = ln.SetDeadline(time.Now())
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Errorf("listener %s received a connection", ln.Addr())
	}
}

func TestProbeTaskRefusesLoopbackUnlessTheKabupatenAllowsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		j := &jam{t: now}
		m := moduleJam(d, j)
		// No setting: the default refuses private and loopback targets.
		ln, url := pendengarBisu(t)
		id := kameraURL(t, d, bengkel, "Simpang Pasar", url, cctv.StatusAktif)
		nama := map[string]string{id: "lan"}
		r, err := m.ProbeSemua(context.Background())
		if err != nil || r.Kamera != 1 || r.Naik != 0 {
			t.Fatalf("run = %+v, %v", r, err)
		}
		if got := tersimpan(t, d, bengkel, nama); fmt.Sprint(got) != fmt.Sprint([]string{"lan blocked false 02:00"}) {
			t.Errorf("stored %q, want the camera refused and down", got)
		}
		tanpaSambungan(t, ln)

		// The kabupaten of another desa allowing private targets changes
		// nothing here; its own setting does.
		atur(t, d, "51.03", true, 5)
		j.maju(5 * time.Minute)
		if _, err := m.ProbeSemua(context.Background()); err != nil {
			t.Fatal(err)
		}
		tanpaSambungan(t, ln)
		atur(t, d, "51.02", true, 5)
		_ = ln.SetDeadline(time.Time{})
		accepted := make(chan bool, 1)
		go func() {
			c, err := ln.Accept()
			if err != nil {
				accepted <- false
				return
			}
			defer c.Close()
			br := bufio.NewReader(io.LimitReader(c, 8192))
			for {
				line, err := br.ReadString('\n')
				if err != nil || line == "\r\n" {
					break
				}
			}
			_, _ = io.WriteString(c, rtspOK)
			accepted <- true
		}()
		j.maju(5 * time.Minute)
		if r, err := m.ProbeSemua(context.Background()); err != nil || r.Naik != 1 {
			t.Errorf("with private targets allowed: %+v, %v; want the camera up", r, err)
		}
		ln.Close()
		if !<-accepted {
			t.Error("with private targets allowed the camera was not probed")
		}
		if got := tersimpan(t, d, bengkel, nama); fmt.Sprint(got) != fmt.Sprint([]string{"lan blocked false 02:00", "lan blocked false 02:05", "lan ok true 02:10"}) {
			t.Errorf("stored %q", got)
		}
	})
}

func TestProbeTaskPrunesResultsOlderThan35Days(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		j := &jam{t: now}
		m := moduleJam(d, j)
		atur(t, d, "51.02", true, 5)
		id := kameraURL(t, d, bengkel, "Simpang Pasar", portTertutup(t), cctv.StatusAktif)
		luar := kameraURL(t, d, baturiti, "Luar", portTertutup(t), cctv.StatusNonaktif)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		old := []cctv.Probe{
			{KameraID: id, CheckedAt: now.AddDate(0, 0, -36), Up: true, Status: "ok"},
			{KameraID: id, CheckedAt: now.AddDate(0, 0, -34), Up: true, Status: "ok"},
		}
		if err := m.SimpanProbe(ctx, old); err != nil {
			t.Fatal(err)
		}
		// A desa whose only camera is switched off is pruned all the same.
		if err := m.SimpanProbe(tenancy.With(context.Background(), tenancy.Tenant{Kode: baturiti}),
			[]cctv.Probe{{KameraID: luar, CheckedAt: now.AddDate(0, 0, -40), Up: false, Status: "timeout"}}); err != nil {
			t.Fatal(err)
		}
		r, err := m.ProbeSemua(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if r.Dihapus != 2 {
			t.Errorf("pruned %d results, want 2", r.Dihapus)
		}
		got := tersimpan(t, d, bengkel, map[string]string{id: "pasar"})
		want := []string{"pasar ok true 02:00", "pasar refused false 02:00"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("kept %q, want %q (34 days old and today's)", got, want)
		}
		if got := tersimpan(t, d, baturiti, nil); len(got) != 0 {
			t.Errorf("Baturiti kept %q", got)
		}
	})
}
