package administration

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// DossierSection is the desa profile of a field-visit dossier
// (ARCHITECTURE.md, "Cross-module contracts"), the same for the bupati and
// every OPD: the kepala desa (a public office holder: both roles hold
// PermPerangkatRead, which the Personal indicators need), the latest
// population, area, the dusun/banjar, the SOTK posts filled and vacant as
// the indicators count them (a term run out leaves the post vacant), and
// the BPD and lembaga with the members holding their seat. No NIK, no
// contact of a person. Figures of state are read as of today; the period
// is not used. A desa with nothing recorded says "Belum ada data profil
// desa.".
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, _ report.Audience, _ indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Profil desa pada dosir memerlukan kode desa.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	today := m.today(desa)
	s := report.Section{Heading: "Profil desa"}
	var (
		profil    Profil
		adaProfil bool
		aktif     []Perangkat
		dusun     []Dusun
		lembaga   []Lembaga
	)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		switch profil, err = getProfil(ctx, tx); {
		case err == nil:
			adaProfil = true
		case !fault.Is(err, fault.NotFound):
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&aktif).
			Column("desa_id", "id", "jabatan", "dusun_id", "nama", "status", "mulai").
			Where(fmt.Sprintf(inPost, "p"), today, today).Order("p.mulai", "p.id"))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil && !db.IsNoRows(err) {
			return err
		}
		if dusun, err = allDusun(ctx, tx); err != nil {
			return err
		}
		lq, err := tenancy.Scope(ctx, tx.NewSelect().Model(&lembaga))
		if err != nil {
			return err
		}
		return lembagaColumns(lq, today).OrderExpr("l.jenis, l.nama, l.id").Scan(ctx)
	})
	if err != nil {
		return report.Section{}, err
	}
	if !adaProfil && len(aktif) == 0 && len(dusun) == 0 && len(lembaga) == 0 {
		s.Empty = "Belum ada data profil desa."
		return s, nil
	}

	sebutan := SebutanKepalaDesa(desa)
	bagan := NewBagan(desa, aktif, dusun)
	var terisi, kosong int64
	kepala := report.Figure{Label: sebutan, Value: "Kosong", Note: "belum tercatat pejabat yang menjabat"}
	var lowong []string
	for _, u := range bagan.Unsur {
		for _, p := range u.Posisi {
			if p.Pejabat == nil {
				kosong++
				lowong = append(lowong, p.Sebutan)
				continue
			}
			terisi++
			if p.Jabatan == KepalaDesa {
				kepala = report.Figure{Label: sebutan, Value: p.Pejabat.Nama,
					Note: p.Pejabat.Status.Short() + ", menjabat sejak " + p.Pejabat.Mulai.String()}
			}
		}
	}
	s.Figures = append(s.Figures, kepala)
	if adaProfil && profil.Penduduk != nil {
		pd := profil.Penduduk
		s.Figures = append(s.Figures, report.Figure{Label: "Penduduk", Value: valid.Angka(int64(pd.Jumlah)) + " jiwa",
			Note: "Tahun " + strconv.Itoa(pd.Tahun) + ": laki-laki " + valid.Angka(int64(pd.LakiLaki)) +
				", perempuan " + valid.Angka(int64(pd.Perempuan)) + ", " + valid.Angka(int64(pd.KK)) + " KK"})
	} else {
		s.Figures = append(s.Figures, report.Figure{Label: "Penduduk", Value: "Belum ada data"})
	}
	if adaProfil && profil.LuasKm2 != nil {
		s.Figures = append(s.Figures, report.Figure{Label: "Luas wilayah",
			Value: strings.Replace(strconv.FormatFloat(*profil.LuasKm2, 'f', 2, 64), ".", ",", 1) + " km²"})
	}
	s.Figures = append(s.Figures,
		report.Figure{Label: "Dusun/banjar dinas", Value: valid.Angka(int64(len(dusun)))},
		report.Figure{Label: "Jabatan perangkat terisi", Value: valid.Angka(terisi), Note: valid.Angka(kosong) + " kosong"})
	if !adaProfil {
		s.Notes = append(s.Notes, "Profil desa (identitas, luas, penduduk) belum diisi.")
	}
	if len(lowong) > 0 {
		s.Notes = append(s.Notes, "Jabatan kosong: "+strings.Join(lowong, ", ")+".")
	}

	if len(lembaga) == 0 {
		s.Notes = append(s.Notes, "BPD dan lembaga kemasyarakatan: belum ada data.")
		return s, nil
	}
	sort.SliceStable(lembaga, func(i, j int) bool { // the BPD first, then by kind as the law lists them
		return urutJenis(lembaga[i].Jenis) < urutJenis(lembaga[j].Jenis)
	})
	t := report.Table{Title: "BPD dan lembaga kemasyarakatan desa", Columns: []report.Column{
		{Label: "Jenis", Width: 2}, {Label: "Nama", Width: 2}, {Label: "Anggota menjabat", Align: report.Right}}}
	adaBPD := false
	for _, l := range lembaga {
		adaBPD = adaBPD || l.Jenis == BPD
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(l.Jenis.Label()), report.Teks(l.Nama),
			report.Angka(int64(l.AnggotaAktif), valid.Angka(int64(l.AnggotaAktif)))}})
	}
	s.Tables = append(s.Tables, t)
	if !adaBPD {
		s.Notes = append(s.Notes, "BPD belum tercatat.")
	}
	return s, nil
}

// urutJenis orders the kinds of lembaga as UU 6/2014 and Permendagri
// 18/2018 list them.
func urutJenis(j JenisLembaga) int {
	for i, x := range []JenisLembaga{BPD, LPM, PKK, KarangTaruna, Posyandu, RW, RT, BanjarAdat, Lainnya} {
		if x == j {
			return i
		}
	}
	return 99
}
