package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The XLSX renderer: a first sheet "Ringkasan" with the title, every
// section's figures and notes (and where its tables are), then a sheet per
// table. Numbers stay numbers (Number / Scale) with a thousands format, so
// a desa can sum and filter them; subtotal rows are bold, tree levels
// indented, the header row frozen.

// XLSX renders d as a workbook.
func XLSX(d Document) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	w := &xlsxDoc{f: x, styles: map[xlsxStyle]int{}, used: map[string]bool{}}
	const first = "Ringkasan"
	if err := x.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	w.used[strings.ToLower(first)] = true

	// Name every table's sheet first, so the summary can point to them.
	type placed struct {
		t     Table
		sheet string
	}
	var tables [][]placed
	n := 0
	for _, s := range d.Sections {
		var ps []placed
		for _, t := range s.Tables {
			n++
			ps = append(ps, placed{t, w.sheetName(t.Title, n)})
		}
		tables = append(tables, ps)
	}

	row := 1
	put := func(text string, st xlsxStyle) error {
		if err := w.set(first, 1, row, text, st); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := put(d.Title, xlsxStyle{title: true}); err != nil {
		return nil, err
	}
	if d.Subtitle != "" {
		if err := put(d.Subtitle, xlsxStyle{}); err != nil {
			return nil, err
		}
	}
	row++
	for i, s := range d.Sections {
		if s.Heading != "" {
			if err := put(s.Heading, xlsxStyle{bold: true, heading: true}); err != nil {
				return nil, err
			}
		}
		empty := len(s.Figures) == 0 && len(s.Tables) == 0 && len(s.Charts) == 0 && len(s.Notes) == 0
		if empty {
			msg := s.Empty
			if msg == "" {
				msg = "Belum ada data."
			}
			if err := put(msg, xlsxStyle{}); err != nil {
				return nil, err
			}
		}
		for _, fg := range s.Figures {
			if err := w.set(first, 1, row, fg.Label, xlsxStyle{}); err != nil {
				return nil, err
			}
			if err := w.set(first, 2, row, fg.Value, xlsxStyle{bold: true}); err != nil {
				return nil, err
			}
			if fg.Note != "" {
				if err := w.set(first, 3, row, fg.Note, xlsxStyle{}); err != nil {
					return nil, err
				}
			}
			row++
		}
		for _, p := range tables[i] {
			label := "Tabel"
			if p.t.Title != "" {
				label = p.t.Title
			}
			if err := put(label+": lembar "+p.sheet, xlsxStyle{}); err != nil {
				return nil, err
			}
		}
		// Charts are drawn on pages and PDFs; the workbook keeps their numbers.
		for _, c := range s.Charts {
			if err := w.chartRows(first, &row, c); err != nil {
				return nil, err
			}
		}
		for _, note := range s.Notes {
			if err := put(note, xlsxStyle{}); err != nil {
				return nil, err
			}
		}
		row++
	}
	if d.Footer != "" {
		if err := put(d.Footer, xlsxStyle{}); err != nil {
			return nil, err
		}
	}
	if err := x.SetColWidth(first, "A", "A", 48); err != nil {
		return nil, err
	}
	if err := x.SetColWidth(first, "B", "C", 28); err != nil {
		return nil, err
	}

	for _, ps := range tables {
		for _, p := range ps {
			if err := w.table(p.sheet, p.t); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, fmt.Errorf("report: write XLSX: %w", err)
	}
	return buf.Bytes(), nil
}

type xlsxDoc struct {
	f      *excelize.File
	styles map[xlsxStyle]int
	used   map[string]bool
}

// xlsxStyle is the few looks a cell can take; each is made once.
type xlsxStyle struct {
	bold, title, heading, header bool
	indent                       int
	decimals                     int  // for numbers
	number                       bool // a numeric cell
	right, center                bool
}

func (w *xlsxDoc) style(s xlsxStyle) (int, error) {
	if id, ok := w.styles[s]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: s.bold || s.title || s.header}}
	switch {
	case s.title:
		st.Font.Size = 14
	case s.heading:
		st.Font.Size = 12
	}
	al := &excelize.Alignment{Vertical: "top", Indent: s.indent}
	switch {
	case s.right:
		al.Horizontal = "right"
	case s.center:
		al.Horizontal = "center"
	}
	if s.header {
		al.WrapText = true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBE4"}}
		st.Border = []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	}
	if s.bold && !s.header && !s.title && !s.heading {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	}
	st.Alignment = al
	if s.number {
		if s.decimals == 0 {
			st.NumFmt = 3 // #,##0
		} else {
			f := "#,##0." + strings.Repeat("0", s.decimals)
			st.CustomNumFmt = &f
		}
	}
	id, err := w.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	w.styles[s] = id
	return id, nil
}

func (w *xlsxDoc) set(sheet string, col, row int, v any, s xlsxStyle) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if err := w.f.SetCellValue(sheet, cell, v); err != nil {
		return err
	}
	id, err := w.style(s)
	if err != nil {
		return err
	}
	return w.f.SetCellStyle(sheet, cell, cell, id)
}

// sheetName makes a valid, unique sheet name of title (at most 31
// characters, none of : \ / ? * [ ]).
func (w *xlsxDoc) sheetName(title string, n int) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return ' '
		}
		return r
	}, title)
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		name = "Tabel " + strconv.Itoa(n)
	}
	name = cutRunes(name, 31)
	base := name
	for i := 2; w.used[strings.ToLower(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = cutRunes(base, 31-len(suffix)) + suffix
	}
	w.used[strings.ToLower(name)] = true
	return name
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}

// decimalsOf is the number of decimals a Scale shows: 1000 → 3, 100 → 2.
func decimalsOf(scale int64) int {
	d := 0
	for scale > 1 {
		scale /= 10
		d++
	}
	return d
}

// value is what a cell stores: the number (divided by Scale) or the text.
func value(c Cell) any {
	if !c.Numeric {
		return c.Text
	}
	if c.Scale <= 1 {
		return c.Number
	}
	// Display only: the sheet holds the quotient; sums stay in Number.
	return float64(c.Number) / float64(c.Scale)
}

func (w *xlsxDoc) table(sheet string, t Table) error {
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	row := 1
	if t.Title != "" {
		if err := w.set(sheet, 1, row, t.Title, xlsxStyle{title: true}); err != nil {
			return err
		}
		row += 2
	}
	headRow := row
	width := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		st := xlsxStyle{header: true, right: c.Align == Right, center: c.Align == Center}
		if err := w.set(sheet, i+1, row, c.Label, st); err != nil {
			return err
		}
		width[i] = float64(min(utf8.RuneCountInString(c.Label), 30))
	}
	row++
	for _, r := range t.Rows {
		for i := range t.Columns {
			if i >= len(r.Cells) {
				break
			}
			c := r.Cells[i]
			st := xlsxStyle{bold: r.Bold, right: t.Columns[i].Align == Right, center: t.Columns[i].Align == Center}
			if c.Numeric {
				st.number, st.right, st.center = true, true, false
				st.decimals = decimalsOf(c.Scale)
			} else if i == 0 {
				st.indent = min(r.Indent, 15)
			}
			if err := w.set(sheet, i+1, row, value(c), st); err != nil {
				return err
			}
			l := float64(utf8.RuneCountInString(c.Text))
			if i == 0 {
				l += 2 * float64(r.Indent)
			}
			width[i] = max(width[i], l)
		}
		row++
	}
	for i, c := range t.Columns {
		wd := min(max(width[i]+2, 8, 6*colWeight(c)), 70)
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := w.f.SetColWidth(sheet, name, name, wd); err != nil {
			return err
		}
	}
	return w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + strconv.Itoa(headRow+1), ActivePane: "bottomLeft"})
}

// chartRows writes a chart's numbers as a small grid on the summary sheet.
func (w *xlsxDoc) chartRows(sheet string, row *int, c Chart) error {
	title := c.Title
	if c.Unit != "" {
		title += " (" + c.Unit + ")"
	}
	if err := w.set(sheet, 1, *row, title, xlsxStyle{bold: true}); err != nil {
		return err
	}
	for k, s := range c.Series {
		if err := w.set(sheet, k+2, *row, s.Name, xlsxStyle{bold: true, right: true}); err != nil {
			return err
		}
	}
	*row++
	for i, l := range c.Labels {
		if err := w.set(sheet, 1, *row, l, xlsxStyle{}); err != nil {
			return err
		}
		for k, s := range c.Series {
			if err := w.set(sheet, k+2, *row, seriesValue(s, i), xlsxStyle{number: true, right: true}); err != nil {
				return err
			}
		}
		*row++
	}
	return nil
}
