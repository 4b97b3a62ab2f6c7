package administration

import (
	"context"
	"net/http"
	"net/url"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The page of one appointment: everything the buku aparat records of it
// (SK of appointment and of dismissal), the form that ends it (an end date
// ahead keeps the person in post until then) and, for the roles that link
// accounts, the account it is linked to.

type rinciData struct {
	Nav   navDesa
	Base  string
	Pesan string
	P     Perangkat
	// Aktif: in post today; Berhenti: an end is recorded.
	Aktif    bool
	Berhenti bool
	// Terakhir is the last day in post of an end recorded ahead.
	Terakhir Tanggal
	// BisaTulis may end the post; a post linked to an account also needs
	// BisaAkun, which links and unlinks accounts.
	BisaTulis bool
	BisaAkun  bool
	Akun      []Akun
	// AkunNama is the linked account's name and email, "" when unknown.
	AkunNama string
	// FormBerhenti is the end form: the recorded end (if any), or as typed
	// with its messages when it was refused; FormAkun the link form.
	FormBerhenti web.Form
	FormAkun     web.Form
	// AdaPelatihan: the training history is wired; Pelatihan is it,
	// newest first.
	AdaPelatihan bool
	Pelatihan    []RiwayatPelatihan
}

func (m *Module) rinciData(r *http.Request, pc pageCtx) (rinciData, error) {
	d := rinciData{Base: base(pc), Pesan: flash(r),
		BisaTulis: pc.can(r.Context(), PermPerangkatWrite), BisaAkun: pc.can(r.Context(), PermPerangkatAkun)}
	id, err := ParseID(r.PathValue("id"), "Jabatan perangkat")
	if err != nil {
		return d, err
	}
	var nama string
	err = m.db.Tx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
		var err error
		if nama, err = namaDesaTx(ctx, tx); err != nil {
			return err
		}
		d.P, err = m.findPerangkatWithSebutan(ctx, tx, id)
		return err
	})
	if err != nil {
		return d, err
	}
	d.Nav = navWith(r.Context(), pc, navPerangkat, nama)
	d.FormBerhenti = web.NewForm("berhenti", url.Values{"tanggal": {string(d.P.TanggalBerhenti)},
		"alasan": {d.P.AlasanBerhenti}, "sk_nomor": {d.P.SKBerhentiNomor}, "sk_tanggal": {string(d.P.SKBerhentiTanggal)}})
	d.FormAkun = web.NewForm("akun", url.Values{"user_id": {d.P.UserID}})
	d.Aktif, d.Berhenti = d.P.ActiveOn(m.today(pc.Kode)), !d.P.TanggalBerhenti.IsZero()
	if d.Aktif && d.Berhenti {
		d.Terakhir = d.P.TanggalBerhenti.AddDate(0, 0, -1)
	}
	if d.BisaAkun && m.akun != nil {
		if d.Akun, err = m.akun.AccountsAt(r.Context(), pc.Kode); err != nil {
			return d, err
		}
	}
	for _, a := range d.Akun {
		if a.ID == d.P.UserID {
			d.AkunNama = a.Nama + " (" + a.Email + ")"
		}
	}
	if m.pelatihan != nil {
		// The history is another module's: when it cannot be read the
		// appointment's page still shows, without the section.
		ps, err := m.pelatihan.Riwayat(r.Context(), pc.Kode, d.P.ID.String())
		if err != nil {
			m.log.WarnContext(r.Context(), "riwayat pembinaan tidak terbaca", "err", err)
		} else {
			d.AdaPelatihan, d.Pelatihan = true, ps
		}
	}
	return d, nil
}

func (m *Module) pageRinci(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	d, err := m.rinciData(r, pc)
	if err != nil {
		form := web.NewForm("", nil)
		if _, ok := m.pages.Failed(w, r, err, &form); ok {
			m.serverError(w, r, err)
		}
		return
	}
	m.pages.Render(w, r, http.StatusOK, "perangkat_rinci", d.P.Status.Prefix()+d.P.Sebutan, d)
}

// rinciFailed shows the appointment's page again with the refused form
// (its messages next to its fields, what was typed in them).
func (m *Module) rinciFailed(w http.ResponseWriter, r *http.Request, pc pageCtx, err error, gagal string) {
	form := web.NewForm(gagal, r.PostForm)
	web.Refill(m.pages, w, r, err, form, "perangkat_rinci", "Perangkat desa",
		func() (rinciData, error) { return m.rinciData(r, pc) },
		func(d *rinciData, f web.Form) {
			if gagal == "akun" {
				d.FormAkun = f
			} else {
				d.FormBerhenti = f
			}
		})
}

func (m *Module) pageEnd(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	f := r.PostForm
	today := m.today(pc.Kode)
	var res PerangkatResult
	id, err := ParseID(r.PathValue("id"), "Jabatan perangkat")
	if err == nil {
		var p valid.Problems
		b := Pemberhentian{Tanggal: formTanggal(&p, f, "body.tanggal", "Tanggal berhenti"), Alasan: f.Get("alasan"),
			SKNomor: f.Get("sk_nomor"), SKTanggal: formTanggal(&p, f, "body.sk_tanggal", "Tanggal SK pemberhentian")}
		if err = formErr(&p, b.Validate(today)); err == nil {
			res, err = m.EndPerangkat(r.Context(), id, b)
			if err == nil && res.SinkronPeran != nil && !res.SinkronPeran.Berhasil {
				m.log.WarnContext(r.Context(), "administration: role revoke pending", "perangkat", id)
			}
		}
	}
	if err != nil {
		m.rinciFailed(w, r, pc, err, "berhenti")
		return
	}
	pesan := pesanDiberhentikan
	if res.ActiveOn(today) {
		pesan = pesanBerhentiNanti
	}
	redirect(w, r, base(pc)+"/perangkat/"+id.String(), pesan)
}

func (m *Module) pageLink(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	user := r.PostForm.Get("user_id")
	id, err := ParseID(r.PathValue("id"), "Jabatan perangkat")
	if err == nil {
		if user == "" {
			var p valid.Problems
			p.Add("body.user_id", "Pilih akun yang akan ditautkan.")
			err = p.Err()
		} else {
			err = m.linkFromPage(r, pc, id, user)
		}
	}
	if err != nil {
		m.rinciFailed(w, r, pc, err, "akun")
		return
	}
	redirect(w, r, base(pc)+"/perangkat/"+id.String(), pesanAkun)
}

// linkFromPage links only an account the page offered: one holding a role
// at this desa. The API takes any existing account (the kabupaten admin
// links new staff there); the page's list is the desa's own.
func (m *Module) linkFromPage(r *http.Request, pc pageCtx, id uuid.UUID, user string) error {
	if m.akun != nil {
		akun, err := m.akun.AccountsAt(r.Context(), pc.Kode)
		if err != nil {
			return err
		}
		found := false
		for _, a := range akun {
			found = found || a.ID == user
		}
		if !found {
			var p valid.Problems
			p.Add("body.user_id", "Akun itu bukan akun desa ini; pilih dari daftar.")
			return p.Err()
		}
	}
	res, err := m.LinkUser(r.Context(), id, user)
	if err == nil && res.SinkronPeran != nil && !res.SinkronPeran.Berhasil {
		m.log.WarnContext(r.Context(), "administration: role grant pending", "perangkat", id)
	}
	return err
}

func (m *Module) pageUnlink(w http.ResponseWriter, r *http.Request, pc pageCtx) {
	if !m.parseForm(w, r) {
		return
	}
	id, err := ParseID(r.PathValue("id"), "Jabatan perangkat")
	if err == nil {
		_, err = m.LinkUser(r.Context(), id, "")
	}
	if err != nil {
		m.rinciFailed(w, r, pc, err, "akun")
		return
	}
	redirect(w, r, base(pc)+"/perangkat/"+id.String(), pesanAkunLepas)
}
