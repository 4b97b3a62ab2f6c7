package program

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The RPJM's pages: the tree of the kabupaten's RPJM at any wilayah of it
// (a camat or the forum reads their kabupaten's), and at the kabupaten,
// for its writers (bolehTulisRPJM: the admin and the planning agency),
// the forms to add a period, add, change and delete nodes and their
// targets, and the XLSX import. Every form calls the store methods the
// API calls.

// maxFormRPJM bounds a page form's body.
const maxFormRPJM = 64 << 10

func (m *Module) routesRPJM(mux *http.ServeMux) {
	semua := []tenancy.Level{tenancy.Kabupaten, tenancy.Kecamatan, tenancy.Desa}
	kab := []tenancy.Level{tenancy.Kabupaten}
	const base = "/wilayah/{kode}/rpjm"
	m.web.HandleWilayah(mux, "GET "+base, PermRPJMBaca, semua, m.pageRPJM)
	m.web.HandleWilayah(mux, "POST "+base, PermRPJMTulis, kab, m.penulis(m.postRPJMBaru))
	m.web.HandleWilayah(mux, "POST "+base+"/periode/{id}/ubah", PermRPJMTulis, kab, m.penulis(m.postRPJMUbah))
	m.web.HandleWilayah(mux, "POST "+base+"/periode/{id}/hapus", PermRPJMTulis, kab, m.penulis(m.postRPJMHapus))
	m.web.HandleWilayah(mux, "POST "+base+"/node", PermRPJMTulis, kab, m.penulis(m.postNodeBaru))
	m.web.HandleWilayah(mux, "GET "+base+"/node/{id}", PermRPJMTulis, kab, m.penulis(m.pageNode))
	m.web.HandleWilayah(mux, "POST "+base+"/node/{id}", PermRPJMTulis, kab, m.penulis(m.postNodeUbah))
	m.web.HandleWilayah(mux, "POST "+base+"/node/{id}/hapus", PermRPJMTulis, kab, m.penulis(m.postNodeHapus))
	m.web.HandleWilayah(mux, "GET "+base+"/impor", PermRPJMTulis, kab, m.penulis(m.pageImporRPJM))
	m.web.HandleWilayah(mux, "POST "+base+"/impor", PermRPJMTulis, kab, m.penulis(m.postImporRPJM))
	m.web.HandleWilayah(mux, "GET "+base+"/templat", PermRPJMTulis, kab, m.penulis(m.pageTemplat))
}

// penulis lets only the RPJM's writers through (an OPD other than the
// planning agency gets the 403 page with the reason).
func (m *Module) penulis(h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		t, _ := tenancy.From(r.Context())
		if err := m.bolehTulisRPJM(r.Context(), t.Kode); err != nil {
			if f, ok := fault.As(err); ok && f.Code == fault.Forbidden {
				m.pages.Error(rw, r, http.StatusForbidden, f.Message)
				return
			}
			m.pages.ServerError(rw, r, err)
			return
		}
		h(rw, r)
	}
}

func (m *Module) namaWilayahRPJM(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

func bacaFormRPJM(rw http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormRPJM)
	return r.ParseForm() == nil
}

type opsiRPJM struct{ Value, Label string }

var opsiJenisNode = []opsiRPJM{{string(JenisMisi), "Misi"}, {string(JenisTujuan), "Tujuan"},
	{string(JenisSasaran), "Sasaran"}, {string(JenisIndikator), "Indikator kinerja"}}

type periodeLink struct {
	Label, Href string
	Aktif       bool
}

type tahunNilai struct {
	Tahun int
	Nilai string // "–" when not set
	Field string // the form field of its target
}

// simpulView is a node as the page shows it.
type simpulView struct {
	*Simpul
	Judul string
	Ubah  string // the node's edit page, "" for a reader
	// UbahTeks is the edit link's text.
	UbahTeks string
	Target   []tahunNilai
	Anak     []simpulView
}

type rpjmPage struct {
	Wilayah     string
	NamaWilayah string
	NamaKab     string
	DiKab       bool
	KabHref     string
	Tahun       int
	Periode     []periodeLink
	Ada         bool
	RPJM        RPJM
	Baseline    bool
	Misi        []simpulView
	Tulis       bool
	Base        string
	Impor       string
	Templat     string
	UbahAction  string
	HapusAction string
	Jenis       []opsiRPJM
	TahunForm   []tahunNilai // the target fields of the add form
	Baru        web.Form
	Periode1    web.Form
	Hapus       web.Form
	Tambah      web.Form
}

func angkaTeks(v float64) string { return web.Angka(v) }

func (m *Module) viewSimpul(s *Simpul, r RPJM, base string, tulis bool) simpulView {
	v := simpulView{Simpul: s, Judul: s.Jenis.Judul() + " " + s.Kode}
	if tulis {
		v.Ubah = base + "/node/" + s.ID
		v.UbahTeks = "Ubah " + strings.ToLower(s.Jenis.Judul()) + " " + s.Kode
		if s.Jenis == JenisIndikator {
			v.UbahTeks += " atau atur targetnya"
		}
	}
	if s.Jenis == JenisIndikator {
		by := map[int]float64{}
		for _, t := range s.Target {
			by[t.Tahun] = t.Target
		}
		for _, y := range r.Tahun() {
			n := "–"
			if x, ok := by[y]; ok {
				n = angkaTeks(x)
			}
			v.Target = append(v.Target, tahunNilai{Tahun: y, Nilai: n})
		}
	}
	for _, a := range s.Anak {
		v.Anak = append(v.Anak, m.viewSimpul(a, r, base, tulis))
	}
	return v
}

// rpjmData reads the page of wilayah k for tahun (0: this year).
func (m *Module) rpjmData(ctx context.Context, k tenancy.Kode, tahun int) (rpjmPage, error) {
	kab := kabupatenOf(k)
	tahun = m.tahunAtau(tahun)
	base := "/wilayah/" + string(k) + "/rpjm"
	d := rpjmPage{Wilayah: "/wilayah/" + string(k), NamaWilayah: m.namaWilayahRPJM(ctx, k), NamaKab: m.namaWilayahRPJM(ctx, kab),
		DiKab: k == kab, Tahun: tahun, Base: base, Jenis: opsiJenisNode,
		Baru: web.NewForm("baru", nil), Periode1: web.NewForm("periode", nil), Hapus: web.NewForm("hapus", nil), Tambah: web.NewForm("tambah", nil)}
	if !d.DiKab {
		d.KabHref = "/wilayah/" + string(kab) + "/rpjm"
	}
	d.Tulis = d.DiKab && m.bolehTulisRPJM(ctx, k) == nil
	p, semua, ok, err := m.PohonRPJM(ctx, kab, tahun)
	if err != nil {
		return d, err
	}
	for _, s := range semua {
		d.Periode = append(d.Periode, periodeLink{Label: strconv.Itoa(s.TahunMulai) + "–" + strconv.Itoa(s.TahunAkhir),
			Href: base + "?tahun=" + strconv.Itoa(s.TahunMulai), Aktif: ok && s.ID == p.RPJM.ID})
	}
	if d.Tulis {
		q := "?tahun=" + strconv.Itoa(tahun)
		d.Impor, d.Templat = base+"/impor"+q, base+"/templat"+q
	}
	if !ok {
		return d, nil
	}
	d.Ada, d.RPJM = true, p.RPJM
	for _, mi := range p.Misi {
		d.Misi = append(d.Misi, m.viewSimpul(mi, p.RPJM, base, d.Tulis))
	}
	if d.Tulis {
		d.UbahAction = base + "/periode/" + p.RPJM.ID + "/ubah"
		d.HapusAction = base + "/periode/" + p.RPJM.ID + "/hapus"
		d.Periode1 = web.NewForm("periode", url.Values{"nama": {p.RPJM.Nama}, "visi": {p.RPJM.Visi},
			"tahun_mulai": {strconv.Itoa(p.RPJM.TahunMulai)}, "tahun_akhir": {strconv.Itoa(p.RPJM.TahunAkhir)}})
		for _, y := range p.RPJM.Tahun() {
			d.TahunForm = append(d.TahunForm, tahunNilai{Tahun: y, Field: "target_" + strconv.Itoa(y)})
		}
	}
	return d, nil
}

func tahunQueryRPJM(r *http.Request) int {
	t, err := strconv.Atoi(r.URL.Query().Get("tahun"))
	if err != nil || t < TahunRPJMMin || t > TahunRPJMMaks {
		return 0
	}
	return t
}

func (m *Module) pageRPJM(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	d, err := m.rpjmData(r.Context(), t.Kode, tahunQueryRPJM(r))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "rpjm", "RPJM "+d.NamaKab, d)
}

// refill shows the RPJM page again with form f refused by err.
func (m *Module) refillRPJM(rw http.ResponseWriter, r *http.Request, err error, f web.Form, tahun int, put func(*rpjmPage, web.Form)) {
	t, _ := tenancy.From(r.Context())
	web.Refill(m.pages, rw, r, err, f, "rpjm", "RPJM", func() (rpjmPage, error) { return m.rpjmData(r.Context(), t.Kode, tahun) }, put)
}

func atoiForm(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

func rpjmDataOf(v url.Values) RPJMData {
	return RPJMData{Nama: v.Get("nama"), Visi: v.Get("visi"), TahunMulai: atoiForm(v.Get("tahun_mulai")), TahunAkhir: atoiForm(v.Get("tahun_akhir"))}
}

func (m *Module) selesaiRPJM(rw http.ResponseWriter, r *http.Request, tahun int) {
	t, _ := tenancy.From(r.Context())
	http.Redirect(rw, r, "/wilayah/"+string(t.Kode)+"/rpjm?tahun="+strconv.Itoa(tahun), http.StatusSeeOther)
}

var errFormRusak = fault.Field("", "Formulir tidak dapat dibaca; muat ulang halaman lalu kirim lagi.")

func (m *Module) postRPJMBaru(rw http.ResponseWriter, r *http.Request) {
	if !bacaFormRPJM(rw, r) {
		m.refillRPJM(rw, r, errFormRusak, web.NewForm("baru", nil), 0, func(d *rpjmPage, f web.Form) { d.Baru = f })
		return
	}
	t, _ := tenancy.From(r.Context())
	in := rpjmDataOf(r.PostForm)
	rp, err := m.BuatRPJM(r.Context(), t.Kode, in, false)
	if err != nil {
		m.refillRPJM(rw, r, err, web.NewForm("baru", r.PostForm), 0, func(d *rpjmPage, f web.Form) { d.Baru = f })
		return
	}
	m.selesaiRPJM(rw, r, rp.TahunMulai)
}

func (m *Module) postRPJMUbah(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	id := r.PathValue("id")
	tahun := atoiForm(r.URL.Query().Get("tahun"))
	if !bacaFormRPJM(rw, r) {
		m.refillRPJM(rw, r, errFormRusak, web.NewForm("periode", nil), tahun, func(d *rpjmPage, f web.Form) { d.Periode1 = f })
		return
	}
	rp, err := m.UbahRPJM(r.Context(), t.Kode, id, rpjmDataOf(r.PostForm))
	if err != nil {
		m.refillRPJM(rw, r, err, web.NewForm("periode", r.PostForm), tahun, func(d *rpjmPage, f web.Form) { d.Periode1 = f })
		return
	}
	m.selesaiRPJM(rw, r, rp.TahunMulai)
}

func (m *Module) postRPJMHapus(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	tahun := atoiForm(r.URL.Query().Get("tahun"))
	if !bacaFormRPJM(rw, r) || r.PostForm.Get("yakin") == "" {
		m.refillRPJM(rw, r, fault.Field("yakin", "Centang kotak persetujuan untuk menghapus periode RPJM beserta seluruh isinya."),
			web.NewForm("hapus", nil), tahun, func(d *rpjmPage, f web.Form) { d.Hapus = f })
		return
	}
	if err := m.HapusRPJM(r.Context(), t.Kode, r.PathValue("id")); err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	m.selesaiRPJM(rw, r, tahun)
}

// nodeIsiOf reads the node fields of a form: uraian, satuan, baseline and
// one target_YYYY field per year of r. A number it cannot read is a
// problem of its field; years lists the targets' years in order (to name
// a refused target's field).
func nodeIsiOf(v url.Values, r RPJM) (NodeIsi, []int, error) {
	isi := NodeIsi{Uraian: v.Get("uraian"), Satuan: v.Get("satuan")}
	var probs []*fault.Error
	if s := strings.TrimSpace(v.Get("baseline")); s != "" {
		if x, ok := angkaSel(s); ok {
			isi.Baseline = &x
		} else {
			probs = append(probs, fault.Field("body.baseline", "Baseline %q bukan angka.", s))
		}
	}
	var years []int
	for _, y := range r.Tahun() {
		f := "target_" + strconv.Itoa(y)
		s := strings.TrimSpace(v.Get(f))
		if s == "" {
			continue
		}
		x, ok := angkaSel(s)
		if !ok {
			probs = append(probs, fault.Field("body."+f, "Target %d %q bukan angka.", y, s))
			continue
		}
		isi.Target = append(isi.Target, TargetRPJM{Tahun: y, Target: x})
		years = append(years, y)
	}
	if len(probs) > 0 {
		return isi, years, fault.Invalids(probs)
	}
	return isi, years, nil
}

var targetIdxRPJM = regexp.MustCompile(`^body\.target\[(\d+)\]\..*$`)

// targetFields names a refused target by its form field (target_YYYY).
func targetFields(err error, years []int) error {
	return fault.RenameFields(err, func(f string) string {
		if m := targetIdxRPJM.FindStringSubmatch(f); m != nil {
			if k, _ := strconv.Atoi(m[1]); k < len(years) {
				return "body.target_" + strconv.Itoa(years[k])
			}
		}
		return f
	})
}

func (m *Module) postNodeBaru(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	tahun := atoiForm(r.URL.Query().Get("tahun"))
	put := func(d *rpjmPage, f web.Form) { d.Tambah = f }
	if !bacaFormRPJM(rw, r) {
		m.refillRPJM(rw, r, errFormRusak, web.NewForm("tambah", nil), tahun, put)
		return
	}
	f := web.NewForm("tambah", r.PostForm)
	var rp RPJM
	err := m.diKabupaten(ctx, t.Kode, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		var err error
		rp, err = bacaRPJM(ctx, tx, desaID, r.PostForm.Get("rpjm_id"))
		return err
	})
	if err != nil {
		m.refillRPJM(rw, r, fault.Field("", "Periode RPJM tidak ditemukan; muat ulang halaman."), f, tahun, put)
		return
	}
	isi, years, err := nodeIsiOf(r.PostForm, rp)
	if err == nil {
		_, err = m.TambahNode(ctx, t.Kode, rp.ID, NodeData{Jenis: JenisNode(r.PostForm.Get("jenis")), Kode: r.PostForm.Get("kode"), NodeIsi: isi})
		err = targetFields(err, years)
	}
	if err != nil {
		m.refillRPJM(rw, r, err, f, rp.TahunMulai, put)
		return
	}
	m.selesaiRPJM(rw, r, rp.TahunMulai)
}

// nodeRPJMPage is a node's edit page.
type nodeRPJMPage struct {
	Kembali     string
	NamaKab     string
	RPJM        RPJM
	Node        Simpul
	Judul       string
	Indikator   bool
	Action      string
	HapusAction string
	TahunForm   []tahunNilai
	Ubah        web.Form
	Hapus       web.Form
}

func (m *Module) nodeData(ctx context.Context, k tenancy.Kode, id string) (nodeRPJMPage, error) {
	s, rp, err := m.NodeRPJM(ctx, k, id)
	if err != nil {
		return nodeRPJMPage{}, err
	}
	base := "/wilayah/" + string(k) + "/rpjm"
	d := nodeRPJMPage{Kembali: base + "?tahun=" + strconv.Itoa(rp.TahunMulai), NamaKab: m.namaWilayahRPJM(ctx, k), RPJM: rp, Node: s,
		Judul: s.Jenis.Judul() + " " + s.Kode, Indikator: s.Jenis == JenisIndikator,
		Action: base + "/node/" + s.ID, HapusAction: base + "/node/" + s.ID + "/hapus", Hapus: web.NewForm("hapus", nil)}
	v := url.Values{"uraian": {s.Uraian}, "satuan": {s.Satuan}}
	if s.Baseline != nil {
		v.Set("baseline", strconv.FormatFloat(*s.Baseline, 'f', -1, 64))
	}
	for _, t := range s.Target {
		v.Set("target_"+strconv.Itoa(t.Tahun), strconv.FormatFloat(t.Target, 'f', -1, 64))
	}
	for _, y := range rp.Tahun() {
		d.TahunForm = append(d.TahunForm, tahunNilai{Tahun: y, Field: "target_" + strconv.Itoa(y)})
	}
	d.Ubah = web.NewForm("ubah", v)
	return d, nil
}

func (m *Module) pageNode(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	d, err := m.nodeData(r.Context(), t.Kode, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "rpjm_node", d.Judul, d)
}

func (m *Module) postNodeUbah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	id := r.PathValue("id")
	d, err := m.nodeData(ctx, t.Kode, id)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if !bacaFormRPJM(rw, r) {
		err = errFormRusak
	} else {
		var (
			isi   NodeIsi
			years []int
		)
		isi, years, err = nodeIsiOf(r.PostForm, d.RPJM)
		if err == nil {
			_, err = m.UbahNode(ctx, t.Kode, id, isi)
			err = targetFields(err, years)
		}
	}
	if err != nil {
		web.Refill(m.pages, rw, r, err, web.NewForm("ubah", r.PostForm), "rpjm_node", d.Judul,
			func() (nodeRPJMPage, error) { return d, nil }, func(p *nodeRPJMPage, f web.Form) { p.Ubah = f })
		return
	}
	m.selesaiRPJM(rw, r, d.RPJM.TahunMulai)
}

func (m *Module) postNodeHapus(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d, err := m.nodeData(ctx, t.Kode, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if !bacaFormRPJM(rw, r) || r.PostForm.Get("yakin") == "" {
		web.Refill(m.pages, rw, r, fault.Field("yakin", "Centang kotak persetujuan untuk menghapus unsur ini beserta semua unsur di bawahnya."),
			web.NewForm("hapus", nil), "rpjm_node", d.Judul, func() (nodeRPJMPage, error) { return d, nil }, func(p *nodeRPJMPage, f web.Form) { p.Hapus = f })
		return
	}
	if err := m.HapusNode(ctx, t.Kode, d.Node.ID); err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	m.selesaiRPJM(rw, r, d.RPJM.TahunMulai)
}

// --- import

type imporRPJMPage struct {
	Kembali   string
	NamaKab   string
	Tahun     int
	Ada       bool
	RPJM      RPJM
	Action    string
	Templat   string
	Form      web.Form
	Hasil     *HasilImporRPJM
	Kesalahan []KesalahanImporRPJM
	Lainnya   int
}

func (m *Module) imporRPJMData(ctx context.Context, k tenancy.Kode, tahun int) (imporRPJMPage, error) {
	tahun = m.tahunAtau(tahun)
	base := "/wilayah/" + string(k) + "/rpjm"
	q := "?tahun=" + strconv.Itoa(tahun)
	d := imporRPJMPage{Kembali: base + q, NamaKab: m.namaWilayahRPJM(ctx, k), Tahun: tahun, Action: base + "/impor" + q,
		Templat: base + "/templat" + q, Form: web.NewForm("impor", nil)}
	rp, ok, err := m.RPJMTerkini(ctx, k, tahun)
	d.Ada, d.RPJM = ok, rp
	return d, err
}

func (m *Module) pageImporRPJM(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	d, err := m.imporRPJMData(r.Context(), t.Kode, tahunQueryRPJM(r))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "rpjm_impor", "Impor RPJM dari XLSX", d)
}

func (m *Module) postImporRPJM(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	d, err := m.imporRPJMData(ctx, t.Kode, tahunQueryRPJM(r))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	fail := func(err error) {
		var ie *ImporRPJMError
		if errors.As(err, &ie) {
			d.Kesalahan, d.Lainnya = ie.Kesalahan, ie.Lainnya
			d.Form.AddError("berkas", "Berkas berisi "+strconv.Itoa(len(ie.Kesalahan)+ie.Lainnya)+
				" kesalahan; tidak ada yang disimpan. Lihat daftar kesalahan di bawah, perbaiki berkas lalu unggah lagi.")
			m.pages.Render(rw, r, http.StatusUnprocessableEntity, "rpjm_impor", "Impor RPJM dari XLSX", d)
			return
		}
		if status, ok := m.pages.Failed(rw, r, err, &d.Form); ok {
			m.pages.Render(rw, r, status, "rpjm_impor", "Impor RPJM dari XLSX", d)
		}
	}
	tooBig := fault.Field("body.berkas", "Berkas terlalu besar: maksimal 2 MiB.")
	if r.ContentLength > MaxImporRPJMBytes+64<<10 {
		fail(tooBig)
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, MaxImporRPJMBytes+64<<10)
	part, err := web.FilePart(r, "berkas", web.FileErrors{
		NoFile:     fault.Field("body.berkas", "Pilih berkas XLSX yang akan diimpor."),
		TooBig:     tooBig,
		Unreadable: fault.Field("body.berkas", "Berkas tidak dapat dibaca; pilih berkas XLSX lalu kirim lagi."),
	})
	if err != nil {
		fail(err)
		return
	}
	data, err := io.ReadAll(io.LimitReader(part, MaxImporRPJMBytes+1))
	part.Close()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(tooBig)
			return
		}
		fail(fault.Field("body.berkas", "Berkas tidak dapat dibaca; pilih berkas XLSX lalu kirim lagi."))
		return
	}
	h, err := m.ImporRPJM(ctx, t.Kode, d.Tahun, data)
	if err != nil {
		fail(err)
		return
	}
	d.Hasil = &h
	m.pages.Render(rw, r, http.StatusOK, "rpjm_impor", "Impor RPJM dari XLSX", d)
}

func (m *Module) pageTemplat(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	tahun := m.tahunAtau(tahunQueryRPJM(r))
	b, err := m.RPJMTemplat(r.Context(), t.Kode, tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	web.Download(rw, tipeXLSXRPJM, "templat-impor-rpjm-"+strconv.Itoa(tahun)+".xlsx", b)
}

// isianIndikator is the indikator fields of a node form: satuan,
// baseline and a target per year.
type isianIndikator struct {
	F     web.Form
	Tahun []tahunNilai
}

// IsianTambah is the indikator fields of the add form.
func (d rpjmPage) IsianTambah() isianIndikator {
	return isianIndikator{F: d.Tambah, Tahun: d.TahunForm}
}

// IsianUbah is the indikator fields of the edit form.
func (d nodeRPJMPage) IsianUbah() isianIndikator {
	return isianIndikator{F: d.Ubah, Tahun: d.TahunForm}
}
