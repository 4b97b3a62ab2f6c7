package keuangan

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The kecamatan and kabupaten table page: /wilayah/{kode}/keuangan/{tahun}.
// Its guard (web.HandleWilayah) asks PermRingkasan at the kecamatan or
// kabupaten in the path and sets it as tenant.

type kolomView struct {
	Nama  string
	Href  string
	Sort  string // ascending, descending or ""
	Angka bool
}

type barisView struct {
	RingkasanDesa
	Href       string // the desa's APBDes page, when that page exists
	Status     string
	Persen     string
	Tahap      string
	Terakhir   string
	AdaPersen  bool
	AdaTanggal bool
}

type tabelWilayahView struct {
	Judul      string
	Kode       tenancy.Kode
	Tahun      int
	Sebelumnya string
	Berikutnya string
	Kecamatan  []kecamatanView
	Urut       string
	Turun      bool
	Kolom      []kolomView
	Baris      []barisView
	CSV, XLSX  string
	Total      struct{ Pagu, Realisasi, Persen string }
	// Tautan are the wilayah's other keuangan pages the user may open.
	Tautan []opsi
}

type kecamatanView struct {
	RingkasanKecamatan
	Dipilih bool
}

// tabelLevels are the wilayah whose keuangan table there is.
var tabelLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesTabelWilayah(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/keuangan", PermRingkasan, tabelLevels, func(rw http.ResponseWriter, r *http.Request) {
		kode := wilayahOf(r)
		tahun := civil.Today(m.now(), kode).Year()
		http.Redirect(rw, r, "/wilayah/"+string(kode)+"/keuangan/"+strconv.Itoa(tahun), http.StatusSeeOther)
	})
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/keuangan/{tahun}", PermRingkasan, tabelLevels, m.pageTabelWilayah)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/keuangan/unduh/{tahun}", PermRingkasan, tabelLevels, func(rw http.ResponseWriter, r *http.Request) {
		kode := wilayahOf(r)
		v := r.URL.Query()
		tahun, _ := strconv.Atoi(r.PathValue("tahun"))
		name, tipe, b, err := m.unduhWilayah(r.Context(), tabelWilayahInput{Kode: string(kode), Tahun: tahun,
			Kecamatan: v.Get("kecamatan"), Urut: v.Get("urut"), Arah: v.Get("arah")}, v.Get("format"))
		if err != nil {
			m.pages.Fault(rw, r, err)
			return
		}
		h := rw.Header()
		h.Set("Content-Type", tipe)
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		h.Set("Cache-Control", "private, no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = rw.Write(b)
	})
}

// wilayahOf is the kecamatan or kabupaten of a wilayah page, which its
// guard (web.HandleWilayah) checked and set as tenant.
func wilayahOf(r *http.Request) tenancy.Kode {
	t, _ := tenancy.From(r.Context())
	return t.Kode
}

var kolomJudul = []struct {
	kunci, nama string
	angka       bool
}{
	{urutNama, "Desa", false},
	{urutKecamatan, "Kecamatan", false},
	{urutStatus, "Status APBDes", false},
	{urutPagu, "Pagu belanja (Rp)", true},
	{urutRealisasi, "Realisasi (Rp)", true},
	{urutPersen, "Realisasi", true},
	{urutPendapatan, "Pendapatan diterima (Rp)", true},
	{urutTahap, "Dana Desa tahap", false},
	{urutTerakhir, "Transaksi terakhir", false},
}

func (m *Module) pageTabelWilayah(rw http.ResponseWriter, r *http.Request) {
	kode := wilayahOf(r)
	ctx := r.Context()
	tahun, err := strconv.Atoi(r.PathValue("tahun"))
	if err != nil || tahun < TahunMin || tahun > TahunMax {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak dikenal.")
		return
	}
	v := r.URL.Query()
	q := RingkasanQuery{Tahun: tahun, Kecamatan: v.Get("kecamatan"), Urut: v.Get("urut"), Turun: v.Get("arah") == "turun"}
	t, err := m.TabelWilayah(ctx, kode, q)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	base := "/wilayah/" + string(kode) + "/keuangan/"
	judul := m.namaWilayah(ctx, kode)
	if kode.Level() == tenancy.Kecamatan {
		judul = "Kecamatan " + judul
	}
	view := tabelWilayahView{Judul: judul, Kode: kode, Tahun: tahun, Urut: q.Urut, Turun: q.Turun,
		Sebelumnya: base + strconv.Itoa(tahun-1), Berikutnya: base + strconv.Itoa(tahun+1)}
	if tahun-1 < TahunMin {
		view.Sebelumnya = ""
	}
	if tahun+1 > TahunMax || tahun+1 > civil.Today(m.now(), kode).Year()+1 {
		view.Berikutnya = ""
	}
	for _, k := range t.Kecamatan {
		view.Kecamatan = append(view.Kecamatan, kecamatanView{RingkasanKecamatan: k, Dipilih: string(k.Kode) == q.Kecamatan})
	}
	link := func(extra url.Values) string {
		p := url.Values{}
		if q.Kecamatan != "" {
			p.Set("kecamatan", q.Kecamatan)
		}
		for k, vs := range extra {
			p[k] = vs
		}
		if len(p) == 0 {
			return base + strconv.Itoa(tahun)
		}
		return base + strconv.Itoa(tahun) + "?" + p.Encode()
	}
	for _, k := range kolomJudul {
		if k.kunci == urutKecamatan && kode.Level() == tenancy.Kecamatan {
			continue
		}
		c := kolomView{Nama: k.nama, Angka: k.angka}
		next := url.Values{"urut": {k.kunci}}
		if q.Urut == k.kunci {
			if q.Turun {
				c.Sort = "descending"
			} else {
				c.Sort = "ascending"
				next.Set("arah", "turun")
			}
		}
		c.Href = link(next)
		view.Kolom = append(view.Kolom, c)
	}
	sortParams := url.Values{}
	if q.Urut != "" {
		sortParams.Set("urut", q.Urut)
	}
	if q.Turun {
		sortParams.Set("arah", "turun")
	}
	dl := func(format string) string {
		p := url.Values{"format": {format}}
		for k, vs := range sortParams {
			p[k] = vs
		}
		if q.Kecamatan != "" {
			p.Set("kecamatan", q.Kecamatan)
		}
		return base + "unduh/" + strconv.Itoa(tahun) + "?" + p.Encode()
	}
	view.CSV = dl("csv")
	view.Tautan = m.tautanWilayah(ctx, kode, tahun)
	view.XLSX = dl("xlsx")
	var pagu, real Rupiah
	for _, b := range t.Baris {
		bv := barisView{RingkasanDesa: b, Status: NamaStatusTabel(b), Persen: persenTeks(b), Tahap: tahapRinci(b),
			AdaPersen: b.RealisasiBP != nil, AdaTanggal: b.TransaksiTerakhir != ""}
		if b.TransaksiTerakhir != "" {
			bv.Terakhir = b.TransaksiTerakhir.String()
		}
		href := "/desa/" + string(b.Desa) + "/keuangan/" + strconv.Itoa(tahun) + "/apbdes"
		// Only a page that exists: the APBDes page is another part's.
		if _, _, ok := m.web.Guard(http.MethodGet, href); ok && b.Status != StatusBelumAda {
			bv.Href = href
		}
		pagu, _ = Jumlah(pagu, b.Pagu)
		real, _ = Jumlah(real, b.Realisasi)
		view.Baris = append(view.Baris, bv)
	}
	view.Total.Pagu, view.Total.Realisasi = pagu.Angka(), real.Angka()
	view.Total.Persen = "–"
	if bp, ok := basisPoin(real, pagu); ok {
		view.Total.Persen = valid.FormatBP(bp)
	}
	m.pages.Render(rw, r, http.StatusOK, "wilayah_keuangan", "Keuangan desa "+strconv.Itoa(tahun)+" · "+judul, view)
}

// tahapRinci writes each tahap received: "I · Rp 250.000.000 · 5 Maret 2026".
func tahapRinci(r RingkasanDesa) string {
	romawi := [4]string{"", "I", "II", "III"}
	s := ""
	for i, t := range r.DDTahap {
		if i > 0 {
			s += "; "
		}
		s += romawi[t.Tahap] + " · " + t.Jumlah.String() + " · " + t.Tanggal.String()
	}
	return s
}
