package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// TestKeuanganWilayahIsReachedFromTheWilayahPages: the kecamatan and
// kabupaten pages link the keuangan table for the roles that may see it
// (PermRingkasan), the desa page and the desa roles do not, and the
// table lists every desa of the wilayah from the wilayah module.
func TestKeuanganWilayahIsReachedFromTheWilayahPages(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	camat := login(t, srv, "camat.kediri@tabanan.test")
	forum := login(t, srv, "forum@tabanan.test")
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	link := `href="/wilayah/51.02.06/keuangan"`
	for _, tc := range []struct {
		token, path, link string
		want              bool
	}{
		{camat, "/wilayah/51.02.06", link, true},
		{forum, "/wilayah/51.02", `href="/wilayah/51.02/keuangan"`, true},
		{camat, "/wilayah/51.02.06.2001", "/wilayah/51.02.06.2001/keuangan", false},
		{perbekel, "/wilayah/51.02.06.2001", "/wilayah/51.02.06/keuangan", false},
	} {
		status, body := page(t, srv, tc.path, tc.token)
		if status != 200 || strings.Contains(body, tc.link) != tc.want {
			t.Errorf("%s: %d, link %q shown %v, want %v", tc.path, status, tc.link, !tc.want, tc.want)
		}
	}
	status, body := page(t, srv, "/wilayah/51.02.06/keuangan/2026", camat)
	if status != 200 || !strings.Contains(body, "Bengkel") || !strings.Contains(body, `id="tabel-keuangan"`) {
		t.Fatalf("camat's table: %d", status)
	}
	if status, _ := page(t, srv, "/wilayah/51.02.06/keuangan/2026", perbekel); status != http.StatusForbidden {
		t.Errorf("perbekel on the kecamatan table: %d", status)
	}
	code, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/keuangan/2026?kecamatan=51.02.06", forum, nil)
	var b struct {
		Items []struct {
			Desa   string `json:"desa"`
			Status string `json:"status"`
		} `json:"items"`
	}
	if err := json.Unmarshal(raw, &b); code != 200 || err != nil || len(b.Items) != 15 || b.Items[0].Desa != "51.02.06.2001" {
		t.Fatalf("forum's kecamatan rows: %d %v %s", code, err, raw)
	}
}
