package sampah

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the TPS3R daily log: the desa's TPS3R (straight to the only
// one), and one TPS3R's month with the day entry form on top.

func (m *Module) routesLogWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/sampah" + TabLog
	m.web.HandleDesa(mux, "GET "+base, PermRead, m.pageLogDaftar)
	m.web.HandleDesa(mux, "GET "+base+"/{fasilitasId}", PermRead, m.pageLog)
	m.web.HandleDesa(mux, "POST "+base+"/{fasilitasId}", PermEntri, m.postLog)
	m.web.HandleDesa(mux, "POST "+base+"/{fasilitasId}/{tanggal}/hapus", PermKelola, m.postHapusLog)
}

type logDaftarItem struct {
	Fasilitas
	Href string
}

// logServed says whether a desa page answers GET href.
type logDaftarPage struct {
	Desa      desaView
	Nav       []navTab
	TPS3R     []logDaftarItem
	Fasilitas string // the facilities page, to record a TPS3R; "" when not served
}

func (m *Module) pageLogDaftar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d := logDaftarPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabLog)}
	// A link to the facilities page only where that page is served.
	if href := d.Desa.Base + TabFasilitas; m.served(href) {
		d.Fasilitas = href
	}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		fs, err := ListFasilitas(ctx, tx, FasilitasTPS3R)
		for _, f := range fs {
			d.TPS3R = append(d.TPS3R, logDaftarItem{Fasilitas: f, Href: d.Desa.Base + TabLog + "/" + f.ID})
		}
		return err
	})
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	if len(d.TPS3R) == 1 {
		http.Redirect(w, r, d.TPS3R[0].Href, http.StatusSeeOther)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "log_daftar", "Log harian TPS3R "+d.Desa.Nama, d)
}

// logHariView is one day of the month table: its log, or none yet.
type logHariView struct {
	Tanggal civil.Date
	ISO     string // the date as the row's anchor names it
	Href    string // loads the day into the form
	Log     *Log
	Dimuat  bool // the day the form shows
}

type logPage struct {
	Desa      desaView
	Nav       []navTab
	Fasilitas Fasilitas
	Bulan     LogBulan
	NamaBulan string // "Maret 2026"
	Hari      []logHariView
	Sebelum   string // the previous month's page, "" at the first
	Sesudah   string // the next month's, "" at the current one

	Aksi       string // the entry form's action
	Form       web.Form
	HariIni    string // ISO, the date input's bounds
	MinTanggal string
	Dimuat     civil.Date // the day in the form
	Tercatat   bool       // … already has a log (saving corrects it)
	Hapus      string     // the delete form of that day, when it has a log
	Densitas   string     // "250 kg/m³" when the facility logs in m³ too
	Pesan      string     // after a save or a delete
}

func (m *Module) logBase(ctx context.Context, id string) string {
	t, _ := tenancy.From(ctx)
	return "/desa/" + string(t.Kode) + "/sampah" + TabLog + "/" + id
}

// logData loads the page of facility id for month bulan ("" current) with
// the form showing day (when set) — its log, if any, as the form's values
// unless form is given (a refused post shows what was typed).
func (m *Module) logData(ctx context.Context, id, bulan string, day civil.Date, form *web.Form) (logPage, error) {
	t, _ := tenancy.From(ctx)
	d := logPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabLog)}
	b, err := m.BulanLog(ctx, id, bulan)
	if err != nil {
		return d, err
	}
	f := b.fasilitas
	d.Fasilitas, d.Bulan, d.HariIni, d.MinTanggal = f, b, string(b.today), string(b.min)
	d.NamaBulan = strings.TrimPrefix(b.awal.String(), "1 ")
	base := m.logBase(ctx, f.ID)
	d.Aksi = base
	if prev := b.awal.AddDate(0, -1, 0); !prev.AddDate(0, 1, -1).Before(b.min) {
		d.Sebelum = base + "?bulan=" + string(prev)[:7]
	}
	if next := b.awal.AddDate(0, 1, 0); !b.today.Before(next) {
		d.Sesudah = base + "?bulan=" + string(next)[:7]
	}
	if f.DensitasGramM3 > 0 {
		d.Densitas = Kg(f.DensitasGramM3) + " kg/m³"
	}
	if day.IsZero() {
		day = b.today
	}
	d.Dimuat = day
	var dimuat *Log
	byDay := map[civil.Date]*Log{}
	for i := range b.Log {
		byDay[b.Log[i].Tanggal] = &b.Log[i]
	}
	for _, h := range b.hari() {
		v := logHariView{Tanggal: h, ISO: string(h), Log: byDay[h], Dimuat: h == day}
		v.Href = base + "?tanggal=" + string(h) + "#isi-log"
		d.Hari = append(d.Hari, v)
	}
	if l, ok := byDay[day]; ok {
		dimuat = l
	} else if string(day)[:7] != b.Bulan {
		// The form's day (today) lies outside the month shown: read it
		// alone, so a logged day never shows as an empty form.
		err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
			l, ok, err := logHari(ctx, tx, f.ID, day)
			if ok {
				dimuat = &l
			}
			return err
		})
		if err != nil {
			return d, err
		}
	}
	d.Tercatat = dimuat != nil
	if d.Tercatat {
		d.Hapus = base + "/" + string(day) + "/hapus"
	}
	if form != nil {
		d.Form = *form
		return d, nil
	}
	v := url.Values{"tanggal": {string(day)}, "satuan": {LogSatuanKg}}
	if dimuat != nil {
		if dimuat.Beroperasi {
			v.Set("beroperasi", "ya")
		}
		for _, fl := range logFields {
			if g := *fl.out(dimuat); g > 0 {
				v.Set(fl.name, g.String())
			}
		}
		v.Set("catatan", dimuat.Catatan)
	} else {
		v.Set("beroperasi", "ya")
		if f.DensitasGramM3 > 0 {
			v.Set("satuan", LogSatuanM3)
		}
	}
	d.Form = web.NewForm("log", v)
	return d, nil
}

// logHari reads one day's log of a facility of the tenant desa.
func logHari(ctx context.Context, idb bun.IDB, fasilitasID string, day civil.Date) (Log, bool, error) {
	var l Log
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&l).Where("l.fasilitas_id = ?", fasilitasID).Where("l.tanggal = ?", day))
	if err != nil {
		return l, false, err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return l, false, nil
	} else if err != nil {
		return l, false, err
	}
	return l, true, nil
}

func (m *Module) logTitle(d logPage) string { return "Log harian " + d.Fasilitas.Nama }

// logFailed answers a page request that failed before any form: a month
// or a day not understood (400), a facility not found (404), else 500.
func (m *Module) logFailed(w http.ResponseWriter, r *http.Request, err error) {
	if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
		m.pages.Error(w, r, http.StatusBadRequest, fe.Message)
		return
	}
	m.pages.Fault(w, r, err)
}

func (m *Module) pageLog(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	bulan := q.Get("bulan")
	var day civil.Date
	if s := q.Get("tanggal"); s != "" {
		d, err := civil.ParseDate(s)
		if err != nil || m.hariIni(ctx).Before(d) {
			m.pages.Error(w, r, http.StatusBadRequest, "Tanggal tidak sah atau setelah hari ini.")
			return
		}
		day, bulan = d, string(d)[:7]
	}
	d, err := m.logData(ctx, r.PathValue("fasilitasId"), bulan, day, nil)
	if err != nil {
		m.logFailed(w, r, err)
		return
	}
	if s, err := civil.ParseDate(q.Get("tersimpan")); err == nil {
		d.Pesan = "Log " + s.String() + " tersimpan."
	} else if s, err := civil.ParseDate(q.Get("dihapus")); err == nil {
		d.Pesan = "Log " + s.String() + " dihapus."
	}
	m.pages.Render(w, r, http.StatusOK, "log", m.logTitle(d), d)
}

// logFormMax bounds the entry form's body.
const logFormMax = 16 << 10

func logBacaForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, logFormMax)
	return r.ParseForm()
}

// logIsianDariForm reads the entry form's amounts as typed ("12,5",
// "1.250") in its unit; an empty amount is 0.
func logIsianDariForm(v url.Values) (LogIsian, error) {
	in := LogIsian{Satuan: strings.TrimSpace(v.Get("satuan")), Beroperasi: v.Get("beroperasi") != "", Catatan: v.Get("catatan")}
	var p valid.Problems
	for _, fl := range logFields {
		s := strings.TrimSpace(v.Get(fl.name))
		if s == "" {
			continue
		}
		n, err := valid.ParseMilli(fl.name, fl.label, s, 9)
		if err != nil {
			p.Include(fl.name, err)
			continue
		}
		*fl.in(&in) = n
	}
	return in, p.Err()
}

func (m *Module) postLog(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := logBacaForm(w, r); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return
	}
	id := r.PathValue("fasilitasId")
	tanggal := strings.TrimSpace(r.PostForm.Get("tanggal"))
	in, err := logIsianDariForm(r.PostForm)
	var l Log
	if err == nil {
		l, err = m.SimpanLog(ctx, id, tanggal, in)
	}
	if err == nil {
		next := url.Values{"bulan": {string(l.Tanggal)[:7]}, "tersimpan": {string(l.Tanggal)}}
		http.Redirect(w, r, m.logBase(ctx, id)+"?"+next.Encode()+"#hari-"+string(l.Tanggal), http.StatusSeeOther)
		return
	}
	// The page shows the month of the day typed, when it is one it can.
	day, bulan := civil.Date(""), ""
	if d, perr := civil.ParseDate(tanggal); perr == nil && !m.hariIni(ctx).Before(d) && d.Year() >= logTahunMin {
		day, bulan = d, string(d)[:7]
	}
	web.Refill(m.pages, w, r, err, web.NewForm("log", r.PostForm), "log", "Log harian TPS3R",
		func() (logPage, error) {
			f := web.NewForm("log", r.PostForm)
			d, err := m.logData(ctx, id, bulan, day, &f)
			if err != nil && bulan != "" {
				// before the facility's first month: show the current one
				d, err = m.logData(ctx, id, "", "", &f)
			}
			return d, err
		},
		func(d *logPage, f web.Form) { d.Form = f })
}

func (m *Module) postHapusLog(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, tanggal := r.PathValue("fasilitasId"), r.PathValue("tanggal")
	if err := m.HapusLog(ctx, id, tanggal); err != nil {
		m.logFailed(w, r, err)
		return
	}
	next := url.Values{"bulan": {tanggal[:7]}, "dihapus": {tanggal}}
	http.Redirect(w, r, m.logBase(ctx, id)+"?"+next.Encode(), http.StatusSeeOther)
}
