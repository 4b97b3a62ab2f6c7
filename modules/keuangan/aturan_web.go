package keuangan

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The kabupaten's rules page: the set of a year with each rule's legal
// source, a form per rule (change or switch off), a form to add one, and
// the copies of the national set or of another year.

type aturanBarisView struct {
	Aturan
	BatasTeks string
	Pembilang string
	Penyebut  string
	Form      web.Form
	Gagal     bool
}

type aturanPage struct {
	Kabupaten   string
	Kode        string
	Tahun       int
	Asal        string
	Pesan       string
	Aturan      []aturanBarisView
	Action      string
	SalinAction string
	Baru        web.Form
	Salin       web.Form
	Tahunan     []evTahunLink
	SalinDari   []aturanPilihanView
}

type aturanPilihanView struct{ Nilai, Label string }

// batasTeks writes basis points as a percent to type: 3000 → "30", 1250 →
// "12,5".
func batasTeks(bp int) string {
	return strings.TrimSuffix(PersenBP(int64(bp)), " %")
}

// parseBatas reads a percent typed as "30", "12,5" or "12.5" into basis
// points.
func parseBatas(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(s, ",", ".")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || !valid.Digits(whole) || (frac != "" && !valid.Digits(frac)) || len(whole) > 3 {
		return 0, false
	}
	w, _ := strconv.Atoi(whole)
	f, _ := strconv.Atoi((frac + "00")[:2])
	bp := w*100 + f
	return bp, bp <= 10000
}

func aturanValues(a Aturan) url.Values {
	v := url.Values{}
	v.Set("kode", a.Kode)
	v.Set("nama", a.Nama)
	v.Set("jenis", a.Jenis)
	v.Set("batas", batasTeks(a.BatasBP))
	for prefix, p := range map[string]Pilihan{"pembilang_": a.Pembilang, "penyebut_": a.Penyebut} {
		v.Set(prefix+"kelompok", p.Kelompok)
		v.Set(prefix+"kegiatan", strings.ReplaceAll(p.Kegiatan, ",", ", "))
		v.Set(prefix+"rekening", strings.ReplaceAll(p.Rekening, ",", ", "))
		v.Set(prefix+"sumber_dana", strings.ReplaceAll(p.Sumber, ",", ", "))
	}
	v.Set("sumber", a.Sumber)
	v.Set("catatan", a.Catatan)
	if a.Aktif {
		v.Set("aktif", "ya")
	}
	return v
}

func (m *Module) aturanData(r *http.Request, kab tenancy.Kode, tahun int) (aturanPage, error) {
	ctx := r.Context()
	set, err := m.ListAturan(ctx, kab, tahun)
	if err != nil {
		return aturanPage{}, err
	}
	base := "/wilayah/" + string(kab) + "/keuangan/aturan/" + strconv.Itoa(tahun)
	p := aturanPage{Kabupaten: m.namaWilayahEv(ctx, kab), Kode: string(kab), Tahun: tahun, Asal: set.Asal,
		Action: base, SalinAction: base + "/salin",
		Baru:  web.NewForm("aturan-baru", url.Values{"jenis": {JenisPalingBanyak}, "pembilang_kelompok": {KelompokBelanja}, "penyebut_kelompok": {KelompokBelanja}, "aktif": {"ya"}}),
		Salin: web.NewForm("salin", nil),
		SalinDari: []aturanPilihanView{{AsalNasional, "set nasional bawaan tahun " + strconv.Itoa(tahun)},
			{strconv.Itoa(tahun - 1), "aturan tahun " + strconv.Itoa(tahun-1)}},
	}
	for y := tahun - 1; y <= tahun+1; y++ {
		p.Tahunan = append(p.Tahunan, evTahunLink{Tahun: y, Href: "/wilayah/" + string(kab) + "/keuangan/aturan/" + strconv.Itoa(y), Aktif: y == tahun})
	}
	for _, a := range set.Aturan {
		arah := "paling banyak"
		if a.Jenis == JenisPalingSedikit {
			arah = "paling sedikit"
		}
		p.Aturan = append(p.Aturan, aturanBarisView{Aturan: a, BatasTeks: arah + " " + PersenBP(int64(a.BatasBP)),
			Pembilang: aturanKapital(a.Pembilang.Uraian()), Penyebut: a.Penyebut.Uraian(),
			Form: web.NewForm("aturan-"+a.Kode, aturanValues(a))})
	}
	switch r.URL.Query().Get("pesan") {
	case "simpan":
		p.Pesan = "Aturan disimpan."
	case "salin":
		p.Pesan = "Aturan disalin."
	}
	return p, nil
}

// halamanAturan reads a page of the kabupaten's rules of {tahun}; its
// guard checked PermAturan at the kabupaten.
func (m *Module) halamanAturan(rw http.ResponseWriter, r *http.Request) (tenancy.Kode, int, bool) {
	tahun, ok := m.tahunDariPath(rw, r)
	return wilayahOf(r), tahun, ok
}

func (m *Module) pageAturan(rw http.ResponseWriter, r *http.Request) {
	kab, tahun, ok := m.halamanAturan(rw, r)
	if !ok {
		return
	}
	p, err := m.aturanData(r, kab, tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "aturan", "Aturan APBDes "+strconv.Itoa(tahun)+" — "+p.Kabupaten, p)
}

// aturanDariForm reads a rule's form; the percent is checked here, the
// rest by AturanInput.Periksa.
func aturanDariForm(v url.Values) (Aturan, error) {
	in := AturanInput{Kode: v.Get("kode"), Nama: v.Get("nama"), Jenis: v.Get("jenis"),
		Pembilang: Pilihan{Kelompok: v.Get("pembilang_kelompok"), Kegiatan: v.Get("pembilang_kegiatan"), Rekening: v.Get("pembilang_rekening"), Sumber: v.Get("pembilang_sumber_dana")},
		Penyebut:  Pilihan{Kelompok: v.Get("penyebut_kelompok"), Kegiatan: v.Get("penyebut_kegiatan"), Rekening: v.Get("penyebut_rekening"), Sumber: v.Get("penyebut_sumber_dana")},
		Sumber:    v.Get("sumber"), Catatan: v.Get("catatan"), Aktif: v.Get("aktif") == "ya"}
	bp, okBatas := parseBatas(v.Get("batas"))
	if okBatas {
		in.BatasBP = bp
	}
	a, err := in.Periksa(func(name string) string {
		if name == "batas_bp" {
			return "batas"
		}
		return name
	})
	if !okBatas {
		var list []*fault.Error
		if f, ok := fault.As(err); ok {
			list = append(list, f.Fields...)
		}
		list = append(list, fault.Field("batas", "Batas ditulis dalam persen antara 0 dan 100, misalnya 30 atau 12,5."))
		return Aturan{}, fault.Invalids(list)
	}
	return a, err
}

func (m *Module) pageAturanSimpan(rw http.ResponseWriter, r *http.Request) {
	kab, tahun, ok := m.halamanAturan(rw, r)
	if !ok || !m.parseFormEvaluasi(rw, r) {
		return
	}
	ctx := r.Context()
	u, _ := auth.UserFrom(ctx)
	baru := r.PostForm.Get("baru") != ""
	a, err := aturanDariForm(r.PostForm)
	if err == nil && baru {
		// A new rule may not overwrite one of the same kode unseen.
		var set AturanSet
		if set, err = m.ListAturan(ctx, kab, tahun); err == nil {
			for _, x := range set.Aturan {
				if x.Kode == a.Kode {
					err = fault.Field("kode", "Kode aturan %s sudah dipakai; ubah aturan itu di daftar atau pilih kode lain.", a.Kode)
				}
			}
		}
	}
	if err == nil {
		_, err = m.SimpanAturan(ctx, kab, tahun, []Aturan{a}, u.ID)
	}
	if err == nil {
		http.Redirect(rw, r, "/wilayah/"+string(kab)+"/keuangan/aturan/"+strconv.Itoa(tahun)+"?pesan=simpan#aturan-"+a.Kode, http.StatusSeeOther)
		return
	}
	kode := r.PostForm.Get("kode")
	name := "aturan-" + kode
	if baru {
		name = "aturan-baru"
	}
	web.Refill(m.pages, rw, r, err, web.NewForm(name, r.PostForm), "aturan", "Aturan APBDes",
		func() (aturanPage, error) { return m.aturanData(r, kab, tahun) },
		func(p *aturanPage, f web.Form) {
			if !baru {
				for i := range p.Aturan {
					if p.Aturan[i].Kode == kode {
						p.Aturan[i].Form, p.Aturan[i].Gagal = f, true
						return
					}
				}
			}
			p.Baru = f
		})
}

func (m *Module) pageAturanSalin(rw http.ResponseWriter, r *http.Request) {
	kab, tahun, ok := m.halamanAturan(rw, r)
	if !ok || !m.parseFormEvaluasi(rw, r) {
		return
	}
	u, _ := auth.UserFrom(r.Context())
	dari := strings.TrimSpace(r.PostForm.Get("salin_dari"))
	var err error
	if dari == "" {
		err = fault.Field("salin_dari", "Pilih aturan yang disalin.")
	} else {
		_, err = m.SalinAturan(r.Context(), kab, tahun, dari, u.ID)
	}
	if err == nil {
		http.Redirect(rw, r, "/wilayah/"+string(kab)+"/keuangan/aturan/"+strconv.Itoa(tahun)+"?pesan=salin", http.StatusSeeOther)
		return
	}
	web.Refill(m.pages, rw, r, err, web.NewForm("salin", r.PostForm), "aturan", "Aturan APBDes",
		func() (aturanPage, error) { return m.aturanData(r, kab, tahun) },
		func(p *aturanPage, f web.Form) { p.Salin = f })
}
