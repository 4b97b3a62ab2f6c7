package gambar_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar"
	"github.com/ngantor/ngantor/platform/gambar/gambartest"
)

// batas is the upload limit of these tests: audiensi's 5 MiB.
const batas = 5 << 20

func proses(b []byte) (gambar.Olahan, error) { return gambar.Proses(b, batas) }

// A phone photo comes back as a JPEG of at most 1,600 px with a thumbnail
// of at most 320 px, neither holding the EXIF segment nor its GPS marker.
func TestProsesStripsEXIFAndBoundsSize(t *testing.T) {
	in := gambartest.JPEG(t, 2400, 1800, 1)
	if !bytes.Contains(in, []byte("Exif")) || !bytes.Contains(in, []byte(gambartest.Penanda)) {
		t.Fatal("the test photo carries no EXIF")
	}
	o, err := proses(in)
	if err != nil {
		t.Fatal(err)
	}
	gambartest.TanpaMetadata(t, "stored photo", o.Penuh)
	gambartest.TanpaMetadata(t, "thumbnail", o.Kecil)
	for _, c := range []struct {
		what string
		b    []byte
		w, h int
	}{{"stored photo", o.Penuh, 1600, 1200}, {"thumbnail", o.Kecil, 320, 240}} {
		b := gambartest.Ukuran(t, c.b).Bounds()
		if b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%s is %d × %d, want %d × %d", c.what, b.Dx(), b.Dy(), c.w, c.h)
		}
	}
	if o.Lebar != 1600 || o.Tinggi != 1200 || o.LebarKecil != 320 || o.TinggiKecil != 240 {
		t.Errorf("reported sizes %d×%d and %d×%d", o.Lebar, o.Tinggi, o.LebarKecil, o.TinggiKecil)
	}
}

// A portrait photo is bounded on its height, and a small one is not
// enlarged (only re-encoded).
func TestProsesKeepsAspectAndNeverEnlarges(t *testing.T) {
	for _, c := range []struct {
		w, h           int
		pw, ph, kw, kh int
	}{
		{1000, 3000, 533, 1600, 107, 320},
		{200, 100, 200, 100, 200, 100},
		{5000, 7, 1600, 2, 320, 1},
	} {
		o, err := proses(gambartest.JPEG(t, c.w, c.h, 0))
		if err != nil {
			t.Fatalf("%d × %d: %v", c.w, c.h, err)
		}
		p, k := gambartest.Ukuran(t, o.Penuh).Bounds(), gambartest.Ukuran(t, o.Kecil).Bounds()
		if p.Dx() != c.pw || p.Dy() != c.ph || k.Dx() != c.kw || k.Dy() != c.kh {
			t.Errorf("%d × %d → %v and %v, want %d×%d and %d×%d", c.w, c.h, p.Size(), k.Size(), c.pw, c.ph, c.kw, c.kh)
		}
	}
}

// The camera's orientation tag is applied before it is dropped: a
// landscape sensor image tagged 6 (turn 90° clockwise) is stored upright
// as a portrait, its left (red) half now on top; tagged 3 it is upside
// down (blue on the left); 8 puts the red half at the bottom.
func TestProsesAppliesEXIFOrientation(t *testing.T) {
	red := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return r > 0x9000 && b < 0x6000 }
	blue := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return b > 0x9000 && r < 0x6000 }
	for _, c := range []struct {
		o            int
		w, h         int
		first, other func(color.Color) bool // top/left and bottom/right samples
		vertical     bool
	}{
		{1, 400, 200, red, blue, false},
		{3, 200, 400, nil, nil, false}, // sizes only below
		{6, 200, 400, red, blue, true},
		{8, 200, 400, blue, red, true},
	} {
		in := gambartest.JPEG(t, 400, 200, c.o)
		o, err := proses(in)
		if err != nil {
			t.Fatal(err)
		}
		img := gambartest.Ukuran(t, o.Penuh)
		b := img.Bounds()
		if c.o == 3 {
			if b.Dx() != 400 || b.Dy() != 200 || !blue(img.At(50, 100)) || !red(img.At(350, 100)) {
				t.Errorf("orientation 3: %v, left %v right %v", b.Size(), img.At(50, 100), img.At(350, 100))
			}
			continue
		}
		if b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("orientation %d: stored %v, want %d × %d", c.o, b.Size(), c.w, c.h)
			continue
		}
		a, z := img.At(b.Dx()/4, b.Dy()/2), img.At(3*b.Dx()/4, b.Dy()/2)
		if c.vertical {
			a, z = img.At(b.Dx()/2, b.Dy()/4), img.At(b.Dx()/2, 3*b.Dy()/4)
		}
		if !c.first(a) || !c.other(z) {
			t.Errorf("orientation %d: samples %v and %v", c.o, a, z)
		}
		k := gambartest.Ukuran(t, o.Kecil).Bounds()
		if (k.Dx() > k.Dy()) != (b.Dx() > b.Dy()) {
			t.Errorf("orientation %d: thumbnail %v not turned like the photo %v", c.o, k.Size(), b.Size())
		}
	}
}

// A PNG with transparency is stored as a JPEG, transparent parts white.
func TestProsesPNGWithAlphaBecomesJPEGOnWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for y := range 100 {
		for x := range 300 {
			if x < 150 {
				img.SetNRGBA(x, y, color.NRGBA{0, 128, 0, 255})
			} // the right half stays fully transparent
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	o, err := proses(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	out := gambartest.Ukuran(t, o.Penuh)
	if out.Bounds().Dx() != 300 || out.Bounds().Dy() != 100 {
		t.Errorf("size %v", out.Bounds().Size())
	}
	r, g, b, _ := out.At(250, 50).RGBA()
	if r < 0xf000 || g < 0xf000 || b < 0xf000 {
		t.Errorf("transparent part is %v, want white", out.At(250, 50))
	}
	if _, g, _, _ := out.At(50, 50).RGBA(); g < 0x6000 {
		t.Errorf("opaque part is %v, want green", out.At(50, 50))
	}
}

// A decompression bomb is refused from its header, before any pixel is
// decoded: the message is the size refusal (a decoder would have failed
// with "rusak" on these truncated files).
func TestProsesRefusesBombsBeforeDecoding(t *testing.T) {
	for name, b := range map[string][]byte{
		"png 60000×60000":  gambartest.PNGHeader(60000, 60000),
		"png 7000×6000":    gambartest.PNGHeader(7000, 6000),
		"png 1×30000":      gambartest.PNGHeader(1, 30000),
		"jpeg 65000×65000": gambartest.JPEGHeader(65000, 65000),
		"jpeg 8000×5001":   gambartest.JPEGHeader(8000, 5001),
	} {
		_, err := proses(b)
		msg := fault.FieldMessages(err)["body.berkas"]
		if !fault.Is(err, fault.Invalid) || !strings.Contains(msg, "terlalu besar") || !strings.Contains(msg, "megapiksel") {
			t.Errorf("%s: %v (%q)", name, err, msg)
		}
	}
}

// Anything but a whole JPEG or PNG is a field error in Bahasa, never a
// crash or an internal error.
func TestProsesRefusesGarbage(t *testing.T) {
	good := gambartest.JPEG(t, 64, 64, 0)
	var gif bytes.Buffer
	gif.WriteString("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"empty":           {nil, "pilih foto"},
		"text":            {[]byte("<html><script>alert(1)</script></html>"), "bukan foto JPEG atau PNG"},
		"gif":             {gif.Bytes(), "bukan foto JPEG atau PNG"},
		"pdf":             {[]byte("%PDF-1.7\n1 0 obj\n"), "bukan foto JPEG atau PNG"},
		"jpeg magic only": {[]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0}, "tidak dapat dibaca"},
		"jpeg cut":        {good[:len(good)/2], "tidak dapat dibaca"},
		"png cut":         {gambartest.PNGHeader(64, 64), "tidak dapat dibaca"},
		"jpeg 0×0":        {gambartest.JPEGHeader(0, 0), "tidak dapat dibaca"},
		"too big":         {append(append([]byte{}, good...), make([]byte, batas)...), "maksimal 5 MB"},
	} {
		_, err := proses(c.b)
		msg := fault.FieldMessages(err)["body.berkas"]
		if !fault.Is(err, fault.Invalid) || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %v (%q), want a body.berkas field error with %q", name, err, msg, c.want)
		}
	}
}

// fotoJPEGBesar is a 12 MP (4000 × 3000) photo with detail, as a phone
// takes it.
func fotoJPEGBesar(b *testing.B) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for y := range 3000 {
		for x := range 4000 {
			img.Y[y*img.YStride+x] = uint8((x+y)/40 + (x*y)%17)
		}
	}
	for y := range 1500 {
		for x := range 2000 {
			img.Cb[y*img.CStride+x], img.Cr[y*img.CStride+x] = uint8(x/8), uint8(y/6)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	return gambartest.DenganEXIF(buf.Bytes(), 6)
}

// BenchmarkFotoProses is one 12 MP phone photo: decode, shrink, turn,
// encode the photo and its thumbnail.
func BenchmarkFotoProses(b *testing.B) {
	in := fotoJPEGBesar(b)
	if len(in) > batas {
		b.Fatalf("test photo %d bytes is over the upload limit", len(in))
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := proses(in); err != nil {
			b.Fatal(err)
		}
	}
}

// The size refusal names the caller's limit in the unit a user reads.
func TestPesanTerlaluBesarNamesTheLimit(t *testing.T) {
	for maks, want := range map[int]string{
		8 << 20:   "berkas terlalu besar: maksimal 8 MB",
		5 << 20:   "berkas terlalu besar: maksimal 5 MB",
		512 << 10: "berkas terlalu besar: maksimal 512 KB",
	} {
		if got := gambar.PesanTerlaluBesar(maks); got != want {
			t.Errorf("%d: %q, want %q", maks, got, want)
		}
	}
}

// An upload exactly at the limit is taken; one byte more is refused before
// it is looked at.
func TestProsesLimitIsTheCallers(t *testing.T) {
	good := gambartest.JPEG(t, 64, 64, 0)
	padded := append(append([]byte{}, good...), make([]byte, 1000-len(good)%1000)...)
	if _, err := gambar.Proses(padded, len(padded)); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := gambar.Proses(padded, len(padded)-1)
	if msg := fault.FieldMessages(err)[gambar.FieldBerkas]; !strings.Contains(msg, "terlalu besar") {
		t.Errorf("one byte over: %v (%q)", err, msg)
	}
}
