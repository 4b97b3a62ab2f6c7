package sampah

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The nasabah's printouts: the member card (one, or every active card of a
// unit, ten per A4 sheet to cut) and the passbook. Each carries personal
// data, so each download is recorded (UU PDP 27/2022 Pasal 31).

// Card size: ID-1, as a bank card (ISO/IEC 7810), so it fits a wallet.
const (
	kartuW = 85.6
	kartuH = 54.0
	// an A4 sheet holds two columns of five cards with 10 mm margins
	kartuKolom = 2
	kartuBaris = 5
	kartuTepiX = (210 - kartuKolom*kartuW) / 2
	kartuTepiY = (297 - kartuBaris*kartuH) / 2
)

// kartuData is what a card prints.
type kartuData struct {
	Unit, Desa string
	Nasabah    Nasabah
	URL        string // what the QR encodes: the nasabah's page
}

// NomorKartu is a member number as the card prints it ("0017").
func NomorKartu(n int) string { return fmt.Sprintf("%04d", n) }

// nasabahURL is the absolute address of a nasabah's page, which the card's
// QR opens on the operator's phone.
func (m *Module) nasabahURL(desa tenancy.Kode, id string) string {
	return strings.TrimRight(m.baseURL, "/") + "/desa/" + string(desa) + "/sampah/nasabah/" + id
}

// namaDesaCetak is "Desa Bengkel" for a printout.
func (m *Module) namaDesaCetak(ctx context.Context) string {
	n := m.desaView(ctx).Nama
	if strings.HasPrefix(n, "Desa ") || strings.HasPrefix(n, "Kelurahan ") {
		return n
	}
	return "Desa " + n
}

func newKartuPDF(title string, at time.Time) (*fpdf.Fpdf, error) {
	pdf, err := pdfBaru(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"}, title, at)
	if err != nil {
		return nil, err
	}
	pdf.SetMargins(kartuTepiX, kartuTepiY, kartuTepiX)
	pdf.SetAutoPageBreak(false, 0)
	return pdf, nil
}

// renderKartu prints cards, ten per A4 sheet, with thin cut lines.
func renderKartu(title string, at time.Time, cards []kartuData) ([]byte, error) {
	pdf, err := newKartuPDF(title, at)
	if err != nil {
		return nil, err
	}
	per := kartuKolom * kartuBaris
	for i, c := range cards {
		if i%per == 0 {
			pdf.AddPage()
		}
		slot := i % per
		x := kartuTepiX + float64(slot%kartuKolom)*kartuW
		y := kartuTepiY + float64(slot/kartuKolom)*kartuH
		if err := drawKartu(pdf, x, y, c); err != nil {
			return nil, err
		}
	}
	if len(cards) == 0 {
		pdf.AddPage()
		pdf.SetFont(report.FontFamily, "", 11)
		pdf.CellFormat(0, 8, "Belum ada nasabah aktif pada unit ini.", "", 1, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawKartu draws one card with its top left corner at x, y.
func drawKartu(pdf *fpdf.Fpdf, x, y float64, c kartuData) error {
	pdf.SetDrawColor(160, 160, 160)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, kartuW, kartuH, "D")
	// header band
	pdf.SetFillColor(22, 101, 52)
	pdf.Rect(x, y, kartuW, 12, "F")
	pdf.SetTextColor(255, 255, 255)
	pdf.SetFont(report.FontFamily, "B", 9)
	pdf.SetXY(x+3, y+1.5)
	pdf.CellFormat(kartuW-6, 4.5, nasabahPotong(pdf, c.Unit, kartuW-6), "", 2, "L", false, 0, "")
	pdf.SetFont(report.FontFamily, "", 7)
	pdf.CellFormat(kartuW-6, 4, nasabahPotong(pdf, "Kartu Nasabah Bank Sampah · "+c.Desa, kartuW-6), "", 2, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)

	qrSize := 30.0
	textW := kartuW - qrSize - 8
	pdf.SetXY(x+3, y+15)
	pdf.SetFont(report.FontFamily, "", 7)
	pdf.CellFormat(textW, 3.5, "Nomor anggota", "", 2, "L", false, 0, "")
	pdf.SetFont(report.FontFamily, "B", 16)
	pdf.CellFormat(textW, 7, NomorKartu(c.Nasabah.Nomor), "", 2, "L", false, 0, "")
	pdf.SetFont(report.FontFamily, "", 7)
	pdf.CellFormat(textW, 3.5, "Nama", "", 2, "L", false, 0, "")
	// a name of up to 100 characters stays on the card: smaller when long
	pdf.SetFont(report.FontFamily, "B", 9)
	lineH := 4.0
	if pdf.GetStringWidth(c.Nasabah.Nama) > 1.8*textW {
		pdf.SetFont(report.FontFamily, "B", 6.5)
		lineH = 2.8
	}
	pdf.MultiCell(textW, lineH, c.Nasabah.Nama, "", "L", false)
	pdf.SetX(x + 3)
	if c.Nasabah.Dusun != "" {
		pdf.SetFont(report.FontFamily, "", 7)
		pdf.CellFormat(textW, 3.5, "Dusun/banjar", "", 2, "L", false, 0, "")
		pdf.SetFont(report.FontFamily, "", 8)
		pdf.CellFormat(textW, 4, nasabahPotong(pdf, c.Nasabah.Dusun, textW), "", 2, "L", false, 0, "")
	}
	if err := report.DrawQR(pdf, c.URL, x+kartuW-qrSize-3, y+15, qrSize); err != nil {
		return err
	}
	pdf.SetFont(report.FontFamily, "", 5.5)
	pdf.SetXY(x+kartuW-qrSize-3, y+15+qrSize+0.5)
	pdf.CellFormat(qrSize, 3, "Pindai untuk membuka nasabah", "", 0, "C", false, 0, "")
	return nil
}

// nasabahPotong shortens s to fit width w at the current font.
func nasabahPotong(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// KartuNasabah is the member card of one nasabah as PDF; the download is
// recorded.
func (m *Module) KartuNasabah(ctx context.Context, id string) ([]byte, Nasabah, error) {
	d, err := m.LihatNasabah(ctx, id)
	if err != nil {
		return nil, Nasabah{}, err
	}
	t, _ := tenancy.From(ctx)
	b, err := renderKartu("Kartu nasabah "+NomorKartu(d.Nomor), m.now(), []kartuData{{Unit: d.FasilitasNama,
		Desa: m.namaDesaCetak(ctx), Nasabah: d.Nasabah, URL: m.nasabahURL(t.Kode, d.ID)}})
	if err != nil {
		return nil, d.Nasabah, err
	}
	return b, d.Nasabah, m.catatUnduh(ctx, "unduh-kartu-nasabah", "nasabah/"+d.ID+"/kartu.pdf")
}

// KartuUnit is every active nasabah's card of a bank sampah unit as PDF;
// the download is recorded.
func (m *Module) KartuUnit(ctx context.Context, fasilitasID string) ([]byte, Fasilitas, error) {
	var f Fasilitas
	var ns []Nasabah
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if f, err = GetFasilitas(ctx, tx, fasilitasID); err != nil {
			return err
		}
		if f.Jenis != FasilitasBankSampah {
			return fault.New(fault.NotFound, "Unit bank sampah tidak ditemukan.")
		}
		ns, err = nasabahKartu(ctx, tx, fasilitasID)
		return err
	})
	if err != nil {
		return nil, f, err
	}
	t, _ := tenancy.From(ctx)
	desa := m.namaDesaCetak(ctx)
	cards := make([]kartuData, len(ns))
	for i, n := range ns {
		cards[i] = kartuData{Unit: f.Nama, Desa: desa, Nasabah: n, URL: m.nasabahURL(t.Kode, n.ID)}
	}
	b, err := renderKartu("Kartu nasabah "+f.Nama, m.now(), cards)
	if err != nil {
		return nil, f, err
	}
	return b, f, m.catatUnduh(ctx, "unduh-kartu-nasabah-unit", "fasilitas/"+f.ID+"/kartu.pdf")
}

// DokumenBuku is a passbook as a report document.
func (m *Module) DokumenBuku(ctx context.Context, b Buku) report.Document {
	n := b.Nasabah
	rp := func(v int64) report.Cell {
		if v == 0 {
			return report.Teks("")
		}
		return report.Angka(v, valid.Angka(v))
	}
	var rows []report.Row
	rows = append(rows, report.Row{Bold: true, Cells: []report.Cell{report.Teks(""), report.Teks("Saldo awal"),
		report.Teks(""), report.Teks(""), report.Angka(b.SaldoAwal, valid.Angka(b.SaldoAwal))}})
	for _, r := range b.Baris {
		rows = append(rows, report.Row{Cells: []report.Cell{report.Teks(r.Tanggal.String()), report.Teks(UraianBuku(r)),
			rp(r.Debit), rp(r.Kredit), report.Angka(r.Saldo, valid.Angka(r.Saldo))}})
		for _, x := range r.Rinci {
			rows = append(rows, report.Row{Indent: 1, Cells: []report.Cell{report.Teks(""), report.Teks(RinciTeks(x)),
				report.Teks(""), report.Teks(""), report.Teks("")}})
		}
	}
	rows = append(rows, report.Row{Bold: true, Cells: []report.Cell{report.Teks(""), report.Teks("Jumlah dan saldo akhir"),
		report.Angka(b.TotalDebit, valid.Angka(b.TotalDebit)), report.Angka(b.TotalKredit, valid.Angka(b.TotalKredit)),
		report.Angka(b.SaldoAkhir, valid.Angka(b.SaldoAkhir))}})
	kol := []report.Column{{Label: "Tanggal", Width: 1.3}, {Label: "Uraian", Width: 4},
		{Label: "Debit (Rp)", Align: report.Right, Width: 1.2}, {Label: "Kredit (Rp)", Align: report.Right, Width: 1.2},
		{Label: "Saldo (Rp)", Align: report.Right, Width: 1.3}}
	sec := report.Section{Heading: "Mutasi " + b.Dari.String() + " – " + b.Sampai.String(), Figures: []report.Figure{
		{Label: "Saldo awal", Value: "Rp " + valid.Angka(b.SaldoAwal)},
		{Label: "Kredit (setoran)", Value: "Rp " + valid.Angka(b.TotalKredit)},
		{Label: "Debit (penarikan)", Value: "Rp " + valid.Angka(b.TotalDebit)},
		{Label: "Saldo akhir", Value: "Rp " + valid.Angka(b.SaldoAkhir)},
	}, Tables: []report.Table{{Title: "Buku tabungan", Columns: kol, Rows: rows}}}
	if len(b.Baris) == 0 {
		sec.Notes = []string{"Tidak ada entri pada periode ini."}
	}
	sub := fmt.Sprintf("%s — No. %s · %s · %s", n.Nama, NomorKartu(n.Nomor), n.FasilitasNama, m.namaDesaCetak(ctx))
	t, _ := tenancy.From(ctx)
	return report.Document{Title: "Buku Tabungan Bank Sampah", Subtitle: sub, Sections: []report.Section{sec},
		Footer: "Dicetak " + civil.Today(m.now(), t.Kode).String() + " dari ngantor."}
}

// BukuPDF is a passbook as PDF; the download is recorded.
func (m *Module) BukuPDF(ctx context.Context, b Buku) ([]byte, error) {
	out, err := report.PDF(m.DokumenBuku(ctx, b))
	if err != nil {
		return nil, err
	}
	return out, m.catatUnduh(ctx, "unduh-buku-nasabah",
		"nasabah/"+b.Nasabah.ID+"/buku.pdf?dari="+string(b.Dari)+"&sampai="+string(b.Sampai))
}

// UraianBuku describes an entry in the passbook.
func UraianBuku(r BukuBaris) string {
	var s string
	switch r.Jenis {
	case EntriSetoran:
		s = "Setoran"
	case EntriPenarikan:
		s = "Penarikan"
	case EntriKoreksi:
		s = "Koreksi (pembatalan entri)"
	default:
		s = r.Jenis
	}
	if r.Catatan != "" {
		s += ": " + r.Catatan
	}
	if r.Dikoreksi {
		s += " — dibatalkan"
	}
	return s
}

// RinciTeks is one jenis of an entry: "PET Botol plastik 2,5 kg × Rp 3.000 = Rp 7.500".
func RinciTeks(x BukuRinci) string {
	return fmt.Sprintf("%s %s %s × Rp %s = Rp %s", x.Kode, x.Nama, x.Jumlah.String()+" "+x.Satuan,
		valid.Angka(x.Harga), valid.Angka(x.Nilai))
}
