package pembinaan

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DossierSection is the pembinaan part of a field-visit dossier for desa
// (every audience): the sessions (not cancelled) the desa was invited to
// in the period with how many of its perangkat attended, the attendance
// per post, and its follow-up points not yet done (overdue marked). A desa
// with none of them gets Empty "Belum ada data.".
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, _ report.Audience, period indicator.Period) (report.Section, error) {
	s := report.Section{Heading: "Pembinaan dan bimtek perangkat"}
	if !desa.IsDesa() {
		return s, fault.New(fault.Invalid, "Dosir pembinaan memerlukan kode desa.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var from, to time.Time
	if !period.From.IsZero() {
		from = cakupanAwal(desa, period.From)
	}
	if !period.To.IsZero() {
		to = cakupanAwal(desa, period.To.AddDate(0, 0, 1))
	}
	var sesi []struct {
		Judul         string    `bun:"judul"`
		Jenis         string    `bun:"jenis"`
		Penyelenggara string    `bun:"penyelenggara"`
		Mulai         time.Time `bun:"mulai"`
		Hadir         int64     `bun:"hadir"`
	}
	var jabatan []struct {
		Jabatan string `bun:"jabatan"`
		Hadir   int64  `bun:"hadir"`
		Orang   int64  `bun:"orang"`
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().TableExpr("pembinaan_undangan AS u").
			ColumnExpr("u.judul, u.jenis, u.penyelenggara, u.mulai").
			ColumnExpr("(SELECT count(*) FROM pembinaan_hadir AS h WHERE h.desa_id = u.desa_id AND h.pembinaan_id = u.pembinaan_id) AS hadir").
			Where("u.desa_id = ? AND u.status <> 'batal'", desa.ID())
		j := tx.NewSelect().TableExpr("pembinaan_hadir AS h").
			Join("JOIN pembinaan_undangan AS u ON u.desa_id = h.desa_id AND u.pembinaan_id = h.pembinaan_id").
			ColumnExpr("h.jabatan, count(*) AS hadir, count(DISTINCT h.perangkat_id) AS orang").
			Where("h.desa_id = ? AND u.status <> 'batal'", desa.ID()).GroupExpr("h.jabatan")
		if !from.IsZero() {
			q, j = q.Where("u.mulai >= ?", from), j.Where("u.mulai >= ?", from)
		}
		if !to.IsZero() {
			q, j = q.Where("u.mulai < ?", to), j.Where("u.mulai < ?", to)
		}
		if err := q.OrderExpr("u.mulai DESC, u.pembinaan_id").Limit(100).Scan(ctx, &sesi); err != nil {
			return err
		}
		return j.Scan(ctx, &jabatan)
	})
	if err != nil {
		return s, err
	}
	tl, err := m.tlDaftar(ctx, tlFilter{})
	if err != nil {
		return s, err
	}
	var buka []PembinaanTindakLanjut
	var terlambat int64
	for _, p := range tl {
		if p.Status != TLSelesai {
			buka = append(buka, p)
			if p.Terlambat {
				terlambat++
			}
		}
	}
	if len(sesi) == 0 && len(jabatan) == 0 && len(buka) == 0 {
		s.Empty = "Belum ada data."
		return s, nil
	}
	var diikuti int64
	for _, x := range sesi {
		if x.Hadir > 0 {
			diikuti++
		}
	}
	s.Figures = append(s.Figures,
		report.Figure{Label: "Pembinaan diikuti", Value: strconv.FormatInt(diikuti, 10), Note: "dari " + strconv.Itoa(len(sesi)) + " undangan dalam periode"},
		report.Figure{Label: "Tindak lanjut belum selesai", Value: strconv.Itoa(len(buka)), Note: strconv.FormatInt(terlambat, 10) + " lewat tenggat"})
	if len(sesi) > 0 {
		t := report.Table{Title: "Pembinaan dan bimtek dalam periode", Columns: []report.Column{
			{Label: "Tanggal"}, {Label: "Judul", Width: 3}, {Label: "Penyelenggara", Width: 2}, {Label: "Hadir", Align: report.Right}}}
		for _, x := range sesi {
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(string(civil.DateOf(x.Mulai.In(civil.Zone(desa))))),
				report.Teks(x.Judul), report.Teks(x.Penyelenggara), report.Angka(x.Hadir, strconv.FormatInt(x.Hadir, 10))}})
		}
		s.Tables = append(s.Tables, t)
	} else {
		s.Notes = append(s.Notes, "Pembinaan dalam periode: belum ada data.")
	}
	if len(jabatan) > 0 {
		t := report.Table{Title: "Kehadiran per jabatan", Columns: []report.Column{
			{Label: "Jabatan", Width: 2}, {Label: "Kehadiran", Align: report.Right}, {Label: "Orang", Align: report.Right}}}
		for _, x := range jabatan {
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(cakupanJabatanLabel(x.Jabatan)),
				report.Angka(x.Hadir, strconv.FormatInt(x.Hadir, 10)), report.Angka(x.Orang, strconv.FormatInt(x.Orang, 10))}})
		}
		s.Tables = append(s.Tables, t)
	}
	if len(buka) > 0 {
		t := report.Table{Title: "Tindak lanjut belum selesai", Columns: []report.Column{
			{Label: "Tindak lanjut", Width: 3}, {Label: "Pembinaan", Width: 2}, {Label: "Tenggat"}, {Label: "Status"}}}
		for _, p := range buka {
			st := p.StatusLabel()
			if p.Terlambat {
				st += " (terlambat)"
			}
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(p.Uraian), report.Teks(p.Judul),
				report.Teks(string(p.Tenggat)), report.Teks(st)}, Bold: p.Terlambat})
		}
		s.Tables = append(s.Tables, t)
	} else {
		s.Notes = append(s.Notes, "Tindak lanjut: tidak ada yang terbuka.")
	}
	return s, nil
}
