package umkm

import (
	"bytes"
	"context"
	_ "embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The public catalogue (keterbukaan informasi publik, UU 14/2008; the
// bupati "meninjau UMKM lokal"): anyone, without signing in, browses the
// aktif UMKM of a desa or of a whole kecamatan — the business's name,
// sektor, banjar/dusun, products with prices, photos and the business's own
// WhatsApp contact. Nothing about a person: no owner's name, no NIK, no
// NIB or NPWP, no address beyond the banjar, no assistance received. The
// view types below copy only those fields, so a template cannot print
// more.

//go:embed templates/publik_umkm.css
var publikCSS []byte

var publikPage = template.Must(template.New("publik").ParseFS(templateFS, "templates/publik_umkm.html"))

// katalogProduk is a product as the public sees it.
type katalogProduk struct {
	Nama   string
	Harga  string
	Satuan string
	Foto   string // thumbnail address, "" without a photo
}

// katalogKartu is a business as the public sees it.
type katalogKartu struct {
	Nama      string
	Sektor    string
	Dusun     string
	Desa      string // the desa's name, on a kecamatan's catalogue
	WhatsApp  string // wa.me link
	Foto      string // thumbnail address, "" without a photo
	FotoBesar string
	Produk    []katalogProduk
}

type katalogOpsi struct {
	Kode    string
	Nama    string
	Dipilih bool
}

type katalogView struct {
	Ada        bool
	Pesan      string
	Judul      string // "Desa Bengkel" or "Kecamatan Kediri"
	Wilayah    string // the wider wilayah, for the header
	Action     string
	Q          string
	Sektor     []katalogOpsi
	Desa       []katalogOpsi // a kecamatan's desa, for the filter
	Kartu      []katalogKartu
	Hal        int
	Sebelumnya string
	Berikutnya string
	Disaring   bool
}

// routesKatalog serves the catalogue pages and their stylesheet.
func (m *Module) routesKatalog(mux *http.ServeMux) {
	m.web.HandlePublic(mux, "GET /publik/umkm.css", func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Type", "text/css; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("X-Content-Type-Options", "nosniff")
		_, _ = rw.Write(publikCSS)
	})
	m.web.HandlePublic(mux, "GET /publik/desa/{kode}/umkm", m.pageKatalogDesa)
	m.web.HandlePublic(mux, "GET /publik/kecamatan/{kode}/umkm", m.pageKatalogKecamatan)
}

var tidakDitemukan = katalogView{Pesan: "Wilayah tidak ditemukan. Periksa kode desa atau kecamatan pada alamat halaman."}

func (m *Module) pageKatalogDesa(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	if err != nil || !kode.IsDesa() {
		m.writeKatalog(rw, http.StatusNotFound, tidakDitemukan)
		return
	}
	nama, err := m.namaWilayah(ctx, kode)
	if err != nil {
		m.katalogGagal(rw, r, err)
		return
	}
	v := katalogView{Ada: true, Judul: "Desa " + nama, Action: r.URL.Path}
	v.Wilayah = m.atasan(ctx, kode)
	ds := []DesaInfo{{Kode: kode, Nama: nama}}
	if err := m.isiKatalog(ctx, r, kode, ds, &v); err != nil {
		m.katalogGagal(rw, r, err)
		return
	}
	m.writeKatalog(rw, http.StatusOK, v)
}

func (m *Module) pageKatalogKecamatan(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	if err != nil || kode.Level() != tenancy.Kecamatan || m.desa == nil {
		m.writeKatalog(rw, http.StatusNotFound, tidakDitemukan)
		return
	}
	nama, err := m.namaWilayah(ctx, kode)
	if err != nil {
		m.katalogGagal(rw, r, err)
		return
	}
	ds, err := m.desa.DesaIn(ctx, kode)
	if err != nil {
		m.katalogGagal(rw, r, err)
		return
	}
	v := katalogView{Ada: true, Judul: "Kecamatan " + nama, Action: r.URL.Path}
	v.Wilayah = m.atasan(ctx, kode)
	pilih := r.URL.Query().Get("desa")
	dipilih := ds
	for _, d := range ds {
		if string(d.Kode) == pilih {
			dipilih = []DesaInfo{d}
			v.Disaring = true
		}
		v.Desa = append(v.Desa, katalogOpsi{Kode: string(d.Kode), Nama: d.Nama, Dipilih: string(d.Kode) == pilih})
	}
	if err := m.isiKatalog(ctx, r, kode, dipilih, &v); err != nil {
		m.katalogGagal(rw, r, err)
		return
	}
	m.writeKatalog(rw, http.StatusOK, v)
}

// namaWilayah is kode's name; fault.NotFound for a code that names none.
func (m *Module) namaWilayah(ctx context.Context, kode tenancy.Kode) (string, error) {
	if m.names == nil {
		return string(kode), nil
	}
	return m.names.Nama(ctx, kode)
}

// atasan names the kecamatan and kabupaten above kode, for a header.
func (m *Module) atasan(ctx context.Context, kode tenancy.Kode) string {
	if m.names == nil {
		return ""
	}
	kab, _ := m.names.Nama(ctx, kode.Up(tenancy.Kabupaten))
	if kode.Level() == tenancy.Kecamatan {
		return kab
	}
	kec, _ := m.names.Nama(ctx, kode.Up(tenancy.Kecamatan))
	return "Kecamatan " + kec + ", " + kab
}

// isiKatalog reads one page of the catalogue of ds (inside wilayah) as r
// asks for it: three queries in one transaction (businesses, their
// products, their first photos) and one for the sektor filter.
func (m *Module) isiKatalog(ctx context.Context, r *http.Request, wilayah tenancy.Kode, ds []DesaInfo, v *katalogView) error {
	qs := r.URL.Query()
	hal, _ := strconv.Atoi(qs.Get("hal"))
	c := cari{desa: desaIDs(ds), q: qs.Get("q"), sektor: qs.Get("sektor"), aktif: true, hal: hal, per: perKatalg}.normal()
	v.Q, v.Hal = c.q, c.hal
	v.Disaring = v.Disaring || c.q != "" || c.sektor != ""
	nama := map[int64]string{}
	for _, d := range ds {
		nama[d.Kode.ID()] = d.Nama
	}
	var (
		us     []Umkm
		lagi   bool
		produk map[kunci][]Produk
		foto   map[kunci]Foto
		sektor []string
	)
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if us, lagi, err = cariUmkm(ctx, tx, c); err != nil {
			return err
		}
		if produk, err = produkOf(ctx, tx, us); err != nil {
			return err
		}
		if foto, err = fotoPertama(ctx, tx, us); err != nil {
			return err
		}
		sektor, err = sektorAda(ctx, tx, c.desa, true)
		return err
	})
	if err != nil {
		return err
	}
	names := namaSektor()
	for _, s := range sektor {
		v.Sektor = append(v.Sektor, katalogOpsi{Kode: s, Nama: names[s], Dipilih: s == c.sektor})
	}
	for _, u := range us {
		kode := string(tenancy.KodeOfDesaID(u.DesaID))
		k := katalogKartu{Nama: u.Nama, Sektor: names[u.Sektor], Dusun: u.Dusun, WhatsApp: u.TautanWhatsApp()}
		if wilayah.Level() == tenancy.Kecamatan {
			k.Desa = nama[u.DesaID]
		}
		if f, ok := foto[kunci{u.DesaID, u.ID}]; ok {
			k.Foto = FotoURL(true, kode, u.ID, f.ID, true)
			k.FotoBesar = FotoURL(true, kode, u.ID, f.ID, false)
		}
		for _, p := range produk[kunci{u.DesaID, u.ID}] {
			kp := katalogProduk{Nama: p.Nama, Harga: "Rp " + valid.Angka(p.Harga), Satuan: p.Satuan}
			if p.FotoKey != "" {
				kp.Foto = ProdukFotoURL(true, kode, u.ID, p.ID, true)
			}
			k.Produk = append(k.Produk, kp)
		}
		v.Kartu = append(v.Kartu, k)
	}
	link := func(hal int) string {
		q := url.Values{}
		for _, key := range []string{"q", "sektor", "desa"} {
			if s := qs.Get(key); s != "" {
				q.Set(key, s)
			}
		}
		if hal > 1 {
			q.Set("hal", strconv.Itoa(hal))
		}
		if len(q) == 0 {
			return r.URL.Path
		}
		return r.URL.Path + "?" + q.Encode()
	}
	if c.hal > 1 {
		v.Sebelumnya = link(c.hal - 1)
	}
	if lagi && c.hal < maxHal {
		v.Berikutnya = link(c.hal + 1)
	}
	return nil
}

// katalogGagal answers an error: 404 for a code naming no wilayah, else a
// plain 500 with nothing internal.
func (m *Module) katalogGagal(rw http.ResponseWriter, r *http.Request, err error) {
	if fault.Is(err, fault.NotFound) {
		m.writeKatalog(rw, http.StatusNotFound, tidakDitemukan)
		return
	}
	m.log.ErrorContext(r.Context(), "public umkm catalogue", "err", err)
	m.writeKatalog(rw, http.StatusInternalServerError, katalogView{Pesan: "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi."})
}

// writeKatalog renders the page; an OK answer may be cached by browsers
// and proxies for a few minutes (web.WritePublic).
func (m *Module) writeKatalog(rw http.ResponseWriter, status int, v katalogView) {
	var b bytes.Buffer
	if err := publikPage.ExecuteTemplate(&b, "umkm-publik", v); err != nil {
		m.log.Error("public umkm catalogue: render", "err", err)
		http.Error(rw, "Terjadi kesalahan pada server.", http.StatusInternalServerError)
		return
	}
	web.WritePublic(rw, status, b.Bytes())
}
