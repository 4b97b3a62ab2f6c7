package program

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The pages: a desa's programmes with their forms, an OPD's programmes in
// the desa of its kabupaten, and the kecamatan/kabupaten view.

// barisIndikator is how many indicator rows the form offers.
const barisIndikator = 4

func (m *Module) routesProgram(mux *http.ServeMux) {
	base := "/desa/{kode}/program"
	m.web.HandleDesa(mux, "GET "+base, PermProgramBaca, m.pageDesa)
	m.web.HandleDesa(mux, "GET "+base+"/baru", PermProgramDesa, m.pageBaru)
	m.web.HandleDesa(mux, "POST "+base, PermProgramDesa, m.postBaru)
	m.web.HandleDesa(mux, "GET "+base+"/{id}/ubah", PermProgramDesa, m.pageUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}", PermProgramDesa, m.postUbah)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/hapus", PermProgramDesa, m.postHapus)
	wil := []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/program", PermAnalisis, wil, m.pageWilayah)
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/program/opd", PermProgramOPD, kab, m.pageOPD)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/program/opd", PermProgramOPD, kab, m.postOPD)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/program/opd/{id}/ubah", PermProgramOPD, kab, m.pageUbahOPD)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/program/opd/{id}", PermProgramOPD, kab, m.postUbahOPD)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/program/opd/{id}/hapus", PermProgramOPD, kab, m.postHapusOPD)
}

func (m *Module) tahunHalaman(r *http.Request) int {
	if t, err := strconv.Atoi(r.URL.Query().Get("tahun")); err == nil && t >= TahunMin && t <= TahunMax {
		return t
	}
	return m.now().Year()
}

type tahunLink struct {
	Tahun int
	Href  string
	Aktif bool
}

func tahunLinks(base string, aktif, now int) []tahunLink {
	var out []tahunLink
	for t := now - 1; t <= now+1; t++ {
		out = append(out, tahunLink{t, fmt.Sprintf("%s?tahun=%d", base, t), t == aktif})
	}
	return out
}

func rupiah(n int64) string { return "Rp " + valid.Angka(n) }

func bp(p *int64) string {
	if p == nil {
		return "—"
	}
	return valid.FormatBP(*p)
}

func (m *Module) nama(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil {
			return n
		}
	}
	return string(k)
}

// --- the desa

type desaPage struct {
	Nama, Base, Baru string
	Tahun            int
	TahunLinks       []tahunLink
	Program          []DesaProgram
	OPD              []OPDProgram
}

func (m *Module) pageDesa(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := kodeOf(ctx)
	tahun := m.tahunHalaman(r)
	d := desaPage{Nama: m.nama(ctx, k), Base: "/desa/" + string(k) + "/program", Tahun: tahun}
	d.Baru = fmt.Sprintf("%s/baru?tahun=%d", d.Base, tahun)
	d.TahunLinks = tahunLinks(d.Base, tahun, m.now().Year())
	var err error
	if d.Program, err = m.DaftarProgramDesa(ctx, tahun); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	if d.OPD, err = m.DaftarProgramOPD(ctx, tahun, ""); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "desa", "Program desa "+d.Nama, d)
}

type formPage struct {
	Nama, Judul, Action, Batal string
	Tahun                      int
	F                          web.Form
	Kegiatan                   []KegiatanProgram
	Sasaran                    []sasaranRPJM
	Dipilih                    map[string]bool
	SumberDana, JenisAset      []pilihan
	Baris                      []int
}

func (m *Module) formData(ctx context.Context, f web.Form, id string) (formPage, error) {
	k := kodeOf(ctx)
	tahun, _ := strconv.Atoi(f.Get("tahun"))
	if tahun < TahunMin || tahun > TahunMax {
		tahun = m.now().Year()
	}
	d := formPage{Nama: m.nama(ctx, k), Tahun: tahun, F: f, SumberDana: sumberDana, JenisAset: jenisAset, Dipilih: map[string]bool{}}
	base := "/desa/" + string(k) + "/program"
	d.Batal = fmt.Sprintf("%s?tahun=%d", base, tahun)
	if id == "" {
		d.Judul, d.Action = "Tambah program desa", base
	} else {
		d.Judul, d.Action = "Ubah program desa", base+"/"+id
	}
	for i := 0; i < barisIndikator; i++ {
		d.Baris = append(d.Baris, i)
	}
	for _, s := range f.Values["sasaran"] {
		d.Dipilih[s] = true
	}
	var err error
	if d.Kegiatan, err = m.KegiatanTertaut(ctx, tahun); err != nil {
		return d, err
	}
	if d.Sasaran, err = m.sasaranProgram(ctx, k, tahun); err != nil {
		return d, err
	}
	return d, nil
}

func (m *Module) pageBaru(w http.ResponseWriter, r *http.Request) {
	v := url.Values{"tahun": {strconv.Itoa(m.tahunHalaman(r))}, "asal": {"apbdes"}}
	for i := 0; i < barisIndikator; i++ {
		j := Output
		if i >= 2 {
			j = Outcome
		}
		v.Set(fmt.Sprintf("indikator[%d].jenis", i), j)
	}
	d, err := m.formData(r.Context(), web.NewForm("program", v), "")
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "form", d.Judul, d)
}

func (m *Module) pageUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := m.ProgramDesaByID(ctx, r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	v := url.Values{"tahun": {strconv.Itoa(p.Tahun)}, "kegiatan_kode": {p.KegiatanKode}, "lokasi": {p.Lokasi}, "jenis_aset": {p.JenisAset}}
	if p.Tertaut {
		v.Set("asal", "apbdes")
	} else {
		v.Set("asal", "mandiri")
		v.Set("nama", p.Nama)
		v.Set("sumber_dana", p.SumberDana)
		v.Set("pagu", strconv.FormatInt(p.Pagu, 10))
		v.Set("sub_bidang", p.SubBidang)
	}
	for _, s := range p.Sasaran {
		v.Add("sasaran", s.ID)
	}
	isiIndikator(v, p.Tahun, p.Indikator)
	d, err := m.formData(ctx, web.NewForm("program", v), p.ID)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "form", d.Judul, d)
}

// isiIndikator puts a programme's indicators, with their figures of
// tahun, on the form's rows; the rows left over are empty.
func isiIndikator(v url.Values, tahun int, ind []IndikatorProgram) {
	for i := 0; i < barisIndikator; i++ {
		pre := fmt.Sprintf("indikator[%d].", i)
		if i >= len(ind) {
			v.Set(pre+"jenis", map[bool]string{true: Outcome, false: Output}[i >= 2])
			continue
		}
		in := ind[i]
		v.Set(pre+"jenis", in.Jenis)
		v.Set(pre+"uraian", in.Uraian)
		v.Set(pre+"satuan", in.Satuan)
		for _, c := range in.Capaian {
			if c.Tahun == tahun {
				v.Set(pre+"target", strconv.FormatFloat(c.Target, 'f', -1, 64))
				if c.Realisasi != nil {
					v.Set(pre+"realisasi", strconv.FormatFloat(*c.Realisasi, 'f', -1, 64))
				}
			}
		}
	}
}

// angkaForm parses a number typed on a form ("1.250,5" or "1250.5").
func angkaForm(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// desaDataOf reads the form; keep holds an existing programme's
// indicators, whose figures of other years the form does not show.
func desaDataOf(v url.Values, keep []IndikatorProgram) (DesaProgramData, error) {
	var p valid.Problems
	var d DesaProgramData
	tahun, err := strconv.Atoi(strings.TrimSpace(v.Get("tahun")))
	if err != nil {
		p.Add("body.tahun", "Tahun harus angka.")
	}
	d.Tahun = tahun
	if v.Get("asal") == "mandiri" {
		d.Nama, d.SumberDana, d.SubBidang = v.Get("nama"), v.Get("sumber_dana"), v.Get("sub_bidang")
		if s := strings.TrimSpace(strings.ReplaceAll(v.Get("pagu"), ".", "")); s != "" {
			if d.Pagu, err = strconv.ParseInt(s, 10, 64); err != nil {
				p.Add("body.pagu", "Pagu harus bilangan rupiah bulat.")
			}
		}
	} else {
		d.KegiatanKode = v.Get("kegiatan_kode")
		if strings.TrimSpace(d.KegiatanKode) == "" {
			p.Add("body.kegiatan_kode", "Pilih kegiatan APBDes, atau pilih program mandiri.")
		}
	}
	d.Lokasi, d.JenisAset, d.Sasaran = v.Get("lokasi"), v.Get("jenis_aset"), v["sasaran"]
	d.Indikator = indikatorForm(v, tahun, keep, &p)
	return d, p.Err()
}

// indikatorForm reads the form's indicator rows for tahun (an empty
// uraian skips the row); keep holds the programme's indicators, whose
// figures of other years the form does not show.
func indikatorForm(v url.Values, tahun int, keep []IndikatorProgram, p *valid.Problems) []IndikatorProgram {
	var out []IndikatorProgram
	for i := 0; i < barisIndikator; i++ {
		pre := fmt.Sprintf("indikator[%d].", i)
		if strings.TrimSpace(v.Get(pre+"uraian")) == "" {
			continue
		}
		in := IndikatorProgram{Jenis: v.Get(pre + "jenis"), Uraian: v.Get(pre + "uraian"), Satuan: v.Get(pre + "satuan"), Capaian: []CapaianIndikator{}}
		if i < len(keep) {
			for _, c := range keep[i].Capaian {
				if c.Tahun != tahun {
					in.Capaian = append(in.Capaian, c)
				}
			}
		}
		c := CapaianIndikator{Tahun: tahun}
		if t := v.Get(pre + "target"); strings.TrimSpace(t) != "" {
			f, ok := angkaForm(t)
			if !ok {
				p.Add(pre+"target", "Target harus angka.")
			}
			c.Target = f
		}
		if t := v.Get(pre + "realisasi"); strings.TrimSpace(t) != "" {
			f, ok := angkaForm(t)
			if !ok {
				p.Add(pre+"realisasi", "Realisasi harus angka.")
			}
			c.Realisasi = &f
		}
		in.Capaian = append(in.Capaian, c)
		out = append(out, in)
	}
	return out
}

func (m *Module) simpanForm(w http.ResponseWriter, r *http.Request, id string) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("program", r.PostForm)
	var keep []IndikatorProgram
	if id != "" {
		old, err := m.ProgramDesaByID(ctx, id)
		if err != nil {
			m.pages.Fault(w, r, err)
			return
		}
		keep = old.Indikator
	}
	d, err := desaDataOf(r.PostForm, keep)
	var p DesaProgram
	if err == nil {
		if id == "" {
			p, err = m.BuatProgramDesa(ctx, d)
		} else {
			p, err = m.UbahProgramDesa(ctx, id, d)
		}
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "form", "Program desa",
			func() (formPage, error) { return m.formData(ctx, f, id) },
			func(d *formPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/desa/%s/program?tahun=%d", kodeOf(ctx), p.Tahun), http.StatusSeeOther)
}

func (m *Module) postBaru(w http.ResponseWriter, r *http.Request) { m.simpanForm(w, r, "") }

func (m *Module) postUbah(w http.ResponseWriter, r *http.Request) {
	m.simpanForm(w, r, r.PathValue("id"))
}

func (m *Module) postHapus(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := m.ProgramDesaByID(ctx, r.PathValue("id"))
	if err == nil {
		err = m.HapusProgramDesa(ctx, p.ID)
	}
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/desa/%s/program?tahun=%d", kodeOf(ctx), p.Tahun), http.StatusSeeOther)
}

// --- the kecamatan and kabupaten

type wilayahPage struct {
	Nama, Base, OPD string
	Tahun           int
	TahunLinks      []tahunLink
	R               RingkasanProgram
}

func (m *Module) pageWilayah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := kodeOf(ctx)
	tahun := m.tahunHalaman(r)
	d := wilayahPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/program", Tahun: tahun}
	d.TahunLinks = tahunLinks(d.Base, tahun, m.now().Year())
	if k.Level() == tenancy.Kabupaten {
		d.OPD = fmt.Sprintf("%s/opd?tahun=%d", d.Base, tahun)
	}
	var err error
	if d.R, err = m.RingkasanWilayah(ctx, k, tahun); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "wilayah", "Program desa dan keselarasan RPJM — "+d.Nama, d)
}

// --- an OPD's programmes

type opdPage struct {
	Nama, Base, OPDNama string
	Tahun               int
	TahunLinks          []tahunLink
	Program             []OPDProgram
	Desa                []Desa
	Sasaran             []sasaranRPJM
	Dipilih             map[string]bool
	JenisAset           []pilihan
	F                   web.Form
}

func (m *Module) opdData(ctx context.Context, tahun int, f web.Form) (opdPage, error) {
	k := kodeOf(ctx)
	d := opdPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/program/opd", Tahun: tahun, JenisAset: jenisAset, F: f, Dipilih: map[string]bool{}}
	d.TahunLinks = tahunLinks(d.Base, tahun, m.now().Year())
	for _, s := range f.Values["sasaran"] {
		d.Dipilih[s] = true
	}
	o, err := m.opdOf(ctx)
	if err != nil {
		return d, err
	}
	d.OPDNama = o.Nama
	if d.Program, err = m.DaftarProgramOPD(ctx, tahun, o.ID); err != nil {
		return d, err
	}
	if m.regions != nil {
		if d.Desa, err = m.regions.DesaIn(ctx, k); err != nil {
			return d, err
		}
	}
	d.Sasaran, err = m.sasaranProgram(ctx, k, tahun)
	return d, err
}

func (m *Module) pageOPD(w http.ResponseWriter, r *http.Request) {
	tahun := m.tahunHalaman(r)
	d, err := m.opdData(r.Context(), tahun, web.NewForm("program-opd", url.Values{"tahun": {strconv.Itoa(tahun)}}))
	if fault.Is(err, fault.Forbidden) {
		m.pages.Error(w, r, http.StatusForbidden, "Halaman ini untuk pengguna OPD.")
		return
	}
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "opd", "Program OPD di desa", d)
}

// opdDataOf reads an OPD programme's form; keep holds an existing
// programme's indicators (see desaDataOf).
func opdDataOf(v url.Values, keep []IndikatorProgram) (OPDProgramData, error) {
	var p valid.Problems
	d := OPDProgramData{Nama: v.Get("nama"), KodeOPD: v.Get("kode_opd"), KegiatanDesa: v.Get("kegiatan_desa"), SubBidang: v.Get("sub_bidang")}
	d.Lokasi, d.JenisAset, d.Sasaran = v.Get("lokasi"), v.Get("jenis_aset"), v["sasaran"]
	var err error
	if d.Tahun, err = strconv.Atoi(strings.TrimSpace(v.Get("tahun"))); err != nil {
		p.Add("body.tahun", "Tahun harus angka.")
	}
	if s := strings.TrimSpace(strings.ReplaceAll(v.Get("pagu"), ".", "")); s != "" {
		if d.Pagu, err = strconv.ParseInt(s, 10, 64); err != nil {
			p.Add("body.pagu", "Pagu harus bilangan rupiah bulat.")
		}
	}
	d.Indikator = indikatorForm(v, d.Tahun, keep, &p)
	return d, p.Err()
}

func (m *Module) postOPD(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("program-opd", r.PostForm)
	tahun := m.tahunHalaman(r)
	o, err := m.opdOf(ctx)
	if err == nil {
		var d OPDProgramData
		if d, err = opdDataOf(r.PostForm, nil); err == nil {
			tahun = d.Tahun
			err = m.buatOPDDiDesa(ctx, o, r.PostForm.Get("desa"), d)
		}
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "opd", "Program OPD di desa",
			func() (opdPage, error) { return m.opdData(ctx, m.tahunHalaman(r), f) },
			func(d *opdPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/wilayah/%s/program/opd?tahun=%d", kodeOf(ctx), tahun), http.StatusSeeOther)
}

// buatOPDDiDesa records o's programme in desa kode of the tenant
// kabupaten, with the desa as tenant.
func (m *Module) buatOPDDiDesa(ctx context.Context, o OPD, kode string, d OPDProgramData) error {
	desa, err := tenancy.ParseKode(strings.TrimSpace(kode))
	if err != nil || !desa.IsDesa() || !kodeOf(ctx).Contains(desa) {
		return fault.Field("body.desa", "Pilih desa lokasi program.")
	}
	if m.regions != nil {
		if err := m.regions.Exists(ctx, desa); err != nil {
			return fault.Field("body.desa", "Desa %s tidak terdaftar.", desa)
		}
	}
	_, err = m.BuatProgramOPD(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), o, d)
	return err
}

func (m *Module) postHapusOPD(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := m.opdOf(ctx)
	if err == nil {
		err = m.HapusProgramOPD(ctx, o, r.PathValue("id"))
	}
	if fault.Is(err, fault.Forbidden) {
		m.pages.Error(w, r, http.StatusForbidden, "Halaman ini untuk pengguna OPD.")
		return
	}
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/wilayah/%s/program/opd?tahun=%d", kodeOf(ctx), m.tahunHalaman(r)), http.StatusSeeOther)
}

// --- changing an OPD's programme

type opdUbahPage struct {
	Nama, Judul, Action, Batal, OPDNama, DesaNama string
	Desa                                          tenancy.Kode
	Tahun                                         int
	F                                             web.Form
	Sasaran                                       []sasaranRPJM
	Dipilih                                       map[string]bool
	JenisAset                                     []pilihan
	Baris                                         []int
}

// programOPDMilik is programme id of the user's OPD inside the tenant
// kabupaten; another OPD's is not found, as through the API.
func (m *Module) programOPDMilik(ctx context.Context, id string) (OPD, OPDProgram, error) {
	o, err := m.opdOf(ctx)
	if err != nil {
		return o, OPDProgram{}, err
	}
	p, err := m.ProgramOPDByID(ctx, id)
	if err != nil {
		return o, p, err
	}
	if p.OPDID != o.ID {
		return o, OPDProgram{}, errOPDTidakAda
	}
	return o, p, nil
}

func (m *Module) opdUbahData(ctx context.Context, o OPD, p OPDProgram, f web.Form) (opdUbahPage, error) {
	k := kodeOf(ctx)
	tahun, _ := strconv.Atoi(f.Get("tahun"))
	if tahun < TahunMin || tahun > TahunMax {
		tahun = p.Tahun
	}
	base := "/wilayah/" + string(k) + "/program/opd"
	d := opdUbahPage{Nama: m.nama(ctx, k), Judul: "Ubah program OPD", Action: base + "/" + p.ID, Batal: fmt.Sprintf("%s?tahun=%d", base, p.Tahun),
		OPDNama: o.Nama, Desa: p.Desa, DesaNama: m.nama(ctx, p.Desa), Tahun: tahun, F: f, JenisAset: jenisAset, Dipilih: map[string]bool{}}
	for i := 0; i < barisIndikator; i++ {
		d.Baris = append(d.Baris, i)
	}
	for _, s := range f.Values["sasaran"] {
		d.Dipilih[s] = true
	}
	var err error
	d.Sasaran, err = m.sasaranProgram(ctx, k, tahun)
	return d, err
}

func (m *Module) pageUbahOPD(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, p, err := m.programOPDMilik(ctx, r.PathValue("id"))
	if fault.Is(err, fault.Forbidden) {
		m.pages.Error(w, r, http.StatusForbidden, "Halaman ini untuk pengguna OPD.")
		return
	}
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	v := url.Values{"tahun": {strconv.Itoa(p.Tahun)}, "nama": {p.Nama}, "kode_opd": {p.KodeOPD}, "kegiatan_desa": {p.KegiatanDesa},
		"sub_bidang": {p.SubBidang}, "pagu": {strconv.FormatInt(p.Pagu, 10)}, "jenis_aset": {p.JenisAset}, "lokasi": {p.Lokasi}}
	for _, s := range p.Sasaran {
		v.Add("sasaran", s.ID)
	}
	isiIndikator(v, p.Tahun, p.Indikator)
	d, err := m.opdUbahData(ctx, o, p, web.NewForm("program-opd", v))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "opd_ubah", d.Judul, d)
}

// postUbahOPD saves the form through UbahProgramOPD, the store method of
// the API's PUT, in the programme's desa.
func (m *Module) postUbahOPD(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, p, err := m.programOPDMilik(ctx, r.PathValue("id"))
	if fault.Is(err, fault.Forbidden) {
		m.pages.Error(w, r, http.StatusForbidden, "Halaman ini untuk pengguna OPD.")
		return
	}
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("program-opd", r.PostForm)
	d, err := opdDataOf(r.PostForm, p.Indikator)
	var baru OPDProgram
	if err == nil {
		baru, err = m.UbahProgramOPD(tenancy.With(ctx, tenancy.Tenant{Kode: p.Desa}), o, p.ID, d)
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "opd_ubah", "Ubah program OPD",
			func() (opdUbahPage, error) { return m.opdUbahData(ctx, o, p, f) },
			func(d *opdUbahPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/wilayah/%s/program/opd?tahun=%d", kodeOf(ctx), baru.Tahun), http.StatusSeeOther)
}
