package umkm

import (
	"net/http"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the assistance an UMKM received: forms on the UMKM's page.

func (m *Module) routesBantuanWeb(mux *http.ServeMux, umkm string) {
	m.web.HandleDesa(mux, "POST "+umkm+"/bantuan", PermTulis, m.postBantuan)
	m.web.HandleDesa(mux, "POST "+umkm+"/bantuan/{bid}/hapus", PermTulis, m.postBantuanHapus)
}

func (m *Module) postBantuan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var p valid.Problems
	f := r.PostForm
	in := BantuanData{OPDKode: f.Get("opd_kode"), Uraian: f.Get("uraian"),
		Tahun: int(bilangan(&p, "body.tahun", "Tahun bantuan", f.Get("tahun"), MaxTahun))}
	var err error
	if !p.Empty() {
		if verr := in.Validate(m.hariIniUmkm(ctx)); verr != nil {
			if fe, ok := fault.As(verr); ok && fe.Code == fault.Invalid {
				for _, x := range fe.Fields {
					if x.Field != "body.tahun" {
						p.Include("", x)
					}
				}
			}
		}
		err = p.Err()
	} else {
		_, err = m.TambahBantuan(ctx, r.PathValue("id"), in)
	}
	if err != nil {
		m.lihatGagal(w, r, err, web.NewForm("bantuan", r.PostForm), func(d *umkmLihatPage, f web.Form) { d.BantuanForm = f })
		return
	}
	keLihat(w, r, "bantuan", "#bantuan")
}

func (m *Module) postBantuanHapus(w http.ResponseWriter, r *http.Request) {
	if err := m.HapusBantuan(r.Context(), r.PathValue("id"), r.PathValue("bid")); err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	keLihat(w, r, "bantuan-hapus", "#bantuan")
}
