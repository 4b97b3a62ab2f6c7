package persuratan

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/ngantor/ngantor/platform/report"
)

// The letter's typeface: DejaVu Sans, shared by every printout of the
// product (platform/report/fonts/SOURCE.md), embedded as UTF-8 TrueType so
// every character a resident's name or address can hold prints as typed.
// The core PDF fonts know cp1252 only; "Ā", "ŋ" or "₹" vanished from the
// paper.
var (
	fontRegular = report.FontRegular
	fontBold    = report.FontBold
)

const fontFamily = report.FontFamily

// A4 with the margins of tata naskah dinas (left 2.5 cm for binding).
const (
	marginLeft  = 25.0
	marginRight = 20.0
	pageWidth   = 210.0
	lineH       = 6.0
)

// renderPDF draws a service letter: kop surat, title and number, the
// resident's data, the statement of its type, the signature block and a QR
// code to the public verification page. The PDF's Subject is the letter's
// number in plain text, so archives and search can read it without
// decompressing the pages.
func renderPDF(s SuratKeluar, verifyURL string) ([]byte, error) {
	j, _ := findJenis(s.Jenis)
	p := Pemohon{}
	if s.Pemohon != nil {
		p = *s.Pemohon
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, 15, marginRight)
	pdf.SetAutoPageBreak(true, 15)
	pdf.SetTitle(j.Judul+" "+s.Nomor, false)
	pdf.SetSubject(s.Nomor, false)
	pdf.SetCreator("ngantor", false)
	pdf.SetCreationDate(s.CreatedAt)
	pdf.SetModificationDate(s.CreatedAt)
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("persuratan: load letter font: %w", err)
	}
	pdf.AddPage()
	width := pageWidth - marginLeft - marginRight

	kop := s.Kop
	pdf.SetFont(fontFamily, "B", 13)
	pdf.CellFormat(0, lineH, "PEMERINTAH "+strings.ToUpper(kop.Kabupaten), "", 1, "C", false, 0, "")
	pdf.CellFormat(0, lineH, "KECAMATAN "+strings.ToUpper(kop.Kecamatan), "", 1, "C", false, 0, "")
	pdf.SetFont(fontFamily, "B", 16)
	pdf.CellFormat(0, lineH+2, "DESA "+strings.ToUpper(kop.Desa), "", 1, "C", false, 0, "")
	if kop.Alamat != "" {
		pdf.SetFont(fontFamily, "", 10)
		pdf.CellFormat(0, 5, kop.Alamat, "", 1, "C", false, 0, "")
	}
	y := pdf.GetY() + 2
	pdf.SetLineWidth(0.8)
	pdf.Line(marginLeft, y, pageWidth-marginRight, y)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginLeft, y+1.2, pageWidth-marginRight, y+1.2)
	pdf.SetY(y + 6)

	pdf.SetFont(fontFamily, "BU", 12)
	pdf.CellFormat(0, lineH, strings.ToUpper(j.Judul), "", 1, "C", false, 0, "")
	pdf.SetFont(fontFamily, "", 11)
	pdf.CellFormat(0, lineH, "Nomor: "+s.Nomor, "", 1, "C", false, 0, "")
	pdf.Ln(4)

	para := func(t string) {
		pdf.MultiCell(width, lineH, t, "", "J", false)
		pdf.Ln(2)
	}
	para("Yang bertanda tangan di bawah ini, " + s.PenandatanganJabatan + ", " + wilayahKalimat(kop) +
		", menerangkan dengan sebenarnya bahwa:")

	ttl := p.TempatLahir
	if p.TanggalLahir != "" {
		if ttl != "" {
			ttl += ", "
		}
		ttl += p.TanggalLahir.String()
	}
	jk := map[string]string{"L": "Laki-laki", "P": "Perempuan"}[p.JenisKelamin]
	rows := [][2]string{
		{"Nama", p.Nama}, {"NIK", p.NIK}, {"Tempat/Tgl. Lahir", ttl},
		{"Jenis Kelamin", jk}, {"Pekerjaan", p.Pekerjaan}, {"Alamat", p.Alamat},
	}
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		pdf.SetX(marginLeft + 8)
		pdf.CellFormat(42, lineH, r[0], "", 0, "L", false, 0, "")
		pdf.CellFormat(4, lineH, ":", "", 0, "L", false, 0, "")
		pdf.MultiCell(width-54, lineH, r[1], "", "L", false)
	}
	pdf.Ln(2)
	if j.pernyataan != nil {
		para(j.pernyataan(p, kop))
	}
	para("Surat ini diberikan untuk keperluan: " + p.Keperluan + ".")
	para("Demikian surat ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.")

	// Signature block on the right, QR code on the left of it.
	pdf.Ln(4)
	if pdf.GetY() > 220 {
		pdf.AddPage()
	}
	top := pdf.GetY()
	sigX := 118.0
	pdf.SetXY(sigX, top)
	pdf.CellFormat(0, lineH, kop.Desa+", "+s.Tanggal.String(), "", 2, "L", false, 0, "")
	pdf.CellFormat(0, lineH, s.PenandatanganJabatan+",", "", 2, "L", false, 0, "")
	pdf.SetY(pdf.GetY() + 22)
	pdf.SetX(sigX)
	pdf.SetFont(fontFamily, "BU", 11)
	pdf.CellFormat(0, lineH, s.PenandatanganNama, "", 2, "L", false, 0, "")

	if err := report.DrawQR(pdf, verifyURL, marginLeft, top, 32); err != nil {
		return nil, err
	}
	pdf.SetFont(fontFamily, "", 7)
	pdf.SetXY(marginLeft, top+33)
	pdf.MultiCell(60, 3.2, "Pindai untuk memeriksa keaslian surat: "+verifyURL, "", "L", false)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
