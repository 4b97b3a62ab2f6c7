package cctv

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
	"github.com/ngantor/ngantor/platform/valid"
)

// OPD whose business the desa's cameras are, by their code in DaftarOPD:
// they get the cctv section of a dossier (the bupati gets it too).
const (
	OPDSatpolPP   = "SATPOLPP"   // Satuan Polisi Pamong Praja: ketertiban, sampah liar
	OPDDishub     = "DISHUB"     // Dinas Perhubungan: lalu lintas
	OPDDiskominfo = "DISKOMINFO" // Dinas Komunikasi dan Informatika: jaringan, command centre
	OPDBPBD       = "BPBD"       // Badan Penanggulangan Bencana Daerah: bencana
)

// DossierOPD reports whether OPD kode gets the cctv section.
func DossierOPD(kode string) bool {
	switch opdKode(kode) {
	case OPDSatpolPP, OPDDishub, OPDDiskominfo, OPDBPBD:
		return true
	}
	return false
}

// DossierSection is the cctv part of a field-visit dossier for desa
// (ARCHITECTURE.md, "Cross-module contracts"), for the bupati and the OPD
// of DossierOPD: the desa's cameras by purpose, the uptime of the desa and
// of each camera over 24 hours, 7 and 30 days, the cameras down for more
// than BatasMati (name, since when), and — for an OPD — the aktif cameras
// whose access list does not yet name that OPD, or — for the bupati — the
// cameras with no access list at all. Health is read as of now (the
// probes keep 30 days), so the period is not used. No link, no
// credentials. A desa with no camera says "Belum ada kamera tercatat.".
//
// Any other OPD gets the zero Section (no heading, nothing in it): cameras
// are not its business, and a dossier leaves such a section out.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, _ indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Dosir CCTV memerlukan kode desa.")
	}
	opd := ""
	if !audience.Bupati {
		if !DossierOPD(audience.OPD) {
			return report.Section{}, nil
		}
		opd = opdKode(audience.OPD)
	}
	s := report.Section{Heading: "Kamera CCTV desa"}
	ks, err := m.laporanKamera(ctx, desa)
	if err != nil {
		return report.Section{}, err
	}
	if len(ks) == 0 {
		s.Empty = "Belum ada kamera tercatat."
		return s, nil
	}
	akses, err := m.dossierAkses(ctx, desa)
	if err != nil {
		return report.Section{}, err
	}
	lu, err := m.bacaUptime(ctx, desa)
	if err != nil {
		return report.Section{}, err
	}
	mati, err := m.DownSince(ctx, desa)
	if err != nil {
		return report.Section{}, err
	}
	zona := civil.Zone(desa)

	aktif := 0
	type perTujuan struct{ kamera, aktif int }
	tujuan := map[string]*perTujuan{}
	for _, k := range ks {
		t := tujuan[k.Tujuan]
		if t == nil {
			t = &perTujuan{}
			tujuan[k.Tujuan] = t
		}
		t.kamera++
		if k.Status == StatusAktif {
			aktif++
			t.aktif++
		}
	}
	persen := func(a UptimeAngka) string { bp, ok := a.PersenBP(); return PersenBP(bp, ok) }
	s.Figures = []report.Figure{
		{Label: "Kamera tercatat", Value: strconv.Itoa(len(ks)), Note: strconv.Itoa(aktif) + " aktif"},
		{Label: "Uptime 24 jam", Value: persen(lu.desa[0][desa])},
		{Label: "Uptime 7 hari", Value: persen(lu.desa[1][desa])},
		{Label: "Uptime 30 hari", Value: persen(lu.desa[2][desa])},
		{Label: "Mati lebih dari 24 jam", Value: strconv.Itoa(len(mati))},
	}

	tt := report.Table{Title: "Kamera per tujuan", Columns: []report.Column{{Label: "Tujuan", Width: 2},
		{Label: "Kamera", Align: report.Right}, {Label: "Aktif", Align: report.Right}}}
	for _, kode := range []string{TujuanKeamanan, TujuanLaluLintas, TujuanSampahLiar, TujuanBencana, TujuanFasilitasUmum} {
		if t := tujuan[kode]; t != nil {
			tt.Rows = append(tt.Rows, report.Row{Cells: []report.Cell{report.Teks(NamaTujuan(kode)),
				report.Angka(int64(t.kamera), strconv.Itoa(t.kamera)), report.Angka(int64(t.aktif), strconv.Itoa(t.aktif))}})
		}
	}
	s.Tables = append(s.Tables, tt)

	ut := report.Table{Title: "Uptime per kamera", Columns: []report.Column{{Label: "Kamera", Width: 2}, {Label: "Banjar/dusun", Width: 1.5},
		{Label: "Tujuan"}, {Label: "Status"}, {Label: "24 jam", Align: report.Right}, {Label: "7 hari", Align: report.Right}, {Label: "30 hari", Align: report.Right}}}
	for _, k := range ks {
		ut.Rows = append(ut.Rows, report.Row{Cells: []report.Cell{report.Teks(k.Nama), report.Teks(k.Dusun), report.Teks(NamaTujuan(k.Tujuan)),
			report.Teks(k.Status), laporanBPCell(lu.kamera[0][k.ID]), laporanBPCell(lu.kamera[1][k.ID]), laporanBPCell(lu.kamera[2][k.ID])}})
	}
	s.Tables = append(s.Tables, ut)

	if len(mati) > 0 {
		// Whole days to today's date, not hours to the clock: a dossier
		// rebuilt the same day from unchanged data must read the same (its
		// content hash decides whether a new version is kept).
		hariIni := civil.DateOf(m.now().In(zona))
		mt := report.Table{Title: "Kamera mati lebih dari 24 jam", Columns: []report.Column{{Label: "Kamera", Width: 2},
			{Label: "Banjar/dusun", Width: 1.5}, {Label: "Mati sejak", Width: 1.5}, {Label: "Lama", Align: report.Right}}}
		for _, x := range mati {
			mt.Rows = append(mt.Rows, report.Row{Cells: []report.Cell{report.Teks(x.Nama), report.Teks(x.Dusun),
				report.Teks(x.Sejak.In(zona).Format("2006-01-02 15:04")), report.Teks(dossierLama(civil.DateOf(x.Sejak.In(zona)), hariIni))}})
		}
		s.Tables = append(s.Tables, mt)
	} else {
		s.Notes = append(s.Notes, "Tidak ada kamera yang mati lebih dari 24 jam.")
	}

	if opd != "" {
		bt := report.Table{Title: "Kamera aktif yang belum dapat dibuka " + opd, Columns: []report.Column{{Label: "Kamera", Width: 2},
			{Label: "Banjar/dusun", Width: 1.5}, {Label: "Tujuan"}}}
		for _, k := range ks {
			if k.Status == StatusAktif && !akses[k.ID][PenerimaOPD+":"+opd] {
				bt.Rows = append(bt.Rows, report.Row{Cells: []report.Cell{report.Teks(k.Nama), report.Teks(k.Dusun), report.Teks(NamaTujuan(k.Tujuan))}})
			}
		}
		if len(bt.Rows) > 0 {
			s.Tables = append(s.Tables, bt)
			s.Notes = append(s.Notes, "Desa menetapkan siapa yang boleh membuka tautan langsung tiap kamera; "+
				opd+" dapat memintanya kepada perbekel.")
		} else {
			s.Notes = append(s.Notes, "Semua kamera aktif sudah dapat dibuka "+opd+".")
		}
	} else {
		tanpa := 0
		for _, k := range ks {
			if len(akses[k.ID]) == 0 {
				tanpa++
			}
		}
		if tanpa > 0 {
			s.Notes = append(s.Notes, valid.Angka(int64(tanpa))+" kamera belum memiliki daftar akses: belum ada OPD atau peran yang dapat membuka tautan langsungnya.")
		}
	}
	return s, nil
}

// dossierAkses reads the access lists of desa's cameras: camera id →
// penerima → true, in one query.
func (m *Module) dossierAkses(ctx context.Context, desa tenancy.Kode) (map[string]map[string]bool, error) {
	var rows []Akses
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for _, a := range rows {
		if out[a.KameraID] == nil {
			out[a.KameraID] = map[string]bool{}
		}
		out[a.KameraID][a.Penerima] = true
	}
	return out, nil
}

// dossierLama prints for how many calendar days a camera has been down,
// from the date it went down to today: "3 hari".
func dossierLama(sejak, hariIni civil.Date) string {
	hari := int64(hariIni.Time().Sub(sejak.Time()) / (24 * time.Hour))
	return strconv.FormatInt(hari, 10) + " hari"
}
