// Package gambartest makes the photos that tests of uploads need: a JPEG
// carrying EXIF (an orientation and a GPS marker that must not survive
// processing) and headers of decompression bombs. Imported by _test files
// only.
package gambartest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// Penanda is the GPS marker the test's EXIF carries: it must not
// survive processing.
const Penanda = "GPSLatitude-8.5432-RUMAH-PEMILIK"

// JPEG is a w × h JPEG whose left half is red and right half blue, with
// an EXIF APP1 segment naming orientation o (0: no orientation tag) and a
// GPS marker string.
func JPEG(t testing.TB, w, h, o int) []byte {
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
	return DenganEXIF(buf.Bytes(), o)
}

// DenganEXIF puts an APP1 Exif segment right after the SOI of a JPEG:
// a little-endian TIFF with IFD0 holding the orientation (when o > 0) and
// a GPS IFD pointer, then the marker as an ASCII blob.
func DenganEXIF(j []byte, o int) []byte {
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
	tiff.WriteString(Penanda)
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, j[2:]...)
}

func Ukuran(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the stored image is no JPEG: %v", err)
	}
	return img
}

func TanpaMetadata(t testing.TB, what string, b []byte) {
	t.Helper()
	for _, s := range []string{"Exif", Penanda, "GPS"} {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("%s still holds %q", what, s)
		}
	}
}

// PNGHeader is a PNG of only its signature and an IHDR declaring w × h
// (valid CRC): a few dozen bytes that would decode to gigabytes.
func PNGHeader(w, h uint32) []byte {
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

// JPEGHeader is a JPEG whose frame header (SOF0) declares w × h and
// which ends right after it (a JFIF APP0 first: without one the decoder
// reads on to look for Adobe's colour transform).
func JPEGHeader(w, h uint16) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xFF, 0xC0, 0, 17, 8)
	b = binary.BigEndian.AppendUint16(b, h)
	b = binary.BigEndian.AppendUint16(b, w)
	b = append(b, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	return b
}
