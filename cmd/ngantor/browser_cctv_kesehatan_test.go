package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Browser story of the CCTV health pages (issue 12): the camat of Kediri
// reads the kecamatan's cameras with one down for more than a day and
// opens its desa; the perbekel of Bengkel reads the desa's health page.
// The cameras' addresses are on a desa LAN (10.20.0.x): the app's own
// probe task refuses them by the kabupaten's default setting without
// connecting, so nothing outside this machine is ever reached.

const bckDesa = tenancy.Kode("51.02.06.2001")

// bckSeed gives Bengkel two cameras — Simpang Pasar down for the last
// 30 hours, Balai Banjar up — and Pandak Gede one camera up, each probed
// hourly for two days.
func bckSeed(t *testing.T, a *app) {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Hour)
	add := func(desa tenancy.Kode, nama, ip string, down func(h int) bool) {
		id := uuid.Must(uuid.NewV7()).String()
		k := cctv.Kamera{DesaID: desa.ID(), ID: id, Nama: nama, Dusun: "Banjar Bengkel Kawan", LintangE6: -8_563_000, BujurE6: 115_090_000,
			Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01",
			StreamURL: "rtsp://" + ip + ":554/stream1", Status: cctv.StatusAktif,
			CreatedBy: "demo", CreatedAt: now, UpdatedBy: "demo", UpdatedAt: now}
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
		if err := a.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&k).Exec(ctx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var ps []cctv.Probe
		for h := 48; h >= 1; h-- {
			up := !down(h)
			status := "ok"
			if !up {
				status = "timeout"
			}
			ps = append(ps, cctv.Probe{KameraID: id, CheckedAt: now.Add(-time.Duration(h) * time.Hour), Up: up, Status: status, LatencyMS: 35})
		}
		if err := a.cctv.SimpanProbe(ctx, ps); err != nil {
			t.Fatal(err)
		}
	}
	// The app's probe task stays out of the figures: Tabanan's round is
	// marked done for a slot a year ahead, so no tick claims one.
	if err := a.db.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO cctv_putaran (kabupaten_kode, slot, mulai_at, selesai_at, kamera, naik, desa_gagal)
			VALUES ('51.02', ?, ?, ?, 0, 0, 0)`, now.AddDate(1, 0, 0), now, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	add(bckDesa, "Simpang Pasar Bengkel", "10.20.0.15", func(h int) bool { return h <= 30 })
	add(bckDesa, "Balai Banjar Bengkel Kawan", "10.20.0.16", func(int) bool { return false })
	add("51.02.06.2002", "Pura Desa Pangkung Tibah", "10.20.1.15", func(int) bool { return false })
}

// TestBrowserCCTVKesehatanCamat: the camat of Kediri, on a phone, goes
// from the kecamatan to "CCTV desa", sees Simpang Pasar in Bengkel down
// for more than 24 hours at the top, every desa of Kediri in the table
// (those without a camera say so instead of 0 %), and opens Bengkel's
// health page from the list.
func TestBrowserCCTVKesehatanCamat(t *testing.T) {
	base, a := btStartDevApp(t)
	bckSeed(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")

	bsOpen(t, ctx, base, "/wilayah/51.02.06", "Kecamatan Kediri", "cctv-camat-kecamatan")
	bwClick(t, ctx, `main a[href="/wilayah/51.02.06/cctv"]`, "Kesehatan CCTV desa", "cctv-camat-wilayah")
	mati := bkText(t, ctx, "#kamera-mati")
	// The demo's own cameras (two down for more than a day) stand beside
	// the ones seeded here.
	for _, want := range []string{"kamera mati lebih dari 24 jam", "Bengkel", "Simpang Pasar Bengkel", "mati sejak", "(1 hari 6 jam)"} {
		if !strings.Contains(mati, want) {
			t.Errorf("the down list says %q, want %q in it", mati, want)
		}
	}
	if strings.Contains(mati, "Balai Banjar") || strings.Contains(mati, "Pura Desa") {
		t.Errorf("the down list names a camera that is up: %q", mati)
	}
	tb := bkTable(t, ctx, "tabel-desa")
	if len(tb.Rows) != 15 {
		t.Errorf("Kediri's CCTV table has %d rows, want its 15 desa", len(tb.Rows))
	}
	var bengkel []string
	tanpa := 0
	for _, r := range tb.Rows {
		if len(r) > 0 && r[0] == "Bengkel" {
			bengkel = r
		}
		if strings.Contains(strings.Join(r, " "), "belum ada kamera") {
			tanpa++
			if strings.Contains(strings.Join(r, " "), "%") {
				t.Errorf("a desa without a camera shows a share: %q", r)
			}
		}
	}
	if len(bengkel) != 6 || !strings.HasSuffix(bengkel[1], "%") || bengkel[4] != "10" || bengkel[5] == "0" {
		t.Errorf("Bengkel's row = %q, want its 10 cameras with shares and some down", bengkel)
	}
	if tanpa != 12 { // all but Bengkel, Pangkung Tibah and the demo's Nyitdah
		t.Errorf("%d desa say “belum ada kamera”, want 12", tanpa)
	}
	if pos, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#tabel-desa tbody th')).position`)); pos != "sticky" {
		t.Errorf("the desa column is %q on a phone, want sticky", pos)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main a[href*="rtsp"], main form').length`)); n != 0 {
		t.Errorf("the status page offers %d stream links or forms", n)
	}
	bwClick(t, ctx, `#kamera-mati a[href="/desa/`+string(bckDesa)+`/cctv/kesehatan"]`, "Kesehatan CCTV Bengkel", "cctv-camat-desa")
}

// TestBrowserCCTVKesehatanPerbekel: the perbekel of Bengkel opens the
// desa's health page: the warning block names the camera down for more
// than a day, it heads the camera list, and no stream address is shown.
// The kecamatan's page is not the perbekel's.
func TestBrowserCCTVKesehatanPerbekel(t *testing.T) {
	base, a := btStartDevApp(t)
	bckSeed(t, a)
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, "perbekel.bengkel@tabanan.test")

	bsOpen(t, ctx, base, "/desa/"+string(bckDesa)+"/cctv/kesehatan", "Kesehatan CCTV Bengkel", "cctv-perbekel-kesehatan")
	peringatan := bkText(t, ctx, "#kamera-mati")
	if !strings.Contains(peringatan, "Simpang Pasar Bengkel") || !strings.Contains(peringatan, "terakhir menyala") {
		t.Errorf("the warning says %q", peringatan)
	}
	kartu, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#daftar-kesehatan h3')].map(h => h.innerText.trim())`))
	if i, j := slices.Index(kartu, "Simpang Pasar Bengkel"), slices.Index(kartu, "Balai Banjar Bengkel Kawan"); err != nil || i < 0 || j < i || i > 2 {
		t.Errorf("camera cards %q (%v), want those down first", kartu, err)
	}
	jumlah := bkText(t, ctx, "#tabel-jumlah-desa")
	if !strings.Contains(jumlah, "10 dari 10") || !strings.Contains(jumlah, "mati > 24 jam") {
		t.Errorf("the desa's total says %q", jumlah)
	}
	if main := bsMain(t, ctx); strings.Contains(main, "10.20.0") || strings.Contains(main, "rtsp") {
		t.Error("the health page shows a stream address")
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"/wilayah/51.02.06/cctv"))
	if err != nil || resp == nil || resp.Status != 403 {
		t.Errorf("the perbekel opens the kecamatan's CCTV page: %v %v", resp, err)
	}
	bsShot(t, ctx, "cctv-perbekel-kecamatan-ditolak")
}
