package sampah

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the nasabah part: the list with search and registration, a
// nasabah with its saldo, recent entries and edit form, the member cards
// (PDF) and the passbook with its PDF.

func (m *Module) routesNasabahWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/sampah/nasabah"
	m.web.HandleDesa(mux, "GET "+base, PermNasabah, m.pageNasabahList)
	m.web.HandleDesa(mux, "POST "+base, PermEntri, m.postNasabah)
	m.web.HandleDesa(mux, "GET "+base+"/kartu", PermNasabah, m.unduhKartuUnit)
	m.web.HandleDesa(mux, "GET "+base+"/{id}", PermNasabah, m.pageNasabah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/ubah", PermEntri, m.postNasabahUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/aktif", PermEntri, m.postNasabahAktif)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/kartu", PermNasabah, m.unduhKartu)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/buku", PermNasabah, m.pageBuku)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/buku.pdf", PermNasabah, m.unduhBuku)
}

type nasabahItem struct {
	NasabahBaris
	Nomor string
	Unit  string
	Href  string
}

type nasabahListPage struct {
	Desa     desaView
	Nav      []navTab
	Base     string // /desa/{kode}/sampah/nasabah
	Units    []Fasilitas
	Aktif    []Fasilitas // units that take new nasabah
	Unit     string      // the unit shown ("" for all)
	Q        string
	Items    []nasabahItem
	Lanjut   string
	Kartu    string // every card of the unit shown
	Dusun    []string
	Daftar   web.Form
	Terpilih string // the unit the form preselects
}

func (m *Module) nasabahListData(ctx context.Context, r *http.Request) (nasabahListPage, error) {
	t, _ := tenancy.From(ctx)
	d := nasabahListPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabNasabah), Daftar: web.NewForm("daftar", nil)}
	d.Base = d.Desa.Base + TabNasabah
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d.Units, err = unitBankSampah(ctx, tx); err != nil {
			return err
		}
		d.Dusun, err = dusunNasabah(ctx, tx)
		return err
	})
	if err != nil {
		return d, err
	}
	names := map[string]string{}
	for _, u := range d.Units {
		names[u.ID] = u.Nama
		if u.Status == "aktif" {
			d.Aktif = append(d.Aktif, u)
		}
	}
	q := r.URL.Query()
	d.Unit, d.Q = q.Get("fasilitas"), strings.TrimSpace(q.Get("q"))
	if _, ok := names[d.Unit]; !ok {
		d.Unit = ""
	}
	if d.Unit == "" && len(d.Units) == 1 {
		d.Unit = d.Units[0].ID
	}
	if d.Unit != "" {
		d.Kartu = d.Base + "/kartu?fasilitas=" + url.QueryEscape(d.Unit)
	}
	d.Terpilih = d.Unit
	if d.Terpilih == "" && len(d.Aktif) > 0 {
		d.Terpilih = d.Aktif[0].ID
	}
	p, err := m.ListNasabah(ctx, NasabahQuery{Params: page.Params{Cursor: q.Get("cursor"), Limit: 50}, FasilitasID: d.Unit, Q: d.Q})
	if fault.Is(err, fault.Invalid) {
		// a stale or mangled cursor or search: the first page, unfiltered
		d.Q = ""
		p, err = m.ListNasabah(ctx, NasabahQuery{Params: page.Params{Limit: 50}, FasilitasID: d.Unit})
	}
	if err != nil {
		return d, err
	}
	for _, n := range p.Items {
		d.Items = append(d.Items, nasabahItem{NasabahBaris: n, Nomor: NomorKartu(n.Nomor), Unit: names[n.FasilitasID],
			Href: d.Base + "/" + n.ID})
	}
	if p.NextCursor != "" {
		v := url.Values{"cursor": {p.NextCursor}}
		if d.Unit != "" {
			v.Set("fasilitas", d.Unit)
		}
		if d.Q != "" {
			v.Set("q", d.Q)
		}
		d.Lanjut = d.Base + "?" + v.Encode()
	}
	return d, nil
}

func (m *Module) pageNasabahList(w http.ResponseWriter, r *http.Request) {
	d, err := m.nasabahListData(r.Context(), r)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "nasabah", "Nasabah bank sampah "+d.Desa.Nama, d)
}

func nasabahDataDari(f url.Values) NasabahData {
	return NasabahData{Nama: f.Get("nama"), Jenis: f.Get("jenis"), Dusun: f.Get("dusun"), Telepon: f.Get("telepon")}
}

func (m *Module) postNasabah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	n, err := m.DaftarNasabah(ctx, NasabahBaru{FasilitasID: r.PostForm.Get("fasilitas_id"), NasabahData: nasabahDataDari(r.PostForm)})
	if err != nil {
		web.Refill(m.pages, w, r, err, web.NewForm("daftar", r.PostForm), "nasabah", "Nasabah bank sampah",
			func() (nasabahListPage, error) { return m.nasabahListData(ctx, r) },
			func(d *nasabahListPage, f web.Form) { d.Daftar = f })
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/nasabah/"+n.ID+"?tersimpan=baru", http.StatusSeeOther)
}

type entriItem struct {
	Entri
	Nama   string
	Tampil string // the amount with its sign, in rupiah
	Href   string
}

type nasabahPage struct {
	Desa      desaView
	Nav       []navTab
	Base      string // /desa/{kode}/sampah
	Href      string // this nasabah's page
	N         NasabahDetail
	Nomor     string
	Berat     string
	Entri     []entriItem
	Setoran   string // the fast entry page with this nasabah chosen
	Ubah      web.Form
	Aktif     web.Form
	Pesan     string
	JenisTeks string
	Jenis     []opsiNasabah
	Dusun     []string
	BukuHref  string
}

type opsiNasabah struct{ Value, Label string }

var jenisNasabah = []opsiNasabah{{NasabahRumahTangga, "Rumah tangga"}, {NasabahLembaga, "Lembaga (sekolah, kantor, usaha)"}}

func (m *Module) nasabahData(ctx context.Context, id string) (nasabahPage, error) {
	t, _ := tenancy.From(ctx)
	d := nasabahPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabNasabah), Jenis: jenisNasabah}
	d.Base = d.Desa.Base
	n, err := m.LihatNasabah(ctx, id)
	if err != nil {
		return d, err
	}
	d.N, d.Nomor, d.Berat = n, NomorKartu(n.Nomor), Kg(n.BeratGram)
	d.Href = d.Base + TabNasabah + "/" + n.ID
	d.BukuHref = d.Href + "/buku"
	d.Setoran = d.Base + TabSetoran + "?nasabah=" + n.ID
	d.JenisTeks, d.Aktif = NamaJenisNasabah(n.Jenis), web.NewForm("aktif", nil)
	d.Ubah = web.NewForm("ubah", url.Values{"nama": {n.Nama}, "jenis": {n.Jenis}, "dusun": {n.Dusun}, "telepon": {n.Telepon}})
	es, err := m.EntriTerakhir(ctx, id, 10)
	if err != nil {
		return d, err
	}
	for _, e := range es {
		tampil := "+" + angkaRp(e.Jumlah)
		if e.Jumlah < 0 {
			tampil = "−" + angkaRp(-e.Jumlah)
		}
		d.Entri = append(d.Entri, entriItem{Entri: e, Nama: NamaEntri(e.Jenis), Tampil: tampil, Href: d.Base + "/entri/" + e.ID})
	}
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		d.Dusun, err = dusunNasabah(ctx, tx)
		return err
	})
	return d, err
}

func angkaRp(v int64) string { return web.Angka(v) }

func (m *Module) pageNasabah(w http.ResponseWriter, r *http.Request) {
	d, err := m.nasabahData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	switch r.URL.Query().Get("tersimpan") {
	case "baru":
		d.Pesan = "Nasabah terdaftar dengan nomor anggota " + d.Nomor + "."
	case "ubah":
		d.Pesan = "Data nasabah tersimpan."
	case "aktif":
		d.Pesan = "Nasabah aktif kembali."
	case "nonaktif":
		d.Pesan = "Nasabah dinonaktifkan; saldo dan riwayatnya tetap."
	}
	m.pages.Render(w, r, http.StatusOK, "nasabah_lihat", "Nasabah "+d.Nomor+" "+d.N.Nama, d)
}

// nasabahGagal answers a page whose nasabah could not be read: 404 for an
// unknown one, else the plain 500.
func (m *Module) nasabahGagal(w http.ResponseWriter, r *http.Request, err error) {
	if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
		m.pages.Error(w, r, http.StatusNotFound, fe.Message)
		return
	}
	m.pages.Fault(w, r, err)
}

func (m *Module) postNasabahUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	n, err := m.UbahNasabah(ctx, id, nasabahDataDari(r.PostForm), nil)
	if err != nil {
		web.Refill(m.pages, w, r, err, web.NewForm("ubah", r.PostForm), "nasabah_lihat", "Ubah nasabah",
			func() (nasabahPage, error) { return m.nasabahData(ctx, id) },
			func(d *nasabahPage, f web.Form) { d.Ubah = f })
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/nasabah/"+n.ID+"?tersimpan=ubah", http.StatusSeeOther)
}

func (m *Module) postNasabahAktif(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	var aktif bool
	switch r.PostForm.Get("aktif") {
	case "1":
		aktif = true
	case "0":
	default:
		web.Refill(m.pages, w, r, fault.Field("aktif", "Pilih aktifkan atau nonaktifkan."), web.NewForm("aktif", r.PostForm),
			"nasabah_lihat", "Nasabah", func() (nasabahPage, error) { return m.nasabahData(ctx, id) },
			func(d *nasabahPage, f web.Form) { d.Aktif = f })
		return
	}
	n, err := m.SetAktifNasabah(ctx, id, aktif)
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	t, _ := tenancy.From(ctx)
	hasil := "nonaktif"
	if n.Aktif {
		hasil = "aktif"
	}
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/nasabah/"+n.ID+"?tersimpan="+hasil, http.StatusSeeOther)
}

func (m *Module) unduhKartu(w http.ResponseWriter, r *http.Request) {
	b, n, err := m.KartuNasabah(r.Context(), r.PathValue("id"))
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	web.Download(w, tipePDF, "kartu-nasabah-"+NomorKartu(n.Nomor)+".pdf", b)
}

func (m *Module) unduhKartuUnit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("fasilitas")
	if id == "" {
		var us []Fasilitas
		err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
			var err error
			us, err = unitBankSampah(ctx, tx)
			return err
		})
		if err != nil {
			m.pages.ServerError(w, r, err)
			return
		}
		if len(us) != 1 {
			m.pages.Error(w, r, http.StatusNotFound, "Pilih unit bank sampah yang kartunya dicetak.")
			return
		}
		id = us[0].ID
	}
	b, _, err := m.KartuUnit(ctx, id)
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	web.Download(w, tipePDF, "kartu-nasabah.pdf", b)
}

type bukuPage struct {
	Desa    desaView
	Nav     []navTab
	Href    string // the nasabah's page
	Action  string
	PDF     string
	Periode web.Form
	Ada     bool
	B       Buku
	Nomor   string
	Baris   []bukuBarisView
}

type bukuBarisView struct {
	BukuBaris
	TanggalTeks string
	Uraian      string
	Rincian     []string
}

func (m *Module) pageBuku(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	id := r.PathValue("id")
	q := r.URL.Query()
	d := bukuPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabNasabah)}
	d.Href = d.Desa.Base + TabNasabah + "/" + id
	d.Action = d.Href + "/buku"
	dari, sampai, perr := m.PeriodeBuku(ctx, q.Get("dari"), q.Get("sampai"))
	status := http.StatusOK
	if perr != nil {
		d.Periode = web.NewForm("periode", q).Rename("query.", "")
		st, ok := m.pages.Failed(w, r, perr, &d.Periode)
		if !ok {
			return
		}
		status = st
		dari, sampai, _ = m.PeriodeBuku(ctx, "", "")
	} else {
		d.Periode = web.NewForm("periode", url.Values{"dari": {string(dari)}, "sampai": {string(sampai)}})
	}
	b, err := m.BukuNasabah(ctx, id, dari, sampai)
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	d.B, d.Ada, d.Nomor = b, true, NomorKartu(b.Nasabah.Nomor)
	d.PDF = d.Href + "/buku.pdf?" + url.Values{"dari": {string(dari)}, "sampai": {string(sampai)}}.Encode()
	for _, x := range b.Baris {
		v := bukuBarisView{BukuBaris: x, TanggalTeks: x.Tanggal.String(), Uraian: UraianBuku(x)}
		for _, ri := range x.Rinci {
			v.Rincian = append(v.Rincian, RinciTeks(ri))
		}
		d.Baris = append(d.Baris, v)
	}
	m.pages.Render(w, r, status, "nasabah_buku", "Buku tabungan "+d.Nomor+" "+b.Nasabah.Nama, d)
}

func (m *Module) unduhBuku(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	dari, sampai, err := m.PeriodeBuku(ctx, q.Get("dari"), q.Get("sampai"))
	if err != nil {
		fe, _ := fault.As(err)
		m.pages.Error(w, r, http.StatusUnprocessableEntity, fe.Message)
		return
	}
	b, err := m.BukuNasabah(ctx, r.PathValue("id"), dari, sampai)
	if err != nil {
		m.nasabahGagal(w, r, err)
		return
	}
	out, err := m.BukuPDF(ctx, b)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	web.Download(w, tipePDF, "buku-tabungan-"+NomorKartu(b.Nasabah.Nomor)+"-"+string(dari)+"-"+string(sampai)+".pdf", out)
}
