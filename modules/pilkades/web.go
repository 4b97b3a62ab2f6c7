package pilkades

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The pages: a desa's elections with one form per part, the kabupaten's
// (or a kecamatan's) progress view, and the gelombang management.

//go:embed templates/*.html
var templateFS embed.FS

var pageFuncs = template.FuncMap{
	"status": func(s string) string { return statusLabel[s] },
	"bp":     valid.FormatBP,
	"angka":  func(n int) string { return valid.Angka(int64(n)) },
	"inc":    func(i int) int { return i + 1 },
	"iso":    func(d civil.Date) string { return string(d) },
}

// halaman is the module's pages, built on first use.
func (m *Module) halaman() *web.Pages {
	m.pagesOnce.Do(func() {
		if m.web != nil {
			m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
		}
	})
	return m.pages
}

func (m *Module) routesWeb(mux *http.ServeMux) {
	const base = "/desa/{kode}/pilkades"
	m.web.HandleDesa(mux, "GET "+base, PermBaca, m.pageDesa)
	m.web.HandleDesa(mux, "POST "+base, PermKelola, m.postBaru)
	m.web.HandleDesa(mux, "POST "+base+"/{id}", PermKelola, m.postUmum)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/panitia", PermKelola, m.postPanitia)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tahapan/{urut}", PermKelola, m.postTahapan)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/calon", PermKelola, m.postCalon)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tps", PermKelola, m.postTPS)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/tps/{tps}", PermKelola, m.postHasil)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/sengketa", PermKelola, m.postSengketa)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/terpilih", PermKelola, m.postTerpilih)
	m.web.HandleDesa(mux, "POST "+base+"/{id}/pelantikan", PermLantik, m.postLantik)
	wil := []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/pilkades", PermPantau, wil, m.pageWilayah)
	kab := []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/pilkades/gelombang", PermJadwal, kab, m.pageGelombang)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/pilkades/gelombang", PermJadwal, kab, m.postGelombang)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/pilkades/gelombang/{id}/terapkan", PermJadwal, kab, m.postTerapkan)
}

func kodeOf(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
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
	Nama, Base     string
	Pemilihan      []PilkadesPemilihan
	F              web.Form
	BolehLantik    bool
	Hari           civil.Date
	TahunIni       int
	Bawaan         int
	Dasar          string
	JabatanPanitia []string
	StatusDesa     []string
	StatusSengketa []string
}

func (m *Module) desaData(ctx context.Context, f web.Form) (desaPage, error) {
	k := kodeOf(ctx)
	d := desaPage{Nama: m.nama(ctx, k), Base: "/desa/" + string(k) + "/pilkades", F: f, Hari: m.hariIni(k), TahunIni: m.now().Year(),
		Bawaan: MasaJabatanBawaan, Dasar: DasarMasaJabatan, JabatanPanitia: jabatanPanitia, StatusDesa: statusDesa, StatusSengketa: statusSengketa,
		BolehLantik: m.boleh(ctx, k, PermLantik)}
	var err error
	d.Pemilihan, err = m.Daftar(ctx)
	return d, err
}

func (m *Module) pageDesa(w http.ResponseWriter, r *http.Request) {
	d, err := m.desaData(r.Context(), web.NewForm("pilkades", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "desa", "Pilkades "+d.Nama, d)
}

// kirim runs a page's write and shows the desa page again (with the
// messages) on failure, or goes back to it.
func (m *Module) kirim(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context, v url.Values) error) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("pilkades", r.PostForm)
	if err := fn(ctx, r.PostForm); err != nil {
		web.Refill(m.pages, w, r, err, f, "desa", "Pilkades",
			func() (desaPage, error) { return m.desaData(ctx, f) },
			func(d *desaPage, f web.Form) { d.F = f })
		return
	}
	http.Redirect(w, r, "/desa/"+string(kodeOf(ctx))+"/pilkades", http.StatusSeeOther)
}

// angka reads a whole number typed on a form ("1.250" allowed).
func angka(p *valid.Problems, v url.Values, field, label string) int {
	s := strings.TrimSpace(strings.ReplaceAll(v.Get(field), ".", ""))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		p.Add("body."+field, "%s harus bilangan bulat.", label)
		return 0
	}
	return n
}

func tanggal(p *valid.Problems, v url.Values, field, label string) civil.Date {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return ""
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		p.Add("body."+field, "%s tidak terbaca (format tahun-bulan-tanggal).", label)
	}
	return d
}

func (m *Module) postBaru(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesBaru{Tahun: angka(&p, v, "tahun", "Tahun"), DPT: angka(&p, v, "dpt", "DPT"), MasaJabatanTahun: angka(&p, v, "masa_jabatan_tahun", "Masa jabatan")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.Buat(ctx, in)
		return err
	})
}

func (m *Module) postUmum(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesUmum{Tahun: angka(&p, v, "tahun", "Tahun"), Status: v.Get("status"), DPT: angka(&p, v, "dpt", "DPT"),
			MasaJabatanTahun: angka(&p, v, "masa_jabatan_tahun", "Masa jabatan"), PanitiaSKNomor: v.Get("panitia_sk_nomor"),
			PanitiaSKTanggal: tanggal(&p, v, "panitia_sk_tanggal", "Tanggal SK panitia")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.UbahUmum(ctx, r.PathValue("id"), in)
		return err
	})
}

func (m *Module) postPanitia(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		cur, err := m.Lihat(ctx, r.PathValue("id"))
		if err != nil {
			return err
		}
		in := PilkadesPanitiaInput{Anggota: cur.Panitia}
		if hapus := v.Get("hapus"); hapus != "" {
			i, err := strconv.Atoi(hapus)
			if err != nil || i < 1 || i > len(in.Anggota) {
				return fault.New(fault.NotFound, "Anggota panitia tidak ditemukan.")
			}
			in.Anggota = append(in.Anggota[:i-1:i-1], in.Anggota[i:]...)
		} else {
			in.Anggota = append(in.Anggota, PilkadesPanitia{Nama: v.Get("nama"), Jabatan: v.Get("jabatan"), Unsur: v.Get("unsur")})
		}
		_, err = m.SimpanPanitia(ctx, cur.ID, in)
		return fault.RenameFields(err, func(f string) string {
			if i := strings.LastIndex(f, "]."); i >= 0 {
				return "body." + f[i+2:]
			}
			return f
		})
	})
}

func (m *Module) postTahapan(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		urut, err := strconv.Atoi(r.PathValue("urut"))
		if err != nil {
			return fault.New(fault.NotFound, "Tahapan tidak ditemukan.")
		}
		var p valid.Problems
		d := tanggal(&p, v, "selesai", "Tanggal selesai")
		if err := p.Err(); err != nil {
			return err
		}
		_, err = m.TandaiTahapan(ctx, r.PathValue("id"), urut, d)
		return err
	})
}

func (m *Module) postCalon(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesCalonInput{NomorUrut: angka(&p, v, "nomor_urut", "Nomor urut"), Nama: v.Get("nama"), NIK: v.Get("nik")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.SimpanCalon(ctx, r.PathValue("id"), "", in)
		return err
	})
}

func (m *Module) postTPS(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesTPSInput{Nomor: angka(&p, v, "nomor", "Nomor TPS"), Nama: v.Get("nama"), DPT: angka(&p, v, "dpt", "DPT TPS")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.SimpanTPS(ctx, r.PathValue("id"), "", in)
		return err
	})
}

// postHasil records a TPS's results: suara.<calon id> per candidate and
// suara_tidak_sah; the TPS's number, name and DPT stay.
func (m *Module) postHasil(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		cur, err := m.Lihat(ctx, r.PathValue("id"))
		if err != nil {
			return err
		}
		tid := r.PathValue("tps")
		var tps *PilkadesTPS
		for i := range cur.TPS {
			if cur.TPS[i].ID == tid {
				tps = &cur.TPS[i]
			}
		}
		if tps == nil {
			return errTPSTidakAda
		}
		var p valid.Problems
		in := PilkadesTPSInput{Nomor: tps.Nomor, Nama: tps.Nama, DPT: tps.DPT, SuaraTidakSah: angka(&p, v, "suara_tidak_sah", "Suara tidak sah")}
		for _, c := range cur.Calon {
			in.Suara = append(in.Suara, PilkadesSuaraCalon{CalonID: c.ID, Suara: angka(&p, v, "suara."+c.ID, "Suara nomor "+strconv.Itoa(c.NomorUrut))})
		}
		if err := p.Err(); err != nil {
			return err
		}
		_, err = m.SimpanTPS(ctx, cur.ID, tid, in)
		return err
	})
}

func (m *Module) postSengketa(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesSengketaInput{Uraian: v.Get("uraian"), Tanggal: tanggal(&p, v, "tanggal", "Tanggal"), Status: v.Get("status")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.SimpanSengketa(ctx, r.PathValue("id"), "", in)
		return err
	})
}

func (m *Module) postTerpilih(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		_, err := m.Tetapkan(ctx, r.PathValue("id"), PilkadesTerpilihInput{CalonID: v.Get("calon_id"), Alasan: v.Get("alasan")})
		return err
	})
}

func (m *Module) postLantik(w http.ResponseWriter, r *http.Request) {
	m.kirim(w, r, func(ctx context.Context, v url.Values) error {
		var p valid.Problems
		in := PilkadesPelantikanInput{SKNomor: v.Get("sk_nomor"), SKTanggal: tanggal(&p, v, "sk_tanggal", "Tanggal SK"),
			Tanggal: tanggal(&p, v, "tanggal", "Tanggal pelantikan")}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := m.Lantik(ctx, r.PathValue("id"), in)
		return err
	})
}

// --- the kecamatan and kabupaten

type wilayahPage struct {
	Nama, Base, Gelombang string
	BolehJadwal           bool
	Pilihan               []PilkadesGelombang
	Progres               []PilkadesProgres
	Terlambat             int
}

func (m *Module) pageWilayah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	k := kodeOf(ctx)
	d := wilayahPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/pilkades", Gelombang: r.URL.Query().Get("gelombang")}
	if d.Gelombang != "" && !idSah(d.Gelombang) {
		d.Gelombang = ""
	}
	kab := k.Up(tenancy.Kabupaten)
	d.BolehJadwal = k == kab && m.boleh(ctx, kab, PermJadwal)
	var err error
	if d.Progres, err = m.Progres(ctx, d.Gelombang); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	for _, p := range d.Progres {
		d.Terlambat += len(p.Terlambat)
	}
	// The filter: the gelombang of the kabupaten, read at its own id.
	gctx := tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	if d.Pilihan, err = m.DaftarGelombang(gctx); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "wilayah", "Pilkades "+d.Nama, d)
}

type gelombangPage struct {
	Nama, Base  string
	F           web.Form
	BolehJadwal bool
	Gelombang   []PilkadesGelombang
	Desa        []Desa
	Baku        []string
	Hasil       *PilkadesTerapkan
	TahunIni    int
}

func (m *Module) gelombangData(ctx context.Context, f web.Form) (gelombangPage, error) {
	k := kodeOf(ctx)
	d := gelombangPage{Nama: m.nama(ctx, k), Base: "/wilayah/" + string(k) + "/pilkades/gelombang", F: f, Baku: TahapanBaku,
		BolehJadwal: m.boleh(ctx, k, PermJadwal), TahunIni: m.now().Year()}
	var err error
	if d.Gelombang, err = m.DaftarGelombang(ctx); err != nil {
		return d, err
	}
	if m.regions != nil {
		d.Desa, err = m.regions.DesaIn(ctx, k)
	}
	return d, err
}

func (m *Module) pageGelombang(w http.ResponseWriter, r *http.Request) {
	d, err := m.gelombangData(r.Context(), web.NewForm("gelombang", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "gelombang", "Gelombang Pilkades "+d.Nama, d)
}

func (m *Module) gagalGelombang(w http.ResponseWriter, r *http.Request, f web.Form, err error) {
	ctx := r.Context()
	web.Refill(m.pages, w, r, err, f, "gelombang", "Gelombang Pilkades",
		func() (gelombangPage, error) { return m.gelombangData(ctx, f) },
		func(d *gelombangPage, f web.Form) { d.F = f })
}

func (m *Module) postGelombang(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	v := r.PostForm
	f := web.NewForm("gelombang", v)
	var p valid.Problems
	in := PilkadesGelombangInput{Nama: v.Get("nama"), Tahun: angka(&p, v, "tahun", "Tahun")}
	for i := 0; i < MaksTahapan; i++ {
		nama := strings.TrimSpace(v.Get(fmt.Sprintf("tahapan[%d].nama", i)))
		tgl := strings.TrimSpace(v.Get(fmt.Sprintf("tahapan[%d].tenggat", i)))
		if nama == "" && tgl == "" {
			continue
		}
		t := PilkadesTahapan{Nama: nama}
		if tgl != "" {
			d, err := civil.ParseDate(tgl)
			if err != nil {
				p.Add(fmt.Sprintf("body.tahapan[%d].tenggat", i), "Tenggat tidak terbaca.")
			}
			t.Tenggat = d
		}
		in.Tahapan = append(in.Tahapan, t)
	}
	err := p.Err()
	if err == nil {
		_, err = m.BuatGelombang(ctx, in)
	}
	if err != nil {
		m.gagalGelombang(w, r, f, err)
		return
	}
	http.Redirect(w, r, "/wilayah/"+string(kodeOf(ctx))+"/pilkades/gelombang", http.StatusSeeOther)
}

func (m *Module) postTerapkan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca.")
		return
	}
	f := web.NewForm("gelombang", r.PostForm)
	var p valid.Problems
	in := PilkadesTerapkanInput{Desa: r.PostForm["desa"], MasaJabatanTahun: angka(&p, r.PostForm, "masa_jabatan_tahun", "Masa jabatan")}
	err := p.Err()
	var hasil PilkadesTerapkan
	if err == nil {
		hasil, err = m.Terapkan(ctx, r.PathValue("id"), in)
	}
	if err != nil {
		m.gagalGelombang(w, r, f, err)
		return
	}
	d, err := m.gelombangData(ctx, web.NewForm("gelombang", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	d.Hasil = &hasil
	m.pages.Render(w, r, http.StatusOK, "gelombang", "Gelombang Pilkades "+d.Nama, d)
}
