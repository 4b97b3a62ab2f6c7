package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
)

// Browser story of the UMKM registry of a desa (issue 12) on a phone: the
// operator registers an UMKM with a product, the camat reads it with the
// owner masked, the kaur keuangan reads the registry without its forms.

const (
	buOperator = "operator.bengkel@tabanan.test"
	buUmkm     = "/desa/" + bsDesa + "/umkm"
	buNIK      = "5102065203850001"
)

// buAddOperator creates Bengkel's operator (the demo seeds none).
func buAddOperator(t *testing.T, a *app) {
	t.Helper()
	ctx := context.Background()
	u, err := a.auth.CreateUser(ctx, auth.NewUser{Email: buOperator, Name: "Operator Bengkel", Password: demoPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: authz.Operator, Wilayah: bsDesa}); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserUmkmDesaOperatorCamatKaur(t *testing.T) {
	base, a := btStartDevApp(t)
	buAddOperator(t, a)

	// The operator: list → Tambah UMKM → a refused NIB → the saved UMKM →
	// a product with its price.
	ctx := btBrowser(t)
	bsSignInAs(t, ctx, base, buOperator)
	bsOpen(t, ctx, base, buUmkm, "UMKM", "umkm-operator-daftar")
	bwClick(t, ctx, `#tambah-umkm`, "Tambah UMKM", "umkm-operator-baru")
	bsdRetype(t, ctx, `#umkm-nama`, "Keripik Talas Men Sukerti")
	bsdRetype(t, ctx, `#umkm-pemilik_nama`, "Ni Nyoman Sukerti")
	bsdRetype(t, ctx, `#umkm-pemilik_nik`, buNIK)
	bsdRetype(t, ctx, `#umkm-nib`, "912000123456")
	bsdRetype(t, ctx, `#umkm-kbli`, "10794")
	bsdRetype(t, ctx, `#umkm-tenaga_kerja`, "4")
	bsdRetype(t, ctx, `#umkm-dusun`, "Banjar Tegal")
	bsdRetype(t, ctx, `#umkm-whatsapp`, "0812-3456-7890")
	status, _ := bsdSubmit(t, ctx, `#form-umkm button[type=submit]`)
	if status != 422 {
		t.Fatalf("a 12-digit NIB answered %d, want 422", status)
	}
	bsShot(t, ctx, "umkm-operator-nib-ditolak")
	if msg := bkText(t, ctx, `main`); !strings.Contains(msg, "NIB harus 13 angka") {
		t.Errorf("the refused form says:\n%s", msg)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#umkm-nama`))); v != "Keripik Talas Men Sukerti" {
		t.Errorf("the refused form lost the name: %q", v)
	}
	bsdRetype(t, ctx, `#umkm-nib`, "9120001234567")
	status, loc := bsdSubmit(t, ctx, `#form-umkm button[type=submit]`)
	if status != 200 || !strings.Contains(loc, buUmkm+"/") {
		t.Fatalf("saving answered %d at %s", status, loc)
	}
	detail := strings.SplitN(loc, "?", 2)[0]
	main := bsMain(t, ctx)
	for _, want := range []string{"UMKM terdaftar", "Ni Nyoman Sukerti", buNIK, "Industri Pengolahan", "belum ada produk"} {
		if !strings.Contains(strings.ToLower(main), strings.ToLower(want)) {
			t.Errorf("the operator's UMKM page lacks %q:\n%s", want, main)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#tambah-produk summary`))); err != nil {
		t.Fatal(err)
	}
	bsdRetype(t, ctx, `#produk-nama`, "Keripik talas 200 g")
	bsdRetype(t, ctx, `#produk-harga`, "12.500")
	bsdRetype(t, ctx, `#produk-satuan`, "bungkus")
	if status, _ := bsdSubmit(t, ctx, `#form-produk button[type=submit]`); status != 200 {
		t.Fatalf("adding the product answered %d", status)
	}
	btFitsPhone(t, ctx, "the UMKM page")
	bsShot(t, ctx, "umkm-operator-produk")
	if p := bkText(t, ctx, `#daftar-produk`); !strings.Contains(p, "Keripik talas 200 g") || !strings.Contains(p, "Rp 12.500") {
		t.Errorf("the product list shows %q", p)
	}

	// The camat of Kediri: the UMKM in the list, the owner masked, no form.
	ctx = btBrowser(t)
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	bsOpen(t, ctx, base, buUmkm, "UMKM", "umkm-camat-daftar")
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tambah-umkm').length`)); n != 0 {
		t.Error("the camat is offered Tambah UMKM")
	}
	bwClick(t, ctx, `#daftar-umkm a[href="`+bkPath(t, detail)+`"]`, "Keripik Talas Men Sukerti", "umkm-camat-lihat")
	main = bsMain(t, ctx)
	if strings.Contains(main, buNIK) || strings.Contains(main, "Sukerti ·") || strings.Contains(bkText(t, ctx, `#pemilik`), "Nyoman") {
		t.Errorf("the camat sees the owner in full:\n%s", main)
	}
	if !strings.Contains(bkText(t, ctx, `#nik`), "5102**********01") || !strings.Contains(main, "Rp 12.500") {
		t.Errorf("the camat's page:\n%s", main)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form[method=post]').length`)); n != 0 {
		t.Errorf("the camat is offered %d forms", n)
	}

	// The kaur keuangan: reads the registry, no Tambah UMKM, no forms.
	ctx = btBrowser(t)
	bsSignInAs(t, ctx, base, demoKaurKeuanganBengkel)
	bsOpen(t, ctx, base, buUmkm, "UMKM", "umkm-kaur-daftar")
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#tambah-umkm').length`)); n != 0 {
		t.Error("the kaur keuangan is offered Tambah UMKM")
	}
	if !strings.Contains(bsMain(t, ctx), "Keripik Talas Men Sukerti") {
		t.Error("the kaur keuangan does not see the UMKM")
	}
	bsdNoLinkTo(t, ctx, "the kaur's UMKM list", "/umkm/baru")
}
