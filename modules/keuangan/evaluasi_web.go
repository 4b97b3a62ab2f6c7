package keuangan

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// maxFormEvaluasi bounds a posted form of these pages.
const maxFormEvaluasi = 64 << 10

// routesEvaluasi adds the camat's evaluation page of a desa's APBDes, the
// camat's queue of the kecamatan and the kabupaten's rules page. The
// evaluation reads with PermRead (the desa and the kabupaten see the
// comments too); its forms need PermEvaluasi. The queue needs PermEvaluasi
// at the kecamatan, the rules PermAturan at the kabupaten.
func (m *Module) routesEvaluasi(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET /desa/{kode}/keuangan/{tahun}/evaluasi", PermRead, m.pageEvaluasi)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/evaluasi/komentar", PermEvaluasi, m.pageKomentar)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/evaluasi/keputusan", PermEvaluasi, m.pageKeputusan)
	kec, kab := []tenancy.Level{tenancy.Kecamatan}, []tenancy.Level{tenancy.Kabupaten}
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/keuangan/evaluasi", PermEvaluasi, kec, m.pageAntrean)
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/keuangan/aturan/{tahun}", PermAturan, kab, m.pageAturan)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/keuangan/aturan/{tahun}", PermAturan, kab, m.pageAturanSimpan)
	m.web.HandleWilayah(mux, "POST /wilayah/{kode}/keuangan/aturan/{tahun}/salin", PermAturan, kab, m.pageAturanSalin)
}

func (m *Module) parseFormEvaluasi(rw http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormEvaluasi)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

// tahunDariPath reads {tahun} of a page; false after answering 404.
func (m *Module) tahunDariPath(rw http.ResponseWriter, r *http.Request) (int, bool) {
	y, err := tahunDariTeks(r.PathValue("tahun"))
	if err != nil {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak dikenal.")
		return 0, false
	}
	return y, true
}

func (m *Module) namaWilayahEv(ctx context.Context, k tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(ctx, k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

var bulanEv = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// waktuEv writes a moment the short Indonesian way in WITA, "5 Mar 2026
// 10.00 WITA": ngantor's first kabupaten is in Bali.
func waktuEv(t time.Time) string {
	t = t.UTC().Add(8 * time.Hour)
	return strconv.Itoa(t.Day()) + " " + bulanEv[t.Month()-1] + " " + strconv.Itoa(t.Year()) + " " + t.Format("15.04") + " WITA"
}

type evKomentarView struct {
	Baris string
	Isi   string
	Oleh  string
	Waktu string
}

func evKomentarViewOf(k Komentar) evKomentarView {
	return evKomentarView{Baris: k.BarisRingkas, Isi: k.Isi, Oleh: k.OlehNama, Waktu: waktuEv(k.CreatedAt)}
}

type evRiwayatView struct {
	Waktu, Dari, Ke, Oleh, Catatan string
}

type evBarisView struct {
	ID         string
	Kode       string // rekening
	Uraian     string
	Rincian    string // "2,5 sak × Rp 65.000" for belanja
	Sumber     string
	Jumlah     Rupiah
	Komentar   []evKomentarView
	Form       web.Form // the comment form of this line
	FormGagal  bool
	FormAction string
}

type evKegiatanView struct {
	Kode, Nama string
	Jumlah     Rupiah
	Baris      []evBarisView
}

type evBidangView struct {
	Kode, Nama string
	Jumlah     Rupiah
	Kegiatan   []evKegiatanView
}

type evKelompokView struct {
	Judul  string
	Jumlah Rupiah
	Baris  []evBarisView
}

type evaluasiPage struct {
	Nav        navView
	Desa       string
	Kode       string
	Tahun      int
	Pesan      string
	Ada        bool
	Kosong     string // why there is nothing to evaluate
	Versi      string
	Status     string
	StatusNama string
	Diajukan   bool
	Catatan    string
	Pendapatan evKelompokView
	Bidang     []evBidangView
	Belanja    Rupiah
	Penerimaan evKelompokView
	Pengeluar  evKelompokView
	Total      Total
	Seimbang   string
	Aturan     []HasilAturan
	Umum       []evKomentarView
	JumlahKom  int
	Riwayat    []evRiwayatView

	KomentarAction  string
	KeputusanAction string
	FormUmum        web.Form
	FormKeputusan   web.Form
}

// evaluasiData builds the evaluation page of tahun for the desa in ctx.
func (m *Module) evaluasiData(ctx context.Context, tahun int) (evaluasiPage, error) {
	t, _ := tenancy.From(ctx)
	base := "/desa/" + string(t.Kode) + "/keuangan/" + strconv.Itoa(tahun) + "/evaluasi"
	p := evaluasiPage{Nav: nav(t.Kode, tahun, tabEvaluasi), Desa: m.namaWilayahEv(ctx, t.Kode), Kode: string(t.Kode), Tahun: tahun,
		KomentarAction: base + "/komentar", KeputusanAction: base + "/keputusan",
		FormUmum: web.NewForm("komentar-umum", nil), FormKeputusan: web.NewForm("keputusan", nil)}
	d, err := m.Evaluasi(ctx, tahun)
	if fault.Is(err, fault.NotFound) {
		p.Kosong = "APBDes tahun " + strconv.Itoa(tahun) + " belum dibuat desa."
		return p, nil
	}
	if err != nil {
		return p, err
	}
	a := d.APBDes
	p.Ada, p.Versi, p.Status, p.StatusNama = true, a.Versi, a.Status, NamaStatus(a.Status)
	p.Diajukan, p.Catatan = a.Status == StatusDiajukan, a.CatatanEvaluasi
	p.Total, p.Seimbang, p.Aturan, p.JumlahKom = d.Total, d.Seimbang, d.Aturan, len(d.Komentar)
	for _, r := range d.Riwayat {
		p.Riwayat = append(p.Riwayat, evRiwayatView{Waktu: waktuEv(r.CreatedAt), Dari: NamaStatus(r.Dari), Ke: NamaStatus(r.Ke),
			Oleh: r.OlehNama, Catatan: r.Catatan})
	}
	perBaris := map[string][]evKomentarView{}
	for _, k := range d.Komentar {
		if k.BarisID == "" {
			p.Umum = append(p.Umum, evKomentarViewOf(k))
		} else {
			perBaris[k.BarisID] = append(perBaris[k.BarisID], evKomentarViewOf(k))
		}
	}
	names, err := m.namaKegiatan(ctx, tahun)
	if err != nil {
		return p, err
	}
	p.Pendapatan.Judul, p.Penerimaan.Judul, p.Pengeluar.Judul = "Pendapatan", "Penerimaan pembiayaan", "Pengeluaran pembiayaan"
	var bidang *evBidangView
	var keg *evKegiatanView
	for _, b := range d.Baris {
		v := evBarisView{ID: b.ID, Kode: string(b.KodeRekening), Uraian: b.Uraian, Sumber: b.SumberDana, Jumlah: b.Jumlah,
			Komentar: perBaris[b.ID], Form: web.NewForm("komentar-"+b.ID, url.Values{"baris_id": {b.ID}}), FormAction: p.KomentarAction}
		switch b.Kelompok {
		case KelompokPendapatan:
			p.Pendapatan.Baris = append(p.Pendapatan.Baris, v)
			p.Pendapatan.Jumlah += b.Jumlah
		case KelompokPenerimaanPembiayaan:
			p.Penerimaan.Baris = append(p.Penerimaan.Baris, v)
			p.Penerimaan.Jumlah += b.Jumlah
		case KelompokPengeluaranPembiayaan:
			p.Pengeluar.Baris = append(p.Pengeluar.Baris, v)
			p.Pengeluar.Jumlah += b.Jumlah
		case KelompokBelanja:
			v.Rincian = b.Volume.String() + " " + b.Satuan + " × " + b.HargaSatuan.String()
			bk := string(b.KodeKegiatan)
			if i := strings.IndexByte(bk, '.'); i > 0 {
				bk = bk[:i]
			}
			if bidang == nil || bidang.Kode != bk {
				p.Bidang = append(p.Bidang, evBidangView{Kode: bk, Nama: names[bk]})
				bidang = &p.Bidang[len(p.Bidang)-1]
				keg = nil
			}
			if keg == nil || keg.Kode != string(b.KodeKegiatan) {
				bidang.Kegiatan = append(bidang.Kegiatan, evKegiatanView{Kode: string(b.KodeKegiatan), Nama: names[string(b.KodeKegiatan)]})
				keg = &bidang.Kegiatan[len(bidang.Kegiatan)-1]
			}
			keg.Baris = append(keg.Baris, v)
			keg.Jumlah += b.Jumlah
			bidang.Jumlah += b.Jumlah
			p.Belanja += b.Jumlah
		}
	}
	return p, nil
}

// namaKegiatan maps bidang, sub-bidang and kegiatan codes of tahun's list
// to their names.
func (m *Module) namaKegiatan(ctx context.Context, tahun int) (map[string]string, error) {
	out := map[string]string{}
	v, err := versiFor(ctx, m.db, DaftarLampiran, tahun)
	if fault.Is(err, fault.NotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	var rows []kegiatanLampiran
	if err := m.db.NewSelect().Model(&rows).Column("kode", "nama").Where("k.versi = ?", v.Kode).Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[string(r.Kode)] = r.Nama
	}
	return out, nil
}

func (m *Module) pageEvaluasi(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunDariPath(rw, r)
	if !ok {
		return
	}
	p, err := m.evaluasiData(r.Context(), tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	switch r.URL.Query().Get("pesan") {
	case "komentar":
		p.Pesan = "Komentar disimpan."
	case KeputusanKembalikan:
		p.Pesan = "APBDes dikembalikan kepada desa untuk diperbaiki."
	case KeputusanTerima:
		p.Pesan = "Hasil evaluasi diterima; desa dapat menetapkan APBDes dengan Perdes."
	}
	m.pages.Render(rw, r, http.StatusOK, "evaluasi", "Evaluasi APBDes "+strconv.Itoa(tahun)+" — "+p.Desa, p)
}

func (m *Module) pageKomentar(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunDariPath(rw, r)
	if !ok || !m.parseFormEvaluasi(rw, r) {
		return
	}
	ctx := r.Context()
	barisID := r.PostForm.Get("baris_id")
	_, err := m.TambahKomentar(ctx, tahun, KomentarBaru{BarisID: barisID, Isi: r.PostForm.Get("isi")}, nil)
	if err == nil {
		t, _ := tenancy.From(ctx)
		anchor := "#komentar-umum"
		if barisID != "" {
			anchor = "#baris-" + barisID
		}
		http.Redirect(rw, r, "/desa/"+string(t.Kode)+"/keuangan/"+strconv.Itoa(tahun)+"/evaluasi?pesan=komentar"+anchor, http.StatusSeeOther)
		return
	}
	name := "komentar-umum"
	if barisID != "" {
		name = "komentar-" + barisID
	}
	web.Refill(m.pages, rw, r, err, web.NewForm(name, r.PostForm), "evaluasi", "Evaluasi APBDes",
		func() (evaluasiPage, error) { return m.evaluasiData(ctx, tahun) },
		func(p *evaluasiPage, f web.Form) {
			if barisID == "" {
				p.FormUmum = f
				return
			}
			found := false
			for bi := range p.Bidang {
				for ki := range p.Bidang[bi].Kegiatan {
					for li := range p.Bidang[bi].Kegiatan[ki].Baris {
						if l := &p.Bidang[bi].Kegiatan[ki].Baris[li]; l.ID == barisID {
							l.Form, l.FormGagal, found = f, true, true
						}
					}
				}
			}
			for _, g := range []*evKelompokView{&p.Pendapatan, &p.Penerimaan, &p.Pengeluar} {
				for li := range g.Baris {
					if l := &g.Baris[li]; l.ID == barisID {
						l.Form, l.FormGagal, found = f, true, true
					}
				}
			}
			if !found { // the line is gone or never was: say so above the page
				p.FormUmum = f
			}
		})
}

func (m *Module) pageKeputusan(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunDariPath(rw, r)
	if !ok || !m.parseFormEvaluasi(rw, r) {
		return
	}
	ctx := r.Context()
	k := Keputusan{Keputusan: r.PostForm.Get("keputusan"), Catatan: r.PostForm.Get("catatan")}
	_, err := m.Putuskan(ctx, tahun, k, nil)
	if err == nil {
		t, _ := tenancy.From(ctx)
		http.Redirect(rw, r, "/desa/"+string(t.Kode)+"/keuangan/"+strconv.Itoa(tahun)+"/evaluasi?pesan="+k.Keputusan, http.StatusSeeOther)
		return
	}
	web.Refill(m.pages, rw, r, err, web.NewForm("keputusan", r.PostForm), "evaluasi", "Evaluasi APBDes",
		func() (evaluasiPage, error) { return m.evaluasiData(ctx, tahun) },
		func(p *evaluasiPage, f web.Form) { p.FormKeputusan = f })
}

type antreanBaris struct {
	Desa       string
	Kode       string
	Status     string
	StatusNama string
	Versi      string
	Belanja    Rupiah
	Href       string
	Menunggu   bool
}

type antreanPage struct {
	Kecamatan string
	Tahun     int
	Baris     []antreanBaris
	Menunggu  int
	TanpaAPB  int
	Tahunan   []evTahunLink
	Tabel     string // the kecamatan's keuangan table of the year
}

type evTahunLink struct {
	Tahun int
	Href  string
	Aktif bool
}

func (m *Module) pageAntrean(rw http.ResponseWriter, r *http.Request) {
	kec := wilayahOf(r)
	ctx := r.Context()
	// From October the camat evaluates next year's RAPBDes (Permendagri
	// 20/2018 Pasal 32–34: set by 31 December), so that is the year the
	// queue opens on.
	now := m.now()
	tahun := now.Year()
	if now.Month() >= time.October {
		tahun++
	}
	if s := r.URL.Query().Get("tahun"); s != "" {
		y, err := tahunDariTeks(s)
		if err != nil {
			m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak dikenal.")
			return
		}
		tahun = y
	}
	list, err := m.AntreanEvaluasi(ctx, kec, tahun)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	p := antreanPage{Kecamatan: m.namaWilayahEv(ctx, kec), Tahun: tahun, Tabel: tabelHref(kec, tahun)}
	for y := tahun - 1; y <= tahun+1; y++ {
		p.Tahunan = append(p.Tahunan, evTahunLink{Tahun: y, Href: "/wilayah/" + string(kec) + "/keuangan/evaluasi?tahun=" + strconv.Itoa(y), Aktif: y == tahun})
	}
	for _, x := range list {
		b := antreanBaris{Desa: x.Nama, Kode: string(x.Desa), StatusNama: "belum ada APBDes"}
		if a := x.APBDes; a != nil {
			b.Status, b.StatusNama, b.Versi, b.Belanja = a.Status, NamaStatus(a.Status), a.Versi, x.Belanja
			b.Href = "/desa/" + string(x.Desa) + "/keuangan/" + strconv.Itoa(tahun) + "/evaluasi"
			b.Menunggu = a.Status == StatusDiajukan
			if b.Menunggu {
				p.Menunggu++
			}
		} else {
			p.TanpaAPB++
		}
		p.Baris = append(p.Baris, b)
	}
	m.pages.Render(rw, r, http.StatusOK, "evaluasi_antrean", "Evaluasi APBDes "+strconv.Itoa(tahun)+" — Kecamatan "+p.Kecamatan, p)
}
