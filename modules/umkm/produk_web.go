package umkm

import (
	"net/http"
	"net/url"

	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of an UMKM's products: forms on the UMKM's page.

func (m *Module) routesProdukWeb(mux *http.ServeMux, umkm string) {
	m.web.HandleDesa(mux, "POST "+umkm+"/produk", PermTulis, m.postProduk)
	m.web.HandleDesa(mux, "POST "+umkm+"/produk/{pid}", PermTulis, m.postProdukUbah)
	m.web.HandleDesa(mux, "POST "+umkm+"/produk/{pid}/hapus", PermTulis, m.postProdukHapus)
}

// produkDataDari reads a product form; p holds what could not be read.
func produkDataDari(p *valid.Problems, f url.Values) ProdukData {
	return ProdukData{Nama: f.Get("nama"), Satuan: f.Get("satuan"),
		Harga: bilangan(p, "body.harga", "Harga", f.Get("harga"), MaxHarga)}
}

func (m *Module) postProduk(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var p valid.Problems
	in := produkDataDari(&p, r.PostForm)
	var err error
	if !p.Empty() {
		err = gabung(&p, &in)
	} else {
		_, err = m.TambahProduk(r.Context(), r.PathValue("id"), in)
	}
	if err != nil {
		m.lihatGagal(w, r, err, web.NewForm("produk", r.PostForm), func(d *umkmLihatPage, f web.Form) { d.ProdukForm = f })
		return
	}
	keLihat(w, r, "produk", "#produk")
}

func (m *Module) postProdukUbah(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var p valid.Problems
	in := produkDataDari(&p, r.PostForm)
	var err error
	if !p.Empty() {
		err = gabung(&p, &in)
	} else {
		_, err = m.UbahProduk(r.Context(), r.PathValue("id"), r.PathValue("pid"), in)
	}
	if err != nil {
		m.lihatGagal(w, r, err, web.NewForm("produk-"+r.PathValue("pid"), r.PostForm), func(d *umkmLihatPage, f web.Form) {
			for i := range d.Produk {
				if d.Produk[i].Ubah.Name == f.Name {
					d.Produk[i].Ubah = f
				}
			}
		})
		return
	}
	keLihat(w, r, "produk", "#produk")
}

func (m *Module) postProdukHapus(w http.ResponseWriter, r *http.Request) {
	if _, err := m.HapusProduk(r.Context(), r.PathValue("id"), r.PathValue("pid")); err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	keLihat(w, r, "produk-hapus", "#produk")
}
