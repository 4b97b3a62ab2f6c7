package httpserver

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestRealIPBelievesOnlyTrustedProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cases := []struct {
		name, peer, xff, want string
	}{
		{"direct client, header ignored", "203.0.113.7:5000", "198.51.100.1", "203.0.113.7:5000"},
		{"through the ingress", "10.1.2.3:5000", "198.51.100.1", "198.51.100.1:5000"},
		{"client forges a hop; the ingress appends the real one", "10.1.2.3:5000", "1.1.1.1, 198.51.100.1", "198.51.100.1:5000"},
		{"two trusted hops", "10.1.2.3:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1:5000"},
		{"garbled header", "10.1.2.3:5000", "not-an-ip", "10.1.2.3:5000"},
		{"no header", "10.1.2.3:5000", "", "10.1.2.3:5000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got string
			h := realIP(trusted, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = c.peer
			if c.xff != "" {
				r.Header.Set("X-Forwarded-For", c.xff)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != c.want {
				t.Fatalf("RemoteAddr = %q, want %q", got, c.want)
			}
		})
	}
}
