package sampah

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the journal: the fast entry at the scale, the receipt, the
// penarikan and penjualan forms and the journal with its koreksi forms.

func (m *Module) routesEntriWeb(mux *http.ServeMux) {
	const base = "/desa/{kode}/sampah/"
	m.web.HandleDesa(mux, "GET "+base+"setoran", PermEntri, m.pageSetoran)
	m.web.HandleDesa(mux, "POST "+base+"setoran", PermEntri, m.postSetoran)
	m.web.HandleDesa(mux, "GET "+base+"penarikan", PermEntri, m.pagePenarikan)
	m.web.HandleDesa(mux, "POST "+base+"penarikan", PermEntri, m.postPenarikan)
	m.web.HandleDesa(mux, "GET "+base+"penjualan", PermEntri, m.pagePenjualan)
	m.web.HandleDesa(mux, "POST "+base+"penjualan", PermEntri, m.postPenjualan)
	m.web.HandleDesa(mux, "GET "+base+"jurnal", PermNasabah, m.pageJurnal)
	m.web.HandleDesa(mux, "GET "+base+"entri/{id}", PermNasabah, m.pageStruk)
	m.web.HandleDesa(mux, "GET "+base+"entri/{id}/pdf", PermNasabah, m.unduhStruk)
	m.web.HandleDesa(mux, "POST "+base+"entri/{id}/koreksi", PermEntri, m.postKoreksi)
}

// maxFormEntri bounds an entry form's body (30 jenis and a few fields).
const maxFormEntri = 32 << 10

func (m *Module) bacaFormEntri(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormEntri)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

// setoranNasabah is a search result: a big button.
type setoranNasabah struct {
	Nasabah
	Href string
}

// setoranJenis is one input of the fast entry.
type setoranJenis struct {
	ID, Nama, Satuan, Harga string
	Field                   string
	AdaHarga                bool
	Biasa                   bool // the nasabah brought it in the last year: listed first
}

// setoranUnit is a bank sampah to pick.
type setoranUnit struct {
	ID, Nama, Href string
	Dipilih        bool
}

// setoranPage is the data of the fast entry (and of the penarikan form,
// which shares its unit and nasabah pickers).
type setoranPage struct {
	Desa      desaView
	Nav       []navTab
	Action    string // the page's own path
	Unit      []setoranUnit
	Fasilitas Fasilitas
	Cari      string
	Dicari    bool
	Hasil     []setoranNasabah
	Nasabah   *Nasabah
	// NasabahHref is helper pages' nasabah page, when it is served.
	NasabahHref string
	Saldo       string
	Jenis       []setoranJenis
	Hari, Min   string
	Form        web.Form
	Pesan       string
}

// setoranData reads the page's state: the unit chosen (the only one, or
// ?fasilitas=, or the preselected nasabah's), the search results, the
// nasabah and its saldo, and the active jenis with today's prices.
func (m *Module) setoranData(ctx context.Context, action string, q url.Values, f web.Form) (setoranPage, error) {
	t, _ := tenancy.From(ctx)
	d := setoranPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabSetoran), Action: action, Form: f}
	today := m.hariIni(ctx)
	d.Hari, d.Min = string(today), strconv.Itoa(today.Year()-1)+"-01-01"
	if d.Form.Get("tanggal") == "" {
		d.Form.Values.Set("tanggal", d.Hari)
	}
	if d.Form.Get("id") == "" {
		d.Form.Values.Set("id", newID())
	}
	nasabahID := q.Get("nasabah")
	if v := f.Get("nasabah_id"); v != "" {
		nasabahID = v
	}
	fasilitasID := q.Get("fasilitas")
	if v := f.Get("fasilitas_id"); v != "" {
		fasilitasID = v
	}
	d.Cari = strings.TrimSpace(q.Get("q"))
	if len([]rune(d.Cari)) > 60 {
		d.Cari = string([]rune(d.Cari)[:60])
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if nasabahID != "" && cekID(nasabahID, "Nasabah") == nil {
			n, err := GetNasabah(ctx, tx, nasabahID)
			if err != nil && !fault.Is(err, fault.NotFound) {
				return err
			}
			if err == nil {
				d.Nasabah, fasilitasID = &n, n.FasilitasID
				s, err := Saldo(ctx, tx, n.ID, "")
				if err != nil {
					return err
				}
				d.Saldo = valid.Angka(s)
				if href := d.Desa.Base + TabNasabah + "/" + n.ID; m.served(href) {
					d.NasabahHref = href
				}
			}
		}
		fs, err := ListFasilitas(ctx, tx, FasilitasBankSampah)
		if err != nil {
			return err
		}
		for _, u := range fs {
			if u.Status != "aktif" {
				continue
			}
			su := setoranUnit{ID: u.ID, Nama: u.Nama, Href: action + "?fasilitas=" + u.ID, Dipilih: u.ID == fasilitasID}
			if su.Dipilih {
				d.Fasilitas = u
			}
			d.Unit = append(d.Unit, su)
		}
		if len(d.Unit) == 1 && d.Fasilitas.ID == "" {
			for _, u := range fs {
				if u.ID == d.Unit[0].ID {
					d.Fasilitas = u
				}
			}
			d.Unit[0].Dipilih = true
		}
		if len(d.Unit) == 0 {
			d.Pesan = "Belum ada bank sampah aktif di desa ini."
			return nil
		}
		if d.Fasilitas.ID == "" {
			return nil
		}
		if d.Nasabah != nil && d.Nasabah.FasilitasID != d.Fasilitas.ID {
			d.Nasabah = nil
		}
		if d.Nasabah == nil && q.Has("q") {
			d.Dicari = true
			ns, err := CariNasabah(ctx, tx, d.Fasilitas.ID, d.Cari, 20)
			if err != nil {
				return err
			}
			for _, n := range ns {
				d.Hasil = append(d.Hasil, setoranNasabah{Nasabah: n, Href: action + "?nasabah=" + n.ID})
			}
		}
		js, err := ListJenis(ctx, tx, d.Fasilitas.ID, true)
		if err != nil {
			return err
		}
		ids := make([]string, len(js))
		for i, j := range js {
			ids[i] = j.ID
		}
		tgl := today
		if v, err := civil.ParseDate(f.Get("tanggal")); err == nil {
			tgl = v
		}
		harga, err := HargaBerlaku(ctx, tx, ids, tgl)
		if err != nil {
			return err
		}
		var biasa map[string]int
		if d.Nasabah != nil {
			if biasa, err = jenisBiasa(ctx, tx, d.Nasabah.ID, today); err != nil {
				return err
			}
		}
		for _, j := range js {
			sj := setoranJenis{ID: j.ID, Nama: j.Nama, Satuan: j.Satuan, Field: "berat_" + j.ID, Biasa: biasa[j.ID] > 0}
			if h, ok := harga[j.ID]; ok {
				sj.Harga, sj.AdaHarga = valid.Angka(h), true
			}
			d.Jenis = append(d.Jenis, sj)
		}
		// At the scale the jenis the nasabah usually brings come first, most
		// often brought on top; the rest keep the unit's order.
		slices.SortStableFunc(d.Jenis, func(a, b setoranJenis) int { return cmp.Compare(biasa[b.ID], biasa[a.ID]) })
		return nil
	})
	return d, err
}

// jenisBiasa counts, per jenis, the setoran of nasabah in the year up to
// today that carried it (reversed ones not counted).
func jenisBiasa(ctx context.Context, tx bun.Tx, nasabahID string, today civil.Date) (map[string]int, error) {
	var rows []struct {
		JenisID string `bun:"jenis_id"`
		N       int    `bun:"n"`
	}
	q := tx.NewSelect().TableExpr("sampah_entri AS e").
		Join("JOIN sampah_entri_rinci AS r ON r.desa_id = e.desa_id AND r.entri_id = e.id").
		ColumnExpr("CAST(r.jenis_id AS TEXT) AS jenis_id, count(*) AS n").
		Where("e.nasabah_id = ?", nasabahID).Where("e.jenis = ?", EntriSetoran).
		Where("e.tanggal > ?", today.AddDate(-1, 0, 0)).Where(notReversed).
		GroupExpr("r.jenis_id")
	q, err := tenancy.ScopeColumn(ctx, q, "e.desa_id")
	if err != nil {
		return nil, err
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.JenisID] = r.N
	}
	return out, nil
}

// beratBernama puts the jenis's name before each message of a weight field
// (berat_<jenis id>), so the summary at the top of a long form says which
// weight is wrong: "Kardus: Jumlah harus berupa angka …".
func beratBernama(err error, jenis []setoranJenis) error {
	f, ok := fault.As(err)
	if !ok || f.Code != fault.Invalid {
		return err
	}
	nama := map[string]string{}
	for _, j := range jenis {
		nama[j.Field] = j.Nama
	}
	list := f.Fields
	if len(list) == 0 {
		list = []*fault.Error{f}
	}
	out := make([]*fault.Error, 0, len(list))
	for _, e := range list {
		c := *e
		if n, ok := nama[c.Field]; ok && !strings.HasPrefix(c.Message, n+": ") {
			c.Message = n + ": " + c.Message
		}
		out = append(out, &c)
	}
	return fault.Invalids(out)
}

func (m *Module) pageSetoran(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := m.setoranData(ctx, r.URL.Path, r.URL.Query(), web.NewForm("setoran", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "setoran", "Setoran bank sampah", d)
}

// setoranDariForm reads the fast entry: one weight per jenis, empty ones
// skipped; the jenis of each line is returned to name its field.
func setoranDariForm(v url.Values) (SetoranBaru, []string, error) {
	in := SetoranBaru{ID: strings.TrimSpace(v.Get("id")), FasilitasID: v.Get("fasilitas_id"), NasabahID: v.Get("nasabah_id"),
		Tanggal: civil.Date(strings.TrimSpace(v.Get("tanggal")))}
	var p valid.Problems
	var order []string
	keys := make([]string, 0, len(v))
	for k := range v {
		if strings.HasPrefix(k, "berat_") {
			keys = append(keys, k)
		}
	}
	if len(keys) > MaxRinci {
		p.Add("rinci", "Paling banyak %d jenis sampah per setoran.", MaxRinci)
		return in, nil, p.Err()
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := strings.TrimSpace(v.Get(k))
		if s == "" {
			continue
		}
		t, err := ParseTakaran(k, s)
		if err != nil {
			p.Include(k, err)
			continue
		}
		if t == 0 {
			continue
		}
		id := strings.TrimPrefix(k, "berat_")
		in.Rinci = append(in.Rinci, RinciBaru{JenisID: id, Jumlah: t})
		order = append(order, k)
	}
	return in, order, p.Err()
}

// rinciKeField renames the store's line fields ("rinci[2].jumlah_milli")
// to the form's input of that line (fields[2]); "rinci" itself stays.
func rinciKeField(err error, fields []string) error {
	f, ok := fault.As(err)
	if !ok || f.Code != fault.Invalid {
		return err
	}
	list := f.Fields
	if len(list) == 0 {
		list = []*fault.Error{f}
	}
	out := make([]*fault.Error, 0, len(list))
	for _, e := range list {
		c := *e
		if rest, ok := strings.CutPrefix(c.Field, "rinci["); ok {
			if i, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)]); err == nil && i >= 0 && i < len(fields) {
				c.Field = fields[i]
				if strings.HasSuffix(rest, ".harga") {
					c.Field = "harga_" + strings.TrimPrefix(fields[i], "jumlah_")
				}
			}
		}
		out = append(out, &c)
	}
	return fault.Invalids(out)
}

func (m *Module) postSetoran(w http.ResponseWriter, r *http.Request) {
	if !m.bacaFormEntri(w, r) {
		return
	}
	ctx := r.Context()
	in, fields, err := setoranDariForm(r.PostForm)
	var e EntriDetail
	if err == nil {
		e, err = m.CatatSetoran(ctx, in)
		err = rinciKeField(err, fields)
	}
	if err == nil {
		http.Redirect(w, r, m.desaView(ctx).Base+"/entri/"+e.ID, http.StatusSeeOther)
		return
	}
	q := url.Values{"nasabah": {in.NasabahID}, "fasilitas": {in.FasilitasID}}
	// The page is read first, for the jenis names the messages carry.
	d, derr := m.setoranData(ctx, r.URL.Path, q, web.NewForm("setoran", r.PostForm))
	if derr == nil {
		err = beratBernama(err, d.Jenis)
	}
	web.Refill(m.pages, w, r, err, web.NewForm("setoran", r.PostForm), "setoran", "Setoran bank sampah",
		func() (setoranPage, error) { return d, derr },
		func(d *setoranPage, f web.Form) { d.Form = f })
}

func (m *Module) pagePenarikan(w http.ResponseWriter, r *http.Request) {
	d, err := m.setoranData(r.Context(), r.URL.Path, r.URL.Query(), web.NewForm("penarikan", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "penarikan", "Penarikan saldo nasabah", d)
}

func (m *Module) postPenarikan(w http.ResponseWriter, r *http.Request) {
	if !m.bacaFormEntri(w, r) {
		return
	}
	ctx := r.Context()
	v := r.PostForm
	in := PenarikanBaru{ID: strings.TrimSpace(v.Get("id")), NasabahID: v.Get("nasabah_id"), Tanggal: civil.Date(strings.TrimSpace(v.Get("tanggal"))),
		Catatan: v.Get("catatan")}
	var err error
	if in.Jumlah, err = bacaRupiah("jumlah", v.Get("jumlah")); err == nil {
		var e EntriDetail
		if e, err = m.CatatPenarikan(ctx, in); err == nil {
			http.Redirect(w, r, m.desaView(ctx).Base+"/entri/"+e.ID, http.StatusSeeOther)
			return
		}
	}
	q := url.Values{"nasabah": {in.NasabahID}}
	web.Refill(m.pages, w, r, err, web.NewForm("penarikan", v), "penarikan", "Penarikan saldo nasabah",
		func() (setoranPage, error) { return m.setoranData(ctx, r.URL.Path, q, web.NewForm("penarikan", v)) },
		func(d *setoranPage, f web.Form) { d.Form = f })
}

// bacaRupiah reads whole rupiah as typed: "25000", "25.000", "Rp25.000".
func bacaRupiah(field, s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "Rp"))
	s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), " ", "")
	if s == "" {
		return 0, fault.Field(field, "Jumlah wajib diisi.")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || len(s) > 12 {
		return 0, fault.Field(field, "Jumlah harus rupiah bulat, misalnya 25.000.")
	}
	return n, nil
}
