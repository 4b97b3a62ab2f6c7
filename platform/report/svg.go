package report

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// SVG geometry. Line charts use a fixed 640-wide viewBox. Bar charts put
// each label on its own line above its bars, which start at the left edge
// and leave room for the value after the longest: a narrow 400-wide
// viewBox that scales to its container, so on a 360 px phone the text is
// still about 12 px and nothing needs a sideways scroll, and on an A3
// poster it is simply larger.
const (
	svgWidth    = 640
	svgBarWidth = 400
	svgValueW   = 140 // room after the longest bar for its value ("Rp 1.052.340.000")
	svgLabelH   = 18  // the label line above a row's bars
	svgBarH     = 18
	svgGap      = 10
	svgTop      = 8
	svgLegend   = 22
	svgLineH    = 220
	svgLabelMax = 46 // characters of a label before it is cut with "…" (fits 400 units at 14)
)

// svgColors are the series' fills, dark enough to print in grey.
var svgColors = []string{"#0b6e4f", "#c77c02", "#3a5a98", "#8c2f39", "#56635d"}

// SVG renders c as an inline <svg> (no script, no style attribute: only
// presentation attributes, so a page's Content-Security-Policy lets it
// through and it prints as drawn). Bars are horizontal, one row per label
// with a bar per series, each bar's length proportional to its value
// against the largest value of the chart; negative values draw no bar.
func SVG(c Chart) (string, error) {
	if len(c.Labels) == 0 || len(c.Series) == 0 {
		return "", errors.New("report: a chart needs labels and a series")
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return "", fmt.Errorf("report: series %q has %d values for %d labels", s.Name, len(s.Values), len(c.Labels))
		}
	}
	switch c.Kind {
	case Bar:
		return svgBar(c), nil
	case Line:
		return svgLine(c), nil
	}
	return "", fmt.Errorf("report: chart kind %d", c.Kind)
}

func maxValue(c Chart) int64 {
	var m int64
	for _, s := range c.Series {
		for _, v := range s.Values {
			m = max(m, v)
		}
	}
	return m
}

// scale is v's share of span pixels against the largest value, in
// integers (values are whole rupiah or counts; span × v fits int64 for
// any v below 10^16).
func scale(v, largest, span int64) int64 {
	if v <= 0 || largest <= 0 {
		return 0
	}
	if v > (1<<62)/span {
		return v / (largest / span)
	}
	return v * span / largest
}

func svgOpen(b *strings.Builder, c Chart, width, height int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" class="grafik"`, width, height)
	if c.Title != "" {
		b.WriteString(` aria-label="` + html.EscapeString(c.Title) + `"><title>` + html.EscapeString(c.Title) + `</title>`)
	} else {
		b.WriteString(">")
	}
}

func svgBar(c Chart) string {
	var b strings.Builder
	n := len(c.Series)
	rowH := svgLabelH + n*svgBarH + svgGap
	legend := 0
	if n > 1 {
		legend = svgLegend
	}
	height := svgTop + legend + len(c.Labels)*rowH
	svgOpen(&b, c, svgBarWidth, height)
	if n > 1 {
		x := 0
		for i, s := range c.Series {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="13" fill="#1d2327">%s</text>`,
				x, svgTop, svgColors[i%len(svgColors)], x+16, svgTop+11, html.EscapeString(s.Name))
			x += 28 + 7*len([]rune(s.Name))
		}
	}
	span := int64(svgBarWidth - svgValueW)
	largest := maxValue(c)
	y := svgTop + legend
	for i, label := range c.Labels {
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="14" fill="#1d2327">%s</text>`,
			y+svgLabelH-5, html.EscapeString(cut(label, svgLabelMax)))
		for j, s := range c.Series {
			w := scale(s.Values[i], largest, span)
			by := y + svgLabelH + j*svgBarH
			fmt.Fprintf(&b, `<rect x="0" y="%d" width="%d" height="%d" fill="%s"><title>%s</title></rect>`,
				by+2, w, svgBarH-4, svgColors[j%len(svgColors)], html.EscapeString(label+": "+c.format(s.Values[i])))
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" fill="#1d2327">%s</text>`,
				int(w)+6, by+svgBarH-4, html.EscapeString(c.format(s.Values[i])))
		}
		y += rowH
	}
	b.WriteString("</svg>")
	return b.String()
}

func svgLine(c Chart) string {
	var b strings.Builder
	// The legend wraps onto as many rows as its names need.
	type entry struct{ x, row int }
	legend := make([]entry, len(c.Series))
	x, row := 0, 0
	for j, s := range c.Series {
		w := 28 + 7*len([]rune(s.Name))
		if x > 0 && x+w > svgWidth {
			x, row = 0, row+1
		}
		legend[j] = entry{x, row}
		x += w
	}
	legendH := (row + 1) * svgLegend
	height := svgTop + legendH + svgLineH + 24
	svgOpen(&b, c, svgWidth, height)
	left, right := int64(60), int64(svgWidth-20)
	top, bottom := int64(svgTop+legendH), int64(svgTop+legendH+svgLineH)
	largest := maxValue(c)
	// A scale: gridlines with their values at 0, half and the largest.
	if largest > 0 {
		for _, v := range []int64{0, largest / 2, largest} {
			y := bottom - scale(v, largest, bottom-top)
			if v > 0 {
				fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#d5dbd8"/>`, left, y, right, y)
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#1d2327">%s</text>`,
				left-6, y+4, html.EscapeString(c.format(v)))
		}
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#56635d"/>`, left, bottom, right, bottom)
	step := int64(0)
	if len(c.Labels) > 1 {
		step = (right - left) / int64(len(c.Labels)-1)
	}
	for i, l := range c.Labels {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle" fill="#1d2327">%s</text>`,
			left+int64(i)*step, bottom+16, html.EscapeString(cut(l, 12)))
	}
	for j, s := range c.Series {
		col := svgColors[j%len(svgColors)]
		lx, ly := legend[j].x, svgTop+legend[j].row*svgLegend
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12" fill="#1d2327">%s</text>`,
			lx, ly, col, lx+16, ly+11, html.EscapeString(s.Name))
		var pts []string
		for i, v := range s.Values {
			py := bottom - scale(v, largest, bottom-top)
			pts = append(pts, strconv.FormatInt(left+int64(i)*step, 10)+","+strconv.FormatInt(py, 10))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), col)
		// Each point with its value, for a pointer or a screen reader.
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="3" fill="%s"><title>%s</title></circle>`,
				left+int64(i)*step, bottom-scale(v, largest, bottom-top), col,
				html.EscapeString(s.Name+", "+c.Labels[i]+": "+c.format(v)))
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

// cut shortens a label to n characters with an ellipsis; the full text
// stays in the bar's <title>.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
