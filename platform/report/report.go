// Package report is the small document model every module prints through
// (ARCHITECTURE.md, "Cross-module contracts"): a document of sections, each
// with key figures, tables, bar or line charts and notes, and the renderers
// that turn one document into PDF (the letters' typeface), XLSX and SVG
// charts for pages. A module builds a Document from its own data; it never
// draws a page or a sheet itself, so every printout of the product reads
// alike and the dossier of a field visit can stitch sections of many
// modules together.
package report

// Document is one printout: a title block and its sections.
type Document struct {
	Title    string // e.g. "Laporan Realisasi APBDes Semester I"
	Subtitle string // e.g. "Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan — Tahun Anggaran 2026"
	// Landscape asks for wide pages (tables of many columns).
	Landscape bool
	Sections  []Section
	// Footer is printed under the last section (e.g. "Dicetak 1 Desember 2026 oleh …").
	Footer string
}

// Section is one part of a document. A section with nothing to show says
// so in Empty ("Belum ada data."); nothing is ever invented.
type Section struct {
	Heading string
	Figures []Figure
	Tables  []Table
	Charts  []Chart
	Notes   []string
	Empty   string
}

// Figure is one key figure: "Realisasi belanja" — "62,4 %".
type Figure struct {
	Label string
	Value string
	Note  string // optional, e.g. "dari Rp 1.250.000.000"
}

// Align of a column.
type Align int

const (
	Left Align = iota
	Right
	Center
)

// Column of a table. Width is relative to the other columns (0 means 1).
type Column struct {
	Label string
	Align Align
	Width float64
}

// Table is a titled grid. Rows may be marked bold (subtotals) and indented
// (levels of a tree such as bidang → sub bidang → kegiatan).
type Table struct {
	Title   string
	Columns []Column
	Rows    []Row
}

// Row of a table.
type Row struct {
	Cells  []Cell
	Bold   bool
	Indent int
}

// Cell is text, or a number the XLSX keeps as a number and the PDF prints
// formatted (Text is then what a page or PDF shows).
type Cell struct {
	Text    string
	Number  int64
	Numeric bool
	// Scale divides Number for the XLSX value: 1000 for a Volume, 100 for
	// basis points shown as a percentage; 0 or 1 for whole numbers.
	Scale int64
}

// Teks is a text cell.
func Teks(s string) Cell { return Cell{Text: s} }

// Angka is a whole-number cell shown as text (e.g. "1.250.000").
func Angka(n int64, text string) Cell { return Cell{Text: text, Number: n, Numeric: true} }

// Pecahan is a fixed-point cell: n / scale, shown as text.
func Pecahan(n, scale int64, text string) Cell {
	return Cell{Text: text, Number: n, Numeric: true, Scale: scale}
}

// ChartKind is bar or line.
type ChartKind int

const (
	Bar ChartKind = iota
	Line
)

// Chart is a bar chart (horizontal bars, one per label, a group per
// series) or a line chart (a line per series over the labels).
type Chart struct {
	Title  string
	Kind   ChartKind
	Labels []string
	Series []Series
	Unit   string // e.g. "Rp", "%", "kg"
	// Format turns a value into the text printed beside a bar; nil prints
	// the plain number.
	Format func(int64) string `json:"-"`
}

// Series is one named row of values, one per label.
type Series struct {
	Name   string
	Values []int64
}
