package wilayah

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// tabelView is the desa table as the page draws it. Sorting and the
// kecamatan filter are plain links and a GET form, so the page needs no
// script.
type tabelView struct {
	Tabel     Tabel
	Kolom     []kolomView
	Baris     []barisView
	Kecamatan []pilihan
	Periode   string // "Desember 2026"
	CSV, XLSX string
	Galat     string // a refused filter or sort, shown at the form
}

type kolomView struct {
	Nama  string
	Href  string
	Sort  string // aria-sort: "ascending", "descending" or ""
	Angka bool
}

type barisView struct {
	Href string // the desa's page; "" when the table is aggregates only
	Sel  []selView
}

type selView struct {
	Teks   string
	Angka  bool
	Kosong bool
	Kelas  string // extra class: "tanggal" or "kode"
}

type pilihan struct {
	Kode, Nama string
	Dipilih    bool
}

var bulanNama = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// tabelQuery reads ?kecamatan=&urut=&arah= (arah: naik or turun).
func tabelQuery(v url.Values) (TabelQuery, error) {
	q := TabelQuery{Kecamatan: v.Get("kecamatan"), Urut: v.Get("urut")}
	switch v.Get("arah") {
	case "", "naik":
	case "turun":
		q.Turun = true
	default:
		return q, fault.Field("query.arah", "Arah urutan harus naik atau turun.")
	}
	return q, nil
}

// tabelPage builds the table of a kecamatan or kabupaten page; nil for
// other tiers. A refused filter or sort shows the whole table with the
// message, answered 422.
func (m *Module) tabelPage(r *http.Request, userID string, wl Wilayah) (*tabelView, int, error) {
	if wl.Tingkat != TingkatKecamatan && wl.Tingkat != TingkatKabupaten && wl.Tingkat != TingkatKota {
		return nil, 0, nil
	}
	status := http.StatusOK
	var galat string
	q, err := tabelQuery(r.URL.Query())
	var t Tabel
	if err == nil {
		t, err = m.Tabel(r.Context(), userID, wl.Kode, q)
	}
	if e, ok := fault.As(err); ok && e.Code == fault.Invalid {
		status, galat = http.StatusUnprocessableEntity, e.Message
		q = TabelQuery{}
		t, err = m.Tabel(r.Context(), userID, wl.Kode, q)
	}
	if err != nil {
		return nil, 0, err
	}
	return newTabelView(t, q, galat), status, nil
}

func newTabelView(t Tabel, q TabelQuery, galat string) *tabelView {
	base := "/wilayah/" + string(t.Wilayah.Kode)
	link := func(path string, urut string, turun bool) string {
		v := url.Values{}
		if q.Kecamatan != "" {
			v.Set("kecamatan", q.Kecamatan)
		}
		if urut != "" {
			v.Set("urut", urut)
		}
		if turun {
			v.Set("arah", "turun")
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	from := t.Periode.From.Time()
	tv := &tabelView{Tabel: t, Galat: galat,
		Periode: bulanNama[from.Month()-1] + " " + from.Format("2006"),
		CSV:     link(base+"/desa.csv", q.Urut, q.Turun),
		XLSX:    link(base+"/desa.xlsx", q.Urut, q.Turun),
	}
	current := q.Urut
	if current == "" {
		current = UrutKode
	}
	keys := t.kunci()
	for i, nama := range t.Judul() {
		k := keys[i]
		kv := kolomView{Nama: nama}
		jenis := indicator.Text
		for _, c := range t.Kolom {
			if c.Kunci == k {
				jenis = c.Jenis
			}
		}
		kv.Angka = jenis == indicator.Count
		// A first click on a count or a date shows the largest or the
		// latest first; a second click turns the order round.
		turun := jenis != indicator.Text
		if k == current {
			if q.Turun {
				kv.Sort = "descending"
			} else {
				kv.Sort = "ascending"
			}
			turun = !q.Turun
		}
		kv.Href = link(base, k, turun)
		tv.Kolom = append(tv.Kolom, kv)
	}
	for _, b := range t.Baris {
		bv := barisView{}
		if !t.Agregat {
			bv.Href = "/wilayah/" + string(b.Kode)
		}
		sel := t.Sel(b)
		for i, s := range sel {
			sv := selView{Teks: s.Teks, Kosong: s.Kosong, Angka: tv.Kolom[i].Angka}
			switch {
			case s.Angka != nil:
				sv.Teks = web.Angka(*s.Angka)
			case !s.Tanggal.IsZero():
				sv.Teks, sv.Kelas = tanggalPendek(s.Tanggal), "tanggal"
			case i == len(sel)-1:
				sv.Kelas = "kode"
			}
			bv.Sel = append(bv.Sel, sv)
		}
		tv.Baris = append(tv.Baris, bv)
	}
	for _, k := range t.Kecamatan {
		tv.Kecamatan = append(tv.Kecamatan, pilihan{Kode: string(k.Kode), Nama: k.Nama, Dipilih: string(k.Kode) == q.Kecamatan})
	}
	return tv
}

// kunci is the sort key of each column of Judul.
func (t Tabel) kunci() []string {
	k := []string{UrutNama}
	if t.Kecamatan != nil {
		k = append(k, UrutKecamatan)
	}
	for _, c := range t.Kolom {
		k = append(k, c.Kunci)
	}
	return append(k, UrutKode)
}

// ekspor answers GET /wilayah/{kode}/desa.csv and .xlsx: the table the
// page shows for the same query, as a download.
func (m *Module) ekspor(rw http.ResponseWriter, r *http.Request, pages *web.Pages, az Authorizer, ext string) {
	ctx := r.Context()
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	if err != nil {
		pages.Error(rw, r, http.StatusNotFound, "Wilayah tidak ditemukan.")
		return
	}
	u, _ := auth.UserFrom(ctx)
	if ok, err := az.Allowed(ctx, u.ID, kode, PermRead); err != nil || !ok {
		pages.Error(rw, r, http.StatusForbidden, "Anda tidak berwenang atas wilayah ini.")
		return
	}
	q, err := tabelQuery(r.URL.Query())
	var t Tabel
	if err == nil {
		t, err = m.Tabel(ctx, u.ID, kode, q)
	}
	if err != nil {
		e, ok := fault.As(err)
		switch {
		case ok && e.Code == fault.NotFound:
			pages.Error(rw, r, http.StatusNotFound, "Wilayah tidak ditemukan.")
		case ok && e.Code == fault.Invalid:
			pages.Error(rw, r, http.StatusUnprocessableEntity, e.Message)
		default:
			pages.Error(rw, r, http.StatusInternalServerError, "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.")
		}
		return
	}
	h := rw.Header()
	h.Set("Cache-Control", "private, no-store")
	name := t.namaBerkas() + "." + ext
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if ext == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		if err := t.WriteCSV(rw); err != nil {
			return // the status is sent; the client sees a cut file
		}
		return
	}
	b, err := t.XLSX()
	if err != nil {
		pages.Error(rw, r, http.StatusInternalServerError, "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.")
		return
	}
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = rw.Write(b)
}

var bulanPendek = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// tanggalPendek writes a date the short Indonesian way, "1 Des 2026", so
// the column stays narrow.
func tanggalPendek(d civil.Date) string {
	t := d.Time()
	return strconv.Itoa(t.Day()) + " " + bulanPendek[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
