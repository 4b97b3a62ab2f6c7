package keuangan

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The kabupaten's Dana Desa tahap rules page,
// /wilayah/{kab}/keuangan/aturan-tahap-dana-desa?tahun=…: the rules in
// force for the year beside the national default, and for the kabupaten
// admin (PermAturan) a form of the three tahap and a way back to the
// national rules. Whoever sees the kabupaten's table (PermRingkasan)
// reads it: the table's DD tahap column is judged by these rules.

const aturanTahapPath = "aturan-tahap-dana-desa"

// aturanTahapBaris is how many tahap the form offers (PMK: at most three).
const aturanTahapBaris = 3

type aturanTahapView struct {
	Tahap           int
	Persen          string
	SyaratRealisasi string
	SyaratOutput    string
	Sumber          string
}

type aturanTahapPage struct {
	Kabupaten string
	Kode      string
	Tahun     int
	Tabel     string
	Action    string
	// ActionNasional removes the kabupaten's rules of the year.
	ActionNasional string
	Nasional       []aturanTahapView // the national default of the year
	Sendirian      []aturanTahapView
	Berlaku        []aturanTahapView // what the desa of the kabupaten follow
	Sendiri        bool              // the kabupaten has its own rules this year
	Pesan          string
	Form           web.Form
	Reset          web.Form
	Baris          []int // 1…aturanTahapBaris, the form's rows
	Tahunan        []evTahunLink
}

func (m *Module) routesAturanTahap(mux *http.ServeMux) {
	p := "/wilayah/{kode}/keuangan/" + aturanTahapPath
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET "+p, PermRingkasan, kab, m.pageAturanTahap)
	m.web.HandleWilayah(mux, "POST "+p, PermAturan, kab, m.pageAturanTahapSimpan)
	m.web.HandleWilayah(mux, "POST "+p+"/nasional", PermAturan, kab, m.pageAturanTahapNasional)
}

func aturanTahapViews(rows []AturanTahap) []aturanTahapView {
	out := make([]aturanTahapView, 0, len(rows))
	for _, a := range rows {
		out = append(out, aturanTahapView{Tahap: a.Tahap, Persen: PersenBP(a.Persen),
			SyaratRealisasi: syaratTeks(a.SyaratRealisasi), SyaratOutput: syaratTeks(a.SyaratOutput), Sumber: a.Sumber})
	}
	return out
}

func syaratTeks(bp int64) string {
	if bp == 0 {
		return "tanpa syarat"
	}
	return "paling sedikit " + PersenBP(bp)
}

// aturanTahapRows reads the rows of wilayah ("" national) for tahun.
func (m *Module) aturanTahapRows(ctx context.Context, wilayah string, tahun int) ([]AturanTahap, error) {
	var rows []AturanTahap
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model(&rows).Where("dd.wilayah = ? AND dd.tahun = ?", wilayah, tahun).Order("dd.tahap").Scan(ctx)
	})
	return rows, err
}

// aturanTahapValues are the form's values from rows: percents to type.
func aturanTahapValues(rows []AturanTahap) url.Values {
	v := url.Values{}
	for _, a := range rows {
		n := "t" + strconv.Itoa(a.Tahap) + "_"
		v.Set(n+"persen_bp", batasTeks(int(a.Persen)))
		v.Set(n+"syarat_realisasi_bp", batasTeks(int(a.SyaratRealisasi)))
		v.Set(n+"syarat_output_bp", batasTeks(int(a.SyaratOutput)))
		v.Set(n+"sumber", a.Sumber)
	}
	return v
}

// tahunAturanTahap reads ?tahun=, the current year when absent.
func (m *Module) tahunAturanTahap(rw http.ResponseWriter, r *http.Request, kab tenancy.Kode) (int, bool) {
	s := r.URL.Query().Get("tahun")
	if s == "" {
		return civil.Today(m.now(), kab).Year(), true
	}
	y, err := tahunDariTeks(s)
	if err != nil {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak dikenal.")
		return 0, false
	}
	return y, true
}

func (m *Module) aturanTahapData(r *http.Request, kab tenancy.Kode, tahun int) (aturanTahapPage, error) {
	ctx := r.Context()
	nasional, err := m.aturanTahapRows(ctx, "", tahun)
	if err != nil {
		return aturanTahapPage{}, err
	}
	sendiri, err := m.aturanTahapRows(ctx, string(kab), tahun)
	if err != nil {
		return aturanTahapPage{}, err
	}
	base := "/wilayah/" + string(kab) + "/keuangan/" + aturanTahapPath
	p := aturanTahapPage{Kabupaten: m.namaWilayah(ctx, kab), Kode: string(kab), Tahun: tahun, Tabel: tabelHref(kab, tahun),
		Action: base + "?tahun=" + strconv.Itoa(tahun), ActionNasional: base + "/nasional?tahun=" + strconv.Itoa(tahun), Nasional: aturanTahapViews(nasional), Sendirian: aturanTahapViews(sendiri), Sendiri: len(sendiri) > 0,
		Reset: web.NewForm("nasional", nil)}
	p.Berlaku = p.Nasional
	awal := nasional
	if p.Sendiri {
		p.Berlaku, awal = p.Sendirian, sendiri
	}
	p.Form = web.NewForm("tahap", aturanTahapValues(awal))
	for i := 1; i <= aturanTahapBaris; i++ {
		p.Baris = append(p.Baris, i)
	}
	for y := tahun - 1; y <= tahun+1; y++ {
		if y >= TahunMin && y <= TahunMax {
			p.Tahunan = append(p.Tahunan, evTahunLink{Tahun: y, Href: base + "?tahun=" + strconv.Itoa(y), Aktif: y == tahun})
		}
	}
	switch r.URL.Query().Get("pesan") {
	case "simpan":
		p.Pesan = "Aturan tahap Dana Desa kabupaten disimpan."
	case "nasional":
		p.Pesan = "Kabupaten kembali memakai aturan nasional."
	}
	return p, nil
}

func (m *Module) pageAturanTahap(rw http.ResponseWriter, r *http.Request) {
	kab := wilayahOf(r)
	tahun, ok := m.tahunAturanTahap(rw, r, kab)
	if !ok {
		return
	}
	p, err := m.aturanTahapData(r, kab, tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	m.pages.Render(rw, r, http.StatusOK, "aturan_tahap", "Aturan tahap Dana Desa "+strconv.Itoa(tahun)+" — "+p.Kabupaten, p)
}

// aturanTahapDariForm reads the form's rows up to the last one with
// anything typed; the percents are read here, the rest is checked by
// SimpanAturanTahap.
func aturanTahapDariForm(v url.Values, tahun int) (AturanTahapKabupaten, []*fault.Error) {
	in := AturanTahapKabupaten{Tahun: tahun, Tahap: []AturanTahapBaru{}}
	last := 0
	for i := 1; i <= aturanTahapBaris; i++ {
		n := "t" + strconv.Itoa(i) + "_"
		for _, f := range []string{"persen_bp", "syarat_realisasi_bp", "syarat_output_bp", "sumber"} {
			if strings.TrimSpace(v.Get(n+f)) != "" {
				last = i
			}
		}
	}
	var errs []*fault.Error
	for i := 1; i <= last; i++ {
		n := "t" + strconv.Itoa(i) + "_"
		a := AturanTahapBaru{Tahap: i, Sumber: v.Get(n + "sumber")}
		for _, f := range []struct {
			name  string
			into  *int64
			label string
		}{{"persen_bp", &a.Persen, "Bagian pagu"}, {"syarat_realisasi_bp", &a.SyaratRealisasi, "Syarat realisasi"}, {"syarat_output_bp", &a.SyaratOutput, "Syarat keluaran"}} {
			s := strings.TrimSpace(v.Get(n + f.name))
			if s == "" && f.name != "persen_bp" {
				continue // no condition
			}
			bp, ok := parseBatas(s)
			if !ok {
				errs = append(errs, fault.Field(n+f.name, "%s tahap %d ditulis dalam persen antara 0 dan 100, misalnya 40 atau 12,5.", f.label, i))
				continue
			}
			*f.into = int64(bp)
		}
		in.Tahap = append(in.Tahap, a)
	}
	if last == 0 {
		errs = append(errs, fault.Field("t1_persen_bp", "Isi sedikitnya tahap I, atau kembalikan kabupaten ke aturan nasional."))
	}
	return in, errs
}

func (m *Module) pageAturanTahapSimpan(rw http.ResponseWriter, r *http.Request) {
	kab := wilayahOf(r)
	if !m.parseFormEvaluasi(rw, r) {
		return
	}
	tahun, ok := m.tahunAturanTahap(rw, r, kab)
	if !ok {
		return
	}
	in, errs := aturanTahapDariForm(r.PostForm, tahun)
	var err error
	if len(errs) > 0 {
		err = fault.Invalids(errs)
	} else {
		_, err = m.SimpanAturanTahap(r.Context(), in)
	}
	if err == nil {
		http.Redirect(rw, r, "/wilayah/"+string(kab)+"/keuangan/"+aturanTahapPath+"?tahun="+strconv.Itoa(tahun)+"&pesan=simpan", http.StatusSeeOther)
		return
	}
	f := web.NewForm("tahap", r.PostForm)
	for i := 0; i < aturanTahapBaris; i++ {
		f = f.Rename("tahap["+strconv.Itoa(i)+"].", "t"+strconv.Itoa(i+1)+"_")
	}
	web.Refill(m.pages, rw, r, err, f, "aturan_tahap", "Aturan tahap Dana Desa",
		func() (aturanTahapPage, error) { return m.aturanTahapData(r, kab, tahun) },
		func(p *aturanTahapPage, f web.Form) { p.Form = f })
}

func (m *Module) pageAturanTahapNasional(rw http.ResponseWriter, r *http.Request) {
	kab := wilayahOf(r)
	if !m.parseFormEvaluasi(rw, r) {
		return
	}
	tahun, ok := m.tahunAturanTahap(rw, r, kab)
	if !ok {
		return
	}
	var err error
	if r.PostForm.Get("yakin") != "ya" {
		err = fault.Field("yakin", "Centang pernyataan untuk menghapus aturan kabupaten.")
	} else {
		_, err = m.SimpanAturanTahap(r.Context(), AturanTahapKabupaten{Tahun: tahun})
	}
	if err == nil {
		http.Redirect(rw, r, "/wilayah/"+string(kab)+"/keuangan/"+aturanTahapPath+"?tahun="+strconv.Itoa(tahun)+"&pesan=nasional", http.StatusSeeOther)
		return
	}
	web.Refill(m.pages, rw, r, err, web.NewForm("nasional", r.PostForm), "aturan_tahap", "Aturan tahap Dana Desa",
		func() (aturanTahapPage, error) { return m.aturanTahapData(r, kab, tahun) },
		func(p *aturanTahapPage, f web.Form) { p.Reset = f })
}
