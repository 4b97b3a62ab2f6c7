package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/redisconn"
)

// Killing the server this far into the load leaves writes in flight at
// every stage: queued for the write lock, inside their transaction, just
// committed and not yet answered.
const (
	crashWriters     = 12
	crashAfterWrites = 60
)

// TestSIGKILLDuringWritesLeavesEveryChangeAudited runs the real binary,
// sends parallel creating POSTs (surat keluar) and kills it with SIGKILL
// mid-way — no drain, no deferred code. Then, after a restart: every letter
// that exists has its audit entry (once a SIGKILL left 4 of 561 letters
// without one, because the entry was appended in a transaction of its own
// after the letter's had committed), no entry exists without its letter,
// every letter the client saw acknowledged exists, and `ngantor audit
// verify` finds the chains intact.
func TestSIGKILLDuringWritesLeavesEveryChangeAudited(t *testing.T) {
	onBothEngines(t, sdBuild(t), crashUnderWrites)
}

// onBothEngines runs a kill test against real binaries on SQLite and on
// PostgreSQL, with an in-process Redis: run gets the binary, a data dir,
// the owner's environment (migrations, seeding), the runtime role's
// (serve, worker) and the database URL to check the outcome through.
func onBothEngines(t *testing.T, bin string, run func(t *testing.T, bin, dir string, ownerEnv, appEnv []string, dbURL string)) {
	t.Helper()
	mem, _, err := redisconn.Memory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mem.Close)
	base := func(dir string) []string {
		return []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "NGANTOR_DATA_DIR=" + dir,
			"NGANTOR_REDIS_URL=redis://" + mem.Addr(), "NGANTOR_LOG_LEVEL=error",
			"NGANTOR_SECRET_KEY=" + testSecretKey,
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		url := "sqlite://" + filepath.Join(dir, "ngantor.db")
		env := append(base(dir), "NGANTOR_DATABASE_URL="+url)
		run(t, bin, dir, env, env, url)
	})
	t.Run("postgres", func(t *testing.T) {
		ownerURL, appURL := dbtest.NewPostgresDatabase(t)
		dir := t.TempDir()
		owner := append(base(dir), "NGANTOR_DATABASE_URL="+ownerURL, "NGANTOR_DATABASE_APP_ROLE="+dbtest.AppRole)
		app := append(base(dir), "NGANTOR_DATABASE_URL="+appURL)
		run(t, bin, dir, owner, app, ownerURL)
	})
}

// crashUnderWrites migrates and seeds as the owner, serves as the runtime
// role, kills the server under load and checks the outcome through dbURL.
func crashUnderWrites(t *testing.T, bin, dir string, ownerEnv, appEnv []string, dbURL string) {
	sdMigrate(t, bin, dir, ownerEnv)
	crashRun(t, bin, dir, ownerEnv, "seed", "demo")
	addr := sdFreeAddr(t)
	appEnv = append(appEnv, "NGANTOR_HTTP_ADDR="+addr)
	baseURL := "http://" + addr

	srv := sdStart(t, bin, dir, appEnv)
	srv.waitReady(t, baseURL, 60*time.Second)
	token := crashLogin(t, baseURL)

	var (
		acked   sync.Map // perihal → true, for every 201 the client received
		nAcked  atomic.Int64
		killed  = make(chan struct{})
		wg      sync.WaitGroup
		client  = &http.Client{Timeout: 30 * time.Second}
		path    = baseURL + "/api/v1/desa/" + ownDesa + "/surat-keluar"
		unknown atomic.Int64 // answers other than 201 before the kill
	)
	for w := range crashWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-killed:
					return
				default:
				}
				perihal := fmt.Sprintf("uji-kill-%d-%d", w, i)
				body, _ := json.Marshal(map[string]string{"klasifikasi": "000.1", "tujuan": "Camat Kediri", "perihal": perihal})
				req, _ := http.NewRequest(http.MethodPost, path, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				res.Body.Close()
				switch res.StatusCode {
				case http.StatusCreated:
					acked.Store(perihal, true)
					nAcked.Add(1)
				default:
					unknown.Add(1)
				}
			}
		}()
	}
	deadline := time.Now().Add(2 * time.Minute)
	for nAcked.Load() < crashAfterWrites {
		if time.Now().After(deadline) {
			t.Fatalf("only %d letters created in 2 minutes (%d other answers)", nAcked.Load(), unknown.Load())
		}
		time.Sleep(5 * time.Millisecond) // the writers report through counters
	}
	if err := srv.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-srv.exited
	close(killed)
	wg.Wait()
	if n := unknown.Load(); n > 0 {
		t.Errorf("%d creates answered other than 201 before the kill", n)
	}

	// The server comes back on what the kill left.
	srv = sdStart(t, bin, dir, appEnv)
	srv.waitReady(t, baseURL, 60*time.Second)

	letters, entries := crashCounts(t, dbURL)
	t.Logf("%d acknowledged, %d letters, %d audit entries", nAcked.Load(), len(letters), entries)
	if len(letters) != entries {
		t.Errorf("%d letters but %d create-surat-keluar audit entries: every change needs exactly one", len(letters), entries)
	}
	have := map[string]bool{}
	for _, p := range letters {
		have[p] = true
	}
	acked.Range(func(k, _ any) bool {
		if !have[k.(string)] {
			t.Errorf("acknowledged letter %s is missing", k)
		}
		return true
	})
	out := crashRun(t, bin, dir, ownerEnv, "audit", "verify")
	if !strings.Contains(out, "jejak audit utuh") {
		t.Errorf("audit verify: %s", out)
	}
}

func crashRun(t *testing.T, bin, dir string, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ngantor %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func crashLogin(t *testing.T, baseURL string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": "perbekel.bengkel@tabanan.test", "password": demoPassword})
	res, err := http.Post(baseURL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if res.StatusCode != 200 || json.NewDecoder(res.Body).Decode(&out) != nil || out.Token == "" {
		t.Fatalf("login: status %d", res.StatusCode)
	}
	return out.Token
}

// crashCounts reads the test's letters and the create-surat-keluar audit
// entries, every desa's range published.
func crashCounts(t *testing.T, dbURL string) (letters []string, entries int) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, dbURL, db.Options{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	err = d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, d.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		if err := tx.NewRaw("SELECT perihal FROM surat_keluar WHERE perihal LIKE 'uji-kill-%'").Scan(ctx, &letters); err != nil {
			return err
		}
		return tx.NewRaw("SELECT count(*) FROM audit_log WHERE action = 'create-surat-keluar'").Scan(ctx, &entries)
	})
	if err != nil {
		t.Fatal(err)
	}
	return letters, entries
}
