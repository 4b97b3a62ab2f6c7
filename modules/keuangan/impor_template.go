package keuangan

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// ImporTemplate is the XLSX a desa fills to import an APBDes of tahun: a
// sheet "Petunjuk" that says how, the sheet "APBDes" with the column
// header row (the importer reads it by name), and a sheet "Kode" with the
// year's sumber dana, rekening objek and kegiatan codes.
func (m *Module) ImporTemplate(ctx context.Context, tahun int) ([]byte, error) {
	ref, err := m.LoadReferensi(ctx, m.db, tahun)
	if err != nil {
		return nil, err
	}
	x := excelize.NewFile()
	defer x.Close()
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	title, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return nil, err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBE4"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	text, err := x.NewStyle(&excelize.Style{NumFmt: 49}) // "@": codes stay text
	if err != nil {
		return nil, err
	}
	set := func(sheet, cell string, v any, style int) error {
		if err := x.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return x.SetCellStyle(sheet, cell, cell, style)
		}
		return nil
	}

	// Petunjuk.
	const pet = "Petunjuk"
	if err := x.SetSheetName("Sheet1", pet); err != nil {
		return nil, err
	}
	lines := []string{
		"Template impor APBDes tahun anggaran " + strconv.Itoa(tahun),
		"",
		"Isi lembar \"APBDes\": satu baris untuk setiap baris anggaran, mulai baris 2. Jangan ubah baris judul kolom.",
		"",
		"Baris belanja (kode rekening 5.x.x.xx): isi semua kolom — kode kegiatan (misalnya 02.01.06), kode rekening, uraian, volume (boleh pecahan, misalnya 2,5), satuan, harga satuan dalam rupiah dan sumber dana. Jumlah = volume × harga satuan, dihitung otomatis.",
		"",
		"Baris pendapatan (4.x.x.xx) dan pembiayaan (6.1.x.xx penerimaan, 6.2.x.xx pengeluaran): KOSONGKAN kode kegiatan, volume dan satuan; tulis jumlahnya di kolom \"Harga satuan (Rp)\". Sumber dana tetap diisi (misalnya DDS untuk Dana Desa, SiLPA untuk sisa lebih tahun sebelumnya).",
		"",
		"Angka: tulis rupiah penuh tanpa sen (1250000 atau 1.250.000); singkatan seperti \"1,25 jt\" tidak diterima.",
		"Kode rekening harus rincian objek empat tingkat (misalnya 5.2.1.01) dan kode kegiatan tiga tingkat, keduanya dari daftar tahun ini (lembar \"Kode\").",
		"Sumber dana: salah satu kode di lembar \"Kode\" (DDS, ADD, PAD, PBH, BKP, BKK, DLL, SiLPA).",
		"",
		"Semua baris diperiksa sebelum disimpan. Bila ada satu saja kesalahan, tidak ada baris yang disimpan dan setiap kesalahan disebut dengan nomor baris dan kolomnya (misalnya \"Baris 12, kolom harga satuan: …\").",
		fmt.Sprintf("Batas satu berkas: %d baris dan 5 MiB. Impor hanya bisa selagi APBDes berstatus draf atau dikembalikan camat.", MaxImporBaris),
		"Pilih \"ganti\" saat mengunggah untuk mengganti semua baris yang sudah ada; tanpa itu baris berkas ditambahkan.",
		"",
		"Contoh (jangan disalin ke lembar APBDes tanpa diubah):",
	}
	for i, l := range lines {
		style := wrap
		if i == 0 {
			style = title
		}
		if err := set(pet, "A"+strconv.Itoa(i+1), l, style); err != nil {
			return nil, err
		}
	}
	contoh := [][]any{
		{"", "4.1.1.01", "Hasil usaha BUM Desa", "", "", 15000000, "PAD"},
		{"", "4.2.1.01", "Dana Desa", "", "", 850000000, "DDS"},
		{"02.01.06", "5.2.1.01", "Semen untuk jalan usaha tani", 120, "sak", 65000, "DDS"},
		{"02.01.06", "5.2.1.01", "Pasir", 2.5, "truk", 1400000, "DDS"},
		{"", "6.1.1.01", "SiLPA tahun sebelumnya", "", "", 25000000, "SiLPA"},
	}
	row := len(lines) + 1
	for j, k := range imporKolom {
		cell, _ := excelize.CoordinatesToCellName(j+1, row)
		if err := set(pet, cell, k.header, head); err != nil {
			return nil, err
		}
	}
	for i, c := range contoh {
		if err := x.SetSheetRow(pet, "A"+strconv.Itoa(row+1+i), &c); err != nil {
			return nil, err
		}
	}
	if err := x.SetColWidth(pet, "A", "A", 100); err != nil {
		return nil, err
	}
	if err := x.SetColWidth(pet, "B", "G", 16); err != nil {
		return nil, err
	}

	// APBDes: the header row and empty, formatted columns.
	if _, err := x.NewSheet(ImporSheet); err != nil {
		return nil, err
	}
	widths := []float64{14, 14, 48, 10, 12, 18, 12}
	for j, k := range imporKolom {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := set(ImporSheet, cell, k.header, head); err != nil {
			return nil, err
		}
		name, _ := excelize.ColumnNumberToName(j + 1)
		if err := x.SetColWidth(ImporSheet, name, name, widths[j]); err != nil {
			return nil, err
		}
	}
	for _, col := range []string{"A", "B", "G"} {
		if err := x.SetColStyle(ImporSheet, col, text); err != nil {
			return nil, err
		}
	}
	if err := x.SetPanes(ImporSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	sumber := urutSumber(ref.Sumber)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "G2:G" + strconv.Itoa(MaxImporBaris+1)
	if err := dv.SetDropList(sumber); err == nil {
		dv.SetError(excelize.DataValidationErrorStyleStop, "Sumber dana", "Pilih kode sumber dana dari daftar.")
		if err := x.AddDataValidation(ImporSheet, dv); err != nil {
			return nil, err
		}
	}

	// Kode: the year's codes.
	const kode = "Kode"
	if _, err := x.NewSheet(kode); err != nil {
		return nil, err
	}
	r := 1
	block := func(heading string, rows [][2]string) error {
		if err := set(kode, "A"+strconv.Itoa(r), heading, bold); err != nil {
			return err
		}
		r++
		for _, kv := range rows {
			if err := set(kode, "A"+strconv.Itoa(r), kv[0], text); err != nil {
				return err
			}
			if err := set(kode, "B"+strconv.Itoa(r), kv[1], 0); err != nil {
				return err
			}
			r++
		}
		r++
		return nil
	}
	var sd, rek, keg [][2]string
	for _, k := range sumber {
		sd = append(sd, [2]string{k, ref.Sumber[k]})
	}
	for _, k := range urutKode(ref.Rekening) {
		rek = append(rek, [2]string{string(k), ref.Rekening[k]})
	}
	for _, k := range urutKode(ref.Kegiatan) {
		keg = append(keg, [2]string{string(k), ref.Kegiatan[k]})
	}
	if err := block("Sumber dana", sd); err != nil {
		return nil, err
	}
	if err := block("Kode rekening (rincian objek)", rek); err != nil {
		return nil, err
	}
	if err := block("Kegiatan", keg); err != nil {
		return nil, err
	}
	if err := x.SetColWidth(kode, "A", "A", 14); err != nil {
		return nil, err
	}
	if err := x.SetColWidth(kode, "B", "B", 90); err != nil {
		return nil, err
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// keys are the sumber dana codes in the regulation's usual order.
func urutSumber(m map[string]string) []string {
	order := []string{"DDS", "ADD", "PAD", "PBH", "BKP", "BKK", "DLL", "SiLPA"}
	var out []string
	for _, k := range order {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// urutKode orders codes part by part as numbers: 5.2.1.9 before 5.2.1.10.
func urutKode[K ~string](m map[K]string) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b K) int { return bandingKode(string(a), string(b)) })
	return out
}

func bandingKode(a, b string) int {
	pa, pb := pecahKode(a), pecahKode(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil && na != nb {
			if na < nb {
				return -1
			}
			return 1
		}
		if pa[i] != pb[i] {
			if pa[i] < pb[i] {
				return -1
			}
			return 1
		}
	}
	return len(pa) - len(pb)
}

func pecahKode(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
