package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/notifikasi"
)

// Through the wired app: a demo account's inbox holds its greeting, the
// header counts it on any page, another account's notification cannot be
// marked, and marking all clears the badge.
func TestNotifikasiThroughTheApp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		ctx := context.Background()
		own := login(t, srv, "perbekel.bengkel@tabanan.test")
		camat, err := a.auth.UserByEmail(ctx, "camat.kediri@tabanan.test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.notifikasi.Kirim(ctx, []string{camat.ID}, notifikasi.Pesan{Kunci: "uji", Judul: "Untuk camat", Tautan: "/"}); err != nil {
			t.Fatal(err)
		}
		var list struct {
			Items []struct {
				ID, Judul string
			}
			BelumDibaca int `json:"belum_dibaca"`
		}
		status, raw := call(t, srv, http.MethodGet, "/api/v1/notifikasi", own, nil)
		if status != http.StatusOK || json.Unmarshal(raw, &list) != nil || len(list.Items) != 1 || list.BelumDibaca != 1 ||
			list.Items[0].Judul != "Selamat datang di ngantor" {
			t.Fatalf("list: %d %s", status, raw)
		}
		status, body := page(t, srv, "/wilayah/51.02.06.2001", own)
		if status != http.StatusOK || !strings.Contains(body, `href="/notifikasi" title="Notifikasi">Pesan (1)</a>`) {
			t.Errorf("desa page %d lacks the badge", status)
		}
		var theirs struct{ Items []struct{ ID string } }
		_, raw = call(t, srv, http.MethodGet, "/api/v1/notifikasi", login(t, srv, "camat.kediri@tabanan.test"), nil)
		if json.Unmarshal(raw, &theirs) != nil || len(theirs.Items) != 2 {
			t.Fatalf("camat's list: %s", raw)
		}
		for _, n := range theirs.Items {
			if status, raw := call(t, srv, http.MethodPost, "/api/v1/notifikasi/"+n.ID+"/dibaca", own, nil); status != http.StatusNotFound {
				t.Errorf("perbekel marks camat's: %d %s", status, raw)
			}
		}
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/notifikasi/dibaca-semua", own, nil); status != http.StatusNoContent {
			t.Fatalf("mark all: %d %s", status, raw)
		}
		status, body = page(t, srv, "/notifikasi", own)
		if status != http.StatusOK || !strings.Contains(body, `href="/notifikasi" title="Notifikasi">Pesan</a>`) || !strings.Contains(body, "Sudah dibaca") {
			t.Errorf("inbox after marking all: %d", status)
		}
		if n, _ := a.notifikasi.BelumDibaca(ctx, camat.ID); n != 2 {
			t.Errorf("camat's unread: %d, want 2", n)
		}
	})
}
