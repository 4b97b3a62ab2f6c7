package forum

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Ekspor writes a whole ranking (every page) as CSV or XLSX: the ranks,
// the values with their unit, and the year before's. Values and ranks
// only, as the panel shows them.
func (m *Module) Ekspor(ctx context.Context, k tenancy.Kode, q PeringkatQuery, format string) (body []byte, contentType, filename string, err error) {
	q.Offset, q.Limit = 0, PeringkatMaxLimit
	var all Peringkat
	for {
		p, err := m.Peringkat(ctx, k, q)
		if err != nil {
			return nil, "", "", err
		}
		if q.Offset == 0 {
			all = p
		} else {
			all.Baris = append(all.Baris, p.Baris...)
		}
		if p.Berikutnya == 0 {
			break
		}
		q.Offset = p.Berikutnya
	}
	name := fmt.Sprintf("peringkat-%s-%s-%d", strings.ReplaceAll(string(k), ".", ""), namaBerkas(all.Indikator.Kunci), q.Tahun)
	switch format {
	case "csv":
		b, err := eksporCSV(all)
		return b, "text/csv; charset=utf-8", name + ".csv", err
	case "xlsx":
		b, err := report.XLSX(dokumenPeringkat(all))
		return b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", err
	}
	return nil, "", "", fmt.Errorf("forum: export format %q", format)
}

// namaBerkas keeps letters, digits and dashes of an indicator key.
func namaBerkas(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r == '.' || r == '_' || r == ':':
			return '-'
		}
		return -1
	}, strings.ToLower(s))
}

var kolomEkspor = []string{"Peringkat", "Peringkat wilayah", "Kode desa", "Desa", "Kecamatan", "Kelompok sebanding",
	"Nilai", "Satuan", "Kuartil", "Nilai tahun lalu", "Peringkat tahun lalu", "Perubahan"}

func eksporCSV(p Peringkat) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // spreadsheets read UTF-8 (ā, ’) only after a byte-order mark
	w := csv.NewWriter(&buf)
	_ = w.Write(kolomEkspor)
	for _, b := range p.Baris {
		lalu, rankLalu := "", ""
		if b.NilaiLalu != nil {
			lalu = strconv.FormatFloat(*b.NilaiLalu, 'f', p.Indikator.Desimal, 64)
		}
		if b.PeringkatLalu != nil {
			rankLalu = strconv.Itoa(*b.PeringkatLalu)
		}
		_ = w.Write([]string{strconv.Itoa(b.Peringkat), strconv.Itoa(b.PeringkatWilayah), string(b.Desa), sel(b.Nama), sel(b.Kecamatan),
			sel(b.Kelompok), strconv.FormatFloat(b.Nilai, 'f', p.Indikator.Desimal, 64), p.Indikator.Satuan,
			strconv.Itoa(b.Kuartil), lalu, rankLalu, b.Arah})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// sel keeps a spreadsheet from reading a name as a formula (CSV
// injection): a cell starting with = + - @ gets a leading apostrophe.
func sel(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func dokumenPeringkat(p Peringkat) report.Document {
	scale := int64(math.Pow10(p.Indikator.Desimal))
	num := func(v float64) report.Cell {
		return report.Pecahan(int64(math.Round(v*float64(scale))), scale, teksNilai(p.Indikator, v))
	}
	t := report.Table{Title: p.Indikator.Nama}
	for i, c := range kolomEkspor {
		col := report.Column{Label: c}
		if i < 2 || i >= 6 {
			col.Align = report.Right
		}
		t.Columns = append(t.Columns, col)
	}
	for _, b := range p.Baris {
		row := report.Row{Cells: []report.Cell{
			report.Angka(int64(b.Peringkat), strconv.Itoa(b.Peringkat)),
			report.Angka(int64(b.PeringkatWilayah), strconv.Itoa(b.PeringkatWilayah)),
			report.Teks(string(b.Desa)), report.Teks(b.Nama), report.Teks(b.Kecamatan), report.Teks(b.Kelompok),
			num(b.Nilai), report.Teks(p.Indikator.Satuan), report.Angka(int64(b.Kuartil), strconv.Itoa(b.Kuartil)),
		}}
		if b.NilaiLalu != nil {
			row.Cells = append(row.Cells, num(*b.NilaiLalu))
		} else {
			row.Cells = append(row.Cells, report.Teks(""))
		}
		if b.PeringkatLalu != nil {
			row.Cells = append(row.Cells, report.Angka(int64(*b.PeringkatLalu), strconv.Itoa(*b.PeringkatLalu)))
		} else {
			row.Cells = append(row.Cells, report.Teks(""))
		}
		row.Cells = append(row.Cells, report.Teks(b.Arah))
		t.Rows = append(t.Rows, row)
	}
	st := p.StatistikNilai
	return report.Document{
		Title:     "Peringkat desa — " + p.Indikator.Nama,
		Subtitle:  fmt.Sprintf("%s — tahun %d", p.NamaWilayah, p.Tahun),
		Landscape: true,
		Sections: []report.Section{{
			Heading: "Ringkasan",
			Figures: []report.Figure{
				{Label: "Desa diperingkat", Value: strconv.Itoa(st.Jumlah)},
				{Label: "Median", Value: teksNilai(p.Indikator, st.Median)},
				{Label: "Kuartil 1–3", Value: teksNilai(p.Indikator, st.Q1) + " · " + teksNilai(p.Indikator, st.Q3)},
				{Label: "Tanpa data", Value: strconv.Itoa(p.TanpaData)},
			},
			Tables: []report.Table{t},
		}},
	}
}
