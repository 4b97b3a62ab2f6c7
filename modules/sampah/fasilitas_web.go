package sampah

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the fasilitas part: the desa's facilities with a form to add
// one, and a facility's page with its edit and status forms and, for a
// bank sampah, its jenis sampah and their price list.

const fasilitasPage = "/desa/{kode}/sampah/fasilitas"

func (m *Module) routesFasilitasWeb(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET "+fasilitasPage, PermRead, m.pageFasilitasList)
	m.web.HandleDesa(mux, "POST "+fasilitasPage, PermKelola, m.pageFasilitasTambah)
	m.web.HandleDesa(mux, "GET "+fasilitasPage+"/{id}", PermRead, m.pageFasilitas)
	m.web.HandleDesa(mux, "POST "+fasilitasPage+"/{id}", PermKelola, m.pageFasilitasUbah)
	m.web.HandleDesa(mux, "POST "+fasilitasPage+"/{id}/status", PermKelola, m.pageFasilitasStatus)
	m.web.HandleDesa(mux, "POST "+fasilitasPage+"/{id}/jenis", PermKelola, m.pageJenisTambah)
	m.web.HandleDesa(mux, "POST "+fasilitasPage+"/{id}/jenis/{jenis}", PermKelola, m.pageJenisUbah)
	m.web.HandleDesa(mux, "POST "+fasilitasPage+"/{id}/jenis/{jenis}/harga", PermKelola, m.pageHargaTambah)
}

// fasilitasPilihan is one option of a select.
type fasilitasPilihan struct{ Value, Label string }

var (
	fasilitasPilihanJenis = []fasilitasPilihan{{"", "— pilih —"}, {FasilitasTPS3R, "TPS3R"},
		{FasilitasBankSampah, "Bank sampah"}, {FasilitasTPS, "TPS"}, {FasilitasDepo, "Depo"}}
	fasilitasPilihanStatus = []fasilitasPilihan{{StatusAktif, "Aktif"}, {StatusTidakAktif, "Tidak aktif"}}
	fasilitasPilihanLahan  = []fasilitasPilihan{{"", "Belum diketahui"}, {"desa_dinas", "Tanah desa dinas"},
		{"desa_adat", "Tanah desa adat"}, {"lainnya", "Lainnya"}}
	fasilitasPilihanPengelola = []fasilitasPilihan{{"", "Belum diketahui"}, {"ksm", "KSM"},
		{"bumdes", "Unit BUMDes"}, {"pokmas", "Pokmas"}, {"lainnya", "Lainnya"}}
	fasilitasPilihanKelompok = []fasilitasPilihan{{"", "— pilih —"}, {"anorganik", "Anorganik"},
		{"organik", "Organik"}, {"residu", "Residu"}}
	fasilitasPilihanSatuan = []fasilitasPilihan{{"kg", "kg"}, {"pcs", "pcs"}, {"liter", "liter"}}
)

// fasilitasPengelola names who runs a facility: its name with the kind
// of body in brackets, unless the name says it already ("KSM Bestari",
// not "KSM KSM Bestari"); "" when neither is known.
func fasilitasPengelola(f Fasilitas) string {
	jenis := ""
	if f.PengelolaJenis != "" {
		jenis = fasilitasLabel(fasilitasPilihanPengelola, f.PengelolaJenis)
	}
	nama := strings.TrimSpace(f.PengelolaNama)
	switch {
	case nama == "":
		return jenis
	case jenis == "" || f.PengelolaJenis == "lainnya" || strings.Contains(strings.ToLower(nama), strings.ToLower(jenis)):
		return nama
	}
	return nama + " (" + jenis + ")"
}

func fasilitasLabel(list []fasilitasPilihan, v string) string {
	for _, p := range list {
		if p.Value == v && v != "" {
			return p.Label
		}
	}
	return ""
}

// fasilitasIsianView is the shared facility form (template
// "fasilitas-isian"): on the list page to add, on a facility's page to edit.
type fasilitasIsianView struct {
	F         web.Form
	Baru      bool // the jenis is chosen (add) rather than fixed (edit)
	TPS3R     bool // the density field applies
	Jenis     []fasilitasPilihan
	Status    []fasilitasPilihan
	Lahan     []fasilitasPilihan
	Pengelola []fasilitasPilihan
	TahunMaks int
}

func (m *Module) fasilitasIsian(ctx context.Context, f web.Form, baru, tps3r bool) fasilitasIsianView {
	return fasilitasIsianView{F: f, Baru: baru, TPS3R: tps3r, Jenis: fasilitasPilihanJenis, Status: fasilitasPilihanStatus,
		Lahan: fasilitasPilihanLahan, Pengelola: fasilitasPilihanPengelola, TahunMaks: m.tahunKini(ctx)}
}

// fasilitasDariForm reads the facility form: the numbers typed as whole
// numbers are read here, the rest by fasilitasPeriksa behind the call.
func fasilitasDariForm(f web.Form) (FasilitasData, valid.Problems) {
	var p valid.Problems
	bulat := func(field, label string) int {
		s := strings.TrimSpace(strings.ReplaceAll(f.Get(field), ".", ""))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || !valid.Digits(s) || len(s) > 6 {
			p.Add(field, "%s ditulis sebagai bilangan bulat, misalnya 4.", label)
			return 0
		}
		return n
	}
	d := FasilitasData{Nama: f.Get("nama"), Status: f.Get("status"), AlasanTidakAktif: f.Get("alasan_tidak_aktif"),
		KapasitasKg: f.Get("kapasitas_kg"), Lahan: f.Get("lahan"), LahanKeterangan: f.Get("lahan_keterangan"),
		PengelolaJenis: f.Get("pengelola_jenis"), PengelolaNama: f.Get("pengelola_nama"),
		Petugas: bulat("petugas", "Jumlah petugas"), Lintang: f.Get("lintang"), Bujur: f.Get("bujur"),
		TahunDibangun: bulat("tahun_dibangun", "Tahun dibangun"), KegiatanKode: f.Get("kegiatan_kode"),
		SumberDana: f.Get("sumber_dana"), DensitasKgM3: f.Get("densitas_kg_m3")}
	return d, p
}

// fasilitasNilaiForm is f's values as its edit form holds them.
func fasilitasNilaiForm(f Fasilitas) url.Values {
	d := fasilitasData(f)
	v := url.Values{"nama": {d.Nama}, "status": {d.Status}, "alasan_tidak_aktif": {d.AlasanTidakAktif},
		"kapasitas_kg": {d.KapasitasKg}, "lahan": {d.Lahan}, "lahan_keterangan": {d.LahanKeterangan},
		"pengelola_jenis": {d.PengelolaJenis}, "pengelola_nama": {d.PengelolaNama}, "lintang": {d.Lintang},
		"bujur": {d.Bujur}, "kegiatan_kode": {d.KegiatanKode}, "sumber_dana": {d.SumberDana},
		"densitas_kg_m3": {d.DensitasKgM3}, "diubah": {f.UpdatedAt.UTC().Format(time.RFC3339Nano)}}
	if d.Petugas != 0 {
		v.Set("petugas", strconv.Itoa(d.Petugas))
	}
	if d.TahunDibangun != 0 {
		v.Set("tahun_dibangun", strconv.Itoa(d.TahunDibangun))
	}
	return v
}

// fasilitasGabung joins the page's own problems with the rules' refusal
// (of a check only: a form the page could not read is never saved).
func fasilitasGabung(p valid.Problems, err error) error {
	if p.Empty() {
		return err
	}
	if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
		p.Include("", err)
	}
	return p.Err()
}

// --- the list page ---

type fasilitasBaris struct {
	Fasilitas
	Href      string
	Kapasitas string
}

type fasilitasListPage struct {
	Desa      desaView
	Nav       []navTab
	Base      string
	Fasilitas []fasilitasBaris
	Tambah    fasilitasIsianView
	Pesan     string
}

func (m *Module) fasilitasListData(ctx context.Context, tambah web.Form) (fasilitasListPage, error) {
	t, _ := tenancy.From(ctx)
	d := fasilitasListPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabFasilitas)}
	d.Base = d.Desa.Base + TabFasilitas
	d.Tambah = m.fasilitasIsian(ctx, tambah, true, tambah.Get("jenis") == FasilitasTPS3R || tambah.Get("jenis") == "")
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		fs, err := ListFasilitas(ctx, tx)
		for _, f := range fs {
			b := fasilitasBaris{Fasilitas: f, Href: d.Base + "/" + f.ID}
			if f.KapasitasGramHari > 0 {
				b.Kapasitas = f.KapasitasGramHari.String() + " kg/hari"
			}
			d.Fasilitas = append(d.Fasilitas, b)
		}
		return err
	})
	return d, err
}

var fasilitasPesan = map[string]string{
	"tambah":     "Fasilitas sudah dicatat.",
	"ubah":       "Perubahan fasilitas sudah disimpan.",
	"status":     "Status fasilitas sudah disimpan.",
	"jenis":      "Jenis sampah sudah ditambahkan.",
	"jenis-ubah": "Jenis sampah sudah diubah.",
	"harga":      "Harga sudah dicatat. Setoran yang sudah tersimpan tetap memakai harga pada tanggalnya.",
}

func (m *Module) pageFasilitasList(w http.ResponseWriter, r *http.Request) {
	d, err := m.fasilitasListData(r.Context(), web.NewForm("tambah", url.Values{"status": {StatusAktif}}))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	d.Pesan = fasilitasPesan[r.URL.Query().Get("pesan")]
	m.pages.Render(w, r, http.StatusOK, "fasilitas", "Fasilitas sampah "+d.Desa.Nama, d)
}

func (m *Module) pageFasilitasTambah(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx := r.Context()
	form := web.NewForm("tambah", r.PostForm)
	data, p := fasilitasDariForm(form)
	in := FasilitasBaru{Jenis: strings.TrimSpace(form.Get("jenis")), FasilitasData: data}
	var f Fasilitas
	var err error
	if p.Empty() {
		f, err = m.TambahFasilitas(ctx, in)
	} else {
		// Nothing is saved; the rules still name the other fields at fault.
		err = fasilitasGabung(p, fasilitasPeriksa(in.Jenis, in.FasilitasData, m.tahunKini(ctx), &f))
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, form, "fasilitas", "Fasilitas sampah",
			func() (fasilitasListPage, error) { return m.fasilitasListData(ctx, form) },
			func(d *fasilitasListPage, f web.Form) { d.Tambah.F = f })
		return
	}
	http.Redirect(w, r, m.desaView(ctx).Base+TabFasilitas+"/"+f.ID+"?pesan=tambah", http.StatusSeeOther)
}

// --- a facility's page ---

type fasilitasJenisView struct {
	JenisHarga
	HargaKini   string
	Riwayat     []Harga
	Action      string
	HargaAction string
	Ubah        web.Form
	Harga       web.Form
}

type fasilitasDetailPage struct {
	Desa        desaView
	Nav         []navTab
	Base        string // the list
	Href        string // this facility
	F           FasilitasRinci
	Lahan       string
	Pengelola   string
	Kapasitas   string
	Densitas    string
	Koordinat   string
	Ubah        fasilitasIsianView
	Status      web.Form
	Statuses    []fasilitasPilihan
	BankSampah  bool
	Jenis       []fasilitasJenisView
	TambahJenis web.Form
	Kelompok    []fasilitasPilihan
	Satuan      []fasilitasPilihan
	TanggalMin  string
	TanggalMaks string
	Pesan       string
}

// fasilitasDetailData reads a facility's page; gagal, when not nil, is the
// page's one refused form, put in place of the empty form of its name.
func (m *Module) fasilitasDetailData(ctx context.Context, id string, gagal *web.Form) (fasilitasDetailPage, error) {
	t, _ := tenancy.From(ctx)
	d := fasilitasDetailPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabFasilitas), Statuses: fasilitasPilihanStatus,
		Kelompok: fasilitasPilihanKelompok, Satuan: fasilitasPilihanSatuan}
	d.Base = d.Desa.Base + TabFasilitas
	d.Href = d.Base + "/" + id
	hariIni := m.hariIni(ctx)
	d.TanggalMin, d.TanggalMaks = string(HargaMulaiMin), string(hariIni.AddDate(0, 0, hargaMajuHari))
	var riwayat map[string][]Harga
	var jenis []JenisHarga
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		f, err := GetFasilitas(ctx, tx, id)
		if err != nil {
			return err
		}
		d.F.Fasilitas = f
		if f.Jenis != FasilitasBankSampah {
			return nil
		}
		jenis, riwayat, err = jenisDanHarga(ctx, tx, f.ID, hariIni)
		return err
	})
	if err != nil {
		return d, err
	}
	f := d.F.Fasilitas
	if d.F.KegiatanNama, _, err = m.fasilitasKegiatan(ctx, f.KegiatanKode, f.TahunDibangun, m.tahunKini(ctx)); err != nil {
		return d, err
	}
	d.Lahan, d.Pengelola = fasilitasLabel(fasilitasPilihanLahan, f.Lahan), fasilitasPengelola(f)
	if f.KapasitasGramHari > 0 {
		d.Kapasitas = f.KapasitasGramHari.String() + " kg/hari"
	}
	if f.DensitasGramM3 > 0 {
		d.Densitas = valid.FormatMilli(f.DensitasGramM3) + " kg/m³"
	}
	if f.Koordinat() {
		d.Koordinat = FormatDerajat(f.LintangE6) + ", " + FormatDerajat(f.BujurE6)
	}
	pick := func(name string, values url.Values) web.Form {
		if gagal != nil && gagal.Name == name {
			return *gagal
		}
		return web.NewForm(name, values)
	}
	nilai := fasilitasNilaiForm(f)
	d.Ubah = m.fasilitasIsian(ctx, pick("ubah", nilai), false, f.Jenis == FasilitasTPS3R)
	status := url.Values{"status": {f.Status}, "alasan_tidak_aktif": {f.AlasanTidakAktif}, "diubah": nilai["diubah"]}
	d.Status = pick("status", status)
	d.BankSampah = f.Jenis == FasilitasBankSampah
	d.TambahJenis = pick("jenis", url.Values{"satuan": {"kg"}})
	for _, j := range jenis {
		v := fasilitasJenisView{JenisHarga: j, Riwayat: riwayat[j.ID], Action: d.Href + "/jenis/" + j.ID}
		v.HargaAction = v.Action + "/harga"
		if j.Harga != nil {
			v.HargaKini = "Rp " + valid.Angka(*j.Harga) + " per " + j.Satuan
		}
		ubah := url.Values{"nama": {j.Nama}, "kelompok": {j.Kelompok}, "satuan": {j.Satuan}}
		if j.Aktif {
			ubah.Set("aktif", "1")
		}
		v.Ubah = pick("jenis-"+j.ID, ubah)
		v.Harga = pick("harga-"+j.ID, url.Values{"berlaku_mulai": {string(hariIni)}})
		d.Jenis = append(d.Jenis, v)
	}
	return d, nil
}

func (m *Module) renderFasilitas(w http.ResponseWriter, r *http.Request, status int, d fasilitasDetailPage) {
	m.pages.Render(w, r, status, "fasilitas_rinci", d.F.Nama+" — fasilitas sampah "+d.Desa.Nama, d)
}

func (m *Module) pageFasilitas(w http.ResponseWriter, r *http.Request) {
	d, err := m.fasilitasDetailData(r.Context(), r.PathValue("id"), nil)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = fasilitasPesan[r.URL.Query().Get("pesan")]
	m.renderFasilitas(w, r, http.StatusOK, d)
}

// fasilitasKirim handles a form of a facility's page: it reads the form,
// runs save, and on success goes back to the page with pesan; a refused
// form is shown again with its messages.
func (m *Module) fasilitasKirim(w http.ResponseWriter, r *http.Request, name, pesan, anchor string,
	save func(ctx context.Context, form web.Form) error) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	form := web.NewForm(name, r.PostForm)
	if err := save(ctx, form); err != nil {
		status, ok := m.pages.Failed(w, r, err, &form)
		if !ok {
			return
		}
		d, lerr := m.fasilitasDetailData(ctx, id, &form)
		if lerr != nil {
			m.pages.Fault(w, r, lerr)
			return
		}
		m.renderFasilitas(w, r, status, d)
		return
	}
	http.Redirect(w, r, m.desaView(ctx).Base+TabFasilitas+"/"+id+"?pesan="+pesan+anchor, http.StatusSeeOther)
}

// fasilitasDiubah reads the hidden "diubah" of an edit form.
func fasilitasDiubah(form web.Form) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(form.Get("diubah")))
	if err != nil {
		return time.Time{}
	}
	return t
}

func (m *Module) pageFasilitasUbah(w http.ResponseWriter, r *http.Request) {
	m.fasilitasKirim(w, r, "ubah", "ubah", "", func(ctx context.Context, form web.Form) error {
		data, p := fasilitasDariForm(form)
		if !p.Empty() {
			return p.Err()
		}
		_, err := m.UbahFasilitas(ctx, r.PathValue("id"), FasilitasUbah{FasilitasData: data, Diubah: fasilitasDiubah(form)})
		return err
	})
}

// pageFasilitasStatus changes only the status and its reason: the other
// values are the facility's own, under the same "diubah" check.
func (m *Module) pageFasilitasStatus(w http.ResponseWriter, r *http.Request) {
	m.fasilitasKirim(w, r, "status", "status", "", func(ctx context.Context, form web.Form) error {
		var f Fasilitas
		err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
			var err error
			f, err = GetFasilitas(ctx, tx, r.PathValue("id"))
			return err
		})
		if err != nil {
			return err
		}
		data := fasilitasData(f)
		data.Status, data.AlasanTidakAktif = form.Get("status"), form.Get("alasan_tidak_aktif")
		if strings.TrimSpace(data.Status) == "" {
			return fault.Invalids([]*fault.Error{fault.Field("status", "Pilih status aktif atau tidak aktif.")})
		}
		_, err = m.UbahFasilitas(ctx, f.ID, FasilitasUbah{FasilitasData: data, Diubah: fasilitasDiubah(form)})
		return err
	})
}

func (m *Module) pageJenisTambah(w http.ResponseWriter, r *http.Request) {
	m.fasilitasKirim(w, r, "jenis", "jenis", "#jenis-sampah", func(ctx context.Context, form web.Form) error {
		_, err := m.TambahJenis(ctx, r.PathValue("id"), JenisBaru{Kode: form.Get("kode"),
			JenisData: JenisData{Nama: form.Get("nama"), Kelompok: form.Get("kelompok"), Satuan: form.Get("satuan")}})
		return err
	})
}

func (m *Module) pageJenisUbah(w http.ResponseWriter, r *http.Request) {
	jenisID := r.PathValue("jenis")
	m.fasilitasKirim(w, r, "jenis-"+jenisID, "jenis-ubah", "#jenis-sampah", func(ctx context.Context, form web.Form) error {
		_, err := m.UbahJenis(ctx, r.PathValue("id"), jenisID, JenisUbah{Aktif: form.Get("aktif") != "",
			JenisData: JenisData{Nama: form.Get("nama"), Kelompok: form.Get("kelompok"), Satuan: form.Get("satuan")}})
		return err
	})
}

func (m *Module) pageHargaTambah(w http.ResponseWriter, r *http.Request) {
	jenisID := r.PathValue("jenis")
	m.fasilitasKirim(w, r, "harga-"+jenisID, "harga", "#jenis-sampah", func(ctx context.Context, form web.Form) error {
		var p valid.Problems
		h := HargaBaru{}
		if s := strings.TrimSpace(form.Get("berlaku_mulai")); s != "" {
			d, err := civil.ParseDate(s)
			p.Include("berlaku_mulai", err)
			h.BerlakuMulai = d
		}
		harga, ok := fasilitasRupiah(form.Get("harga"))
		switch {
		case strings.TrimSpace(form.Get("harga")) == "":
			p.Add("harga", "Harga wajib diisi (0 bila jenis ini diterima tanpa dibayar).")
		case !ok:
			p.Add("harga", "Harga ditulis dalam rupiah tanpa desimal, misalnya 2.500.")
		default:
			h.Harga = harga
		}
		if !p.Empty() {
			return fasilitasGabung(p, hargaPeriksa(h, m.hariIni(ctx)))
		}
		_, err := m.TambahHarga(ctx, r.PathValue("id"), jenisID, h)
		return err
	})
}

// fasilitasRupiah reads a price typed in rupiah: "2500", "2.500",
// "Rp 2.500"; no decimals.
func fasilitasRupiah(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "."))
	s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), " ", "")
	if !valid.Digits(s) || len(s) > 12 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
