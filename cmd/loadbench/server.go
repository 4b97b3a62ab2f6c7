package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildNgantor compiles cmd/ngantor into dir, the way it is deployed: a
// separate process, not a handler inside the benchmark.
func buildNgantor(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "ngantor")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/ngantor/ngantor/cmd/ngantor")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build cmd/ngantor: %w\n%s", err, out)
	}
	return bin, nil
}

// ngantorCmd runs one short subcommand (migrate, seed) to completion.
func ngantorCmd(ctx context.Context, bin string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ngantor %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// serveProc is a running `ngantor serve`.
type serveProc struct {
	cmd    *exec.Cmd
	base   string // http://public
	health string // http://health
	log    string // its stderr
	exited chan struct{}
}

// startServe starts `ngantor serve` on free ports, its stderr in logFile,
// and waits for /readyz.
func startServe(bin string, env []string, logFile string) (*serveProc, error) {
	public, err := freeAddr()
	if err != nil {
		return nil, err
	}
	return startProc(bin, []string{"serve"}, append(slices.Clone(env), "NGANTOR_HTTP_ADDR="+public), "http://"+public, logFile)
}

// startProc starts `ngantor <args>` with env and a free health port, its
// stderr in logFile, and waits until base+"/readyz" answers 200 (base ""
// means the health port's own /readyz).
func startProc(bin string, args, env []string, base, logFile string) (*serveProc, error) {
	health, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	defer logf.Close() // the child has its own descriptor
	p := &serveProc{base: base, health: "http://" + health, log: logFile, exited: make(chan struct{})}
	ready := p.base
	if ready == "" {
		ready = p.health
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(slices.Clone(env), "NGANTOR_HEALTH_ADDR="+health)
	p.cmd.Stderr = logf
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(ready + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("ngantor %s exited: %s", args[0], p.logTail())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("ngantor %s not ready after 60s: %s", args[0], p.logTail())
		}
	}
}

// rss is the resident set of the process now and at its peak, in bytes
// (/proc/PID/status VmRSS and VmHWM).
func (p *serveProc) rss() (now, peak int64, err error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		name, val, ok := strings.Cut(line, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", line, err)
		}
		if name == "VmRSS" {
			now = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return now, peak, nil
}

// stop sends SIGTERM, as Kubernetes does, and kills after 20 s.
func (p *serveProc) stop() {
	if p == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

func (p *serveProc) logTail() string {
	raw, _ := os.ReadFile(p.log)
	s := string(raw)
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}

// errorLines returns the last n distinct ERROR records of serve's log, so
// a 500 in the table comes with its cause.
func (p *serveProc) errorLines(n int) []string {
	raw, _ := os.ReadFile(p.log)
	var out []string
	seen := map[string]bool{}
	lines := strings.Split(string(raw), "\n")
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		l := lines[i]
		if !strings.Contains(l, `"level":"ERROR"`) {
			continue
		}
		var rec struct{ Msg, Err string }
		_ = json.Unmarshal([]byte(l), &rec)
		key := rec.Msg + ": " + rec.Err
		if !seen[key] {
			seen[key] = true
			out = append(out, key)
		}
	}
	return out
}

// fetch saves what the health port answers at path into file.
func (p *serveProc) fetch(ctx context.Context, path, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.health+path, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// login signs in and returns the session token (API bearer and page cookie).
func login(base, email, password string) (string, error) {
	body := fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("login %s: %s %s", email, res.Status, raw)
	}
	var out struct{ Token string }
	if err := json.Unmarshal(raw, &out); err != nil || out.Token == "" {
		return "", errors.Join(errors.New("login: no token in the answer"), err)
	}
	return out.Token, nil
}
