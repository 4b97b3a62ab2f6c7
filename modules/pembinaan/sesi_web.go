package pembinaan

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The sessions' pages: the organizer's list, form and session page, the
// attendance page at the door (a phone, no script: the search is a GET
// filter and every tick a POST that returns to the same search), the
// printable daftar hadir, and the desa's invitations.

const sesiBarisNarasumber = 4

var sesiLevel = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

func (m *Module) routesSesi(mux *http.ServeMux) {
	base := "/wilayah/{kode}/pembinaan"
	m.web.HandleWilayah(mux, "GET "+base, PermBaca, sesiLevel, m.pageSesiDaftar)
	m.web.HandleWilayah(mux, "GET "+base+"/baru", PermKelola, sesiLevel, m.pageSesiBaru)
	m.web.HandleWilayah(mux, "POST "+base, PermKelola, sesiLevel, m.postSesiBaru)
	m.web.HandleWilayah(mux, "GET "+base+"/{id}", PermBaca, sesiLevel, m.pageSesi)
	m.web.HandleWilayah(mux, "GET "+base+"/{id}/ubah", PermKelola, sesiLevel, m.pageSesiUbah)
	m.web.HandleWilayah(mux, "POST "+base+"/{id}", PermKelola, sesiLevel, m.postSesiUbah)
	m.web.HandleWilayah(mux, "POST "+base+"/{id}/status", PermKelola, sesiLevel, m.postSesiStatus)
	m.web.HandleWilayah(mux, "GET "+base+"/{id}/hadir", PermKelola, sesiLevel, m.pageHadir)
	m.web.HandleWilayah(mux, "POST "+base+"/{id}/hadir", PermKelola, sesiLevel, m.postHadir)
	m.web.HandleWilayah(mux, "GET "+base+"/{id}/daftar-hadir", PermBaca, sesiLevel, m.pageDaftarHadir)
	m.web.HandleWilayah(mux, "POST "+base+"/{id}/materi", PermKelola, sesiLevel, m.postMateri)
	m.web.HandleWilayah(mux, "GET "+base+"/{id}/materi/{mid}", PermBaca, sesiLevel, m.pageMateri)
	m.web.HandleWilayah(mux, "POST "+base+"/{id}/materi/{mid}/hapus", PermKelola, sesiLevel, m.postMateriHapus)
	m.web.HandleDesa(mux, "GET /desa/{kode}/pembinaan", PermBaca, m.pageUndangan)
	m.web.HandleDesa(mux, "GET /desa/{kode}/pembinaan/{id}/materi/{mid}", PermBaca, m.pageUndanganMateri)
}

func sesiKode(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
}

func (m *Module) sesiNama(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil {
			return n
		}
	}
	return string(k)
}

// sesiTampil is a session as the pages show it.
type sesiTampil struct {
	PembinaanSesi
	Href, Waktu, JenisLabel, StatusLabel string
	TopikLabel, JabatanLabel             []string
}

func sesiWaktuTeks(mulai, selesai time.Time, z *time.Location) string {
	a, b := mulai.In(z), selesai.In(z)
	if a.Format("2006-01-02") == b.Format("2006-01-02") {
		return fmt.Sprintf("%s, %s–%s %s", civil.DateOf(a).String(), a.Format("15.04"), b.Format("15.04"), a.Format("MST"))
	}
	return fmt.Sprintf("%s %s – %s %s %s", civil.DateOf(a).String(), a.Format("15.04"), civil.DateOf(b).String(), b.Format("15.04"), b.Format("MST"))
}

func sesiLabels(list []sesiPilihan, kode []string) []string {
	out := make([]string, len(kode))
	for i, k := range kode {
		out[i] = sesiLabel(list, k)
	}
	return out
}

func sesiTampilOf(s PembinaanSesi) sesiTampil {
	z := civil.Zone(tenancy.Kode(s.Wilayah))
	return sesiTampil{PembinaanSesi: s, Href: "/wilayah/" + s.Wilayah + "/pembinaan/" + s.ID, Waktu: sesiWaktuTeks(s.Mulai, s.Selesai, z),
		JenisLabel: jenisLabel[s.Jenis], StatusLabel: statusLabel[s.Status],
		TopikLabel: sesiLabels(TopikPembinaan, s.Topik), JabatanLabel: sesiLabels(JabatanPerangkat, s.JabatanWajib)}
}

// --- the list

type sesiDaftarPage struct {
	Nama, Base, Baru, Lanjut, Jenis string
	Tahun                           int
	Sesi                            []sesiTampil
	// Rencana: the user may plan here (an OPD user: at the kabupaten only).
	Rencana bool
	// Luar: at a kecamatan, the sessions others (the kabupaten, an OPD)
	// held for its desa, with how many of its desa and perangkat took part.
	Luar []sesiLuarTampil
}

type sesiLuarTampil struct {
	SesiLuar
	Waktu, JenisLabel, StatusLabel string
	TopikLabel                     []string
}

func (m *Module) pageSesiDaftar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := sesiKode(ctx)
	q := r.URL.Query()
	f := SesiFilter{Jenis: q.Get("jenis")}
	if _, ok := jenisLabel[f.Jenis]; !ok {
		f.Jenis = ""
	}
	fmt.Sscan(q.Get("tahun"), &f.Tahun)
	if f.Tahun < 2015 || f.Tahun > 2100 {
		f.Tahun = 0
	}
	cursor := q.Get("cursor")
	p, err := m.DaftarSesi(ctx, f, page.Params{Cursor: cursor, Limit: 50})
	if fault.Is(err, fault.Invalid) {
		p, err = m.DaftarSesi(ctx, f, page.Params{Limit: 50})
	}
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	d := sesiDaftarPage{Nama: m.sesiNama(ctx, k), Base: "/wilayah/" + string(k) + "/pembinaan", Jenis: f.Jenis, Tahun: f.Tahun}
	d.Baru = d.Base + "/baru"
	o, opd, err := m.sesiOPD(ctx)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	d.Rencana = !opd || (k.Level() == tenancy.Kabupaten && o.Kabupaten == k)
	for _, s := range p.Items {
		d.Sesi = append(d.Sesi, sesiTampilOf(s))
	}
	if cursor == "" {
		luar, err := m.DaftarSesiLuar(ctx)
		if err != nil {
			m.pages.ServerError(w, r, err)
			return
		}
		z := civil.Zone(k)
		for _, s := range luar {
			if (f.Jenis != "" && s.Jenis != f.Jenis) || (f.Tahun != 0 && s.Mulai.In(z).Year() != f.Tahun) {
				continue
			}
			d.Luar = append(d.Luar, sesiLuarTampil{SesiLuar: s, Waktu: sesiWaktuTeks(s.Mulai, s.Selesai, z),
				JenisLabel: jenisLabel[s.Jenis], StatusLabel: statusLabel[s.Status], TopikLabel: sesiLabels(TopikPembinaan, s.Topik)})
		}
	}
	if p.NextCursor != "" {
		v := url.Values{"cursor": {p.NextCursor}}
		if f.Jenis != "" {
			v.Set("jenis", f.Jenis)
		}
		if f.Tahun != 0 {
			v.Set("tahun", fmt.Sprint(f.Tahun))
		}
		d.Lanjut = d.Base + "?" + v.Encode()
	}
	m.pages.Render(w, r, http.StatusOK, "sesi", "Pembinaan dan bimtek "+d.Nama, d)
}

// --- the form

type sesiFormPage struct {
	Nama, Judul, Action, Batal string
	F                          web.Form
	Topik, Jabatan             []sesiPilihan
	Desa                       []Desa
	Dipilih                    map[string]bool
	Baris                      []int
	Kecamatan                  bool
}

func (m *Module) sesiFormData(ctx context.Context, f web.Form, id string) (sesiFormPage, error) {
	k := sesiKode(ctx)
	base := "/wilayah/" + string(k) + "/pembinaan"
	d := sesiFormPage{Nama: m.sesiNama(ctx, k), F: f, Topik: TopikPembinaan, Jabatan: JabatanPerangkat, Dipilih: map[string]bool{},
		Kecamatan: k.Level() == tenancy.Kecamatan}
	if id == "" {
		d.Judul, d.Action, d.Batal = "Rencanakan sesi pembinaan", base, base
	} else {
		d.Judul, d.Action, d.Batal = "Ubah sesi pembinaan", base+"/"+id, base+"/"+id
	}
	for _, key := range []string{"topik", "jabatan_wajib", "desa"} {
		for _, v := range f.Values[key] {
			d.Dipilih[key+":"+v] = true
		}
	}
	for i := 0; i < sesiBarisNarasumber; i++ {
		d.Baris = append(d.Baris, i)
	}
	var err error
	d.Desa, err = m.sesiDesaWilayah(ctx, k)
	return d, err
}

const sesiFormWaktu = "2006-01-02T15:04"

// sesiInputOf reads the form into the one input type the API takes.
func sesiInputOf(v url.Values, z *time.Location) (PembinaanSesiInput, error) {
	var p valid.Problems
	in := PembinaanSesiInput{Judul: v.Get("judul"), Jenis: v.Get("jenis"), Topik: v["topik"], Tempat: v.Get("tempat"),
		Desa: v["desa"], SemuaDesa: v.Get("semua_desa") == "ya", JabatanWajib: v["jabatan_wajib"], Catatan: v.Get("catatan")}
	for _, f := range []struct {
		name string
		to   *time.Time
	}{{"mulai", &in.Mulai}, {"selesai", &in.Selesai}} {
		s := strings.TrimSpace(v.Get(f.name))
		if s == "" {
			continue
		}
		t, err := time.ParseInLocation(sesiFormWaktu, s, z)
		if err != nil {
			p.Add("body."+f.name, "Tanggal dan jam tidak dapat dibaca.")
			continue
		}
		*f.to = t
	}
	for i := 0; i < sesiBarisNarasumber; i++ {
		pre := fmt.Sprintf("narasumber[%d].", i)
		if strings.TrimSpace(v.Get(pre+"nama")) == "" && strings.TrimSpace(v.Get(pre+"jabatan")) == "" {
			continue
		}
		in.Narasumber = append(in.Narasumber, PembinaanNarasumber{Nama: v.Get(pre + "nama"), Jabatan: v.Get(pre + "jabatan")})
	}
	return in, p.Err()
}

func (m *Module) pageSesiBaru(w http.ResponseWriter, r *http.Request) {
	if _, _, err := m.sesiPenyelenggara(r.Context(), sesiKode(r.Context())); err != nil {
		if fault.Is(err, fault.Forbidden) {
			m.pages.Error(w, r, http.StatusForbidden, sesiPesan(err))
			return
		}
		m.pages.ServerError(w, r, err)
		return
	}
	d, err := m.sesiFormData(r.Context(), web.NewForm("sesi", url.Values{"jenis": {JenisBimtek}}), "")
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "sesi_form", d.Judul, d)
}

func (m *Module) pageSesiUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s, err := m.Sesi(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	z := civil.Zone(sesiKode(ctx))
	v := url.Values{"judul": {s.Judul}, "jenis": {s.Jenis}, "topik": s.Topik, "tempat": {s.Tempat}, "desa": s.Desa,
		"jabatan_wajib": s.JabatanWajib, "catatan": {s.Catatan},
		"mulai": {s.Mulai.In(z).Format(sesiFormWaktu)}, "selesai": {s.Selesai.In(z).Format(sesiFormWaktu)}}
	for i, n := range s.Narasumber {
		v.Set(fmt.Sprintf("narasumber[%d].nama", i), n.Nama)
		v.Set(fmt.Sprintf("narasumber[%d].jabatan", i), n.Jabatan)
	}
	d, err := m.sesiFormData(ctx, web.NewForm("sesi", v), s.ID)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "sesi_form", d.Judul, d)
}

func (m *Module) postSesiBaru(w http.ResponseWriter, r *http.Request) { m.simpanSesiForm(w, r, "") }

func (m *Module) postSesiUbah(w http.ResponseWriter, r *http.Request) {
	m.simpanSesiForm(w, r, r.PathValue("id"))
}

func (m *Module) simpanSesiForm(w http.ResponseWriter, r *http.Request, id string) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("sesi", r.PostForm)
	in, err := sesiInputOf(r.PostForm, civil.Zone(sesiKode(ctx)))
	var s PembinaanSesi
	if err == nil {
		if id == "" {
			s, err = m.BuatSesi(ctx, in)
		} else {
			s, err = m.UbahSesi(ctx, id, in)
		}
	}
	if err != nil {
		if fault.Is(err, fault.Forbidden) {
			m.pages.Error(w, r, http.StatusForbidden, sesiPesan(err))
			return
		}
		web.Refill(m.pages, w, r, err, f, "sesi_form", "Sesi pembinaan",
			func() (sesiFormPage, error) { return m.sesiFormData(ctx, f, id) },
			func(d *sesiFormPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, "/wilayah/"+s.Wilayah+"/pembinaan/"+s.ID, http.StatusSeeOther)
}

func sesiPesan(err error) string {
	if e, ok := fault.As(err); ok {
		return e.Message
	}
	return "Permintaan ditolak."
}

// --- one session

type sesiPage struct {
	S                  sesiTampil
	Nama, Base, Daftar string
	Desa               []cetakDesa
	Materi             []PembinaanMateri
	Narasumber         []PembinaanNarasumber
	Boleh              bool // may change it (an OPD user: its own OPD's only)
	Pesan              string
	F                  web.Form
	Status             []sesiPilihan
}

func (m *Module) sesiHalaman(ctx context.Context, id string) (sesiPage, error) {
	k := sesiKode(ctx)
	dh, err := m.DaftarHadir(ctx, id)
	if err != nil {
		return sesiPage{}, err
	}
	d := sesiPage{S: sesiTampilOf(dh.Sesi), Nama: m.sesiNama(ctx, k), Daftar: "/wilayah/" + string(k) + "/pembinaan",
		Narasumber: dh.Sesi.Narasumber, F: web.NewForm("materi", nil)}
	d.Base = d.S.Href
	for _, x := range dh.Desa {
		d.Desa = append(d.Desa, cetakDesa{PembinaanDaftarDesa: x, TidakHadirLabel: sesiLabels(JabatanPerangkat, x.TidakHadir)})
	}
	if d.Materi, err = m.DaftarMateri(ctx, id); err != nil {
		return d, err
	}
	d.Boleh = m.sesiBolehUbah(ctx, sesiBaris{OPDID: dh.Sesi.OPDID, Penyelenggara: dh.Sesi.Penyelenggara}) == nil
	for _, st := range []string{StatusRencana, StatusSelesai, StatusBatal} {
		if st != dh.Sesi.Status {
			d.Status = append(d.Status, sesiPilihan{st, map[string]string{StatusRencana: "Kembalikan ke rencana", StatusSelesai: "Tandai selesai", StatusBatal: "Batalkan sesi"}[st]})
		}
	}
	return d, nil
}

func (m *Module) pageSesi(w http.ResponseWriter, r *http.Request) {
	d, err := m.sesiHalaman(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = map[string]string{"materi": "Materi tersimpan.", "status": "Status sesi diubah.", "hapus": "Materi dihapus."}[r.URL.Query().Get("pesan")]
	m.pages.Render(w, r, http.StatusOK, "sesi_detail", d.S.Judul, d)
}

func (m *Module) sesiGagal(w http.ResponseWriter, r *http.Request, err error, f web.Form) {
	if fault.Is(err, fault.Forbidden) {
		m.pages.Error(w, r, http.StatusForbidden, sesiPesan(err))
		return
	}
	id := r.PathValue("id")
	web.Refill(m.pages, w, r, err, f, "sesi_detail", "Sesi pembinaan",
		func() (sesiPage, error) { return m.sesiHalaman(r.Context(), id) },
		func(d *sesiPage, f web.Form) { d.F = f })
}

func (m *Module) postSesiStatus(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	s, err := m.UbahStatusSesi(r.Context(), r.PathValue("id"), r.PostForm.Get("status"))
	if err != nil {
		m.sesiGagal(w, r, err, web.NewForm("materi", r.PostForm))
		return
	}
	http.Redirect(w, r, "/wilayah/"+s.Wilayah+"/pembinaan/"+s.ID+"?pesan=status", http.StatusSeeOther)
}

func (m *Module) postMateri(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm("materi", url.Values{"berkas": {""}})
	if r.ContentLength > materiMaksBody {
		m.sesiGagal(w, r, errMateriBesar, f)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, materiMaksBody)
	part, err := web.FilePart(r, materiField, web.FileErrors{NoFile: errMateriKosong, TooBig: errMateriBesar, Unreadable: errMateriTakTerbaca})
	if err != nil {
		m.sesiGagal(w, r, err, f)
		return
	}
	defer part.Close()
	b, err := materiBaca(part)
	if err == nil {
		_, err = m.TambahMateri(r.Context(), r.PathValue("id"), part.FileName(), b)
	}
	if err != nil {
		m.sesiGagal(w, r, err, f)
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(sesiKode(r.Context()))+"/pembinaan/"+r.PathValue("id")+"?pesan=materi", http.StatusSeeOther)
}

func (m *Module) pageMateri(w http.ResponseWriter, r *http.Request) {
	mt, b, err := m.BukaMateri(r.Context(), r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	web.Download(w, mt.JenisBerkas, mt.Nama, b)
}

func (m *Module) postMateriHapus(w http.ResponseWriter, r *http.Request) {
	if err := m.HapusMateri(r.Context(), r.PathValue("id"), r.PathValue("mid")); err != nil {
		m.sesiGagal(w, r, err, web.NewForm("materi", nil))
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(sesiKode(r.Context()))+"/pembinaan/"+r.PathValue("id")+"?pesan=hapus", http.StatusSeeOther)
}

// --- at the door

type hadirPage struct {
	S                  sesiTampil
	Q, Action, Kembali string
	Orang              []sesiPerangkatBaris
	JumlahHadir        int
	Batal              bool
	Pesan              string
}

func (m *Module) pageHadir(w http.ResponseWriter, r *http.Request) {
	m.renderHadir(w, r, http.StatusOK, r.URL.Query().Get("q"), "")
}

func (m *Module) renderHadir(w http.ResponseWriter, r *http.Request, status int, q, pesan string) {
	ctx := r.Context()
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	s, orang, err := m.sesiPintu(ctx, r.PathValue("id"), q)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d := hadirPage{S: sesiTampilOf(s), Q: q, Orang: orang, Batal: s.Status == StatusBatal, Pesan: pesan}
	d.Action = d.S.Href + "/hadir"
	d.Kembali = d.S.Href
	for _, o := range orang {
		if o.Hadir {
			d.JumlahHadir++
		}
	}
	m.pages.Render(w, r, status, "hadir", "Kehadiran: "+s.Judul, d)
}

func (m *Module) postHadir(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	v := r.PostForm
	desa, err := sesiDesaParam(v.Get("desa"))
	if err == nil {
		if v.Get("aksi") == "batal" {
			err = m.HapusHadir(ctx, r.PathValue("id"), desa, v.Get("perangkat"))
		} else {
			_, err = m.CatatHadir(ctx, r.PathValue("id"), desa, v.Get("perangkat"))
		}
	}
	if err != nil {
		if fe, ok := fault.As(err); ok && (fe.Code == fault.Conflict || fe.Code == fault.NotFound) {
			m.renderHadir(w, r, map[fault.Code]int{fault.Conflict: http.StatusConflict, fault.NotFound: http.StatusNotFound}[fe.Code], v.Get("q"), fe.Message)
			return
		}
		if fault.Is(err, fault.Forbidden) {
			m.pages.Error(w, r, http.StatusForbidden, sesiPesan(err))
			return
		}
		m.pages.ServerError(w, r, err)
		return
	}
	back := "/wilayah/" + string(sesiKode(ctx)) + "/pembinaan/" + r.PathValue("id") + "/hadir"
	if q := v.Get("q"); q != "" {
		back += "?" + url.Values{"q": {q}}.Encode()
	}
	http.Redirect(w, r, back+"#p-"+v.Get("perangkat"), http.StatusSeeOther)
}

// --- the printable daftar hadir

type cetakPage struct {
	S      sesiTampil
	Nama   string
	Desa   []cetakDesa
	Kosong []int
}

type cetakDesa struct {
	PembinaanDaftarDesa
	TidakHadirLabel []string
	Kosong          []int
}

func (m *Module) pageDaftarHadir(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	dh, err := m.DaftarHadir(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d := cetakPage{S: sesiTampilOf(dh.Sesi), Nama: m.sesiNama(ctx, sesiKode(ctx))}
	for _, x := range dh.Desa {
		c := cetakDesa{PembinaanDaftarDesa: x, TidakHadirLabel: sesiLabels(JabatanPerangkat, x.TidakHadir)}
		if dh.Sesi.Status == StatusRencana {
			// Blank lines to sign on paper, besides those ticked.
			for i := len(x.Hadir); i < len(x.Hadir)+3; i++ {
				c.Kosong = append(c.Kosong, i+1)
			}
		}
		d.Desa = append(d.Desa, c)
	}
	m.pages.Render(w, r, http.StatusOK, "hadir_cetak", "Daftar hadir: "+dh.Sesi.Judul, d)
}

// --- the desa's invitations

type undanganTampil struct {
	PembinaanUndangan
	Waktu, JenisLabel, StatusLabel string
	TopikLabel, JabatanLabel       []string
	TidakHadirLabel                []string
	Base                           string
}

type undanganPage struct {
	Nama      string
	Mendatang []undanganTampil
	Lalu      []undanganTampil
}

func (m *Module) pageUndangan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := sesiKode(ctx)
	us, err := m.Undangan(ctx)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	d := undanganPage{Nama: m.sesiNama(ctx, k)}
	z := civil.Zone(k)
	now := m.now()
	for _, u := range us {
		t := undanganTampil{PembinaanUndangan: u, Waktu: sesiWaktuTeks(u.Mulai, u.Selesai, z), JenisLabel: jenisLabel[u.Jenis],
			StatusLabel: statusLabel[u.Status], TopikLabel: sesiLabels(TopikPembinaan, u.Topik), JabatanLabel: sesiLabels(JabatanPerangkat, u.JabatanWajib),
			TidakHadirLabel: sesiLabels(JabatanPerangkat, u.TidakHadir), Base: "/desa/" + string(k) + "/pembinaan/" + u.PembinaanID}
		if u.Selesai.After(now) && u.Status == StatusRencana {
			d.Mendatang = append([]undanganTampil{t}, d.Mendatang...)
		} else {
			d.Lalu = append(d.Lalu, t)
		}
	}
	m.pages.Render(w, r, http.StatusOK, "undangan", "Undangan pembinaan "+d.Nama, d)
}

func (m *Module) pageUndanganMateri(w http.ResponseWriter, r *http.Request) {
	mt, b, err := m.BukaMateriDesa(r.Context(), r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	web.Download(w, mt.JenisBerkas, mt.Nama, b)
}
