package forum

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The panel's pages: the ranked table of a kecamatan or kabupaten with
// its chart and exports, a desa's profile card, and the composites. Every
// page reads what the API reads (Peringkat, Kartu, DaftarKomposit) and
// every form calls what the API calls.

// halamanBaris is the rows a panel page shows at once; grafikBaris the
// bars its chart draws when the desa are not grouped.
const (
	halamanBaris = 50
	grafikBaris  = 15
)

func (m *Module) routesPanel(mux *http.ServeMux) {
	base := "/wilayah/{kode}/forum"
	m.web.HandleWilayah(mux, "GET "+base, PermPanel, panelLevels, m.pagePanel)
	m.web.HandleWilayah(mux, "GET "+base+"/peringkat.csv", PermPanel, panelLevels, m.pageEkspor("csv"))
	m.web.HandleWilayah(mux, "GET "+base+"/peringkat.xlsx", PermPanel, panelLevels, m.pageEkspor("xlsx"))
	m.web.HandleWilayah(mux, "GET "+base+"/desa/{desa}", PermPanel, panelLevels, m.pageKartu)
	m.web.HandleWilayah(mux, "GET "+base+"/komposit", PermPanel, panelLevels, m.pageKomposit)
	m.web.HandleWilayah(mux, "POST "+base+"/komposit", PermKomposit, panelLevels, m.postKomposit)
	m.web.HandleWilayah(mux, "POST "+base+"/komposit/{id}/hapus", PermKomposit, panelLevels, m.postHapusKomposit)
	m.web.HandleWilayah(mux, "POST "+base+"/hitung-ulang", PermIDM, panelLevels, m.postHitung)
}

type pilihan struct {
	Value, Label string
	Selected     bool
}

type panelView struct {
	Wilayah     tenancy.Kode
	Nama        string
	Base        string
	P           Peringkat
	Indikators  []pilihan
	Tahuns      []pilihan
	Kelompoks   []pilihan
	Grafik      template.HTML
	JudulGrafik string
	Sebelum     string
	Berikut     string
	CSV, XLSX   string
	Dihitung    string
	Kabupaten   bool
	Kosong      bool // no yardstick visible or no rollup yet
	Pesan       string
}

// queryHalaman reads the panel's query string as the API reads its own.
func (m *Module) queryHalaman(k tenancy.Kode, v url.Values) (peringkatInput, error) {
	in := peringkatInput{Indikator: v.Get("indikator"), Kelompok: v.Get("kelompok"), Desa: v.Get("desa")}
	in.Kode = string(k)
	for name, dst := range map[string]*int{"tahun": &in.Tahun, "offset": &in.Offset} {
		if s := v.Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > maxDesaPeringkat {
				return in, fault.Field("query."+name, "%s tidak sah", name)
			}
			*dst = n
		}
	}
	in.Limit = halamanBaris
	return in, nil
}

func (m *Module) pagePanel(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	k := t.Kode
	pages := m.halaman()
	in, err := m.queryHalaman(k, r.URL.Query())
	if err != nil {
		pages.Fault(rw, r, err)
		return
	}
	inds, err := m.Indikators(ctx, k)
	if err != nil {
		pages.ServerError(rw, r, err)
		return
	}
	tahuns, err := m.tahunTersedia(ctx, k)
	if err != nil {
		pages.ServerError(rw, r, err)
		return
	}
	v := panelView{Wilayah: k, Nama: m.namaWilayah(ctx, k), Base: "/wilayah/" + string(k) + "/forum",
		Kabupaten: k.Level() == tenancy.Kabupaten}
	if in.Indikator == "" && len(inds) > 0 {
		in.Indikator = inds[0].Kunci
	}
	if in.Tahun == 0 {
		in.Tahun = civil.Today(m.now(), k).Year()
		if len(tahuns) > 0 && !containsInt(tahuns, in.Tahun) {
			in.Tahun = tahuns[0]
		}
	}
	for _, ind := range inds {
		v.Indikators = append(v.Indikators, pilihan{Value: ind.Kunci, Label: ind.Nama, Selected: ind.Kunci == in.Indikator})
	}
	if !containsInt(tahuns, in.Tahun) {
		tahuns = append([]int{in.Tahun}, tahuns...)
	}
	for _, y := range tahuns {
		v.Tahuns = append(v.Tahuns, pilihan{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == in.Tahun})
	}
	for _, kel := range []pilihan{{Value: "", Label: "Seluruh " + tingkat(k)}, {Value: "kecamatan", Label: "Per kecamatan"},
		{Value: "status_idm", Label: "Per status IDM"}, {Value: "penduduk", Label: "Per jumlah penduduk"}} {
		if kel.Value == "kecamatan" && k.Level() == tenancy.Kecamatan {
			continue
		}
		kel.Selected = kel.Value == in.Kelompok
		v.Kelompoks = append(v.Kelompoks, kel)
	}
	if len(inds) == 0 {
		v.Kosong, v.Pesan = true, "Tidak ada indikator yang boleh Anda lihat di wilayah ini."
		pages.Render(rw, r, http.StatusOK, "panel", "Panel forum perbekel", v)
		return
	}
	q, err := m.queryDari(k, &in)
	if err == nil {
		v.P, err = m.Peringkat(ctx, k, q)
	}
	if err != nil {
		if fault.Is(err, fault.Invalid) || fault.Is(err, fault.NotFound) {
			pages.Fault(rw, r, err)
			return
		}
		pages.ServerError(rw, r, err)
		return
	}
	if v.P.Dihitung == nil {
		v.Kosong, v.Pesan = true, fmt.Sprintf("Rekap forum tahun %d belum dihitung. Rekap dihitung setiap malam dan beberapa menit setelah data desa berubah.", in.Tahun)
	}
	if v.P.Dihitung != nil {
		v.Dihitung = v.P.Dihitung.In(civil.Zone(k)).Format("02-01-2006 15:04")
	}
	link := func(offset int) string {
		u := url.Values{"indikator": {in.Indikator}, "tahun": {strconv.Itoa(in.Tahun)}}
		if in.Kelompok != "" {
			u.Set("kelompok", in.Kelompok)
		}
		if in.Desa != "" {
			u.Set("desa", in.Desa)
		}
		if offset > 0 {
			u.Set("offset", strconv.Itoa(offset))
		}
		return u.Encode()
	}
	if v.P.Berikutnya > 0 {
		v.Berikut = v.Base + "?" + link(v.P.Berikutnya)
	}
	if in.Offset > 0 {
		v.Sebelum = v.Base + "?" + link(max(0, in.Offset-halamanBaris))
	}
	v.CSV = v.Base + "/peringkat.csv?" + link(0)
	v.XLSX = v.Base + "/peringkat.xlsx?" + link(0)
	v.Grafik, v.JudulGrafik = grafikPanel(v.P)
	pages.Render(rw, r, http.StatusOK, "panel", "Panel forum perbekel — "+v.Nama, v)
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func tingkat(k tenancy.Kode) string {
	if k.Level() == tenancy.Kecamatan {
		return "kecamatan"
	}
	return "kabupaten"
}

// grafikPanel draws the panel's chart: the median of each peer group when
// grouped, else the page's desa in rank order. Values are drawn to the
// yardstick's decimals.
func grafikPanel(p Peringkat) (template.HTML, string) {
	scale := math.Pow10(p.Indikator.Desimal)
	c := report.Chart{Kind: report.Bar, Unit: p.Indikator.Satuan,
		Format: func(n int64) string { return teksNilai(p.Indikator, float64(n)/scale) }}
	var judul string
	if len(p.Kelompoks) > 0 {
		judul = "Median per kelompok sebanding"
		s := report.Series{Name: "Median"}
		for _, g := range p.Kelompoks {
			c.Labels = append(c.Labels, fmt.Sprintf("%s (%d desa)", g.Nama, g.StatistikNilai.Jumlah))
			s.Values = append(s.Values, int64(math.Round(g.StatistikNilai.Median*scale)))
		}
		c.Series = []report.Series{s}
	} else {
		baris := p.Baris[:min(len(p.Baris), grafikBaris)]
		judul = fmt.Sprintf("%d desa teratas pada halaman ini", len(baris))
		s := report.Series{Name: p.Indikator.Nama}
		for _, b := range baris {
			c.Labels = append(c.Labels, fmt.Sprintf("%d. %s", b.PeringkatWilayah, b.Nama))
			s.Values = append(s.Values, int64(math.Round(b.Nilai*scale)))
		}
		c.Series = []report.Series{s}
	}
	if len(c.Labels) == 0 {
		return "", ""
	}
	svg, err := report.SVG(c)
	if err != nil {
		return "", ""
	}
	return template.HTML(svg), judul // #nosec G203 -- report.SVG escapes every text it draws
}

func (m *Module) pageEkspor(format string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		t, _ := tenancy.From(ctx)
		pages := m.halaman()
		in, err := m.queryHalaman(t.Kode, r.URL.Query())
		var q PeringkatQuery
		if err == nil {
			q, err = m.queryDari(t.Kode, &in)
		}
		var (
			b        []byte
			ct, name string
		)
		if err == nil {
			b, ct, name, err = m.Ekspor(ctx, t.Kode, q, format)
		}
		if err != nil {
			if fault.Is(err, fault.Invalid) || fault.Is(err, fault.NotFound) {
				pages.Fault(rw, r, err)
				return
			}
			pages.ServerError(rw, r, err)
			return
		}
		web.Download(rw, ct, name, b)
	}
}

type kartuView struct {
	K      KartuDesa
	Kosong []string // the yardsticks without a value
	// Kecamatan: the panel is a kecamatan's (its rank there is the rank).
	Kecamatan bool
	Base      string
	Dihit     string
	Grafik    template.HTML
	Tahuns    []pilihan
	Panel     string
	NamaWil   string
}

func (m *Module) pageKartu(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	pages := m.halaman()
	tahun := civil.Today(m.now(), t.Kode).Year()
	tahuns, err := m.tahunTersedia(ctx, t.Kode)
	if err != nil {
		pages.ServerError(rw, r, err)
		return
	}
	if len(tahuns) > 0 && !containsInt(tahuns, tahun) {
		tahun = tahuns[0]
	}
	if s := r.URL.Query().Get("tahun"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			pages.Error(rw, r, http.StatusUnprocessableEntity, "Tahun tidak sah.")
			return
		}
		tahun = n
	}
	desa, err := tenancy.ParseKode(r.PathValue("desa"))
	if err != nil {
		pages.Error(rw, r, http.StatusNotFound, "Desa tidak ditemukan.")
		return
	}
	c, err := m.Kartu(ctx, t.Kode, desa, tahun)
	if err != nil {
		if fault.Is(err, fault.Invalid) || fault.Is(err, fault.NotFound) {
			pages.Fault(rw, r, err)
			return
		}
		pages.ServerError(rw, r, err)
		return
	}
	v := kartuView{K: c, Base: "/wilayah/" + string(t.Kode) + "/forum", NamaWil: m.namaWilayah(ctx, t.Kode),
		Kecamatan: t.Kode.Level() == tenancy.Kecamatan}
	v.Panel = v.Base + "?" + url.Values{"tahun": {strconv.Itoa(tahun)}}.Encode()
	if c.Dihitung != nil {
		v.Dihit = c.Dihitung.In(civil.Zone(t.Kode)).Format("02-01-2006 15:04")
	}
	if !containsInt(tahuns, tahun) {
		tahuns = append([]int{tahun}, tahuns...)
	}
	for _, y := range tahuns {
		v.Tahuns = append(v.Tahuns, pilihan{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == tahun})
	}
	chart := report.Chart{Kind: report.Bar, Unit: "persentil", Format: func(n int64) string { return strconv.FormatInt(n, 10) }}
	s := report.Series{Name: "Persentil di " + v.NamaWil}
	for _, b := range c.Baris {
		if !b.Ada {
			v.Kosong = append(v.Kosong, b.Indikator.Nama)
		}
		if b.Ada {
			chart.Labels = append(chart.Labels, b.Indikator.Nama)
			s.Values = append(s.Values, int64(b.Persentil))
		}
	}
	chart.Series = []report.Series{s}
	if len(chart.Labels) > 0 {
		if svg, err := report.SVG(chart); err == nil {
			v.Grafik = template.HTML(svg) // #nosec G203 -- report.SVG escapes every text it draws
		}
	}
	pages.Render(rw, r, http.StatusOK, "kartu", "Kartu desa "+c.Nama, v)
}

type kompositView struct {
	Wilayah    tenancy.Kode
	Nama       string
	Base       string
	Items      []kompositItem
	Indikators []Indikator
	F          web.Form
	Boleh      bool
	Tersimpan  bool
}

type kompositItem struct {
	Komposit
	Bagian    string
	Milik     bool // saved at this wilayah (deletable here)
	Peringkat string
}

func (m *Module) kompositData(r *http.Request, f web.Form) (kompositView, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	k := t.Kode
	v := kompositView{Wilayah: k, Nama: m.namaWilayah(ctx, k), Base: "/wilayah/" + string(k) + "/forum", F: f}
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return v, err
	}
	v.Indikators = urutkanIndikator(defs, m.indicators())
	ks, err := m.kompositTerlihat(ctx, k, defs)
	if err != nil {
		return v, err
	}
	nama := map[string]string{}
	for _, ind := range v.Indikators {
		nama[ind.Kunci] = ind.Nama
	}
	for _, c := range ks {
		var parts []string
		for _, b := range c.Bobot {
			parts = append(parts, fmt.Sprintf("%s × %d", nama[b.Indikator], b.Bobot))
		}
		v.Items = append(v.Items, kompositItem{Komposit: c, Bagian: strings.Join(parts, " · "), Milik: c.Wilayah == k,
			Peringkat: v.Base + "?" + url.Values{"indikator": {prefixKomposit + c.ID}}.Encode()})
	}
	v.Boleh = m.web.May(ctx, http.MethodPost, v.Base+"/komposit")
	return v, nil
}

func (m *Module) pageKomposit(rw http.ResponseWriter, r *http.Request) {
	v, err := m.kompositData(r, web.NewForm("komposit", nil))
	if err != nil {
		m.halaman().ServerError(rw, r, err)
		return
	}
	v.Tersimpan = r.URL.Query().Get("tersimpan") == "1"
	m.halaman().Render(rw, r, http.StatusOK, "komposit", "Komposit berbobot — "+v.Nama, v)
}

// kompositDariForm reads the composite form: a name and a weight box per
// indicator (empty or 0: not a part).
func kompositDariForm(v url.Values) (KompositInput, error) {
	in := KompositInput{Nama: v.Get("nama")}
	for key, vals := range v {
		ind, ok := strings.CutPrefix(key, "bobot.")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(vals[0]))
		if err != nil || n < 0 || n > 100 {
			return in, fault.Field("body.bobot", "Bobot %q harus bilangan bulat 0–100.", ind)
		}
		if n > 0 {
			in.Bobot = append(in.Bobot, Bobot{Indikator: ind, Bobot: n})
		}
	}
	sortBobot(in.Bobot)
	return in, nil
}

func sortBobot(bs []Bobot) {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && bs[j].Indikator < bs[j-1].Indikator; j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}

func (m *Module) postKomposit(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		m.halaman().Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	in, err := kompositDariForm(r.PostForm)
	if err == nil {
		_, err = m.SimpanKomposit(ctx, t.Kode, in)
	}
	if err != nil {
		web.Refill(m.halaman(), rw, r, err, web.NewForm("komposit", r.PostForm), "komposit", "Komposit berbobot",
			func() (kompositView, error) { return m.kompositData(r, web.NewForm("komposit", r.PostForm)) },
			func(v *kompositView, f web.Form) { v.F = f })
		return
	}
	http.Redirect(rw, r, "/wilayah/"+string(t.Kode)+"/forum/komposit?tersimpan=1", http.StatusSeeOther)
}

func (m *Module) postHapusKomposit(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := m.HapusKomposit(ctx, t.Kode, r.PathValue("id")); err != nil {
		if fault.Is(err, fault.NotFound) {
			m.halaman().Fault(rw, r, err)
			return
		}
		m.halaman().ServerError(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/wilayah/"+string(t.Kode)+"/forum/komposit", http.StatusSeeOther)
}

func (m *Module) postHitung(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	kab := t.Kode.Up(tenancy.Kabupaten)
	tahun := civil.Today(m.now(), t.Kode).Year()
	for _, y := range []int{tahun, tahun - 1} {
		if _, err := m.Rollup(ctx, kab, y); err != nil {
			m.halaman().ServerError(rw, r, err)
			return
		}
	}
	http.Redirect(rw, r, "/wilayah/"+string(t.Kode)+"/forum", http.StatusSeeOther)
}
