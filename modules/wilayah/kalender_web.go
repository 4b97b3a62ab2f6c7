package wilayah

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The calendar page of a kabupaten (read from a kecamatan too): the year's
// holidays by month, and for the kabupaten admin the forms that keep it.

var kalenderLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

// SumberUsulan is the source recorded when the admin confirms a day of the
// starting list with its button.
const SumberUsulan = "Usulan kalender hari raya Bali, ditetapkan admin kabupaten"

func (m *Module) routesKalender(w *web.Web, mux *http.ServeMux, pages *web.Pages) {
	kab := []tenancy.Level{tenancy.Kabupaten}
	w.HandleWilayah(mux, "GET /wilayah/{kode}/kalender", PermKalenderRead, kalenderLevels, func(rw http.ResponseWriter, r *http.Request) {
		d, err := m.kalenderData(r, nil)
		if err != nil {
			pages.Fault(rw, r, err)
			return
		}
		pages.Render(rw, r, http.StatusOK, "kalender", d.Title(), d)
	})
	w.HandleWilayah(mux, "POST /wilayah/{kode}/kalender/libur-daerah", PermKalenderKelola, kab, func(rw http.ResponseWriter, r *http.Request) {
		m.postLiburDaerah(rw, r, pages)
	})
	w.HandleWilayah(mux, "POST /wilayah/{kode}/kalender/libur-daerah/{tanggal}/hapus", PermKalenderKelola, kab, func(rw http.ResponseWriter, r *http.Request) {
		t, _ := tenancy.From(r.Context())
		tanggal := civil.Date(r.PathValue("tanggal"))
		if err := m.HapusLiburDaerah(r.Context(), t.Kode, tanggal); err != nil {
			pages.Fault(rw, r, err)
			return
		}
		http.Redirect(rw, r, kalenderHref(t.Kode, tanggal.Year())+"&dihapus="+url.QueryEscape(string(tanggal)), http.StatusSeeOther)
	})
	w.HandleWilayah(mux, "POST /wilayah/{kode}/kalender/tahun", PermKalenderKelola, kab, func(rw http.ResponseWriter, r *http.Request) {
		m.postTahun(rw, r, pages)
	})
}

func kalenderHref(k tenancy.Kode, tahun int) string {
	return "/wilayah/" + string(k) + "/kalender?tahun=" + strconv.Itoa(tahun)
}

type kalenderPage struct {
	Kode      tenancy.Kode
	Judul     string // "Kabupaten Tabanan", or "Kecamatan Kediri" when read from there
	Kabupaten string // the kabupaten's name
	K         KalenderTahun
	Bulan     []bulanView
	Tahun     []tahunLink
	Kelola    bool // the kabupaten admin, on the kabupaten's page
	Pesan     string
	Tambah    web.Form
	Muat      web.Form
	AksiTambah,
	AksiMuat string
	SumberUsulan string
}

// Title is the page's title.
func (p kalenderPage) Title() string {
	return fmt.Sprintf("Kalender hari kerja %d · %s", p.K.Tahun, p.Kabupaten)
}

type bulanView struct {
	BulanKalender
	Hari []hariView
}

type hariView struct {
	HariKalender
	Tanggal  string // "Kamis, 19 Maret"
	Lencana  string
	Kelas    string
	Hapus    string // the delete form's action, "" when none
	Tetapkan bool   // a confirm button
}

type tahunLink struct {
	Tahun  int
	Href   string
	Aktif  bool
	Dimuat bool
}

var namaHari = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// kalenderData builds the page for the tahun of the query (this year by
// default); failed, when set, is the form that was refused.
func (m *Module) kalenderData(r *http.Request, failed *web.Form) (kalenderPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	tahun := civil.Today(m.clock(), t.Kode).Year()
	if s := r.URL.Query().Get("tahun"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2000 || n > 2100 {
			return kalenderPage{}, fault.New(fault.Invalid, "Tahun harus angka 2000 sampai 2100.")
		}
		tahun = n
	} else if failed != nil && failed.Name == "tambah" {
		if d, err := civil.ParseDate(failed.Get("tanggal")); err == nil {
			tahun = d.Year()
		}
	}
	k, err := m.KalenderTahun(ctx, t.Kode, tahun)
	if err != nil {
		return kalenderPage{}, err
	}
	p := kalenderPage{Kode: t.Kode, K: k, AksiTambah: "/wilayah/" + string(t.Kode) + "/kalender/libur-daerah",
		AksiMuat: "/wilayah/" + string(t.Kode) + "/kalender/tahun", SumberUsulan: SumberUsulan}
	if w, err := m.Lookup(ctx, t.Kode); err == nil {
		p.Judul = judul(w)
	}
	p.Kabupaten = p.Judul
	if t.Kode.Level() != tenancy.Kabupaten {
		if w, err := m.Lookup(ctx, k.Kabupaten); err == nil {
			p.Kabupaten = judul(w)
		}
	}
	p.Kelola = t.Kode.Level() == tenancy.Kabupaten && m.web != nil && m.web.May(ctx, http.MethodPost, p.AksiTambah)
	// The years to choose from: those loaded, this one, the one shown and
	// the first not loaded after them (where the next SKB goes) — a short
	// list, not a walk through every year.
	years := map[int]bool{tahun: true, civil.Today(m.clock(), t.Kode).Year(): true}
	last := 0
	for _, y := range k.TahunDimuat {
		years[y] = true
		last = max(last, y)
	}
	if last > 0 && last < 2100 {
		years[last+1] = true
	}
	for y := 2000; y <= 2100; y++ {
		if years[y] {
			p.Tahun = append(p.Tahun, tahunLink{Tahun: y, Href: kalenderHref(t.Kode, y), Aktif: y == tahun,
				Dimuat: contains(k.TahunDimuat, y)})
		}
	}
	byMonth := map[int][]hariView{}
	for _, h := range k.Hari {
		d := h.Tanggal.Time()
		v := hariView{HariKalender: h, Tanggal: fmt.Sprintf("%s, %d %s", namaHari[d.Weekday()], d.Day(), namaBulan[d.Month()-1])}
		switch {
		case h.Usulan:
			v.Lencana, v.Kelas, v.Tetapkan = "Usulan libur daerah", "lencana-usulan", p.Kelola
		case h.Jenis == kalender.LiburDaerah:
			v.Lencana, v.Kelas = "Libur daerah", "lencana-daerah"
			if p.Kelola {
				v.Hapus = "/wilayah/" + string(t.Kode) + "/kalender/libur-daerah/" + string(h.Tanggal) + "/hapus"
			}
		case h.Jenis == kalender.CutiBersama:
			v.Lencana, v.Kelas = "Cuti bersama", "lencana-cuti"
		default:
			v.Lencana, v.Kelas = "Libur nasional", "lencana-nasional"
		}
		byMonth[int(d.Month())] = append(byMonth[int(d.Month())], v)
	}
	for _, b := range k.Bulan {
		p.Bulan = append(p.Bulan, bulanView{BulanKalender: b, Hari: byMonth[b.Bulan]})
	}
	q := r.URL.Query()
	if d, err := civil.ParseDate(q.Get("disimpan")); err == nil {
		p.Pesan = "Libur daerah " + d.String() + " ditetapkan. Tenggat layanan yang melewatinya dihitung ulang."
	} else if d, err := civil.ParseDate(q.Get("dihapus")); err == nil {
		p.Pesan = "Libur daerah " + d.String() + " dihapus; hari itu kembali hari kerja."
	} else if y, err := strconv.Atoi(q.Get("dimuat")); err == nil && contains(k.TahunDimuat, y) {
		p.Pesan = "Daftar libur nasional tahun " + strconv.Itoa(y) + " dimuat."
	}
	p.Tambah = web.NewForm("tambah", url.Values{"sumber": {""}})
	muat := url.Values{}
	if !k.Dimuat {
		muat.Set("tahun", strconv.Itoa(tahun))
	}
	p.Muat = web.NewForm("muat", muat)
	if failed != nil {
		switch failed.Name {
		case "tambah":
			p.Tambah = *failed
		case "muat":
			p.Muat = *failed
		}
	}
	return p, nil
}

func contains(ys []int, y int) bool {
	for _, x := range ys {
		if x == y {
			return true
		}
	}
	return false
}

func (m *Module) postLiburDaerah(rw http.ResponseWriter, r *http.Request, pages *web.Pages) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("tambah", r.PostForm)
	in := LiburDaerahBaru{Tanggal: civil.Date(strings.TrimSpace(form.Get("tanggal"))), Nama: form.Get("nama"), Sumber: form.Get("sumber")}
	if _, err := m.TetapkanLiburDaerah(ctx, t.Kode, in); err != nil {
		m.refillKalender(rw, r, pages, err, form)
		return
	}
	http.Redirect(rw, r, kalenderHref(t.Kode, in.Tanggal.Year())+"&disimpan="+url.QueryEscape(string(in.Tanggal)), http.StatusSeeOther)
}

func (m *Module) postTahun(rw http.ResponseWriter, r *http.Request, pages *web.Pages) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if err := r.ParseForm(); err != nil {
		pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak terbaca.")
		return
	}
	form := web.NewForm("muat", r.PostForm)
	tahun, aerr := strconv.Atoi(strings.TrimSpace(form.Get("tahun")))
	var err error
	if aerr != nil {
		err = fault.Field("tahun", "Tulis tahunnya dengan angka, mis. 2027.")
	} else if hari, berr := kalender.BacaDaftar(form.Get("hari")); berr != nil {
		err = berr
	} else {
		// The API's rule, with every day's message on the one text area.
		err = fault.RenameFields(m.MuatTahun(ctx, t.Kode, tahun, form.Get("sumber"), hari), func(s string) string {
			if strings.HasPrefix(s, "hari[") {
				return "hari"
			}
			return s
		})
	}
	if err != nil {
		m.refillKalender(rw, r, pages, err, form)
		return
	}
	http.Redirect(rw, r, kalenderHref(t.Kode, tahun)+"&dimuat="+strconv.Itoa(tahun), http.StatusSeeOther)
}

func (m *Module) refillKalender(rw http.ResponseWriter, r *http.Request, pages *web.Pages, err error, form web.Form) {
	status, ok := pages.Failed(rw, r, err, &form)
	if !ok {
		return
	}
	d, lerr := m.kalenderData(r, &form)
	if lerr != nil {
		pages.ServerError(rw, r, lerr)
		return
	}
	pages.Render(rw, r, status, "kalender", d.Title(), d)
}
