package audiensi

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// An OPD's queue: everything disposed to it across its kabupaten. Its path
// names the OPD, not a wilayah, so the desa guard cannot check it; the
// handler does what the API's OperationAt target and bolehAntrian do:
// PermOPD at the OPD's kabupaten, then membership (or PermBaca there).

func (m *Module) routesAntrian(mux *http.ServeMux) {
	m.web.Handle(mux, "GET /opd/audiensi", m.pageAntrianSaya)
	m.web.Handle(mux, "GET /opd/{id}/audiensi", m.pageAntrian)
}

// pageAntrianSaya sends an OPD user to their own OPD's queue.
func (m *Module) pageAntrianSaya(rw http.ResponseWriter, r *http.Request) {
	o, ok := m.opdOf(r.Context())
	if !ok {
		m.pages.Error(rw, r, http.StatusNotFound, "Akun Anda tidak terdaftar sebagai anggota OPD mana pun.")
		return
	}
	http.Redirect(rw, r, "/opd/"+o.ID+"/audiensi", http.StatusSeeOther)
}

type antrianItem struct {
	Antrian
	KategoriNama string
	Href         string
}

type antrianPage struct {
	OPD       OPD
	Base      string
	Wilayah   string
	Status    string
	Terlambat bool
	Statuses  []opsi
	F         web.Form
	Items     []antrianItem
	Lanjut    string
	Awal      string
	Disaring  bool
}

var opsiBagian = []opsi{{string(Menunggu), "Menunggu tanggapan"}, {string(Ditanggapi), "Sudah ditanggapi"},
	{string(Dikembalikan), "Dikembalikan"}}

func (m *Module) pageAntrian(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if m.opd == nil {
		m.pages.Error(rw, r, http.StatusNotFound, "OPD tidak ditemukan.")
		return
	}
	id := r.PathValue("id")
	o, err := m.opd.OPDByID(ctx, id)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	u, _ := auth.UserFrom(ctx)
	if ok, err := m.authz.Allowed(ctx, u.ID, o.Kabupaten, PermOPD); err != nil {
		m.pages.ServerError(rw, r, err)
		return
	} else if !ok {
		m.pages.Error(rw, r, http.StatusForbidden, "Anda tidak berwenang membuka antrian audiensi OPD ini.")
		return
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: o.Kabupaten})
	if err := m.bolehAntrian(ctx, o.ID); err != nil {
		fe, _ := fault.As(err)
		m.pages.Error(rw, r, http.StatusForbidden, fe.Message)
		return
	}
	qs := r.URL.Query()
	d := antrianPage{OPD: o, Base: "/opd/" + o.ID + "/audiensi", Statuses: opsiBagian, F: web.NewForm("saring", qs)}
	d.Wilayah = strings.TrimSpace(qs.Get("wilayah"))
	d.Status, d.Terlambat = qs.Get("status"), qs.Get("terlambat") == "1"
	if d.Status == "" {
		d.Status = string(Menunggu)
	}
	d.Disaring = d.Wilayah != "" || d.Status != string(Menunggu) || d.Terlambat
	q := AntrianQuery{Params: page.Params{Cursor: qs.Get("cursor"), Limit: UkuranHalaman}, Status: StatusDisposisi(d.Status), Terlambat: d.Terlambat}
	status := http.StatusOK
	var p page.Page[Antrian]
	if d.Wilayah != "" {
		k, perr := tenancy.ParseKode(d.Wilayah)
		if perr != nil {
			err = fault.Field("query.wilayah", "Kode wilayah %q tidak sah; tulis kode kecamatan (51.02.06) atau desa (51.02.06.2001).", d.Wilayah)
		}
		q.Wilayah = k
	}
	if err == nil {
		p, err = m.AntrianOPD(ctx, o.ID, q)
		if fault.Is(err, fault.Invalid) && q.Cursor != "" { // a stale cursor: the first page
			q.Cursor = ""
			p, err = m.AntrianOPD(ctx, o.ID, q)
		}
	}
	if err != nil {
		s, ok := d.F.Fail(err)
		if !ok {
			m.pages.ServerError(rw, r, err)
			return
		}
		status = s
	}
	link := func(cursor string) string {
		v := url.Values{}
		for k, s := range map[string]string{"wilayah": d.Wilayah, "cursor": cursor} {
			if s != "" {
				v.Set(k, s)
			}
		}
		if d.Status != string(Menunggu) {
			v.Set("status", d.Status)
		}
		if d.Terlambat {
			v.Set("terlambat", "1")
		}
		if len(v) == 0 {
			return d.Base
		}
		return d.Base + "?" + v.Encode()
	}
	if p.NextCursor != "" {
		d.Lanjut = link(p.NextCursor)
	}
	if q.Cursor != "" {
		d.Awal = link("")
	}
	for _, a := range p.Items {
		it := antrianItem{Antrian: a, KategoriNama: a.Kategori, Href: "/desa/" + string(a.Desa) + "/audiensi/" + a.AudiensiID}
		if k, ok := m.ref.KategoriOf(a.Kategori); ok {
			it.KategoriNama = k.Nama
		}
		d.Items = append(d.Items, it)
	}
	m.pages.Render(rw, r, status, "antrian", "Antrian audiensi "+o.Nama, d)
}
