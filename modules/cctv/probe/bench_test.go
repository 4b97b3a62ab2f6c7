package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkProbe10000 probes 10,000 cameras in 200 desa through Run against
// camera servers on 127.0.0.1: three RTSP servers answering 200, one
// answering 401, one HTTP server, and one server that accepts and never
// answers. Every fifth camera is on the silent server, so 2,000 probes end
// in a timeout. Timeout 250 ms, perDesa 8, total 256.
//
// The goal is 10,000 cameras in 5 minutes from one worker. With a
// production timeout T, the wall time is about downs × T / total plus the up
// probes, e.g. 2,000 dead cameras × 5 s / 256 ≈ 40 s.
func BenchmarkProbe10000(b *testing.B) {
	const (
		n       = 10000
		desas   = 200
		perDesa = 8
		total   = 256
		timeout = 250 * time.Millisecond
	)
	up := []*responder{
		startResponder(b, okRTSP, false),
		startResponder(b, okRTSP, false),
		startResponder(b, okRTSP, false),
		startResponder(b, "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n", false),
	}
	silent := startResponder(b, "", true)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	b.Cleanup(web.Close)

	targets := make([]Target, n)
	for i := range targets {
		t := Target{CameraID: int64(i), DesaID: int64(i % desas)}
		switch {
		case i%5 == 4:
			t.URL = silent.url("rtsp", "/mati")
		case i%5 == 3:
			t.URL = web.URL + "/hls/kamera.m3u8"
		default:
			t.URL = up[i%len(up)].url("rtsp", "/live")
		}
		targets[i] = t
	}
	opt := Options{AllowPrivate: true, Timeout: timeout}

	b.ResetTimer()
	start := time.Now()
	for range b.N {
		counts := map[Status]int{}
		for r := range Run(context.Background(), targets, opt, perDesa, total) {
			counts[r.Status]++
		}
		if counts[StatusTimeout] != n/5 || counts[StatusOK]+counts[StatusAuth] != n-n/5 {
			b.Fatalf("unexpected outcome %v", counts)
		}
	}
	b.StopTimer()
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/10000")
}
