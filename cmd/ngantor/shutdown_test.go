package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/redisconn"
)

// sdShutdownTimeout is NGANTOR_SHUTDOWN_TIMEOUT for the server under test;
// the process must be gone within it plus sdExitMargin after SIGTERM, as
// Kubernetes' terminationGracePeriodSeconds demands of a pod.
const (
	sdShutdownTimeout = 10 * time.Second
	sdExitMargin      = 5 * time.Second
)

// TestServeDrainsOnSIGTERM runs the real binary as Kubernetes does — `ngantor
// serve` against a migrated database and an external Redis — and stops it
// with SIGTERM under load. It proves what a rolling update relies on:
//
//   - no request the server accepted fails: none is reset, cut short or
//     answered 5xx, including a login whose handler is running at the
//     signal and whose body arrives only after the listener has closed;
//   - the server stops accepting new connections at once;
//   - the process exits 0 within NGANTOR_SHUTDOWN_TIMEOUT + 5 s.
//
// A refused connection after the signal is expected: in Kubernetes the
// preStop pause has already taken the pod out of the Service. /readyz is
// part of the load, and a 503 "draining" during the drain is reported but
// not required: the server closes its listener in the same instant it
// starts failing readiness, so a probe sees the 503 only by luck.
func TestServeDrainsOnSIGTERM(t *testing.T) {
	bin := sdBuild(t)
	dir := t.TempDir()

	mem, _, err := redisconn.Memory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mem.Close)

	addr := sdFreeAddr(t)
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"NGANTOR_DATABASE_URL=sqlite://" + filepath.Join(dir, "ngantor.db"),
		"NGANTOR_REDIS_URL=redis://" + mem.Addr(),
		"NGANTOR_HTTP_ADDR=" + addr,
		"NGANTOR_HEALTH_ADDR=" + sdFreeAddr(t),
		"NGANTOR_DATA_DIR=" + dir,
		"NGANTOR_SHUTDOWN_TIMEOUT=" + sdShutdownTimeout.String(),
		"NGANTOR_SECRET_KEY=" + testSecretKey,
	}
	sdMigrate(t, bin, dir, env)

	srv := sdStart(t, bin, dir, env)
	base := "http://" + addr
	srv.waitReady(t, base, 60*time.Second)

	// Steady traffic from a few clients with keep-alive connections, as a
	// load balancer or the mobile app would send.
	load := sdStartLoad(base, 4)
	t.Cleanup(load.stop)
	if !load.waitServed(200, 15*time.Second) {
		load.stop()
		t.Fatalf("steady load: only %d requests served before SIGTERM\n%s", load.served.Load(), load.report())
	}

	// A login is in flight when the signal comes: its handler is running,
	// waiting for the body, which is sent only once the listener is closed.
	login := sdStartLogin(t, addr)

	load.markSIGTERM()
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sigterm := time.Now()

	// The listener closes at once; wait until a new connection is refused,
	// so that what follows happens during the drain.
	if err := sdWaitRefused(addr, sdShutdownTimeout); err != nil {
		t.Errorf("after SIGTERM: %v", err)
	}
	load.stop()

	if status, body, err := login.finish(); err != nil {
		t.Errorf("login in flight at SIGTERM failed during the drain: %v", err)
	} else if status != http.StatusUnauthorized && status != http.StatusTooManyRequests {
		t.Errorf("login in flight at SIGTERM: status %d %s, want 401 (unknown account) or 429", status, body)
	}

	select {
	case <-srv.exited:
		if err := srv.exitErr; err != nil {
			t.Errorf("ngantor serve exited with %v after SIGTERM, want 0", err)
		} else {
			t.Logf("exited 0, %s after SIGTERM", time.Since(sigterm).Round(time.Millisecond))
		}
	case <-time.After(sdShutdownTimeout + sdExitMargin - time.Since(sigterm)):
		t.Errorf("ngantor serve still running %s after SIGTERM (NGANTOR_SHUTDOWN_TIMEOUT %s + %s)",
			sdShutdownTimeout+sdExitMargin, sdShutdownTimeout, sdExitMargin)
	}

	t.Log(load.report())
	if load.readyz503.Load() == 0 {
		t.Log("no /readyz answered 503 during the drain: the listener closed as readiness failed")
	}
	for _, f := range load.failures() {
		t.Errorf("request failed: %s", f)
	}
	if load.servedAfter.Load() == 0 && load.refused.Load() == 0 {
		t.Errorf("the load never reached the drain: %s", load.report())
	}
}

// sdBuild builds the binary from the module root, as CI and the Dockerfile
// do, so the test runs exactly what ships.
func sdBuild(t *testing.T) string { return buildBinary(t, "") }

// builtBinaries keeps one binary per set of build tags for the test process:
// linking ngantor takes seconds, and the tests that run it only execute it.
var builtBinaries struct {
	sync.Mutex
	path map[string]string
}

// buildBinary builds ./cmd/ngantor with tags (none when "") once per process.
func buildBinary(t *testing.T, tags string) string {
	t.Helper()
	builtBinaries.Lock()
	defer builtBinaries.Unlock()
	if p, ok := builtBinaries.path[tags]; ok {
		return p
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to build ngantor: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, gobin, "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Fatalf("go env GOMOD: %v %s", err, out)
	}
	dir, err := os.MkdirTemp(processTemp, "bin-")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "ngantor")
	args := []string{"build", "-o", bin}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	build := exec.CommandContext(ctx, gobin, append(args, "./cmd/ngantor")...)
	build.Dir = filepath.Dir(strings.TrimSpace(string(out)))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if builtBinaries.path == nil {
		builtBinaries.path = map[string]string{}
	}
	builtBinaries.path[tags] = bin
	return bin
}

func sdMigrate(t *testing.T, bin, dir string, env []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "migrate", "up")
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ngantor migrate up: %v\n%s", err, out)
	}
}

// sdFreeAddr picks a loopback port for the child. The child listens itself,
// so the port is closed here and taken again there; nothing else on a test
// machine races for ephemeral loopback ports in that instant.
func sdFreeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

type sdServer struct {
	cmd     *exec.Cmd
	log     *btSyncBuffer
	exited  chan struct{}
	exitErr error // set before exited closes
}

func sdStart(t *testing.T, bin, dir string, env []string) *sdServer {
	t.Helper()
	return sdStartCmd(t, bin, dir, env, "serve")
}

// sdStartCmd starts `ngantor <args>` (serve, worker) the same way.
func sdStartCmd(t *testing.T, bin, dir string, env []string, args ...string) *sdServer {
	t.Helper()
	s := &sdServer{log: &btSyncBuffer{}, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Dir, s.cmd.Env = dir, env
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.exitErr = s.cmd.Wait()
		close(s.exited)
	}()
	// Whatever happens to the test, the process does not outlive it.
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
		if t.Failed() {
			t.Logf("ngantor %s log:\n%s", strings.Join(args, " "), s.log)
		}
	})
	return s
}

// waitReady polls /readyz until it answers 200, the process dies or the
// deadline passes.
func (s *sdServer) waitReady(t *testing.T, base string, within time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			t.Fatalf("ngantor serve exited before it was ready: %v\n%s", s.exitErr, s.log)
		default:
		}
		if res, err := client.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond) // polling a port the child opens in its own time
	}
	t.Fatalf("ngantor serve not ready within %s\n%s", within, s.log)
}

// sdWaitRefused dials until the listener refuses, which is how a client sees
// that the server stopped accepting.
func sdWaitRefused(addr string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if errors.Is(err, syscall.ECONNREFUSED) {
			return nil
		}
		if c != nil {
			c.Close()
		}
		time.Sleep(10 * time.Millisecond) // the signal is handled asynchronously
	}
	return fmt.Errorf("the server still accepted connections %s after SIGTERM", within)
}

// sdLogin is a login request on a raw connection whose handler is running
// and waiting for the body.
type sdLogin struct {
	conn net.Conn
	r    *bufio.Reader
	body string
}

// sdStartLogin sends a login's header with "Expect: 100-continue". net/http
// answers "100 Continue" only when the handler first reads the body, so
// once it arrives the request is in the handler, not queued anywhere. An
// unknown account keeps it free of side effects; it still costs an argon2
// hash, so the answer is not instant either.
func sdStartLogin(t *testing.T, addr string) *sdLogin {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	l := &sdLogin{conn: c, r: bufio.NewReader(c), body: `{"email":"tidak.ada@tabanan.test","password":"bukan-kata-sandi"}`}
	head := "POST /api/v1/auth/login HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(l.body)) + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
	_ = c.SetDeadline(time.Now().Add(sdShutdownTimeout))
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(l.r, nil)
	if err != nil {
		t.Fatalf("login: waiting for 100 Continue: %v", err)
	}
	if res.StatusCode != http.StatusContinue {
		body, _ := io.ReadAll(res.Body)
		t.Fatalf("login: got %d %s before the body was sent, want 100 Continue", res.StatusCode, body)
	}
	return l
}

// finish sends the body and reads the answer.
func (l *sdLogin) finish() (int, string, error) {
	_ = l.conn.SetDeadline(time.Now().Add(sdShutdownTimeout))
	if _, err := io.WriteString(l.conn, l.body); err != nil {
		return 0, "", err
	}
	res, err := http.ReadResponse(l.r, nil)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, string(body), fmt.Errorf("response cut short: %w", err)
	}
	return res.StatusCode, string(body), nil
}

// sdLoad is steady traffic from a few goroutines, each on its own
// keep-alive connection, recording every outcome.
type sdLoad struct {
	base     string
	client   *http.Client
	done     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup

	afterSIGTERM atomic.Bool
	served       atomic.Int64 // answered, any status
	servedAfter  atomic.Int64 // answered after SIGTERM
	refused      atomic.Int64 // connection refused after SIGTERM: expected
	unqueued     atomic.Int64 // reset on a fresh connection after SIGTERM, see classify
	readyz503    atomic.Int64

	mu   sync.Mutex
	errs []string
}

// sdLoadPaths rotate through a cheap probe, an API call the guard refuses
// without a token (401 is a served answer), and readiness.
var sdLoadPaths = []struct {
	path   string
	status int
}{
	{"/healthz", http.StatusOK},
	{"/api/v1/wilayah/51.02", http.StatusUnauthorized},
	{"/readyz", http.StatusOK},
}

// sdMaxRequests bounds each client; at loopback speed the drain is reached
// long before.
const sdMaxRequests = 200_000

func sdStartLoad(base string, clients int) *sdLoad {
	l := &sdLoad{
		base: base,
		client: &http.Client{
			Timeout:   sdShutdownTimeout,
			Transport: &http.Transport{MaxIdleConnsPerHost: clients},
		},
		done: make(chan struct{}),
	}
	for i := range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for n := 0; n < sdMaxRequests; n++ {
				select {
				case <-l.done:
					return
				default:
				}
				p := sdLoadPaths[(i+n)%len(sdLoadPaths)]
				if l.one(p.path, p.status) {
					return
				}
			}
		}()
	}
	return l
}

// one sends a request and reports whether this client should stop: the
// server refused the connection after SIGTERM.
func (l *sdLoad) one(path string, want int) (stop bool) {
	after := l.afterSIGTERM.Load()
	var reused, gotByte atomic.Bool
	trace := &httptrace.ClientTrace{
		// On a retry the transport calls GotConn again: the last call is
		// the connection the returned error or answer came from.
		GotConn:              func(i httptrace.GotConnInfo) { reused.Store(i.Reused) },
		GotFirstResponseByte: func() { gotByte.Store(true) },
	}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, l.base+path, nil)
	res, err := l.client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	after = after || l.afterSIGTERM.Load()
	switch {
	case err == nil:
		l.served.Add(1)
		if after {
			l.servedAfter.Add(1)
		}
		switch {
		case path == "/readyz" && res.StatusCode == http.StatusServiceUnavailable && after:
			l.readyz503.Add(1)
		case res.StatusCode != want:
			l.fail("GET %s: status %d, want %d (after SIGTERM: %v)", path, res.StatusCode, want, after)
		}
		return false
	case after && errors.Is(err, syscall.ECONNREFUSED):
		l.refused.Add(1)
		return true
	case after && !reused.Load() && !gotByte.Load() && sdResetOrEOF(err):
		// Go's server never closes, during Shutdown, a connection whose
		// first request it has not read; so a fresh connection reset
		// before any answer was still in the kernel's accept queue when
		// the listener closed. The server never accepted it; in
		// Kubernetes no traffic arrives then, after the preStop pause.
		l.unqueued.Add(1)
		return true
	default:
		l.fail("GET %s: %v (after SIGTERM: %v, reused connection: %v, answer started: %v)", path, err, after, reused.Load(), gotByte.Load())
		return after
	}
}

func sdResetOrEOF(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

func (l *sdLoad) fail(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, fmt.Sprintf(format, args...))
}

func (l *sdLoad) failures() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errs...)
}

func (l *sdLoad) markSIGTERM() { l.afterSIGTERM.Store(true) }

// waitServed waits until n requests were answered, or fails after within.
func (l *sdLoad) waitServed(n int64, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for l.served.Load() < n {
		if time.Now().After(deadline) || len(l.failures()) > 0 {
			return false
		}
		time.Sleep(10 * time.Millisecond) // the counter has no channel; polling is enough
	}
	return true
}

// stop ends the load and waits for the clients; each request is bounded by
// the client timeout.
func (l *sdLoad) stop() {
	l.stopOnce.Do(func() { close(l.done) })
	l.wg.Wait()
	l.client.CloseIdleConnections()
}

func (l *sdLoad) report() string {
	return fmt.Sprintf("load: %d answered (%d after SIGTERM, %d of them /readyz 503), %d refused after SIGTERM, %d reset in the accept queue, %d failed",
		l.served.Load(), l.servedAfter.Load(), l.readyz503.Load(), l.refused.Load(), l.unqueued.Load(), len(l.failures()))
}
