package keuangan

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Low realisasi late in the year: a belanja line below rendahBP of its
// budget once the period reaches October (rendahBulan) is listed in the
// dossier, at most rendahMaks lines, the largest unspent first.
const (
	rendahBP    = 5000 // 50 %
	rendahBulan = time.October
	rendahMaks  = 20
)

// DossierSection is the keuangan part of a field-visit dossier for desa
// (ARCHITECTURE.md, "Cross-module contracts"): the APBDes in force of the
// year the period ends in, with realisasi counted up to its last day —
// summary figures, realisasi by bidang (table and bars), the Dana Desa tahap
// received and, from October, the belanja lines still below 50 %. Sums
// only: no payee, bukti number or person. A desa with no APBDes that year
// gets "Belum ada data.".
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if !desa.IsDesa() || period.To == "" {
		return report.Section{}, fault.New(fault.Invalid, "Dosir keuangan memerlukan kode desa dan periode.")
	}
	tahun := period.To.Year()
	s := report.Section{Heading: "Keuangan desa — APBDes " + strconv.Itoa(tahun)}
	var rk apbdesRingkas
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		rk, err = readRingkas(ctx, tx, tahun, false, period.To)
		return err
	})
	if fault.Is(err, fault.NotFound) {
		s.Empty = "Belum ada data."
		return s, nil
	} else if err != nil {
		return report.Section{}, err
	}
	a := rk.APBDes
	status := "APBDes " + a.Versi + ", " + NamaStatus(a.Status)
	if a.Status == StatusDitetapkan {
		status += " (Perdes " + a.PerdesNomor + ", " + a.PerdesTanggal.String() + ")"
	}
	pct := "–"
	if bp, ok := basisPoin(rk.Realisasi, rk.Total.Belanja); ok {
		pct = valid.FormatBP(bp)
	}
	s.Figures = []report.Figure{
		{Label: "Status", Value: status},
		{Label: "Pendapatan", Value: rk.Total.Pendapatan.String(), Note: "diterima " + rk.Diterima.String()},
		{Label: "Belanja", Value: rk.Total.Belanja.String()},
		{Label: "Realisasi belanja", Value: pct, Note: rk.Realisasi.String() + " s.d. " + period.To.String()},
		{Label: "Pembiayaan netto", Value: rk.Total.PembiayaanNetto.String()},
		{Label: "SiLPA tahun berjalan (rencana)", Value: rk.Total.SiLPA.String()},
	}

	bidang := report.Table{Title: "Realisasi belanja per bidang", Columns: []report.Column{
		{Label: "Bidang", Width: 3}, {Label: "Anggaran (Rp)", Align: report.Right}, {Label: "Realisasi (Rp)", Align: report.Right},
		{Label: "Realisasi (%)", Align: report.Right}}}
	for _, b := range rk.Bidang {
		bidang.Rows = append(bidang.Rows, report.Row{Cells: []report.Cell{report.Teks(b.Kode + " " + b.Nama),
			report.Angka(int64(b.Anggaran), b.Anggaran.Angka()), report.Angka(int64(b.Realisasi), b.Realisasi.Angka()), bpCell(b.Realisasi, b.Anggaran)}})
	}
	if len(bidang.Rows) > 0 {
		s.Tables = append(s.Tables, bidang)
		s.Charts = append(s.Charts, barChart("Belanja per bidang: anggaran dan realisasi", rk.Bidang, true))
	}

	tahap := report.Table{Title: "Dana Desa diterima di RKD", Columns: []report.Column{
		{Label: "Tahap"}, {Label: "Jumlah (Rp)", Align: report.Right}, {Label: "Tanggal diterima"}}}
	for i := 1; i <= 3; i++ {
		if t := rk.Tahap[i]; t.jumlah > 0 {
			tahap.Rows = append(tahap.Rows, report.Row{Cells: []report.Cell{report.Teks([4]string{"", "I", "II", "III"}[i]),
				report.Angka(int64(t.jumlah), t.jumlah.Angka()), report.Teks(t.tanggal.String())}})
		}
	}
	if len(tahap.Rows) > 0 {
		s.Tables = append(s.Tables, tahap)
	} else {
		s.Notes = append(s.Notes, "Belum ada tahap Dana Desa yang dicatat diterima s.d. "+period.To.String()+".")
	}

	if lateInYear(period.To) {
		var low []posAnggaran
		for _, p := range rk.Rendah {
			if bp, ok := basisPoin(p.Realisasi, p.Anggaran); ok && bp < rendahBP {
				low = append(low, p)
			}
		}
		slices.SortStableFunc(low, func(a, b posAnggaran) int { return cmp.Compare(b.Anggaran-b.Realisasi, a.Anggaran-a.Realisasi) })
		if len(low) > 0 {
			t := report.Table{Title: "Belanja dengan realisasi di bawah 50 % (s.d. " + period.To.String() + ")", Columns: []report.Column{
				{Label: "Kegiatan · rekening", Width: 3}, {Label: "Anggaran (Rp)", Align: report.Right},
				{Label: "Realisasi (Rp)", Align: report.Right}, {Label: "Realisasi (%)", Align: report.Right}}}
			for _, p := range low[:min(rendahMaks, len(low))] {
				t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(p.Kode + " " + p.Nama),
					report.Angka(int64(p.Anggaran), p.Anggaran.Angka()), report.Angka(int64(p.Realisasi), p.Realisasi.Angka()), bpCell(p.Realisasi, p.Anggaran)}})
			}
			if len(low) > rendahMaks {
				s.Notes = append(s.Notes, strconv.Itoa(len(low)-rendahMaks)+" baris lain juga di bawah 50 %.")
			}
			s.Tables = append(s.Tables, t)
		} else {
			s.Notes = append(s.Notes, "Tidak ada baris belanja dengan realisasi di bawah 50 %.")
		}
	}
	return s, nil
}

// lateInYear: from 1 October the unspent budget is worth a question.
func lateInYear(d civil.Date) bool { return d.Month() >= rendahBulan }

func bpCell(part, whole Rupiah) report.Cell {
	bp, ok := basisPoin(part, whole)
	if !ok {
		return report.Teks("–")
	}
	return report.Pecahan(bp, 100, valid.FormatBP(bp))
}
