package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// matrixCctvKamera gives each harvested desa a camera, so the registry's
// operations with an id reach data at their own desa (checkIDsReachData)
// until the demo seeds cameras there.
func matrixCctvKamera(t *testing.T, srv *httptest.Server, token string) {
	t.Helper()
	for _, d := range harvestDesa {
		body := []byte(`{"nama":"Kamera Matrix Registri","lintang":"-8.54","bujur":"115.12","tujuan":"keamanan",` +
			`"pemilik":"desa_dinas","tanggal_pasang":"2025-06-01","retensi_hari":0,"stream_url":"rtsp://192.0.2.10:554/matrix"}`)
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/"+d+"/cctv", token, body); status != http.StatusCreated {
			t.Fatalf("matrix camera at %s: %d %s", d, status, raw)
		}
	}
}
