package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// local allows 127.0.0.1, where every test camera lives.
var local = Options{AllowPrivate: true, Timeout: 2 * time.Second}

func TestProbeClassifiesRTSPAnswers(t *testing.T) {
	cases := []struct {
		name   string
		reply  string
		silent bool
		up     bool
		status Status
		code   int
	}{
		{"200 is up", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY\r\n\r\n", false, true, StatusOK, 200},
		{"401 is up, needs credentials", "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"cam\"\r\n\r\n", false, true, StatusAuth, 401},
		{"404 is down with its code", "RTSP/1.0 404 Stream Not Found\r\nCSeq: 1\r\n\r\n", false, false, "rtsp_4xx", 404},
		{"503 is down with its code", "RTSP/1.0 503 Service Unavailable\r\nCSeq: 1\r\n\r\n", false, false, "rtsp_5xx", 503},
		{"302 is down (RTSP wants 200)", "RTSP/1.0 302 Moved\r\nCSeq: 1\r\n\r\n", false, false, "rtsp_3xx", 302},
		{"garbage", "SELAMAT DATANG DI KAMERA\r\n", false, false, StatusProtocol, 0},
		{"an HTTP answer on an RTSP URL", "HTTP/1.1 200 OK\r\n\r\n", false, false, StatusProtocol, 0},
		{"bad code", "RTSP/1.0 2x0 OK\r\n\r\n", false, false, StatusProtocol, 0},
		{"no line end before close", "RTSP/1.0 200", false, false, StatusProtocol, 0},
		{"closes without a word", "", false, false, StatusProtocol, 0},
		{"accepts and never answers", "", true, false, StatusTimeout, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := startResponder(t, tc.reply, tc.silent, func(r *responder) { r.hangUp = true })
			opt := local
			opt.Timeout = 300 * time.Millisecond
			res := Probe(context.Background(), Target{CameraID: 7, DesaID: 3, URL: r.url("rtsp", "/Streaming/Channels/101")}, opt)
			if res.Up != tc.up || res.Status != tc.status || res.Code != tc.code {
				t.Fatalf("got up=%v status=%s code=%d (%s), want up=%v status=%s code=%d",
					res.Up, res.Status, res.Code, res.Detail, tc.up, tc.status, tc.code)
			}
			if res.CameraID != 7 || res.DesaID != 3 || res.CheckedAt.IsZero() {
				t.Fatalf("result lost its camera: %+v", res)
			}
			checkSafe(t, res)
			reqs := r.seen()
			if len(reqs) != 1 || !strings.HasPrefix(reqs[0], fmt.Sprintf("OPTIONS rtsp://127.0.0.1:%d/Streaming/Channels/101 RTSP/1.0\r\n", r.port())) ||
				!strings.Contains(reqs[0], "\r\nCSeq: 1\r\n") {
				t.Fatalf("camera saw %q", reqs)
			}
		})
	}
}

func TestProbeReportsClosedPortAsRefused(t *testing.T) {
	res := Probe(context.Background(), Target{URL: fmt.Sprintf("rtsp://127.0.0.1:%d/", closedPort(t))}, local)
	if res.Up || res.Status != StatusRefused {
		t.Fatalf("got %s (%s), want refused", res.Status, res.Detail)
	}
	checkSafe(t, res)
}

func TestProbeNeverSendsOrShowsCredentials(t *testing.T) {
	r := startResponder(t, "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n", false)
	u := fmt.Sprintf("rtsp://admin:rahasia123@127.0.0.1:%d/live?channel=1&password=kunci456", r.port())
	res := Probe(context.Background(), Target{URL: u}, local)
	if !res.Up || res.Status != StatusAuth {
		t.Fatalf("got %s (%s), want auth", res.Status, res.Detail)
	}
	checkSafe(t, res, "rahasia123", "kunci456", "admin")
	for _, req := range r.seen() {
		if strings.Contains(req, "rahasia123") || strings.Contains(req, "admin") || strings.Contains(req, "Authorization") {
			t.Fatalf("credentials reached the camera: %q", req)
		}
	}
	// Failures name the endpoint too; they must not leak the query either.
	silent := startResponder(t, "", true)
	opt := local
	opt.Timeout = 100 * time.Millisecond
	res = Probe(context.Background(), Target{URL: fmt.Sprintf("rtsp://admin:rahasia123@127.0.0.1:%d/live?password=kunci456", silent.port())}, opt)
	if res.Status != StatusTimeout || !strings.Contains(res.Detail, "/live") {
		t.Fatalf("got %s (%s)", res.Status, res.Detail)
	}
	checkSafe(t, res, "rahasia123", "kunci456", "admin")
}

func TestProbeClassifiesHTTPAnswers(t *testing.T) {
	var mu sync.Mutex
	var methods []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		methods = append(methods, r.Method)
		mu.Unlock()
		switch r.URL.Path {
		case "/hls/kamera.m3u8":
			w.WriteHeader(http.StatusOK)
		case "/pindah":
			http.Redirect(w, r, "/hls/kamera.m3u8", http.StatusFound)
		case "/kunci":
			w.WriteHeader(http.StatusUnauthorized)
		case "/rusak":
			w.WriteHeader(http.StatusBadGateway)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cases := []struct {
		path   string
		up     bool
		status Status
		code   int
	}{
		{"/hls/kamera.m3u8", true, StatusOK, 200},
		{"/pindah", true, StatusOK, 302},
		{"/kunci", true, StatusAuth, 401},
		{"/hilang", false, "http_4xx", 404},
		{"/rusak", false, "http_5xx", 502},
	}
	for _, tc := range cases {
		res := Probe(context.Background(), Target{URL: srv.URL + tc.path}, local)
		if res.Up != tc.up || res.Status != tc.status || res.Code != tc.code {
			t.Errorf("%s: got up=%v %s %d (%s)", tc.path, res.Up, res.Status, res.Code, res.Detail)
		}
		checkSafe(t, res)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, m := range methods {
		if m != http.MethodHead {
			t.Fatalf("server saw %s, want HEAD only", m)
		}
	}
	if len(methods) != len(cases) {
		t.Fatalf("server saw %d requests, want %d (redirects are not followed)", len(methods), len(cases))
	}

	garbage := startResponder(t, "bukan http sama sekali\r\n\r\n", false)
	if res := Probe(context.Background(), Target{URL: garbage.url("http", "/")}, local); res.Status != StatusProtocol {
		t.Errorf("garbage over HTTP: got %s (%s)", res.Status, res.Detail)
	}
	silent := startResponder(t, "", true)
	opt := local
	opt.Timeout = 100 * time.Millisecond
	if res := Probe(context.Background(), Target{URL: silent.url("http", "/")}, opt); res.Status != StatusTimeout {
		t.Errorf("silent HTTP: got %s (%s)", res.Status, res.Detail)
	}
}

func TestProbeVerifiesTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the untrusted case is expected to fail the handshake
	srv.StartTLS()
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	trusted := local
	trusted.TLS = &tls.Config{RootCAs: roots}

	if res := Probe(context.Background(), Target{URL: srv.URL + "/"}, trusted); res.Status != StatusOK {
		t.Errorf("https with the camera's root: got %s (%s)", res.Status, res.Detail)
	}
	if res := Probe(context.Background(), Target{URL: srv.URL + "/"}, local); res.Up || res.Status != StatusTLS {
		t.Errorf("https with an untrusted certificate: got %s (%s), want tls", res.Status, res.Detail)
	}

	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: srv.TLS.Certificates})
	if err != nil {
		t.Fatal(err)
	}
	rtsps := serve(t, ln, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", false)
	if res := Probe(context.Background(), Target{URL: rtsps.url("rtsps", "/stream")}, trusted); res.Status != StatusOK {
		t.Errorf("rtsps: got %s (%s)", res.Status, res.Detail)
	}
	// rtsps:// to a plain RTSP camera fails the handshake instead of hanging.
	plain := startResponder(t, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", false)
	short := trusted
	short.Timeout = 300 * time.Millisecond
	if res := Probe(context.Background(), Target{URL: plain.url("rtsps", "/")}, short); res.Up {
		t.Errorf("rtsps to a plain camera: got %s (%s), want down", res.Status, res.Detail)
	}
}

// Without AllowPrivate, loopback, private, link-local and the other special
// addresses are refused before any connection: the listeners on 127.0.0.1
// and ::1 receive nothing and the dialer is never called.
func TestProbeRefusesSpecialAddressesWithoutConnecting(t *testing.T) {
	ln4, port4 := listenLocal(t)
	urls := []string{
		fmt.Sprintf("rtsp://127.0.0.1:%d/", port4),
		fmt.Sprintf("http://127.0.0.1:%d/", port4),
		fmt.Sprintf("rtsp://[::ffff:127.0.0.1]:%d/", port4),
		"rtsp://10.20.30.40:554/live",
		"http://172.16.5.4/",
		"rtsp://192.168.1.64/Streaming/Channels/101",
		"rtsp://100.64.12.1/",
		"http://169.254.169.254/latest/meta-data/",
		"rtsp://0.0.0.0/",
		"rtsp://224.0.0.251/",
		"rtsp://255.255.255.255/",
		"rtsp://[::1]/",
		"rtsp://[fc00::1]/",
		"rtsp://[fd12:3456::1]/",
		"rtsp://[fe80::1%25eth0]/",
		"rtsp://[fe80::1]/",
		"rtsp://[::]/",
		"rtsp://[ff02::1]/",
		"rtsp://[::ffff:10.0.0.1]/",
		"rtsp://[64:ff9b::a00:1]/",
		"rtsp://[2002:a00:1::1]/",
	}
	var ln6 net.Listener
	if l, err := net.Listen("tcp", "[::1]:0"); err == nil {
		ln6 = l
		defer ln6.Close()
		urls = append(urls, fmt.Sprintf("rtsp://[::1]:%d/", l.Addr().(*net.TCPAddr).Port))
	}
	d := &dialLog{}
	opt := Options{dial: d.dial, Timeout: time.Second}
	for _, u := range urls {
		res := Probe(context.Background(), Target{URL: u}, opt)
		if res.Up || res.Status != StatusBlocked {
			t.Errorf("%s: got %s (%s), want blocked", u, res.Status, res.Detail)
		}
		checkSafe(t, res)
	}
	if got := d.dialed(); len(got) != 0 {
		t.Fatalf("dialer was called for %v", got)
	}
	noConnection(t, ln4)
	if ln6 != nil {
		noConnection(t, ln6.(*net.TCPListener))
	}

	// The production dialer (no hook) refuses before connecting too.
	res := Probe(context.Background(), Target{URL: urls[0]}, Options{Timeout: time.Second})
	if res.Status != StatusBlocked {
		t.Fatalf("production dialer: got %s (%s)", res.Status, res.Detail)
	}
	noConnection(t, ln4)
}

// AllowPrivate is the kabupaten's choice for cameras on a desa LAN: it lifts
// private and loopback, never link-local, unspecified or multicast.
func TestAllowPrivateStillRefusesLinkLocalAndSpecial(t *testing.T) {
	d := &dialLog{}
	opt := Options{AllowPrivate: true, dial: d.dial, Timeout: time.Second}
	for _, u := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"rtsp://[fe80::1]/",
		"rtsp://0.0.0.0/",
		"rtsp://224.0.0.251/",
		"rtsp://240.0.0.1/",
		"rtsp://[ff02::1]/",
		"rtsp://[64:ff9b::a9fe:a9fe]/",
		"rtsp://192.0.2.10/",
	} {
		if res := Probe(context.Background(), Target{URL: u}, opt); res.Status != StatusBlocked {
			t.Errorf("%s: got %s (%s), want blocked", u, res.Status, res.Detail)
		}
	}
	if got := d.dialed(); len(got) != 0 {
		t.Fatalf("dialer was called for %v", got)
	}
	// Private addresses are lifted: the probe goes as far as dialing.
	for _, u := range []string{"rtsp://10.20.30.40:554/", "rtsp://192.168.1.64/", "rtsp://100.64.0.9/", "rtsp://[fd00::9]/"} {
		if res := Probe(context.Background(), Target{URL: u}, opt); res.Status == StatusBlocked {
			t.Errorf("%s: blocked despite AllowPrivate (%s)", u, res.Detail)
		}
	}
	if got := d.dialed(); len(got) != 4 {
		t.Fatalf("dialer saw %v, want the 4 private addresses", got)
	}
}

// The name is resolved once and the checked IP is dialed: a second DNS answer
// (rebinding to a private address) is never asked for, and a name with any
// private answer is refused as a whole.
func TestProbeDialsTheCheckedAddressNotTheName(t *testing.T) {
	public := netip.MustParseAddr("93.184.216.34") // never dialed for real: the test dialer answers in-process
	res := &fakeResolver{answers: map[string][][]netip.Addr{
		"kamera.bengkel.test": {{public}, addrs("10.0.0.5")},
		"campur.test":         {addrs("93.184.216.34", "192.168.0.10")},
		"lokal.test":          {addrs("127.0.0.1")},
	}}
	d := &dialLog{fake: func(ap netip.AddrPort) (net.Conn, bool) {
		if ap.Addr() != public {
			return nil, false
		}
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			buf := make([]byte, 512)
			_, _ = server.Read(buf)
			_, _ = server.Write([]byte("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"))
		}()
		return client, true
	}}
	opt := Options{Resolver: res, dial: d.dial, Timeout: time.Second}

	r := Probe(context.Background(), Target{URL: "rtsp://kamera.bengkel.test/live"}, opt)
	if r.Status != StatusOK {
		t.Fatalf("got %s (%s)", r.Status, r.Detail)
	}
	if got := d.dialed(); len(got) != 1 || got[0] != netip.AddrPortFrom(public, 554) {
		t.Fatalf("dialed %v, want the checked %s:554", got, public)
	}
	if res.calls["kamera.bengkel.test"] != 1 {
		t.Fatalf("resolved %d times, want once", res.calls["kamera.bengkel.test"])
	}

	if r := Probe(context.Background(), Target{URL: "rtsp://campur.test/"}, opt); r.Status != StatusBlocked || !strings.Contains(r.Detail, "192.168.0.10") {
		t.Fatalf("mixed answers: got %s (%s)", r.Status, r.Detail)
	}
	if r := Probe(context.Background(), Target{URL: "rtsp://lokal.test/"}, opt); r.Status != StatusBlocked {
		t.Fatalf("name resolving to loopback: got %s (%s)", r.Status, r.Detail)
	}
	if r := Probe(context.Background(), Target{URL: "rtsp://tidak-ada.test/"}, opt); r.Status != StatusDNS {
		t.Fatalf("unknown name: got %s (%s)", r.Status, r.Detail)
	}
	if got := d.dialed(); len(got) != 1 {
		t.Fatalf("dialed %v after refusals", got)
	}

	// With AllowPrivate a name resolving to a test camera is probed at the IP.
	cam := startResponder(t, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", false)
	opt.AllowPrivate = true
	r = Probe(context.Background(), Target{URL: fmt.Sprintf("rtsp://lokal.test:%d/", cam.port())}, opt)
	if r.Status != StatusOK || !strings.HasPrefix(cam.seen()[0], fmt.Sprintf("OPTIONS rtsp://lokal.test:%d/ RTSP/1.0", cam.port())) {
		t.Fatalf("got %s (%s), camera saw %q", r.Status, r.Detail, cam.seen())
	}
}

func TestProbeRejectsUnsupportedURLs(t *testing.T) {
	d := &dialLog{}
	opt := Options{AllowPrivate: true, dial: d.dial}
	for _, u := range []string{
		"", "ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "127.0.0.1:554",
		"rtsp:///tanpa-host", "rtsp://127.0.0.1:0/", "rtsp://127.0.0.1:70000/", "rtsp://127.0.0.1:/",
		"gopher://127.0.0.1:70/", "rtsp://127.0.0.1/" + strings.Repeat("a", MaxURLLength),
	} {
		res := Probe(context.Background(), Target{URL: u}, opt)
		if res.Up || res.Status != StatusInvalid || res.Detail == "" {
			t.Errorf("%q: got %s (%s), want invalid", u, res.Status, res.Detail)
		}
	}
	if got := d.dialed(); len(got) != 0 {
		t.Fatalf("dialed %v for invalid URLs", got)
	}
}

func TestParseURLAppliesDefaultPortsAndDropsCredentials(t *testing.T) {
	cases := []struct {
		in, safe string
		port     uint16
	}{
		{"rtsp://admin:x@Kamera.Desa.id/live", "rtsp://kamera.desa.id:554/live", 554},
		{"RTSPS://kamera.desa.id", "rtsps://kamera.desa.id:322/", 322},
		{"http://kamera.desa.id/hls/a.m3u8?token=rahasia", "http://kamera.desa.id:80/hls/a.m3u8", 80},
		{"https://[2001:df0::1]:8443/x", "https://[2001:df0::1]:8443/x", 8443},
	}
	for _, tc := range cases {
		ep, err := ParseURL(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if ep.Safe() != tc.safe || ep.Port != tc.port || Redact(tc.in) != tc.safe {
			t.Errorf("%s: safe %s port %d redact %s", tc.in, ep.Safe(), ep.Port, Redact(tc.in))
		}
	}
	if got := Redact("ftp://u:p@x/"); strings.Contains(got, "p@") {
		t.Errorf("Redact echoed invalid input: %s", got)
	}
}

func TestProbeStopsWhenTheContextEnds(t *testing.T) {
	r := startResponder(t, "", true)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-r.first
		cancel()
	}()
	opt := local
	opt.Timeout = MaxTimeout
	res := Probe(ctx, Target{URL: r.url("rtsp", "/")}, opt)
	if res.Up || res.Status != StatusCanceled {
		t.Fatalf("got %s (%s), want canceled", res.Status, res.Detail)
	}
}

// The dialer's Control hook is a second line: even a refused address that
// reached connect (a future edit skipping resolve) is stopped before the
// TCP handshake.
func TestDialerRefusesUncheckedAddressAtConnect(t *testing.T) {
	ln, port := listenLocal(t)
	_, err := connect(context.Background(), addrs("127.0.0.1"), port, Options{})
	if !errors.Is(err, errBlockedLate) {
		t.Fatalf("got %v, want errBlockedLate", err)
	}
	noConnection(t, ln)
}
