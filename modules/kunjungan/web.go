package kunjungan

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The module's pages: the list of visits of a wilayah (and of one desa),
// the scheduling and change forms, and a visit's page with its actions,
// agenda, commitments and dossiers. Every form calls the store methods the
// API calls, so a page never accepts what the API refuses.
//
// A visit's pages (/kunjungan/{id}…) name no wilayah: the handler does
// what the API's OperationAt target does — the visit's desa from its id
// (DesaOf), PermBaca there, then the action's own permission — and the
// OPD view (pandangan.saring) as the API; what the user may not see is
// the 404 page.

// segarkanDetik is how often a visit's page reloads itself while a dossier
// is queued or being built (the Refresh header: the pages run no script).
const segarkanDetik = 5

// Routes registers the module's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.halaman()
	m.routesDasbor(mux)
	m.routesKomitmenWilayah(mux)
	m.routesPerencanaan(mux)
	semua := []tenancy.Level{tenancy.Kabupaten, tenancy.Kecamatan, tenancy.Desa}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/kunjungan", PermBaca, semua, m.pageDaftar)
	m.web.HandleDesa(mux, "GET /desa/{kode}/kunjungan", PermBaca, m.pageDaftar)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/kunjungan/baru", PermJadwal, semua, m.pageBaru)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/kunjungan", PermJadwal, semua, m.postBaru)
	// A visit's page names no wilayah; its forms post under the desa's
	// path, so the desa page guard checks them as it checks every desa
	// form (and a page can ask web.May before showing one).
	m.web.Handle(mux, "GET /kunjungan/{id}", m.diKunjungan(PermBaca, m.pageLihat))
	aksi := "/desa/{kode}/kunjungan/{id}"
	m.web.HandleDesa(mux, "GET "+aksi+"/ubah", PermJadwal, m.diDesa(m.pageUbah))
	m.web.HandleDesa(mux, "POST "+aksi+"/ubah", PermJadwal, m.diDesa(m.postUbah))
	m.web.HandleDesa(mux, "POST "+aksi+"/mulai", PermJadwal, m.diDesa(m.postMulai))
	m.web.HandleDesa(mux, "POST "+aksi+"/selesai", PermJadwal, m.diDesa(m.postSelesai))
	m.web.HandleDesa(mux, "POST "+aksi+"/batal", PermJadwal, m.diDesa(m.postBatal))
	m.web.HandleDesa(mux, "POST "+aksi+"/agenda", PermJadwal, m.diDesa(m.postAgenda))
	m.web.HandleDesa(mux, "POST "+aksi+"/agenda/{urut}", PermJadwal, m.diDesa(m.postHasilAgenda))
	m.web.HandleDesa(mux, "POST "+aksi+"/usulan", PermUsulan, m.diDesa(m.postUsulan))
	m.web.HandleDesa(mux, "POST "+aksi+"/komitmen", PermJadwal, m.diDesa(m.postKomitmen))
	m.web.HandleDesa(mux, "POST "+aksi+"/komitmen/{kid}", PermKomitmen, m.diDesa(m.postKemajuan))
	m.web.HandleDesa(mux, "POST "+aksi+"/dossier", PermDossier, m.diDesa(m.postDossier))
}

// diDesa serves a visit's form under its desa's path (the desa guard has
// checked the form's permission there): a visit of another desa, or one
// the user may not read, is not found.
func (m *Module) diDesa(h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		t, _ := tenancy.From(ctx)
		desa, err := m.DesaOf(ctx, r.PathValue("id"))
		if err == nil && (desa != t.Kode || !m.allowed(ctx, desa, PermBaca)) {
			err = errTidakAda
		}
		if err != nil {
			m.pages.Fault(rw, r, err)
			return
		}
		h(rw, r)
	}
}

// diKunjungan guards a page of one visit: the visit's desa from its id,
// PermBaca there (else the visit is not found), then p (else 403); h runs
// with the desa as tenant.
func (m *Module) diKunjungan(p authz.Permission, h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		desa, err := m.DesaOf(ctx, r.PathValue("id"))
		if err != nil {
			m.pages.Fault(rw, r, err)
			return
		}
		if !m.allowed(ctx, desa, PermBaca) {
			m.pages.Fault(rw, r, errTidakAda)
			return
		}
		if p != PermBaca && !m.allowed(ctx, desa, p) {
			m.pages.Error(rw, r, http.StatusForbidden, "Anda tidak berwenang melakukan tindakan ini pada kunjungan ini.")
			return
		}
		h(rw, r.WithContext(tenancy.With(ctx, tenancy.Tenant{Kode: desa})))
	}
}

// maxForm bounds a page form's body.
const maxForm = 128 << 10

func bacaForm(rw http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(rw, r.Body, maxForm)
	return r.ParseForm() == nil
}

func (m *Module) namaWilayah(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

// --- the list

type daftarItem struct {
	Ringkas
	NamaDesa string
	Href     string
}

type daftarPage struct {
	Wilayah string // the wilayah's page
	Nama    string
	Tingkat string
	Base    string
	Baru    string // "" when the user may not schedule
	// Perencanaan is the planning dossiers of every desa (the office, at
	// a kecamatan or kabupaten).
	Perencanaan string
	Status      string
	Statuses    []opsi
	OPD         string // the OPD the list is cut down to
	Items       []daftarItem
	Lanjut      string
	Awal        string
}

type opsi struct{ Value, Label string }

var opsiStatus = []opsi{{string(Direncanakan), Direncanakan.Judul()}, {string(Berlangsung), Berlangsung.Judul()},
	{string(Selesai), Selesai.Judul()}, {string(Dibatalkan), Dibatalkan.Judul()}}

// UkuranHalaman is the rows of a list page.
const UkuranHalaman = 25

func (m *Module) pageDaftar(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := daftarPage{Wilayah: "/wilayah/" + string(t.Kode), Nama: m.namaWilayah(ctx, t.Kode), Tingkat: t.Kode.Level().String(),
		Base: r.URL.Path, Statuses: opsiStatus}
	if m.allowed(ctx, t.Kode, PermJadwal) {
		d.Baru = "/wilayah/" + string(t.Kode) + "/kunjungan/baru"
		if lv := t.Kode.Level(); lv == tenancy.Kabupaten || lv == tenancy.Kecamatan {
			d.Perencanaan = "/wilayah/" + string(t.Kode) + "/kunjungan/perencanaan"
		}
	}
	qs := r.URL.Query()
	q := DaftarQuery{Params: page.Params{Cursor: qs.Get("cursor"), Limit: UkuranHalaman}, Status: Status(qs.Get("status"))}
	switch q.Status {
	case "", Direncanakan, Berlangsung, Selesai, Dibatalkan:
	default:
		q.Status = ""
	}
	d.Status = string(q.Status)
	if v := m.pandanganOf(ctx); v.opd != nil {
		q.OPD, d.OPD = v.opd.ID, v.opd.Nama
	}
	p, err := m.Daftar(ctx, q)
	if fault.Is(err, fault.Invalid) { // a stale cursor: the first page
		q.Cursor = ""
		p, err = m.Daftar(ctx, q)
	}
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	link := func(cursor string) string {
		v := url.Values{}
		if d.Status != "" {
			v.Set("status", d.Status)
		}
		if cursor != "" {
			v.Set("cursor", cursor)
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
	names := map[tenancy.Kode]string{}
	for _, k := range p.Items {
		n, ok := names[k.Desa]
		if !ok {
			n = m.namaWilayah(ctx, k.Desa)
			names[k.Desa] = n
		}
		d.Items = append(d.Items, daftarItem{Ringkas: k, NamaDesa: n, Href: "/kunjungan/" + k.ID})
	}
	m.pages.Render(rw, r, http.StatusOK, "daftar", "Kunjungan kerja "+d.Nama, d)
}

// --- the scheduling and change forms

type desaGrup struct {
	Kecamatan string
	Desa      []Desa
}

type opdGrup struct {
	Nama    string
	OPD     []OPD
	Dipilih int
}

type formPage struct {
	Judul     string
	Action    string
	Batal     string
	Baru      bool
	Desa      []desaGrup // the desa picker ("" when the visit's desa is fixed)
	NamaDesa  string
	OPDGrup   []opdGrup
	OPDAktif  []OPD
	Dipilih   map[string]bool
	Jenis     []opsi
	AgendaIdx []int
	// AgendaLain opens the folded agenda rows (one is filled or refused).
	AgendaLain bool
	F          web.Form
}

// BarisAgenda is how many agenda rows the scheduling form offers.
const BarisAgenda = 6

var opsiJenis = func() []opsi {
	var out []opsi
	for _, j := range JenisAgendaSemua {
		out = append(out, opsi{string(j), j.Judul()})
	}
	return out
}()

// opdAktif lists the active OPD of the kabupaten of k, by name.
func (m *Module) opdAktif(ctx context.Context, k tenancy.Kode) ([]OPD, error) {
	if m.opd == nil {
		return nil, nil
	}
	os, err := m.opd.Daftar(ctx, k.Up(tenancy.Kabupaten))
	if err != nil {
		return nil, err
	}
	var out []OPD
	for _, o := range os {
		if o.Aktif {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Nama < out[j].Nama })
	return out, nil
}

// kelompokOPD groups the OPD by the first word of their name (Dinas,
// Badan, Kecamatan…), so a phone shows a few folded groups rather than 40
// rows; a group of one joins "Lainnya".
func kelompokOPD(os []OPD, dipilih map[string]bool) []opdGrup {
	by := map[string][]OPD{}
	var keys []string
	for _, o := range os {
		k, _, _ := strings.Cut(o.Nama, " ")
		if _, ok := by[k]; !ok {
			keys = append(keys, k)
		}
		by[k] = append(by[k], o)
	}
	var out []opdGrup
	var lain []OPD
	sort.Strings(keys)
	for _, k := range keys {
		if len(by[k]) < 2 {
			lain = append(lain, by[k]...)
			continue
		}
		out = append(out, opdGrup{Nama: k, OPD: by[k]})
	}
	if len(lain) > 0 {
		out = append(out, opdGrup{Nama: "Lainnya", OPD: lain})
	}
	for i := range out {
		for _, o := range out[i].OPD {
			if dipilih[o.ID] {
				out[i].Dipilih++
			}
		}
	}
	return out
}

func (m *Module) formData(ctx context.Context, wilayah tenancy.Kode, id string, f web.Form) (formPage, error) {
	d := formPage{Baru: id == "", F: f, Jenis: opsiJenis}
	opds, err := m.opdAktif(ctx, wilayah)
	if err != nil {
		return d, err
	}
	dipilih := map[string]bool{}
	for _, o := range f.Values["opd"] {
		dipilih[o] = true
	}
	d.OPDAktif, d.OPDGrup, d.Dipilih = opds, kelompokOPD(opds, dipilih), dipilih
	if d.Baru {
		d.Judul, d.Action, d.Batal = "Jadwalkan kunjungan kerja", "/wilayah/"+string(wilayah)+"/kunjungan", "/wilayah/"+string(wilayah)+"/kunjungan"
		for i := range BarisAgenda {
			d.AgendaIdx = append(d.AgendaIdx, i)
			n := strconv.Itoa(i)
			if i >= 2 && (f.Get("agenda_judul_"+n) != "" || f.FieldError("agenda_judul_"+n) != "" || f.FieldError("agenda_opd_"+n) != "") {
				d.AgendaLain = true
			}
		}
		if m.regions != nil {
			ds, err := m.regions.DesaIn(ctx, wilayah)
			if err != nil {
				return d, err
			}
			for _, x := range ds {
				if n := len(d.Desa); n > 0 && d.Desa[n-1].Kecamatan == x.NamaKecamatan {
					d.Desa[n-1].Desa = append(d.Desa[n-1].Desa, x)
				} else {
					d.Desa = append(d.Desa, desaGrup{Kecamatan: x.NamaKecamatan, Desa: []Desa{x}})
				}
			}
		}
		return d, nil
	}
	d.Judul, d.Action, d.Batal = "Ubah kunjungan", aksiHref(wilayah, id)+"/ubah", "/kunjungan/"+id
	d.NamaDesa = m.namaWilayah(ctx, wilayah)
	return d, nil
}

func (m *Module) pageBaru(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	v := url.Values{"tanggal": {string(m.hariIni(ctx).AddDate(0, 0, 14))}, "camat_hadir": {"1"}, "forum_hadir": {"1"}}
	if t.Kode.IsDesa() {
		v.Set("desa", string(t.Kode))
	}
	d, err := m.formData(ctx, t.Kode, "", web.NewForm("kunjungan", v))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "form", d.Judul, d)
}

// dataDari reads a visit from the form; agenda rows left empty are
// skipped, and idx maps each kept row to its form row.
func dataDari(f url.Values) (d KunjunganData, idx []int, err error) {
	d.Judul, d.Keterangan = f.Get("judul"), f.Get("keterangan")
	d.OPD = f["opd"]
	d.CamatHadir, d.ForumHadir = f.Get("camat_hadir") == "1", f.Get("forum_hadir") == "1"
	if s := strings.TrimSpace(f.Get("tanggal")); s != "" {
		if d.Tanggal, err = civil.ParseDate(s); err != nil {
			return d, nil, fault.Field("body.tanggal", "Tanggal tidak sah.")
		}
	}
	for i := range BarisAgenda {
		n := strconv.Itoa(i)
		judul := strings.TrimSpace(f.Get("agenda_judul_" + n))
		if judul == "" {
			continue
		}
		d.Agenda = append(d.Agenda, AgendaData{Jenis: JenisAgenda(f.Get("agenda_jenis_" + n)), Judul: judul,
			OPDID: f.Get("agenda_opd_" + n)})
		idx = append(idx, i)
	}
	return d, idx, nil
}

// formulir maps the API's field names to the form's.
func formulir(name string, v url.Values, idx []int) web.Form {
	f := web.NewForm(name, v)
	for k, i := range idx {
		f = f.Rename(fmt.Sprintf("agenda[%d].", k), fmt.Sprintf("agenda_%d_", i)).Rename(fmt.Sprintf("agenda[%d].opd_id", k), fmt.Sprintf("agenda_opd_%d", i))
		f = f.Rename(fmt.Sprintf("agenda[%d].jenis", k), fmt.Sprintf("agenda_jenis_%d", i)).Rename(fmt.Sprintf("agenda[%d].judul", k), fmt.Sprintf("agenda_judul_%d", i))
	}
	return f
}

// polos folds the per-item fields of a list ("body.opd[3]") into the
// list's field, the one the form shows.
func polos(err error) error {
	fe, ok := fault.As(err)
	if !ok || fe.Code != fault.Invalid {
		return err
	}
	cp := *fe
	fix := func(s string) string {
		if strings.HasPrefix(s, "body.opd[") || strings.HasPrefix(s, "body.opd_hadir[") {
			s, _, _ = strings.Cut(s, "[")
		}
		return s
	}
	cp.Field = fix(cp.Field)
	cp.Fields = nil
	for _, x := range fe.Fields {
		y := *x
		y.Field = fix(y.Field)
		cp.Fields = append(cp.Fields, &y)
	}
	return &cp
}

func (m *Module) postBaru(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if !bacaForm(rw, r) {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	d, idx, err := dataDari(r.PostForm)
	var det Detail
	if err == nil {
		det, err = m.buatDiDesa(ctx, t.Kode, r.PostForm.Get("desa"), d)
	}
	if err != nil {
		web.Refill(m.pages, rw, r, polos(err), formulir("kunjungan", r.PostForm, idx), "form", "Jadwalkan kunjungan kerja",
			func() (formPage, error) { return m.formData(ctx, t.Kode, "", web.NewForm("kunjungan", r.PostForm)) },
			func(p *formPage, f web.Form) { p.F = f })
		return
	}
	http.Redirect(rw, r, "/kunjungan/"+det.ID+"?tersimpan=baru", http.StatusSeeOther)
}

// buatDiDesa schedules a visit to desa (a code under wilayah) as the API's
// create does: PermJadwal at that desa.
func (m *Module) buatDiDesa(ctx context.Context, wilayah tenancy.Kode, kode string, d KunjunganData) (Detail, error) {
	desa, err := tenancy.ParseKode(strings.TrimSpace(kode))
	if kode == "" {
		return Detail{}, fault.Field("body.desa", "Pilih desa yang dikunjungi.")
	}
	if err != nil || !desa.IsDesa() || !wilayah.Contains(desa) {
		return Detail{}, fault.Field("body.desa", "Desa tidak dikenal di wilayah ini.")
	}
	if !m.allowed(ctx, desa, PermJadwal) {
		return Detail{}, fault.New(fault.Forbidden, "Anda tidak berwenang menjadwalkan kunjungan ke desa ini.")
	}
	if m.regions != nil {
		if err := m.regions.Exists(ctx, desa); err != nil {
			return Detail{}, fault.Field("body.desa", "Desa %s tidak terdaftar.", desa)
		}
	}
	return m.Buat(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), d)
}

func (m *Module) pageUbah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	det, _, err := m.lihat(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if det.Status != Direncanakan {
		m.pages.Error(rw, r, http.StatusConflict, "Hanya kunjungan yang masih direncanakan yang dapat diubah.")
		return
	}
	v := url.Values{"tanggal": {string(det.Tanggal)}, "judul": {det.Judul}, "keterangan": {det.Keterangan}}
	if det.CamatHadir {
		v.Set("camat_hadir", "1")
	}
	if det.ForumHadir {
		v.Set("forum_hadir", "1")
	}
	for _, o := range det.OPD {
		v.Add("opd", o.OPDID)
	}
	d, err := m.formData(ctx, t.Kode, det.ID, web.NewForm("kunjungan", v))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "form", d.Judul, d)
}

func (m *Module) postUbah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	id := r.PathValue("id")
	if !bacaForm(rw, r) {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	d, _, err := dataDari(r.PostForm)
	if err == nil {
		_, err = m.Ubah(ctx, id, d)
	}
	if err != nil {
		web.Refill(m.pages, rw, r, polos(err), web.NewForm("kunjungan", r.PostForm), "form", "Ubah kunjungan",
			func() (formPage, error) { return m.formData(ctx, t.Kode, id, web.NewForm("kunjungan", r.PostForm)) },
			func(p *formPage, f web.Form) { p.F = f })
		return
	}
	keLihat(rw, r, id, "ubah")
}

func keLihat(rw http.ResponseWriter, r *http.Request, id, pesan string) {
	http.Redirect(rw, r, "/kunjungan/"+id+"?tersimpan="+pesan, http.StatusSeeOther)
}

// aksiHref is the base of a visit's forms: under its desa.
func aksiHref(desa tenancy.Kode, id string) string {
	return "/desa/" + string(desa) + "/kunjungan/" + id
}
