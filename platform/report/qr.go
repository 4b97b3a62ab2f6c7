package report

import (
	"github.com/go-pdf/fpdf"
	"rsc.io/qr"
)

// DrawQR draws text as a QR code (error correction level M) of size
// millimetres with its top left corner at x, y: filled squares, so vector
// and sharp at any print resolution, with no image decoder in the PDF. A
// letter's verification link and a member card's address print through it.
func DrawQR(pdf *fpdf.Fpdf, text string, x, y, size float64) error {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return err
	}
	cell := size / float64(code.Size)
	pdf.SetFillColor(0, 0, 0)
	for row := 0; row < code.Size; row++ {
		for col := 0; col < code.Size; col++ {
			if code.Black(col, row) {
				pdf.Rect(x+float64(col)*cell, y+float64(row)*cell, cell, cell, "F")
			}
		}
	}
	return nil
}
