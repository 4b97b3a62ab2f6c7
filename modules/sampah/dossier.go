package sampah

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

// OPDLingkunganHidup is the OPD code of the environment office (Dinas
// Lingkungan Hidup), whose dossier gets the detailed version.
const OPDLingkunganHidup = "DLH"

var dossierBulanSingkat = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// dossierBulan is one month of the dossier's window with its figures and
// the targets of its year.
type dossierBulan struct {
	kunci  string // "2026-03"
	label  string // "Mar 2026"
	angka  Angka
	target [2]*Target // pengurangan, penanganan
}

// DossierSection is the sampah part of a field-visit dossier for desa
// (ARCHITECTURE.md, "Cross-module contracts"): its facilities and their
// status, the figures of the 12 months up to the period's end (today when
// it ends later) against the Jakstranas or kabupaten targets, as a table
// and charts, and the problems logged — days a TPS3R did not operate, the
// notes of its daily log, inactive facilities. The DLH (audience OPD
// "DLH") also gets each facility's log per month (organik, anorganik,
// residu, kompos, residu to TPA) and the bank sampah's setoran and sales to
// pengepul per jenis. Sums and facility names only: no nasabah. A desa
// with no facility gets "Belum ada data.".
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	sampai := m.indikatorSampai(desa, period)
	if !desa.IsDesa() || sampai == "" || sampai.Year() < TahunMin+1 || sampai.Year() > TahunMax {
		return report.Section{}, fault.New(fault.Invalid, "Dosir sampah memerlukan kode desa dan periode.")
	}
	t := sampai.Time()
	awalT := time.Date(t.Year(), t.Month()-11, 1, 0, 0, 0, 0, time.UTC)
	dari := civil.DateOf(awalT)
	s := report.Section{Heading: "Pengelolaan sampah — " + dossierBulanSingkat[awalT.Month()-1] + " " + strconv.Itoa(awalT.Year()) +
		" s.d. " + sampai.String()}

	// The figures of the window: the year before (when the window reaches
	// into it) and the year of sampai.
	var bulan []dossierBulan
	var tahunIni CapaianDesa
	var capIni Capaian
	for _, akhir := range []civil.Date{civil.Date(strconv.Itoa(t.Year()-1) + "-12-31"), sampai} {
		if akhir.Year() < awalT.Year() {
			continue
		}
		c, err := m.CapaianSampai(ctx, desa, akhir)
		if err != nil {
			return report.Section{}, err
		}
		var cd CapaianDesa
		if len(c.Desa) == 1 {
			cd = c.Desa[0]
		}
		for i := range 12 {
			mt := time.Date(akhir.Year(), time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)
			if mt.Before(awalT) || mt.After(t) {
				continue
			}
			bulan = append(bulan, dossierBulan{kunci: mt.Format("2006-01"), label: dossierBulanSingkat[i] + " " + strconv.Itoa(mt.Year()),
				angka: cd.Bulan[i], target: [2]*Target{c.TargetPengurangan, c.TargetPenanganan}})
		}
		tahunIni, capIni = cd, c
	}

	var fs []Fasilitas
	var logs []dossierLogBulan
	var catatan []dossierCatatan
	var nCatatan int
	var jenis []dossierJenisJumlah
	dlh := !audience.Bupati && audience.OPD == OPDLingkunganHidup
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if fs, err = ListFasilitas(ctx, tx); err != nil || len(fs) == 0 {
			return err
		}
		if logs, err = dossierLogPerBulan(ctx, tx, dari, sampai); err != nil {
			return err
		}
		if catatan, nCatatan, err = dossierCatatanLog(ctx, tx, dari, sampai); err != nil {
			return err
		}
		if dlh {
			jenis, err = dossierPerJenis(ctx, tx, dari, sampai)
		}
		return err
	})
	if err != nil {
		return report.Section{}, err
	}
	if len(fs) == 0 {
		s.Empty = "Belum ada data."
		return s, nil
	}
	nama := map[string]string{}
	for _, f := range fs {
		nama[f.ID] = f.Nama
	}

	// Key figures: the year of sampai so far.
	aktif, tidak := 0, 0
	for _, f := range fs {
		if f.Status == "aktif" {
			aktif++
		} else {
			tidak++
		}
	}
	a := tahunIni.Tahun
	thn := "Tahun " + strconv.Itoa(t.Year()) + " s.d. " + sampai.String()
	s.Figures = []report.Figure{
		{Label: "Fasilitas", Value: strconv.Itoa(aktif) + " aktif, " + strconv.Itoa(tidak) + " tidak aktif"},
		{Label: "Pengurangan", Value: persen(a.PenguranganBP()), Note: Ton(a.PenguranganGram) + " ton; " + dossierTarget(capIni.TargetPengurangan) + thn},
		{Label: "Penanganan", Value: persen(a.PenangananBP()), Note: Ton(a.PenangananGram) + " ton; " + dossierTarget(capIni.TargetPenanganan) + thn},
		{Label: "Nasabah bank sampah aktif (90 hari)", Value: valid.Angka(int64(tahunIni.NasabahAktif))},
	}
	if tahunIni.Penduduk > 0 {
		s.Figures = append(s.Figures, report.Figure{Label: "Timbulan (perkiraan)", Value: Ton(a.TimbulanGram) + " ton",
			Note: valid.Angka(tahunIni.Penduduk) + " jiwa × " + strconv.Itoa(capIni.Pengaturan.TimbulanGramOrangHari) + " g/orang/hari"})
	} else {
		s.Notes = append(s.Notes, "Penduduk desa belum tercatat di profil desa: timbulan dan persentase tidak dapat dihitung.")
	}

	ft := report.Table{Title: "Fasilitas", Columns: []report.Column{{Label: "Nama", Width: 2}, {Label: "Jenis"}, {Label: "Status", Width: 2}}}
	for _, f := range fs {
		st := "aktif"
		if f.Status != "aktif" {
			st = "tidak aktif: " + f.AlasanTidakAktif
		}
		ft.Rows = append(ft.Rows, report.Row{Cells: []report.Cell{report.Teks(f.Nama), report.Teks(NamaJenisFasilitas(f.Jenis)), report.Teks(st)}})
	}
	s.Tables = append(s.Tables, ft)

	bt := report.Table{Title: "Capaian per bulan terhadap target", Columns: []report.Column{{Label: "Bulan"},
		{Label: "Timbulan (ton)", Align: report.Right}, {Label: "Pengurangan (ton)", Align: report.Right}, {Label: "Pengurangan (%)", Align: report.Right},
		{Label: "Penanganan (ton)", Align: report.Right}, {Label: "Penanganan (%)", Align: report.Right}, {Label: "Target (pengurangan / penanganan)", Align: report.Right}}}
	persen := report.Chart{Title: "Pengurangan dan penanganan per bulan (% timbulan)", Kind: report.Line, Unit: "%", Format: valid.FormatBP}
	ton := report.Chart{Title: "Sampah terkelola per bulan (kg)", Kind: report.Line, Unit: "kg", Format: func(g int64) string { return Kg(g) }}
	seri := make([]report.Series, 4)
	seri[0].Name, seri[1].Name, seri[2].Name, seri[3].Name = "Pengurangan", "Penanganan", "Target pengurangan", "Target penanganan"
	tonSeri := []report.Series{{Name: "Pengurangan"}, {Name: "Penanganan"}}
	semuaPersen := true
	for _, b := range bulan {
		pg, okPg := b.angka.PenguranganBP()
		pn, okPn := b.angka.PenangananBP()
		target := "–"
		if b.target[0] != nil && b.target[1] != nil {
			target = valid.FormatBP(int64(b.target[0].PersenBP)) + " / " + valid.FormatBP(int64(b.target[1].PersenBP))
			seri[2].Values = append(seri[2].Values, int64(b.target[0].PersenBP))
			seri[3].Values = append(seri[3].Values, int64(b.target[1].PersenBP))
		}
		bt.Rows = append(bt.Rows, report.Row{Cells: []report.Cell{report.Teks(b.label), dossierTonCell(b.angka.TimbulanGram),
			dossierTonCell(b.angka.PenguranganGram), dossierBPCell(pg, okPg), dossierTonCell(b.angka.PenangananGram), dossierBPCell(pn, okPn), report.Teks(target)}})
		semuaPersen = semuaPersen && okPg && okPn
		seri[0].Values = append(seri[0].Values, pg)
		seri[1].Values = append(seri[1].Values, pn)
		ton.Labels = append(ton.Labels, b.label)
		tonSeri[0].Values = append(tonSeri[0].Values, b.angka.PenguranganGram)
		tonSeri[1].Values = append(tonSeri[1].Values, b.angka.PenangananGram)
	}
	s.Tables = append(s.Tables, bt)
	if semuaPersen && len(bulan) > 0 {
		persen.Labels = ton.Labels
		persen.Series = seri[:2]
		if len(seri[2].Values) == len(bulan) {
			persen.Series = seri
		}
		s.Charts = append(s.Charts, persen)
	}
	ton.Series = tonSeri
	s.Charts = append(s.Charts, ton)

	// Problems logged.
	type hari struct{ log, tidak int }
	perFas := map[string]*hari{}
	var urut []string
	for _, l := range logs {
		h := perFas[l.FasilitasID]
		if h == nil {
			h = &hari{}
			perFas[l.FasilitasID] = h
			urut = append(urut, l.FasilitasID)
		}
		h.log += l.HariLog
		h.tidak += l.HariLog - l.HariOperasi
	}
	ht := report.Table{Title: "Hari TPS3R tidak beroperasi (12 bulan)", Columns: []report.Column{{Label: "Fasilitas", Width: 2},
		{Label: "Hari tercatat", Align: report.Right}, {Label: "Hari tidak beroperasi", Align: report.Right}}}
	for _, id := range urut {
		if h := perFas[id]; h.tidak > 0 {
			ht.Rows = append(ht.Rows, report.Row{Cells: []report.Cell{report.Teks(nama[id]),
				report.Angka(int64(h.log), valid.Angka(int64(h.log))), report.Angka(int64(h.tidak), valid.Angka(int64(h.tidak)))}})
		}
	}
	if len(ht.Rows) > 0 {
		s.Tables = append(s.Tables, ht)
	} else if len(logs) > 0 {
		s.Notes = append(s.Notes, "Setiap hari yang tercatat di log TPS3R, fasilitas beroperasi.")
	} else {
		s.Notes = append(s.Notes, "Belum ada log harian TPS3R dalam 12 bulan ini.")
	}
	if len(catatan) > 0 {
		ct := report.Table{Title: "Catatan log TPS3R (terbaru)", Columns: []report.Column{{Label: "Tanggal"}, {Label: "Fasilitas", Width: 2},
			{Label: "Beroperasi"}, {Label: "Catatan", Width: 4}}}
		for _, c := range catatan {
			op := "ya"
			if !c.Beroperasi {
				op = "tidak"
			}
			ct.Rows = append(ct.Rows, report.Row{Cells: []report.Cell{report.Teks(c.Tanggal.String()), report.Teks(nama[c.FasilitasID]),
				report.Teks(op), report.Teks(c.Catatan)}})
		}
		s.Tables = append(s.Tables, ct)
		if nCatatan > len(catatan) {
			s.Notes = append(s.Notes, strconv.Itoa(nCatatan-len(catatan))+" catatan log lain dalam 12 bulan ini tidak dimuat.")
		}
	}
	for _, f := range fs {
		if f.Status != "aktif" {
			s.Notes = append(s.Notes, "Tidak aktif: "+f.Nama+" ("+NamaJenisFasilitas(f.Jenis)+") — "+f.AlasanTidakAktif)
		}
	}

	if dlh {
		s.Tables = append(s.Tables, dossierDetailLog(logs, nama, bulan)...)
		s.Tables = append(s.Tables, dossierDetailJenis(jenis, nama)...)
	}
	return s, nil
}

// dossierDetailLog is the DLH's table of each facility's log per month.
func dossierDetailLog(logs []dossierLogBulan, nama map[string]string, bulan []dossierBulan) []report.Table {
	if len(logs) == 0 {
		return nil
	}
	label := map[string]string{}
	for _, b := range bulan {
		label[b.kunci] = b.label
	}
	t := report.Table{Title: "Log TPS3R per fasilitas dan bulan (kg)", Columns: []report.Column{{Label: "Fasilitas · bulan", Width: 2},
		{Label: "Organik", Align: report.Right}, {Label: "Anorganik bernilai", Align: report.Right}, {Label: "Residu", Align: report.Right},
		{Label: "Kompos", Align: report.Right}, {Label: "Residu ke TPA", Align: report.Right}, {Label: "Hari operasi / tercatat", Align: report.Right}}}
	prev := ""
	for _, l := range logs {
		if l.FasilitasID != prev {
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(nama[l.FasilitasID]), {}, {}, {}, {}, {}, {}}, Bold: true})
			prev = l.FasilitasID
		}
		lb := label[l.Bulan]
		if lb == "" {
			lb = l.Bulan
		}
		t.Rows = append(t.Rows, report.Row{Indent: 1, Cells: []report.Cell{report.Teks(lb), dossierKgCell(l.Organik), dossierKgCell(l.Anorganik),
			dossierKgCell(l.Residu), dossierKgCell(l.Kompos), dossierKgCell(l.ResiduTPA), report.Teks(strconv.Itoa(l.HariOperasi) + " / " + strconv.Itoa(l.HariLog))}})
	}
	return []report.Table{t}
}

// dossierDetailJenis is the DLH's tables of the bank sampah's setoran and
// sales to pengepul per jenis over the window.
func dossierDetailJenis(rows []dossierJenisJumlah, nama map[string]string) []report.Table {
	var out []report.Table
	for _, j := range []struct{ jenis, judul string }{
		{EntriSetoran, "Setoran bank sampah per jenis (12 bulan)"},
		{EntriPenjualan, "Penjualan ke pengepul per jenis (12 bulan)"},
	} {
		t := report.Table{Title: j.judul, Columns: []report.Column{{Label: "Bank sampah", Width: 2}, {Label: "Jenis", Width: 2},
			{Label: "Jumlah", Align: report.Right}, {Label: "Satuan"}, {Label: "Nilai (Rp)", Align: report.Right}}}
		for _, r := range rows {
			if r.Jenis != j.jenis {
				continue
			}
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(nama[r.FasilitasID]), report.Teks(r.Kode + " " + r.Nama),
				report.Pecahan(r.Jumlah, Skala, Takaran(r.Jumlah).String()), report.Teks(r.Satuan), report.Angka(r.Nilai, valid.Angka(r.Nilai))}})
		}
		if len(t.Rows) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func dossierTarget(t *Target) string {
	if t == nil {
		return ""
	}
	return "target " + valid.FormatBP(int64(t.PersenBP)) + "; "
}

func dossierBPCell(bp int64, ok bool) report.Cell {
	if !ok {
		return report.Teks("–")
	}
	return report.Pecahan(bp, 100, valid.FormatBP(bp))
}

func dossierTonCell(gram int64) report.Cell { return report.Pecahan(gram, 1_000_000, Ton(gram)) }

func dossierKgCell(gram int64) report.Cell { return report.Pecahan(gram, Skala, Kg(gram)) }
