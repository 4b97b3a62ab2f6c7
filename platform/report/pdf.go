package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The PDF renderer: A4 in the letters' typeface (fonts.go), a title block,
// then each section with its figures, tables, charts and notes. Tables
// wrap long text inside their columns, print bold subtotal rows on a light
// band, indent tree levels and repeat their header row on every page they
// run onto; every page carries "Halaman n dari N".

// compress is off only in the package's tests, so they can read the text
// the pages draw.
var compress = true

// Geometry in millimetres.
const (
	pdfMargin   = 15.0
	pdfBottom   = 15.0 // space kept free for the page number
	pdfLine     = 4.6  // table line height at 8.5 pt
	pdfPad      = 1.2  // cell padding
	pdfIndent   = 4.0  // per indent level
	pdfFontBody = 8.5
)

// palette of chart series: readable in colour and in grey print.
var palette = [][3]int{{31, 94, 140}, {214, 125, 35}, {62, 140, 74}, {150, 60, 120}, {120, 120, 120}, {190, 60, 50}}

type pdfDoc struct {
	f      *fpdf.Fpdf
	w, h   float64 // page size
	left   float64
	right  float64
	width  float64 // between the margins
	bottom float64 // lowest y content may reach
}

// PDF renders d as A4 pages (landscape when d.Landscape).
func PDF(d Document) ([]byte, error) {
	orient := "P"
	if d.Landscape {
		orient = "L"
	}
	f := fpdf.New(orient, "mm", "A4", "")
	f.SetCompression(compress)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(false, pdfBottom)
	f.SetTitle(d.Title, true)
	if d.Subtitle != "" {
		f.SetSubject(d.Subtitle, true)
	}
	f.SetCreator("ngantor", false)
	f.AddUTF8FontFromBytes(FontFamily, "", FontRegular)
	f.AddUTF8FontFromBytes(FontFamily, "B", FontBold)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("report: load font: %w", err)
	}
	f.AliasNbPages("{nb}")
	w, h := f.GetPageSize()
	p := &pdfDoc{f: f, w: w, h: h, left: pdfMargin, right: w - pdfMargin, width: w - 2*pdfMargin, bottom: h - pdfBottom}
	f.SetFooterFunc(func() {
		f.SetY(h - 10)
		f.SetFont(FontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(p.width/2, 4, truncate(f, d.Title, p.width/2), "", 0, "L", false, 0, "")
		f.CellFormat(p.width/2, 4, "Halaman "+strconv.Itoa(f.PageNo())+" dari {nb}", "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	p.titleBlock(d)
	for _, s := range d.Sections {
		p.section(s)
	}
	if d.Footer != "" {
		f.Ln(4)
		p.paragraph(d.Footer, 8, "")
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("report: draw PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: write PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// need starts a new page when h millimetres no longer fit on this one and
// reports whether it did.
func (p *pdfDoc) need(h float64) bool {
	if p.f.GetY()+h <= p.bottom {
		return false
	}
	p.f.AddPage()
	return true
}

func (p *pdfDoc) titleBlock(d Document) {
	f := p.f
	f.SetFont(FontFamily, "B", 14)
	for _, l := range p.split(d.Title, p.width) {
		f.CellFormat(p.width, 6.5, l, "", 1, "C", false, 0, "")
	}
	if d.Subtitle != "" {
		f.SetFont(FontFamily, "", 10)
		for _, l := range p.split(d.Subtitle, p.width) {
			f.CellFormat(p.width, 5, l, "", 1, "C", false, 0, "")
		}
	}
	y := f.GetY() + 2
	f.SetLineWidth(0.5)
	f.Line(p.left, y, p.right, y)
	f.SetLineWidth(0.2)
	f.SetY(y + 4)
}

func (p *pdfDoc) section(s Section) {
	f := p.f
	if s.Heading != "" {
		p.need(7 + 3*pdfLine) // never a heading alone at the foot of a page
		f.SetFont(FontFamily, "B", 11.5)
		for _, l := range p.split(s.Heading, p.width) {
			f.CellFormat(p.width, 6, l, "", 1, "L", false, 0, "")
		}
		f.Ln(1)
	}
	if len(s.Figures) == 0 && len(s.Tables) == 0 && len(s.Charts) == 0 && len(s.Notes) == 0 {
		empty := s.Empty
		if empty == "" {
			empty = "Belum ada data."
		}
		f.SetTextColor(90, 90, 90)
		p.paragraph(empty, 9, "")
		f.SetTextColor(0, 0, 0)
		f.Ln(3)
		return
	}
	p.figures(s.Figures)
	for _, t := range s.Tables {
		p.table(t)
	}
	for _, c := range s.Charts {
		p.chart(c)
	}
	for _, n := range s.Notes {
		p.paragraph(n, 8.5, "")
	}
	f.Ln(3)
}

// figures prints key figures as a row of boxes: label small, value bold.
func (p *pdfDoc) figures(figs []Figure) {
	if len(figs) == 0 {
		return
	}
	f := p.f
	per := 3
	if p.w > p.h {
		per = 4
	}
	gap := 3.0
	bw := (p.width - gap*float64(per-1)) / float64(per)
	for i := 0; i < len(figs); i += per {
		row := figs[i:min(i+per, len(figs))]
		// Height: the tallest box of the row.
		hmax := 0.0
		for _, fg := range row {
			f.SetFont(FontFamily, "", 7.5)
			h := float64(len(p.split(fg.Label, bw-2*pdfPad)))*3.6 + 1.5
			f.SetFont(FontFamily, "B", 11)
			h += float64(len(p.split(fg.Value, bw-2*pdfPad))) * 5.2
			if fg.Note != "" {
				f.SetFont(FontFamily, "", 7)
				h += float64(len(p.split(fg.Note, bw-2*pdfPad))) * 3.4
			}
			hmax = max(hmax, h+2)
		}
		p.need(hmax + 2)
		y := f.GetY()
		for j, fg := range row {
			x := p.left + float64(j)*(bw+gap)
			f.SetFillColor(244, 246, 248)
			f.SetDrawColor(200, 205, 210)
			f.Rect(x, y, bw, hmax, "DF")
			cy := y + 1.5
			f.SetFont(FontFamily, "", 7.5)
			f.SetTextColor(70, 70, 70)
			for _, l := range p.split(fg.Label, bw-2*pdfPad) {
				f.SetXY(x+pdfPad, cy)
				f.CellFormat(bw-2*pdfPad, 3.6, l, "", 0, "L", false, 0, "")
				cy += 3.6
			}
			f.SetTextColor(0, 0, 0)
			f.SetFont(FontFamily, "B", 11)
			for _, l := range p.split(fg.Value, bw-2*pdfPad) {
				f.SetXY(x+pdfPad, cy)
				f.CellFormat(bw-2*pdfPad, 5.2, l, "", 0, "L", false, 0, "")
				cy += 5.2
			}
			if fg.Note != "" {
				f.SetFont(FontFamily, "", 7)
				f.SetTextColor(90, 90, 90)
				for _, l := range p.split(fg.Note, bw-2*pdfPad) {
					f.SetXY(x+pdfPad, cy)
					f.CellFormat(bw-2*pdfPad, 3.4, l, "", 0, "L", false, 0, "")
					cy += 3.4
				}
				f.SetTextColor(0, 0, 0)
			}
		}
		f.SetDrawColor(0, 0, 0)
		f.SetY(y + hmax + gap)
	}
	f.Ln(1)
}

// widths shares the page width among the columns by their relative Width.
func (p *pdfDoc) widths(cols []Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += colWeight(c)
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = p.width * colWeight(c) / total
	}
	return out
}

func colWeight(c Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
}

func alignOf(a Align) string {
	switch a {
	case Right:
		return "R"
	case Center:
		return "C"
	}
	return "L"
}

func (p *pdfDoc) table(t Table) {
	f := p.f
	if len(t.Columns) == 0 {
		return
	}
	ws := p.widths(t.Columns)
	if t.Title != "" {
		p.need(6 + 3*pdfLine)
		f.SetFont(FontFamily, "B", 9.5)
		for _, l := range p.split(t.Title, p.width) {
			f.CellFormat(p.width, 5, l, "", 1, "L", false, 0, "")
		}
		f.Ln(0.5)
	}
	header := func() {
		f.SetFont(FontFamily, "B", pdfFontBody)
		cells := make([][]string, len(t.Columns))
		n := 1
		for i, c := range t.Columns {
			cells[i] = p.split(c.Label, ws[i]-2*pdfPad)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*pdfLine + 1
		y := f.GetY()
		x := p.left
		f.SetFillColor(221, 235, 228)
		for i, c := range t.Columns {
			f.Rect(x, y, ws[i], h, "DF")
			for j, l := range cells[i] {
				f.SetXY(x+pdfPad, y+0.5+float64(j)*pdfLine)
				f.CellFormat(ws[i]-2*pdfPad, pdfLine, l, "", 0, alignOf(c.Align), false, 0, "")
			}
			x += ws[i]
		}
		f.SetXY(p.left, y+h)
	}
	headerH := func() float64 {
		f.SetFont(FontFamily, "B", pdfFontBody)
		n := 1
		for i, c := range t.Columns {
			n = max(n, len(p.split(c.Label, ws[i]-2*pdfPad)))
		}
		return float64(n)*pdfLine + 1
	}()
	p.need(headerH + pdfLine + 1)
	header()
	for _, r := range t.Rows {
		style := ""
		if r.Bold {
			style = "B"
		}
		f.SetFont(FontFamily, style, pdfFontBody)
		lines := make([][]string, len(t.Columns))
		n := 1
		for i := range t.Columns {
			var c Cell
			if i < len(r.Cells) {
				c = r.Cells[i]
			}
			inner := ws[i] - 2*pdfPad
			if i == 0 {
				inner -= float64(r.Indent) * pdfIndent
			}
			if c.Numeric {
				lines[i] = []string{truncate(f, c.Text, inner)}
			} else {
				lines[i] = p.split(c.Text, max(inner, 5))
			}
			n = max(n, len(lines[i]))
		}
		h := float64(n)*pdfLine + 1
		if p.need(h) {
			header()
			f.SetFont(FontFamily, style, pdfFontBody)
		}
		y := f.GetY()
		x := p.left
		fill := "D"
		if r.Bold {
			f.SetFillColor(242, 242, 242)
			fill = "DF"
		}
		for i, col := range t.Columns {
			f.Rect(x, y, ws[i], h, fill)
			align := alignOf(col.Align)
			if i < len(r.Cells) && r.Cells[i].Numeric {
				align = "R"
			}
			off := pdfPad
			if i == 0 {
				off += float64(r.Indent) * pdfIndent
			}
			for j, l := range lines[i] {
				f.SetXY(x+off, y+0.5+float64(j)*pdfLine)
				f.CellFormat(ws[i]-off-pdfPad, pdfLine, l, "", 0, align, false, 0, "")
			}
			x += ws[i]
		}
		f.SetXY(p.left, y+h)
	}
	f.Ln(3)
}

// paragraph prints text wrapped to the page width, breaking pages between
// lines.
func (p *pdfDoc) paragraph(text string, size float64, style string) {
	f := p.f
	f.SetFont(FontFamily, style, size)
	lh := size * 0.5
	for _, l := range p.split(text, p.width) {
		p.need(lh)
		f.SetX(p.left)
		f.CellFormat(p.width, lh, l, "", 1, "L", false, 0, "")
	}
	f.Ln(1)
}

// split wraps text into lines no wider than w at the current font; a word
// longer than a line is cut. Newlines in text are kept.
func (p *pdfDoc) split(text string, w float64) []string {
	f := p.f
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, word := range words {
			cand := word
			if line != "" {
				cand = line + " " + word
			}
			if f.GetStringWidth(cand) <= w {
				line = cand
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			// A word wider than the line is cut into pieces that fit.
			for f.GetStringWidth(word) > w {
				cut := fitRunes(f, word, w)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// fitRunes is the byte length of the longest prefix of s (at least one
// rune) that fits w.
func fitRunes(f *fpdf.Fpdf, s string, w float64) int {
	end := 0
	for i, r := range s {
		next := i + len(string(r))
		if end > 0 && f.GetStringWidth(s[:next]) > w {
			break
		}
		end = next
	}
	return end
}

// truncate shortens s with "…" to fit w (a number column too narrow).
func truncate(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	for len(s) > 0 {
		_, size := lastRune(s)
		s = s[:len(s)-size]
		if f.GetStringWidth(s+"…") <= w {
			return s + "…"
		}
	}
	return ""
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			r := []rune(s[i:])
			return r[0], len(s) - i
		}
	}
	return 0, 1
}

func (c Chart) format(v int64) string {
	if c.Format != nil {
		return c.Format(v)
	}
	return formatAngka(v)
}

// formatAngka groups thousands with points: 1250000 → "1.250.000".
func formatAngka(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func (p *pdfDoc) chart(c Chart) {
	if len(c.Labels) == 0 || len(c.Series) == 0 {
		return
	}
	f := p.f
	title := c.Title
	if c.Unit != "" {
		title += " (" + c.Unit + ")"
	}
	if c.Kind == Line {
		p.need(6 + 70)
	} else {
		p.need(6 + 3*5)
	}
	if strings.TrimSpace(title) != "" {
		f.SetFont(FontFamily, "B", 9.5)
		f.CellFormat(p.width, 5, title, "", 1, "L", false, 0, "")
	}
	if len(c.Series) > 1 {
		p.legend(c.Series)
	}
	if c.Kind == Line {
		p.lineChart(c)
	} else {
		p.barChart(c)
	}
	f.SetDrawColor(0, 0, 0)
	f.SetFillColor(255, 255, 255)
	f.SetTextColor(0, 0, 0)
	f.Ln(3)
}

func (p *pdfDoc) legend(series []Series) {
	f := p.f
	f.SetFont(FontFamily, "", 7.5)
	x, y := p.left, f.GetY()+0.5
	for i, s := range series {
		col := palette[i%len(palette)]
		w := f.GetStringWidth(s.Name) + 8
		if x+w > p.right {
			x, y = p.left, y+4
		}
		f.SetFillColor(col[0], col[1], col[2])
		f.Rect(x, y+0.6, 3, 2.8, "F")
		f.SetXY(x+4, y)
		f.CellFormat(w-4, 4, s.Name, "", 0, "L", false, 0, "")
		x += w
	}
	f.SetXY(p.left, y+5)
}

func seriesValue(s Series, i int) int64 {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// barChart draws a horizontal bar per label and series, scaled to the
// largest magnitude; a negative value is drawn as long as its magnitude,
// hatched darker, with its sign in the printed value.
func (p *pdfDoc) barChart(c Chart) {
	f := p.f
	f.SetFont(FontFamily, "", 7.5)
	var peak int64
	valW := 0.0
	for _, s := range c.Series {
		for i := range c.Labels {
			v := seriesValue(s, i)
			if v < 0 {
				v = -v
			}
			peak = max(peak, v)
			valW = max(valW, f.GetStringWidth(c.format(seriesValue(s, i))))
		}
	}
	labelW := p.width * 0.32
	barX := p.left + labelW + 2
	barMax := p.right - barX - valW - 2
	if barMax < 10 {
		barMax = 10
	}
	barH := 3.6
	if len(c.Series) > 1 {
		barH = 3.0
	}
	for i, label := range c.Labels {
		lines := p.split(label, labelW)
		h := max(float64(len(lines))*3.6, float64(len(c.Series))*(barH+0.6)) + 1.5
		p.need(h)
		y := f.GetY()
		f.SetTextColor(0, 0, 0)
		for j, l := range lines {
			f.SetXY(p.left, y+float64(j)*3.6)
			f.CellFormat(labelW, 3.6, l, "", 0, "L", false, 0, "")
		}
		for k, s := range c.Series {
			v := seriesValue(s, i)
			mag := v
			if mag < 0 {
				mag = -mag
			}
			bw := 0.0
			if peak > 0 {
				bw = barMax * float64(mag) / float64(peak)
			}
			by := y + float64(k)*(barH+0.6)
			col := palette[k%len(palette)]
			if v < 0 {
				col = [3]int{190, 60, 50}
			}
			f.SetFillColor(col[0], col[1], col[2])
			if bw > 0 {
				f.Rect(barX, by, bw, barH, "F")
			}
			f.SetXY(barX+bw+1, by-0.2)
			f.CellFormat(valW+1, barH+0.4, c.format(v), "", 0, "L", false, 0, "")
		}
		f.SetXY(p.left, y+h)
	}
}

// lineChart draws a framed plot 60 mm high: a line per series over the
// labels, the axis from min(0, lowest) to the highest value.
func (p *pdfDoc) lineChart(c Chart) {
	f := p.f
	f.SetFont(FontFamily, "", 7)
	lo, hi := int64(0), int64(0)
	for _, s := range c.Series {
		for i := range c.Labels {
			v := seriesValue(s, i)
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	axisW := max(f.GetStringWidth(c.format(hi)), f.GetStringWidth(c.format(lo))) + 2
	const plotH = 55.0
	x0 := p.left + axisW
	x1 := p.right - 2
	y0 := f.GetY() + 2
	y1 := y0 + plotH
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Rect(x0, y0, x1-x0, plotH, "D")
	yOf := func(v int64) float64 {
		return y1 - plotH*float64(v-lo)/float64(hi-lo)
	}
	// Grid: the extremes, the middle and zero.
	marks := []int64{lo, hi, lo + (hi-lo)/2}
	if lo < 0 {
		marks = append(marks, 0)
	}
	for _, v := range marks {
		y := yOf(v)
		f.SetDrawColor(220, 220, 220)
		f.Line(x0, y, x1, y)
		f.SetXY(p.left, y-1.8)
		f.CellFormat(axisW-1, 3.6, c.format(v), "", 0, "R", false, 0, "")
	}
	n := len(c.Labels)
	xOf := func(i int) float64 {
		if n == 1 {
			return (x0 + x1) / 2
		}
		return x0 + 3 + (x1-x0-6)*float64(i)/float64(n-1)
	}
	// Labels under the axis, thinned so they never overlap.
	widest := 0.0
	for _, l := range c.Labels {
		widest = max(widest, f.GetStringWidth(l)+2)
	}
	step := 1
	if n > 1 {
		space := (x1 - x0 - 6) / float64(n-1)
		for space*float64(step) < widest && step < n {
			step++
		}
	}
	for i := 0; i < n; i += step {
		f.SetXY(xOf(i)-widest/2, y1+0.8)
		f.CellFormat(widest, 3.6, c.Labels[i], "", 0, "C", false, 0, "")
	}
	f.SetLineWidth(0.6)
	for k, s := range c.Series {
		col := palette[k%len(palette)]
		f.SetDrawColor(col[0], col[1], col[2])
		f.SetFillColor(col[0], col[1], col[2])
		for i := range c.Labels {
			x, y := xOf(i), yOf(seriesValue(s, i))
			if i > 0 {
				f.Line(xOf(i-1), yOf(seriesValue(s, i-1)), x, y)
			}
			f.Circle(x, y, 0.7, "F")
		}
	}
	f.SetLineWidth(0.2)
	f.SetXY(p.left, y1+6)
}
