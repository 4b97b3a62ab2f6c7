package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Browser story of the UMKM photos (issue 12) on a 360 px phone: the
// perbekel (who keeps the registry, as the operator does) uploads a photo
// taken with the phone and sees its thumbnail in the gallery; the camat
// sees the same gallery with neither the upload form nor a delete button.

// bufJPEG writes a 2000 × 1500 photo-like JPEG (a sky, a field and a
// stall) to a file, as a phone's camera would hand it to the browser.
func bufJPEG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2000, 1500))
	for y := range 1500 {
		for x := range 2000 {
			c := color.RGBA{uint8(120 + y/20), uint8(170 + y/30), 235, 255} // sky
			switch {
			case x > 700 && x < 1300 && y > 500 && y < 1150:
				c = color.RGBA{196, 92, 38, 255} // the stall
			case y > 1000:
				c = color.RGBA{60, uint8(120 + (x+y)%40), 50, 255} // the field
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 88}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "IMG_20261201_0930.jpg")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// bufUsaha records an aktif UMKM of Bengkel with one product, directly.
func bufUsaha(t *testing.T, a *app) (umkmID string) {
	t.Helper()
	desa := tenancy.Kode(bsDesa)
	now := time.Now().UTC()
	umkmID = uuid.Must(uuid.NewV7()).String()
	u := &umkm.Umkm{DesaID: desa.ID(), ID: umkmID, Nama: "Warung Tipat Bu Sari", PemilikNama: "Ni Made Sari",
		PemilikNIK: "5102065203850001", Sektor: "I", TenagaKerja: 2, Skala: umkm.SkalaMikro, Status: umkm.StatusAktif,
		CreatedAt: now, UpdatedAt: now}
	p := &umkm.Produk{DesaID: desa.ID(), ID: uuid.Must(uuid.NewV7()).String(), UmkmID: umkmID, Nama: "Tipat cantok",
		Harga: 12_000, Satuan: "porsi", CreatedAt: now, UpdatedAt: now}
	err := a.db.Tx(tenancy.With(t.Context(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		for _, row := range []any{u, p} {
			if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return umkmID
}

// bufThumb is a thumbnail of the gallery: its address and the size the
// browser decoded it at (0 when it did not load).
type bufThumb struct {
	Src    string `json:"src"`
	Width  int    `json:"w"`
	Height int    `json:"h"`
}

// bufGallery reads the gallery's thumbnails once they have loaded.
func bufGallery(t *testing.T, ctx context.Context) []bufThumb {
	t.Helper()
	// Lazy images load once on screen: wait for every one to finish.
	thumbs, err := chromedp.Run(ctx, chromedp.Evaluate[[]bufThumb](`Promise.all([...document.querySelectorAll('.foto-galeri img')].map(img => {
  img.loading = 'eager';
  return img.decode().catch(() => null).then(() => ({src: new URL(img.src).pathname, w: img.naturalWidth, h: img.naturalHeight}));
}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read gallery: %v", err)
	}
	return thumbs
}

func TestBrowserUmkmFotoUploadAndGallery(t *testing.T) {
	base, a := btStartDevApp(t)
	ctx := btBrowser(t)
	umkmID := bufUsaha(t, a)
	page := "/desa/" + bsDesa + "/umkm/" + umkmID + "/foto"
	file := bufJPEG(t)

	bsSignInAs(t, ctx, base, bsEmail)
	bsOpen(t, ctx, base, page, "Foto Warung Tipat Bu Sari", "umkm-foto-1-kosong")
	if text := bsMain(t, ctx); !strings.Contains(text, "Belum ada foto") || !strings.Contains(text, "Tipat cantok") {
		t.Errorf("empty gallery reads:\n%s", text)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS(`#unggah-berkas`), []string{file}),
	); err != nil {
		t.Fatalf("choose the photo: %v", err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#unggah button[type=submit]`)))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	bsCheckPage(t, ctx, resp, page, "Foto Warung Tipat Bu Sari", "umkm-foto-2-diunggah")
	if text := bsMain(t, ctx); !strings.Contains(text, "Foto sudah diunggah") || !strings.Contains(text, "Foto usaha (1 dari 8)") {
		t.Errorf("after the upload the page reads:\n%s", text)
	}
	thumbs := bufGallery(t, ctx)
	if len(thumbs) != 1 {
		t.Fatalf("gallery shows %d thumbnails, want 1", len(thumbs))
	}
	if th := thumbs[0]; !strings.HasPrefix(th.Src, page+"/") || !strings.HasSuffix(th.Src, "/kecil") || th.Width != 320 || th.Height != 240 {
		t.Errorf("thumbnail %+v: want the /kecil address decoded at 320 × 240", th)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.foto-galeri form button').length`)); n != 1 {
		t.Errorf("perbekel sees %d delete buttons, want 1", n)
	}
	btFitsPhone(t, ctx, page)

	// The camat of Kediri, in the same browser after signing out.
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	bsSignInAs(t, ctx, base, "camat.kediri@tabanan.test")
	bsOpen(t, ctx, base, page, "Foto Warung Tipat Bu Sari", "umkm-foto-3-camat")
	if thumbs := bufGallery(t, ctx); len(thumbs) != 1 || thumbs[0].Width != 320 {
		t.Errorf("camat's gallery: %+v", thumbs)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main input[type=file], main form[action$="/hapus"], main form[enctype]').length`))
	if err != nil || n != 0 {
		t.Errorf("camat is offered %d upload/delete forms (%v)", n, err)
	}
	if text := bsMain(t, ctx); strings.Contains(text, "Unggah foto") || strings.Contains(text, "Ni Made Sari") {
		t.Errorf("camat's page reads:\n%s", text)
	}
}
