package persuratan

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The numbering settings page: the format and sequence policy, a preview
// of the next number before saving, and the start of each sequence per
// year. Everyone who reads the registers sees it; the forms show to those
// who may change it (PermConfigure).

type pengaturanPage struct {
	Desa       desaView
	BisaUbah   bool
	Sekarang   Pengaturan
	Form       web.Form
	Contoh     string
	Urutan     DaftarUrutan
	TahunPilih []int
	UrutanForm web.Form
	Pesan      string
	Kebijakan  []kebijakanPilihan
}

type kebijakanPilihan struct{ Kode, Label string }

var kebijakanPilihanList = []kebijakanPilihan{
	{string(KebijakanRegister), "Per buku (keluar dan masuk terpisah)"},
	{string(KebijakanBersama), "Bersama (keluar dan masuk satu urutan)"},
	{string(KebijakanJenis), "Per jenis surat keluar (perlu {jenis})"},
}

var pengaturanPesan = map[string]string{
	"simpan": "Pengaturan nomor sudah disimpan. Surat berikutnya memakai format ini.",
	"urutan": "Nomor awal sudah diatur.",
}

func (m *Module) pagePengaturan(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var (
		f      *web.Form
		contoh string
		status = http.StatusOK
	)
	if q.Get("pratinjau") == "1" {
		// The preview is a GET of the form: what was typed is checked as
		// saving would check it, and nothing is saved.
		pf := web.NewForm("", url.Values{"format": {q.Get("format")}, "kebijakan": {q.Get("kebijakan")}, "kode_desa": {q.Get("kode_desa")}})
		f = &pf
		c, err := m.Pratinjau(ctx, pengaturanOf(pf))
		if err != nil {
			st, ok := m.pages.Failed(rw, r, err, f)
			if !ok {
				return
			}
			status = st
		}
		contoh = c
	}
	var pesan string
	for k, v := range pengaturanPesan {
		if q.Get(k) == "1" {
			pesan = v
		}
	}
	tahun, _ := strconv.Atoi(q.Get("tahun"))
	m.renderPengaturan(rw, r, status, d, f, contoh, tahun, nil, pesan)
}

func pengaturanOf(f web.Form) Pengaturan {
	return Pengaturan{Format: f.Get("format"), Kebijakan: Kebijakan(strings.TrimSpace(f.Get("kebijakan"))), KodeDesa: f.Get("kode_desa")}
}

// renderPengaturan shows the page; f (the format form) and uf (the start
// form) are nil unless typed or refused.
func (m *Module) renderPengaturan(rw http.ResponseWriter, r *http.Request, status int, d desaView, f *web.Form, contoh string,
	tahun int, uf *web.Form, pesan string) {
	ctx := r.Context()
	cur, err := m.Pengaturan(ctx)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	if f == nil {
		cf := web.NewForm("", url.Values{"format": {cur.Format}, "kebijakan": {string(cur.Kebijakan)}, "kode_desa": {cur.KodeDesa}})
		f = &cf
	}
	this := m.today(desaKode(d)).Year()
	if tahun < this-5 || tahun > this+1 {
		tahun = this
	}
	u, err := m.Urutan(ctx, tahun)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	if uf == nil {
		nf := web.NewForm("urutan", url.Values{"tahun": {strconv.Itoa(tahun)}})
		uf = &nf
	}
	data := pengaturanPage{Desa: d, BisaUbah: m.may(ctx, PermConfigure), Sekarang: cur, Form: *f,
		Contoh: contoh, Urutan: u, UrutanForm: *uf, Pesan: pesan, Kebijakan: kebijakanPilihanList}
	for y := this + 1; y >= this-5; y-- {
		data.TahunPilih = append(data.TahunPilih, y)
	}
	m.pages.Render(rw, r, status, "pengaturan", "Pengaturan Nomor Surat "+d.Nama, data)
}

func (m *Module) pagePengaturanSimpan(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	f := web.NewForm("", r.PostForm)
	u, _ := auth.UserFrom(ctx)
	if _, err := m.SetPengaturan(ctx, pengaturanOf(f), u.ID); err != nil {
		if status, ok := m.pages.Failed(rw, r, err, &f); ok {
			m.renderPengaturan(rw, r, status, d, &f, "", 0, nil, "")
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/pengaturan?simpan=1", http.StatusSeeOther)
}

func (m *Module) pageUrutanSimpan(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	uf := web.NewForm("urutan", r.PostForm)
	tahun, terr := strconv.Atoi(strings.TrimSpace(uf.Get("tahun")))
	mulai, merr := strconv.ParseInt(strings.TrimSpace(uf.Get("mulai")), 10, 64)
	var err error
	switch {
	case terr != nil:
		err = fault.Field("body.tahun", "tahun harus angka, mis. %d", m.today(desaKode(d)).Year())
	case merr != nil:
		err = fault.Field("body.mulai", "nomor awal harus angka bulat, mis. 58")
	default:
		u, _ := auth.UserFrom(ctx)
		_, err = m.SetUrutanMulai(ctx, UrutanMulai{Tahun: tahun, Lingkup: uf.Get("lingkup"), Mulai: mulai}, u.ID)
	}
	if err != nil {
		if status, ok := m.pages.Failed(rw, r, err, &uf); ok {
			m.renderPengaturan(rw, r, status, d, nil, "", tahun, &uf, "")
		}
		return
	}
	http.Redirect(rw, r, d.Base+"/pengaturan?"+url.Values{"urutan": {"1"}, "tahun": {strconv.Itoa(tahun)}}.Encode()+"#urutan", http.StatusSeeOther)
}

func desaKode(d desaView) tenancy.Kode { return tenancy.Kode(d.Kode) }
