package sampah

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The figures' pages: a desa's year with monthly charts, the DLH's
// kecamatan/kabupaten table with every facility, its SIPSN XLSX, and the
// kabupaten's settings.

var capaianLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) capaianRoutes(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET /desa/{kode}/sampah/capaian", PermRead, m.pageCapaianDesa)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/sampah", PermCapaian, capaianLevels, m.pageCapaianWilayah)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/sampah/unduh", PermCapaian, capaianLevels, m.pageCapaianUnduh)
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/sampah/pengaturan", PermCapaian, kab, m.pagePengaturan)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/sampah/pengaturan", PermPengaturan, kab, m.postPengaturan)
}

var namaBulan = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// pageTahun reads ?tahun= (the current year when absent).
func (m *Module) pageTahun(r *http.Request, kode tenancy.Kode) (int, bool) {
	s := r.URL.Query().Get("tahun")
	if s == "" {
		return civil.Today(m.now(), kode).Year(), true
	}
	t, err := strconv.Atoi(s)
	return t, err == nil && t >= TahunMin && t <= TahunMax
}

// capaianSVG draws c with a <desc> after its title for screen readers.
func capaianSVG(c report.Chart, desc string) template.HTML {
	s, err := report.SVG(c)
	if err != nil {
		return ""
	}
	d := "<desc>" + template.HTMLEscapeString(desc) + "</desc>"
	if i := strings.Index(s, "</title>"); i >= 0 {
		s = s[:i+8] + d + s[i+8:]
	}
	return template.HTML(s) // #nosec G203 -- report.SVG escapes every text it draws
}

// capaianGrafik are the monthly charts of a year's months: shares against
// the targets, and tonnage.
// capaianGrafikView is a chart and its figure's class: a line chart keeps
// a minimum width and scrolls sideways on a phone, so its labels stay
// readable; the bar chart scales down whole.
type capaianGrafikView struct {
	SVG   template.HTML
	Kelas string
}

func capaianGrafik(bulan [12]Angka, sampai civil.Date, tahun int, tp, tn *Target) []capaianGrafikView {
	n := capaianBulanGrafik(bulan, sampai, tahun)
	labels := namaBulan[:n]
	var peng, pen, kurang, tangani []int64
	adaPersen := false
	for _, a := range bulan[:n] {
		bp1, ok := a.PenguranganBP()
		bp2, _ := a.PenangananBP()
		adaPersen = adaPersen || ok
		peng, pen = append(peng, bp1), append(pen, bp2)
		kurang, tangani = append(kurang, a.PenguranganGram), append(tangani, a.PenangananGram)
	}
	var out []capaianGrafikView
	if adaPersen {
		series := []report.Series{{Name: "Pengurangan", Values: peng}, {Name: "Penanganan", Values: pen}}
		for _, t := range []*Target{tp, tn} {
			if t != nil {
				vs := make([]int64, n)
				for i := range vs {
					vs[i] = int64(t.PersenBP)
				}
				series = append(series, report.Series{Name: "Target " + t.Indikator, Values: vs})
			}
		}
		out = append(out, capaianGrafikView{Kelas: "grafik-sampah grafik-garis", SVG: capaianSVG(report.Chart{Title: "Persentase pengurangan dan penanganan per bulan " + strconv.Itoa(tahun),
			Kind: report.Line, Labels: labels, Series: series, Unit: "%", Format: valid.FormatBP},
			"Garis per bulan: pengurangan dan penanganan sebagai persen timbulan, dengan garis target. Angkanya ada pada tabel bulanan.")})
	}
	out = append(out, capaianGrafikView{Kelas: "grafik-sampah", SVG: capaianSVG(report.Chart{Title: "Tonase per bulan " + strconv.Itoa(tahun), Kind: report.Bar, Labels: labels,
		Series: []report.Series{{Name: "Pengurangan", Values: kurang}, {Name: "Penanganan", Values: tangani}}, Unit: "ton",
		Format: func(g int64) string { return Ton(g) + " ton" }},
		"Batang per bulan: ton sampah dikurangi dan ditangani. Angkanya ada pada tabel bulanan.")})
	return out
}

// capaianBulanGrafik is how many months of tahun the charts draw: the
// year's months up to sampai, without the running month while nothing is
// recorded in it yet — on its first day its share is 0 %, which the line
// would draw as a fall to zero.
func capaianBulanGrafik(bulan [12]Angka, sampai civil.Date, tahun int) int {
	if sampai.Year() != tahun {
		return 12
	}
	n := int(sampai.Month())
	if n > 1 && !bulan[n-1].AdaData() {
		n--
	}
	return n
}

type capaianBulanView struct {
	Nama                    string
	A                       Angka
	Pengurangan, Penanganan string
}

type capaianDesaPage struct {
	Desa                                desaView
	Nav                                 []navTab
	Tahun                               int
	Sampai                              string
	Rate                                int
	Sumber                              string
	Body                                CapaianDesaBody
	Pengurangan, Penanganan             string
	TargetPengurangan, TargetPenanganan string
	Bulan                               []capaianBulanView
	Grafik                              []capaianGrafikView
	Sebelumnya, Berikutnya              string
}

func (m *Module) pageCapaianDesa(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	tahun, ok := m.pageTahun(r, t.Kode)
	if !ok {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun tidak dikenal.")
		return
	}
	b, err := m.capaianDesa(ctx, t.Kode, tahun)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	d := capaianDesaPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabCapaian), Tahun: tahun, Sampai: b.Sampai.String(),
		Rate: b.Pengaturan.TimbulanGramOrangHari, Sumber: b.Pengaturan.Sumber, Body: b,
		Pengurangan: capaianPersen(b.Jumlah.PenguranganBP), Penanganan: capaianPersen(b.Jumlah.PenangananBP)}
	if b.TargetPengurangan != nil {
		d.TargetPengurangan = valid.FormatBP(int64(b.TargetPengurangan.PersenBP))
	}
	if b.TargetPenanganan != nil {
		d.TargetPenanganan = valid.FormatBP(int64(b.TargetPenanganan.PersenBP))
	}
	var bulan [12]Angka
	for i, cb := range b.Bulan {
		bulan[i] = cb.Angka
		if b.Sampai.Year() == tahun && i+1 > int(b.Sampai.Month()) {
			continue
		}
		d.Bulan = append(d.Bulan, capaianBulanView{Nama: namaBulan[i], A: cb.Angka,
			Pengurangan: capaianPersen(cb.PenguranganBP), Penanganan: capaianPersen(cb.PenangananBP)})
	}
	d.Grafik = capaianGrafik(bulan, b.Sampai, tahun, b.TargetPengurangan, b.TargetPenanganan)
	base := d.Desa.Base + TabCapaian + "?tahun="
	if tahun > TahunMin {
		d.Sebelumnya = base + strconv.Itoa(tahun-1)
	}
	if tahun < civil.Today(m.now(), t.Kode).Year() {
		d.Berikutnya = base + strconv.Itoa(tahun+1)
	}
	m.pages.Render(rw, r, http.StatusOK, "capaian_desa", "Capaian sampah "+d.Desa.Nama+" "+strconv.Itoa(tahun), d)
}

// capaianKolom are the sortable columns of the wilayah table.
var capaianKolom = []struct {
	kunci, nama string
	angka       bool
}{
	{capaianUrutNama, "Desa", false},
	{capaianUrutKecamatan, "Kecamatan", false},
	{capaianUrutPenduduk, "Penduduk", true},
	{capaianUrutTimbulan, "Timbulan (ton)", true},
	{capaianUrutPengurangan, "Pengurangan (ton)", true},
	{capaianUrutPengPersen, "Pengurangan (%)", true},
	{capaianUrutPenanganan, "Penanganan (ton)", true},
	{capaianUrutPenPersen, "Penanganan (%)", true},
	{capaianUrutBank, "Bank sampah (ton)", true},
	{capaianUrutKompos, "Kompos (ton)", true},
	{capaianUrutResidu, "Residu ke TPA (ton)", true},
	{capaianUrutNasabah, "Nasabah aktif", true},
	{capaianUrutFasilitas, "Fasilitas aktif", true},
}

type capaianKolomView struct {
	Nama, Href, Sort string
	Angka            bool
}

type capaianBarisView struct {
	CapaianBaris
	Href, Timbulan, Pengurangan, Penanganan string
}

type capaianKecView struct {
	CapaianWilayah
	Dipilih bool
}

// FasilitasWilayah is a facility of a desa inside a wilayah.
type FasilitasWilayah struct {
	Fasilitas
	NamaDesa string `bun:"-"`
}

type capaianWilayahPage struct {
	Judul, Kode            string
	Tahun                  int
	Sampai                 string
	Rate                   int
	Sumber                 string
	Kecamatan              []capaianKecView
	PilihKecamatan         string
	Urut                   string
	Turun                  bool
	Kolom                  []capaianKolomView
	Baris                  []capaianBarisView
	Jumlah                 capaianBarisView
	Target                 string
	Grafik                 []capaianGrafikView
	Fasilitas              []FasilitasWilayah
	XLSX, Pengaturan       string
	Sebelumnya, Berikutnya string
}

func (m *Module) pageCapaianWilayah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	kode := t.Kode
	tahun, ok := m.pageTahun(r, kode)
	if !ok {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun tidak dikenal.")
		return
	}
	v := r.URL.Query()
	q := struct {
		kec, urut string
		turun     bool
	}{v.Get("kecamatan"), v.Get("urut"), v.Get("arah") == "turun"}
	tab, err := m.capaianTabel(ctx, kode, tahun, q.kec, q.urut, q.turun)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	judul := tab.Nama
	if kode.Level() == tenancy.Kecamatan {
		judul = "Kecamatan " + judul
	}
	base := "/wilayah/" + string(kode) + "/sampah"
	d := capaianWilayahPage{Judul: judul, Kode: string(kode), Tahun: tahun, Sampai: tab.Sampai.String(),
		Rate: tab.Pengaturan.TimbulanGramOrangHari, Sumber: tab.Pengaturan.Sumber, PilihKecamatan: q.kec, Urut: q.urut, Turun: q.turun}
	for _, k := range tab.Kecamatan {
		d.Kecamatan = append(d.Kecamatan, capaianKecView{CapaianWilayah: k, Dipilih: string(k.Kode) == q.kec})
	}
	link := func(extra url.Values) string {
		p := url.Values{"tahun": {strconv.Itoa(tahun)}}
		if q.kec != "" {
			p.Set("kecamatan", q.kec)
		}
		for k, vs := range extra {
			p[k] = vs
		}
		return base + "?" + p.Encode()
	}
	for _, k := range capaianKolom {
		if k.kunci == capaianUrutKecamatan && kode.Level() != tenancy.Kabupaten {
			continue
		}
		c := capaianKolomView{Nama: k.nama, Angka: k.angka}
		next := url.Values{"urut": {k.kunci}}
		if q.urut == k.kunci {
			if q.turun {
				c.Sort = "descending"
			} else {
				c.Sort = "ascending"
				next.Set("arah", "turun")
			}
		}
		c.Href = link(next)
		d.Kolom = append(d.Kolom, c)
	}
	view := func(b CapaianBaris) capaianBarisView {
		bv := capaianBarisView{CapaianBaris: b, Timbulan: "–", Pengurangan: capaianPersen(b.PenguranganBP),
			Penanganan: capaianPersen(b.PenangananBP)}
		if b.TimbulanGram != nil {
			bv.Timbulan = Ton(*b.TimbulanGram)
		}
		return bv
	}
	for _, b := range tab.Baris {
		bv := view(b)
		// Guard matches a path: the query goes on after it.
		href := "/desa/" + string(b.Kode) + "/sampah/capaian"
		if _, _, ok := m.web.Guard(http.MethodGet, href); ok {
			bv.Href = href + "?tahun=" + strconv.Itoa(tahun)
		}
		d.Baris = append(d.Baris, bv)
	}
	d.Jumlah = view(tab.Jumlah)
	if tab.TargetPengurangan != nil && tab.TargetPenanganan != nil {
		d.Target = "Target " + strconv.Itoa(tahun) + ": pengurangan " + valid.FormatBP(int64(tab.TargetPengurangan.PersenBP)) +
			", penanganan " + valid.FormatBP(int64(tab.TargetPenanganan.PersenBP)) + " (" + tab.TargetPengurangan.DasarHukum + ")."
	}
	d.Grafik = capaianGrafik(tab.Total.Bulan, tab.Sampai, tahun, tab.TargetPengurangan, tab.TargetPenanganan)
	scope := kode
	if q.kec != "" {
		scope = tenancy.Kode(q.kec)
	}
	if d.Fasilitas, err = m.fasilitasWilayah(ctx, scope); err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	nama := map[tenancy.Kode]string{}
	for _, b := range tab.Baris {
		nama[b.Kode] = b.Nama
	}
	for i := range d.Fasilitas {
		k := tenancy.KodeOfDesaID(d.Fasilitas[i].DesaID)
		d.Fasilitas[i].NamaDesa = nama[k]
		if d.Fasilitas[i].NamaDesa == "" {
			d.Fasilitas[i].NamaDesa = string(k)
		}
	}
	dl := url.Values{"tahun": {strconv.Itoa(tahun)}}
	if q.kec != "" {
		dl.Set("kecamatan", q.kec)
	}
	d.XLSX = base + "/unduh?" + dl.Encode()
	if kode.Level() == tenancy.Kabupaten {
		d.Pengaturan = base + "/pengaturan"
	}
	if tahun > TahunMin {
		d.Sebelumnya = base + "?tahun=" + strconv.Itoa(tahun-1)
	}
	if tahun < civil.Today(m.now(), kode).Year() {
		d.Berikutnya = base + "?tahun=" + strconv.Itoa(tahun+1)
	}
	m.pages.Render(rw, r, http.StatusOK, "capaian_wilayah", "Pengelolaan sampah "+judul+" "+strconv.Itoa(tahun), d)
}

// fasilitasWilayah lists every facility of the desa inside wilayah, by
// desa, jenis and name: one query over the wilayah's range.
func (m *Module) fasilitasWilayah(ctx context.Context, wilayah tenancy.Kode) ([]FasilitasWilayah, error) {
	var fs []Fasilitas
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&fs).OrderExpr("f.desa_id, f.jenis, f.nama, f.id"), "f.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	out := make([]FasilitasWilayah, len(fs))
	for i, f := range fs {
		out[i] = FasilitasWilayah{Fasilitas: f}
	}
	return out, err
}

func (m *Module) pageCapaianUnduh(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	tahun, ok := m.pageTahun(r, t.Kode)
	if !ok {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun tidak dikenal.")
		return
	}
	name, b, err := m.capaianXLSX(ctx, t.Kode, tahun, r.URL.Query().Get("kecamatan"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	web.Download(rw, tipeXLSX, name, b)
}

// capaianKolomSIPSN are the XLSX columns, after SIPSN's "Capaian Kinerja
// Pengelolaan Sampah" table (sipsn.menlhk.go.id: tahun, provinsi,
// kabupaten/kota, timbulan harian and tahunan, pengurangan, penanganan,
// terkelola and tidak terkelola with their shares). SIPSN reports per
// kabupaten; these are ngantor's reading: the per desa rows (Kecamatan,
// Desa), Jumlah penduduk, Timbulan harian as the year's timbulan over the
// days counted, Sampah tidak terkelola = timbulan − terkelola (never below
// zero), and the breakdown columns after "% tidak terkelola" (bank sampah,
// kompos, residu ke TPA, nasabah aktif, fasilitas).
var capaianKolomSIPSN = []string{"Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa", "Kode desa", "Tahun", "Jumlah penduduk",
	"Timbulan sampah harian (ton/hari)", "Timbulan sampah tahunan (ton/tahun)", "Pengurangan sampah (ton/tahun)", "% pengurangan",
	"Penanganan sampah (ton/tahun)", "% penanganan", "Sampah terkelola (ton/tahun)", "% terkelola",
	"Sampah tidak terkelola (ton/tahun)", "% tidak terkelola", "Setoran bank sampah (ton/tahun)", "Kompos (ton/tahun)",
	"Residu ke TPA (ton/tahun)", "Nasabah bank sampah aktif", "Fasilitas aktif", "Fasilitas tidak aktif"}

func (m *Module) capaianXLSX(ctx context.Context, kode tenancy.Kode, tahun int, kecamatan string) (string, []byte, error) {
	tab, err := m.capaianTabel(ctx, kode, tahun, kecamatan, "", false)
	if err != nil {
		return "", nil, err
	}
	prov := m.capaianNama(ctx, kode.Up(tenancy.Provinsi))
	kab := m.capaianNama(ctx, kode.Up(tenancy.Kabupaten))
	awal := time.Date(tahun, 1, 1, 0, 0, 0, 0, time.UTC)
	hari := int64(tab.Sampai.Time().Sub(awal).Hours()/24) + 1
	ton := func(g int64) report.Cell { return report.Pecahan((g+500)/1000, 1000, Ton(g)) }
	persen := func(bp *int64) report.Cell {
		if bp == nil {
			return report.Teks("")
		}
		return report.Pecahan(*bp, 100, valid.FormatBP(*bp))
	}
	row := func(b CapaianBaris, desa, kec string) report.Row {
		cells := []report.Cell{report.Teks(prov), report.Teks(kab), report.Teks(kec), report.Teks(desa), report.Teks(string(b.Kode)),
			report.Angka(int64(tahun), strconv.Itoa(tahun)), report.Angka(b.Penduduk, valid.Angka(b.Penduduk))}
		kelola := b.PenguranganGram + b.PenangananGram
		if b.TimbulanGram != nil {
			tb := *b.TimbulanGram
			tidak := max(tb-kelola, 0)
			bpK, _ := valid.BasisPoin(kelola, tb)
			bpT, _ := valid.BasisPoin(tidak, tb)
			cells = append(cells, ton(tb/hari), ton(tb), ton(b.PenguranganGram), persen(b.PenguranganBP),
				ton(b.PenangananGram), persen(b.PenangananBP), ton(kelola), persen(&bpK), ton(tidak), persen(&bpT))
		} else {
			cells = append(cells, report.Teks(""), report.Teks(""), ton(b.PenguranganGram), report.Teks(""),
				ton(b.PenangananGram), report.Teks(""), ton(kelola), report.Teks(""), report.Teks(""), report.Teks(""))
		}
		cells = append(cells, ton(b.BankSampahGram), ton(b.KomposGram), ton(b.ResiduTPAGram),
			report.Angka(int64(b.NasabahAktif), strconv.Itoa(b.NasabahAktif)),
			report.Angka(int64(b.FasilitasAktif), strconv.Itoa(b.FasilitasAktif)),
			report.Angka(int64(b.FasilitasTidakAktif), strconv.Itoa(b.FasilitasTidakAktif)))
		return report.Row{Cells: cells}
	}
	var cols []report.Column
	for i, c := range capaianKolomSIPSN {
		col := report.Column{Label: c}
		if i >= 5 {
			col.Align = report.Right
		}
		cols = append(cols, col)
	}
	var rows []report.Row
	for _, b := range tab.Baris {
		rows = append(rows, row(b, b.Nama, b.Kecamatan))
	}
	jumlah := row(tab.Jumlah, "Jumlah", "")
	jumlah.Bold = true
	rows = append(rows, jumlah)
	doc := report.Document{
		Title:     "Capaian kinerja pengelolaan sampah " + strconv.Itoa(tahun),
		Subtitle:  tab.Nama + " — 1 Januari sampai " + tab.Sampai.String(),
		Landscape: true,
		Sections: []report.Section{{
			Heading: "Dasar perhitungan",
			Figures: []report.Figure{
				{Label: "Timbulan per orang per hari", Value: strconv.Itoa(tab.Pengaturan.TimbulanGramOrangHari) + " gram", Note: tab.Pengaturan.Sumber},
				{Label: "Hari dihitung", Value: strconv.FormatInt(hari, 10)},
			},
			Tables: []report.Table{{Title: "Capaian per desa", Columns: cols, Rows: rows}},
			Notes: []string{"Pengurangan: setoran bank sampah (jenis bersatuan kg), anorganik bernilai dipilah dan organik diolah TPS3R. " +
				"Penanganan: residu yang dikumpulkan TPS3R. Timbulan: penduduk profil desa × angka timbulan kabupaten × hari."},
		}},
	}
	b, err := report.XLSX(doc)
	if err != nil {
		return "", nil, err
	}
	name := "capaian-sampah-" + strings.ReplaceAll(string(kode), ".", "") + "-" + strconv.Itoa(tahun) + ".xlsx"
	return name, b, nil
}

type pengaturanPage struct {
	Kode     string
	Judul    string
	Body     PengaturanBody
	Tahun    int
	Boleh    bool
	Form     web.Form
	Target   []pengaturanTargetView
	Kembali  string
	Disimpan bool
}

type pengaturanTargetView struct {
	Tahun      int
	Indikator  string
	Persen     string
	DasarHukum string
	Nasional   bool
}

func (m *Module) pengaturanData(r *http.Request) (pengaturanPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	var uid string
	if u, ok := auth.UserFrom(ctx); ok {
		uid = u.ID
	}
	d := pengaturanPage{Kode: string(t.Kode), Judul: m.capaianNama(ctx, t.Kode), Tahun: civil.Today(m.now(), t.Kode).Year(),
		Kembali: "/wilayah/" + string(t.Kode) + "/sampah", Disimpan: r.URL.Query().Get("disimpan") == "1"}
	if m.authz != nil {
		ok, err := m.authz.Allowed(ctx, uid, t.Kode, PermPengaturan)
		if err != nil {
			return d, err
		}
		d.Boleh = ok
	}
	var err error
	if d.Body, err = m.BacaPengaturan(ctx, t.Kode); err != nil {
		return d, err
	}
	for _, tg := range d.Body.Target {
		d.Target = append(d.Target, pengaturanTargetView{tg.Tahun, tg.Indikator, valid.FormatBP(int64(tg.PersenBP)), tg.DasarHukum, false})
	}
	for _, tg := range d.Body.Nasional {
		d.Target = append(d.Target, pengaturanTargetView{tg.Tahun, tg.Indikator, valid.FormatBP(int64(tg.PersenBP)), tg.DasarHukum, true})
	}
	vals := url.Values{"timbulan_gram_orang_hari": {strconv.Itoa(d.Body.Pengaturan.TimbulanGramOrangHari)}, "tahun": {strconv.Itoa(d.Tahun)}}
	if !d.Body.Pengaturan.Bawaan {
		vals.Set("sumber", d.Body.Pengaturan.Sumber)
	}
	d.Form = web.NewForm("pengaturan", vals)
	return d, nil
}

func (m *Module) pagePengaturan(rw http.ResponseWriter, r *http.Request) {
	d, err := m.pengaturanData(r)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "capaian_pengaturan", "Pengaturan sampah "+d.Judul, d)
}

// pengaturanPersen reads a percentage typed as "30" or "32,5" as basis
// points.
func pengaturanPersen(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, false
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ".", ","), ",")
	if len(frac) > 2 || !valid.Digits(whole) || (frac != "" && !valid.Digits(frac)) || len(whole) > 3 {
		return 0, false
	}
	w, _ := strconv.Atoi(whole)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.Atoi(frac)
	bp := w*100 + f
	return bp, bp <= 10000
}

func (m *Module) postPengaturan(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := r.PostForm
	u := PengaturanUbah{Sumber: strings.TrimSpace(f.Get("sumber"))}
	var p valid.Problems
	rate, err := strconv.Atoi(strings.TrimSpace(f.Get("timbulan_gram_orang_hari")))
	if err != nil {
		p.Add("body.timbulan_gram_orang_hari", "Timbulan harus bilangan bulat gram, 1–5000.")
	}
	u.TimbulanGramOrangHari = rate
	tahun, _ := strconv.Atoi(f.Get("tahun"))
	dasar := strings.TrimSpace(f.Get("dasar_hukum"))
	form := web.NewForm("pengaturan", f)
	for _, ind := range []string{IndikatorPengurangan, IndikatorPenanganan} {
		s := strings.TrimSpace(f.Get(ind))
		if s == "" {
			continue
		}
		bp, ok := pengaturanPersen(s)
		if !ok {
			p.Add("body."+ind, "Target %s harus persen 0–100, paling banyak dua desimal.", ind)
			continue
		}
		i := strconv.Itoa(len(u.Target))
		form = form.Rename("target["+i+"].persen_bp", ind).Rename("target["+i+"].dasar_hukum", "dasar_hukum").
			Rename("target["+i+"].tahun", "tahun").Rename("target["+i+"].indikator", ind)
		u.Target = append(u.Target, TargetUbah{Tahun: tahun, Indikator: ind, PersenBP: bp, DasarHukum: dasar})
	}
	err = p.Err()
	if err == nil {
		err = m.UbahPengaturan(ctx, t.Kode, u)
	}
	if err != nil {
		web.Refill(m.pages, rw, r, err, form, "capaian_pengaturan", "Pengaturan sampah",
			func() (pengaturanPage, error) { return m.pengaturanData(r) },
			func(d *pengaturanPage, f web.Form) { d.Form = f })
		return
	}
	http.Redirect(rw, r, "/wilayah/"+string(t.Kode)+"/sampah/pengaturan?disimpan=1", http.StatusSeeOther)
}
