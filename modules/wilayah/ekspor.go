package wilayah

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/indicator"
)

// Sel is one cell of the desa table: the page, the CSV and the XLSX all
// write the same cells, so an export holds exactly what the table shows.
type Sel struct {
	Teks    string     // text, or the page's rendering of a number or date
	Angka   *int64     // a count
	Tanggal civil.Date // a date (the day of a last update, at the desa)
	Kosong  bool       // no data: the page shows "–", exports leave it empty
}

// Judul is the table's column headings, in order.
func (t Tabel) Judul() []string {
	h := []string{"Desa"}
	if t.Kecamatan != nil {
		h = append(h, "Kecamatan")
	}
	for _, k := range t.Kolom {
		h = append(h, k.Nama)
	}
	return append(h, "Kode")
}

// Sel is the row's cells under Judul. The code comes last: on a phone the
// figures are what the eye looks for next to the name.
func (t Tabel) Sel(b Baris) []Sel {
	out := []Sel{{Teks: b.Nama}}
	if t.Kecamatan != nil {
		out = append(out, Sel{Teks: b.Kecamatan})
	}
	for _, k := range t.Kolom {
		v, ok := b.nilai[k.Kunci]
		if !ok {
			out = append(out, Sel{Kosong: true})
			continue
		}
		switch k.Jenis {
		case indicator.Count:
			n := v.Number
			out = append(out, Sel{Teks: strconv.FormatInt(n, 10), Angka: &n})
		case indicator.Time:
			d := civil.DateOf(v.Time.In(civil.Zone(b.Kode)))
			out = append(out, Sel{Teks: d.String(), Tanggal: d})
		default:
			out = append(out, Sel{Teks: v.Text})
		}
	}
	return append(out, Sel{Teks: string(b.Kode)})
}

// namaBerkas is the export's file name without extension, e.g.
// "desa-kecamatan-kediri-2026-12".
func (t Tabel) namaBerkas() string {
	var b strings.Builder
	for _, r := range strings.ToLower("desa " + judul(t.Wilayah) + " " + string(t.Periode.From)[:7]) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// WriteCSV writes the table as RFC 4180 CSV: counts as plain digits and
// dates as YYYY-MM-DD, which every spreadsheet reads whatever its locale.
func (t Tabel) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Judul()); err != nil {
		return err
	}
	for _, b := range t.Baris {
		var rec []string
		for _, s := range t.Sel(b) {
			switch {
			case s.Kosong:
				rec = append(rec, "")
			case !s.Tanggal.IsZero():
				rec = append(rec, string(s.Tanggal))
			default:
				rec = append(rec, s.Teks)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// XLSX is the table as a workbook: one sheet, the headings bold and frozen
// with a filter on them, counts as numbers and dates as dates.
func (t Tabel) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Desa"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	tanggal, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return nil, err
	}
	angka, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		return nil, err
	}
	judul := t.Judul()
	for i, h := range judul {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(judul), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return nil, err
	}
	for r, b := range t.Baris {
		for c, s := range t.Sel(b) {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			switch {
			case s.Kosong:
				continue
			case s.Angka != nil:
				err = f.SetCellInt(sheet, cell, *s.Angka)
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, angka)
				}
			case !s.Tanggal.IsZero():
				err = f.SetCellValue(sheet, cell, s.Tanggal.Time())
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, tanggal)
				}
			default:
				err = f.SetCellStr(sheet, cell, s.Teks)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	for i, h := range judul {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 12.0
		switch h {
		case "Desa", "Kecamatan", "Kode":
			width = 18
		case "Kepala desa":
			width = 28
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	end, _ := excelize.CoordinatesToCellName(len(judul), len(t.Baris)+1)
	if err := f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }
