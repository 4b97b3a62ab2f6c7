package kunjungan

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

type agendaItem struct {
	Agenda
	JenisJudul string
	OPDNama    string
	Hasil      string // the result form's action, "" when not allowed
}

type komitmenItem struct {
	Komitmen
	Terlambat bool
	Ubah      string // the progress form's action, "" when not allowed
}

type dossierItem struct {
	DossierView
	Ulang string // the rebuild form's audiens, "" when not allowed
}

type lihatPage struct {
	Desa         web.DesaHeader
	Daftar       string
	K            Detail
	StatusJ      string
	Pesan        string
	Href         string
	Aksi         string // the base of the page's forms
	Ubah         string
	Mulai        bool
	Selesai      bool
	Batal        bool
	Agenda       []agendaItem
	Tambah       bool // the office's agenda form
	Usulan       bool // the desa's proposals form
	Komitmen     []komitmenItem
	Catat        bool // the office's commitment form
	OPDView      string
	Penanggung   []opsi
	Dossier      []dossierItem
	DossierOK    bool // the panel is shown
	UlangSemua   bool
	Menunggu     bool // a dossier is queued or being built
	Audiensi     int
	AudiensiHref string
	Jenis        []opsi
	JenisDesa    []opsi
	OPDPeserta   []PesertaOPD
	Hari         civil.Date
	F            web.Form
}

var pesanLihat = map[string]string{
	"baru":     "Kunjungan terjadwal; dossier bupati dan setiap OPD masuk antrian.",
	"ubah":     "Kunjungan diubah.",
	"mulai":    "Kunjungan dimulai.",
	"selesai":  "Kunjungan selesai; laporan pasca-kunjungan masuk antrian.",
	"batal":    "Kunjungan dibatalkan.",
	"agenda":   "Agenda ditambahkan.",
	"usulan":   "Usulan desa tersimpan.",
	"hasil":    "Hasil agenda tercatat.",
	"komitmen": "Komitmen tercatat.",
	"kemajuan": "Kemajuan komitmen tersimpan.",
	"dossier":  "Dossier masuk antrian untuk dibuat ulang.",
}

func (m *Module) lihatData(ctx context.Context, id string, f web.Form) (lihatPage, error) {
	det, v, err := m.lihat(ctx, id)
	if err != nil {
		return lihatPage{}, err
	}
	t, _ := tenancy.From(ctx)
	var names web.Names
	if m.regions != nil {
		names = m.regions
	}
	d := lihatPage{Desa: web.DesaHeaderOf(ctx, names, "kunjungan"), K: det, StatusJ: det.Status.Judul(), F: f,
		Href: "/kunjungan/" + det.ID, Aksi: aksiHref(t.Kode, det.ID), Jenis: opsiJenis, OPDPeserta: det.OPD, Hari: m.hariIni(ctx)}
	d.Daftar = d.Desa.Base
	for _, j := range opsiJenis {
		if j.Value != string(AgendaLayanan) {
			d.JenisDesa = append(d.JenisDesa, j)
		}
	}
	if v.opd != nil {
		d.OPDView = v.opd.Nama
	}
	if v.kantor {
		d.Ubah = ifStr(det.Status == Direncanakan, d.Aksi+"/ubah")
		d.Mulai = det.Status == Direncanakan
		d.Selesai = det.Status == Berlangsung
		d.Batal = det.Status == Direncanakan || det.Status == Berlangsung
		d.Tambah = det.Status == Direncanakan || det.Status == Berlangsung
		d.Catat = det.Status == Berlangsung || det.Status == Selesai
	}
	d.Usulan = v.opd == nil && det.Status == Direncanakan && m.allowed(ctx, t.Kode, PermUsulan)
	opdNama := map[string]string{}
	for _, o := range det.OPD {
		opdNama[o.OPDID] = o.OPDNama
	}
	for _, a := range det.Agenda {
		it := agendaItem{Agenda: a, JenisJudul: a.Jenis.Judul(), OPDNama: opdNama[a.OPDID]}
		if v.kantor && (det.Status == Berlangsung || det.Status == Selesai) {
			it.Hasil = d.Aksi + "/agenda/" + strconv.Itoa(a.Urut)
		}
		d.Agenda = append(d.Agenda, it)
	}
	mayKomitmen := m.allowed(ctx, t.Kode, PermKomitmen)
	for _, c := range det.Komitmen {
		it := komitmenItem{Komitmen: c, Terlambat: c.Terlambat(d.Hari)}
		if mayKomitmen && m.bolehKomitmen(ctx, c) == nil {
			it.Ubah = d.Aksi + "/komitmen/" + c.ID
		}
		d.Komitmen = append(d.Komitmen, it)
	}
	if d.Catat {
		d.Penanggung = append(d.Penanggung, opsi{PenanggungDesa, "Pemerintah Desa"})
		for _, o := range det.OPD {
			d.Penanggung = append(d.Penanggung, opsi{o.OPDID, o.OPDNama})
		}
		// Any other active OPD of the registry may promise too.
		others, err := m.opdAktif(ctx, t.Kode)
		if err != nil {
			return d, err
		}
		for _, o := range others {
			if _, ikut := opdNama[o.ID]; !ikut {
				d.Penanggung = append(d.Penanggung, opsi{o.ID, o.Nama})
			}
		}
	}
	// The briefings for those who hold PermDossier (an OPD member: its
	// own); the post-visit report for everyone who may read the visit.
	bolehDossier := m.allowed(ctx, t.Kode, PermDossier)
	ds, err := m.dossierOf(ctx, det, v)
	if err != nil {
		return d, err
	}
	for _, x := range ds {
		if x.Audiens != AudiensLaporan && !bolehDossier {
			continue
		}
		it := dossierItem{DossierView: x}
		if bolehDossier && x.Audiens != AudiensLaporan && x.Status != Antri && x.Status != Dibuat && det.Status != Dibatalkan {
			it.Ulang = x.Audiens
		}
		d.Menunggu = d.Menunggu || x.Status == Antri || x.Status == Dibuat
		d.Dossier = append(d.Dossier, it)
	}
	d.DossierOK = bolehDossier || len(d.Dossier) > 0
	d.UlangSemua = v.kantor && det.Status != Dibatalkan && !d.Menunggu && len(d.Dossier) > 0
	if m.audiensi != nil {
		n, href, err := m.audiensi.JumlahAudiensiKunjungan(ctx, t.Kode, det.ID)
		if err != nil {
			return d, err
		}
		if n > 0 || det.Status == Berlangsung || det.Status == Selesai {
			d.Audiensi, d.AudiensiHref = n, href
		}
	}
	return d, nil
}

func ifStr(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

func (m *Module) pageLihat(rw http.ResponseWriter, r *http.Request) {
	d, err := m.lihatData(r.Context(), r.PathValue("id"), web.NewForm("", nil))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	d.Pesan = pesanLihat[r.URL.Query().Get("tersimpan")]
	if d.Menunggu {
		rw.Header().Set("Refresh", strconv.Itoa(segarkanDetik))
	}
	m.pages.Render(rw, r, http.StatusOK, "lihat", d.K.Judul, d)
}

// aksi runs one action posted from a visit's page; a refusal shows the
// page again with that form's messages.
func (m *Module) aksi(rw http.ResponseWriter, r *http.Request, form, pesan string, do func(ctx context.Context, id string, f url.Values) error) {
	if !bacaForm(rw, r) {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	if err := do(ctx, id, r.PostForm); err != nil {
		f := web.NewForm(form, r.PostForm)
		web.Refill(m.pages, rw, r, polos(err), f, "lihat", "Kunjungan",
			func() (lihatPage, error) { return m.lihatData(ctx, id, f) },
			func(d *lihatPage, f web.Form) { d.F = f })
		return
	}
	keLihat(rw, r, id, pesan)
}

// terlihat refuses an action on a visit the user may not see (an OPD
// member's visit without its OPD).
func (m *Module) terlihat(ctx context.Context, id string) error {
	_, _, err := m.lihat(ctx, id)
	return err
}

func (m *Module) postMulai(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "mulai", "mulai", func(ctx context.Context, id string, _ url.Values) error {
		_, err := m.Mulai(ctx, id)
		return err
	})
}

func (m *Module) postSelesai(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "selesai", "selesai", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Selesaikan(ctx, id, SelesaiData{CatatanHasil: f.Get("catatan_hasil"), CamatHadir: f.Get("camat_hadir") == "1",
			ForumHadir: f.Get("forum_hadir") == "1", OPDHadir: f["opd_hadir"]})
		return err
	})
}

func (m *Module) postBatal(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "batal", "batal", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.Batalkan(ctx, id, f.Get("alasan"))
		return err
	})
}

func agendaDari(f url.Values) AgendaData {
	return AgendaData{Jenis: JenisAgenda(f.Get("jenis")), Judul: f.Get("judul"), Keterangan: f.Get("keterangan"), OPDID: f.Get("opd_id")}
}

func (m *Module) postAgenda(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "agenda", "agenda", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.TambahAgenda(ctx, id, agendaDari(f), OlehKabupaten)
		return err
	})
}

func (m *Module) postUsulan(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "usulan", "usulan", func(ctx context.Context, id string, f url.Values) error {
		a := agendaDari(f)
		if a.Jenis == AgendaLayanan {
			return fault.Field("body.jenis", "Stan layanan OPD diatur kantor bupati; desa mengusulkan pokok acara atau isu.")
		}
		if m.pandanganOf(ctx).opd != nil {
			return errTidakAda
		}
		if err := m.terlihat(ctx, id); err != nil {
			return err
		}
		_, err := m.TambahAgenda(ctx, id, a, OlehDesa)
		return err
	})
}

func (m *Module) postHasilAgenda(rw http.ResponseWriter, r *http.Request) {
	urut, err := strconv.Atoi(r.PathValue("urut"))
	if err != nil || urut < 1 {
		m.pages.Error(rw, r, http.StatusNotFound, "Butir agenda tidak ditemukan.")
		return
	}
	m.aksi(rw, r, "hasil-"+strconv.Itoa(urut), "hasil", func(ctx context.Context, id string, f url.Values) error {
		_, err := m.HasilAgenda(ctx, id, urut, HasilAgendaData{Terlaksana: f.Get("terlaksana") == "1", Hasil: f.Get("hasil")})
		return err
	})
}

func (m *Module) postKomitmen(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "komitmen", "komitmen", func(ctx context.Context, id string, f url.Values) error {
		d := KomitmenData{Isi: f.Get("isi"), Penanggung: f.Get("penanggung")}
		if s := f.Get("tenggat"); s != "" {
			t, err := civil.ParseDate(s)
			if err != nil {
				return fault.Field("body.tenggat", "Tenggat tidak sah.")
			}
			d.Tenggat = t
		}
		_, err := m.BuatKomitmen(ctx, id, d)
		return err
	})
}

func (m *Module) postKemajuan(rw http.ResponseWriter, r *http.Request) {
	kid := r.PathValue("kid")
	m.aksi(rw, r, "kemajuan-"+kid, "kemajuan", func(ctx context.Context, id string, f url.Values) error {
		if err := m.terlihat(ctx, id); err != nil {
			return err
		}
		c, err := m.BacaKomitmen(ctx, id, kid)
		if err != nil {
			return err
		}
		if err := m.bolehKomitmen(ctx, c); err != nil {
			return err
		}
		_, err = m.UbahKomitmen(ctx, id, kid, KemajuanData{Status: StatusKomitmen(f.Get("status")), Bukti: f.Get("bukti")})
		return err
	})
}

// postDossier queues the dossiers again: the office any (or all at once),
// an OPD member its own.
func (m *Module) postDossier(rw http.ResponseWriter, r *http.Request) {
	m.aksi(rw, r, "dossier", "dossier", func(ctx context.Context, id string, f url.Values) error {
		det, v, err := m.lihat(ctx, id)
		if err != nil {
			return err
		}
		if det.Status == Dibatalkan {
			return fault.New(fault.Conflict, "Kunjungan dibatalkan: dossier tidak dibuat lagi.")
		}
		semua := audiensOf(det.OPD)
		var aud []string
		switch a := f.Get("audiens"); {
		case a == "" && v.kantor:
			aud = semua
		case a == "":
			return fault.New(fault.Forbidden, "Pilih dossier yang dibuat ulang.")
		case !slices.Contains(semua, a):
			return fault.New(fault.NotFound, "Dossier itu tidak ada pada kunjungan ini.")
		case v.kantor || (v.opd != nil && v.opd.Kode == a):
			aud = []string{a}
		default:
			return fault.New(fault.Forbidden, "Anda hanya dapat membuat ulang dossier OPD Anda sendiri.")
		}
		return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return m.antriDossier(ctx, tx, det.DesaID, det.ID, aud)
		})
	})
}
