package audiensi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// A desa's pages: the list, the entry form, an audiensi with the actions
// its viewer may take, and the correction form. Each route holds the
// permission of its API twin; the detail applies the API's bolehLihat and
// the answer forms its bolehMenjawab.

func (m *Module) routesDesa(mux *http.ServeMux) {
	base := "/desa/{kode}/audiensi"
	m.web.HandleDesa(mux, "GET "+base, PermBaca, m.pageDaftar)
	m.web.HandleDesa(mux, "GET "+base+"/baru", PermCatat, m.pageBaru)
	m.web.HandleDesa(mux, "POST "+base, PermCatat, m.postBaru)
	m.web.HandleDesa(mux, "GET "+base+"/{id}", PermLihat, m.pageLihat)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/ubah", PermVerifikasi, m.pageUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/ubah", PermVerifikasi, m.postUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/verifikasi", PermVerifikasi, m.postVerifikasi)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/disposisi", PermVerifikasi, m.postDisposisi)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tanggapan", PermLihat, m.postTanggapan)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/kembalikan", PermLihat, m.postKembalikan)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/selesai", PermVerifikasi, m.postSelesai)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tolak", PermVerifikasi, m.postTolak)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/buka-kembali", PermVerifikasi, m.postBuka)
}

// --- the list

type daftarItem struct {
	AudiensiView
	Href string
}

type daftarPage struct {
	Desa           web.DesaHeader
	Baru           string
	Publik         string
	Status         string
	Kategori       string
	Terlambat      bool
	Kunjungan      string // the visit the list is cut down to
	KunjunganJudul string
	Statuses       []opsi
	Kategoris      []Kategori
	Disaring       bool
	Items          []daftarItem
	Lanjut         string
	Awal           string
}

// UkuranHalaman is the rows of a list page.
const UkuranHalaman = 25

func (m *Module) pageDaftar(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	qs := r.URL.Query()
	d := daftarPage{Desa: m.desaView(ctx), Statuses: opsiStatus, Kategoris: m.ref.Kategori}
	d.Baru, d.Publik = d.Desa.Base+"/baru", d.Desa.Base+"/kirim"
	q := Query{Params: page.Params{Cursor: qs.Get("cursor"), Limit: UkuranHalaman}, Status: Status(qs.Get("status")),
		Kategori: qs.Get("kategori"), Terlambat: qs.Get("terlambat") == "1"}
	if k := qs.Get("kunjungan"); k != "" && m.kunj != nil {
		t, _ := tenancy.From(ctx)
		if judul, ok, err := m.kunj.KunjunganDi(ctx, t.Kode, k); err == nil && ok {
			q.Kunjungan, d.Kunjungan, d.KunjunganJudul = k, k, judul
		}
	}
	if q.cek(m.ref) != nil {
		q = Query{Params: page.Params{Limit: UkuranHalaman}} // a mangled address: the whole list
	}
	d.Status, d.Kategori, d.Terlambat = string(q.Status), q.Kategori, q.Terlambat
	d.Disaring = d.Status != "" || d.Kategori != "" || d.Terlambat || d.Kunjungan != ""
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
		for k, s := range map[string]string{"status": d.Status, "kategori": d.Kategori, "kunjungan": d.Kunjungan, "cursor": cursor} {
			if s != "" {
				v.Set(k, s)
			}
		}
		if d.Terlambat {
			v.Set("terlambat", "1")
		}
		if len(v) == 0 {
			return d.Desa.Base
		}
		return d.Desa.Base + "?" + v.Encode()
	}
	if p.NextCursor != "" {
		d.Lanjut = link(p.NextCursor)
	}
	if q.Cursor != "" {
		d.Awal = link("")
	}
	for _, b := range p.Items {
		d.Items = append(d.Items, daftarItem{AudiensiView: m.view(b.Audiensi, izin{}, b.Jam), Href: d.Desa.Base + "/" + b.ID})
	}
	m.pages.Render(rw, r, http.StatusOK, "daftar", "Audiensi "+d.Desa.Nama, d)
}

// --- new and correction forms

type formPage struct {
	Desa     web.DesaHeader
	Judul    string
	Action   string
	Batal    string
	Baru     bool
	Kategori []Kategori
	Mode     []opsi
	// Kunjungan are the desa's latest visits, for an audiensi heard on one.
	Kunjungan []KunjunganOpsi
	F         web.Form
}

func (m *Module) formData(ctx context.Context, id string, f web.Form) (formPage, error) {
	d := formPage{Desa: m.desaView(ctx), Kategori: m.ref.Kategori, Mode: opsiMode, Baru: id == "", F: f}
	if d.Baru {
		d.Judul, d.Action, d.Batal = "Catat audiensi", d.Desa.Base, d.Desa.Base
		if m.kunj != nil {
			t, _ := tenancy.From(ctx)
			ks, err := m.kunj.KunjunganTerkini(ctx, t.Kode)
			if err != nil {
				return d, err
			}
			d.Kunjungan = ks
		}
		return d, nil
	}
	d.Judul = "Perbaiki isi audiensi"
	d.Action, d.Batal = d.Desa.Base+"/"+id+"/ubah", d.Desa.Base+"/"+id
	return d, nil
}

func (m *Module) pageBaru(rw http.ResponseWriter, r *http.Request) {
	v := url.Values{"pelapor_mode": {string(Terbuka)}}
	if k := r.URL.Query().Get("kunjungan"); k != "" {
		v.Set("kunjungan", k)
	}
	d, err := m.formData(r.Context(), "", web.NewForm("audiensi", v))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "form", d.Judul, d)
}

func (m *Module) formGagal(rw http.ResponseWriter, r *http.Request, err error, id string) {
	ctx := r.Context()
	web.Refill(m.pages, rw, r, err, web.NewForm("audiensi", r.PostForm), "form", "Audiensi",
		func() (formPage, error) { return m.formData(ctx, id, web.Form{}) },
		func(d *formPage, f web.Form) { d.F = f })
}

func (m *Module) postBaru(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	kunjungan := r.PostForm.Get("kunjungan")
	kanal := KanalDesa
	if kunjungan != "" {
		kanal = KanalKunjungan
	}
	a, err := m.Buat(ctx, dataDari(r.PostForm), kanal, kunjungan)
	if err != nil {
		m.formGagal(rw, r, err, "")
		return
	}
	keLihat(rw, r, a.ID, "baru")
}

func (m *Module) pageUbah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	det, err := m.Lihat(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if err := det.bolehUbah(); err != nil {
		fe, _ := fault.As(err)
		m.pages.Error(rw, r, http.StatusConflict, fe.Message)
		return
	}
	// The verifier sees the reporter in full (PermVerifikasi and
	// PermPelapor), so the form keeps what it does not change.
	v := m.view(det.Audiensi, m.izinOf(ctx), "")
	vals := url.Values{"kategori": {v.Kategori}, "judul": {v.Judul}, "isi": {v.Isi}, "dusun": {v.Dusun},
		"lintang": {v.Lintang}, "bujur": {v.Bujur}, "pelapor_mode": {string(v.PelaporMode)}}
	if v.Pelapor != nil {
		vals.Set("pelapor_nama", v.Pelapor.Nama)
		vals.Set("pelapor_telepon", v.Pelapor.Telepon)
	}
	d, _ := m.formData(ctx, det.ID, web.NewForm("audiensi", vals))
	m.pages.Render(rw, r, http.StatusOK, "form", d.Judul, d)
}

func (m *Module) postUbah(rw http.ResponseWriter, r *http.Request) {
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	id := r.PathValue("id")
	if _, err := m.Ubah(r.Context(), id, dataDari(r.PostForm)); err != nil {
		m.formGagal(rw, r, err, id)
		return
	}
	keLihat(rw, r, id, "ubah")
}

// keLihat redirects to audiensi id's page with a message key.
func keLihat(rw http.ResponseWriter, r *http.Request, id, pesan string) {
	t, _ := tenancy.From(r.Context())
	http.Redirect(rw, r, "/desa/"+string(t.Kode)+"/audiensi/"+id+"?tersimpan="+pesan, http.StatusSeeOther)
}

// --- the detail and its actions

type penerimaOpsi struct {
	ID, Nama   string
	Dipilih    bool
	Disarankan bool
}

type disposisiItem struct {
	DisposisiAudiensi
	Jam        Jam
	Tanggapi   string // the answer form's action, "" when the viewer may not answer
	Kembalikan string
	Bukti      string // the evidence photo form's action, "" when not allowed
}

type riwayatItem struct {
	RiwayatAudiensi
	Judul string
}

type lihatPage struct {
	Desa       web.DesaHeader
	Daftar     string
	A          AudiensiView
	Kanal      string
	Desakode   string
	Disposisi  []disposisiItem
	Riwayat    []riwayatItem
	Verifikasi string
	Dispose    string
	Selesai    string
	Tolak      string
	Buka       string
	Ubah       string
	Penerima   []penerimaOpsi
	F          web.Form
	Pesan      string
	Ketepatan  string // how a closed audiensi met its target
	Foto       []FotoAudiensi
	// KunjunganJudul names the visit it was heard on (not a link: the
	// visit's page is the kunjungan module's, with its own readers).
	KunjunganJudul string
	UnggahFoto     string // the reporter's photo form's action, "" when not allowed
}

var pesanLihat = map[string]string{
	"baru":         "Audiensi tercatat.",
	"ubah":         "Isi audiensi diperbaiki.",
	"verifikasi":   "Audiensi diverifikasi.",
	"disposisi":    "Audiensi didisposisikan.",
	"tanggapan":    "Tanggapan tersimpan.",
	"foto":         "Foto tersimpan (tanpa metadata lokasi).",
	"kembalikan":   "Bagian Anda dikembalikan ke verifikator.",
	"selesai":      "Audiensi diselesaikan.",
	"tolak":        "Audiensi ditolak.",
	"buka-kembali": "Audiensi dibuka kembali.",
}

// lihatData reads audiensi id for its page; one the viewer may not see
// is not found (bolehLihat).
func (m *Module) lihatData(ctx context.Context, id string, f web.Form) (lihatPage, error) {
	det, err := m.Lihat(ctx, id)
	if err != nil {
		return lihatPage{}, err
	}
	if err := m.bolehLihat(ctx, det); err != nil {
		return lihatPage{}, err
	}
	dv, err := m.detailView(ctx, det, m.izinOf(ctx))
	if err != nil {
		return lihatPage{}, err
	}
	t, _ := tenancy.From(ctx)
	d := lihatPage{Desa: m.desaView(ctx), A: dv.AudiensiView, Kanal: kanalJudul(det.Kanal), Desakode: string(t.Kode), F: f}
	d.Daftar = d.Desa.Base
	if det.Kunjungan != "" {
		d.KunjunganJudul = "kunjungan kerja"
		if m.kunj != nil {
			if judul, ok, err := m.kunj.KunjunganDi(ctx, t.Kode, det.Kunjungan); err == nil && ok {
				d.KunjunganJudul = judul
			}
		}
	}
	if tw := det.TepatWaktu; tw != nil && *tw {
		d.Ketepatan = "tepat waktu"
	} else if tw != nil {
		d.Ketepatan = "melewati target"
	}
	href := d.Desa.Base + "/" + det.ID
	if det.bolehVerifikasi() == nil {
		d.Verifikasi = href + "/verifikasi"
	}
	if det.bolehDisposisi() == nil {
		d.Dispose = href + "/disposisi"
	}
	if det.bolehSelesai() == nil {
		d.Selesai = href + "/selesai"
	}
	if det.bolehTolak() == nil {
		d.Tolak = href + "/tolak"
	}
	if det.bolehBuka() == nil {
		d.Buka = href + "/buka-kembali"
	}
	if det.bolehUbah() == nil {
		d.Ubah = href + "/ubah"
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return lihatPage{}, err
	}
	hariIni := m.hariIni(ctx)
	for _, x := range det.Disposisi {
		it := disposisiItem{DisposisiAudiensi: x}
		if x.Status == Menunggu && det.Status.Terbuka() {
			it.Jam = JamPada(k, hariIni, x.Tenggat)
		}
		if x.Status == Menunggu && det.bolehTanggapan() == nil && m.bolehMenjawab(ctx, x.Penerima) == nil {
			it.Tanggapi, it.Kembalikan = href+"/tanggapan", href+"/kembalikan"
		}
		if m.bolehFoto(ctx, det, x.Penerima) && len(dv.Foto) < 2*MaksFoto*(len(det.Disposisi)+1) {
			it.Bukti = href + "/foto?penerima=" + url.QueryEscape(x.Penerima)
		}
		d.Disposisi = append(d.Disposisi, it)
	}
	for _, r := range det.Riwayat {
		d.Riwayat = append(d.Riwayat, riwayatItem{RiwayatAudiensi: r, Judul: r.Peristiwa.Judul()})
	}
	d.Foto = dv.Foto
	laporan := 0
	for _, f := range dv.Foto {
		if f.Jenis == FotoLaporan {
			laporan++
		}
	}
	if laporan < MaksFoto && m.bolehFoto(ctx, det, "") {
		d.UnggahFoto = href + "/foto"
	}
	if d.Dispose != "" && m.allowed(ctx, t.Kode, PermVerifikasi) {
		if d.Penerima, err = m.penerimaOpsi(ctx, det, f); err != nil {
			return lihatPage{}, err
		}
	}
	return d, nil
}

// penerimaOpsi are the disposition form's recipients: the desa and the
// kabupaten's active OPD, the ones posted (or, on a fresh form, the
// category's usual OPD) ticked; a recipient still waiting is left out.
func (m *Module) penerimaOpsi(ctx context.Context, det Detail, f web.Form) ([]penerimaOpsi, error) {
	t, _ := tenancy.From(ctx)
	opds, err := m.opdAktif(ctx, t.Kode.Up(tenancy.Kabupaten))
	if err != nil {
		return nil, err
	}
	posted := map[string]bool{}
	if f.Name == "disposisi" {
		for _, p := range f.Values["penerima"] {
			posted[p] = true
		}
	}
	kat, _ := m.ref.KategoriOf(det.Kategori)
	menunggu := func(id string) bool {
		i := indexPenerima(det.Disposisi, id)
		return i >= 0 && det.Disposisi[i].Status == Menunggu
	}
	var out []penerimaOpsi
	if !menunggu(PenerimaDesa) {
		out = append(out, penerimaOpsi{ID: PenerimaDesa, Nama: "Ditangani desa", Dipilih: posted[PenerimaDesa]})
	}
	for _, o := range opds {
		if menunggu(o.ID) {
			continue
		}
		saran := kat.OPDKode != "" && o.Kode == kat.OPDKode
		out = append(out, penerimaOpsi{ID: o.ID, Nama: o.Nama, Dipilih: posted[o.ID], Disarankan: saran})
	}
	return out, nil
}

func (m *Module) pageLihat(rw http.ResponseWriter, r *http.Request) {
	d, err := m.lihatData(r.Context(), r.PathValue("id"), web.NewForm("", nil))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	d.Pesan = pesanLihat[r.URL.Query().Get("tersimpan")]
	m.pages.Render(rw, r, http.StatusOK, "lihat", d.A.Judul, d)
}

// aksi runs one action posted from the detail page: do is the store call,
// form the name of the form it came from; a refusal shows the page again
// with that form's messages.
func (m *Module) aksi(rw http.ResponseWriter, r *http.Request, form, pesan string, do func(ctx context.Context, id string, f url.Values) error) {
	if err := bacaForm(rw, r); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	if err := do(ctx, id, r.PostForm); err != nil {
		if form == "tanggapan" || form == "kembalikan" {
			form += "-" + r.PostForm.Get("penerima")
		}
		f := web.NewForm(form, r.PostForm)
		web.Refill(m.pages, rw, r, err, f, "lihat", "Audiensi",
			func() (lihatPage, error) { return m.lihatData(ctx, id, f) },
			func(d *lihatPage, f web.Form) { d.F = f })
		return
	}
	keLihat(rw, r, id, pesan)
}

func (m *Module) postVerifikasi(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "verifikasi", "verifikasi", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Verifikasi(ctx, id, f.Get("catatan"))
		return err
	})
}

func (m *Module) postDisposisi(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "disposisi", "disposisi", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Disposisikan(ctx, id, f["penerima"], f.Get("catatan"))
		return err
	})
}

func (m *Module) postTanggapan(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "tanggapan", "tanggapan", func(ctx context.Context, id string, f url.Values) error {
		if err := m.bolehMenjawab(ctx, f.Get("penerima")); err != nil {
			return err
		}
		_, err := m.Tanggapi(ctx, id, f.Get("penerima"), f.Get("isi"))
		return err
	})
}

func (m *Module) postKembalikan(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "kembalikan", "kembalikan", func(ctx context.Context, id string, f url.Values) error {
		if err := m.bolehMenjawab(ctx, f.Get("penerima")); err != nil {
			return err
		}
		_, err := m.Kembalikan(ctx, id, f.Get("penerima"), f.Get("alasan"))
		return err
	})
}

func (m *Module) postSelesai(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "selesai", "selesai", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Selesaikan(ctx, id, f.Get("catatan"))
		return err
	})
}

func (m *Module) postTolak(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "tolak", "tolak", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Tolak(ctx, id, f.Get("alasan"))
		return err
	})
}

func (m *Module) postBuka(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "buka", "buka-kembali", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.BukaKembali(ctx, id, f.Get("alasan"))
		return err
	})
}
