package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
)

// Browser story of the CCTV registry (issue 12) on a phone: the perbekel
// of Bengkel records a camera with its stream credentials and sees them
// only as "tersimpan"; a kasi reads the list without being offered to add
// one; the camat of Kediri reads the camera, without its stream.

const (
	bckCCTV     = "/desa/" + bsDesa + "/cctv"
	bckKasi     = "kasi.bengkel@cctv.test"
	bckNama     = "Simpang Pasar Bengkel Uji"
	bckPengguna = "operator-nvr-bengkel"
	bckSandi    = "Sandi-Kamera-Uji-4711"
	bckStream   = "rtsp://cctv-uji.bengkel.example:554/stream1"
	bckHost     = "cctv-uji.bengkel.example"
)

// bckHTML is the whole document as the browser holds it, form values
// included (what a user could read with the page's source or inspector).
func bckHTML(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML +
  [...document.querySelectorAll('input, textarea, select')].map(e => e.name + '=' + e.value).join('\n')`))
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	return s
}

// bckSecretsHidden fails when the page holds the typed credentials (or,
// unless stream is true, the stream address).
func bckSecretsHidden(t *testing.T, ctx context.Context, page string, stream bool) {
	t.Helper()
	h := bckHTML(t, ctx)
	for _, s := range []string{bckSandi, bckPengguna} {
		if strings.Contains(h, s) {
			t.Errorf("%s shows the credential %q", page, s)
		}
	}
	if !stream && strings.Contains(h, bckHost) {
		t.Errorf("%s shows the stream address", page)
	}
}

func bckSignOut(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
	); err != nil {
		t.Fatalf("sign out: %v", err)
	}
}

func TestBrowserCctvKameraRegistry(t *testing.T) {
	base, a := btStartDevApp(t)
	u, err := a.auth.CreateUser(t.Context(), auth.NewUser{Email: bckKasi, Name: "Kasi Pemerintahan Bengkel", Password: demoPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.authz.Grant(t.Context(), authz.Grant{UserID: u.ID, Role: authz.Kasi, Wilayah: bsDesa}); err != nil {
		t.Fatal(err)
	}
	ctx := btBrowser(t)

	// The perbekel: home → the desa → CCTV desa → Tambah kamera, by clicks.
	bsSignInAs(t, ctx, base, "perbekel.bengkel@tabanan.test")
	bwClick(t, ctx, `main ul.daftar a[href="/wilayah/`+bsDesa+`"]`, "Bengkel", "cctv-perbekel-desa")
	if loc := bsdClick(t, ctx, "CCTV desa", "CCTV", "cctv-perbekel-index"); !strings.HasSuffix(loc, bckCCTV) {
		t.Errorf("CCTV desa leads to %s, want %s", loc, bckCCTV)
	}
	bwClick(t, ctx, `#tambah-kamera`, "Tambah kamera", "cctv-perbekel-baru")
	if typ, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#kamera-kredensial_sandi`), "type")); typ.Value != "password" {
		t.Errorf("the password field is of type %q", typ.Value)
	}

	// First without the agreement a private camera needs: refused at its
	// field, the typed values kept, the credentials not.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#kamera-nama`), bckNama),
		chromedp.SendKeys(chromedp.CSS(`#kamera-dusun`), "Banjar Dinas Bengkel Kaja"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-lintang`), "-8,5812"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-bujur`), "115,0951"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-pantauan`), "Simpang jalan menuju pasar desa"),
		chromedp.SetValue(chromedp.CSS(`#kamera-tujuan`), "lalu_lintas"),
		chromedp.SetValue(chromedp.CSS(`#kamera-pemilik`), "swasta"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-harga`), "4.250.000"),
		chromedp.SetValue(chromedp.CSS(`#kamera-tanggal_pasang`), "2025-06-01"),
		chromedp.SetValue(chromedp.CSS(`#kamera-retensi_hari`), "14"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-lokasi_rekaman`), "NVR di kantor desa"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-stream_url`), bckStream),
		chromedp.SendKeys(chromedp.CSS(`#kamera-kredensial_pengguna`), bckPengguna),
		chromedp.SendKeys(chromedp.CSS(`#kamera-kredensial_sandi`), bckSandi),
	); err != nil {
		t.Fatalf("fill the camera form: %v", err)
	}
	bsShot(t, ctx, "cctv-perbekel-isian")
	status, _ := bsdSubmit(t, ctx, `form.kamera-isian button[type=submit]`)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a private camera without its agreement: %d, want 422:\n%s", status, bsMain(t, ctx))
	}
	main := bsMain(t, ctx)
	for _, want := range []string{"Formulir belum tersimpan", "perjanjian", "Ketik ulang sebelum menyimpan"} {
		if !strings.Contains(main, want) {
			t.Errorf("the refused form lacks %q:\n%s", want, main)
		}
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#kamera-nama`))); v != bckNama {
		t.Errorf("the refused form holds name %q", v)
	}
	bckSecretsHidden(t, ctx, "the refused form", true)
	btFitsPhone(t, ctx, "the refused form")
	bsShot(t, ctx, "cctv-perbekel-ditolak")

	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#kamera-perjanjian`), "Perjanjian pinjam pakai 07/2025 dengan Toko Sari, 1 Juni 2025"),
		chromedp.SendKeys(chromedp.CSS(`#kamera-kredensial_pengguna`), bckPengguna),
		chromedp.SendKeys(chromedp.CSS(`#kamera-kredensial_sandi`), bckSandi),
	); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.kamera-isian button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, bckNama, "cctv-perbekel-kamera")
	main = bsMain(t, ctx)
	for _, want := range []string{"Kamera sudah dicatat.", "Tersimpan (terenkripsi)", "Lalu lintas", "Swasta (dengan perjanjian)",
		"Rp 4.250.000", "Disimpan 14 hari di NVR di kantor desa", "Lihat di peta"} {
		if !strings.Contains(main, want) {
			t.Errorf("the camera page lacks %q:\n%s", want, main)
		}
	}
	bckSecretsHidden(t, ctx, "the camera page", false)
	href := strings.SplitN(strings.TrimPrefix(loc, base), "?", 2)[0]

	// The edit form shows the stream to its editor, the credentials only
	// as stored.
	bsdClick(t, ctx, "Ubah", "Ubah "+bckNama, "cctv-perbekel-ubah")
	main = bsMain(t, ctx)
	if !strings.Contains(main, "Kredensial tersimpan (terenkripsi).") {
		t.Errorf("the edit form does not say the credentials are stored:\n%s", main)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#kamera-stream_url`))); v != bckStream {
		t.Errorf("the edit form holds stream %q", v)
	}
	bckSecretsHidden(t, ctx, "the edit form", true)

	// Back on the list, the camera is there for the perbekel.
	bsOpen(t, ctx, base, bckCCTV, "CCTV", "cctv-perbekel-daftar")
	if main := bsMain(t, ctx); !strings.Contains(main, bckNama) || !strings.Contains(main, "Tambah kamera") {
		t.Errorf("the perbekel's list:\n%s", main)
	}
	bckSignOut(t, ctx)

	// The kasi reads the list and the camera; nothing to add or change.
	bsSignInAs(t, ctx, base, bckKasi)
	bsOpen(t, ctx, base, bckCCTV, "CCTV", "cctv-kasi-daftar")
	main = bsMain(t, ctx)
	if !strings.Contains(main, bckNama) || strings.Contains(main, "Tambah kamera") {
		t.Errorf("the kasi's list:\n%s", main)
	}
	bsdNoLinkTo(t, ctx, "the kasi's list", "/baru", "/ubah")
	bckSecretsHidden(t, ctx, "the kasi's list", false)
	bwClick(t, ctx, `#daftar-kamera a[href="`+href+`"]`, bckNama, "cctv-kasi-kamera")
	bsdNoLinkTo(t, ctx, "the kasi's camera page", "/ubah")
	if strings.Contains(bsMain(t, ctx), "Tautan langsung") {
		t.Error("the kasi is offered the live link")
	}
	bckSecretsHidden(t, ctx, "the kasi's camera page", false)
	bckSignOut(t, ctx)

	// The camat of Kediri reads the camera, with neither stream nor edit.
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	bsOpen(t, ctx, base, bckCCTV, "CCTV", "cctv-camat-daftar")
	bwClick(t, ctx, `#daftar-kamera a[href="`+href+`"]`, bckNama, "cctv-camat-kamera")
	main = bsMain(t, ctx)
	for _, want := range []string{"Banjar Dinas Bengkel Kaja", "Simpang jalan menuju pasar desa", "Uptime 24 jam", "Uptime 30 hari"} {
		if !strings.Contains(main, want) {
			t.Errorf("the camat's camera page lacks %q", want)
		}
	}
	bsdNoLinkTo(t, ctx, "the camat's camera page", "/ubah", "/baru")
	bckSecretsHidden(t, ctx, "the camat's camera page", false)
}
