package audiensi

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The module's indicators (platform/indicator): one query for the whole
// wilayah under its RLS range, figures per desa without any text or
// person. Shares are basis points (9250 is 92,50 %), working days in
// hundredths (350 is 3,5). A desa with no audiensi has no value.
const (
	IndDiterima    = "audiensi_diterima"    // received in the period
	IndTerbuka     = "audiensi_terbuka"     // open now
	IndTerlambat   = "audiensi_terlambat"   // open and past due now
	IndTepatWaktu  = "audiensi_tepat_waktu" // closed in the period within target, bp
	IndMedianHari  = "audiensi_median_hari" // median working days to close (closed in the period), ×100
	sourceAudiensi = "audiensi"
)

// Definitions lists the module's indicators.
func (m *Module) Definitions() []indicator.Definition {
	d := func(code, nama, satuan string, periodic, higher bool) indicator.Definition {
		return indicator.Definition{Source: sourceAudiensi, Code: code, Nama: nama, Satuan: satuan, Kind: indicator.Count,
			Periodic: periodic, HigherIsBetter: higher, Kini: !periodic, Permission: PermStatistik}
	}
	return []indicator.Definition{
		d(IndDiterima, "Audiensi diterima", "audiensi", true, false),
		d(IndTerbuka, "Audiensi masih berjalan", "audiensi", false, false),
		d(IndTerlambat, "Audiensi melewati tenggat", "audiensi", false, false),
		d(IndTepatWaktu, "Audiensi ditutup tepat waktu", "bp (1/100 %)", true, true),
		d(IndMedianHari, "Median hari kerja sampai ditutup", "1/100 hari kerja (350 = 3,5)", true, false),
	}
}

type indRow struct {
	DesaID     int64       `bun:"desa_id"`
	Status     Status      `bun:"status"`
	Diterima   civil.Date  `bun:"diterima"`
	Tenggat    civil.Date  `bun:"tenggat"`
	Ditutup    *civil.Date `bun:"ditutup"`
	HariKerja  *int        `bun:"hari_kerja"`
	TepatWaktu *bool       `bun:"tepat_waktu"`
}

// Indicators answers for every desa inside wilayah: what was received or
// closed in period, and what is open now (as of today).
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	today := civil.Today(m.now(), wilayah)
	from, to := period.From, period.To
	if to == "" {
		to = today
	}
	if from == "" {
		from = to.AddDate(-1, 0, 1)
	}
	var rows []indRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model((*Audiensi)(nil)).
			Column("desa_id", "status", "diterima", "tenggat", "ditutup", "hari_kerja", "tepat_waktu").
			Where("a.status IN (?) OR a.diterima BETWEEN ? AND ? OR a.ditutup BETWEEN ? AND ?", bun.In(statusTerbuka), from, to, from, to)
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	type acc struct {
		diterima, terbuka, terlambat, ditutup, tepat int64
		hari                                         []int
	}
	per := map[int64]*acc{}
	for _, r := range rows {
		a := per[r.DesaID]
		if a == nil {
			a = &acc{}
			per[r.DesaID] = a
		}
		if !r.Diterima.Before(from) && !to.Before(r.Diterima) {
			a.diterima++
		}
		if r.Status.Terbuka() {
			a.terbuka++
			if r.Tenggat.Before(today) {
				a.terlambat++
			}
		} else if r.Ditutup != nil && !r.Ditutup.Before(from) && !to.Before(*r.Ditutup) {
			a.ditutup++
			if r.TepatWaktu != nil && *r.TepatWaktu {
				a.tepat++
			}
			if r.HariKerja != nil {
				a.hari = append(a.hari, *r.HariKerja)
			}
		}
	}
	ids := make([]int64, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []indicator.Value
	add := func(id int64, code string, n int64) {
		if indicator.Wants(codes, code) {
			out = append(out, indicator.Value{Desa: tenancy.KodeOfDesaID(id), Source: sourceAudiensi, Code: code, Number: n})
		}
	}
	for _, id := range ids {
		a := per[id]
		add(id, IndDiterima, a.diterima)
		add(id, IndTerbuka, a.terbuka)
		add(id, IndTerlambat, a.terlambat)
		if a.ditutup > 0 {
			if bp, ok := valid.BasisPoin(a.tepat, a.ditutup); ok {
				add(id, IndTepatWaktu, bp)
			}
		}
		if len(a.hari) > 0 {
			sort.Ints(a.hari)
			n := len(a.hari)
			med := int64(a.hari[n/2]) * 100
			if n%2 == 0 {
				med = int64(a.hari[n/2-1]+a.hari[n/2]) * 50
			}
			add(id, IndMedianHari, med)
		}
	}
	return out, nil
}

// DossierSection is the audiensi part of a field-visit dossier for desa
// (ARCHITECTURE.md, "Cross-module contracts"). For the bupati: the year's
// figures and every open audiensi with its recipients and clock. For an
// OPD: the open audiensi disposed to it in that desa. Never the reporter
// nor the text of a complaint: title, category, dates and state only.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Dosir audiensi memerlukan kode desa.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	s := report.Section{Heading: "Audiensi warga"}
	var penerima string
	if !audience.Bupati {
		if m.opd == nil {
			return report.Section{}, nil
		}
		o, ok, err := m.opd.OPDByKode(ctx, desa.Up(tenancy.Kabupaten), audience.OPD)
		if err != nil {
			return s, err
		}
		if !ok {
			return report.Section{}, nil // not an OPD of this kabupaten: no section
		}
		penerima = o.ID
		s.Heading = "Audiensi yang didisposisikan kepada " + o.Nama
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return s, err
	}
	today := m.hariIni(ctx)
	var as []Audiensi
	var ds []DisposisiAudiensi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&as).
			Column("desa_id", "id", "judul", "kategori", "status", "diterima", "tenggat").
			Where("a.status IN (?)", bun.In(statusTerbuka)).OrderExpr("a.tenggat, a.id")
		if penerima != "" {
			sel = sel.Where("EXISTS (SELECT 1 FROM audiensi_disposisi AS d WHERE d.desa_id = a.desa_id AND d.audiensi_id = a.id AND d.penerima = ? AND d.status = ?)", penerima, Menunggu)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		dsel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ds).Column("desa_id", "audiensi_id", "penerima_nama", "status", "tenggat").
			OrderExpr("d.audiensi_id, d.penerima_nama, d.penerima"), "d.desa_id")
		if err != nil {
			return err
		}
		return dsel.Scan(ctx)
	})
	if err != nil {
		return s, err
	}
	if audience.Bupati {
		st, err := m.Statistik(ctx, today.Year())
		if err != nil {
			return s, err
		}
		s.Figures = []report.Figure{
			{Label: "Diterima tahun ini", Value: valid.Angka(int64(st.Total.Diterima))},
			{Label: "Masih berjalan", Value: valid.Angka(int64(st.Total.Terbuka))},
			{Label: "Melewati tenggat", Value: valid.Angka(int64(st.Total.Terlambat))},
			{Label: "Ditutup tepat waktu", Value: persenTeks(st.Total.PersenTepat, st.Total.Ditutup)},
		}
	}
	if len(as) == 0 {
		s.Empty = "Tidak ada audiensi yang masih berjalan."
		if !audience.Bupati {
			s.Empty = "Tidak ada audiensi terbuka untuk OPD ini di desa ini."
		}
		return s, nil
	}
	names := map[string][]string{}
	for _, d := range ds {
		names[d.AudiensiID] = append(names[d.AudiensiID], d.PenerimaNama+" ("+string(d.Status)+")")
	}
	t := report.Table{Title: "Audiensi yang masih berjalan", Columns: []report.Column{
		{Label: "Judul", Width: 3}, {Label: "Kategori", Width: 2}, {Label: "Status"}, {Label: "Diterima"}, {Label: "Tenggat", Width: 2}, {Label: "Penerima", Width: 2}}}
	for _, a := range as {
		kat := a.Kategori
		if c, ok := m.ref.KategoriOf(a.Kategori); ok {
			kat = c.Nama
		}
		jam := JamPada(k, today, a.Tenggat).Judul()
		rec := ""
		for i, n := range names[a.ID] {
			if i > 0 {
				rec += "; "
			}
			rec += n
		}
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(a.Judul), report.Teks(kat), report.Teks(a.Status.Judul()),
			report.Teks(a.Diterima.String()), report.Teks(a.Tenggat.String() + " — " + jam), report.Teks(rec)}})
	}
	s.Tables = append(s.Tables, t)
	return s, nil
}

func persenTeks(p float64, whole int) string {
	if whole == 0 {
		return "belum ada yang ditutup"
	}
	return strings.Replace(strconv.FormatFloat(p, 'f', 1, 64), ".", ",", 1) + " %"
}
