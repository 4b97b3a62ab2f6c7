package probe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// responder is a tiny camera on 127.0.0.1 started by the test: it reads one
// request (up to the blank line), then writes reply and closes. An empty
// reply with silent set never answers: it holds the connection until the
// client goes away.
type responder struct {
	ln       net.Listener
	reply    string
	silent   bool
	hangUp   bool          // close right after the reply instead of waiting for the client
	hold     time.Duration // pause before answering, to make probes overlap
	accepted atomic.Int64
	g        gauge
	shared   *gauge // optional: concurrency across several responders

	mu       sync.Mutex
	requests []string
	first    chan struct{} // closed at the first accepted connection
	once     sync.Once
}

// gauge tracks the highest number of connections open at once.
type gauge struct{ cur, max atomic.Int64 }

func (g *gauge) up() {
	n := g.cur.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *gauge) down() { g.cur.Add(-1) }

func startResponder(tb testing.TB, reply string, silent bool, configure ...func(*responder)) *responder {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	return serve(tb, ln, reply, silent, configure...)
}

// serve answers on ln; configure runs before the first connection is served.
func serve(tb testing.TB, ln net.Listener, reply string, silent bool, configure ...func(*responder)) *responder {
	r := &responder{ln: ln, reply: reply, silent: silent, first: make(chan struct{})}
	for _, f := range configure {
		f(r)
	}
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r.accepted.Add(1)
			r.once.Do(func() { close(r.first) })
			go r.handle(c)
		}
	}()
	return r
}

func (r *responder) handle(c net.Conn) {
	defer c.Close()
	r.g.up()
	if r.shared != nil {
		r.shared.up()
	}
	// Counted down before the answer is written, so the count never runs
	// ahead of the client's own view of its open sockets.
	done := func() {
		r.g.down()
		if r.shared != nil {
			r.shared.down()
		}
	}
	br := bufio.NewReader(io.LimitReader(c, 8192))
	var req strings.Builder
	for {
		line, err := br.ReadString('\n')
		req.WriteString(line)
		if err != nil || line == "\r\n" {
			break
		}
	}
	r.mu.Lock()
	r.requests = append(r.requests, req.String())
	r.mu.Unlock()
	if r.silent {
		_, _ = io.Copy(io.Discard, c)
		done()
		return
	}
	if r.hold > 0 {
		time.Sleep(r.hold)
	}
	done()
	if r.reply == "" {
		return
	}
	_, _ = io.WriteString(c, r.reply)
	if r.hangUp {
		return
	}
	// Let the client close first, as the probe does right after the status
	// line: the TIME_WAIT then sits with the client's port, and benchmark
	// runs do not pile up server-side TIME_WAITs that later connections
	// from a reused port would collide with.
	_, _ = io.Copy(io.Discard, c)
}

func (r *responder) port() uint16 {
	return uint16(r.ln.Addr().(*net.TCPAddr).Port)
}

func (r *responder) url(scheme, path string) string {
	return fmt.Sprintf("%s://127.0.0.1:%d%s", scheme, r.port(), path)
}

func (r *responder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

// noConnection asserts the listener has no connection waiting or accepted.
// A dial completes the TCP handshake before it returns, so a probe that had
// dialed would have left a connection in the accept queue by now.
func noConnection(t *testing.T, ln *net.TCPListener) {
	t.Helper()
	_ = ln.SetDeadline(time.Now())
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Fatalf("listener %s received a connection", ln.Addr())
	}
}

// listenLocal opens a listener that accepts nothing by itself, closed at the
// end of the test, and returns it with its port.
func listenLocal(t *testing.T) (*net.TCPListener, uint16) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.(*net.TCPListener), uint16(ln.Addr().(*net.TCPAddr).Port)
}

// closedPort returns a 127.0.0.1 port with nothing listening on it.
func closedPort(t *testing.T) uint16 {
	ln, p := listenLocal(t)
	ln.Close()
	return p
}

// dialLog replaces the dialer: it records every address asked for and
// refuses anything outside loopback, so no test can reach another host.
type dialLog struct {
	mu    sync.Mutex
	addrs []netip.AddrPort
	fake  func(netip.AddrPort) (net.Conn, bool) // optional: answer without a socket
}

func (d *dialLog) dial(ctx context.Context, ap netip.AddrPort) (net.Conn, error) {
	d.mu.Lock()
	d.addrs = append(d.addrs, ap)
	d.mu.Unlock()
	if d.fake != nil {
		if c, ok := d.fake(ap); ok {
			return c, nil
		}
	}
	if !ap.Addr().IsLoopback() {
		return nil, errors.New("test dialer: non-local address")
	}
	var nd net.Dialer
	return nd.DialContext(ctx, "tcp", ap.String())
}

func (d *dialLog) dialed() []netip.AddrPort {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]netip.AddrPort(nil), d.addrs...)
}

// fakeResolver answers from a table and counts lookups.
type fakeResolver struct {
	mu      sync.Mutex
	answers map[string][][]netip.Addr // successive answers per host; the last repeats
	calls   map[string]int
}

func (f *fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	as, ok := f.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	i := min(f.calls[host], len(as)-1)
	f.calls[host]++
	return as[i], nil
}

func addrs(ss ...string) []netip.Addr {
	out := make([]netip.Addr, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParseAddr(s)
	}
	return out
}

// checkSafe asserts a result's text carries no credentials.
func checkSafe(t *testing.T, r Result, secrets ...string) {
	t.Helper()
	for _, s := range append(secrets, "@") {
		if strings.Contains(r.Detail, s) {
			t.Errorf("Detail %q contains %q", r.Detail, s)
		}
	}
	if r.Detail == "" {
		t.Errorf("empty Detail for status %s", r.Status)
	}
}
