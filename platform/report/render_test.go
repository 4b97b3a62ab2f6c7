package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sample is a document with every part: figures, a long table with
// subtotals, indents and numbers, a bar and a line chart, notes and an
// empty section.
func sample(rows int) Document {
	t := Table{Title: "Belanja per kegiatan", Columns: []Column{
		{Label: "Kode", Width: 1}, {Label: "Uraian", Width: 4}, {Label: "Volume", Align: Right, Width: 1.2},
		{Label: "Anggaran (Rp)", Align: Right, Width: 2},
	}}
	t.Rows = append(t.Rows, Row{Bold: true, Cells: []Cell{Teks("02"), Teks("Bidang Pelaksanaan Pembangunan Desa"), Teks(""), Angka(1_250_000_000, "1.250.000.000")}})
	for i := range rows {
		t.Rows = append(t.Rows, Row{Indent: 2, Cells: []Cell{
			Teks(fmt.Sprintf("5.2.1.%02d", i%99+1)), Teks(fmt.Sprintf("Semen Ṭabanan ŋ baris %d untuk jalan usaha tani yang panjang sekali sehingga harus dibungkus", i)),
			Pecahan(2500, 1000, "2,5"), Angka(int64(162500+i), strconv.FormatInt(int64(162500+i), 10)),
		}})
	}
	return Document{
		Title:    "Lampiran APBDes Ā 2026",
		Subtitle: "Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan",
		Sections: []Section{
			{Heading: "Ringkasan", Figures: []Figure{
				{Label: "Pendapatan", Value: "Rp 1.500.000.000"}, {Label: "Belanja", Value: "Rp 1.250.000.000", Note: "83,3 % dari pendapatan"},
				{Label: "SiLPA", Value: "Rp 250.000.000"}, {Label: "Realisasi", Value: "62,4 %"},
			}, Notes: []string{"Catatan: angka dalam rupiah penuh."}},
			{Heading: "Belanja", Tables: []Table{t}},
			{Heading: "Grafik", Charts: []Chart{
				{Title: "Belanja per bidang", Kind: Bar, Unit: "Rp", Labels: []string{"Pemerintahan", "Pembangunan"},
					Series: []Series{{Name: "Anggaran", Values: []int64{300, 900}}, {Name: "Realisasi", Values: []int64{200, -50}}}},
				{Title: "Realisasi per bulan", Kind: Line, Labels: []string{"Jan", "Feb", "Mar", "Apr"},
					Series: []Series{{Name: "Kumulatif", Values: []int64{0, 10, 25, 40}}}},
			}},
			{Heading: "Kosong", Empty: "Belum ada realisasi."},
		},
		Footer: "Dicetak 1 Desember 2026",
	}
}

// pdfText is s as fpdf writes it with a UTF-8 font: UTF-16BE, escaped.
func pdfText(s string) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`)
	return []byte(r.Replace(b.String()))
}

var pageRe = regexp.MustCompile(`/Type /Page\n`)

func renderPlain(t *testing.T, d Document) []byte {
	t.Helper()
	compress = false
	defer func() { compress = true }()
	b, err := PDF(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFDrawsEveryPartInTheUnicodeFont(t *testing.T) {
	b := renderPlain(t, sample(150))
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Fatal("not a PDF")
	}
	if !bytes.Contains(b, []byte("/FontFile2")) || !bytes.Contains(bytes.ToLower(b), []byte("/basefont /utf8dejavusans")) {
		t.Fatal("the DejaVu TrueType font is not embedded")
	}
	pages := len(pageRe.FindAll(b, -1))
	if pages < 3 {
		t.Fatalf("150 wrapped rows on %d pages", pages)
	}
	for _, s := range []string{"Lampiran APBDes Ā 2026", "Pendapatan", "Rp 1.500.000.000", "83,3 % dari pendapatan",
		"Bidang Pelaksanaan Pembangunan Desa", "1.250.000.000", "Belum ada realisasi.", "Dicetak 1 Desember 2026",
		"Belanja per bidang (Rp)", "Realisasi", "-50", "Catatan: angka dalam rupiah penuh.",
		"Halaman 1 dari " + strconv.Itoa(pages), "Halaman " + strconv.Itoa(pages) + " dari " + strconv.Itoa(pages)} {
		if !bytes.Contains(b, pdfText(s)) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
	// The table's header row repeats on every page it runs onto.
	if n := bytes.Count(b, pdfText("Anggaran (Rp)")); n < pages-1 {
		t.Errorf("header printed %d times over %d pages", n, pages)
	}
	// Wrapped: no text line is the whole long uraian.
	if bytes.Contains(b, pdfText("yang panjang sekali sehingga harus dibungkus")) &&
		bytes.Contains(b, pdfText("Semen Ṭabanan ŋ baris 1 untuk jalan usaha tani yang panjang sekali sehingga harus dibungkus")) {
		t.Error("a long uraian ran past its column instead of wrapping")
	}
}

func TestPDFLandscapeAndEmpty(t *testing.T) {
	b := renderPlain(t, Document{Title: "Kosong", Landscape: true, Sections: []Section{{Heading: "Tidak ada"}}})
	if !bytes.Contains(b, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("landscape A4 not used")
	}
	if !bytes.Contains(b, pdfText("Belum ada data.")) {
		t.Error("an empty section prints nothing")
	}
	// Compressed output (the default) is a PDF as well.
	c, err := PDF(sample(5))
	if err != nil || !bytes.HasPrefix(c, []byte("%PDF-")) || len(c) >= len(renderPlain(t, sample(5))) {
		t.Fatalf("compressed PDF: %d bytes, %v", len(c), err)
	}
}

func TestXLSXKeepsNumbersAndLayout(t *testing.T) {
	b, err := XLSX(sample(30))
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Ringkasan" || sheets[1] != "Belanja per kegiatan" {
		t.Fatalf("sheets %v", sheets)
	}
	if v, _ := x.GetCellValue("Ringkasan", "A1"); v != "Lampiran APBDes Ā 2026" {
		t.Errorf("title %q", v)
	}
	rows, _ := x.GetRows("Ringkasan")
	joined := fmt.Sprint(rows)
	for _, s := range []string{"Rp 1.500.000.000", "83,3 % dari pendapatan", "Belum ada realisasi.", "lembar Belanja per kegiatan", "Catatan: angka dalam rupiah penuh.", "Dicetak 1 Desember 2026"} {
		if !strings.Contains(joined, s) {
			t.Errorf("Ringkasan lacks %q", s)
		}
	}
	sh := "Belanja per kegiatan"
	// Title row 1, header row 3, data from row 4.
	if v, _ := x.GetCellValue(sh, "D3"); v != "Anggaran (Rp)" {
		t.Errorf("header D3 = %q", v)
	}
	raw, _ := x.GetCellValue(sh, "D4", excelize.Options{RawCellValue: true})
	if raw != "1250000000" {
		t.Errorf("a number is stored as %q, want 1250000000", raw)
	}
	if typ, _ := x.GetCellType(sh, "D4"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("D4 type %v", typ)
	}
	if raw, _ := x.GetCellValue(sh, "C5", excelize.Options{RawCellValue: true}); raw != "2.5" {
		t.Errorf("volume 2500/1000 stored as %q", raw)
	}
	if shown, _ := x.GetCellValue(sh, "D4"); shown != "1,250,000,000" {
		t.Errorf("thousands format shows %q", shown)
	}
	id, _ := x.GetCellStyle(sh, "B4")
	st, _ := x.GetStyle(id)
	if st == nil || st.Font == nil || !st.Font.Bold {
		t.Error("the subtotal row is not bold")
	}
	id, _ = x.GetCellStyle(sh, "A5")
	st, _ = x.GetStyle(id)
	if st == nil || st.Alignment == nil || st.Alignment.Indent != 2 {
		t.Error("an indented row lost its indent")
	}
	panes, _ := x.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("header not frozen: %+v", panes)
	}
	if w, _ := x.GetColWidth(sh, "B"); w < 30 {
		t.Errorf("uraian column only %v wide", w)
	}
}

func TestXLSXSheetNamesAreValidAndUnique(t *testing.T) {
	d := Document{Title: "x", Sections: []Section{{Tables: []Table{
		{Title: "Ringkasan", Columns: []Column{{Label: "a"}}},
		{Title: "Belanja: bidang [1] / sub? * sangat panjang sekali melebihi batas", Columns: []Column{{Label: "a"}}},
		{Title: "Belanja: bidang [1] / sub? * sangat panjang sekali melebihi batas", Columns: []Column{{Label: "a"}}},
		{Columns: []Column{{Label: "a"}}},
	}}}}
	b, err := XLSX(d)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	got := x.GetSheetList()
	if len(got) != 5 || got[1] != "Ringkasan (2)" || got[4] != "Tabel 4" || got[2] == got[3] {
		t.Fatalf("sheets %q", got)
	}
	for _, s := range got {
		if len([]rune(s)) > 31 || strings.ContainsAny(s, `:\/?*[]`) {
			t.Errorf("invalid sheet name %q", s)
		}
	}
}
