package keuangan_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/report"
)

// excelRow finds the row whose first cell is kode (or whose uraian is
// kode, for the total rows) in the lampiran table.
func excelRow(t *testing.T, tb report.Table, kode string) report.Row {
	t.Helper()
	for _, r := range tb.Rows {
		if r.Cells[0].Text == kode || (r.Cells[0].Text == "" && r.Cells[1].Text == kode) {
			return r
		}
	}
	t.Fatalf("no row %q", kode)
	return report.Row{}
}

func excelNums(r report.Row) []int64 {
	var out []int64
	for _, c := range r.Cells {
		if c.Numeric {
			out = append(out, c.Number)
		}
	}
	return out
}

func TestExcelAPBDesLampiranLayout(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := imporCtx()
		if _, err := m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik), false, imporBy); err != nil {
			t.Fatal(err)
		}
		doc, err := m.DokumenAPBDes(ctx, 2026, "")
		if err != nil {
			t.Fatal(err)
		}
		if doc.Landscape || !strings.Contains(doc.Title, "Tahun Anggaran 2026") || !strings.Contains(doc.Subtitle, "Desa 51.02.06.2001") {
			t.Errorf("title block %q / %q", doc.Title, doc.Subtitle)
		}
		tb := doc.Sections[1].Tables[0]
		if len(tb.Columns) != 4 || tb.Columns[2].Align != report.Right {
			t.Fatalf("columns %+v", tb.Columns)
		}
		var order []string
		for _, r := range tb.Rows {
			order = append(order, r.Cells[0].Text)
		}
		want := "4 4.1 4.1.1 4.1.1.01 4.2 4.2.1 4.2.1.01  5 01 01.01 01.01.01 5.1.1.01 02 02.01 02.01.06 5.2.1.01   6 6.1 6.1.1 6.1.1.01    "
		if got := strings.Join(order, " "); got != want {
			t.Errorf("rows\n%q\nwant\n%q", got, want)
		}
		for kode, w := range map[string]struct {
			n      int64
			bold   bool
			indent int
			sumber string
			nama   string
		}{
			"4.1":                 {15_000_000, true, 0, "", ""},
			"4.1.1.01":            {15_000_000, false, 2, "PAD", "Bagi Hasil BUMDes"},
			"JUMLAH PENDAPATAN":   {900_000_000, true, 0, "", ""},
			"02":                  {11_300_000, true, 0, "", "BIDANG PELAKSANAAN PEMBANGUNAN DESA"},
			"02.01.06":            {11_300_000, true, 2, "", ""},
			"5.2.1.01":            {11_300_000, false, 3, "DDS", ""},
			"JUMLAH BELANJA":      {12_550_000, true, 0, "", ""},
			"SURPLUS / (DEFISIT)": {887_450_000, true, 0, "", ""},
			"PEMBIAYAAN NETTO":    {25_000_000, true, 0, "", ""},
			"SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN TAHUN BERJALAN": {912_450_000, true, 0, "", ""},
		} {
			r := excelRow(t, tb, kode)
			if n := excelNums(r); len(n) != 1 || n[0] != w.n || r.Bold != w.bold || r.Indent != w.indent || r.Cells[3].Text != w.sumber {
				t.Errorf("%s: %v bold %v indent %d sumber %q; want %+v", kode, n, r.Bold, r.Indent, r.Cells[3].Text, w)
			}
			if w.nama != "" && r.Cells[1].Text != w.nama {
				t.Errorf("%s named %q", kode, r.Cells[1].Text)
			}
		}
		// The part headers carry no amount.
		if n := excelNums(excelRow(t, tb, "5")); len(n) != 0 {
			t.Errorf("BELANJA header has amounts %v", n)
		}

		_, tipe, x, err := m.BerkasAPBDes(ctx, 2026, "", "xlsx")
		if err != nil || !strings.Contains(tipe, "spreadsheetml") {
			t.Fatal(err, tipe)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[1], excelize.Options{RawCellValue: true})
		found := false
		for _, r := range rows {
			if len(r) > 2 && r[1] == "JUMLAH BELANJA" && r[2] == "12550000" {
				found = true
			}
		}
		if !found {
			t.Errorf("the XLSX lacks JUMLAH BELANJA 12550000: %v", rows)
		}
		name, tipe, p, err := m.BerkasAPBDes(ctx, 2026, keuangan.VersiMurni, "pdf")
		if err != nil || tipe != "application/pdf" || !bytes.HasPrefix(p, []byte("%PDF-")) || name != "apbdes-5102062001-2026.pdf" {
			t.Fatalf("pdf %s %s %v", name, tipe, err)
		}
	})
}

// excelPerubahan opens a perubahan of the murni of tahun with lines.
func excelPerubahan(t *testing.T, d *db.DB, tahun int, lines []keuangan.Baris) {
	t.Helper()
	err := d.Tx(imporCtx(), func(ctx context.Context, tx bun.Tx) error {
		murni, err := keuangan.GetAPBDes(ctx, tx, tahun, keuangan.VersiMurni)
		if err != nil {
			return err
		}
		id, _ := uuid.NewV7()
		p := keuangan.APBDes{DesaID: murni.DesaID, ID: id.String(), Tahun: tahun, Versi: keuangan.VersiPerubahan,
			Status: keuangan.StatusDraft, MurniID: murni.ID, CreatedBy: "x", CreatedAt: now, UpdatedBy: "x", UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&p).Exec(ctx); err != nil {
			return err
		}
		return keuangan.SimpanBaris(ctx, tx, p, lines, "x", now)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExcelAPBDesPerubahanShowsMurniBeside(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := imporCtx()
		if _, err := m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik), false, imporBy); err != nil {
			t.Fatal(err)
		}
		excelPerubahan(t, d, 2026, []keuangan.Baris{
			{Kelompok: keuangan.KelompokPendapatan, KodeRekening: "4.2.1.01", Uraian: "Dana Desa", Jumlah: 900_000_000, SumberDana: "DDS"},
			{Kelompok: keuangan.KelompokBelanja, KodeRekening: "5.2.1.01", KodeKegiatan: "02.01.06", Uraian: "Semen", Volume: 200_000, Satuan: "sak", HargaSatuan: 65_000, Jumlah: 13_000_000, SumberDana: "DDS"},
		})
		// The perubahan is the APBDes in force; an import now goes there.
		h, err := m.ImporAPBDes(ctx, 2026, imporXLSX(t, imporBaik[5:]), false, imporBy)
		if err != nil || h.Versi != keuangan.VersiPerubahan || h.Jumlah != 3 {
			t.Fatalf("import into the perubahan: %+v %v", h, err)
		}
		doc, err := m.DokumenAPBDes(ctx, 2026, "")
		if err != nil {
			t.Fatal(err)
		}
		tb := doc.Sections[1].Tables[0]
		if !doc.Landscape || len(tb.Columns) != 6 || !strings.HasPrefix(doc.Title, "Perubahan") {
			t.Fatalf("perubahan layout: %v %d %q", doc.Landscape, len(tb.Columns), doc.Title)
		}
		for kode, want := range map[string][3]int64{
			"4.1.1.01":          {15_000_000, 0, -15_000_000},
			"4.2.1.01":          {885_000_000, 900_000_000, 15_000_000},
			"5.2.1.01":          {11_300_000, 13_000_000, 1_700_000},
			"5.1.1.01":          {1_250_000, 0, -1_250_000},
			"JUMLAH PENDAPATAN": {900_000_000, 900_000_000, 0},
			"JUMLAH BELANJA":    {12_550_000, 13_000_000, 450_000},
			"6.1.1.01":          {25_000_000, 25_000_000, 0},
		} {
			if got := excelNums(excelRow(t, tb, kode)); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
				t.Errorf("%s: %v, want %v", kode, got, want)
			}
		}
		doc, err = m.DokumenAPBDes(ctx, 2026, keuangan.VersiMurni)
		if err != nil || len(doc.Sections[1].Tables[0].Columns) != 4 {
			t.Fatalf("murni asked by name: %v", err)
		}
		if _, err := m.DokumenAPBDes(ctx, 2025, ""); err == nil {
			t.Fatal("a year without APBDes printed")
		}
	})
}
