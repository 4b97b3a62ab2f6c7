package umkm

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the bumdes part: the BUMDes page of a desa (profile, units,
// yearly figures beside the APBDes, reports), the profile form, a year's
// figures with its report, and the report download. Every form goes
// through the same rules as the API (SimpanBUMDes, TambahUnit, UbahUnit,
// SimpanTahun, SimpanLaporan) and is shown again, filled in, with its
// messages when refused.

const bumdesPage = "/desa/{kode}/bumdes"

func (m *Module) routesBumdesWeb(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET "+bumdesPage, PermRead, m.pageBumdes)
	m.web.HandleDesa(mux, "POST "+bumdesPage, PermTulis, m.pageBumdesSimpan)
	m.web.HandleDesa(mux, "GET "+bumdesPage+"/ubah", PermTulis, m.pageBumdesUbah)
	m.web.HandleDesa(mux, "POST "+bumdesPage+"/unit", PermTulis, m.pageUnitTambah)
	m.web.HandleDesa(mux, "POST "+bumdesPage+"/unit/{id}", PermTulis, m.pageUnitUbah)
	m.web.HandleDesa(mux, "POST "+bumdesPage+"/unit/{id}/nonaktif", PermTulis, m.pageUnitNonaktif)
	m.web.HandleDesa(mux, "GET "+bumdesPage+"/tahun/{tahun}", PermTulis, m.pageTahun)
	m.web.HandleDesa(mux, "POST "+bumdesPage+"/tahun/{tahun}", PermTulis, m.pageTahunSimpan)
	m.web.HandleDesa(mux, "POST "+bumdesPage+"/laporan/{tahun}", PermTulis, m.pageLaporanUnggah)
	m.web.HandleDesa(mux, "GET "+bumdesPage+"/laporan/{tahun}", PermRead, m.pageLaporanUnduh)
}

// bumdesRp writes rupiah the Indonesian way: "Rp 1.250.000", a loss
// "−Rp 5.000.000".
func bumdesRp(n int64) string {
	if n < 0 {
		return "−Rp " + valid.Angka(-n)
	}
	return "Rp " + valid.Angka(n)
}

// bumdesRupiah reads rupiah typed on a form: "1250000", "1.250.000",
// "Rp 1.250.000", with a leading minus when neg is allowed; "" is 0.
func bumdesRupiah(s string, neg bool) (int64, bool) {
	s = strings.TrimSpace(s)
	minus := false
	for _, p := range []string{"-", "−"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			minus, s = true, strings.TrimSpace(rest)
		}
	}
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "."))
	s = strings.NewReplacer(".", "", " ", "").Replace(s)
	if s == "" {
		return 0, !minus
	}
	if !valid.Digits(s) || len(s) > 13 || (minus && !neg) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if minus {
		n = -n
	}
	return n, err == nil
}

// bumdesBulat reads a whole number typed on a form ("12", "1.200").
func bumdesBulat(s string) (int, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", "")
	if s == "" {
		return 0, true
	}
	if !valid.Digits(s) || len(s) > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// bumdesGabung joins the page's own problems with the rules' refusal of a
// check: a form the page could not read is never saved.
func bumdesGabung(p valid.Problems, err error) error {
	if p.Empty() {
		return err
	}
	if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
		p.Include("", err)
	}
	return p.Err()
}

// --- the profile form ---

type bumdesPilihan struct{ Value, Label string }

// bumdesIsianView is the profile form (template "bumdes-isian").
type bumdesIsianView struct {
	F         web.Form
	Action    string
	Kelas     []bumdesPilihan
	Sumber    string // the classification's legal basis, shipped data
	Hari      string // today, the latest date allowed
	TahunMaks int
}

func (m *Module) bumdesIsian(ctx context.Context, f web.Form) bumdesIsianView {
	today := m.bumdesHariIni(ctx)
	t, _ := tenancy.From(ctx)
	v := bumdesIsianView{F: f, Action: "/desa/" + string(t.Kode) + "/bumdes", Hari: string(today), TahunMaks: today.Year(),
		Kelas: []bumdesPilihan{{"", "Belum diperingkat"}}}
	if ks, err := KelasBUMDesList(); err == nil {
		for _, k := range ks {
			v.Kelas = append(v.Kelas, bumdesPilihan{k.Kode, k.Nama})
			v.Sumber = k.Dasar
		}
	}
	return v
}

// bumdesNilaiProfil is b's values as the profile form holds them.
func bumdesNilaiProfil(b BUMDes) url.Values {
	v := url.Values{"nama": {b.Nama}, "badan_hukum_nomor": {b.BadanHukumNomor}, "badan_hukum_tanggal": {string(b.BadanHukumTanggal)},
		"klasifikasi": {b.Klasifikasi}, "klasifikasi_sumber": {b.KlasifikasiSumber}, "tenaga_kerja": {strconv.Itoa(b.TenagaKerja)}}
	if b.BadanHukum {
		v.Set("badan_hukum", "1")
	}
	if b.KlasifikasiTahun != 0 {
		v.Set("klasifikasi_tahun", strconv.Itoa(b.KlasifikasiTahun))
	}
	return v
}

// bumdesDariForm reads the profile form; the numbers and date are read
// here, the rest by BUMDesData.Validate behind the call.
func bumdesDariForm(f web.Form) (BUMDesData, valid.Problems) {
	var p valid.Problems
	d := BUMDesData{Nama: f.Get("nama"), BadanHukum: f.Get("badan_hukum") != "", BadanHukumNomor: f.Get("badan_hukum_nomor"),
		Klasifikasi: f.Get("klasifikasi"), KlasifikasiSumber: f.Get("klasifikasi_sumber")}
	if s := strings.TrimSpace(f.Get("badan_hukum_tanggal")); s != "" && d.BadanHukum {
		t, err := civil.ParseDate(s)
		if err != nil {
			p.Add("body.badan_hukum_tanggal", "Tanggal badan hukum ditulis TTTT-BB-HH, misalnya 2022-03-14.")
		}
		d.BadanHukumTanggal = t
	}
	if n, ok := bumdesBulat(f.Get("klasifikasi_tahun")); ok {
		d.KlasifikasiTahun = n
	} else {
		p.Add("body.klasifikasi_tahun", "Tahun klasifikasi ditulis empat angka, misalnya 2023.")
	}
	if n, ok := bumdesBulat(f.Get("tenaga_kerja")); ok {
		d.TenagaKerja = n
	} else {
		p.Add("body.tenaga_kerja", "Tenaga kerja ditulis sebagai bilangan bulat, misalnya 12.")
	}
	return d, p
}

// --- the BUMDes page ---

type bumdesUnitView struct {
	UnitBUMDes
	Action   string
	Nonaktif string
	F        web.Form
}

// bumdesBaris is one row of the yearly table: a figure for every year.
type bumdesBaris struct {
	Label  string
	Cells  []string
	APBDes bool // a row of the APBDes side
}

type bumdesLaporanView struct {
	LaporanBUMDes
	Href     string
	Ukuran   string
	Diunggah string
}

type bumdesTahunLink struct {
	Tahun int
	Href  string
}

type bumdesPageData struct {
	Desa            desaView
	Nav             []navTab
	Base            string
	Ada             bool
	P               ProfilBUMDes
	Tanggal         string
	Units           []bumdesUnitView
	Tahun           []int
	Baris           []bumdesBaris
	Catatan         []string
	Laporan         []bumdesLaporanView
	Catat           []bumdesTahunLink
	Daftar          bumdesIsianView
	TambahUnit      web.Form
	UbahHref        string
	APBDesTerpasang bool
	Pesan           string
}

// bumdesData reads the BUMDes page; gagal, when not nil, is the refused
// form put in place of the empty form of its name.
func (m *Module) bumdesData(ctx context.Context, gagal *web.Form) (bumdesPageData, error) {
	t, _ := tenancy.From(ctx)
	d := bumdesPageData{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabBumdes), APBDesTerpasang: m.realisasi != nil}
	d.Base = "/desa/" + d.Desa.Kode + "/bumdes"
	d.UbahHref = d.Base + "/ubah"
	pick := func(name string, values url.Values) web.Form {
		if gagal != nil && gagal.Name == name {
			return *gagal
		}
		return web.NewForm(name, values)
	}
	p, ada, err := m.BacaProfil(ctx)
	if err != nil {
		return d, err
	}
	d.Ada, d.P = ada, p
	if !ada {
		d.Daftar = m.bumdesIsian(ctx, pick("profil", url.Values{"tenaga_kerja": {"0"}}))
		return d, nil
	}
	d.Tanggal = p.Profil.BadanHukumTanggal.String()
	d.TambahUnit = pick("unit", nil)
	for _, u := range p.Unit {
		v := bumdesUnitView{UnitBUMDes: u, Action: d.Base + "/unit/" + u.ID}
		v.Nonaktif = v.Action + "/nonaktif"
		vals := url.Values{"nama": {u.Nama}, "bidang": {u.Bidang}}
		if u.Aktif {
			vals.Set("aktif", "1")
		}
		v.F = pick("unit-"+u.ID, vals)
		d.Units = append(d.Units, v)
	}
	rows := []struct {
		label string
		get   func(TahunBanding) int64
	}{
		{"Penyertaan modal diterima", func(t TahunBanding) int64 { return t.PenyertaanModal }},
		{"Omzet", func(t TahunBanding) int64 { return t.Omzet }},
		{"Laba (rugi)", func(t TahunBanding) int64 { return t.Laba }},
		{"Kontribusi PADes", func(t TahunBanding) int64 { return t.PADes }},
		{"Aset akhir tahun", func(t TahunBanding) int64 { return t.Aset }},
	}
	for _, r := range rows {
		b := bumdesBaris{Label: r.label}
		for _, t := range p.Tahun {
			b.Cells = append(b.Cells, bumdesRp(r.get(t)))
		}
		d.Baris = append(d.Baris, b)
	}
	tk := bumdesBaris{Label: "Tenaga kerja"}
	modal := bumdesBaris{Label: "APBDes: realisasi penyertaan modal (6.2.2)", APBDes: true}
	hasil := bumdesBaris{Label: "APBDes: realisasi bagi hasil BUMDes (4.1.1.01)", APBDes: true}
	for _, t := range p.Tahun {
		d.Tahun = append(d.Tahun, t.Tahun)
		tk.Cells = append(tk.Cells, valid.Angka(int64(t.TenagaKerja))+" orang")
		switch {
		case t.APBDes == nil:
			modal.Cells = append(modal.Cells, "–")
			hasil.Cells = append(hasil.Cells, "–")
		case !t.APBDes.Ada:
			modal.Cells = append(modal.Cells, "APBDes belum tercatat")
			hasil.Cells = append(hasil.Cells, "APBDes belum tercatat")
		default:
			modal.Cells = append(modal.Cells, bumdesRp(t.APBDes.PenyertaanModal))
			hasil.Cells = append(hasil.Cells, bumdesRp(t.APBDes.BagiHasil))
		}
		d.Catatan = append(d.Catatan, t.Selisih()...)
	}
	d.Baris = append(d.Baris, tk)
	if m.realisasi != nil {
		d.Baris = append(d.Baris, modal, hasil)
	}
	for _, l := range p.Laporan {
		d.Laporan = append(d.Laporan, bumdesLaporanView{LaporanBUMDes: l, Href: d.Base + "/laporan/" + strconv.Itoa(l.Tahun),
			Ukuran: bumdesUkuran(l.Ukuran), Diunggah: civil.Today(l.DiunggahPada, t.Kode).String()})
	}
	// Links to record a year: the recorded ones, and the last five years
	// without figures.
	ada2 := map[int]bool{}
	for _, y := range d.Tahun {
		ada2[y] = true
	}
	kini := m.bumdesHariIni(ctx).Year()
	for y := kini; y > kini-5 && y >= MinTahun; y-- {
		if !ada2[y] {
			d.Catat = append(d.Catat, bumdesTahunLink{Tahun: y, Href: d.Base + "/tahun/" + strconv.Itoa(y)})
		}
	}
	return d, nil
}

// bumdesUkuran writes a file size in KB or MB.
func bumdesUkuran(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	}
	return valid.Angka((n+1023)/1024) + " KB"
}

var bumdesPesan = map[string]string{
	"profil":    "Profil BUMDes sudah disimpan.",
	"unit":      "Unit usaha sudah dicatat.",
	"unit-ubah": "Perubahan unit usaha sudah disimpan.",
	"nonaktif":  "Unit usaha sudah dinonaktifkan.",
	"tahun":     "Angka tahunan BUMDes sudah disimpan.",
	"laporan":   "Laporan tahunan sudah diunggah.",
}

func (m *Module) renderBumdes(w http.ResponseWriter, r *http.Request, status int, d bumdesPageData) {
	m.pages.Render(w, r, status, "bumdes", "BUMDes "+d.Desa.Nama, d)
}

func (m *Module) pageBumdes(w http.ResponseWriter, r *http.Request) {
	d, err := m.bumdesData(r.Context(), nil)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = bumdesPesan[r.URL.Query().Get("pesan")]
	m.renderBumdes(w, r, http.StatusOK, d)
}

// bumdesKirim handles a form of the BUMDes page: save runs the rules; on
// success back to the page with pesan, else the page again with the form.
func (m *Module) bumdesKirim(w http.ResponseWriter, r *http.Request, name, pesan, anchor string,
	save func(ctx context.Context, form web.Form) error) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx := r.Context()
	form := web.NewForm(name, r.PostForm)
	if err := save(ctx, form); err != nil {
		status, ok := m.pages.Failed(w, r, err, &form)
		if !ok {
			return
		}
		d, lerr := m.bumdesData(ctx, &form)
		if lerr != nil {
			m.pages.Fault(w, r, lerr)
			return
		}
		m.renderBumdes(w, r, status, d)
		return
	}
	http.Redirect(w, r, "/desa/"+m.desaView(ctx).Kode+"/bumdes?pesan="+pesan+anchor, http.StatusSeeOther)
}

// --- profile ---

type bumdesUbahData struct {
	Desa  desaView
	Nav   []navTab
	Base  string
	Ada   bool
	Isian bumdesIsianView
}

func (m *Module) bumdesUbahData(ctx context.Context, f *web.Form) (bumdesUbahData, error) {
	t, _ := tenancy.From(ctx)
	d := bumdesUbahData{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabBumdes)}
	d.Base = "/desa/" + d.Desa.Kode + "/bumdes"
	var b BUMDes
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		b, d.Ada, err = bacaBUMDes(ctx, tx)
		return err
	})
	if err != nil {
		return d, err
	}
	form := web.NewForm("profil", url.Values{"tenaga_kerja": {"0"}})
	if d.Ada {
		form = web.NewForm("profil", bumdesNilaiProfil(b))
	}
	if f != nil {
		form = *f
	}
	d.Isian = m.bumdesIsian(ctx, form)
	return d, nil
}

func (m *Module) pageBumdesUbah(w http.ResponseWriter, r *http.Request) {
	d, err := m.bumdesUbahData(r.Context(), nil)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "bumdes_ubah", "Profil BUMDes "+d.Desa.Nama, d)
}

func (m *Module) pageBumdesSimpan(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx := r.Context()
	form := web.NewForm("profil", r.PostForm)
	data, p := bumdesDariForm(form)
	var err error
	if p.Empty() {
		_, err = m.SimpanBUMDes(ctx, data)
	} else {
		err = bumdesGabung(p, data.Validate(m.bumdesHariIni(ctx)))
	}
	if err != nil {
		status, ok := m.pages.Failed(w, r, err, &form)
		if !ok {
			return
		}
		d, lerr := m.bumdesUbahData(ctx, &form)
		if lerr != nil {
			m.pages.Fault(w, r, lerr)
			return
		}
		m.pages.Render(w, r, status, "bumdes_ubah", "Profil BUMDes "+d.Desa.Nama, d)
		return
	}
	http.Redirect(w, r, "/desa/"+m.desaView(ctx).Kode+"/bumdes?pesan=profil", http.StatusSeeOther)
}

// --- units ---

func unitDariForm(f web.Form) UnitData {
	return UnitData{Nama: f.Get("nama"), Bidang: f.Get("bidang"), Aktif: f.Get("aktif") != ""}
}

func (m *Module) pageUnitTambah(w http.ResponseWriter, r *http.Request) {
	m.bumdesKirim(w, r, "unit", "unit", "#unit-usaha", func(ctx context.Context, f web.Form) error {
		_, err := m.TambahUnit(ctx, unitDariForm(f))
		return err
	})
}

func (m *Module) pageUnitUbah(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m.bumdesKirim(w, r, "unit-"+id, "unit-ubah", "#unit-usaha", func(ctx context.Context, f web.Form) error {
		_, err := m.UbahUnit(ctx, id, unitDariForm(f))
		return err
	})
}

func (m *Module) pageUnitNonaktif(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m.bumdesKirim(w, r, "unit-"+id, "nonaktif", "#unit-usaha", func(ctx context.Context, _ web.Form) error {
		_, err := m.NonaktifkanUnit(ctx, id)
		return err
	})
}

// --- a year ---

type bumdesTahunData struct {
	Desa     desaView
	Nav      []navTab
	Base     string
	Tahun    int
	Action   string
	Unggah   string
	F        web.Form
	Laporan  *bumdesLaporanView
	LaporanF web.Form
	APBDes   *APBDesBUMDes
	Modal    string
	Hasil    string
	MaksMB   int
}

// bumdesTahunPath reads the {tahun} of a year's pages: 2000 up to this
// year, else the page is not found.
func (m *Module) bumdesTahunPath(r *http.Request) (int, bool) {
	s := r.PathValue("tahun")
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < MinTahun || y > m.bumdesHariIni(r.Context()).Year() {
		return 0, false
	}
	return y, true
}

func (m *Module) bumdesTahunData(ctx context.Context, tahun int, gagal *web.Form) (bumdesTahunData, error) {
	t, _ := tenancy.From(ctx)
	d := bumdesTahunData{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabBumdes), Tahun: tahun, MaksMB: MaxLaporan >> 20}
	d.Base = "/desa/" + d.Desa.Kode + "/bumdes"
	ys := strconv.Itoa(tahun)
	d.Action, d.Unggah = d.Base+"/tahun/"+ys, d.Base+"/laporan/"+ys
	var (
		ada   bool
		angka TahunBUMDes
		punya bool
		lap   LaporanBUMDes
		adaL  bool
	)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if _, ada, err = bacaBUMDes(ctx, tx); err != nil || !ada {
			return err
		}
		ts, err := listTahunBUMDes(ctx, tx)
		for _, x := range ts {
			if x.Tahun == tahun {
				angka, punya = x, true
			}
		}
		if err != nil {
			return err
		}
		ls, err := listLaporanBUMDes(ctx, tx)
		for _, x := range ls {
			if x.Tahun == tahun {
				lap, adaL = x, true
			}
		}
		return err
	})
	if err != nil {
		return d, err
	}
	if !ada {
		return d, errBelumAdaBUMDes
	}
	vals := url.Values{}
	if punya {
		vals = url.Values{"penyertaan_modal": {valid.Angka(angka.PenyertaanModal)}, "omzet": {valid.Angka(angka.Omzet)},
			"laba": {valid.Angka(angka.Laba)}, "pades": {valid.Angka(angka.PADes)}, "aset": {valid.Angka(angka.Aset)},
			"tenaga_kerja": {strconv.Itoa(angka.TenagaKerja)}}
	}
	d.F = web.NewForm("tahun", vals)
	d.LaporanF = web.NewForm("laporan", url.Values{"berkas": {""}})
	if gagal != nil {
		if gagal.Name == "laporan" {
			d.LaporanF = *gagal
		} else {
			d.F = *gagal
		}
	}
	if adaL {
		d.Laporan = &bumdesLaporanView{LaporanBUMDes: lap, Href: d.Unggah, Ukuran: bumdesUkuran(lap.Ukuran),
			Diunggah: civil.Today(lap.DiunggahPada, t.Kode).String()}
	}
	a, ok, err := m.APBDesBUMDes(ctx, tahun)
	if err != nil {
		return d, err
	}
	if ok {
		d.APBDes = &a
		d.Modal, d.Hasil = bumdesRp(a.PenyertaanModal), bumdesRp(a.BagiHasil)
	}
	return d, nil
}

func (m *Module) renderTahun(w http.ResponseWriter, r *http.Request, status int, d bumdesTahunData) {
	m.pages.Render(w, r, status, "bumdes_tahun", "BUMDes "+d.Desa.Nama+" tahun "+strconv.Itoa(d.Tahun), d)
}

func (m *Module) pageTahun(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.bumdesTahunPath(r)
	if !ok {
		m.pages.Error(w, r, http.StatusNotFound, "Tahun tidak dikenal: angka BUMDes dicatat untuk tahun 2000 sampai tahun ini.")
		return
	}
	d, err := m.bumdesTahunData(r.Context(), tahun, nil)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	m.renderTahun(w, r, http.StatusOK, d)
}

// tahunDariForm reads a year's form; the rupiah typed are read here, the
// bounds checked by TahunData.Validate behind the call.
func tahunDariForm(f web.Form, tahun int) (TahunData, valid.Problems) {
	var p valid.Problems
	d := TahunData{Tahun: tahun}
	uang := func(field, label string, neg bool) int64 {
		n, ok := bumdesRupiah(f.Get(field), neg)
		if !ok {
			contoh := "125.000.000"
			if neg {
				contoh += " (rugi: -5.000.000)"
			}
			p.Add("body."+field, "%s ditulis dalam rupiah bulat, misalnya %s.", label, contoh)
		}
		return n
	}
	d.PenyertaanModal = uang("penyertaan_modal", "Penyertaan modal", false)
	d.Omzet = uang("omzet", "Omzet", false)
	d.Laba = uang("laba", "Laba", true)
	d.PADes = uang("pades", "Kontribusi PADes", false)
	d.Aset = uang("aset", "Aset", false)
	if n, ok := bumdesBulat(f.Get("tenaga_kerja")); ok {
		d.TenagaKerja = n
	} else {
		p.Add("body.tenaga_kerja", "Tenaga kerja ditulis sebagai bilangan bulat, misalnya 12.")
	}
	return d, p
}

func (m *Module) pageTahunSimpan(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.bumdesTahunPath(r)
	if !ok {
		m.pages.Error(w, r, http.StatusNotFound, "Tahun tidak dikenal: angka BUMDes dicatat untuk tahun 2000 sampai tahun ini.")
		return
	}
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	ctx := r.Context()
	form := web.NewForm("tahun", r.PostForm)
	data, p := tahunDariForm(form, tahun)
	var err error
	if p.Empty() {
		_, err = m.SimpanTahun(ctx, tahun, data)
	} else {
		err = bumdesGabung(p, data.Validate(m.bumdesHariIni(ctx)))
	}
	if err != nil {
		m.tahunGagal(w, r, tahun, err, form)
		return
	}
	http.Redirect(w, r, "/desa/"+m.desaView(ctx).Kode+"/bumdes?pesan=tahun#angka-tahunan", http.StatusSeeOther)
}

// tahunGagal shows a year's page again with its refused form.
func (m *Module) tahunGagal(w http.ResponseWriter, r *http.Request, tahun int, err error, form web.Form) {
	status, ok := m.pages.Failed(w, r, err, &form)
	if !ok {
		return
	}
	d, lerr := m.bumdesTahunData(r.Context(), tahun, &form)
	if lerr != nil {
		m.pages.Fault(w, r, lerr)
		return
	}
	m.renderTahun(w, r, status, d)
}

// maxLaporanBody is the upload form's body: the file and the framing.
const maxLaporanBody = MaxLaporan + 64<<10

// pageLaporanUnggah stores the form's "berkas" (multipart), read as a
// stream through the same SimpanLaporan as the API.
func (m *Module) pageLaporanUnggah(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.bumdesTahunPath(r)
	if !ok {
		m.pages.Error(w, r, http.StatusNotFound, "Tahun tidak dikenal: laporan BUMDes diunggah untuk tahun 2000 sampai tahun ini.")
		return
	}
	form := web.NewForm("laporan", url.Values{"berkas": {""}})
	if r.ContentLength > maxLaporanBody {
		m.tahunGagal(w, r, tahun, tooBigLaporan(), form)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxLaporanBody)
	part, err := web.FilePart(r, "berkas", web.FileErrors{
		NoFile:     fault.Field("berkas", "Pilih berkas PDF laporan yang akan diunggah."),
		TooBig:     tooBigLaporan(),
		Unreadable: fault.Field("berkas", "Berkas tidak dapat dibaca; pilih berkas PDF lalu kirim lagi."),
	})
	if err != nil {
		m.tahunGagal(w, r, tahun, err, form)
		return
	}
	defer part.Close()
	if _, err := m.SimpanLaporan(r.Context(), tahun, part.FileName(), -1, part); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = tooBigLaporan()
		}
		m.tahunGagal(w, r, tahun, err, form)
		return
	}
	http.Redirect(w, r, "/desa/"+m.desaView(r.Context()).Kode+"/bumdes?pesan=laporan#laporan-tahunan", http.StatusSeeOther)
}

// pageLaporanUnduh hands the report over as a download (recorded).
func (m *Module) pageLaporanUnduh(w http.ResponseWriter, r *http.Request) {
	tahun, err := strconv.Atoi(r.PathValue("tahun"))
	if err != nil {
		m.pages.Error(w, r, http.StatusNotFound, "Laporan tidak ditemukan.")
		return
	}
	l, rc, err := m.BukaLaporan(r.Context(), tahun, web.PageAction("GET "+bumdesPage+"/laporan/{tahun}"), r.URL.Path)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaxLaporan+1))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	web.Download(w, tipePDF, l.NamaBerkas, b)
}
