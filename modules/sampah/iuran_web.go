package sampah

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the iuran part: the month's overview with classes and
// households, one household's bills and payments, and the arrears list.

func (m *Module) routesIuranWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/sampah/iuran"
	m.web.HandleDesa(mux, "GET "+base, PermNasabah, m.pageIuran)
	m.web.HandleDesa(mux, "POST "+base+"/tagihan", PermKelola, m.postIuranTagihan)
	m.web.HandleDesa(mux, "POST "+base+"/kelas", PermKelola, m.postIuranKelas)
	m.web.HandleDesa(mux, "POST "+base+"/kelas/{id}", PermKelola, m.postIuranKelasUbah)
	m.web.HandleDesa(mux, "POST "+base+"/rumah", PermEntri, m.postIuranRumah)
	m.web.HandleDesa(mux, "GET "+base+"/rumah/{id}", PermNasabah, m.pageIuranRumah)
	m.web.HandleDesa(mux, "POST "+base+"/rumah/{id}", PermEntri, m.postIuranRumahUbah)
	m.web.HandleDesa(mux, "POST "+base+"/rumah/{id}/bayar", PermEntri, m.postIuranBayar)
	m.web.HandleDesa(mux, "POST "+base+"/rumah/{id}/koreksi/{bayar}", PermEntri, m.postIuranKoreksi)
	m.web.HandleDesa(mux, "GET "+base+"/tunggakan", PermNasabah, m.pageIuranTunggakan)
	m.web.HandleDesa(mux, "GET "+base+"/tunggakan.csv", PermNasabah, m.unduhIuranTunggakan)
	m.web.HandleDesa(mux, "GET "+base+"/tunggakan.xlsx", PermNasabah, m.unduhIuranTunggakan)
}

// iuranRupiah reads a rupiah amount as typed ("15.000", "Rp 15000").
func iuranRupiah(field, label, s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "Rp"))
	s = strings.NewReplacer(".", "", " ", "").Replace(s)
	if s == "" {
		return 0, fault.Field(field, "%s wajib diisi.", label)
	}
	if !valid.Digits(s) || len(s) > 12 {
		return 0, fault.Field(field, "%s ditulis dengan angka, mis. 15.000.", label)
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n, nil
}

type iuranKelasBaris struct {
	KelasIuran
	Form web.Form
	Aksi string
}

type iuranRumahBaris struct {
	RumahIuran
	Kelas string
	Href  string
}

type iuranPage struct {
	Desa        desaView
	Nav         []navTab
	Periode     string
	BulanIni    string
	Bulan       BulanIuran
	AdaBulan    bool
	Terbitkan   web.Form
	AksiTagihan string
	Kelas       []iuranKelasBaris
	KelasAktif  []KelasIuran
	KelasBaru   web.Form
	AksiKelas   string
	Rumah       []iuranRumahBaris
	Q, Dusun    string
	DaftarDusun []string
	Lanjut      string
	RumahBaru   web.Form
	AksiRumah   string
	Tunggakan   string
	Catatan     string
	Terbit      string // what the last issuing of bills did
	NamaPeriode string // "Desember 2026"
}

// iuranNamaBulan is a month (2026-12) as the pages say it: Desember 2026.
func iuranNamaBulan(periode string) string {
	if len(periode) != 7 {
		return periode
	}
	return strings.TrimPrefix(civil.Date(periode+"-01").String(), "1 ")
}

// iuranTerbitPesan says what issuing the bills of periode did: n new bills,
// or none because every active household was billed already.
func iuranTerbitPesan(terbit, periode string) string {
	n, err := strconv.Atoi(terbit)
	switch {
	case err != nil || n < 0:
		return ""
	case n == 0:
		return "Tidak ada tagihan baru: semua rumah tangga aktif sudah ditagih bulan " + iuranNamaBulan(periode) + "."
	}
	return strconv.Itoa(n) + " tagihan bulan " + iuranNamaBulan(periode) + " diterbitkan."
}

func (m *Module) iuranData(ctx context.Context, q url.Values) (iuranPage, error) {
	t, _ := tenancy.From(ctx)
	bulanIni, _ := m.iuranBulanIni(ctx)
	base := "/desa/" + string(t.Kode) + "/sampah/iuran"
	d := iuranPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabIuran), BulanIni: bulanIni, Periode: bulanIni,
		AksiTagihan: base + "/tagihan", AksiKelas: base + "/kelas", AksiRumah: base + "/rumah", Tunggakan: base + "/tunggakan",
		Q: strings.TrimSpace(q.Get("q")), Dusun: strings.TrimSpace(q.Get("dusun"))}
	if p := q.Get("periode"); p != "" && cekPeriode("periode", "Periode", p, bulanIni) == nil {
		d.Periode = p
	}
	d.NamaPeriode = iuranNamaBulan(d.Periode)
	d.Terbitkan = web.NewForm("terbitkan", url.Values{"periode": {d.Periode}})
	if q.Has("terbit") {
		d.Terbit = iuranTerbitPesan(q.Get("terbit"), d.Periode)
	}
	d.KelasBaru = web.NewForm("kelas", url.Values{"aktif": {"1"}})
	d.RumahBaru = web.NewForm("rumah", url.Values{"mulai": {bulanIni}, "aktif": {"1"}})
	bs, err := m.RingkasanIuran(ctx, mustAtoi(d.Periode[:4]))
	if err != nil {
		return d, err
	}
	for _, b := range bs {
		if b.Periode == d.Periode {
			d.Bulan, d.AdaBulan = b, true
		}
	}
	ks, err := m.ListKelasIuran(ctx)
	if err != nil {
		return d, err
	}
	nama := map[string]string{}
	for _, k := range ks {
		nama[k.ID] = k.Nama
		aktif := ""
		if k.Aktif {
			aktif = "1"
			d.KelasAktif = append(d.KelasAktif, k)
		}
		d.Kelas = append(d.Kelas, iuranKelasBaris{KelasIuran: k, Aksi: base + "/kelas/" + k.ID,
			Form: web.NewForm("kelas-"+k.ID, url.Values{"nama": {k.Nama}, "tarif": {valid.Angka(k.Tarif)}, "aktif": {aktif}})})
	}
	if d.DaftarDusun, err = m.DusunIuran(ctx); err != nil {
		return d, err
	}
	p, err := m.ListRumahIuran(ctx, RumahIuranQuery{Q: d.Q, Dusun: d.Dusun, Cursor: q.Get("cursor"), Limit: 50})
	if fault.Is(err, fault.Invalid) {
		d.Catatan = "Pencarian tidak sah; daftar ditampilkan tanpa saringan."
		p, err = m.ListRumahIuran(ctx, RumahIuranQuery{Limit: 50})
	}
	if err != nil {
		return d, err
	}
	for _, r := range p.Items {
		d.Rumah = append(d.Rumah, iuranRumahBaris{RumahIuran: r, Kelas: nama[r.KelasID], Href: base + "/rumah/" + r.ID})
	}
	if p.NextCursor != "" {
		v := url.Values{"cursor": {p.NextCursor}, "periode": {d.Periode}}
		if d.Q != "" {
			v.Set("q", d.Q)
		}
		if d.Dusun != "" {
			v.Set("dusun", d.Dusun)
		}
		d.Lanjut = base + "?" + v.Encode()
	}
	return d, nil
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (m *Module) pageIuran(w http.ResponseWriter, r *http.Request) {
	d, err := m.iuranData(r.Context(), r.URL.Query())
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "iuran", "Iuran kebersihan "+d.Desa.Nama, d)
}

// iuranRefill shows the overview again with form f refused by err.
func (m *Module) iuranRefill(w http.ResponseWriter, r *http.Request, err error, f web.Form, put func(*iuranPage, web.Form)) {
	web.Refill(m.pages, w, r, err, f, "iuran", "Iuran kebersihan",
		func() (iuranPage, error) {
			return m.iuranData(r.Context(), url.Values{"periode": {r.PostForm.Get("periode")}})
		}, put)
}

func (m *Module) postIuranTagihan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	f := web.NewForm("terbitkan", r.PostForm)
	periode := strings.TrimSpace(r.PostForm.Get("periode"))
	n, err := m.TerbitkanTagihan(ctx, periode)
	if err != nil {
		m.iuranRefill(w, r, err, f, func(d *iuranPage, f web.Form) { d.Terbitkan = f })
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran?"+url.Values{"periode": {periode}, "terbit": {strconv.Itoa(n)}}.Encode(), http.StatusSeeOther)
}

func iuranKelasForm(v url.Values) (KelasIuranBaru, error) {
	in := KelasIuranBaru{Nama: v.Get("nama"), Aktif: IuranAktif(v.Get("aktif") != "")}
	var err error
	in.Tarif, err = iuranRupiah("tarif", "Tarif", v.Get("tarif"))
	return in, err
}

func (m *Module) postIuranKelas(w http.ResponseWriter, r *http.Request) {
	m.simpanIuranKelas(w, r, "")
}

func (m *Module) postIuranKelasUbah(w http.ResponseWriter, r *http.Request) {
	m.simpanIuranKelas(w, r, r.PathValue("id"))
}

func (m *Module) simpanIuranKelas(w http.ResponseWriter, r *http.Request, id string) {
	ctx := r.Context()
	_ = r.ParseForm()
	name := "kelas"
	if id != "" {
		name = "kelas-" + id
	}
	f := web.NewForm(name, r.PostForm)
	in, err := iuranKelasForm(r.PostForm)
	if err == nil {
		if id != "" {
			err = cekID(id, "Kelas iuran")
		}
		if err == nil {
			_, err = m.SimpanKelasIuran(ctx, id, in)
		}
	}
	if err != nil {
		m.iuranRefill(w, r, err, f, func(d *iuranPage, f web.Form) {
			if id == "" {
				d.KelasBaru = f
				return
			}
			for i := range d.Kelas {
				if d.Kelas[i].ID == id {
					d.Kelas[i].Form = f
				}
			}
		})
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran#kelas", http.StatusSeeOther)
}

func (m *Module) postIuranRumah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	f := web.NewForm("rumah", r.PostForm)
	v := r.PostForm
	rm, err := m.SimpanRumahIuran(ctx, "", RumahIuranBaru{Nama: v.Get("nama"), Dusun: v.Get("dusun"), Alamat: v.Get("alamat"),
		KelasID: v.Get("kelas_id"), Mulai: strings.TrimSpace(v.Get("mulai"))})
	if err != nil {
		m.iuranRefill(w, r, err, f, func(d *iuranPage, f web.Form) { d.RumahBaru = f })
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran/rumah/"+rm.ID, http.StatusSeeOther)
}

func (m *Module) postIuranRumahUbah(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	id := r.PathValue("id")
	v := r.PostForm
	f := web.NewForm("ubah", v)
	err := cekID(id, "Rumah tangga")
	if err == nil {
		_, err = m.SimpanRumahIuran(ctx, id, RumahIuranBaru{Nama: v.Get("nama"), Dusun: v.Get("dusun"), Alamat: v.Get("alamat"),
			KelasID: v.Get("kelas_id"), Mulai: strings.TrimSpace(v.Get("mulai")), Aktif: IuranAktif(v.Get("aktif") != "")})
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "iuran_rumah", "Iuran",
			func() (iuranRumahPage, error) { return m.iuranRumahData(ctx, id) },
			func(d *iuranRumahPage, f web.Form) { d.Ubah = f })
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran/rumah/"+id, http.StatusSeeOther)
}

type iuranTagihanBaris struct {
	TagihanIuran
	Sisa int64
	Form web.Form
}

type iuranBayarBaris struct {
	BayarIuran
	Periode string
	Dibalik bool
	Form    web.Form
	Aksi    string
}

type iuranRumahPage struct {
	Desa       desaView
	Nav        []navTab
	Rumah      RumahIuran
	Kelas      string
	Tagihan    []iuranTagihanBaris
	Bayar      []iuranBayarBaris
	Tunggakan  int64
	AksiBayar  string
	Ubah       web.Form
	AksiUbah   string
	KelasPilih []KelasIuran
	Kembali    string
	HariIni    string
}

func (m *Module) iuranRumahData(ctx context.Context, id string) (iuranRumahPage, error) {
	t, _ := tenancy.From(ctx)
	base := "/desa/" + string(t.Kode) + "/sampah/iuran"
	_, today := m.iuranBulanIni(ctx)
	d := iuranRumahPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabIuran), Kembali: base, HariIni: string(today),
		AksiBayar: base + "/rumah/" + id + "/bayar"}
	var err error
	if d.Rumah, err = m.GetRumahIuran(ctx, id); err != nil {
		return d, err
	}
	ks, err := m.ListKelasIuran(ctx)
	if err != nil {
		return d, err
	}
	for _, k := range ks {
		if k.ID == d.Rumah.KelasID {
			d.Kelas = k.Nama + " (Rp " + valid.Angka(k.Tarif) + "/bulan)"
		}
		if k.Aktif || k.ID == d.Rumah.KelasID {
			d.KelasPilih = append(d.KelasPilih, k)
		}
	}
	aktif := ""
	if d.Rumah.Aktif {
		aktif = "1"
	}
	d.AksiUbah = base + "/rumah/" + id
	d.Ubah = web.NewForm("ubah", url.Values{"nama": {d.Rumah.Nama}, "dusun": {d.Rumah.Dusun}, "alamat": {d.Rumah.Alamat},
		"kelas_id": {d.Rumah.KelasID}, "mulai": {d.Rumah.Mulai}, "aktif": {aktif}})
	ts, bs, err := m.TagihanRumah(ctx, id)
	if err != nil {
		return d, err
	}
	periode := map[string]string{}
	for _, tg := range ts {
		periode[tg.ID] = tg.Periode
		d.Tunggakan += tg.Sisa()
		d.Tagihan = append(d.Tagihan, iuranTagihanBaris{TagihanIuran: tg, Sisa: tg.Sisa(),
			Form: web.NewForm("bayar-"+tg.ID, url.Values{"tagihan_id": {tg.ID}, "jumlah": {valid.Angka(tg.Sisa())}, "tanggal": {string(today)}})})
	}
	dibalik := map[string]bool{}
	for _, b := range bs {
		if b.KoreksiID != "" {
			dibalik[b.KoreksiID] = true
		}
	}
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		d.Bayar = append(d.Bayar, iuranBayarBaris{BayarIuran: b, Periode: periode[b.TagihanID], Dibalik: dibalik[b.ID],
			Form: web.NewForm("koreksi-"+b.ID, nil), Aksi: base + "/rumah/" + id + "/koreksi/" + b.ID})
	}
	return d, nil
}

func (m *Module) pageIuranRumah(w http.ResponseWriter, r *http.Request) {
	d, err := m.iuranRumahData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Failed(w, r, err, &web.Form{})
		return
	}
	m.pages.Render(w, r, http.StatusOK, "iuran_rumah", "Iuran "+d.Rumah.Nama, d)
}

func (m *Module) postIuranBayar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	id := r.PathValue("id")
	v := r.PostForm
	tagihanID := v.Get("tagihan_id")
	f := web.NewForm("bayar-"+tagihanID, v)
	err := cekID(id, "Rumah tangga")
	if err == nil {
		in := BayarIuranBaru{TagihanID: tagihanID}
		var p valid.Problems
		if tg, derr := civil.ParseDate(strings.TrimSpace(v.Get("tanggal"))); derr != nil {
			p.Add("tanggal", "Tanggal bayar ditulis TTTT-BB-HH.")
		} else {
			in.Tanggal = tg
		}
		jumlah, jerr := iuranRupiah("jumlah", "Jumlah", v.Get("jumlah"))
		p.Include("jumlah", jerr)
		in.Jumlah = jumlah
		err = p.Err()
		if err == nil {
			err = m.iuranTagihanMilik(ctx, id, tagihanID)
		}
		if err == nil {
			_, err = m.BayarTagihan(ctx, in)
		}
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "iuran_rumah", "Iuran",
			func() (iuranRumahPage, error) { return m.iuranRumahData(ctx, id) },
			func(d *iuranRumahPage, f web.Form) {
				for i := range d.Tagihan {
					if d.Tagihan[i].ID == tagihanID {
						d.Tagihan[i].Form = f
					}
				}
			})
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran/rumah/"+id, http.StatusSeeOther)
}

// iuranTagihanMilik checks that the bill a page posts belongs to the
// household the page shows.
func (m *Module) iuranTagihanMilik(ctx context.Context, rumahID, tagihanID string) error {
	ts, _, err := m.TagihanRumah(ctx, rumahID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.ID == tagihanID {
			return nil
		}
	}
	return fault.Field("jumlah", "Tagihan tidak ditemukan pada rumah tangga ini.")
}

func (m *Module) postIuranKoreksi(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	id, bayarID := r.PathValue("id"), r.PathValue("bayar")
	f := web.NewForm("koreksi-"+bayarID, r.PostForm)
	err := cekID(id, "Rumah tangga")
	if err == nil {
		_, err = m.KoreksiBayar(ctx, bayarID, KoreksiBayarBaru{Alasan: r.PostForm.Get("alasan")})
	}
	if err != nil {
		web.Refill(m.pages, w, r, err, f, "iuran_rumah", "Iuran",
			func() (iuranRumahPage, error) { return m.iuranRumahData(ctx, id) },
			func(d *iuranRumahPage, f web.Form) {
				for i := range d.Bayar {
					if d.Bayar[i].ID == bayarID {
						d.Bayar[i].Form = f
					}
				}
			})
		return
	}
	t, _ := tenancy.From(ctx)
	http.Redirect(w, r, "/desa/"+string(t.Kode)+"/sampah/iuran/rumah/"+id, http.StatusSeeOther)
}

type iuranTunggakanBaris struct {
	Tunggakan
	Href string
}

type iuranTunggakanPage struct {
	Desa        desaView
	Nav         []navTab
	Urut, Dusun string
	DaftarDusun []string
	Baris       []iuranTunggakanBaris
	Total       int64
	Unduh       string
	UnduhXLSX   string
	Aksi        string
	Dicetak     string
}

func (m *Module) pageIuranTunggakan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	base := "/desa/" + string(t.Kode) + "/sampah/iuran"
	q := r.URL.Query()
	d := iuranTunggakanPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabIuran), Urut: q.Get("urut"),
		Dusun: strings.TrimSpace(q.Get("dusun")), Aksi: base + "/tunggakan"}
	if d.Urut != UrutBulan && d.Urut != UrutNama {
		d.Urut = UrutJumlah
	}
	ts, err := m.DaftarTunggakan(ctx, d.Urut, d.Dusun)
	if fault.Is(err, fault.Invalid) {
		d.Dusun = ""
		ts, err = m.DaftarTunggakan(ctx, d.Urut, "")
	}
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	if d.DaftarDusun, err = m.DusunIuran(ctx); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	for _, x := range ts {
		d.Total += x.Jumlah
		d.Baris = append(d.Baris, iuranTunggakanBaris{Tunggakan: x, Href: base + "/rumah/" + x.RumahID})
	}
	v := url.Values{"urut": {d.Urut}}
	if d.Dusun != "" {
		v.Set("dusun", d.Dusun)
	}
	d.Unduh = base + "/tunggakan.csv?" + v.Encode()
	d.UnduhXLSX = base + "/tunggakan.xlsx?" + v.Encode()
	d.Dicetak = m.now().In(civil.Zone(t.Kode)).Format("2006-01-02 15:04")
	// The list names residents and what they owe: showing it (it is the
	// printable page) is recorded, as its download is (UU 27/2022 Pasal 31).
	if err := m.catatUnduh(ctx, "cetak-tunggakan-iuran", "sampah/iuran/tunggakan"); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "iuran_tunggakan", "Tunggakan iuran "+d.Desa.Nama, d)
}

// unduhIuranTunggakan downloads the arrears list as CSV or XLSX (by the
// path's extension); the download is recorded.
func (m *Module) unduhIuranTunggakan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	q := r.URL.Query()
	ts, err := m.DaftarTunggakan(ctx, q.Get("urut"), strings.TrimSpace(q.Get("dusun")))
	if fault.Is(err, fault.Invalid) {
		m.pages.Error(w, r, http.StatusUnprocessableEntity, "Urutan atau dusun tidak sah.")
		return
	}
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	format := "csv"
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		format = "xlsx"
	}
	var raw []byte
	var ctype string
	if format == "csv" {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		_ = cw.Write([]string{"Nama kepala keluarga", "Dusun", "Jumlah bulan", "Bulan", "Sisa tagihan (Rp)"})
		for _, x := range ts {
			_ = cw.Write([]string{iuranCSVCell(x.Nama), iuranCSVCell(x.Dusun), strconv.Itoa(x.Bulan), strings.Join(x.Periode, " "),
				strconv.FormatInt(x.Jumlah, 10)})
		}
		cw.Flush()
		raw, ctype = buf.Bytes(), tipeCSV
	} else {
		d := m.desaView(ctx)
		tab := report.Table{Title: "Tunggakan", Columns: []report.Column{{Label: "Nama kepala keluarga", Width: 3}, {Label: "Dusun", Width: 2},
			{Label: "Jumlah bulan", Align: report.Right}, {Label: "Bulan", Width: 3}, {Label: "Sisa tagihan (Rp)", Align: report.Right, Width: 1.5}}}
		for _, x := range ts {
			tab.Rows = append(tab.Rows, report.Row{Cells: []report.Cell{report.Teks(x.Nama), report.Teks(x.Dusun),
				report.Angka(int64(x.Bulan), strconv.Itoa(x.Bulan)), report.Teks(strings.Join(x.Periode, ", ")), report.Angka(x.Jumlah, valid.Angka(x.Jumlah))}})
		}
		doc := report.Document{Title: "Tunggakan iuran kebersihan", Subtitle: "Desa " + d.Nama,
			Sections: []report.Section{{Heading: "Tunggakan per rumah tangga", Tables: []report.Table{tab}, Empty: "Tidak ada tunggakan."}},
			Footer:   "Dicetak " + m.now().In(civil.Zone(t.Kode)).Format("2006-01-02 15:04") + ". Berisi data pribadi warga."}
		if len(ts) == 0 {
			doc.Sections[0].Tables = nil
		}
		if raw, err = report.XLSX(doc); err != nil {
			m.pages.ServerError(w, r, err)
			return
		}
		ctype = tipeXLSX
	}
	if err := m.catatUnduh(ctx, "unduh-tunggakan-iuran", "sampah/iuran/tunggakan."+format); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	name := "tunggakan-iuran-" + strings.ReplaceAll(string(t.Kode), ".", "") + "-" + m.now().Format("20060102") + "." + format
	web.Download(w, ctype, name, raw)
}

// iuranCSVCell keeps a spreadsheet from reading a typed name as a formula.
func iuranCSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
