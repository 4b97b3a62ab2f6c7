package keuangan

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// fuzzXLSX is a workbook with the template's header and rows.
func fuzzXLSX(rows ...[]any) []byte {
	x := excelize.NewFile()
	defer x.Close()
	_ = x.SetSheetName("Sheet1", ImporSheet)
	head := []any{"Kode kegiatan", "Kode rekening", "Uraian", "Volume", "Satuan", "Harga satuan (Rp)", "Sumber dana"}
	_ = x.SetSheetRow(ImporSheet, "A1", &head)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = x.SetSheetRow(ImporSheet, cell, &r)
	}
	var b bytes.Buffer
	_ = x.Write(&b)
	return b.Bytes()
}

// FuzzImporAPBDes feeds the importer's reading and checking (everything an
// import does before its transaction writes) arbitrary bytes: it never
// panics, and every refusal is a coded fault — a 4xx with a Bahasa message
// — never an internal error, which the API would answer with a 500. The
// store's side (locks, the write) is covered by the module's tests; the
// database is left out so that each run takes microseconds.
//
//	go test -run '^$' -fuzz FuzzImporAPBDes -fuzztime 60s ./modules/keuangan
func FuzzImporAPBDes(f *testing.F) {
	ref := &Referensi{Tahun: 2026,
		Rekening: map[KodeRekening]string{"5.2.1.01": "Belanja barang", "4.1.1.01": "Bagi hasil", "4.2.1.01": "Dana Desa", "6.1.1.01": "SiLPA"},
		Kegiatan: map[KodeKegiatan]string{"02.01.06": "Jalan"},
		Sumber:   map[string]string{"DDS": "Dana Desa", "PAD": "PAD", "SiLPA": "SiLPA"},
	}
	good := fuzzXLSX(
		[]any{"", "4.1.1.01", "Bagi hasil", "", "", 15000000, "PAD"},
		[]any{"02.01.06", "5.2.1.01", "Semen", 2.5, "sak", "65.000", "DDS"},
		[]any{"", "6.1.1.01", "SiLPA", "", "", "Rp 25.000.000,00", "SiLPA"},
	)
	f.Add(good)
	f.Add(fuzzXLSX([]any{"02.01.06", "5.2.1.01", "x", "1e400", "sak", "9999999999999999999", "DDS"}))
	f.Add(fuzzXLSX([]any{"02.01.06", "5.2.1.01", "x", -1, "", 1e300, ""}, []any{"9", "x", "", 1e-9, "", 0.5, "?"}))
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Add([]byte("kode kegiatan,kode rekening\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := bacaImpor(data)
		if err == nil {
			var lines []Baris
			lines, err = periksaImpor(ref, rows)
			if err == nil && len(lines) != len(rows) {
				t.Fatalf("%d rows checked into %d lines", len(rows), len(lines))
			}
		}
		if err == nil {
			return
		}
		if fe, ok := fault.As(err); !ok || fe.Code != fault.Invalid {
			t.Fatalf("not an Invalid fault (the API would answer 500): %v", err)
		}
	})
}

func TestImporDesimalReadsExcelNumbersExactly(t *testing.T) {
	for in, want := range map[string]int64{"2.5": 2500, "1.125": 1125, "162500.00000000003": 162500000, "1.25E+3": 1_250_000, "0.001": 1} {
		if got, err := desimal(in, VolumeSkala); err != nil || got != want {
			t.Errorf("desimal(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0.0005", "abc", "1e400", "1/3", "1e99999999", "1e"} {
		if got, err := desimal(in, VolumeSkala); err == nil {
			t.Errorf("desimal(%q) = %d accepted", in, got)
		}
	}
}
