package administration

import (
	"net/http"
	"net/url"

	"github.com/google/uuid"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The lembaga page: every lembaga with its members, and (for a role that
// writes lembaga) the forms to add and correct a lembaga, seat, correct and
// end a member. A form that fails opens again where it was, with its
// messages inside it and what was typed.

type anggotaView struct {
	Anggota
	// Menjabat: holds the seat today (Anggota.Menjabat); a member whose term
	// has run out is listed, marked, until the end is recorded.
	Menjabat bool
	// F is the edit form: the stored values, or what was typed with its
	// messages when that form was refused.
	F web.Form
}

type lembagaView struct {
	Lembaga
	Label   string
	Anggota []anggotaView
	Riwayat []Anggota
	F       web.Form
}

type lembagaData struct {
	Nav        navDesa
	Base       string
	Pesan      string
	Lembaga    []lembagaView
	Peringatan []Peringatan
	BisaTulis  bool
	Jenis      []pilihan
	// Form is the form that was refused, as typed with its messages:
	// "lembaga" (new), "ubah-<id>", "tambah-<id>", "anggota-<id>" or
	// "berhenti-<id>"; the template picks it with For.
	Form  web.Form
	Kursi int
}

// Isi is the page's contents list: each lembaga, then the add form for
// those who may add (see web.ContentsOf).
func (d lembagaData) Isi() []string {
	var pairs []string
	for _, l := range d.Lembaga {
		pairs = append(pairs, "lembaga-"+l.ID.String(), l.Nama)
	}
	if d.BisaTulis {
		pairs = append(pairs, "tambah-lembaga", "Tambah lembaga")
	}
	return pairs
}

var jenisList = []JenisLembaga{BPD, LPM, PKK, KarangTaruna, Posyandu, RT, RW, BanjarAdat, Lainnya}

func lembagaForm(l Lembaga) web.Form {
	return web.NewForm("ubah-"+l.ID.String(), url.Values{"jenis": {string(l.Jenis)}, "nama": {l.Nama},
		"sk_nomor": {l.SKNomor}, "sk_tanggal": {string(l.SKTanggal)}})
}

func anggotaForm(a Anggota) web.Form {
	return web.NewForm("anggota-"+a.ID.String(), url.Values{"nama": {a.Nama}, "jabatan": {a.Jabatan}, "sk_nomor": {a.SKNomor},
		"sk_tanggal": {string(a.SKTanggal)}, "mulai": {string(a.Mulai)}, "selesai": {string(a.Selesai)}})
}

func (m *Module) lembagaData(r *http.Request, pc pageCtx) (lembagaData, error) {
	d := lembagaData{Nav: m.nav(r.Context(), pc, navLembaga), Base: base(pc), Pesan: flash(r),
		BisaTulis: pc.can(r.Context(), PermLembagaWrite), Form: web.NewForm("", nil), Kursi: maxAnggotaBPD}
	for _, j := range jenisList {
		d.Jenis = append(d.Jenis, pilihan{string(j), j.Label()})
	}
	today := m.today(pc.Kode)
	params := page.Params{Limit: page.MaxLimit}
	for {
		ls, err := m.ListLembaga(r.Context(), params)
		if err != nil {
			return d, err
		}
		for _, l := range ls.Items {
			v := lembagaView{Lembaga: l, Label: l.Jenis.Label(), F: lembagaForm(l)}
			as, err := m.ListAnggota(r.Context(), l.ID, AnggotaQuery{Params: page.Params{Limit: page.MaxLimit}})
			if err != nil {
				return d, err
			}
			for _, a := range as.Items {
				v.Anggota = append(v.Anggota, anggotaView{Anggota: a, Menjabat: a.Menjabat(today), F: anggotaForm(a)})
			}
			hist, err := m.ListAnggota(r.Context(), l.ID, AnggotaQuery{Params: page.Params{Limit: page.MaxLimit}, Status: "berhenti"})
			if err != nil {
				return d, err
			}
			v.Riwayat = hist.Items
			d.Lembaga = append(d.Lembaga, v)
		}
		if ls.NextCursor == "" {
			break
		}
		params.Cursor = ls.NextCursor
	}
	if pc.can(r.Context(), PermMasaJabatanRead) {
		p, err := m.ListPeringatan(r.Context(), page.Params{Limit: page.MaxLimit})
		if err != nil {
			return d, err
		}
		for _, f := range p.Items {
			if f.Sumber == "lembaga" {
				d.Peringatan = append(d.Peringatan, f)
			}
		}
	}
	return d, nil
}

func (m *Module) pageLembaga(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d, err := m.lembagaData(r, pc)
	if err != nil {
		m.serverError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "lembaga", "BPD dan lembaga desa", d)
}

// lembagaFailed shows the lembaga page again with the failed form open,
// its messages inside it and what was typed in it.
func (m *Module) lembagaFailed(w http.ResponseWriter, r *http.Request, pc pageCtx, err error, gagal string) {
	web.Refill(m.pages, w, r, err, web.NewForm(gagal, r.PostForm), "lembaga", "BPD dan lembaga desa",
		func() (lembagaData, error) { return m.lembagaData(r, pc) },
		func(d *lembagaData, f web.Form) {
			d.Form = f
			for i := range d.Lembaga {
				l := &d.Lembaga[i]
				if l.F.Name == gagal {
					l.F = f
				}
				for j := range l.Anggota {
					if l.Anggota[j].F.Name == gagal {
						l.Anggota[j].F = f
					}
				}
			}
		})
}

func lembagaInput(p *valid.Problems, f url.Values) LembagaInput {
	return LembagaInput{Jenis: JenisLembaga(f.Get("jenis")), Nama: f.Get("nama"), SKNomor: f.Get("sk_nomor"),
		SKTanggal: formTanggal(p, f, "body.sk_tanggal", "Tanggal SK pembentukan")}
}

func anggotaInput(p *valid.Problems, f url.Values) AnggotaInput {
	return AnggotaInput{Nama: f.Get("nama"), Jabatan: f.Get("jabatan"), SKNomor: f.Get("sk_nomor"),
		SKTanggal: formTanggal(p, f, "body.sk_tanggal", "Tanggal SK"),
		Mulai:     formTanggal(p, f, "body.mulai", "Tanggal mulai"),
		Selesai:   formTanggal(p, f, "body.selesai", "Akhir masa jabatan")}
}

// lembagaPost runs one form of the lembaga page: act reads and saves it;
// a refusal shows the page again with form (the name its template gives
// that form) filled in as typed, success goes back to the page with pesan.
func (m *Module) lembagaPost(w http.ResponseWriter, r *http.Request, pc pageCtx, form, pesan string, act func(f url.Values) error) {
	if !m.parseForm(w, r) {
		return
	}
	if err := act(r.PostForm); err != nil {
		m.lembagaFailed(w, r, pc, err, form)
		return
	}
	redirect(w, r, base(pc)+"/lembaga", pesan)
}

// lembagaFromForm reads and checks the lembaga form.
func (m *Module) lembagaFromForm(pc pageCtx, f url.Values) (LembagaInput, error) {
	var p valid.Problems
	in := lembagaInput(&p, f)
	return in, formErr(&p, in.Validate(m.today(pc.Kode)))
}

// anggotaFromForm reads and checks a member form of lembaga id, by the
// rules of its kind.
func (m *Module) anggotaFromForm(r *http.Request, pc pageCtx, id uuid.UUID, f url.Values) (AnggotaInput, error) {
	l, err := m.GetLembaga(r.Context(), id)
	if err != nil {
		return AnggotaInput{}, err
	}
	var p valid.Problems
	in := anggotaInput(&p, f)
	return in, formErr(&p, in.Validate(l.Jenis, m.today(pc.Kode)))
}

// anggotaIDs are the lembaga and member of a member path.
func anggotaIDs(r *http.Request) (uuid.UUID, uuid.UUID, error) {
	return AnggotaPath{ItemPath: ItemPath{ID: r.PathValue("id")}, AnggotaID: r.PathValue("anggota_id")}.ids()
}

func (m *Module) pageAddLembaga(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	m.lembagaPost(w, r, pc, "lembaga", pesanLembaga, func(f url.Values) error {
		in, err := m.lembagaFromForm(pc, f)
		if err == nil {
			_, err = m.CreateLembaga(r.Context(), in)
		}
		return err
	})
}

func (m *Module) pageUpdateLembaga(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	m.lembagaPost(w, r, pc, "ubah-"+r.PathValue("id"), pesanLembaga, func(f url.Values) error {
		id, err := ParseID(r.PathValue("id"), "Lembaga")
		if err != nil {
			return err
		}
		in, err := m.lembagaFromForm(pc, f)
		if err == nil {
			_, err = m.UpdateLembaga(r.Context(), id, in)
		}
		return err
	})
}

func (m *Module) pageAddAnggota(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	m.lembagaPost(w, r, pc, "tambah-"+r.PathValue("id"), pesanAnggota, func(f url.Values) error {
		id, err := ParseID(r.PathValue("id"), "Lembaga")
		if err != nil {
			return err
		}
		in, err := m.anggotaFromForm(r, pc, id, f)
		if err == nil {
			_, err = m.AddAnggota(r.Context(), id, in)
		}
		return err
	})
}

func (m *Module) pageUpdateAnggota(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	m.lembagaPost(w, r, pc, "anggota-"+r.PathValue("anggota_id"), pesanAnggota, func(f url.Values) error {
		id, aid, err := anggotaIDs(r)
		if err != nil {
			return err
		}
		in, err := m.anggotaFromForm(r, pc, id, f)
		if err == nil {
			_, err = m.UpdateAnggota(r.Context(), id, aid, in)
		}
		return err
	})
}

func (m *Module) pageEndAnggota(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	m.lembagaPost(w, r, pc, "berhenti-"+r.PathValue("anggota_id"), pesanAnggotaBerhenti, func(f url.Values) error {
		id, aid, err := anggotaIDs(r)
		if err != nil {
			return err
		}
		var p valid.Problems
		b := Berhenti{Tanggal: formTanggal(&p, f, "body.tanggal", "Tanggal berhenti"), Alasan: f.Get("alasan")}
		if err := formErr(&p, b.Validate(m.today(pc.Kode))); err != nil {
			return err
		}
		_, err = m.EndAnggota(r.Context(), id, aid, b)
		return err
	})
}
