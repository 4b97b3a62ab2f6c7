package persuratan

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The numbering settings page: the format and sequence policy, a preview
// of the next number before saving, and the start of each sequence per
// year. Everyone who reads the registers sees it; the forms show to those
// who may change it (PermConfigure).

type pengaturanForm struct {
	Format, Kebijakan, KodeDesa string
}

type urutanForm struct {
	Tahun, Lingkup, Mulai string
}

type pengaturanPage struct {
	Desa        desaView
	BisaUbah    bool
	Sekarang    Pengaturan
	Form        pengaturanForm
	Errors      []string
	Contoh      string
	Pratinjau   bool
	Urutan      DaftarUrutan
	TahunPilih  []int
	UrutanForm  urutanForm
	UrutanError []string
	Pesan       string
	Kebijakan   []kebijakanPilihan
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
		f      pengaturanForm
		msgs   []string
		contoh string
		status = http.StatusOK
	)
	pratinjau := q.Get("pratinjau") == "1"
	if pratinjau {
		// The preview is a GET of the form: what was typed is checked as
		// saving would check it, and nothing is saved.
		f = pengaturanForm{Format: q.Get("format"), Kebijakan: q.Get("kebijakan"), KodeDesa: q.Get("kode_desa")}
		c, err := m.Pratinjau(ctx, Pengaturan{Format: f.Format, Kebijakan: Kebijakan(f.Kebijakan), KodeDesa: f.KodeDesa})
		if err != nil {
			st, ms, ok := formFault(err)
			if !ok {
				m.pageError(rw, r, err)
				return
			}
			status, msgs = st, ms
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
	m.renderPengaturan(rw, r, status, d, pratinjau, f, msgs, contoh, tahun, urutanForm{}, nil, pesan)
}

func (m *Module) renderPengaturan(rw http.ResponseWriter, r *http.Request, status int, d desaView, typed bool, f pengaturanForm, msgs []string, contoh string,
	tahun int, uf urutanForm, umsgs []string, pesan string) {
	ctx := r.Context()
	cur, err := m.Pengaturan(ctx)
	if err != nil {
		m.pageError(rw, r, err)
		return
	}
	if !typed {
		f = pengaturanForm{Format: cur.Format, Kebijakan: string(cur.Kebijakan), KodeDesa: cur.KodeDesa}
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
	if uf.Tahun == "" {
		uf.Tahun = strconv.Itoa(tahun)
	}
	data := pengaturanPage{Desa: d, BisaUbah: m.may(ctx, PermConfigure), Sekarang: cur, Form: f, Errors: msgs,
		Contoh: contoh, Pratinjau: typed, Urutan: u, UrutanForm: uf, UrutanError: umsgs, Pesan: pesan, Kebijakan: kebijakanPilihanList}
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
	pf := r.PostForm
	f := pengaturanForm{Format: pf.Get("format"), Kebijakan: pf.Get("kebijakan"), KodeDesa: pf.Get("kode_desa")}
	u, _ := auth.UserFrom(ctx)
	if _, err := m.SetPengaturan(ctx, Pengaturan{Format: f.Format, Kebijakan: Kebijakan(f.Kebijakan), KodeDesa: f.KodeDesa}, u.ID); err != nil {
		status, msgs, ok := formFault(err)
		if !ok {
			m.pageError(rw, r, err)
			return
		}
		m.renderPengaturan(rw, r, status, d, true, f, msgs, "", 0, urutanForm{}, nil, "")
		return
	}
	http.Redirect(rw, r, d.Base+"/pengaturan?simpan=1", http.StatusSeeOther)
}

func (m *Module) pageUrutanSimpan(rw http.ResponseWriter, r *http.Request) {
	ctx, d, ok := m.desaPage(rw, r)
	if !ok || !m.parseForm(rw, r) {
		return
	}
	pf := r.PostForm
	uf := urutanForm{Tahun: strings.TrimSpace(pf.Get("tahun")), Lingkup: pf.Get("lingkup"), Mulai: strings.TrimSpace(pf.Get("mulai"))}
	tahun, terr := strconv.Atoi(uf.Tahun)
	mulai, merr := strconv.ParseInt(uf.Mulai, 10, 64)
	var err error
	switch {
	case terr != nil:
		err = fault.Field("body.tahun", "tahun harus angka, mis. %d", m.today(desaKode(d)).Year())
	case merr != nil:
		err = fault.Field("body.mulai", "nomor awal harus angka bulat, mis. 58")
	default:
		u, _ := auth.UserFrom(ctx)
		_, err = m.SetUrutanMulai(ctx, UrutanMulai{Tahun: tahun, Lingkup: uf.Lingkup, Mulai: mulai}, u.ID)
	}
	if err != nil {
		status, msgs, ok := formFault(err)
		if !ok {
			m.pageError(rw, r, err)
			return
		}
		m.renderPengaturan(rw, r, status, d, false, pengaturanForm{}, nil, "", tahun, uf, msgs, "")
		return
	}
	http.Redirect(rw, r, d.Base+"/pengaturan?"+url.Values{"urutan": {"1"}, "tahun": {uf.Tahun}}.Encode()+"#urutan", http.StatusSeeOther)
}

func desaKode(d desaView) tenancy.Kode { return tenancy.Kode(d.Kode) }
