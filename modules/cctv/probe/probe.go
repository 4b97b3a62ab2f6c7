// Package probe checks whether a CCTV camera's stream endpoint answers: it
// resolves the host, connects over TCP (TLS for rtsps:// and https://), then
// sends one RTSP OPTIONS request or one HTTP HEAD request and reads the
// status. It only checks reachability: stream credentials are never sent, so
// a camera that answers 401 counts as up ("auth": alive, needs a login), and
// no stream is ever opened. Nothing here touches a database; the cctv module
// stores the Results and schedules Run.
//
// # SSRF guard
//
// A stream URL is typed by a desa operator and the probe runs on the
// kabupaten's server, so a URL is a way to make that server open connections.
// Before connecting, the probe resolves the host and refuses (Status
// "blocked", no connection attempted) when ANY resolved address is:
//
//   - private (RFC 1918 10/8, 172.16/12, 192.168/16; RFC 6598 100.64/10;
//     IPv6 ULA fc00::/7) or loopback (127/8, ::1) — unless AllowPrivate;
//   - link-local (169.254/16 — the cloud metadata service lives at
//     169.254.169.254 — fe80::/10, zoned IPv6), unspecified (0/8, ::),
//     multicast, broadcast and reserved (240/4), documentation and
//     benchmarking ranges, IPv6 outside 2000::/3, and IPv6 transition
//     prefixes that embed an IPv4 address (NAT64, 6to4, Teredo) — always,
//     whatever AllowPrivate says.
//
// It then dials the checked IP literal, never the name again, so a DNS
// answer that changes between the check and the connection (DNS rebinding)
// cannot reach an address that was not checked; the dialer's Control hook
// checks the address once more as it connects.
//
// # AllowPrivate
//
// Cameras often sit on a desa LAN reached from the kabupaten over a VPN, with
// 10.x or 192.168.x addresses. Probing those is a deliberate kabupaten
// setting (Options.AllowPrivate), off by default. Turning it on lets anyone
// who may register a camera learn whether a host:port inside the kabupaten's
// networks (including the probing server's own loopback) accepts TCP and how
// it answers an OPTIONS/HEAD request — only the status class and latency,
// never a response body. Link-local and the other special ranges stay
// refused even then: no desa camera is link-local as seen from the
// kabupaten's server, and those ranges are where metadata services live.
//
// # TLS
//
// rtsps:// and https:// verify the camera's certificate against
// Options.TLS.RootCAs (the system roots when nil). A self-signed camera
// reports "tls"; the kabupaten can add its roots rather than the probe
// skipping verification.
package probe

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
)

// Bounds on Options.Timeout.
const (
	DefaultTimeout = 5 * time.Second
	MinTimeout     = 10 * time.Millisecond
	MaxTimeout     = 30 * time.Second
)

// maxStatusLine bounds how much of the camera's answer is read before the
// status line must be complete; maxHTTPHeader bounds an HTTP answer's header.
const (
	maxStatusLine = 1024
	maxHTTPHeader = 64 << 10
)

// Target is one camera to probe.
type Target struct {
	CameraID int64
	DesaID   int64  // Run bounds concurrency per desa by it
	URL      string // the stream URL; userinfo is ignored, never sent; the query is sent to the camera but never shown
}

// Resolver looks up a host's addresses; *net.Resolver satisfies it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Options configure a probe. The zero value is the production default:
// 5 s timeout, public addresses only, system DNS and TLS roots.
type Options struct {
	// Timeout bounds one probe end to end (DNS, connect, TLS, request,
	// status line); clamped to [MinTimeout, MaxTimeout], 0 = DefaultTimeout.
	Timeout time.Duration
	// AllowPrivate lifts the refusal of private, RFC 6598 and loopback
	// addresses (the kabupaten setting; see the package doc).
	AllowPrivate bool
	// Resolver resolves host names; nil = net.DefaultResolver.
	Resolver Resolver
	// TLS is the base configuration for rtsps:// and https://; ServerName is
	// always set from the URL. nil = system roots.
	TLS *tls.Config
	// Now is the clock for Result.CheckedAt; nil = time.Now.
	Now func() time.Time

	// dial replaces the TCP dial in tests, to record that none happened.
	dial func(ctx context.Context, addr netip.AddrPort) (net.Conn, error)
}

// Status is a short, stable code for the outcome, fit for storage and
// aggregation.
type Status string

const (
	StatusOK          Status = "ok"          // up: RTSP 200, HTTP 2xx/3xx
	StatusAuth        Status = "auth"        // up, but the camera wants credentials (401)
	StatusInvalid     Status = "invalid"     // the URL is not a stream URL we probe
	StatusBlocked     Status = "blocked"     // the address is refused by the SSRF guard
	StatusDNS         Status = "dns"         // the name does not resolve
	StatusTimeout     Status = "timeout"     // no connection or no answer in time
	StatusRefused     Status = "refused"     // connection refused: nothing listens
	StatusUnreachable Status = "unreachable" // no route, reset, or other network error
	StatusTLS         Status = "tls"         // TLS handshake or certificate failed
	StatusProtocol    Status = "protocol"    // answered, but not with RTSP/HTTP
	StatusCanceled    Status = "canceled"    // the caller's context ended; not a fact about the camera
	// Answers with another status code are "rtsp_4xx", "http_5xx" and so on;
	// Result.Code has the exact code.
)

// Result is the outcome of one probe. It never contains credentials: Detail
// names the endpoint without userinfo or query.
type Result struct {
	CameraID  int64
	DesaID    int64
	Up        bool
	Status    Status
	Code      int   // the RTSP/HTTP status code when the camera answered, else 0
	LatencyMs int64 // from the start of the connection to the status line (or failure)
	Detail    string
	CheckedAt time.Time
}

// Probe checks one camera. It never returns an error: every failure is a
// Result with Up false and a Status saying why.
func Probe(ctx context.Context, t Target, opt Options) Result {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	res := Result{CameraID: t.CameraID, DesaID: t.DesaID, CheckedAt: now().UTC()}
	ep, err := ParseURL(t.URL)
	if err != nil {
		return res.down(StatusInvalid, 0, faultMessage(err))
	}
	timeout := clampTimeout(opt.Timeout)
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	addrs, why := resolve(pctx, ep.Host, opt)
	if why.status != "" {
		if ctx.Err() != nil {
			return res.down(StatusCanceled, 0, "Pemeriksaan dibatalkan.")
		}
		return res.down(why.status, 0, why.detail)
	}

	start := time.Now()
	elapsed := func() int64 { return time.Since(start).Milliseconds() }
	conn, err := connect(pctx, addrs, ep.Port, opt)
	if err != nil {
		return res.failed(ctx, err, elapsed(), ep, timeout)
	}
	defer conn.Close()
	deadline, _ := pctx.Deadline()
	_ = conn.SetDeadline(deadline)
	// A canceled context must also stop a read that is already blocked.
	stop := context.AfterFunc(pctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if ep.TLS() {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if opt.TLS != nil {
			cfg = opt.TLS.Clone()
		}
		cfg.ServerName = ep.Host
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(pctx); err != nil {
			if isTimeout(err) || pctx.Err() != nil {
				return res.failed(ctx, err, elapsed(), ep, timeout)
			}
			return res.down(StatusTLS, elapsed(), fmt.Sprintf("Jabat tangan TLS dengan %s gagal: sertifikat tidak dipercaya, tidak cocok, atau TLS tidak didukung.", ep.HostPort()))
		}
		conn = tc
	}

	if ep.RTSP() {
		code, err := optionsRTSP(conn, ep)
		if err != nil {
			return res.failed(ctx, err, elapsed(), ep, timeout)
		}
		return res.answered("RTSP", code, code == 200, elapsed())
	}
	code, err := headHTTP(conn, ep)
	if err != nil {
		return res.failed(ctx, err, elapsed(), ep, timeout)
	}
	return res.answered("HTTP", code, code >= 200 && code < 400, elapsed())
}

func clampTimeout(d time.Duration) time.Duration {
	switch {
	case d == 0:
		return DefaultTimeout
	case d < MinTimeout:
		return MinTimeout
	case d > MaxTimeout:
		return MaxTimeout
	}
	return d
}

func faultMessage(err error) string {
	var fe *fault.Error
	if errors.As(err, &fe) {
		return fe.Message
	}
	return "Alamat stream tidak sah."
}

type refusal struct {
	status Status
	detail string
}

// resolve returns the addresses to dial, all checked, or why there are none.
// A name with any refused address is refused as a whole: a name that mixes
// public and private answers is exactly what a rebinding attack looks like.
func resolve(ctx context.Context, host string, opt Options) ([]netip.Addr, refusal) {
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		var r Resolver = net.DefaultResolver
		if opt.Resolver != nil {
			r = opt.Resolver
		}
		found, err := r.LookupNetIP(ctx, "ip", host)
		if err != nil || len(found) == 0 {
			if isTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
				return nil, refusal{StatusTimeout, fmt.Sprintf("Nama host %s tidak terjawab DNS dalam batas waktu.", host)}
			}
			return nil, refusal{StatusDNS, fmt.Sprintf("Nama host %s tidak ditemukan di DNS.", host)}
		}
		addrs = found
	}
	for _, a := range addrs {
		if why := checkAddr(a, opt.AllowPrivate); why != "" {
			return nil, refusal{StatusBlocked, blockedDetail(host, a, why)}
		}
	}
	return addrs, refusal{}
}

func blockedDetail(host string, a netip.Addr, why string) string {
	at := a.Unmap().WithZone("").String()
	if host != at {
		at = host + " (" + at + ")"
	}
	return fmt.Sprintf("Alamat %s termasuk %s; pemeriksaan ke alamat ini tidak diizinkan. Alamat jaringan privat hanya dapat diperiksa bila pengaturan kabupaten mengizinkannya.", at, why)
}

// connect dials the checked addresses in order until one answers.
func connect(ctx context.Context, addrs []netip.Addr, port uint16, opt Options) (net.Conn, error) {
	dial := opt.dial
	if dial == nil {
		d := &net.Dialer{ControlContext: func(_ context.Context, _, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if checkAddr(ap.Addr(), opt.AllowPrivate) != "" {
				return errBlockedLate
			}
			return nil
		}}
		dial = func(ctx context.Context, ap netip.AddrPort) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", ap.String())
		}
	}
	var first error
	for _, a := range addrs {
		conn, err := dial(ctx, netip.AddrPortFrom(a.Unmap(), port))
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}

var errBlockedLate = errors.New("probe: address refused at connect")

// optionsRTSP sends OPTIONS and returns the status code of the answer.
func optionsRTSP(conn net.Conn, ep Endpoint) (int, error) {
	req := "OPTIONS " + ep.URL() + " RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: ngantor-cctv-probe\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		return 0, err
	}
	line, err := readLine(bufio.NewReaderSize(io.LimitReader(conn, maxStatusLine), maxStatusLine))
	if err != nil {
		return 0, err
	}
	// RTSP/1.0 200 OK (RFC 2326 §7.1); RTSP/2.0 answers the same way.
	proto, rest, ok := strings.Cut(line, " ")
	if !ok || (proto != "RTSP/1.0" && proto != "RTSP/2.0") {
		return 0, errNotProtocol
	}
	return parseCode(rest)
}

// headHTTP sends HEAD and returns the status code; redirects are not
// followed (a 3xx already proves the server is there).
func headHTTP(conn net.Conn, ep Endpoint) (int, error) {
	req := "HEAD " + ep.Path + " HTTP/1.1\r\nHost: " + hostHeader(ep) + "\r\nUser-Agent: ngantor-cctv-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		return 0, err
	}
	hreq, _ := http.NewRequest(http.MethodHead, ep.URL(), nil)
	resp, err := http.ReadResponse(bufio.NewReader(io.LimitReader(conn, maxHTTPHeader)), hreq)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) {
			return 0, err
		}
		return 0, errNotProtocol
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func hostHeader(ep Endpoint) string {
	if d := defaultPorts[ep.Scheme]; d == ep.Port {
		if strings.Contains(ep.Host, ":") {
			return "[" + ep.Host + "]"
		}
		return ep.Host
	}
	return ep.HostPort()
}

var errNotProtocol = errors.New("probe: answer is not the expected protocol")

func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		if err == io.EOF && line != "" {
			// The answer stopped (or hit the bound) before a full line.
			return "", errNotProtocol
		}
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func parseCode(rest string) (int, error) {
	if len(rest) < 3 || (len(rest) > 3 && rest[3] != ' ') {
		return 0, errNotProtocol
	}
	code, err := strconv.Atoi(rest[:3])
	if err != nil || code < 100 || code > 599 {
		return 0, errNotProtocol
	}
	return code, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return err != nil && (errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded))
}

func (r Result) down(s Status, latency int64, detail string) Result {
	r.Up, r.Status, r.LatencyMs, r.Detail = false, s, latency, detail
	return r
}

func (r Result) answered(proto string, code int, ok bool, latency int64) Result {
	r.Code, r.LatencyMs = code, latency
	switch {
	case code == 401:
		r.Up, r.Status = true, StatusAuth
		r.Detail = fmt.Sprintf("Kamera aktif dan meminta kredensial (%s 401); pemeriksaan tidak memakai kredensial.", proto)
	case ok:
		r.Up, r.Status = true, StatusOK
		r.Detail = fmt.Sprintf("Kamera menjawab %s %d dalam %d ms.", proto, code, latency)
	default:
		r.Up = false
		r.Status = Status(fmt.Sprintf("%s_%dxx", strings.ToLower(proto), code/100))
		r.Detail = fmt.Sprintf("Kamera menjawab %s %d; dianggap tidak aktif.", proto, code)
	}
	return r
}

// failed classifies a connection or exchange error.
func (r Result) failed(parent context.Context, err error, latency int64, ep Endpoint, timeout time.Duration) Result {
	at := ep.Safe()
	switch {
	case parent.Err() != nil:
		return r.down(StatusCanceled, latency, "Pemeriksaan dibatalkan.")
	case errors.Is(err, errBlockedLate):
		return r.down(StatusBlocked, latency, fmt.Sprintf("Alamat %s tidak diizinkan untuk diperiksa.", ep.HostPort()))
	case isTimeout(err):
		return r.down(StatusTimeout, latency, fmt.Sprintf("%s tidak menjawab dalam %s.", at, timeout))
	case errors.Is(err, syscall.ECONNREFUSED):
		return r.down(StatusRefused, latency, fmt.Sprintf("Koneksi ke %s ditolak: tidak ada layanan di port %d.", ep.HostPort(), ep.Port))
	case errors.Is(err, errNotProtocol):
		return r.down(StatusProtocol, latency, fmt.Sprintf("%s menjawab, tetapi bukan dengan %s yang sah.", at, protoName(ep)))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return r.down(StatusProtocol, latency, fmt.Sprintf("%s menutup koneksi tanpa jawaban %s.", at, protoName(ep)))
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return r.down(StatusUnreachable, latency, fmt.Sprintf("%s tidak terjangkau dari server (tidak ada rute).", ep.HostPort()))
	}
	return r.down(StatusUnreachable, latency, fmt.Sprintf("Koneksi ke %s gagal.", ep.HostPort()))
}

func protoName(ep Endpoint) string {
	if ep.RTSP() {
		return "RTSP"
	}
	return "HTTP"
}
