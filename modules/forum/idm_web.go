package forum

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The IDM page of a kecamatan or kabupaten: the desa's IDM of one year
// with status badges and flags (PermPanel), and, for who holds PermIDM,
// the import form; a sent form shows the same page with what the import
// did or every wrong row.

func (m *Module) routesIDMWeb(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/idm", PermPanel, idmLevels, m.pageIDM)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/idm/impor", PermIDM, idmLevels, m.pageIDMImpor)
}

// idmBarisView is one desa of the table.
type idmBarisView struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
	Ada           bool
	IKS, IKE, IKL string
	Nilai         string
	Status        string
	Kelas         string // the badge's class
	Beda          bool
	StatusBerkas  string
	Demo          bool
}

type idmTahunView struct {
	Tahun int
	Href  string
	Aktif bool
}

type idmImporView struct {
	ImporIDMCatatan
	Waktu string
}

type idmView struct {
	Kode      tenancy.Kode
	Nama      string
	Kabupaten bool
	Tahun     int
	Tahunan   []idmTahunView
	Baris     []idmBarisView
	Rekap     []RekapIDM
	Berisi    int // desa with a value of Tahun
	Beda      int
	Demo      int
	Action    string
	Form      web.Form
	Hasil     *HasilImporIDM
	Kesalahan []KesalahanIDM
	Lainnya   int
	Impor     []idmImporView
}

// idmKelas is the badge of a status: red below BERKEMBANG, amber for it,
// green above (the status is always written out; colour is not alone).
func idmKelas(status string) string {
	switch status {
	case IDMSangatTertinggal, IDMTertinggal:
		return "lencana lencana-nasional"
	case IDMBerkembang:
		return "lencana lencana-cuti"
	}
	return "lencana lencana-daerah"
}

// idmTahunHalaman is the year a page shows: ?tahun= when it is one, else
// the newest year with data, else last year.
func idmTahunHalaman(r *http.Request, years []int, now int) int {
	if t, err := strconv.Atoi(r.URL.Query().Get("tahun")); err == nil && t >= TahunIDMMin && t <= TahunIDMMax {
		return t
	}
	if len(years) > 0 {
		return years[0]
	}
	return now - 1
}

func (m *Module) idmView(ctx context.Context, kode tenancy.Kode, tahun int, r *http.Request) (idmView, error) {
	base := "/wilayah/" + string(kode) + "/idm"
	v := idmView{Kode: kode, Kabupaten: kode.Level() == tenancy.Kabupaten, Action: base + "/impor"}
	var err error
	if v.Nama, err = m.regions.Nama(ctx, kode); err != nil {
		return v, err
	}
	years, err := m.TahunIDM(ctx, kode)
	if err != nil {
		return v, err
	}
	now := civil.Today(m.now(), kode).Year()
	if tahun == 0 {
		tahun = idmTahunHalaman(r, years, now)
	}
	v.Tahun = tahun
	for _, y := range years {
		v.Tahunan = append(v.Tahunan, idmTahunView{Tahun: y, Href: base + "?tahun=" + strconv.Itoa(y), Aktif: y == tahun})
	}
	v.Form = web.NewForm("idm", url.Values{"tahun": {strconv.Itoa(tahun)}, "berkas": {""}})
	desa, err := m.regions.DesaIn(ctx, kode)
	if err != nil {
		return v, err
	}
	vals, err := m.IDMWilayah(ctx, kode, tahun)
	if err != nil {
		return v, err
	}
	by := make(map[tenancy.Kode]IDM, len(vals))
	for _, x := range vals {
		by[x.Desa] = x
	}
	var statuses []string
	for _, d := range desa {
		b := idmBarisView{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
		if x, ok := by[d.Kode]; ok {
			b.Ada = true
			b.IKS, b.IKE, b.IKL, b.Nilai = idmTeksNilai(x.IKS), idmTeksNilai(x.IKE), idmTeksNilai(x.IKL), idmTeksNilai(x.Nilai)
			b.Status, b.Kelas, b.Beda, b.StatusBerkas, b.Demo = x.Status, idmKelas(x.Status), x.Beda, x.StatusBerkas, x.Demo
			statuses = append(statuses, x.Status)
			v.Berisi++
			if x.Beda {
				v.Beda++
			}
			if x.Demo {
				v.Demo++
			}
		}
		v.Baris = append(v.Baris, b)
	}
	v.Rekap = idmRekap(statuses)
	list, err := m.idmImporTerakhir(ctx, kode, 5)
	if err != nil {
		return v, err
	}
	for _, c := range list {
		v.Impor = append(v.Impor, idmImporView{ImporIDMCatatan: c, Waktu: c.CreatedAt.In(civil.Zone(kode)).Format("02-01-2006 15.04")})
	}
	return v, nil
}

func idmJudul(v idmView) string {
	return "IDM desa " + strconv.Itoa(v.Tahun) + " · " + v.Nama
}

func (m *Module) pageIDM(rw http.ResponseWriter, r *http.Request) {
	t, _ := tenancy.From(r.Context())
	v, err := m.idmView(r.Context(), t.Kode, 0, r)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "idm", idmJudul(v), v)
}

// pageIDMImpor takes the form (multipart: "tahun" and the file "berkas")
// and shows the page of the year imported with the result, or the form
// again with every wrong row.
func (m *Module) pageIDMImpor(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	tahunForm := ""
	fail := func(err error) {
		tahun, _ := strconv.Atoi(tahunForm)
		if tahun < TahunIDMMin || tahun > TahunIDMMax {
			tahun = 0
		}
		v, verr := m.idmView(ctx, t.Kode, tahun, r)
		if verr != nil {
			m.pages.Fault(rw, r, verr)
			return
		}
		v.Form.Values.Set("tahun", tahunForm)
		var ie *ImporIDMError
		if errors.As(err, &ie) {
			v.Kesalahan, v.Lainnya = ie.Kesalahan, ie.Lainnya
			n := len(ie.Kesalahan) + ie.Lainnya
			v.Form.AddError("berkas", "Berkas berisi "+strconv.Itoa(n)+" kesalahan; tidak ada nilai yang disimpan. Lihat daftar kesalahan di bawah, perbaiki berkas lalu unggah lagi.")
			m.pages.Render(rw, r, http.StatusUnprocessableEntity, "idm", idmJudul(v), v)
			return
		}
		if status, ok := m.pages.Failed(rw, r, err, &v.Form); ok {
			m.pages.Render(rw, r, status, "idm", idmJudul(v), v)
		}
	}
	if r.ContentLength > maxIDMBody {
		fail(errIDMBesar)
		return
	}
	r.Body = http.MaxBytesReader(rw, r.Body, maxIDMBody)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(errIDMFormulir)
		return
	}
	f, err := idmBacaFormulir(mr)
	tahunForm = f.tahun
	if err != nil {
		fail(err)
		return
	}
	tahun, err := strconv.Atoi(f.tahun)
	if err != nil {
		fail(errIDMTahunForm)
		return
	}
	h, err := m.ImporIDM(ctx, t.Kode, tahun, f.nama, f.data)
	if err != nil {
		fail(err)
		return
	}
	v, err := m.idmView(ctx, t.Kode, tahun, r)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	v.Hasil = &h
	m.pages.Render(rw, r, http.StatusOK, "idm", idmJudul(v), v)
}

var (
	errIDMFormulir  = fault.Field("berkas", "Formulir tidak dapat dibaca; pilih berkas CSV atau XLSX lalu kirim lagi.")
	errIDMTahunForm = fault.Field("tahun", "Pilih tahun IDM (empat angka, misalnya 2024).")
)
