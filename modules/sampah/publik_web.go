package sampah

import (
	"bytes"
	"context"
	_ "embed"
	"html/template"
	"net/http"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The public page of a desa's waste management (keterbukaan informasi
// publik, UU 14/2008): anyone, without signing in, reads the desa's
// facilities (name, jenis, aktif or not) and this year's figures with their
// monthly trend drawn on the server. Nothing about a person: no nasabah,
// no saldo, no log notes, no reason a facility stopped.

//go:embed templates/publik.css
var publikSampahCSS []byte

var publikSampahPage = template.Must(template.New("publik").ParseFS(templateFS, "templates/publik_sampah.html"))

type publikSampahFasilitas struct {
	Nama  string
	Jenis string
	Aktif bool
}

type publikSampahBulan struct {
	Bulan       string
	Pengurangan string
	Penanganan  string
	PersenPg    string
	PersenPn    string
}

type publikSampahGrafik struct {
	Judul string
	SVG   template.HTML
}

type publikSampahView struct {
	Ada                                 bool // the desa is known
	Pesan                               string
	Desa                                string
	Wilayah                             string
	Tahun                               int
	Sampai                              string
	AdaAngka                            bool
	Timbulan                            string
	Pengurangan, Penanganan             string
	PersenPengurangan, PersenPenanganan string
	TargetPengurangan, TargetPenanganan string
	Fasilitas                           []publikSampahFasilitas
	Bulan                               []publikSampahBulan
	Grafik                              []publikSampahGrafik
}

// routesPublikSampah serves the page and its stylesheet.
func (m *Module) routesPublikSampah(mux *http.ServeMux) {
	m.web.HandlePublic(mux, "GET /publik/sampah.css", func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Type", "text/css; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("X-Content-Type-Options", "nosniff")
		_, _ = rw.Write(publikSampahCSS)
	})
	m.web.HandlePublic(mux, "GET /publik/desa/{kode}/sampah", m.pagePublikSampah)
}

func (m *Module) pagePublikSampah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	if err != nil || !kode.IsDesa() {
		m.writePublikSampah(rw, http.StatusNotFound, publikSampahView{Pesan: "Desa tidak ditemukan."})
		return
	}
	v, err := m.publikSampahData(ctx, kode)
	if fault.Is(err, fault.NotFound) {
		m.writePublikSampah(rw, http.StatusNotFound, publikSampahView{Pesan: "Desa tidak ditemukan."})
		return
	} else if err != nil {
		m.log.ErrorContext(ctx, "public sampah", "err", err)
		m.writePublikSampah(rw, http.StatusInternalServerError, publikSampahView{Pesan: "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi."})
		return
	}
	m.writePublikSampah(rw, http.StatusOK, v)
}

// publikSampahData reads what the page shows; NotFound for a code that
// names no desa.
func (m *Module) publikSampahData(ctx context.Context, kode tenancy.Kode) (publikSampahView, error) {
	v := publikSampahView{Ada: true, Desa: string(kode)}
	if m.names != nil {
		n, err := m.names.Nama(ctx, kode)
		if err != nil {
			return v, err
		}
		v.Desa = n
		kec, _ := m.names.Nama(ctx, kode.Up(tenancy.Kecamatan))
		kab, _ := m.names.Nama(ctx, kode.Up(tenancy.Kabupaten))
		v.Wilayah = "Kecamatan " + kec + ", " + kab
	}
	today := civil.Today(m.now(), kode)
	v.Tahun, v.Sampai = today.Year(), today.String()
	c, err := m.CapaianSampai(ctx, kode, today)
	if err != nil {
		return v, err
	}
	var cd CapaianDesa
	if len(c.Desa) == 1 {
		cd = c.Desa[0]
	}
	a := cd.Tahun
	v.AdaAngka = a.AdaData()
	if cd.Penduduk > 0 {
		v.Timbulan = Ton(a.TimbulanGram)
	}
	v.Pengurangan, v.Penanganan = Ton(a.PenguranganGram), Ton(a.PenangananGram)
	v.PersenPengurangan, v.PersenPenanganan = persen(a.PenguranganBP()), persen(a.PenangananBP())
	if c.TargetPengurangan != nil {
		v.TargetPengurangan = valid.FormatBP(int64(c.TargetPengurangan.PersenBP))
	}
	if c.TargetPenanganan != nil {
		v.TargetPenanganan = valid.FormatBP(int64(c.TargetPenanganan.PersenBP))
	}
	ton := report.Chart{Title: "Pengurangan dan penanganan per bulan (kg)", Kind: report.Line, Unit: "kg", Format: func(g int64) string { return Kg(g) }}
	pg, pn := report.Series{Name: "Pengurangan"}, report.Series{Name: "Penanganan"}
	garis := capaianBulanGrafik(cd.Bulan, today, today.Year())
	for i := range int(today.Month()) {
		b := cd.Bulan[i]
		label := dossierBulanSingkat[i]
		if i < garis {
			ton.Labels = append(ton.Labels, label)
			pg.Values = append(pg.Values, b.PenguranganGram)
			pn.Values = append(pn.Values, b.PenangananGram)
		}
		v.Bulan = append(v.Bulan, publikSampahBulan{Bulan: label, Pengurangan: Kg(b.PenguranganGram),
			Penanganan: Kg(b.PenangananGram), PersenPg: persen(b.PenguranganBP()), PersenPn: persen(b.PenangananBP())})
	}
	ton.Series = []report.Series{pg, pn}
	// A line needs two points; in January the table alone shows the month.
	if v.AdaAngka && len(ton.Labels) > 1 {
		svg, err := report.SVG(ton)
		if err != nil {
			return v, err
		}
		v.Grafik = append(v.Grafik, publikSampahGrafik{Judul: ton.Title, SVG: template.HTML(svg)}) // #nosec: report.SVG escapes every text it writes
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode})
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		fs, err := ListFasilitas(ctx, tx)
		for _, f := range fs {
			v.Fasilitas = append(v.Fasilitas, publikSampahFasilitas{Nama: f.Nama, Jenis: NamaJenisFasilitas(f.Jenis), Aktif: f.Status == "aktif"})
		}
		return err
	})
	return v, err
}

// writePublikSampah renders the page with the platform's page headers,
// except that the figures may be cached by browsers and proxies for a few
// minutes.
func (m *Module) writePublikSampah(rw http.ResponseWriter, status int, v publikSampahView) {
	var b bytes.Buffer
	if err := publikSampahPage.ExecuteTemplate(&b, "sampah-publik", v); err != nil {
		m.log.Error("public sampah: render", "err", err)
		http.Error(rw, "Terjadi kesalahan pada server.", http.StatusInternalServerError)
		return
	}
	web.WritePublic(rw, status, b.Bytes())
}
