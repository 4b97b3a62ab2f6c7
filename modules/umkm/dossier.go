package umkm

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// OPDKoperasiUMKM is the OPD code of the Dinas Koperasi dan UMKM, the
// OPD audience that gets the UMKM and BUMDes section of a dossier.
const OPDKoperasiUMKM = "DISKOPUKM"

// dossierTahunBUMDes is how many of the BUMDes's latest years the dossier
// shows.
const dossierTahunBUMDes = 3

// DossierSection is the UMKM and BUMDes part of a field-visit dossier for
// desa (ARCHITECTURE.md, "Cross-module contracts"), for the bupati and the
// Dinas Koperasi & UMKM (OPD DISKOPUKM): UMKM counts by sektor and skala,
// the share with NIB, assistance received per OPD and year up to the
// period's year, and the BUMDes's profile with its last three years up to
// that year beside the APBDes. Counts and the BUMDes only: no owner's name
// or NIK is read. Any other OPD audience gets the zero Section (no heading:
// no section in its dossier), since the issue gives UMKM and BUMDes to the
// bupati and the Dinas Koperasi & UMKM only. A part with nothing recorded
// says "Belum ada data"; a desa with neither UMKM nor BUMDes gets
// Empty "Belum ada data.".
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Dosir UMKM dan BUMDes memerlukan kode desa.")
	}
	if !audience.Bupati && audience.OPD != OPDKoperasiUMKM {
		return report.Section{}, nil
	}
	tahun := m.indikatorTahun(desa, period)
	s := report.Section{Heading: "UMKM dan BUMDes"}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})

	var sektor []dossierSektor
	var bantuan []dossierBantuan
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if sektor, err = dossierPerSektor(ctx, tx); err != nil {
			return err
		}
		bantuan, err = dossierPerBantuan(ctx, tx, tahun)
		return err
	})
	if err != nil {
		return s, err
	}
	p, adaB, err := m.BacaProfil(ctx)
	if err != nil {
		return s, err
	}
	if len(sektor) == 0 && !adaB {
		s.Empty = "Belum ada data."
		return s, nil
	}
	m.dossierUmkm(&s, sektor, bantuan, tahun)
	dossierBUMDes(&s, p, adaB, tahun)
	return s, nil
}

type dossierSektor struct {
	Sektor string `bun:"sektor"`
	Skala  string `bun:"skala"`
	Status string `bun:"status"`
	Jumlah int64  `bun:"jumlah"`
	NIB    int64  `bun:"nib"`
}

func dossierPerSektor(ctx context.Context, tx bun.Tx) ([]dossierSektor, error) {
	var rows []dossierSektor
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("umkm AS u").
		ColumnExpr("u.sektor, u.skala, u.status, count(*) AS jumlah").
		ColumnExpr("sum(CASE WHEN u.nib <> '' THEN 1 ELSE 0 END) AS nib").
		GroupExpr("u.sektor, u.skala, u.status").OrderExpr("u.sektor, u.skala, u.status"), "u.desa_id")
	if err != nil {
		return nil, err
	}
	return rows, q.Scan(ctx, &rows)
}

type dossierBantuan struct {
	OPD     string `bun:"opd_kode"`
	Tahun   int    `bun:"tahun"`
	Bantuan int64  `bun:"bantuan"`
	Umkm    int64  `bun:"umkm"`
}

func dossierPerBantuan(ctx context.Context, tx bun.Tx, tahun int) ([]dossierBantuan, error) {
	var rows []dossierBantuan
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("umkm_bantuan AS b").
		ColumnExpr("b.opd_kode, b.tahun, count(*) AS bantuan, count(DISTINCT b.umkm_id) AS umkm").
		Where("b.tahun <= ?", tahun).
		GroupExpr("b.opd_kode, b.tahun").OrderExpr("b.tahun DESC, b.opd_kode"), "b.desa_id")
	if err != nil {
		return nil, err
	}
	return rows, q.Scan(ctx, &rows)
}

// dossierUmkm adds the UMKM part: key figures, sektor × skala of the
// aktif UMKM, and the assistance received.
func (m *Module) dossierUmkm(s *report.Section, rows []dossierSektor, bantuan []dossierBantuan, tahun int) {
	if len(rows) == 0 {
		s.Notes = append(s.Notes, "UMKM: belum ada data.")
		return
	}
	nama := map[string]string{}
	if ks, err := KategoriKBLIList(); err == nil {
		for _, k := range ks {
			nama[k.Kode] = k.Nama
		}
	}
	var aktif, tutup, nib int64
	type baris struct{ mikro, kecil, menengah int64 }
	per := map[string]*baris{}
	var urut []string
	for _, r := range rows {
		if r.Status != StatusAktif {
			tutup += r.Jumlah
			continue
		}
		aktif += r.Jumlah
		nib += r.NIB
		b := per[r.Sektor]
		if b == nil {
			b = &baris{}
			per[r.Sektor] = b
			urut = append(urut, r.Sektor)
		}
		switch r.Skala {
		case SkalaMikro:
			b.mikro += r.Jumlah
		case SkalaKecil:
			b.kecil += r.Jumlah
		case SkalaMenengah:
			b.menengah += r.Jumlah
		}
	}
	share := "–"
	if bp, ok := valid.BasisPoin(nib, aktif); ok {
		share = valid.FormatBP(bp)
	}
	s.Figures = append(s.Figures,
		report.Figure{Label: "UMKM aktif", Value: valid.Angka(aktif), Note: valid.Angka(tutup) + " tutup"},
		report.Figure{Label: "UMKM aktif ber-NIB", Value: share, Note: valid.Angka(nib) + " dari " + valid.Angka(aktif) + " usaha"})
	if aktif > 0 {
		t := report.Table{Title: "UMKM aktif per sektor (kategori KBLI 2020) dan skala (PP 7/2021)", Columns: []report.Column{
			{Label: "Sektor", Width: 3}, {Label: "Mikro", Align: report.Right}, {Label: "Kecil", Align: report.Right},
			{Label: "Menengah", Align: report.Right}, {Label: "Jumlah", Align: report.Right}}}
		var jm, jk, jn int64
		for _, k := range urut {
			b := per[k]
			label := k
			if n := nama[k]; n != "" {
				label = k + " — " + n
			}
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(label), dossierAngka(b.mikro), dossierAngka(b.kecil),
				dossierAngka(b.menengah), dossierAngka(b.mikro + b.kecil + b.menengah)}})
			jm, jk, jn = jm+b.mikro, jk+b.kecil, jn+b.menengah
		}
		t.Rows = append(t.Rows, report.Row{Bold: true, Cells: []report.Cell{report.Teks("Jumlah"), dossierAngka(jm), dossierAngka(jk),
			dossierAngka(jn), dossierAngka(jm + jk + jn)}})
		s.Tables = append(s.Tables, t)
	}
	if len(bantuan) == 0 {
		s.Notes = append(s.Notes, "Bantuan OPD kepada UMKM sampai tahun "+strconv.Itoa(tahun)+": belum ada data.")
		return
	}
	t := report.Table{Title: "Bantuan OPD yang diterima UMKM (sampai tahun " + strconv.Itoa(tahun) + ")", Columns: []report.Column{
		{Label: "Tahun"}, {Label: "OPD", Width: 2}, {Label: "Bantuan", Align: report.Right}, {Label: "UMKM penerima", Align: report.Right}}}
	for _, b := range bantuan {
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(strconv.Itoa(b.Tahun)), report.Teks(b.OPD),
			dossierAngka(b.Bantuan), dossierAngka(b.Umkm)}})
	}
	s.Tables = append(s.Tables, t)
}

func dossierAngka(n int64) report.Cell { return report.Angka(n, valid.Angka(n)) }

func dossierRp(n int64) report.Cell { return report.Angka(n, bumdesRp(n)) }

// dossierBUMDes adds the BUMDes part: profile, units and the last three
// years up to tahun beside the APBDes.
func dossierBUMDes(s *report.Section, p ProfilBUMDes, ada bool, tahun int) {
	if !ada {
		s.Notes = append(s.Notes, "BUMDes: belum ada data (desa belum mendaftarkan BUMDes).")
		return
	}
	b := p.Profil
	hukum := "Belum berbadan hukum"
	if b.BadanHukum {
		hukum = "Berbadan hukum (PP 11/2021)"
	}
	figHukum := report.Figure{Label: "BUMDes", Value: b.Nama, Note: hukum}
	if b.BadanHukum {
		figHukum.Note += ": " + b.BadanHukumNomor + ", " + b.BadanHukumTanggal.String()
	}
	s.Figures = append(s.Figures, figHukum)
	if b.Klasifikasi != "" {
		n := p.KlasifikasiNama
		if n == "" {
			n = b.Klasifikasi
		}
		s.Figures = append(s.Figures, report.Figure{Label: "Klasifikasi BUMDes", Value: n,
			Note: "Tahun " + strconv.Itoa(b.KlasifikasiTahun) + "; sumber: " + b.KlasifikasiSumber})
	} else {
		s.Figures = append(s.Figures, report.Figure{Label: "Klasifikasi BUMDes", Value: "Belum diperingkat"})
	}
	aktif := 0
	var nama []string
	for _, u := range p.Unit {
		if u.Aktif {
			aktif++
			nama = append(nama, u.Nama)
		}
	}
	if aktif == 0 {
		s.Notes = append(s.Notes, "Unit usaha BUMDes aktif: belum ada data.")
	} else {
		note := ""
		for i, n := range nama {
			if i > 0 {
				note += ", "
			}
			note += n
		}
		s.Figures = append(s.Figures, report.Figure{Label: "Unit usaha aktif", Value: strconv.Itoa(aktif), Note: note})
	}
	var years []TahunBanding
	for _, t := range p.Tahun { // newest first
		if t.Tahun <= tahun && len(years) < dossierTahunBUMDes {
			years = append(years, t)
		}
	}
	if len(years) == 0 {
		s.Notes = append(s.Notes, "Angka tahunan BUMDes sampai tahun "+strconv.Itoa(tahun)+": belum ada data.")
		return
	}
	t := report.Table{Title: "BUMDes: angka " + strconv.Itoa(len(years)) + " tahun terakhir dan realisasi APBDes desa",
		Columns: []report.Column{{Label: "Tahun"}, {Label: "Penyertaan modal", Align: report.Right}, {Label: "Omzet", Align: report.Right},
			{Label: "Laba", Align: report.Right}, {Label: "PADes", Align: report.Right}, {Label: "Aset", Align: report.Right},
			{Label: "Tenaga kerja", Align: report.Right}, {Label: "APBDes: penyertaan modal (6.2.2)", Align: report.Right},
			{Label: "APBDes: bagi hasil (4.1.1.01)", Align: report.Right}}}
	for _, y := range years {
		modal, hasil := report.Teks("–"), report.Teks("–")
		switch {
		case y.APBDes == nil:
		case !y.APBDes.Ada:
			modal, hasil = report.Teks("APBDes belum tercatat"), report.Teks("APBDes belum tercatat")
		default:
			modal, hasil = dossierRp(y.APBDes.PenyertaanModal), dossierRp(y.APBDes.BagiHasil)
		}
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(strconv.Itoa(y.Tahun)), dossierRp(y.PenyertaanModal),
			dossierRp(y.Omzet), dossierRp(y.Laba), dossierRp(y.PADes), dossierRp(y.Aset), dossierAngka(int64(y.TenagaKerja)), modal, hasil}})
		s.Notes = append(s.Notes, y.Selisih()...)
	}
	s.Tables = append(s.Tables, t)
	if y := years[0]; y.Tahun < tahun {
		s.Notes = append(s.Notes, "Angka BUMDes tahun "+strconv.Itoa(tahun)+" belum tercatat; tahun terakhir yang tercatat "+strconv.Itoa(y.Tahun)+".")
	}
}
