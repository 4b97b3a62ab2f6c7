package cctv

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the akses part: a camera's access list, the page that opens
// its live link, and the desa's view log ("Catatan akses" tab).

func (m *Module) routesAksesWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/cctv"
	m.web.HandleDesa(mux, "GET "+base+"/{id}/akses", PermKelola, m.pageAkses)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/akses", PermKelola, m.postAkses)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/lihat", PermLihat, m.pageLihat)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/lihat", PermLihat, m.postLihat)
	m.web.HandleDesa(mux, "GET "+base+TabLihat, PermKelola, m.pageCatatan)
}

// opdUtama are the OPD a desa shares cameras with most (Satpol PP for
// ketertiban, Dishub for traffic, BPBD for disasters, Diskominfo for the
// command centre): listed first, the rest folded away.
var opdUtama = []string{"SATPOLPP", "DISHUB", "BPBD", "DISKOMINFO"}

// aksesPilihan is one checkbox of the access form.
type aksesPilihan struct {
	Value, Label string
	Checked      bool
}

type aksesPage struct {
	Desa        desaView
	Nav         []navTab
	Kamera      Kamera
	KameraHref  string // the camera's page, "" when not served
	Lihat       string // the camera's live link page
	Aksi        string
	Form        web.Form
	Peran       []aksesPilihan
	Utama       []aksesPilihan
	Lainnya     []aksesPilihan
	LainDipilih int
	Berlaku     []string // labels of the list as saved
	Disimpan    bool
}

func (m *Module) kameraHref(desa tenancy.Kode, id string) string {
	if h := "/desa/" + string(desa) + "/cctv/" + id; m.served(h) {
		return h
	}
	return ""
}

// aksesData loads the access page of camera id; chosen is the list the
// form shows (nil: the saved one).
func (m *Module) aksesData(r *http.Request, id string, form *web.Form) (aksesPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := aksesPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, "-")}
	a, err := m.BacaAkses(ctx, id)
	if err != nil {
		return d, err
	}
	var k Kamera
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		k, err = getKamera(ctx, tx, id)
		return err
	})
	if err != nil {
		return d, err
	}
	d.Kamera, d.KameraHref = k, m.kameraHref(t.Kode, id)
	d.Aksi = d.Desa.Base + "/" + id + "/akses"
	d.Lihat = d.Desa.Base + "/" + id + "/lihat"
	d.Disimpan = r.URL.Query().Get("disimpan") == "1"
	for _, p := range a.Penerima {
		d.Berlaku = append(d.Berlaku, NamaPenerima(p))
	}
	if form != nil {
		d.Form = *form
	} else {
		d.Form = web.NewForm("akses", url.Values{"penerima": a.Penerima})
	}
	chosen := d.Form.Values["penerima"]
	pilih := func(v string) aksesPilihan {
		return aksesPilihan{Value: v, Label: NamaPenerima(v), Checked: slices.Contains(chosen, v)}
	}
	for _, r := range []string{"perbekel", "sekdes", "camat", "bupati", "opd"} {
		d.Peran = append(d.Peran, pilih(PenerimaRole+":"+r))
	}
	for _, o := range opdUtama {
		d.Utama = append(d.Utama, pilih(PenerimaOPD+":"+o))
	}
	d.Utama = append(d.Utama, pilih(PenerimaKabupaten+":"+CommandCentre))
	opds, err := DaftarOPD()
	if err != nil {
		return d, err
	}
	for _, o := range opds {
		if slices.Contains(opdUtama, o.Kode) {
			continue
		}
		p := pilih(PenerimaOPD + ":" + o.Kode)
		p.Label = o.Nama + " (" + o.Kode + ")"
		if p.Checked {
			d.LainDipilih++
		}
		d.Lainnya = append(d.Lainnya, p)
	}
	return d, nil
}

func (m *Module) pageAkses(w http.ResponseWriter, r *http.Request) {
	d, err := m.aksesData(r, r.PathValue("id"), nil)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "akses", "Akses kamera "+d.Kamera.Nama, d)
}

func (m *Module) postAkses(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("akses", r.PostForm)
	if _, err := m.SimpanAkses(r.Context(), id, r.PostForm["penerima"]); err != nil {
		web.Refill(m.pages, w, r, err, form, "akses", "Akses kamera",
			func() (aksesPage, error) { return m.aksesData(r, id, &form) },
			func(d *aksesPage, f web.Form) { d.Form = f })
		return
	}
	t, _ := tenancy.From(r.Context())
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/cctv/"+id+"/akses?disimpan=1", http.StatusSeeOther)
}

type lihatPage struct {
	Desa       desaView
	Nav        []navTab
	Kamera     Kamera
	KameraHref string
	Akses      string // the access list page (for those who may set it)
	Penerima   []string
	Kosong     bool // the list is empty: perbekel and sekdes only
	Boleh      bool // the list names this user
	Aksi       string
	Tautan     *TautanKamera
	RTSP       bool
	Pesan      string // a refusal after a post
}

func (m *Module) lihatData(r *http.Request, id string) (lihatPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := lihatPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, "-")}
	var list []string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d.Kamera, err = getKamera(ctx, tx, id); err != nil {
			return err
		}
		list, err = daftarAkses(ctx, tx, id)
		return err
	})
	if err != nil {
		return d, err
	}
	d.Kamera.StreamURL, d.Kamera.Kredensial = "", ""
	d.KameraHref = m.kameraHref(t.Kode, id)
	d.Akses = d.Desa.Base + "/" + id + "/akses"
	d.Aksi = d.Desa.Base + "/" + id + "/lihat"
	d.Kosong = len(list) == 0
	for _, p := range list {
		d.Penerima = append(d.Penerima, NamaPenerima(p))
	}
	d.Boleh, err = m.bolehBukaKamera(ctx, list)
	return d, err
}

func (m *Module) pageLihat(w http.ResponseWriter, r *http.Request) {
	d, err := m.lihatData(r, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "lihat", "Tautan langsung "+d.Kamera.Nama, d)
}

func (m *Module) postLihat(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	tautan, err := m.BukaTautan(r.Context(), id)
	status := http.StatusOK
	var pesan string
	if err != nil {
		fe, ok := fault.As(err)
		if !ok || (fe.Code != fault.Forbidden && fe.Code != fault.Conflict && fe.Code != fault.Invalid) {
			m.pages.Fault(w, r, err)
			return
		}
		pesan = fe.Message
		status = map[fault.Code]int{fault.Forbidden: http.StatusForbidden, fault.Conflict: http.StatusConflict,
			fault.Invalid: http.StatusUnprocessableEntity}[fe.Code]
	}
	d, lerr := m.lihatData(r, id)
	if lerr != nil {
		m.pages.Fault(w, r, lerr)
		return
	}
	if err != nil {
		d.Pesan = pesan
	} else {
		d.Tautan = &tautan
		d.RTSP = strings.HasPrefix(tautan.URL, "rtsp")
	}
	m.pages.Render(w, r, status, "lihat", "Tautan langsung "+d.Kamera.Nama, d)
}

// catatanBaris is one row of the view log page.
type catatanBaris struct {
	Nama, Kamera, Waktu string
}

type catatanPage struct {
	Desa       desaView
	Nav        []navTab
	Kamera     []kameraNama
	Pilih      string
	Baris      []catatanBaris
	Berikutnya string
	Awal       string // back to the first page when on a later one
}

// WaktuWITA prints t in the desa's zone, e.g. "5 Maret 2026 10.00 WITA".
func WaktuWITA(t time.Time, desa tenancy.Kode) string {
	l := t.In(civil.Zone(desa))
	return civil.DateOf(l).String() + " " + l.Format("15.04 MST")
}

func (m *Module) pageCatatan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	q := r.URL.Query()
	d := catatanPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabLihat), Pilih: q.Get("kamera")}
	if len(d.Pilih) > 36 {
		m.pages.Error(w, r, http.StatusNotFound, "Kamera tidak ditemukan di desa ini.")
		return
	}
	p, err := m.CatatanLihat(ctx, d.Pilih, q.Get("cursor"), page.DefaultLimit)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	if d.Kamera, err = m.daftarKamera(ctx); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	for _, b := range p.Items {
		nama := b.Nama
		if nama == "" {
			nama = "(nama tidak tercatat)"
		}
		d.Baris = append(d.Baris, catatanBaris{Nama: nama, Kamera: b.Kamera, Waktu: WaktuWITA(b.DilihatAt, t.Kode)})
	}
	base := d.Desa.Base + TabLihat
	v := url.Values{}
	if d.Pilih != "" {
		v.Set("kamera", d.Pilih)
	}
	if q.Get("cursor") != "" {
		d.Awal = base
		if len(v) > 0 {
			d.Awal += "?" + v.Encode()
		}
	}
	if p.NextCursor != "" {
		v.Set("cursor", p.NextCursor)
		d.Berikutnya = base + "?" + v.Encode()
	}
	m.pages.Render(w, r, http.StatusOK, "lihat_catatan", "Catatan akses CCTV "+d.Desa.Nama, d)
}
