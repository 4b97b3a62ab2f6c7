package probe

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// MaxURLLength bounds a stream URL; longer input is rejected before parsing.
const MaxURLLength = 2048

// Endpoint is a stream URL parsed and checked once at the boundary. It never
// holds credentials: userinfo in the input is dropped (the probe does not
// log in, and the module keeps credentials encrypted elsewhere).
type Endpoint struct {
	Scheme string // rtsp, rtsps, http or https
	Host   string // name or IP literal, without brackets
	Port   uint16
	Path   string // request URI (path and query), at least "/"
}

// TLS reports whether the scheme runs over TLS.
func (e Endpoint) TLS() bool { return e.Scheme == "rtsps" || e.Scheme == "https" }

// RTSP reports whether the endpoint speaks RTSP (otherwise HTTP).
func (e Endpoint) RTSP() bool { return e.Scheme == "rtsp" || e.Scheme == "rtsps" }

// HostPort is host:port with IPv6 literals bracketed.
func (e Endpoint) HostPort() string {
	return joinHostPort(e.Host, e.Port)
}

// URL is the endpoint as a URL without userinfo; the RTSP request line
// carries it. It may carry the query, so Detail texts use Safe instead.
func (e Endpoint) URL() string { return e.Scheme + "://" + e.HostPort() + e.Path }

// Safe is the endpoint for display: scheme, host, port and path only. Query
// strings are dropped too, since cameras often take ?user=…&password=… there.
func (e Endpoint) Safe() string {
	p := e.Path
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return e.Scheme + "://" + e.HostPort() + p
}

func joinHostPort(host string, port uint16) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + ":" + strconv.Itoa(int(port))
}

var defaultPorts = map[string]uint16{"rtsp": 554, "rtsps": 322, "http": 80, "https": 443}

// ParseURL checks a camera stream URL: one of the four schemes, a host, a
// valid port. Modules validate their input with it so the API, the pages and
// the probe agree on what a stream URL is. The error is fault.Invalid with a
// Bahasa message.
func ParseURL(raw string) (Endpoint, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Endpoint{}, fault.New(fault.Invalid, "Alamat stream kosong.")
	}
	if len(raw) > MaxURLLength {
		return Endpoint{}, fault.New(fault.Invalid, "Alamat stream terlalu panjang (paling banyak %d karakter).", MaxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return Endpoint{}, fault.New(fault.Invalid, "Alamat stream bukan URL yang sah.")
	}
	scheme := strings.ToLower(u.Scheme)
	def, ok := defaultPorts[scheme]
	if !ok {
		if scheme == "" {
			return Endpoint{}, fault.New(fault.Invalid, "Alamat stream harus diawali rtsp://, rtsps://, http://, atau https://.")
		}
		return Endpoint{}, fault.New(fault.Invalid, "Skema %q tidak didukung; gunakan rtsp://, rtsps://, http://, atau https://.", truncate(scheme, 16))
	}
	host := u.Hostname()
	if host == "" {
		return Endpoint{}, fault.New(fault.Invalid, "Alamat stream tidak menyebut host kamera.")
	}
	if strings.ContainsAny(host, " \t\r\n%") && !strings.Contains(host, ":") {
		return Endpoint{}, fault.New(fault.Invalid, "Nama host kamera tidak sah.")
	}
	port := def
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Endpoint{}, fault.New(fault.Invalid, "Nomor port harus antara 1 dan 65535.")
		}
		port = uint16(n)
	} else if strings.HasSuffix(u.Host, ":") {
		return Endpoint{}, fault.New(fault.Invalid, "Nomor port harus antara 1 dan 65535.")
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if strings.ContainsAny(path, " \r\n") {
		return Endpoint{}, fault.New(fault.Invalid, "Alamat stream memuat spasi atau baris baru.")
	}
	return Endpoint{Scheme: scheme, Host: strings.ToLower(host), Port: port, Path: path}, nil
}

// Redact returns a stream URL safe to show or log: no userinfo, no query, no
// fragment. Input that does not parse is not echoed at all.
func Redact(raw string) string {
	e, err := ParseURL(raw)
	if err != nil {
		return "(alamat tidak sah)"
	}
	return e.Safe()
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// The address policy. Prefixes in liftable are refused unless
// Options.AllowPrivate; everything in forbidden is refused always; IPv6
// outside 2000::/3 (global unicast) is refused always.
var (
	liftable = []namedPrefix{
		np("10.0.0.0/8", "jaringan privat (RFC 1918)"),
		np("172.16.0.0/12", "jaringan privat (RFC 1918)"),
		np("192.168.0.0/16", "jaringan privat (RFC 1918)"),
		np("100.64.0.0/10", "jaringan bersama operator (RFC 6598)"),
		np("127.0.0.0/8", "loopback"),
		np("::1/128", "loopback"),
		np("fc00::/7", "jaringan privat IPv6 (ULA)"),
	}
	forbidden = []namedPrefix{
		np("0.0.0.0/8", "alamat tak tertentu"),
		np("169.254.0.0/16", "link-local"),
		np("192.0.0.0/24", "alamat khusus IETF"),
		np("192.0.2.0/24", "alamat dokumentasi"),
		np("198.18.0.0/15", "alamat uji kinerja"),
		np("198.51.100.0/24", "alamat dokumentasi"),
		np("203.0.113.0/24", "alamat dokumentasi"),
		np("224.0.0.0/4", "multicast"),
		np("240.0.0.0/4", "alamat cadangan/broadcast"),
		np("::/128", "alamat tak tertentu"),
		np("::/96", "alamat IPv6 khusus"),
		np("64:ff9b::/96", "terjemahan NAT64"),
		np("64:ff9b:1::/48", "terjemahan NAT64"),
		np("100::/64", "alamat buang IPv6"),
		np("2001::/32", "terowongan Teredo"),
		np("2001:db8::/32", "alamat dokumentasi"),
		np("2002::/16", "terowongan 6to4"),
		np("fe80::/10", "link-local"),
		np("fec0::/10", "site-local"),
		np("ff00::/8", "multicast"),
	}
	globalUnicast6 = netip.MustParsePrefix("2000::/3")
)

type namedPrefix struct {
	prefix netip.Prefix
	kind   string // Bahasa, shown in Detail
}

func np(prefix, kind string) namedPrefix {
	return namedPrefix{netip.MustParsePrefix(prefix), kind}
}

func (n namedPrefix) contains(a netip.Addr) bool { return n.prefix.Contains(a) }

// checkAddr says why an address may not be probed, or "" when it may.
func checkAddr(a netip.Addr, allowPrivate bool) string {
	if a.Zone() != "" {
		return "alamat IPv6 berzona (link-local)"
	}
	a = a.Unmap()
	if !a.IsValid() {
		return "alamat tidak sah"
	}
	for _, p := range liftable {
		if p.contains(a) {
			if allowPrivate {
				return ""
			}
			return p.kind
		}
	}
	for _, p := range forbidden {
		if p.contains(a) {
			return p.kind
		}
	}
	if a.Is6() && !globalUnicast6.Contains(a) {
		return "alamat IPv6 khusus"
	}
	return ""
}
