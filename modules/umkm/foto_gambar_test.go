package umkm_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/fault"
)

// fotoPenanda is the GPS marker the test's EXIF carries: it must not
// survive processing.
const fotoPenanda = "GPSLatitude-8.5432-RUMAH-PEMILIK"

// fotoJPEG is a w × h JPEG whose left half is red and right half blue, with
// an EXIF APP1 segment naming orientation o (0: no orientation tag) and a
// GPS marker string.
func fotoJPEG(t testing.TB, w, h, o int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{220, 20, 20, 255}
			if x >= w/2 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return fotoDenganEXIF(buf.Bytes(), o)
}

// fotoDenganEXIF puts an APP1 Exif segment right after the SOI of a JPEG:
// a little-endian TIFF with IFD0 holding the orientation (when o > 0) and
// a GPS IFD pointer, then the marker as an ASCII blob.
func fotoDenganEXIF(j []byte, o int) []byte {
	var tiff bytes.Buffer
	le := binary.LittleEndian
	tiff.WriteString("II")
	_ = binary.Write(&tiff, le, uint16(42))
	_ = binary.Write(&tiff, le, uint32(8))
	var entries [][12]byte
	entry := func(tag, typ uint16, count, value uint32) {
		var e [12]byte
		le.PutUint16(e[0:], tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
		entries = append(entries, e)
	}
	if o > 0 {
		entry(0x0112, 3, 1, uint32(o))
	}
	entry(0x8825, 4, 1, 0) // GPS IFD pointer (its content is the marker)
	_ = binary.Write(&tiff, le, uint16(len(entries)))
	for _, e := range entries {
		tiff.Write(e[:])
	}
	_ = binary.Write(&tiff, le, uint32(0))
	tiff.WriteString(fotoPenanda)
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, j[2:]...)
}

func fotoUkuran(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the stored image is no JPEG: %v", err)
	}
	return img
}

func fotoTanpaMetadata(t *testing.T, what string, b []byte) {
	t.Helper()
	for _, s := range []string{"Exif", fotoPenanda, "GPS"} {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("%s still holds %q", what, s)
		}
	}
}

// A phone photo comes back as a JPEG of at most 1,600 px with a thumbnail
// of at most 320 px, neither holding the EXIF segment nor its GPS marker.
func TestProsesFotoStripsEXIFAndBoundsSize(t *testing.T) {
	in := fotoJPEG(t, 2400, 1800, 1)
	if !bytes.Contains(in, []byte("Exif")) || !bytes.Contains(in, []byte(fotoPenanda)) {
		t.Fatal("the test photo carries no EXIF")
	}
	o, err := umkm.ProsesFoto(in)
	if err != nil {
		t.Fatal(err)
	}
	fotoTanpaMetadata(t, "stored photo", o.Penuh)
	fotoTanpaMetadata(t, "thumbnail", o.Kecil)
	for _, c := range []struct {
		what string
		b    []byte
		w, h int
	}{{"stored photo", o.Penuh, 1600, 1200}, {"thumbnail", o.Kecil, 320, 240}} {
		b := fotoUkuran(t, c.b).Bounds()
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
func TestProsesFotoKeepsAspectAndNeverEnlarges(t *testing.T) {
	for _, c := range []struct {
		w, h           int
		pw, ph, kw, kh int
	}{
		{1000, 3000, 533, 1600, 107, 320},
		{200, 100, 200, 100, 200, 100},
		{5000, 7, 1600, 2, 320, 1},
	} {
		o, err := umkm.ProsesFoto(fotoJPEG(t, c.w, c.h, 0))
		if err != nil {
			t.Fatalf("%d × %d: %v", c.w, c.h, err)
		}
		p, k := fotoUkuran(t, o.Penuh).Bounds(), fotoUkuran(t, o.Kecil).Bounds()
		if p.Dx() != c.pw || p.Dy() != c.ph || k.Dx() != c.kw || k.Dy() != c.kh {
			t.Errorf("%d × %d → %v and %v, want %d×%d and %d×%d", c.w, c.h, p.Size(), k.Size(), c.pw, c.ph, c.kw, c.kh)
		}
	}
}

// The camera's orientation tag is applied before it is dropped: a
// landscape sensor image tagged 6 (turn 90° clockwise) is stored upright
// as a portrait, its left (red) half now on top; tagged 3 it is upside
// down (blue on the left); 8 puts the red half at the bottom.
func TestProsesFotoAppliesEXIFOrientation(t *testing.T) {
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
		in := fotoJPEG(t, 400, 200, c.o)
		o, err := umkm.ProsesFoto(in)
		if err != nil {
			t.Fatal(err)
		}
		img := fotoUkuran(t, o.Penuh)
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
		k := fotoUkuran(t, o.Kecil).Bounds()
		if (k.Dx() > k.Dy()) != (b.Dx() > b.Dy()) {
			t.Errorf("orientation %d: thumbnail %v not turned like the photo %v", c.o, k.Size(), b.Size())
		}
	}
}

// A PNG with transparency is stored as a JPEG, transparent parts white.
func TestProsesFotoPNGWithAlphaBecomesJPEGOnWhite(t *testing.T) {
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
	o, err := umkm.ProsesFoto(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	out := fotoUkuran(t, o.Penuh)
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

// fotoPNGHeader is a PNG of only its signature and an IHDR declaring w × h
// (valid CRC): a few dozen bytes that would decode to gigabytes.
func fotoPNGHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// fotoJPEGHeader is a JPEG whose frame header (SOF0) declares w × h and
// which ends right after it (a JFIF APP0 first: without one the decoder
// reads on to look for Adobe's colour transform).
func fotoJPEGHeader(w, h uint16) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xFF, 0xC0, 0, 17, 8)
	b = binary.BigEndian.AppendUint16(b, h)
	b = binary.BigEndian.AppendUint16(b, w)
	b = append(b, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	return b
}

// A decompression bomb is refused from its header, before any pixel is
// decoded: the message is the size refusal (a decoder would have failed
// with "rusak" on these truncated files).
func TestProsesFotoRefusesBombsBeforeDecoding(t *testing.T) {
	for name, b := range map[string][]byte{
		"png 60000×60000":  fotoPNGHeader(60000, 60000),
		"png 7000×6000":    fotoPNGHeader(7000, 6000),
		"png 1×30000":      fotoPNGHeader(1, 30000),
		"jpeg 65000×65000": fotoJPEGHeader(65000, 65000),
		"jpeg 8000×5001":   fotoJPEGHeader(8000, 5001),
	} {
		_, err := umkm.ProsesFoto(b)
		msg := fault.FieldMessages(err)["body.berkas"]
		if !fault.Is(err, fault.Invalid) || !strings.Contains(msg, "terlalu besar") || !strings.Contains(msg, "megapiksel") {
			t.Errorf("%s: %v (%q)", name, err, msg)
		}
	}
}

// Anything but a whole JPEG or PNG is a field error in Bahasa, never a
// crash or an internal error.
func TestProsesFotoRefusesGarbage(t *testing.T) {
	good := fotoJPEG(t, 64, 64, 0)
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
		"png cut":         {fotoPNGHeader(64, 64), "tidak dapat dibaca"},
		"jpeg 0×0":        {fotoJPEGHeader(0, 0), "tidak dapat dibaca"},
		"too big":         {append(append([]byte{}, good...), make([]byte, umkm.MaksFotoByte)...), "maksimal 8 MB"},
	} {
		_, err := umkm.ProsesFoto(c.b)
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
	return fotoDenganEXIF(buf.Bytes(), 6)
}

// BenchmarkFotoProses is one 12 MP phone photo: decode, shrink, turn,
// encode the photo and its thumbnail.
func BenchmarkFotoProses(b *testing.B) {
	in := fotoJPEGBesar(b)
	if len(in) > umkm.MaksFotoByte {
		b.Fatalf("test photo %d bytes is over the upload limit", len(in))
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := umkm.ProsesFoto(in); err != nil {
			b.Fatal(err)
		}
	}
}
