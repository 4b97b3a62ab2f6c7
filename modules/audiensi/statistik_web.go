package audiensi

import (
	"net/http"
	"strconv"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The statistics of a kecamatan or kabupaten: counts, times and shares,
// no text and no person (PermStatistik, the forum's too).

var statistikLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesStatistik(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/audiensi", PermStatistik, statistikLevels, m.pageStatistik)
}

type statistikDesa struct {
	AngkaDesa
	Nama string
	Href string
}

type statistikPage struct {
	Kode  string
	Nama  string
	S     Statistik
	Desa  []statistikDesa
	Tahun []int
}

// tahunPilihan is how many years back the year selector offers.
const tahunPilihan = 5

func (m *Module) pageStatistik(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	ini := m.hariIni(ctx).Year()
	tahun, err := strconv.Atoi(r.URL.Query().Get("tahun"))
	if err != nil || tahun < ini-20 || tahun > ini {
		tahun = ini
	}
	s, err := m.Statistik(ctx, tahun)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	d := statistikPage{Kode: string(t.Kode), Nama: string(t.Kode), S: s}
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, t.Kode); err == nil && n != "" {
			d.Nama = n
		}
	}
	for y := ini; y > ini-tahunPilihan; y-- {
		d.Tahun = append(d.Tahun, y)
	}
	for _, x := range s.Desa {
		sd := statistikDesa{AngkaDesa: x, Nama: string(x.Desa), Href: "/desa/" + string(x.Desa) + "/audiensi"}
		if m.regions != nil {
			if n, err := m.regions.Nama(ctx, x.Desa); err == nil && n != "" {
				sd.Nama = n
			}
		}
		d.Desa = append(d.Desa, sd)
	}
	m.pages.Render(rw, r, http.StatusOK, "statistik", "Statistik audiensi "+d.Nama, d)
}
