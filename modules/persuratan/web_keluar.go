package persuratan

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The surat dinas form: a letter drafted outside ngantor (an undangan, a
// laporan, a pemberitahuan) gets its number here. The kode klasifikasi is
// picked, not typed from memory: the field offers every code valid today
// as a <datalist> (code and uraian, so typing "rapat" narrows it in the
// browser), and without script or datalist the "Cari kode" button asks
// the server, which lists the codes whose code or uraian hold every word
// typed, as choices. A word that names exactly one code is taken as that
// code; an unknown code is the field's error.

type klasifikasiPilihan struct {
	Kode, Uraian string
	Dipilih      bool
}

// klasifikasiPicker is what the klasifikasi field of a form shows.
type klasifikasiPicker struct {
	Cari string
	// Daftar is every code valid today (the datalist); Cocok the codes
	// that match what was typed, when a search was asked or needed.
	Daftar []klasifikasiPilihan
	Cocok  []klasifikasiPilihan
	// Dicari says a search ran, so an empty Cocok means "nothing matches".
	Dicari bool
}

// picker builds the field's lists: cari is what was searched for, kode
// the code the field now holds (checked in the choice list).
func (m *Module) picker(ctx context.Context, desa tenancy.Kode, cari, kode string, dicari bool, cocok []Klasifikasi) (klasifikasiPicker, error) {
	semua, err := m.cariKlasifikasi(ctx, desa, "")
	if err != nil {
		return klasifikasiPicker{}, err
	}
	p := klasifikasiPicker{Cari: strings.TrimSpace(cari), Dicari: dicari}
	for _, k := range semua {
		p.Daftar = append(p.Daftar, klasifikasiPilihan{Kode: k.Kode, Uraian: k.Uraian})
	}
	for _, k := range cocok {
		p.Cocok = append(p.Cocok, klasifikasiPilihan{Kode: k.Kode, Uraian: k.Uraian, Dipilih: k.Kode == strings.TrimSpace(kode)})
	}
	return p, nil
}

// klasifikasiTyped is the klasifikasi field of a form: a choice from the
// search list names the code, unless a code was typed over the words
// since.
func klasifikasiTyped(v url.Values) string {
	typed := v.Get("klasifikasi")
	head, _, _ := strings.Cut(strings.TrimSpace(typed), " ")
	if p := strings.TrimSpace(v.Get("klasifikasi_pilih")); p != "" && !validKodeKlasifikasi(head) {
		return p
	}
	return typed
}

type keluarBaruPage struct {
	klasifikasiPicker
	Desa   desaView
	Jenis  []JenisDinas
	Form   web.Form
	Hari   string
	Action string
}

// keluarFormOf is the surat dinas form holding values; the klasifikasi
// field holds the code a choice named.
func keluarFormOf(v url.Values) web.Form {
	v.Set("klasifikasi", klasifikasiTyped(v))
	return web.NewForm("", v)
}

// suratDinasOf is what the form asks CreateKeluar for, its klasifikasi
// still to be read (pilihKlasifikasi).
func suratDinasOf(f web.Form) SuratKeluarBaru {
	return SuratKeluarBaru{Jenis: strings.TrimSpace(f.Get("jenis")), Tanggal: Tanggal(strings.TrimSpace(f.Get("tanggal"))),
		Tujuan: f.Get("tujuan"), Perihal: f.Get("perihal")}
}

// pageKeluarBaru shows the form; with cari=1 (the "Cari kode" button, a
// GET of the whole form) it keeps what was typed and lists the codes that
// match the klasifikasi field.
func (m *Module) pageKeluarBaru(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := keluarFormOf(url.Values{})
	if q.Get("cari") == "1" {
		f = keluarFormOf(q)
	}
	if _, ok := findJenisDinas(f.Get("jenis")); !ok {
		f.Values.Set("jenis", "undangan")
	}
	var cocok []Klasifikasi
	cari := q.Get("cari") == "1"
	dicari := f.Get("klasifikasi")
	if cari {
		kode, list, err := m.pilihKlasifikasi(ctx, tenancy.Kode(d.Kode), dicari)
		if err != nil && !fault.Is(err, fault.Invalid) {
			m.pageError(rw, r, err)
			return
		}
		cocok = list
		if kode != "" {
			f.Values.Set("klasifikasi", kode)
		}
	}
	m.renderKeluarBaru(rw, r, http.StatusOK, d, f, cari, dicari, cocok)
}

func (m *Module) renderKeluarBaru(rw http.ResponseWriter, r *http.Request, status int, d desaView, f web.Form, dicari bool, cari string, cocok []Klasifikasi) {
	ctx := r.Context()
	desa := tenancy.Kode(d.Kode)
	p, err := m.picker(ctx, desa, cari, f.Get("klasifikasi"), dicari, cocok)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	data := keluarBaruPage{klasifikasiPicker: p, Desa: d, Jenis: JenisDinasList(), Form: f, Hari: string(m.today(desa)),
		Action: d.Base + "/keluar"}
	m.pages.Render(rw, r, status, "surat_keluar_baru", "Beri Nomor Surat Dinas", data)
}

// pageKeluarCreate numbers the letter through the same CreateKeluar the
// API uses and opens it.
func (m *Module) pageKeluarCreate(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	f := keluarFormOf(r.PostForm)
	in := suratDinasOf(f)
	typed := f.Get("klasifikasi")
	kode, cocok, err := m.pilihKlasifikasi(ctx, tenancy.Kode(d.Kode), typed)
	if err != nil {
		if !fault.Is(err, fault.Invalid) {
			m.pageError(rw, r, err)
			return
		}
		// The other fields are checked too, so one round shows every
		// mistake; a stand-in code keeps the klasifikasi message single.
		f.Fail(err)
		check := in
		check.Klasifikasi = "000"
		f.Fail(check.Validate(m.today(tenancy.Kode(d.Kode))))
		m.renderKeluarBaru(rw, r, http.StatusUnprocessableEntity, d, f, true, typed, cocok)
		return
	}
	in.Klasifikasi = kode
	u, _ := auth.UserFrom(ctx)
	s, err := m.CreateKeluar(ctx, in, u.ID)
	if err != nil {
		status, ok := m.pages.Failed(rw, r, err, &f)
		if ok {
			m.renderKeluarBaru(rw, r, status, d, f, false, "", nil)
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/keluar/"+s.ID+"?baru=1", http.StatusSeeOther)
}

// pilihKlasifikasi reads the klasifikasi field: a code ("000.1.5", or an
// option as "000.1.5 — Rapat Pimpinan") is passed on for the service to
// check; words are looked up, and name a code only when exactly one
// matches. Otherwise the error (fault.Invalid) says so and cocok holds the
// candidates to choose from.
func (m *Module) pilihKlasifikasi(ctx context.Context, desa tenancy.Kode, text string) (kode string, cocok []Klasifikasi, err error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil, nil
	}
	if head, _, _ := strings.Cut(text, " "); validKodeKlasifikasi(head) {
		return head, nil, nil
	}
	cocok, err = m.cariKlasifikasi(ctx, desa, text)
	if err != nil {
		return "", nil, err
	}
	switch len(cocok) {
	case 0:
		return "", nil, fault.Field("body.klasifikasi", "tidak ada kode klasifikasi yang cocok dengan “%s”; coba kata lain atau ketik kodenya", text)
	case 1:
		return cocok[0].Kode, cocok, nil
	}
	return "", cocok, fault.Field("body.klasifikasi", "ada %d kode klasifikasi yang cocok dengan “%s”; pilih salah satu di bawah", len(cocok), text)
}

// cariKlasifikasi lists the codes valid today at desa whose code or uraian
// hold every word of q (all of them for ""), one per code: a code the
// kabupaten redefined shows its own uraian.
func (m *Module) cariKlasifikasi(ctx context.Context, desa tenancy.Kode, q string) ([]Klasifikasi, error) {
	var out []Klasifikasi
	params := page.Params{Limit: page.MaxLimit}
	for {
		p, err := m.ListKlasifikasi(ctx, desa, KlasifikasiQuery{Params: params, Q: q, Berlaku: m.today(desa)})
		if err != nil {
			return nil, err
		}
		for _, k := range p.Items {
			if n := len(out); n > 0 && out[n-1].Kode == k.Kode {
				if k.WilayahKode != "" {
					out[n-1] = k
				}
				continue
			}
			out = append(out, k)
		}
		if p.NextCursor == "" || len(out) >= 1000 {
			return out, nil
		}
		params.Cursor = p.NextCursor
	}
}
