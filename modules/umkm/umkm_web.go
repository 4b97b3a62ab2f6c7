package umkm

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the umkm part: the registry's list, an UMKM with its products,
// assistance and photos, and the forms that write them.

func (m *Module) routesUmkmWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/umkm"
	m.web.HandleDesa(mux, "GET "+base, PermRead, m.pageUmkmList)
	m.web.HandleDesa(mux, "GET "+base+"/baru", PermTulis, m.pageUmkmBaru)
	m.web.HandleDesa(mux, "POST "+base, PermTulis, m.postUmkmBaru)
	m.web.HandleDesa(mux, "GET "+base+"/{id}", PermRead, m.pageUmkm)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/ubah", PermTulis, m.pageUmkmUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}", PermTulis, m.postUmkmUbah)
	m.routesProdukWeb(mux, base+"/{id}")
	m.routesBantuanWeb(mux, base+"/{id}")
}

type opsi struct{ Value, Label string }

var opsiSkala = []opsi{{SkalaMikro, "Mikro (omzet ≤ Rp 2 miliar/tahun)"}, {SkalaKecil, "Kecil (omzet > Rp 2 miliar s.d. Rp 15 miliar)"},
	{SkalaMenengah, "Menengah (omzet > Rp 15 miliar s.d. Rp 50 miliar)"}}

type umkmItem struct {
	UmkmBaris
	Href       string
	Thumb      string
	SektorNama string
	SkalaNama  string
	Pemilik    string
	Inisial    string // the placeholder of a UMKM without a photo
}

type statusLink struct {
	Label  string
	Jumlah int
	Href   string
	Aktif  bool
}

type umkmListPage struct {
	Desa     desaView
	Nav      []navTab
	Base     string
	Baru     string
	Q        string
	Sektor   string
	Skala    string
	Status   string
	Kategori []KategoriKBLI
	Skalas   []opsi
	Statuses []statusLink
	Total    int
	Disaring bool
	Items    []umkmItem
	Lanjut   string
	Awal     string
}

func (m *Module) umkmListData(ctx context.Context, q url.Values) (umkmListPage, error) {
	t, _ := tenancy.From(ctx)
	d := umkmListPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabUmkm), Skalas: opsiSkala}
	d.Base = d.Desa.Base
	d.Baru = d.Base + "/baru"
	ks, err := KategoriKBLIList()
	if err != nil {
		return d, err
	}
	d.Kategori = ks
	uq := UmkmQuery{Params: page.Params{Cursor: q.Get("cursor"), Limit: UkuranHalaman}, Q: q.Get("q"),
		Sektor: q.Get("sektor"), Skala: q.Get("skala"), Status: q.Get("status")}
	if uq.cek() != nil {
		uq = UmkmQuery{Params: page.Params{Limit: UkuranHalaman}} // a mangled address: the whole list
	}
	d.Q, d.Sektor, d.Skala, d.Status = uq.Q, uq.Sektor, uq.Skala, uq.Status
	d.Disaring = d.Q != "" || d.Sektor != "" || d.Skala != ""
	p, err := m.ListUmkm(ctx, uq)
	if fault.Is(err, fault.Invalid) { // a stale cursor: the first page
		uq.Cursor = ""
		p, err = m.ListUmkm(ctx, uq)
	}
	if err != nil {
		return d, err
	}
	n, err := m.JumlahStatus(ctx, uq)
	if err != nil {
		return d, err
	}
	d.Total = n[StatusAktif] + n[StatusTutup]
	saring := func(status, cursor string) string {
		v := url.Values{}
		for k, s := range map[string]string{"q": d.Q, "sektor": d.Sektor, "skala": d.Skala, "status": status, "cursor": cursor} {
			if s != "" {
				v.Set(k, s)
			}
		}
		if len(v) == 0 {
			return d.Base
		}
		return d.Base + "?" + v.Encode()
	}
	d.Statuses = []statusLink{
		{Label: "Semua", Jumlah: d.Total, Href: saring("", ""), Aktif: d.Status == ""},
		{Label: "Aktif", Jumlah: n[StatusAktif], Href: saring(StatusAktif, ""), Aktif: d.Status == StatusAktif},
		{Label: "Tutup", Jumlah: n[StatusTutup], Href: saring(StatusTutup, ""), Aktif: d.Status == StatusTutup},
	}
	if p.NextCursor != "" {
		d.Lanjut = saring(d.Status, p.NextCursor)
	}
	if uq.Cursor != "" {
		d.Awal = saring(d.Status, "")
	}
	penuh, err := m.bolehPribadi(ctx)
	if err != nil {
		return d, err
	}
	for _, b := range p.Items {
		it := umkmItem{UmkmBaris: b, Href: d.Base + "/" + b.ID, SektorNama: sektorNama(b.Sektor), SkalaNama: namaSkala(b.Skala),
			Pemilik: b.PemilikNama, Inisial: inisial(b.Nama)}
		if !penuh {
			it.Pemilik = valid.MaskName(b.PemilikNama)
		}
		if b.FotoID != "" {
			it.Thumb = FotoURL(false, d.Desa.Kode, b.ID, b.FotoID, true)
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

func (m *Module) pageUmkmList(w http.ResponseWriter, r *http.Request) {
	d, err := m.umkmListData(r.Context(), r.URL.Query())
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "index", "UMKM "+d.Desa.Nama, d)
}

// umkmFormPage is the new and edit form of an UMKM.
type umkmFormPage struct {
	Desa     desaView
	Nav      []navTab
	Judul    string
	Action   string
	Batal    string
	Baru     bool
	Pribadi  bool // the editor sees and edits the owner in full
	F        web.Form
	Kategori []KategoriKBLI
	Skalas   []opsi
}

func (m *Module) umkmFormData(ctx context.Context, id string) (umkmFormPage, error) {
	t, _ := tenancy.From(ctx)
	d := umkmFormPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabUmkm), Skalas: opsiSkala, Baru: id == ""}
	var err error
	if d.Kategori, err = KategoriKBLIList(); err != nil {
		return d, err
	}
	if d.Pribadi, err = m.bolehPribadi(ctx); err != nil {
		return d, err
	}
	if d.Baru {
		d.Judul, d.Action, d.Batal = "Tambah UMKM", d.Desa.Base, d.Desa.Base
		d.F = web.NewForm("umkm", url.Values{"status": {StatusAktif}, "skala": {SkalaMikro}})
		return d, nil
	}
	u, err := m.LihatUmkm(ctx, id)
	if err != nil {
		return d, err
	}
	d.Judul, d.Action, d.Batal = "Ubah "+u.Umkm.Nama, d.Desa.Base+"/"+u.Umkm.ID, d.Desa.Base+"/"+u.Umkm.ID
	v := u.Umkm
	nama, nik := v.PemilikNama, v.PemilikNIK.Full()
	if !d.Pribadi {
		nama, nik = valid.MaskName(nama), v.PemilikNIK.Masked()
	}
	d.F = web.NewForm("umkm", url.Values{"nama": {v.Nama}, "pemilik_nama": {nama}, "pemilik_nik": {nik}, "nib": {v.NIB},
		"npwp": {v.NPWP}, "kbli": {v.KBLI}, "sektor": {v.Sektor}, "tenaga_kerja": {strconv.Itoa(v.TenagaKerja)},
		"skala": {v.Skala}, "dusun": {v.Dusun}, "alamat": {v.Alamat}, "whatsapp": {v.WhatsApp}, "status": {v.Status},
		"diubah": {v.UpdatedAt.UTC().Format(time.RFC3339Nano)}})
	return d, nil
}

func (m *Module) pageUmkmBaru(w http.ResponseWriter, r *http.Request) {
	d, err := m.umkmFormData(r.Context(), "")
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "umkm_form", d.Judul, d)
}

func (m *Module) pageUmkmUbah(w http.ResponseWriter, r *http.Request) {
	d, err := m.umkmFormData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "umkm_form", d.Judul, d)
}

// bilangan reads a whole number typed on a form ("1.250.000", "Rp 15.000",
// "3"); blank is zero.
func bilangan(p *valid.Problems, field, label, s string, max int64) int64 {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "."))
	s = strings.NewReplacer(".", "", " ", "").Replace(s)
	if s == "" {
		return 0
	}
	if len(s) > 19 || !valid.Digits(s) {
		p.Add(field, "%s harus bilangan bulat 0 sampai %s, tanpa koma.", label, valid.Angka(max))
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.Add(field, "%s harus bilangan bulat 0 sampai %s, tanpa koma.", label, valid.Angka(max))
		return 0
	}
	return n
}

// umkmDataDari reads the form; p holds what could not be read.
func umkmDataDari(p *valid.Problems, f url.Values) UmkmData {
	return UmkmData{Nama: f.Get("nama"), PemilikNama: f.Get("pemilik_nama"), PemilikNIK: f.Get("pemilik_nik"),
		NIB: f.Get("nib"), NPWP: f.Get("npwp"), KBLI: f.Get("kbli"), Sektor: f.Get("sektor"),
		TenagaKerja: int(bilangan(p, "body.tenaga_kerja", "Tenaga kerja", f.Get("tenaga_kerja"), MaxTenagaKerja)),
		Skala:       f.Get("skala"), Dusun: f.Get("dusun"), Alamat: f.Get("alamat"), WhatsApp: f.Get("whatsapp"), Status: f.Get("status")}
}

// gabung is the form's unreadable fields and the rules' problems as one
// fault, every field listed.
func gabung(p *valid.Problems, d interface{ Validate() error }) error {
	if err := d.Validate(); err != nil {
		if fe, ok := fault.As(err); !ok || fe.Code != fault.Invalid {
			return err
		}
		p.Include("", err)
	}
	return p.Err()
}

func (m *Module) umkmFormGagal(w http.ResponseWriter, r *http.Request, err error, id string) {
	ctx := r.Context()
	web.Refill(m.pages, w, r, err, web.NewForm("umkm", r.PostForm), "umkm_form", "UMKM",
		func() (umkmFormPage, error) { return m.umkmFormData(ctx, id) },
		func(d *umkmFormPage, f web.Form) { d.F = f })
}

func (m *Module) postUmkmBaru(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var p valid.Problems
	in := umkmDataDari(&p, r.PostForm)
	if !p.Empty() {
		m.umkmFormGagal(w, r, gabung(&p, &in), "")
		return
	}
	u, err := m.TambahUmkm(ctx, in)
	if err != nil {
		m.umkmFormGagal(w, r, err, "")
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/umkm/"+u.ID+"?tersimpan=baru", http.StatusSeeOther)
}

func (m *Module) postUmkmUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var p valid.Problems
	in := umkmDataDari(&p, r.PostForm)
	diubah, terr := time.Parse(time.RFC3339Nano, r.PostForm.Get("diubah"))
	if terr != nil {
		p.Add("", "Formulir ini tidak lengkap; buka lagi halaman ubah UMKM.")
	}
	if !p.Empty() {
		lama, err := m.LihatUmkm(ctx, id)
		if err != nil {
			m.pages.Fault(w, r, err)
			return
		}
		pertahankanPemilik(&in, lama.Umkm)
		m.umkmFormGagal(w, r, gabung(&p, &in), id)
		return
	}
	u, err := m.UbahUmkm(ctx, id, in, diubah)
	if err != nil {
		m.umkmFormGagal(w, r, err, id)
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/umkm/"+u.ID+"?tersimpan=ubah", http.StatusSeeOther)
}

type produkItem struct {
	Produk
	Thumb string
	Aksi  string // the edit form's action
	Hapus string
	Ubah  web.Form
}

type bantuanItem struct {
	Bantuan
	OPDNama string
	Hapus   string
}

type fotoItem struct{ Kecil, Besar string }

type umkmLihatPage struct {
	Desa        desaView
	Nav         []navTab
	Href        string
	Ubah        string
	U           Umkm
	Pribadi     bool
	NIK         string
	SektorNama  string
	SkalaNama   string
	WhatsApp    string
	Produk      []produkItem
	ProdukAksi  string
	ProdukForm  web.Form // the new product form, or the product form that failed
	Bantuan     []bantuanItem
	BantuanAksi string
	BantuanForm web.Form
	OPD         []struct{ Kode, Nama string }
	TahunIni    int
	Foto        []fotoItem
	KelolaFoto  string
	Pesan       string
}

func (m *Module) umkmLihatData(ctx context.Context, id string) (umkmLihatPage, error) {
	t, _ := tenancy.From(ctx)
	d := umkmLihatPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabUmkm), OPD: OPDUmum, TahunIni: m.hariIniUmkm(ctx).Year()}
	x, err := m.LihatUmkm(ctx, id)
	if err != nil {
		return d, err
	}
	if d.Pribadi, err = m.bolehPribadi(ctx); err != nil {
		return d, err
	}
	u := x.Umkm
	d.U, d.NIK = u, u.PemilikNIK.Full()
	if !d.Pribadi {
		d.U, d.NIK = u.Tersamar(), u.PemilikNIK.Masked()
	}
	d.Href = d.Desa.Base + "/" + u.ID
	d.Ubah = d.Href + "/ubah"
	d.SektorNama, d.SkalaNama, d.WhatsApp = sektorNama(u.Sektor), namaSkala(u.Skala), u.TautanWhatsApp()
	d.ProdukAksi, d.BantuanAksi = d.Href+"/produk", d.Href+"/bantuan"
	d.ProdukForm = web.NewForm("produk", url.Values{"satuan": {"buah"}})
	d.BantuanForm = web.NewForm("bantuan", url.Values{"tahun": {strconv.Itoa(d.TahunIni)}})
	for _, p := range x.Produk {
		it := produkItem{Produk: p, Aksi: d.ProdukAksi + "/" + p.ID, Hapus: d.ProdukAksi + "/" + p.ID + "/hapus",
			Ubah: web.NewForm("produk-"+p.ID, produkNilai(p))}
		if p.FotoKey != "" {
			it.Thumb = ProdukFotoURL(false, d.Desa.Kode, u.ID, p.ID, true)
		}
		d.Produk = append(d.Produk, it)
	}
	for _, b := range x.Bantuan {
		it := bantuanItem{Bantuan: b, Hapus: d.BantuanAksi + "/" + b.ID + "/hapus", OPDNama: b.OPDKode}
		for _, o := range OPDUmum {
			if o.Kode == b.OPDKode {
				it.OPDNama = o.Nama + " (" + o.Kode + ")"
			}
		}
		d.Bantuan = append(d.Bantuan, it)
	}
	for _, f := range x.Foto {
		it := fotoItem{Kecil: FotoURL(false, d.Desa.Kode, u.ID, f.ID, true)}
		if besar := FotoURL(false, d.Desa.Kode, u.ID, f.ID, false); m.served(besar) {
			it.Besar = besar
		}
		d.Foto = append(d.Foto, it)
	}
	if k := d.Href + "/foto"; m.served(k) {
		d.KelolaFoto = k
	}
	return d, nil
}

// produkNilai are a product's fields as its edit form shows them.
func produkNilai(p Produk) url.Values {
	return url.Values{"nama": {p.Nama}, "harga": {strconv.FormatInt(p.Harga, 10)}, "satuan": {p.Satuan}}
}

var pesanUmkm = map[string]string{
	"baru":          "UMKM terdaftar.",
	"ubah":          "Data UMKM tersimpan.",
	"produk":        "Produk tersimpan.",
	"produk-hapus":  "Produk dihapus.",
	"bantuan":       "Bantuan tercatat.",
	"bantuan-hapus": "Catatan bantuan dihapus.",
}

func (m *Module) pageUmkm(w http.ResponseWriter, r *http.Request) {
	d, err := m.umkmLihatData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = pesanUmkm[r.URL.Query().Get("tersimpan")]
	m.pages.Render(w, r, http.StatusOK, "umkm_lihat", "UMKM "+d.U.Nama, d)
}

// lihatGagal shows the UMKM's page again with form f failed by err.
func (m *Module) lihatGagal(w http.ResponseWriter, r *http.Request, err error, f web.Form, put func(*umkmLihatPage, web.Form)) {
	ctx := r.Context()
	web.Refill(m.pages, w, r, err, f, "umkm_lihat", "UMKM",
		func() (umkmLihatPage, error) { return m.umkmLihatData(ctx, r.PathValue("id")) }, put)
}

// keLihat redirects to the UMKM's page with a message key.
func keLihat(w http.ResponseWriter, r *http.Request, pesan, anchor string) {
	t, _ := tenancy.From(r.Context())
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/umkm/"+r.PathValue("id")+"?tersimpan="+pesan+anchor, http.StatusSeeOther)
}

// inisial is the first letter of a name, upper case.
func inisial(s string) string {
	for _, r := range s {
		return strings.ToUpper(string(r))
	}
	return "?"
}
