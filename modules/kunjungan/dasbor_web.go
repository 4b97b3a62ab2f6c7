package kunjungan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The dashboard's API (GET /wilayah/{kode}/dasbor) and page
// (/wilayah/{kode}/dasbor): both read LihatDasbor.

type dasborInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kabupaten atau kecamatan"`
}

type dasborOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Dasbor
}

func (m *Module) registerDasbor(api huma.API) {
	o := httpserver.Operation(tag, "get-kunjungan-dasbor", http.MethodGet, "/wilayah/{kode}/dasbor",
		"Dasbor kunjungan kerja kabupaten atau kecamatan", PermDasbor)
	o.Description = "Indikator kunci per kecamatan dan per desa dari modul-modul (hanya yang boleh dilihat pengguna; " +
		"pengguna OPD: bidangnya saja), kunjungan tahun ini dan bagian desa yang sudah dikunjungi, audiensi dan komitmen " +
		"yang melewati tenggat per OPD; untuk kecamatan juga daftar desa tanpa entri data 60 hari (pembinaan camat). " +
		"Kode desa: 422."
	huma.Register(api, o, m.apiDasbor)
}

func (m *Module) apiDasbor(ctx context.Context, in *dasborInput) (*dasborOutput, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, tenancy.ErrNoTenant
	}
	d, err := m.LihatDasbor(ctx, t.Kode)
	if err != nil {
		return nil, err
	}
	return &dasborOutput{CacheControl: "private, no-store", Body: d}, nil
}

var dasborLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesDasbor(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/dasbor", PermDasbor, dasborLevels, m.pageDasbor)
}

// dasborView is the dashboard as the page draws it.
type dasborView struct {
	D          Dasbor
	Kolom      []DasborKolom
	Kecamatan  []dasborBarisView
	Desa       []dasborBarisView
	Dikunjungi string // "12,03 %"
	Kunjungan  []dasborItemView
	Kabupaten  bool
}

type dasborItemView struct {
	DasborKunjunganItem
	Tanggal, Status string
}

type dasborBarisView struct {
	DasborBaris
	Terakhir, TautanKunjungan, TautanKomitmen string
	Sel                                       []dasborSelView
}

type dasborSelView struct {
	Teks, Tautan string
}

func (m *Module) pageDasbor(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	pages := m.halaman()
	d, err := m.LihatDasbor(ctx, t.Kode)
	if err != nil {
		if fault.Is(err, fault.Invalid) || fault.Is(err, fault.NotFound) {
			pages.Fault(rw, r, err)
			return
		}
		pages.ServerError(rw, r, err)
		return
	}
	v := dasborView{D: d, Kolom: d.Kolom, Kabupaten: d.Tingkat == "kabupaten", Dikunjungi: valid.FormatBP(d.Kunjungan.DikunjungiBP)}
	for _, k := range d.Kunjungan.Daftar {
		v.Kunjungan = append(v.Kunjungan, dasborItemView{DasborKunjunganItem: k, Tanggal: k.Tanggal.String(), Status: k.Status.Judul()})
	}
	baris := func(b DasborBaris, desa bool) dasborBarisView {
		bv := dasborBarisView{DasborBaris: b}
		if b.KunjunganTerakhir != nil {
			bv.Terakhir = b.KunjunganTerakhir.String()
		}
		if b.KunjunganID != "" {
			bv.TautanKunjungan = "/kunjungan/" + b.KunjunganID
		}
		if b.KomitmenTerbuka > 0 {
			bv.TautanKomitmen = tautanKomitmen(b.Kode, "")
		}
		for _, k := range d.Kolom {
			n, ok := b.Nilai[k.Kunci]
			if !ok {
				bv.Sel = append(bv.Sel, dasborSelView{})
				continue
			}
			s := dasborSelView{Teks: k.Teks(n), Tautan: tautanSumber(k.Sumber, desa, b.Kode)}
			if !desa {
				s.Tautan = tautanSumber(k.Sumber, false, b.Kode)
			}
			bv.Sel = append(bv.Sel, s)
		}
		return bv
	}
	for _, b := range d.Kecamatan {
		v.Kecamatan = append(v.Kecamatan, baris(b, false))
	}
	for _, b := range d.Desa {
		v.Desa = append(v.Desa, baris(b, true))
	}
	pages.Render(rw, r, http.StatusOK, "dasbor", "Dasbor kunjungan kerja "+d.Nama, v)
}
