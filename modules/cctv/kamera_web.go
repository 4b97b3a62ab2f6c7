package cctv

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the registry: the desa's landing page (its cameras, their
// health over 24 hours and those down for more than a day), a camera's
// page, and the forms to record and change a camera. The stream URL
// appears only in the edit form (PermKelola); the credentials never
// appear once saved.

const (
	kameraHalamanUkuran = 50
	kameraPage          = "/desa/{kode}/cctv"
)

func (m *Module) routesKameraWeb(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET "+kameraPage, PermRead, m.pageKameraIndex)
	m.web.HandleDesa(mux, "POST "+kameraPage, PermKelola, m.pageKameraTambah)
	m.web.HandleDesa(mux, "GET "+kameraPage+"/baru", PermKelola, m.pageKameraBaru)
	m.web.HandleDesa(mux, "GET "+kameraPage+"/{id}", PermRead, m.pageKamera)
	m.web.HandleDesa(mux, "POST "+kameraPage+"/{id}", PermKelola, m.pageKameraSimpan)
	m.web.HandleDesa(mux, "GET "+kameraPage+"/{id}/ubah", PermKelola, m.pageKameraUbah)
}

// kameraPilihan is one option of a select.
type kameraPilihan struct{ Value, Label string }

var (
	kameraPilihanTujuan = []kameraPilihan{{TujuanKeamanan, NamaTujuan(TujuanKeamanan)},
		{TujuanLaluLintas, NamaTujuan(TujuanLaluLintas)}, {TujuanSampahLiar, NamaTujuan(TujuanSampahLiar)},
		{TujuanBencana, NamaTujuan(TujuanBencana)}, {TujuanFasilitasUmum, NamaTujuan(TujuanFasilitasUmum)}}
	kameraPilihanPemilik = []kameraPilihan{{PemilikDesaDinas, NamaPemilik(PemilikDesaDinas)},
		{PemilikDesaAdat, NamaPemilik(PemilikDesaAdat)}, {PemilikSwasta, NamaPemilik(PemilikSwasta)}}
	kameraPilihanStatus = []kameraPilihan{{StatusAktif, "Aktif (diperiksa berkala)"}, {StatusNonaktif, "Nonaktif (tidak dipakai lagi)"}}
)

// kameraWaktu prints a moment on the desa's wall clock: "4 Maret 2026
// pukul 09.00 WITA".
func kameraWaktu(t time.Time, desa tenancy.Kode) string {
	lokal := t.In(civil.Zone(desa))
	return civil.DateOf(lokal).String() + " pukul " + lokal.Format("15.04 MST")
}

// kameraLama prints how long a camera has been down, in whole days (it is
// listed after a day) or hours.
func kameraLama(now, sejak time.Time) string {
	d := now.Sub(sejak)
	if hari := int(d / (24 * time.Hour)); hari >= 1 {
		return strconv.Itoa(hari) + " hari"
	}
	return strconv.Itoa(int(d/time.Hour)) + " jam"
}

// --- the landing page ---

type kameraBaris struct {
	Kamera
	Href   string
	Uptime string
	Mati   bool
}

type kameraMatiView struct {
	Nama, Dusun, Href, Sejak, Lama string
}

type kameraIndexPage struct {
	Desa     desaView
	Nav      []navTab
	Base     string
	Baru     string
	Jumlah   KameraJumlah
	Uptime   string // the desa's cameras together, 24 h
	Mati     []kameraMatiView
	Status   string
	Tujuan   string
	Tujuans  []kameraPilihan
	Saring   bool
	Items    []kameraBaris
	Lanjut   string
	Awal     string
	Pesan    string
	Peringat string // a filter or cursor the page could not use
}

func (m *Module) kameraIndexData(ctx context.Context, r *http.Request) (kameraIndexPage, error) {
	t, _ := tenancy.From(ctx)
	d := kameraIndexPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabKamera), Tujuans: kameraPilihanTujuan}
	d.Base = d.Desa.Base
	d.Baru = d.Base + "/baru"
	q := r.URL.Query()
	d.Status, d.Tujuan = q.Get("status"), q.Get("tujuan")
	if d.Status != "" && d.Status != StatusAktif && d.Status != StatusNonaktif {
		d.Status, d.Peringat = "", "Saringan status tidak dikenal; semua kamera ditampilkan."
	}
	if d.Tujuan != "" && !kameraTujuanSah[d.Tujuan] {
		d.Tujuan, d.Peringat = "", "Saringan tujuan tidak dikenal; semua kamera ditampilkan."
	}
	d.Saring = d.Status != "" || d.Tujuan != ""
	cursor := q.Get("cursor")
	kq := KameraQuery{Status: d.Status, Tujuan: d.Tujuan, Limit: kameraHalamanUkuran}
	p, err := m.DaftarKamera(ctx, kq, cursor)
	if fault.Is(err, fault.Invalid) {
		// a stale or mangled cursor: the first page
		cursor, d.Peringat = "", "Tautan halaman tidak sah lagi; daftar ditampilkan dari awal."
		p, err = m.DaftarKamera(ctx, kq, "")
	}
	if err != nil {
		return d, err
	}
	saring := url.Values{}
	if d.Status != "" {
		saring.Set("status", d.Status)
	}
	if d.Tujuan != "" {
		saring.Set("tujuan", d.Tujuan)
	}
	if cursor != "" {
		d.Awal = d.Base
		if len(saring) > 0 {
			d.Awal += "?" + saring.Encode()
		}
	}
	if p.NextCursor != "" {
		v := url.Values{"cursor": {p.NextCursor}}
		for k, vs := range saring {
			v[k] = vs
		}
		d.Lanjut = d.Base + "?" + v.Encode()
	}
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		d.Jumlah, err = kameraHitung(ctx, tx)
		return err
	})
	if err != nil {
		return d, err
	}
	now := m.now()
	u, err := m.Uptime(ctx, t.Kode, now.Add(-Jendela24Jam))
	if err != nil {
		return d, err
	}
	d.Uptime = PersenBP(u.Total.PersenBP())
	uptime := make(map[string]UptimeAngka, len(u.Kamera))
	for _, k := range u.Kamera {
		uptime[k.KameraID] = k.UptimeAngka
	}
	mati, err := m.DownSince(ctx, t.Kode)
	if err != nil {
		return d, err
	}
	turun := map[string]bool{}
	for _, x := range mati {
		turun[x.KameraID] = true
		d.Mati = append(d.Mati, kameraMatiView{Nama: x.Nama, Dusun: x.Dusun, Href: d.Base + "/" + x.KameraID,
			Sejak: kameraWaktu(x.Sejak, t.Kode), Lama: kameraLama(now, x.Sejak)})
	}
	for _, k := range p.Items {
		d.Items = append(d.Items, kameraBaris{Kamera: k.Kamera, Href: d.Base + "/" + k.ID,
			Uptime: PersenBP(uptime[k.ID].PersenBP()), Mati: turun[k.ID]})
	}
	return d, nil
}

func (m *Module) pageKameraIndex(w http.ResponseWriter, r *http.Request) {
	d, err := m.kameraIndexData(r.Context(), r)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "index", "CCTV "+d.Desa.Nama, d)
}

// --- a camera's page ---

type kameraRinciPage struct {
	Desa         desaView
	Nav          []navTab
	Base         string
	K            KameraInfo
	Koordinat    string
	Peta         string
	Tanggal      string
	Harga        string
	KegiatanNama string
	Uptime24     string
	Uptime7      string
	Uptime30     string
	MatiSejak    string
	MatiLama     string
	TerakhirNaik string
	Diubah       string
	Ubah         string
	Lihat        string // the live link's page, when wired
	Pesan        string
}

var kameraPesan = map[string]string{
	"baru": "Kamera sudah dicatat.",
	"ubah": "Perubahan kamera sudah disimpan.",
}

func (m *Module) kameraRinciData(ctx context.Context, id string) (kameraRinciPage, error) {
	t, _ := tenancy.From(ctx)
	d := kameraRinciPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabKamera)}
	d.Base = d.Desa.Base
	k, err := m.BacaKamera(ctx, id)
	if err != nil {
		return d, err
	}
	d.K = kameraInfo(k)
	d.Koordinat = d.K.Lintang + ", " + d.K.Bujur
	d.Peta = k.PetaURL()
	d.Tanggal = k.TanggalPasang.String()
	if k.Harga > 0 {
		d.Harga = "Rp " + valid.Angka(k.Harga)
	}
	if m.kegiatan != nil && k.KegiatanKode != "" && k.TahunAnggaran != 0 {
		nama, ok, err := m.kegiatan.NamaKegiatan(ctx, k.KegiatanKode, k.TahunAnggaran)
		if err != nil {
			return d, err
		}
		if ok {
			d.KegiatanNama = nama
		}
	}
	now := m.now()
	for _, w := range []struct {
		dst    *string
		jangka time.Duration
	}{{&d.Uptime24, Jendela24Jam}, {&d.Uptime7, Jendela7Hari}, {&d.Uptime30, Jendela30Hari}} {
		u, err := m.Uptime(ctx, t.Kode, now.Add(-w.jangka))
		if err != nil {
			return d, err
		}
		*w.dst = PersenBP(0, false)
		for _, x := range u.Kamera {
			if x.KameraID == k.ID {
				*w.dst = PersenBP(x.PersenBP())
			}
		}
	}
	mati, err := m.DownSince(ctx, t.Kode)
	if err != nil {
		return d, err
	}
	for _, x := range mati {
		if x.KameraID == k.ID {
			d.MatiSejak, d.MatiLama = kameraWaktu(x.Sejak, t.Kode), kameraLama(now, x.Sejak)
			if x.TerakhirNaik != nil {
				d.TerakhirNaik = kameraWaktu(*x.TerakhirNaik, t.Kode)
			}
		}
	}
	d.Diubah = kameraWaktu(k.UpdatedAt, t.Kode)
	d.Ubah = d.Base + "/" + k.ID + "/ubah"
	if lihat := d.Base + "/" + k.ID + "/lihat"; m.served(lihat) {
		d.Lihat = lihat
	}
	return d, nil
}

func (m *Module) pageKamera(w http.ResponseWriter, r *http.Request) {
	d, err := m.kameraRinciData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = kameraPesan[r.URL.Query().Get("pesan")]
	m.pages.Render(w, r, http.StatusOK, "kamera", d.K.Nama+" — CCTV "+d.Desa.Nama, d)
}

// --- the form ---

type kameraIsianPage struct {
	Desa        desaView
	Nav         []navTab
	Base        string
	Baru        bool
	Nama        string // the camera's saved name (edit)
	Action      string
	Batal       string
	F           web.Form
	Tujuan      []kameraPilihan
	Pemilik     []kameraPilihan
	Status      []kameraPilihan
	Tersimpan   bool // credentials are stored (edit)
	TanpaKunci  bool // no sealer: credentials cannot be saved
	KetikUlang  bool // credentials were typed on a refused form
	TanggalMaks string
	TahunMaks   int
}

// kameraForm is the camera form holding v; the rules' field names
// ("kredensial.sandi") map to the form's ("kredensial_sandi").
func kameraForm(name string, v url.Values) web.Form {
	return web.NewForm(name, v).Rename("kredensial.", "kredensial_")
}

func (m *Module) kameraIsianData(ctx context.Context, baru bool, id string, f web.Form) (kameraIsianPage, error) {
	t, _ := tenancy.From(ctx)
	hariIni := m.kameraHariIni(ctx)
	d := kameraIsianPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabKamera), Baru: baru, F: f,
		Tujuan: kameraPilihanTujuan, Pemilik: kameraPilihanPemilik, Status: kameraPilihanStatus,
		TanpaKunci: m.secrets == nil, TanggalMaks: string(hariIni), TahunMaks: hariIni.Year()}
	d.Base = d.Desa.Base
	if baru {
		d.Action, d.Batal = d.Base, d.Base
		return d, nil
	}
	k, err := m.BacaKamera(ctx, id)
	if err != nil {
		return d, err
	}
	d.Nama, d.Tersimpan = k.Nama, k.Kredensial != ""
	d.Action = d.Base + "/" + k.ID
	d.Batal = d.Action
	return d, nil
}

// kameraNilaiForm is k's values as its edit form holds them (never the
// credentials).
func kameraNilaiForm(k Kamera) url.Values {
	d := kameraDataDari(k)
	v := url.Values{"nama": {d.Nama}, "dusun": {d.Dusun}, "lintang": {d.Lintang}, "bujur": {d.Bujur},
		"pantauan": {d.Pantauan}, "tujuan": {d.Tujuan}, "pemilik": {d.Pemilik}, "perjanjian": {d.Perjanjian},
		"kegiatan_kode": {d.KegiatanKode}, "tanggal_pasang": {string(d.TanggalPasang)},
		"retensi_hari": {strconv.Itoa(d.RetensiHari)}, "lokasi_rekaman": {d.LokasiRekaman},
		"stream_url": {d.StreamURL}, "status": {d.Status}, "diubah": {k.UpdatedAt.UTC().Format(time.RFC3339Nano)},
		"tahun_anggaran": {""}, "harga": {""}}
	if d.TahunAnggaran != 0 {
		v.Set("tahun_anggaran", strconv.Itoa(d.TahunAnggaran))
	}
	if d.Harga != 0 {
		v.Set("harga", valid.Angka(d.Harga))
	}
	return v
}

// kameraDariForm reads the form: numbers and the date are read here, the
// rest by PeriksaKamera behind the call; p holds what the page could not
// read.
func kameraDariForm(f web.Form) (KameraData, *KameraKredensial, bool, valid.Problems) {
	var p valid.Problems
	bulat := func(field, label, contoh string, maxDigit int) int64 {
		s := strings.TrimSpace(f.Get(field))
		if field == "harga" {
			s = strings.TrimSpace(strings.TrimPrefix(s, "Rp"))
		}
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), " ", "")
		if s == "" {
			return 0
		}
		if !valid.Digits(s) || len(s) > maxDigit {
			p.Add(field, "%s ditulis sebagai bilangan bulat, misalnya %s.", label, contoh)
			return 0
		}
		n, _ := strconv.ParseInt(s, 10, 64)
		return n
	}
	d := KameraData{Nama: f.Get("nama"), Dusun: f.Get("dusun"), Lintang: f.Get("lintang"), Bujur: f.Get("bujur"),
		Pantauan: f.Get("pantauan"), Tujuan: f.Get("tujuan"), Pemilik: f.Get("pemilik"), Perjanjian: f.Get("perjanjian"),
		KegiatanKode: f.Get("kegiatan_kode"), LokasiRekaman: f.Get("lokasi_rekaman"), StreamURL: f.Get("stream_url"),
		Status: f.Get("status")}
	d.TahunAnggaran = int(bulat("tahun_anggaran", "Tahun anggaran", "2025", 4))
	d.Harga = bulat("harga", "Harga", "3.500.000", 13)
	d.RetensiHari = int(bulat("retensi_hari", "Lama rekaman disimpan", "30", 6))
	if s := strings.TrimSpace(f.Get("tanggal_pasang")); s != "" {
		t, err := civil.ParseDate(s)
		if err != nil {
			p.Add("tanggal_pasang", "Tanggal pemasangan ditulis TTTT-BB-HH, misalnya 2025-06-01.")
		}
		d.TanggalPasang = t
	}
	var kr *KameraKredensial
	if f.Get("kredensial_pengguna") != "" || f.Get("kredensial_sandi") != "" {
		kr = &KameraKredensial{Pengguna: f.Get("kredensial_pengguna"), Sandi: f.Get("kredensial_sandi")}
	}
	return d, kr, f.Get("hapus_kredensial") != "", p
}

// kameraGabung joins the page's own problems with the rules' refusal, so
// every field at fault is named at once; a form the page could not read
// is never saved.
func kameraGabung(p valid.Problems, err error) error {
	if p.Empty() {
		return err
	}
	if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
		p.Include("", err)
	}
	return p.Err()
}

// kameraDiubah reads the hidden "diubah" of an edit form.
func kameraDiubah(f web.Form) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(f.Get("diubah")))
	if err != nil {
		return time.Time{}
	}
	return t
}

func (m *Module) renderKameraIsian(w http.ResponseWriter, r *http.Request, status int, d kameraIsianPage) {
	judul := "Tambah kamera — CCTV " + d.Desa.Nama
	if !d.Baru {
		judul = "Ubah " + d.Nama + " — CCTV " + d.Desa.Nama
	}
	m.pages.Render(w, r, status, "kamera_isian", judul, d)
}

func (m *Module) pageKameraBaru(w http.ResponseWriter, r *http.Request) {
	f := kameraForm("kamera", url.Values{"status": {StatusAktif}, "retensi_hari": {"0"}})
	d, err := m.kameraIsianData(r.Context(), true, "", f)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.renderKameraIsian(w, r, http.StatusOK, d)
}

func (m *Module) pageKameraUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k, err := m.BacaKamera(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d, err := m.kameraIsianData(ctx, false, k.ID, kameraForm("kamera", kameraNilaiForm(k)))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.renderKameraIsian(w, r, http.StatusOK, d)
}

func (m *Module) pageKameraTambah(w http.ResponseWriter, r *http.Request) {
	m.kameraKirim(w, r, true, func(ctx context.Context, f web.Form) (Kamera, error) {
		d, kr, _, p := kameraDariForm(f)
		if !p.Empty() {
			var k Kamera
			return k, kameraGabung(p, m.periksaIsian(d, kr, false, m.kameraHariIni(ctx), &k))
		}
		return m.TambahKamera(ctx, KameraBaru{KameraData: d, Kredensial: kr})
	})
}

func (m *Module) pageKameraSimpan(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m.kameraKirim(w, r, false, func(ctx context.Context, f web.Form) (Kamera, error) {
		d, kr, hapus, p := kameraDariForm(f)
		if !p.Empty() {
			var k Kamera
			return k, kameraGabung(p, m.periksaIsian(d, kr, hapus, m.kameraHariIni(ctx), &k))
		}
		return m.UbahKamera(ctx, id, KameraUbah{KameraData: d, Kredensial: kr, HapusKredensial: hapus, Diubah: kameraDiubah(f)})
	})
}

// kameraKirim handles the camera form: save, then the camera's page; a
// refused form is shown again with its messages and every value typed but
// the credentials, which are never written back into a page.
func (m *Module) kameraKirim(w http.ResponseWriter, r *http.Request, baru bool,
	save func(ctx context.Context, f web.Form) (Kamera, error)) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx := r.Context()
	f := kameraForm("kamera", r.PostForm)
	k, err := save(ctx, f)
	if err == nil {
		pesan := "ubah"
		if baru {
			pesan = "baru"
		}
		http.Redirect(w, r, m.desaView(ctx).Base+"/"+k.ID+"?pesan="+pesan, http.StatusSeeOther)
		return
	}
	ketik := f.Get("kredensial_pengguna") != "" || f.Get("kredensial_sandi") != ""
	// A copy of the values: the credentials typed are blanked, never echoed.
	v := url.Values{}
	for key, vs := range r.PostForm {
		v[key] = append([]string(nil), vs...)
	}
	v.Set("kredensial_pengguna", "")
	v.Set("kredensial_sandi", "")
	v.Set("stream_url", kameraTanpaRahasia(v.Get("stream_url")))
	f = kameraForm("kamera", v)
	status, ok := m.pages.Failed(w, r, err, &f)
	if !ok {
		return
	}
	d, lerr := m.kameraIsianData(ctx, baru, r.PathValue("id"), f)
	if lerr != nil {
		m.pages.Fault(w, r, lerr)
		return
	}
	d.KetikUlang = ketik
	m.renderKameraIsian(w, r, status, d)
}

// kameraTanpaRahasia is a typed stream address without the credentials a
// user may have put in it (user:password@, ?user=…&pwd=…), for a refused
// form shown again: the rules refuse such an address, and the page does
// not repeat the password.
func kameraTanpaRahasia(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		if strings.Contains(s, "@") {
			return ""
		}
		return s
	}
	ubah := u.User != nil
	u.User = nil
	q := u.Query()
	for key := range q {
		if kameraQueryRahasia[strings.ToLower(key)] {
			q.Del(key)
			ubah = true
		}
	}
	if !ubah {
		return s
	}
	u.RawQuery = q.Encode()
	return u.String()
}
