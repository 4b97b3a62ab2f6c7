package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Browser story of the cctv akses part (issue 12) on a phone: the
// perbekel shares a camera's live link with Satpol PP; Satpol PP opens it
// and sees the link; DLH sees the refusal; the perbekel reads the view in
// "Catatan akses"; the kabupaten's admin sets the probe setting.

// bcaKamera records a camera of Bengkel with sealed credentials in the dev
// app (the registry's own pages are another part's), returning its id.
func bcaKamera(t *testing.T, a *app) string {
	t.Helper()
	desa := tenancy.Kode(bsDesa)
	id := uuid.Must(uuid.NewV7()).String()
	ct, err := a.secrets.Seal([]byte(`{"pengguna":"admin","sandi":"sandi-kamera-uji"}`), cctv.KredensialContext(desa, id))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	k := cctv.Kamera{DesaID: desa.ID(), ID: id, Nama: "Simpang Pasar Uji", LintangE6: -8_540_100, BujurE6: 115_123_400,
		Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01",
		StreamURL: "rtsp://10.20.0.15:554/stream1", Kredensial: ct, Status: cctv.StatusAktif,
		CreatedBy: "uji", CreatedAt: now, UpdatedBy: "uji", UpdatedAt: now}
	err = a.db.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&k).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// bcaSignOut signs the current user out.
func bcaSignOut(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#email`))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
}

func TestBrowserCCTVAksesSharesALiveLink(t *testing.T) {
	base, a := btStartDevApp(t)
	id := bcaKamera(t, a)
	ctx := btBrowser(t)
	cam := "/desa/" + bsDesa + "/cctv/" + id

	// The perbekel shares the camera with Satpol PP only.
	bsSignInAs(t, ctx, base, bsEmail)
	bsOpen(t, ctx, base, cam+"/akses", "Akses tautan langsung", "cctv-akses-perbekel")
	if s := bkText(t, ctx, `#aturan-akses`); !strings.Contains(s, "hanya perbekel dan sekretaris desa ini") {
		t.Errorf("the rule of an empty list is not on the page: %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[value="opd:SATPOLPP"]`))); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `form.formulir button[type=submit]`, "Akses tautan langsung", "cctv-akses-disimpan")
	if s := bsMain(t, ctx); !strings.Contains(s, "Daftar akses disimpan") || !strings.Contains(bkText(t, ctx, `#akses-berlaku`), "Satuan Polisi Pamong Praja") {
		t.Errorf("after saving the page says:\n%s", s)
	}
	bcaSignOut(t, ctx)

	// Satpol PP opens the link.
	bsSignInAs(t, ctx, base, "satpolpp@tabanan.test")
	bsOpen(t, ctx, base, cam+"/lihat", "Tautan langsung", "cctv-lihat-satpolpp")
	if s := bsMain(t, ctx); strings.Contains(s, "sandi-kamera-uji") {
		t.Errorf("the GET page shows the credentials")
	}
	bwClick(t, ctx, `main form button[type=submit]`, "Tautan langsung", "cctv-lihat-satpolpp-tautan")
	link, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#tautan-url`)))
	if err != nil || link != "rtsp://admin:sandi-kamera-uji@10.20.0.15:554/stream1" {
		t.Errorf("the opened link is %q (%v)", link, err)
	}
	if s := bsMain(t, ctx); !strings.Contains(s, "VLC") {
		t.Errorf("no note on playing rtsp://: %s", s)
	}
	bcaSignOut(t, ctx)

	// DLH reads the refusal and has no button.
	bsSignInAs(t, ctx, base, "dlh@tabanan.test")
	bsOpen(t, ctx, base, cam+"/lihat", "Tautan langsung", "cctv-lihat-dlh")
	if s := bkText(t, ctx, `#penolakan`); !strings.Contains(s, "Kamera ini tidak membagikan tautan langsung kepada Anda") {
		t.Errorf("DLH reads %q", s)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post]').length`)); n != 0 {
		t.Errorf("DLH is offered %d forms", n)
	}
	bcaSignOut(t, ctx)

	// The perbekel sees the view in Catatan akses.
	bsSignInAs(t, ctx, base, bsEmail)
	bsOpen(t, ctx, base, "/desa/"+bsDesa+"/cctv/lihat", "Catatan akses", "cctv-catatan-perbekel")
	row := bkText(t, ctx, `#tabel-catatan tbody tr`)
	if !strings.Contains(row, "Satuan Polisi Pamong Praja") || !strings.Contains(row, "Simpang Pasar Uji") || !strings.Contains(row, "WITA") {
		t.Errorf("the view log's row is %q", row)
	}
	if s := bsMain(t, ctx); strings.Contains(s, "sandi-kamera-uji") {
		t.Errorf("the view log shows the credentials")
	}
	bcaSignOut(t, ctx)

	// The kabupaten's admin allows private addresses every 10 minutes.
	bsSignInAs(t, ctx, base, "admin@tabanan.test")
	bsOpen(t, ctx, base, "/wilayah/51.02/cctv/pengaturan", "Pengaturan pemeriksaan CCTV", "cctv-pengaturan-admin")
	if s := bkText(t, ctx, `#peringatan-privat`); !strings.Contains(s, "link-local") {
		t.Errorf("the warning is %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#pengaturan-interval_probe_menit`), "0")); err != nil {
		t.Fatalf("no interval field: %v\n%s", err, bsMain(t, ctx))
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.formulir button[type=submit]`)))
	if err != nil || resp == nil || resp.Status != 422 {
		t.Errorf("interval 0 answered %v (%v)", resp, err)
	}
	bsShot(t, ctx, "cctv-pengaturan-galat")
	if s := bsMain(t, ctx); !strings.Contains(s, "Selang pemeriksaan") {
		t.Errorf("the refusal says: %s", s)
	}
	// Ticked whatever the demo set (dev mode allows private targets).
	if on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const c = document.querySelector('input[name=izinkan_alamat_privat]'); c.checked = true; return c.checked })()`)); err != nil || !on {
		t.Fatalf("ticking the private-address box: %v %v", on, err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#pengaturan-interval_probe_menit`), "10")); err != nil {
		t.Fatal(err)
	}
	bwClick(t, ctx, `form.formulir button[type=submit]`, "Pengaturan pemeriksaan CCTV", "cctv-pengaturan-disimpan")
	if s := bkText(t, ctx, `#pengaturan-berlaku`); !strings.Contains(s, "Diperiksa") || !strings.Contains(s, "10 menit") {
		t.Errorf("the setting in force reads %q", s)
	}
}
