package report

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// bars parses s as XML and returns the width of each bar (rect with a
// title), failing the test when s is not well-formed.
func bars(t *testing.T, s string) []int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var widths []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "script" || e.Name.Local == "style" {
				t.Fatalf("<%s> in a chart", e.Name.Local)
			}
			for _, a := range e.Attr {
				if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
					t.Fatalf("attribute %s in a chart", a.Name.Local)
				}
			}
			if e.Name.Local == "rect" {
				for _, a := range e.Attr {
					if a.Name.Local == "width" {
						w, _ := strconv.Atoi(a.Value)
						widths = append(widths, w)
					}
				}
			}
		case xml.EndElement:
			if e.Name.Local == "rect" {
			}
		}
	}
	return widths
}

func TestSVGBarsAreProportionalAndEscaped(t *testing.T) {
	c := Chart{Title: "Belanja <per> bidang & sub", Kind: Bar,
		Labels: []string{"Pemerintahan", "Pembangunan", "Kosong", "Minus"},
		Series: []Series{{Name: "Anggaran", Values: []int64{200, 1000, 0, -5}}},
		Format: func(v int64) string { return "Rp " + strconv.FormatInt(v, 10) }}
	s, err := SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	w := bars(t, s)
	if len(w) != 4 {
		t.Fatalf("bars %v, want 4", w)
	}
	if w[1] == 0 || w[0]*5 != w[1] || w[2] != 0 || w[3] != 0 {
		t.Errorf("widths %v: want 200:1000 as 1:5, zero and negative drawn empty", w)
	}
	if !strings.Contains(s, "Belanja &lt;per&gt; bidang &amp; sub") || !strings.Contains(s, "Rp 1000") {
		t.Errorf("title or value text missing:\n%s", s)
	}
}

func TestSVGGroupsSeriesAndRefusesMismatch(t *testing.T) {
	c := Chart{Kind: Bar, Labels: []string{"a", "b"}, Series: []Series{
		{Name: "Anggaran", Values: []int64{100, 50}}, {Name: "Realisasi", Values: []int64{20, 50}}}}
	s, err := SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	w := bars(t, s) // two legend squares (12 wide), then four bars
	if len(w) != 6 || w[2] != 5*w[3] || w[4] != w[5] || w[4]*2 != w[2] {
		t.Errorf("widths %v", w)
	}
	if _, err := SVG(Chart{Labels: []string{"a"}, Series: []Series{{Values: []int64{1, 2}}}}); err == nil {
		t.Error("a series longer than its labels was drawn")
	}
	if _, err := SVG(Chart{}); err == nil {
		t.Error("an empty chart was drawn")
	}
	line, err := SVG(Chart{Kind: Line, Labels: []string{"Jan", "Feb"}, Series: []Series{{Name: "x", Values: []int64{1, 2}}}})
	if err != nil || !strings.Contains(line, "<polyline") {
		t.Errorf("line chart: %v %s", err, line)
	}
	bars(t, line)
}

// A line chart carries its scale (0, half and the largest value, as
// formatted), a legend that wraps instead of running off the viewBox, and
// each point's value in a <title>.
func TestSVGLineHasAScaleAndPointValues(t *testing.T) {
	pct := func(v int64) string { return strconv.FormatInt(v/100, 10) + " %" }
	long := strings.Repeat("Pengurangan sampah ", 3)
	c := Chart{Kind: Line, Labels: []string{"Jan", "Feb", "Mar"}, Format: pct,
		Series: []Series{{Name: long, Values: []int64{1000, 5000, 8000}}, {Name: long + "2", Values: []int64{0, 100, 200}}}}
	out, err := SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">0 %</text>", ">40 %</text>", ">80 %</text>", "<title>" + long + ", Feb: 50 %</title>"} {
		if !strings.Contains(out, want) {
			t.Errorf("line chart lacks %q", want)
		}
	}
	// Two legend rows: the second name starts a row at x=0 below the first.
	if !strings.Contains(out, `<rect x="0" y="30" width="12" height="12"`) {
		t.Errorf("the second series' legend does not wrap to a second row:\n%s", out)
	}
}
