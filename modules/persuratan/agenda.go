package persuratan

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The buku agenda surat keluar and surat masuk (Permendagri 47/2016
// tentang Administrasi Pemerintahan Desa, buku administrasi umum) as a
// file: XLSX to work on, PDF to print and sign. One file holds a year or a
// span of dates, rows in the order the book is written: by date, then by
// number.

// Berkas formats of a buku agenda.
const (
	FormatXLSX = "xlsx"
	FormatPDF  = "pdf"
)

// maxAgendaRows bounds one file; a desa writes a few hundred letters a
// year, so this is many years.
const maxAgendaRows = 20000

// AgendaQuery is the span of a buku agenda: a whole year (Tahun), or the
// dates Dari to Sampai inclusive.
type AgendaQuery struct {
	Tahun  int
	Dari   Tanggal
	Sampai Tanggal
}

// resolve checks q and gives the first and last day it covers; an empty
// query is this year.
func (q AgendaQuery) resolve(today Tanggal) (Tanggal, Tanggal, error) {
	var p valid.Problems
	if q == (AgendaQuery{}) {
		q.Tahun = today.Year()
	}
	if q.Tahun != 0 {
		if q.Dari != "" || q.Sampai != "" {
			p.Add("query.tahun", "Pilih tahun atau rentang tanggal, tidak keduanya.")
			return "", "", p.Err()
		}
		p.Int("query.tahun", "Tahun", int64(q.Tahun), int64(tanggalAwal.Year()), int64(today.Year()))
		if err := p.Err(); err != nil {
			return "", "", err
		}
		return Tanggal(fmt.Sprintf("%04d-01-01", q.Tahun)), Tanggal(fmt.Sprintf("%04d-12-31", q.Tahun)), nil
	}
	p.Required("query.dari", "Tanggal awal", q.Dari != "")
	p.Required("query.sampai", "Tanggal akhir", q.Sampai != "")
	for _, d := range []struct {
		field, label string
		v            Tanggal
	}{{"query.dari", "Tanggal awal", q.Dari}, {"query.sampai", "Tanggal akhir", q.Sampai}} {
		if d.v == "" {
			continue
		}
		if _, err := civil.ParseDate(string(d.v)); err != nil {
			p.Add(d.field, "%s tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.", d.label)
			continue
		}
		p.Date(d.field, d.label, d.v, tanggalAwal, "")
	}
	if !p.Has("query.dari") && !p.Has("query.sampai") {
		p.Order("Tanggal awal", q.Dari, "query.sampai", "Tanggal akhir", q.Sampai)
	}
	return q.Dari, q.Sampai, p.Err()
}

// Rentang is the span in words, as the file's header prints it.
func rentangKata(dari, sampai Tanggal) string {
	if dari.Time().Format("01-02") == "01-01" && sampai.Time().Format("01-02") == "12-31" && dari.Year() == sampai.Year() {
		return "Tahun " + strconv.Itoa(dari.Year())
	}
	return dari.String() + " s.d. " + sampai.String()
}

// Agenda is a buku agenda ready to write to a file.
type Agenda struct {
	Register string // RegisterKeluar or RegisterMasuk
	Kop      Letterhead
	Dari     Tanggal
	Sampai   Tanggal
	Kolom    []string
	Baris    [][]string
}

// Judul is the book's title.
func (a Agenda) Judul() string {
	if a.Register == RegisterMasuk {
		return "Buku Agenda Surat Masuk"
	}
	return "Buku Agenda Surat Keluar"
}

func (a Agenda) wilayah() string {
	return fmt.Sprintf("Desa %s, Kecamatan %s, %s", a.Kop.Desa, a.Kop.Kecamatan, a.Kop.Kabupaten)
}

// BukuAgenda reads the register reg of the desa in ctx over q. Outgoing
// letters to a resident show the name masked to viewers without
// PermCetak, as the register page does; a cancelled letter keeps its row
// and says so with its reason.
func (m *Module) BukuAgenda(ctx context.Context, reg string, q AgendaQuery) (Agenda, error) {
	desa, _, err := desaOf(ctx)
	if err != nil {
		return Agenda{}, err
	}
	dari, sampai, err := q.resolve(m.today(desa))
	if err != nil {
		return Agenda{}, err
	}
	kop, err := m.letterhead(ctx, desa)
	if err != nil {
		return Agenda{}, err
	}
	a := Agenda{Register: reg, Kop: kop, Dari: dari, Sampai: sampai}
	if reg == RegisterMasuk {
		rows, err := agendaRows[SuratMasuk](ctx, m.db, "sm.tanggal_terima", "sm.tanggal_terima, sm.tahun, sm.nomor_agenda, sm.id", dari, sampai)
		if err != nil {
			return Agenda{}, err
		}
		a.Kolom = []string{"No. Agenda", "Tanggal Terima", "Nomor Surat", "Tanggal Surat", "Pengirim", "Perihal", "Klasifikasi", "Lampiran"}
		for _, s := range rows {
			lampiran := "-"
			if s.Lampiran.Key != "" {
				lampiran = "Ada"
			}
			a.Baris = append(a.Baris, []string{
				strconv.FormatInt(s.NomorAgenda, 10) + "/" + strconv.Itoa(s.Tahun), s.TanggalTerima.String(),
				s.NomorSurat, s.TanggalSurat.String(), s.Pengirim, s.Perihal,
				s.KlasifikasiKode + " " + s.KlasifikasiUraian, lampiran,
			})
		}
		return a, nil
	}
	rows, err := agendaRows[SuratKeluar](ctx, m.db, "sk.tanggal", "sk.tanggal, sk.tahun, sk.urut, sk.id", dari, sampai)
	if err != nil {
		return Agenda{}, err
	}
	pribadi := m.may(ctx, PermCetak)
	a.Kolom = []string{"No.", "Nomor Surat", "Tanggal", "Jenis", "Klasifikasi", "Kepada", "Perihal", "Keterangan"}
	zone := civil.Zone(desa)
	for i, s := range rows {
		v := m.viewKeluar(s, false, pribadi)
		ket := "Berlaku"
		if s.BatalAt != nil {
			ket = "DIBATALKAN " + civil.DateOf(s.BatalAt.In(zone)).String() + ": " + s.BatalAlasan
		}
		a.Baris = append(a.Baris, []string{
			strconv.Itoa(i + 1), s.Nomor, s.Tanggal.String(), v.JenisJudul,
			s.KlasifikasiKode + " " + s.KlasifikasiUraian, v.Tujuan, s.Perihal, ket,
		})
	}
	return a, nil
}

// BerkasAgenda renders the buku agenda of reg over q as format and records
// the download in the audit log (the book may name residents).
func (m *Module) BerkasAgenda(ctx context.Context, reg, format string, q AgendaQuery, who Pengunduh) (name, contentType string, b []byte, err error) {
	if format != FormatXLSX && format != FormatPDF {
		return "", "", nil, fault.Field("query.format", "format berkas harus xlsx atau pdf")
	}
	a, err := m.BukuAgenda(ctx, reg, q)
	if err != nil {
		return "", "", nil, err
	}
	if format == FormatXLSX {
		b, err = a.XLSX()
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	} else {
		b, err = a.PDF(m.clock())
		contentType = "application/pdf"
	}
	if err != nil {
		return "", "", nil, err
	}
	if m.audit != nil {
		desa, _, _ := desaOf(ctx)
		actor := who.ID
		if actor == "" {
			actor = audit.ActorAnon
		}
		if err := m.audit.Append(ctx, audit.Entry{Kode: desa, Actor: actor, Action: "unduh-buku-agenda-" + reg,
			Object: fmt.Sprintf("buku-agenda-%s/%s..%s.%s", reg, a.Dari, a.Sampai, format), Status: http.StatusOK,
			RequestID: httpserver.RequestID(ctx)}); err != nil {
			return "", "", nil, err
		}
	}
	name = fmt.Sprintf("buku-agenda-surat-%s-%s-%s-%s.%s", reg, strings.ToLower(cleanName(a.Kop.Desa, "")), a.Dari, a.Sampai, format)
	return name, contentType, b, nil
}

// XLSX writes the book as one sheet: title, desa and span above the
// column heads, then one row per letter. Dates are text as Indonesian
// write them ("5 Maret 2026"), so no spreadsheet locale turns them into
// month/day.
func (a Agenda) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Surat Keluar"
	if a.Register == RegisterMasuk {
		sheet = "Surat Masuk"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBE4"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	set := func(col, row int, v string) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellStr(sheet, cell, v)
	}
	for i, line := range []string{a.Judul(), a.wilayah(), "Periode: " + rentangKata(a.Dari, a.Sampai)} {
		if err := set(1, i+1, line); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return nil, err
	}
	const headRow = 5
	for i, k := range a.Kolom {
		if err := set(i+1, headRow, k); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(a.Kolom), headRow)
	if err := f.SetCellStyle(sheet, "A5", last, head); err != nil {
		return nil, err
	}
	for r, row := range a.Baris {
		for c, v := range row {
			if err := set(c+1, headRow+1+r, v); err != nil {
				return nil, err
			}
		}
	}
	if len(a.Baris) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(a.Kolom), headRow+len(a.Baris))
		if err := f.SetCellStyle(sheet, "A6", end, wrap); err != nil {
			return nil, err
		}
	} else if err := set(1, headRow+1, "Tidak ada surat dalam periode ini."); err != nil {
		return nil, err
	}
	widths := a.widths()
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w*0.55); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A6", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// widths are the columns' widths in mm on landscape A4 (247 mm between
// the margins); the sheet scales them to characters.
func (a Agenda) widths() []float64 {
	if a.Register == RegisterMasuk {
		return []float64{20, 25, 35, 25, 38, 55, 35, 14}
	}
	return []float64{10, 48, 24, 27, 33, 33, 44, 28}
}

// PDF prints the book on landscape A4: the header on the first page, the
// column heads on every page, rows that wrap their long cells. The PDF's
// Title and Subject name the book, the desa and the span.
func (a Agenda) PDF(at time.Time) ([]byte, error) {
	const (
		left, top, bottom = 25.0, 15.0, 15.0
		pageH             = 210.0
		lh                = 4.6
	)
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetMargins(left, top, 20)
	pdf.SetAutoPageBreak(false, bottom)
	title := a.Judul() + " Desa " + a.Kop.Desa
	pdf.SetTitle(title, true)
	pdf.SetSubject(a.wilayah()+"; "+rentangKata(a.Dari, a.Sampai), true)
	pdf.SetCreator("ngantor", false)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("persuratan: load agenda font: %w", err)
	}
	widths := a.widths()
	pdf.SetFooterFunc(func() {
		pdf.SetY(-10)
		pdf.SetFont(fontFamily, "", 8)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s — halaman %d", title, pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	heads := func() {
		pdf.SetFont(fontFamily, "B", 8.5)
		pdf.SetFillColor(221, 235, 228)
		y := pdf.GetY()
		h := a.rowHeight(pdf, a.Kolom, widths, lh)
		x := left
		for i, k := range a.Kolom {
			pdf.Rect(x, y, widths[i], h, "FD")
			pdf.SetXY(x+0.8, y+0.6)
			pdf.MultiCell(widths[i]-1.6, lh, k, "", "L", false)
			x += widths[i]
		}
		pdf.SetXY(left, y+h)
		pdf.SetFont(fontFamily, "", 8.5)
	}
	pdf.AddPage()
	pdf.SetFont(fontFamily, "B", 14)
	pdf.CellFormat(0, 7, strings.ToUpper(a.Judul()), "", 1, "C", false, 0, "")
	pdf.SetFont(fontFamily, "", 10)
	pdf.CellFormat(0, 5, a.wilayah(), "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 5, "Periode: "+rentangKata(a.Dari, a.Sampai), "", 1, "C", false, 0, "")
	pdf.Ln(3)
	heads()
	if len(a.Baris) == 0 {
		pdf.CellFormat(0, 8, "Tidak ada surat dalam periode ini.", "", 1, "L", false, 0, "")
	}
	for _, row := range a.Baris {
		h := a.rowHeight(pdf, row, widths, lh)
		if pdf.GetY()+h > pageH-bottom {
			pdf.AddPage()
			heads()
		}
		y := pdf.GetY()
		x := left
		for i, v := range row {
			pdf.Rect(x, y, widths[i], h, "D")
			pdf.SetXY(x+0.8, y+0.6)
			pdf.MultiCell(widths[i]-1.6, lh, v, "", "L", false)
			x += widths[i]
		}
		pdf.SetXY(left, y+h)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rowHeight is the height of a table row: its tallest wrapped cell.
func (a Agenda) rowHeight(pdf *fpdf.Fpdf, row []string, widths []float64, lh float64) float64 {
	lines := 1
	for i, v := range row {
		if n := len(pdf.SplitText(v, widths[i]-1.6)); n > lines {
			lines = n
		}
	}
	return float64(lines)*lh + 1.2
}

// agendaRows are a register's letters dated from dari to sampai (by the
// column dated, both ends included) in the order given — at most
// maxAgendaRows, or an Invalid fault asking for a shorter range. dated and
// order are the caller's constant SQL, never input.
func agendaRows[T any](ctx context.Context, d *db.DB, dated, order string, dari, sampai Tanggal) ([]T, error) {
	var rows []T
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).
			Where(dated+" >= ?", dari).Where(dated+" <= ?", sampai).
			OrderExpr(order).Limit(maxAgendaRows+1))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	if len(rows) > maxAgendaRows {
		return nil, fault.New(fault.Invalid, "lebih dari %s surat dalam rentang ini; pilih rentang tanggal yang lebih pendek", valid.Angka(maxAgendaRows))
	}
	return rows, nil
}
