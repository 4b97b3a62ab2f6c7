package umkm

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The wilayah page of the camat, the bupati, the Dinas Koperasi & UMKM and
// the forum: the figures of every desa (PermRingkasan); for holders of
// PermRead also a searchable list of the UMKM across the wilayah with the
// owner masked (Umkm.Tersamar), and the XLSX.

var wilayahLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

// wilayahBaris is a row of the figures table: a desa, or a kecamatan's
// subtotal at kabupaten level.
type wilayahBaris struct {
	Nama     string
	Href     string // the desa's UMKM page, "" when not served
	Subtotal bool
	Angka    UmkmRingkasanAngka
	NIB      string
	BUMDes   string
	Kelas    string
	Tahun    string
	Omzet    string
	PADes    string
}

// wilayahUsaha is a row of the list, owner masked.
type wilayahUsaha struct {
	Nama    string
	Href    string // the desa's detail page, "" when not served
	Desa    string
	Pemilik string
	Sektor  string
	Skala   string
	NIB     bool
	Aktif   bool
}

type wilayahView struct {
	Kode      string
	Nama      string
	Kabupaten bool
	Baris     []wilayahBaris
	Jumlah    wilayahBaris
	XLSX      string
	// The list, for PermRead only.
	Daftar     bool
	Q          string
	Desa       []katalogOpsi
	Usaha      []wilayahUsaha
	Hal        int
	Sebelumnya string
	Berikutnya string
	Disaring   bool
}

// routesWilayah serves the wilayah page and the downloads.
func (m *Module) routesWilayah(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/umkm", PermRingkasan, wilayahLevels, m.pageWilayah)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/umkm/unduh.xlsx", PermRead, wilayahLevels, m.pageUnduh)
	m.web.HandleDesa(mux, "GET /desa/{kode}/umkm/unduh.xlsx", PermRead, m.pageUnduh)
}

func rupiahAtauStrip(b *UmkmRingkasanBUMDes, v int64) string {
	if b == nil || b.Tahun == 0 {
		return "–"
	}
	return valid.Angka(v)
}

func persenBP(a UmkmRingkasanAngka) string {
	if a.UmkmAktif == 0 {
		return "–"
	}
	return valid.FormatBP(a.NIBBP)
}

func (m *Module) pageWilayah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	ring, err := m.Ringkasan(ctx, t.Kode)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	kelas := map[string]string{}
	if ks, err := KelasBUMDesList(); err == nil {
		for _, k := range ks {
			kelas[k.Kode] = k.Nama
		}
	}
	v := wilayahView{Kode: string(t.Kode), Nama: ring.Nama, Kabupaten: t.Kode.Level() == tenancy.Kabupaten,
		XLSX: "/wilayah/" + string(t.Kode) + "/umkm/unduh.xlsx"}
	sub := map[tenancy.Kode]UmkmRingkasanJumlah{}
	for _, k := range ring.Kecamatan {
		sub[k.Kode] = k
	}
	for i, d := range ring.Desa {
		b := wilayahBaris{Nama: d.Nama, Angka: d.UmkmRingkasanAngka, NIB: persenBP(d.UmkmRingkasanAngka), BUMDes: "–", Tahun: "–",
			Omzet: rupiahAtauStrip(d.BUMDes, 0), PADes: rupiahAtauStrip(d.BUMDes, 0)}
		if href := "/desa/" + string(d.Desa) + "/umkm"; m.served(href) {
			b.Href = href
		}
		if bd := d.BUMDes; bd != nil {
			b.BUMDes, b.Kelas = bd.Nama, kelas[bd.Klasifikasi]
			if bd.Tahun > 0 {
				b.Tahun = strconv.Itoa(bd.Tahun)
			}
			b.Omzet, b.PADes = rupiahAtauStrip(bd, bd.Omzet), rupiahAtauStrip(bd, bd.PADes)
		}
		if v.Kabupaten && (i == 0 || ring.Desa[i-1].Desa.Up(tenancy.Kecamatan) != d.Desa.Up(tenancy.Kecamatan)) {
			k := sub[d.Desa.Up(tenancy.Kecamatan)]
			v.Baris = append(v.Baris, jumlahBaris("Kecamatan "+k.Nama, k))
		}
		v.Baris = append(v.Baris, b)
	}
	v.Jumlah = jumlahBaris("Jumlah", ring.Jumlah)
	v.Jumlah.Subtotal = false
	if u, ok := auth.UserFrom(ctx); ok && m.authz != nil {
		if v.Daftar, err = m.authz.Allowed(ctx, u.ID, t.Kode, PermRead); err != nil {
			m.pages.ServerError(rw, r, err)
			return
		}
	}
	if v.Daftar {
		if err := m.isiDaftar(ctx, r, t.Kode, &v); err != nil {
			m.pages.Fault(rw, r, err)
			return
		}
	}
	m.pages.Render(rw, r, http.StatusOK, "wilayah_umkm", "UMKM & BUMDes "+ring.Nama, v)
}

func jumlahBaris(nama string, j UmkmRingkasanJumlah) wilayahBaris {
	b := wilayahBaris{Nama: nama, Subtotal: true, Angka: j.UmkmRingkasanAngka, NIB: persenBP(j.UmkmRingkasanAngka),
		BUMDes: strconv.Itoa(j.BUMDes) + " BUMDes", Tahun: "", Omzet: valid.Angka(j.Omzet), PADes: valid.Angka(j.PADes)}
	return b
}

// isiDaftar reads one page of the wilayah's UMKM list as r asks for it,
// owners masked.
func (m *Module) isiDaftar(ctx context.Context, r *http.Request, wilayah tenancy.Kode, v *wilayahView) error {
	qs := r.URL.Query()
	_, ds, err := m.wilayahDesa(ctx, wilayah)
	if err != nil {
		return err
	}
	pilih := qs.Get("desa")
	dipilih := ds
	nama := map[int64]string{}
	for _, d := range ds {
		nama[d.Kode.ID()] = d.Nama
		if string(d.Kode) == pilih {
			dipilih = []DesaInfo{d}
		}
		v.Desa = append(v.Desa, katalogOpsi{Kode: string(d.Kode), Nama: d.Nama, Dipilih: string(d.Kode) == pilih})
	}
	hal, _ := strconv.Atoi(qs.Get("hal"))
	c := cari{desa: desaIDs(dipilih), q: qs.Get("q"), hal: hal, per: perDaftar}.normal()
	v.Q, v.Hal = c.q, c.hal
	v.Disaring = c.q != "" || len(dipilih) != len(ds)
	var us []Umkm
	var lagi bool
	err = m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: wilayah}), func(ctx context.Context, tx bun.Tx) error {
		var err error
		us, lagi, err = cariUmkm(ctx, tx, c)
		return err
	})
	if err != nil {
		return err
	}
	sektor := namaSektor()
	for _, u := range us {
		u = u.Tersamar()
		kode := string(tenancy.KodeOfDesaID(u.DesaID))
		w := wilayahUsaha{Nama: u.Nama, Desa: nama[u.DesaID], Pemilik: u.PemilikNama, Sektor: sektor[u.Sektor], Skala: u.Skala,
			NIB: u.NIB != "", Aktif: u.Status == StatusAktif}
		if href := "/desa/" + kode + "/umkm/" + u.ID; m.served(href) {
			w.Href = href
		}
		v.Usaha = append(v.Usaha, w)
	}
	link := func(hal int) string {
		q := url.Values{}
		for _, key := range []string{"q", "desa"} {
			if s := qs.Get(key); s != "" {
				q.Set(key, s)
			}
		}
		if hal > 1 {
			q.Set("hal", strconv.Itoa(hal))
		}
		s := "/wilayah/" + string(wilayah) + "/umkm"
		if len(q) > 0 {
			s += "?" + q.Encode()
		}
		return s + "#daftar"
	}
	if c.hal > 1 {
		v.Sebelumnya = link(c.hal - 1)
	}
	if lagi && c.hal < maxHal {
		v.Berikutnya = link(c.hal + 1)
	}
	return nil
}
