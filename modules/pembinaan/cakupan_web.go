package pembinaan

import (
	"net/http"
	"net/url"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The coverage page (360 px: the post × topic table scrolls sideways) and
// the never-trained list as CSV.

func (m *Module) routesCakupan(mux *http.ServeMux) {
	const base = "/wilayah/{kode}/pembinaan/cakupan"
	m.web.HandleWilayah(mux, "GET "+base, PermCakupan, tlLevels, m.pageCakupan)
	m.web.HandleWilayah(mux, "GET "+base+"/belum-dilatih.csv", PermCakupan, tlLevels, m.pageCakupanCSV)
}

type cakupanPage struct {
	Nama, Base, CSV, Topik string
	Kecamatan              bool
	C                      PembinaanCakupan
	Pilihan                []sesiPilihan
}

// cakupanQuery reads dari, sampai and topik of a page's query; an
// unreadable date is the default.
func cakupanQuery(q url.Values) (dari, sampai civil.Date, topik string) {
	if d, err := civil.ParseDate(q.Get("dari")); err == nil {
		dari = d
	}
	if d, err := civil.ParseDate(q.Get("sampai")); err == nil {
		sampai = d
	}
	return dari, sampai, q.Get("topik")
}

func (m *Module) pageCakupan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := tenantOf(ctx)
	dari, sampai, topik := cakupanQuery(r.URL.Query())
	c, err := m.Cakupan(ctx, k, dari, sampai, topik)
	if err != nil {
		if fault.Is(err, fault.Invalid) {
			m.pages.Fault(w, r, err)
			return
		}
		m.pages.ServerError(w, r, err)
		return
	}
	base := "/wilayah/" + string(k) + "/pembinaan/cakupan"
	q := url.Values{"dari": {string(c.Dari)}, "sampai": {string(c.Sampai)}}
	if topik != "" {
		q.Set("topik", topik)
	}
	d := cakupanPage{Nama: m.namaWilayah(ctx, k), Base: base, CSV: base + "/belum-dilatih.csv?" + q.Encode(), Topik: topik,
		Kecamatan: k.Level() == tenancy.Kecamatan, C: c}
	d.Pilihan = cakupanTopik
	m.pages.Render(w, r, http.StatusOK, "cakupan", "Cakupan pembinaan "+d.Nama, d)
}

func (m *Module) pageCakupanCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := tenantOf(ctx)
	dari, sampai, topik := cakupanQuery(r.URL.Query())
	c, err := m.Cakupan(ctx, k, dari, sampai, topik)
	var b []byte
	if err == nil {
		b, err = cakupanCSV(c)
	}
	if err != nil {
		if fault.Is(err, fault.Invalid) {
			m.pages.Fault(w, r, err)
			return
		}
		m.pages.ServerError(w, r, err)
		return
	}
	web.Download(w, "text/csv; charset=utf-8", "belum-dilatih-"+string(k)+".csv", b)
}
