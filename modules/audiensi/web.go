package audiensi

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The module's pages: the public form, receipt and status page
// (publik_web.go), a desa's list, forms and detail with its actions
// (desa_web.go), an OPD's queue (antrian_web.go) and the statistics of a
// kecamatan or kabupaten (statistik_web.go). Every page calls the same
// store methods as the API, so a page never accepts what the API refuses.

//go:embed templates/*.html
var templateFS embed.FS

var pageFuncs = template.FuncMap{
	// waktu is a moment as the desa's clock shows it.
	"waktu": func(t time.Time, desa string) string {
		return t.In(civil.Zone(tenancy.Kode(desa))).Format("02-01-2006 15:04")
	},
}

// Routes registers the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	m.routesPublik(mux)
	m.routesDesa(mux)
	m.routesAntrian(mux)
	m.routesAntrianOPD(mux)
	m.routesStatistik(mux)
	m.routesFoto(mux)
	m.routesFotoForm(mux)
}

// desaView is the header of a desa's audiensi page.
func (m *Module) desaView(ctx context.Context) web.DesaHeader {
	var names web.Names
	if m.regions != nil {
		names = m.regions
	}
	return web.DesaHeaderOf(ctx, names, "audiensi")
}

// opsi is one option of a select or a radio group.
type opsi struct {
	Value, Label string
}

var opsiMode = []opsi{
	{string(Terbuka), "Terbuka — nama dan nomor HP dilihat perangkat desa yang menangani"},
	{string(Anonim), "Anonim — nama dan nomor HP tidak disimpan sama sekali"},
	{string(Rahasia), "Rahasia — nama dan nomor HP hanya dilihat verifikator"},
}

var opsiStatus = func() []opsi {
	var out []opsi
	for _, s := range Statuses {
		out = append(out, opsi{string(s), s.Judul()})
	}
	return out
}()

// dataDari reads an audiensi's fields from a form.
func dataDari(f map[string][]string) AudiensiData {
	get := func(k string) string {
		if v := f[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	return AudiensiData{Kategori: get("kategori"), Judul: get("judul"), Isi: get("isi"), Dusun: get("dusun"),
		Lintang: get("lintang"), Bujur: get("bujur"), PelaporMode: ModePelapor(get("pelapor_mode")),
		PelaporNama: get("pelapor_nama"), PelaporTelepon: get("pelapor_telepon")}
}

// maxForm bounds a page form's body: the longest field is the isi (5,000
// characters, up to 4 bytes each).
const maxForm = 64 << 10

func bacaForm(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, maxForm)
	return r.ParseForm()
}
