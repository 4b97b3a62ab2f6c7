package sampah

import (
	"context"
	"net/http"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The desa's landing page: this year's figures and the facilities.

type fasilitasItem struct {
	Fasilitas
	Href string
}

type indexPage struct {
	Desa                                desaView
	Nav                                 []navTab
	Tahun                               int
	Sampai                              string
	Penduduk                            int64
	Rate                                int
	Angka                               Angka
	NasabahAktif                        int
	Pengurangan, Penanganan             string
	TargetPengurangan, TargetPenanganan string
	Fasilitas                           []fasilitasItem
}

func (m *Module) indexData(ctx context.Context) (indexPage, error) {
	t, _ := tenancy.From(ctx)
	d := indexPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabRingkasan)}
	d.Tahun = civil.Today(m.now(), t.Kode).Year()
	c, err := m.Capaian(ctx, t.Kode, d.Tahun)
	if err != nil {
		return d, err
	}
	d.Sampai, d.Rate = c.Sampai.String(), c.Pengaturan.TimbulanGramOrangHari
	if len(c.Desa) == 1 {
		cd := c.Desa[0]
		d.Penduduk, d.Angka, d.NasabahAktif = cd.Penduduk, cd.Tahun, cd.NasabahAktif
	}
	if bp, ok := d.Angka.PenguranganBP(); ok {
		d.Pengurangan = valid.FormatBP(bp)
	}
	if bp, ok := d.Angka.PenangananBP(); ok {
		d.Penanganan = valid.FormatBP(bp)
	}
	if c.TargetPengurangan != nil {
		d.TargetPengurangan = valid.FormatBP(int64(c.TargetPengurangan.PersenBP))
	}
	if c.TargetPenanganan != nil {
		d.TargetPenanganan = valid.FormatBP(int64(c.TargetPenanganan.PersenBP))
	}
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		fs, err := ListFasilitas(ctx, tx)
		for _, f := range fs {
			d.Fasilitas = append(d.Fasilitas, fasilitasItem{Fasilitas: f, Href: d.Desa.Base + TabFasilitas + "/" + f.ID})
		}
		return err
	})
	return d, err
}

func (m *Module) pageIndex(w http.ResponseWriter, r *http.Request) {
	d, err := m.indexData(r.Context())
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "index", "Sampah desa "+d.Desa.Nama, d)
}
