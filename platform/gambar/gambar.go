// Package gambar checks an uploaded photo and makes the image and the
// thumbnail ngantor stores of it (UMKM products, audiensi attachments,
// field-visit photos). A phone photo is 3–12 MP with EXIF (the camera, the
// time and often the GPS position of the owner's house): every upload is
// decoded and encoded again, which is what strips the metadata — the
// encoder writes none — and bounds the size.
//
// The thumbnail keeps the whole picture (longest side ≤ 320 px, no crop):
// a product cut in half by a square crop misleads a buyer; pages that want
// square tiles crop visually (CSS object-fit), never the stored image.
package gambar

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"github.com/ngantor/ngantor/platform/fault"
)

// Limits every caller shares; the upload size is the caller's (Proses).
const (
	// MaksPiksel refuses a larger image before it is decoded: a 2 KiB PNG
	// can declare 60,000 × 60,000 pixels (a decompression bomb).
	MaksPiksel = 40_000_000
	// MaksSisi bounds each side too: a 1 × 40,000,000 strip passes the
	// pixel count and is still no photo.
	MaksSisi = 20_000
	// Sisi and KecilSisi are the longest sides of the stored image and of
	// its thumbnail; smaller images keep their size.
	Sisi      = 1600
	KecilSisi = 320
	// Mutu is the JPEG quality of both.
	Mutu = 82
)

// FieldBerkas is the API field of an uploaded file (the pages' "berkas"):
// every refusal of Proses names it.
const FieldBerkas = "body.berkas"

// Messages of a refused upload, for the callers that read the upload
// (an empty form, a body over the limit) to say the same as Proses.
const (
	PesanKosong      = "pilih foto yang akan diunggah"
	pesanBukanGambar = "berkas bukan foto JPEG atau PNG; pilih foto dari kamera atau galeri"
	pesanRusak       = "foto tidak dapat dibaca (berkas rusak atau terpotong); pilih foto lain"
)

// PesanTerlaluBesar is the refusal of an upload over maksByte bytes.
func PesanTerlaluBesar(maksByte int) string {
	if maksByte >= 1<<20 && maksByte%(1<<20) == 0 {
		return fmt.Sprintf("berkas terlalu besar: maksimal %d MB", maksByte>>20)
	}
	return fmt.Sprintf("berkas terlalu besar: maksimal %d KB", max(maksByte>>10, 1))
}

// Olahan is an uploaded photo after processing: the stored JPEG and its
// thumbnail, both without metadata.
type Olahan struct {
	Penuh, Kecil            []byte
	Lebar, Tinggi           int // of Penuh
	LebarKecil, TinggiKecil int // of Kecil
}

// slot bounds how many photos are decoded and resized at once in the
// process, whichever module takes them: a 40-MP PNG needs about 160 MB
// while it is decoded, so without a bound a burst of uploads could take the
// node's memory. Two at once keep a 2-core node busy; the rest wait their
// turn.
var slot = make(chan struct{}, 2)

// Proses checks an upload and makes its stored image and thumbnail: JPEG
// or PNG by its content (never its name), at most maksByte bytes, at most
// MaksPiksel pixels read from the header before anything is decoded; the
// JPEG's EXIF orientation is applied, a PNG's transparency laid on white,
// and the result encoded anew without any metadata. Every refusal is an
// Invalid fault on FieldBerkas in Bahasa.
func Proses(b []byte, maksByte int) (o Olahan, err error) {
	if len(b) == 0 {
		return o, fault.Field(FieldBerkas, PesanKosong)
	}
	if len(b) > maksByte {
		return o, fault.Field(FieldBerkas, "%s", PesanTerlaluBesar(maksByte))
	}
	var (
		decodeConfig func([]byte) (image.Config, error)
		decode       func([]byte) (image.Image, error)
		orientasi    = 1
	)
	switch http.DetectContentType(b) {
	case "image/jpeg":
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
		orientasi = gambarOrientasiEXIF(b)
	case "image/png":
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	default:
		return o, fault.Field(FieldBerkas, pesanBukanGambar)
	}
	cfg, err := decodeConfig(b)
	if err != nil {
		return o, fault.Field(FieldBerkas, pesanRusak)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return o, fault.Field(FieldBerkas, pesanRusak)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaksPiksel || cfg.Width > MaksSisi || cfg.Height > MaksSisi {
		return o, fault.Field(FieldBerkas, "foto terlalu besar: %d × %d piksel; maksimal 40 megapiksel dan %d piksel per sisi",
			cfg.Width, cfg.Height, MaksSisi)
	}
	slot <- struct{}{} // decoding holds up to ~4 bytes per pixel: a bounded number at once
	defer func() { <-slot }()
	img, err := gambarDecode(decode, b)
	if err != nil {
		return o, fault.Field(FieldBerkas, pesanRusak)
	}
	penuh := gambarOrientasikan(gambarPerkecil(img, Sisi), orientasi)
	kecil := gambarPerkecil(penuh, KecilSisi)
	if o.Penuh, err = gambarEnkode(penuh); err != nil {
		return o, err
	}
	if o.Kecil, err = gambarEnkode(kecil); err != nil {
		return o, err
	}
	o.Lebar, o.Tinggi = penuh.Rect.Dx(), penuh.Rect.Dy()
	o.LebarKecil, o.TinggiKecil = kecil.Rect.Dx(), kecil.Rect.Dy()
	return o, nil
}

// gambarDecode decodes with a recover: the standard decoders are meant not to
// panic on hostile input, but an upload must never take the server down if
// one does.
func gambarDecode(decode func([]byte) (image.Image, error), b []byte) (img image.Image, err error) {
	defer func() {
		if recover() != nil {
			img, err = nil, errors.New("gambar: image decoder panicked")
		}
	}()
	return decode(b)
}

func gambarEnkode(img *image.RGBA) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: Mutu}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gambarUkuran is w × h shrunk so the longest side is at most maks (never
// enlarged), each side at least 1.
func gambarUkuran(w, h, maks int) (int, int) {
	if w <= maks && h <= maks {
		return w, h
	}
	if w >= h {
		nh := int((int64(h)*int64(maks) + int64(w)/2) / int64(w))
		return maks, max(nh, 1)
	}
	nw := int((int64(w)*int64(maks) + int64(h)/2) / int64(h))
	return max(nw, 1), maks
}

// gambarBobot is one source pixel's share in a destination pixel.
type gambarBobot struct {
	src int
	w   float32
}

// gambarBobotSumbu gives, for each of n destination pixels along an axis of
// src source pixels (n ≤ src), the source pixels it covers and how much of
// each: an area average (box filter), the right filter for shrinking a
// large photo several times — no aliasing, and linear in the source size.
func gambarBobotSumbu(src, n int) [][]gambarBobot {
	out := make([][]gambarBobot, n)
	skala := float64(src) / float64(n)
	for i := range n {
		a, b := float64(i)*skala, float64(i+1)*skala
		for k := int(a); k < src && float64(k) < b; k++ {
			w := min(b, float64(k+1)) - max(a, float64(k))
			if w > 1e-9 {
				out[i] = append(out[i], gambarBobot{k, float32(w / skala)})
			}
		}
	}
	return out
}

// gambarPerkecil shrinks img so its longest side is at most maks, as RGBA on
// white (transparency flattened: JPEG has none). It reads the source a row
// at a time, so a 40 MP photo needs no second full-size copy.
func gambarPerkecil(img image.Image, maks int) *image.RGBA {
	r := img.Bounds()
	sw, sh := r.Dx(), r.Dy()
	dw, dh := gambarUkuran(sw, sh, maks)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	bx, by := gambarBobotSumbu(sw, dw), gambarBobotSumbu(sh, dh)
	baris := make([]uint8, sw*3)   // one source row, RGB
	datar := make([]float32, dw*3) // that row shrunk horizontally
	acc := make([]float32, dw*3)   // the destination row being summed
	bacaBaris := gambarBaris(img)
	for j := range dh {
		clear(acc)
		for _, wy := range by[j] {
			bacaBaris(r.Min.Y+wy.src, baris)
			for i, ws := range bx {
				var cr, cg, cb float32
				for _, wx := range ws {
					p := baris[wx.src*3 : wx.src*3+3]
					cr += wx.w * float32(p[0])
					cg += wx.w * float32(p[1])
					cb += wx.w * float32(p[2])
				}
				datar[i*3], datar[i*3+1], datar[i*3+2] = cr, cg, cb
			}
			for i, v := range datar {
				acc[i] += wy.w * v
			}
		}
		row := dst.Pix[j*dst.Stride : j*dst.Stride+dw*4]
		for i := range dw {
			row[i*4] = gambarByte(acc[i*3])
			row[i*4+1] = gambarByte(acc[i*3+1])
			row[i*4+2] = gambarByte(acc[i*3+2])
			row[i*4+3] = 0xff
		}
	}
	return dst
}

func gambarByte(v float32) uint8 {
	v += 0.5
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v)
}

// gambarBaris returns a function that writes source row y of img as RGB
// on white into out (3 bytes per pixel): direct for what the JPEG and PNG
// decoders produce most (YCbCr, Gray, RGBA, NRGBA), through At otherwise.
func gambarBaris(img image.Image) func(y int, out []uint8) {
	r := img.Bounds()
	switch s := img.(type) {
	case *image.YCbCr:
		return func(y int, out []uint8) {
			yi := s.YOffset(r.Min.X, y)
			for x := r.Min.X; x < r.Max.X; x++ {
				ci := s.COffset(x, y)
				cr, cg, cb := color.YCbCrToRGB(s.Y[yi], s.Cb[ci], s.Cr[ci])
				o := (x - r.Min.X) * 3
				out[o], out[o+1], out[o+2] = cr, cg, cb
				yi++
			}
		}
	case *image.Gray:
		return func(y int, out []uint8) {
			row := s.Pix[s.PixOffset(r.Min.X, y):]
			for i := range r.Dx() {
				out[i*3], out[i*3+1], out[i*3+2] = row[i], row[i], row[i]
			}
		}
	case *image.RGBA:
		return func(y int, out []uint8) {
			row := s.Pix[s.PixOffset(r.Min.X, y):]
			for i := range r.Dx() {
				// Premultiplied: on white, c + (255 − a).
				a := 255 - uint16(row[i*4+3])
				out[i*3] = uint8(min(uint16(row[i*4])+a, 255))
				out[i*3+1] = uint8(min(uint16(row[i*4+1])+a, 255))
				out[i*3+2] = uint8(min(uint16(row[i*4+2])+a, 255))
			}
		}
	case *image.NRGBA:
		return func(y int, out []uint8) {
			row := s.Pix[s.PixOffset(r.Min.X, y):]
			for i := range r.Dx() {
				a := uint32(row[i*4+3])
				for c := range 3 {
					out[i*3+c] = uint8((uint32(row[i*4+c])*a + 255*(255-a) + 127) / 255)
				}
			}
		}
	}
	return func(y int, out []uint8) {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, a := img.At(x, y).RGBA() // premultiplied, 16 bit
			w := 0xffff - a
			o := (x - r.Min.X) * 3
			out[o] = uint8((cr + w) >> 8)
			out[o+1] = uint8((cg + w) >> 8)
			out[o+2] = uint8((cb + w) >> 8)
		}
	}
}

// gambarOrientasikan turns img as EXIF orientation o (1–8, TIFF 6.0 tag 0x0112)
// says the camera held it, so the stored photo stands upright without the
// tag that the re-encoding drops.
func gambarOrientasikan(img *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return img
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // rotated 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // rotated 90° clockwise to view
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // rotated 90° counter-clockwise to view
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dst.PixOffset(dx, dy):dst.PixOffset(dx, dy)+4], img.Pix[img.PixOffset(x, y):img.PixOffset(x, y)+4])
		}
	}
	return dst
}

// gambarOrientasiEXIF reads the orientation tag of a JPEG's EXIF (APP1) segment;
// 1 (as stored) when there is none or it cannot be read. It walks the
// markers before the image data only, every offset checked.
func gambarOrientasiEXIF(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return 1
		}
		marker := b[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return 1
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return gambarOrientasiTIFF(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// gambarOrientasiTIFF finds tag 0x0112 in IFD0 of a TIFF structure.
func gambarOrientasiTIFF(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	ifd := int64(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > int64(len(t)) {
		return 1
	}
	n := int64(bo.Uint16(t[ifd:]))
	for k := range n {
		e := ifd + 2 + k*12
		if e+12 > int64(len(t)) {
			return 1
		}
		if bo.Uint16(t[e:]) != 0x0112 {
			continue
		}
		// SHORT (type 3), count 1: the value sits in the entry itself.
		if bo.Uint16(t[e+2:]) != 3 {
			return 1
		}
		if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}

// Baca reads an uploaded file whole, at most maksByte: more (or a body cut
// by http.MaxBytesReader) is PesanTerlaluBesar, a broken read asks for the
// upload again; both are Invalid faults on FieldBerkas.
func Baca(r io.Reader, maksByte int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(maksByte)+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || len(b) > maksByte:
		return nil, fault.Field(FieldBerkas, "%s", PesanTerlaluBesar(maksByte))
	case err != nil:
		return nil, fault.Field(FieldBerkas, "foto tidak terkirim utuh; coba unggah lagi")
	}
	return b, nil
}
