package keuangan

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// This file builds the printouts of the realisasi part as report.Documents
// (the LRA per semester and year, the BKU with its buku pajak); the shared
// renderers turn them into PDF and XLSX.

func selRp(r Rupiah) report.Cell { return report.Angka(int64(r), r.Angka()) }

func selBP(v int64) report.Cell { return report.Pecahan(v, 100, formatBP(v)) }

// subjudulLaporan is the subtitle of a printout: "Desa Bengkel — Tahun Anggaran
// 2026", with the official name when Names is wired.
func (m *Module) subjudulLaporan(ctx context.Context, tahun int) string {
	return fmt.Sprintf("%s — Tahun Anggaran %d", m.namaDesaRealisasi(ctx), tahun)
}

// namaDesaRealisasi is "Desa Bengkel", or "Desa 51.02.06.2001" when no
// Names is wired.
func (m *Module) namaDesaRealisasi(ctx context.Context) string {
	t, _ := tenancy.From(ctx)
	nama := string(t.Kode)
	if m.names != nil {
		if n, err := m.names.Nama(ctx, t.Kode); err == nil && n != "" {
			nama = n
		}
	}
	if strings.HasPrefix(nama, "Desa ") || strings.HasPrefix(nama, "Kelurahan ") {
		return nama
	}
	return "Desa " + nama
}

func (m *Module) catatanCetak(ctx context.Context) string {
	return "Dicetak " + m.hariIniDesa(ctx).String() + " dari ngantor."
}

// NamaSemester is the title of a period of the LRA.
func NamaSemester(s int) string {
	switch s {
	case 1:
		return "Semester I"
	case 2:
		return "Semester II"
	}
	return "Tahun Anggaran"
}

// lraKolom are the columns of the LRA table.
var lraKolom = []report.Column{
	{Label: "Kode", Width: 1.2}, {Label: "Uraian", Width: 4},
	{Label: "Anggaran (Rp)", Align: report.Right, Width: 1.6}, {Label: "Realisasi (Rp)", Align: report.Right, Width: 1.6},
	{Label: "Sisa (Rp)", Align: report.Right, Width: 1.6}, {Label: "%", Align: report.Right, Width: 0.8},
	{Label: "Keluaran (realisasi / target)", Width: 1.6},
}

// lraKolomPerubahan are lraKolom under an APBDes Perubahan: the murni's
// amount and the difference beside the budget in force.
var lraKolomPerubahan = append([]report.Column{
	lraKolom[0], lraKolom[1],
	{Label: "Anggaran murni (Rp)", Align: report.Right, Width: 1.6},
	{Label: "Anggaran perubahan (Rp)", Align: report.Right, Width: 1.6},
	{Label: "Selisih (Rp)", Align: report.Right, Width: 1.4},
}, lraKolom[3:]...)

// lraAngka are a row's figure cells: anggaran (with murni and selisih under
// a perubahan), realisasi, sisa and, when withBP, the percentage.
func lraAngka(r AngkaLRA, perubahan, withBP bool) []report.Cell {
	var c []report.Cell
	if perubahan {
		c = append(c, selRp(r.AnggaranMurni))
	}
	c = append(c, selRp(r.Anggaran))
	if perubahan {
		c = append(c, selRp(r.Anggaran-r.AnggaranMurni))
	}
	c = append(c, selRp(r.Realisasi), selRp(r.Sisa))
	if withBP {
		c = append(c, selBP(r.PersenBP))
	} else {
		c = append(c, report.Teks(""))
	}
	return c
}

// lraRows are the rows of one kelompok of the LRA, down to the lines.
func lraRows(k LRABaris, perubahan bool) []report.Row {
	var rows []report.Row
	k.Walk(func(r LRABaris, depth int) {
		nama := r.Nama
		if r.Tingkat == TingkatLRABaris && r.SumberDana != "" {
			nama += " (" + r.SumberDana + ")"
		}
		out := r.TeksKeluaran()
		kode := r.Kode
		if r.Tingkat == TingkatLRABaris {
			kode = ""
		}
		cells := append([]report.Cell{report.Teks(kode), report.Teks(nama)}, lraAngka(r.AngkaLRA, perubahan, true)...)
		rows = append(rows, report.Row{Indent: depth, Bold: depth <= 1 && r.Tingkat != TingkatLRABaris,
			Cells: append(cells, report.Teks(out))})
	})
	return rows
}

// DokumenLRA builds the LRA of l as a document.
func (m *Module) DokumenLRA(ctx context.Context, l LRA) report.Document {
	judul := "Laporan Realisasi Anggaran APBDes " + NamaSemester(l.Semester)
	if l.Semester == 0 {
		judul = "Laporan Realisasi Anggaran APBDes Tahun Anggaran " + strconv.Itoa(l.Tahun)
	}
	ringkas := report.Section{Heading: "Ringkasan", Figures: []report.Figure{
		{Label: "Realisasi pendapatan", Value: formatBP(l.Pendapatan.PersenBP), Note: l.Pendapatan.Realisasi.String() + " dari " + l.Pendapatan.Anggaran.String()},
		{Label: "Realisasi belanja", Value: formatBP(l.Belanja.PersenBP), Note: l.Belanja.Realisasi.String() + " dari " + l.Belanja.Anggaran.String()},
		{Label: "Surplus/defisit (realisasi)", Value: l.SurplusDefisit.Realisasi.String()},
		{Label: "Pembiayaan netto (realisasi)", Value: l.PembiayaanNetto.Realisasi.String()},
	}, Notes: []string{fmt.Sprintf("Realisasi %s s.d. %s; anggaran APBDes %s yang berlaku.", l.Dari.String(), l.Sampai.String(), l.Versi)}}
	perubahan := l.Versi == VersiPerubahan
	kolom := lraKolom
	if perubahan {
		kolom = lraKolomPerubahan
	}
	var rows []report.Row
	for _, k := range []LRABaris{l.Pendapatan, l.Belanja, l.PenerimaanPembiayaan, l.PengeluaranPembiayaan} {
		rows = append(rows, lraRows(k, perubahan)...)
	}
	for _, t := range []struct {
		nama string
		a    AngkaLRA
	}{{"Surplus/(defisit)", l.SurplusDefisit}, {"Pembiayaan netto", l.PembiayaanNetto}} {
		cells := append([]report.Cell{report.Teks(""), report.Teks(t.nama)}, lraAngka(t.a, perubahan, false)...)
		rows = append(rows, report.Row{Bold: true, Cells: append(cells, report.Teks(""))})
	}
	tabel := report.Section{Heading: "Realisasi per kegiatan dan rekening", Tables: []report.Table{{
		Title: "Laporan Realisasi Anggaran", Columns: kolom, Rows: rows}}}
	sumber := report.Section{Heading: "Belanja per sumber dana"}
	if len(l.BelanjaPerSumber) == 0 {
		sumber.Empty = "Belum ada data."
	} else {
		var sr []report.Row
		for _, s := range l.BelanjaPerSumber {
			sr = append(sr, report.Row{Cells: []report.Cell{report.Teks(s.Kode), report.Teks(s.Nama), selRp(s.Anggaran), selRp(s.Realisasi), selRp(s.Sisa), selBP(s.PersenBP)}})
		}
		sumber.Tables = []report.Table{{Title: "Belanja per sumber dana", Columns: lraKolom[:6], Rows: sr}}
	}
	return report.Document{Title: judul, Subtitle: m.subjudulLaporan(ctx, l.Tahun), Landscape: true,
		Sections: []report.Section{ringkas, tabel, sumber}, Footer: m.catatanCetak(ctx)}
}

// DokumenBKU builds the Buku Kas Umum, the buku pembantu pajak and the
// buku pembantu per kegiatan (in sum) of a year as one document.
func (m *Module) DokumenBKU(ctx context.Context, b BKU, p BukuPajak, keg []BukuKegiatan) report.Document {
	kol := []report.Column{
		{Label: "No", Align: report.Right, Width: 0.5}, {Label: "Tanggal", Width: 1.2}, {Label: "No. bukti", Width: 1.1},
		{Label: "Uraian", Width: 4}, {Label: "Rekening", Width: 1}, {Label: "Kas", Width: 0.7},
		{Label: "Penerimaan (Rp)", Align: report.Right, Width: 1.4}, {Label: "Pengeluaran (Rp)", Align: report.Right, Width: 1.4},
		{Label: "Saldo tunai (Rp)", Align: report.Right, Width: 1.4}, {Label: "Saldo bank (Rp)", Align: report.Right, Width: 1.4},
	}
	var rows []report.Row
	for _, r := range b.Baris {
		rows = append(rows, report.Row{Cells: []report.Cell{
			report.Angka(int64(r.No), strconv.Itoa(r.No)), report.Teks(tanggalPendek(r.Tanggal)), report.Teks(r.NomorBukti),
			report.Teks(r.Uraian), report.Teks(string(r.KodeRekening)), report.Teks(r.Kas),
			selRp(r.Penerimaan), selRp(r.Pengeluaran), selRp(r.SaldoTunai), selRp(r.SaldoBank)}})
	}
	rows = append(rows, report.Row{Bold: true, Cells: []report.Cell{report.Teks(""), report.Teks(""), report.Teks(""),
		report.Teks("Jumlah"), report.Teks(""), report.Teks(""), selRp(b.Penerimaan), selRp(b.Pengeluaran), selRp(b.SaldoTunai), selRp(b.SaldoBank)}})
	bkuSec := report.Section{Heading: "Buku Kas Umum", Figures: []report.Figure{
		{Label: "Saldo kas tunai", Value: b.SaldoTunai.String()},
		{Label: "Saldo kas bank", Value: b.SaldoBank.String()},
		{Label: "Pajak belum disetor", Value: (p.SisaPPN + p.SisaPPh).String()},
	}}
	if len(b.Baris) == 0 {
		bkuSec.Empty = "Belum ada transaksi."
	} else {
		bkuSec.Tables = []report.Table{{Title: "Buku Kas Umum", Columns: kol, Rows: rows}}
	}
	pkol := []report.Column{
		{Label: "Tanggal", Width: 1.2}, {Label: "No. bukti", Width: 1.1}, {Label: "Uraian", Width: 4},
		{Label: "Pungut PPN", Align: report.Right}, {Label: "Pungut PPh", Align: report.Right},
		{Label: "Setor PPN", Align: report.Right}, {Label: "Setor PPh", Align: report.Right}, {Label: "Belum disetor", Align: report.Right},
	}
	var prow []report.Row
	for _, r := range p.Baris {
		prow = append(prow, report.Row{Cells: []report.Cell{report.Teks(tanggalPendek(r.Tanggal)), report.Teks(r.NomorBukti), report.Teks(r.Uraian),
			selRp(r.PungutPPN), selRp(r.PungutPPh), selRp(r.SetorPPN), selRp(r.SetorPPh), selRp(r.Sisa)}})
	}
	prow = append(prow, report.Row{Bold: true, Cells: []report.Cell{report.Teks(""), report.Teks(""), report.Teks("Jumlah"),
		selRp(p.PungutPPN), selRp(p.PungutPPh), selRp(p.SetorPPN), selRp(p.SetorPPh), selRp(p.SisaPPN + p.SisaPPh)}})
	pajakSec := report.Section{Heading: "Buku Pembantu Pajak"}
	if len(p.Baris) == 0 {
		pajakSec.Empty = "Belum ada pungutan pajak."
	} else {
		pajakSec.Tables = []report.Table{{Title: "Buku Pembantu Pajak", Columns: pkol, Rows: prow}}
	}
	kegSec := report.Section{Heading: "Buku Pembantu Kegiatan"}
	if len(keg) == 0 {
		kegSec.Empty = "APBDes ini tidak memuat belanja."
	} else {
		var kr []report.Row
		var ang, terwujud, panjar Rupiah
		for _, k := range keg {
			kr = append(kr, report.Row{Cells: []report.Cell{report.Teks(string(k.KodeKegiatan)), report.Teks(k.Nama),
				selRp(k.Anggaran), selRp(k.Realisasi), selRp(k.PanjarTerbuka), selRp(k.Anggaran - k.Realisasi - k.PanjarTerbuka),
				report.Angka(int64(len(k.Baris)), strconv.Itoa(len(k.Baris)))}})
			ang, terwujud, panjar = ang+k.Anggaran, terwujud+k.Realisasi, panjar+k.PanjarTerbuka
		}
		kr = append(kr, report.Row{Bold: true, Cells: []report.Cell{report.Teks(""), report.Teks("Jumlah"),
			selRp(ang), selRp(terwujud), selRp(panjar), selRp(ang - terwujud - panjar), report.Teks("")}})
		kegSec.Tables = []report.Table{{Title: "Buku Pembantu Kegiatan", Columns: []report.Column{
			{Label: "Kode", Width: 0.9}, {Label: "Kegiatan", Width: 4}, {Label: "Anggaran (Rp)", Align: report.Right, Width: 1.4},
			{Label: "Realisasi (Rp)", Align: report.Right, Width: 1.4}, {Label: "Panjar terbuka (Rp)", Align: report.Right, Width: 1.4},
			{Label: "Sisa (Rp)", Align: report.Right, Width: 1.4}, {Label: "Transaksi", Align: report.Right, Width: 0.8},
		}, Rows: kr}}
	}
	return report.Document{Title: "Buku Kas Umum", Subtitle: m.subjudulLaporan(ctx, b.Tahun), Landscape: true,
		Sections: []report.Section{bkuSec, pajakSec, kegSec}, Footer: m.catatanCetak(ctx)}
}

// tanggalPendek is a date as a dense table prints it: "05-03-2026".
func tanggalPendek(d civil.Date) string {
	s := string(d)
	if len(s) != 10 {
		return s
	}
	return strings.Join([]string{s[8:10], s[5:7], s[0:4]}, "-")
}

// BerkasLaporan of the realisasi part: a rendered document and its name.
type BerkasLaporan struct {
	Nama   string
	Tipe   string
	Berkas []byte
}

// Format of a download.
const (
	LaporanPDF  = "pdf"
	LaporanXLSX = "xlsx"
)

// render turns d into format.
func renderLaporan(d report.Document, format, nama string) (BerkasLaporan, error) {
	if format == LaporanPDF {
		b, err := report.PDF(d)
		return BerkasLaporan{Nama: nama + ".pdf", Tipe: "application/pdf", Berkas: b}, err
	}
	b, err := report.XLSX(d)
	return BerkasLaporan{Nama: nama + ".xlsx", Tipe: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Berkas: b}, err
}

// UnduhLRA renders the LRA of tahun and semester as format.
func (m *Module) UnduhLRA(ctx context.Context, tahun, semester int, format string) (BerkasLaporan, error) {
	l, err := m.LRA(ctx, tahun, semester)
	if err != nil {
		return BerkasLaporan{}, err
	}
	t, _ := tenancy.From(ctx)
	nama := fmt.Sprintf("lra-%s-%d", strings.ReplaceAll(string(t.Kode), ".", ""), tahun)
	if semester > 0 {
		nama += "-semester-" + strconv.Itoa(semester)
	}
	return renderLaporan(m.DokumenLRA(ctx, l), format, nama)
}

// UnduhBKU renders the BKU and buku pajak of tahun as format.
func (m *Module) UnduhBKU(ctx context.Context, tahun int, format string) (BerkasLaporan, error) {
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return BerkasLaporan{}, err
	}
	t, _ := tenancy.From(ctx)
	nama := fmt.Sprintf("bku-%s-%d", strings.ReplaceAll(string(t.Kode), ".", ""), tahun)
	b, err := renderLaporan(m.DokumenBKU(ctx, d.jurnal.bku(tahun), d.jurnal.bukuPajak(tahun), d.bukuKegiatan()), format, nama)
	if err != nil {
		return b, err
	}
	// The BKU names payees, often residents: its download is recorded
	// (UU 27/2022 Pasal 31), as a letter's is.
	if m.audit != nil {
		actor := pelakuID(ctx)
		if actor == "anon" {
			actor = audit.ActorAnon
		}
		if err := m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: actor, Action: "unduh-bku",
			Object: "bku/" + strconv.Itoa(tahun) + "." + format, Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)}); err != nil {
			return BerkasLaporan{}, err
		}
	}
	return b, nil
}
