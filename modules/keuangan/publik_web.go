package keuangan

import (
	"bytes"
	"context"
	_ "embed"
	"html/template"
	"net/http"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The public APBDes page (keterbukaan informasi publik, UU 14/2008 and
// Permendagri 20/2018 Pasal 76): anyone, without signing in, reads a desa's
// APBDes once it is ditetapkan — pendapatan by sumber dana, belanja by
// bidang, realisasi and the largest kegiatan as bars drawn on the server —
// and prints it as the poster desa hang at the kantor ("baliho APBDes").
// It shows sums only: no payee, no bukti number, no pelaksana, no person.

//go:embed templates/publik.css
var publikCSS []byte

var publikPage = template.Must(template.New("publik").ParseFS(templateFS, "templates/publik_apbdes.html"))

type publikBar struct {
	Nama      string
	Anggaran  string
	Realisasi string
	Persen    string
}

type publikView struct {
	Ada        bool
	Pesan      string
	Desa       string
	Wilayah    string
	Tahun      int
	Versi      string
	Perdes     string
	Pendapatan string
	Belanja    string
	Pembiayaan string
	Realisasi  string
	Persen     string
	Diterima   string
	Grafik     []grafikView
	Kegiatan   []publikBar
}

// grafikView is a chart under its visible heading (the SVG's own title is
// read only by screen readers).
type grafikView struct {
	Judul string
	SVG   template.HTML
}

// kegiatanTerbesar is how many kegiatan the page lists.
const kegiatanTerbesar = 5

func (m *Module) routesPublik(mux *http.ServeMux) {
	m.web.HandlePublic(mux, "GET /publik/keuangan.css", func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Type", "text/css; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("X-Content-Type-Options", "nosniff")
		_, _ = rw.Write(publikCSS)
	})
	m.web.HandlePublic(mux, "GET /publik/desa/{kode}/apbdes/{tahun}", m.pagePublik)
}

func (m *Module) pagePublik(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	tahun, terr := strconv.Atoi(r.PathValue("tahun"))
	if err != nil || !kode.IsDesa() || terr != nil || tahun < TahunMin || tahun > TahunMax {
		m.writePublik(rw, http.StatusNotFound, publikView{Pesan: "Desa atau tahun anggaran tidak ditemukan."})
		return
	}
	desa, err := m.publikNama(ctx, kode)
	if fault.Is(err, fault.NotFound) {
		m.writePublik(rw, http.StatusNotFound, publikView{Pesan: "Desa tidak ditemukan."})
		return
	} else if err != nil {
		m.log.ErrorContext(ctx, "public apbdes: names", "err", err)
		m.writePublik(rw, http.StatusInternalServerError, publikView{Pesan: "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi."})
		return
	}
	v := publikView{Desa: desa[0], Wilayah: desa[1], Tahun: tahun}
	var rk apbdesRingkas
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode})
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		rk, err = readRingkas(ctx, tx, tahun, true, "")
		return err
	})
	if fault.Is(err, fault.NotFound) {
		v.Pesan = "APBDes Desa " + desa[0] + " tahun " + strconv.Itoa(tahun) + " belum ditetapkan, sehingga belum dapat diumumkan. " +
			"APBDes diumumkan di sini setelah ditetapkan dengan Peraturan Desa."
		m.writePublik(rw, http.StatusNotFound, v)
		return
	} else if err != nil {
		m.log.ErrorContext(ctx, "public apbdes", "err", err)
		m.writePublik(rw, http.StatusInternalServerError, publikView{Pesan: "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi."})
		return
	}
	v.Ada = true
	v.Versi = "APBDes " + map[string]string{VersiMurni: "murni", VersiPerubahan: "perubahan"}[rk.APBDes.Versi]
	v.Perdes = "Peraturan Desa Nomor " + rk.APBDes.PerdesNomor + " tanggal " + rk.APBDes.PerdesTanggal.String()
	v.Pendapatan, v.Belanja, v.Pembiayaan = rk.Total.Pendapatan.String(), rk.Total.Belanja.String(), rk.Total.PembiayaanNetto.String()
	v.Realisasi, v.Diterima = rk.Realisasi.String(), rk.Diterima.String()
	v.Persen = "–"
	if bp, ok := basisPoin(rk.Realisasi, rk.Total.Belanja); ok {
		v.Persen = valid.FormatBP(bp)
	}
	charts := []report.Chart{
		barChart("Pendapatan menurut sumber dana", rk.Pendapatan, false),
		barChart("Belanja menurut bidang: anggaran dan realisasi", rk.Bidang, true),
	}
	top := rk.Kegiatan[:min(kegiatanTerbesar, len(rk.Kegiatan))]
	charts = append(charts, barChart("Kegiatan dengan anggaran terbesar", top, false))
	for _, c := range charts {
		if len(c.Labels) == 0 {
			continue
		}
		s, err := report.SVG(c)
		if err != nil {
			m.log.ErrorContext(ctx, "public apbdes: chart", "err", err)
			continue
		}
		v.Grafik = append(v.Grafik, grafikView{Judul: c.Title, SVG: template.HTML(s)}) // #nosec: report.SVG escapes every text it writes
	}
	for _, k := range top {
		b := publikBar{Nama: k.Nama, Anggaran: k.Anggaran.String(), Realisasi: k.Realisasi.String(), Persen: "–"}
		if bp, ok := basisPoin(k.Realisasi, k.Anggaran); ok {
			b.Persen = valid.FormatBP(bp)
		}
		v.Kegiatan = append(v.Kegiatan, b)
	}
	m.writePublik(rw, http.StatusOK, v)
}

// barChart draws groups as bars: the budget, and the realisasi beside it
// when withReal.
func barChart(title string, ps []posAnggaran, withReal bool) report.Chart {
	c := report.Chart{Title: title, Kind: report.Bar, Unit: "Rp", Format: func(v int64) string { return Rupiah(v).String() }}
	ang := report.Series{Name: "Anggaran"}
	re := report.Series{Name: "Realisasi"}
	for _, p := range ps {
		c.Labels = append(c.Labels, p.Nama)
		ang.Values = append(ang.Values, int64(p.Anggaran))
		re.Values = append(re.Values, int64(p.Realisasi))
	}
	c.Series = []report.Series{ang}
	if withReal {
		c.Series = append(c.Series, re)
	}
	return c
}

// publikNama is the desa's name and "Kecamatan …, Kabupaten …"; NotFound
// for a code that names no desa.
func (m *Module) publikNama(ctx context.Context, kode tenancy.Kode) ([2]string, error) {
	var out [2]string
	if m.names == nil {
		return [2]string{string(kode), ""}, nil
	}
	n, err := m.names.Nama(ctx, kode)
	if err != nil {
		return out, err
	}
	out[0] = n
	kec, _ := m.names.Nama(ctx, kode.Up(tenancy.Kecamatan))
	kab, _ := m.names.Nama(ctx, kode.Up(tenancy.Kabupaten))
	out[1] = "Kecamatan " + kec + ", " + kab
	return out, nil
}

// writePublik renders the page with the platform's page headers, except
// that a published APBDes may be cached a little by browsers and proxies:
// it changes only by a new Perdes.
func (m *Module) writePublik(rw http.ResponseWriter, status int, v publikView) {
	var b bytes.Buffer
	if err := publikPage.ExecuteTemplate(&b, "publik", v); err != nil {
		m.log.Error("public apbdes: render", "err", err)
		http.Error(rw, "Terjadi kesalahan pada server.", http.StatusInternalServerError)
		return
	}
	web.WritePublic(rw, status, b.Bytes())
}
