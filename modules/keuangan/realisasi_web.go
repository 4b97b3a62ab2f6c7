package keuangan

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the realisasi part: the realisasi table with the entry forms,
// the books, the Dana Desa tahap and the LRA with its downloads. Every page
// of a year without an APBDes in force still opens (its tab is always
// shown) and says what is missing.

func (m *Module) routesRealisasiWeb(mux *http.ServeMux) {
	base := "/desa/{kode}/keuangan/{tahun}/"
	m.web.HandleDesa(mux, "GET "+base+tabRealisasi, PermRead, m.pageRealisasi)
	m.web.HandleDesa(mux, "POST "+base+"transaksi", PermWrite, m.postTransaksi)
	m.web.HandleDesa(mux, "POST "+base+"transaksi/{id}/koreksi", PermWrite, m.postKoreksi)
	m.web.HandleDesa(mux, "GET "+base+tabBKU, PermRead, m.pageBKU)
	m.web.HandleDesa(mux, "GET "+base+"bku/{format}", PermRead, m.unduh(m.unduhBKU))
	m.web.HandleDesa(mux, "GET "+base+tabDanaDesa, PermRead, m.pageDanaDesa)
	m.web.HandleDesa(mux, "GET "+base+tabLaporan, PermRead, m.pageLaporan)
	m.web.HandleDesa(mux, "GET "+base+"lra/{format}", PermRead, m.unduh(m.unduhLRA))
}

// halRealisasi is what every page of the part shows above its own content.
type halRealisasi struct {
	Nav      navView
	Desa     string
	NamaDesa string
	Tahun    int
	Base     string // /desa/{kode}/keuangan/{tahun}
	// Pesan says why there is nothing to show (no APBDes, not ditetapkan).
	Pesan  string
	Ada    bool
	Versi  string
	Status string
}

// tahunHalaman reads {tahun} of a page; false when the page has answered
// (404 for anything but a year).
func (m *Module) tahunHalaman(rw http.ResponseWriter, r *http.Request) (int, bool) {
	n, err := tahunDariPath(r.PathValue("tahun"))
	if err != nil {
		m.pages.Error(rw, r, http.StatusNotFound, "Tahun anggaran tidak dikenal.")
		return 0, false
	}
	return n, true
}

// bukaRealisasi reads the data of a page of the part; a year without an
// APBDes is no error for a page: it says so.
func (m *Module) bukaRealisasi(ctx context.Context, tahun int, tab string) (halRealisasi, dataRealisasi, error) {
	t, _ := tenancy.From(ctx)
	h := halRealisasi{Nav: nav(t.Kode, tahun, tab), Desa: string(t.Kode), Tahun: tahun,
		Base: "/desa/" + string(t.Kode) + "/keuangan/" + strconv.Itoa(tahun), NamaDesa: m.namaDesaRealisasi(ctx)}
	d, err := m.bacaRealisasi(ctx, tahun)
	switch {
	case fault.Is(err, fault.NotFound):
		h.Pesan = "APBDes tahun " + strconv.Itoa(tahun) + " belum dibuat; realisasi dicatat setelah APBDes ditetapkan."
		return h, d, nil
	case err != nil:
		return h, d, err
	}
	h.Versi, h.Status = d.apbdes.Versi, d.apbdes.Status
	if d.apbdes.Status != StatusDitetapkan {
		h.Pesan = "APBDes tahun " + strconv.Itoa(tahun) + " belum ditetapkan (statusnya " + NamaStatus(d.apbdes.Status) +
			"); realisasi dicatat setelah APBDes ditetapkan dengan Peraturan Desa."
	}
	h.Ada = true
	return h, d, nil
}

// barisLRA is one row of an LRA table on a page.
type barisLRA struct {
	Kode, Nama, Tingkat string
	Kedalaman           int
	Indent              string // non-breaking spaces: the pages allow no inline style
	Anggaran, Realisasi string
	Sisa, Persen        string
	// Under an APBDes Perubahan: the murni's amount and the difference.
	Perubahan      bool
	Murni, Selisih string
	Keluaran       string
	Tebal          bool
}

func barisHalaman(l LRA) []barisLRA {
	var out []barisLRA
	for _, k := range []LRABaris{l.Pendapatan, l.Belanja, l.PenerimaanPembiayaan, l.PengeluaranPembiayaan} {
		k.Walk(func(r LRABaris, depth int) {
			b := barisLRA{Kode: r.Kode, Nama: r.Nama, Tingkat: r.Tingkat, Kedalaman: depth, Anggaran: r.Anggaran.Angka(),
				Realisasi: r.Realisasi.Angka(), Sisa: r.Sisa.Angka(), Persen: formatBP(r.PersenBP), Tebal: depth <= 1 && r.Tingkat != TingkatLRABaris,
				Indent: strings.Repeat("\u00a0\u00a0", depth)}
			if l.Versi == VersiPerubahan {
				b.Perubahan, b.Murni, b.Selisih = true, r.AnggaranMurni.Angka(), (r.Anggaran - r.AnggaranMurni).Angka()
			}
			if r.Tingkat == TingkatLRABaris {
				b.Kode = ""
				if r.SumberDana != "" {
					b.Nama += " (" + r.SumberDana + ")"
				}
			}
			b.Keluaran = r.TeksKeluaran()
			out = append(out, b)
		})
	}
	return out
}

// opsiEntri is an option of a select.
type opsiEntri struct{ Value, Label string }

// isianEntri is one field of an entry form.
type isianEntri struct {
	Nama, Label, Jenis string // Jenis: date, select, angka, teks
	Pilihan            []opsiEntri
	Wajib              bool
}

// formEntri is one entry form of the realisasi page.
type formEntri struct {
	Jenis, Judul, Tombol, Catatan string
	Form                          web.Form
	Isian                         []isianEntri
}

// jurnalBaris is an entry in the journal list with its correction form.
type jurnalBaris struct {
	ID, Tanggal, Jenis, Bukti, Uraian, Jumlah, Kas string
	Koreksi                                        bool // a correction, or corrected: no form
	Form                                           web.Form
}

type realisasiData struct {
	halRealisasi
	Baris    []barisLRA
	Belanja  AngkaLRA
	Pendapat AngkaLRA
	Forms    []formEntri
	Jurnal   []jurnalBaris
	Hari     string
	MinTgl   string
	SaldoT   string
	SaldoB   string
	// Buka is the form just used: it opens again, with the date and kas
	// carried over, for the next entry.
	Buka       string
	BolehCatat bool
}

// bentukForm lays out the six entry forms of the page with forms[jenis]
// (a refused one) in its place.
func (m *Module) bentukForm(d dataRealisasi, forms map[string]web.Form) []formEntri {
	var masuk, keluar, belanja []opsiEntri
	pilih := opsiEntri{"", "— pilih baris APBDes —"}
	masuk, keluar, belanja = []opsiEntri{pilih}, []opsiEntri{pilih}, []opsiEntri{pilih}
	for _, b := range d.lines {
		o := opsiEntri{b.ID, string(b.KodeRekening) + " " + b.Uraian + " (" + b.SumberDana + ", " + b.Jumlah.String() + ")"}
		if b.KodeKegiatan != "" {
			o.Label = string(b.KodeKegiatan) + " · " + o.Label
		}
		switch b.Kelompok {
		case KelompokPendapatan, KelompokPenerimaanPembiayaan:
			masuk = append(masuk, o)
		case KelompokBelanja:
			keluar = append(keluar, o)
			belanja = append(belanja, o)
		case KelompokPengeluaranPembiayaan:
			keluar = append(keluar, o)
		}
	}
	panjar := []opsiEntri{{"", "— pilih panjar —"}}
	for _, t := range d.jurnal.rows {
		if t.Jenis == JenisPanjar && d.jurnal.aktif(t) && d.jurnal.spj[t.ID] == "" {
			panjar = append(panjar, opsiEntri{t.ID, t.Tanggal.String() + " · " + t.Penerima + " · " + t.Jumlah.String() + " · " + t.Uraian})
		}
	}
	kas := []opsiEntri{{KasTunai, "Kas tunai"}, {KasBank, "Bank (RKD)"}}
	tgl := isianEntri{Nama: "tanggal", Label: "Tanggal *", Jenis: "date", Wajib: true}
	kasI := isianEntri{Nama: "kas", Label: "Kas", Jenis: "select", Pilihan: kas}
	jumlah := func(label string) isianEntri {
		return isianEntri{Nama: "jumlah", Label: label, Jenis: "angka", Wajib: true}
	}
	ppn := isianEntri{Nama: "ppn", Label: "PPN dipungut (Rp)", Jenis: "angka"}
	pph := isianEntri{Nama: "pph", Label: "PPh dipungut (Rp)", Jenis: "angka"}
	bukti := isianEntri{Nama: "nomor_bukti", Label: "Nomor bukti *", Jenis: "teks", Wajib: true}
	uraian := isianEntri{Nama: "uraian", Label: "Uraian", Jenis: "teks"}
	output := isianEntri{Nama: "output_volume", Label: "Keluaran terwujud (volume, satuan target baris)", Jenis: "teks"}
	all := []formEntri{
		{Jenis: JenisPenerimaan, Judul: "Penerimaan", Tombol: "Catat penerimaan", Catatan: "Penerimaan Dana Desa menyebut tahapnya.",
			Isian: []isianEntri{tgl, kasI, {Nama: "baris_id", Label: "Baris pendapatan/pembiayaan *", Jenis: "select", Pilihan: masuk, Wajib: true},
				jumlah("Jumlah (Rp) *"), {Nama: "dd_tahap", Label: "Tahap Dana Desa", Jenis: "select",
					Pilihan: []opsiEntri{{"", "— bukan Dana Desa —"}, {"1", "Tahap I"}, {"2", "Tahap II"}, {"3", "Tahap III"}}},
				{Nama: "nomor_bukti", Label: "Nomor bukti", Jenis: "teks"}, uraian}},
		{Jenis: JenisPengeluaran, Judul: "Pengeluaran", Tombol: "Catat pengeluaran", Catatan: "Jumlah bruto; PPN/PPh yang dipungut tetap di kas sampai disetor.",
			Isian: []isianEntri{tgl, kasI, {Nama: "baris_id", Label: "Baris belanja *", Jenis: "select", Pilihan: keluar, Wajib: true},
				jumlah("Jumlah bruto (Rp) *"), ppn, pph, bukti, {Nama: "penerima", Label: "Penerima *", Jenis: "teks", Wajib: true}, output, uraian}},
		{Jenis: JenisPanjar, Judul: "Panjar kepada pelaksana", Tombol: "Catat panjar",
			Isian: []isianEntri{tgl, kasI, {Nama: "baris_id", Label: "Baris belanja *", Jenis: "select", Pilihan: belanja, Wajib: true},
				jumlah("Jumlah panjar (Rp) *"), {Nama: "penerima", Label: "Pelaksana penerima panjar *", Jenis: "teks", Wajib: true}, uraian}},
		{Jenis: JenisSPJ, Judul: "SPJ panjar", Tombol: "Catat SPJ", Catatan: "Yang dibelanjakan menjadi realisasi; sisanya kembali ke kas.",
			Isian: []isianEntri{tgl, {Nama: "panjar_id", Label: "Panjar *", Jenis: "select", Pilihan: panjar, Wajib: true},
				{Nama: "jumlah", Label: "Dibelanjakan (Rp) *", Jenis: "angka", Wajib: true}, ppn, pph, bukti, output, uraian}},
		{Jenis: JenisSetorPajak, Judul: "Setor pajak", Tombol: "Catat setoran pajak",
			Isian: []isianEntri{tgl, kasI, {Nama: "ppn", Label: "PPN disetor (Rp)", Jenis: "angka"}, {Nama: "pph", Label: "PPh disetor (Rp)", Jenis: "angka"},
				{Nama: "nomor_bukti", Label: "NTPN / nomor bukti *", Jenis: "teks", Wajib: true}}},
		{Jenis: JenisMutasi, Judul: "Mutasi kas", Tombol: "Catat mutasi",
			Isian: []isianEntri{tgl, {Nama: "kas", Label: "Arah", Jenis: "select", Pilihan: []opsiEntri{{KasTunai, "Setor tunai ke bank"}, {KasBank, "Tarik tunai dari bank"}}},
				jumlah("Jumlah (Rp) *"), uraian}},
	}
	for i := range all {
		if f, ok := forms[all[i].Jenis]; ok {
			all[i].Form = f
		} else {
			all[i].Form = web.NewForm(all[i].Jenis, nil)
		}
	}
	return all
}

func (m *Module) realisasiData(ctx context.Context, tahun int, forms map[string]web.Form, koreksi map[string]web.Form) (realisasiData, error) {
	h, d, err := m.bukaRealisasi(ctx, tahun, tabRealisasi)
	if err != nil {
		return realisasiData{}, err
	}
	out := realisasiData{halRealisasi: h, Hari: string(m.hariIniDesa(ctx)), MinTgl: strconv.Itoa(tahun) + "-01-01"}
	if !h.Ada {
		return out, nil
	}
	l := d.lra(0)
	out.Baris, out.Belanja, out.Pendapat = barisHalaman(l), l.Belanja.AngkaLRA, l.Pendapatan.AngkaLRA
	t, b := d.jurnal.saldo("")
	out.SaldoT, out.SaldoB = t.String(), b.String()
	if h.Status == StatusDitetapkan {
		out.BolehCatat = true
		out.Forms = m.bentukForm(d, forms)
	}
	rows := d.jurnal.rows
	const tampil = 30
	for i := len(rows) - 1; i >= 0 && len(out.Jurnal) < tampil; i-- {
		t := rows[i]
		jb := jurnalBaris{ID: t.ID, Tanggal: tanggalPendek(t.Tanggal), Jenis: namaJenisTransaksi(t.Jenis), Bukti: t.NomorBukti, Uraian: t.Uraian,
			Jumlah: t.Jumlah.Angka(), Kas: t.Kas, Koreksi: !d.jurnal.aktif(t)}
		if f, ok := koreksi[t.ID]; ok {
			jb.Form = f
		} else {
			jb.Form = web.NewForm("koreksi-"+t.ID, nil)
		}
		out.Jurnal = append(out.Jurnal, jb)
	}
	return out, nil
}

func namaJenisTransaksi(j string) string {
	switch j {
	case JenisSPJ:
		return "SPJ"
	case JenisSetorPajak:
		return "setor pajak"
	}
	return j
}

func (m *Module) pageRealisasi(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok {
		return
	}
	// After an entry the page opens its form again with the date and kas
	// of the last one: a bendahara enters a day's receipts in a row.
	q := r.URL.Query()
	var forms map[string]web.Form
	buka := q.Get("catat")
	switch buka {
	case JenisPenerimaan, JenisPengeluaran, JenisPanjar, JenisSPJ, JenisSetorPajak, JenisMutasi:
		v := url.Values{}
		if tgl, err := civil.ParseDate(q.Get("tanggal")); err == nil && tgl.Year() == tahun {
			v.Set("tanggal", string(tgl))
		}
		if k := q.Get("kas"); k == KasTunai || k == KasBank {
			v.Set("kas", k)
		}
		forms = map[string]web.Form{buka: web.NewForm(buka, v)}
	default:
		buka = ""
	}
	d, err := m.realisasiData(r.Context(), tahun, forms, nil)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	d.Buka = buka
	m.pages.Render(rw, r, http.StatusOK, "realisasi", "Realisasi APBDes "+strconv.Itoa(tahun), d)
}

// maxFormRealisasi bounds an entry form's body.
const maxFormRealisasi = 64 << 10

func (m *Module) bacaFormRealisasi(rw http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormRealisasi)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(rw, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

// transaksiDariForm reads an entry form into the one input the API takes
// too; amounts and volumes are parsed as typed ("1.250.000", "2,5").
func transaksiDariForm(tahun int, v url.Values) (TransaksiBaru, error) {
	in := TransaksiBaru{Tahun: tahun, Jenis: strings.TrimSpace(v.Get("jenis")), Tanggal: civil.Date(strings.TrimSpace(v.Get("tanggal"))),
		Kas: v.Get("kas"), BarisID: v.Get("baris_id"), NomorBukti: v.Get("nomor_bukti"), Penerima: v.Get("penerima"),
		Uraian: v.Get("uraian"), PanjarID: v.Get("panjar_id")}
	var errs []*fault.Error
	uang := func(field string, need bool) Rupiah {
		s := strings.TrimSpace(v.Get(field))
		if s == "" && !need {
			return 0
		}
		r, err := ParseRupiah(field, s)
		if f, ok := fault.As(err); ok {
			errs = append(errs, f)
		}
		return r
	}
	in.Jumlah = uang("jumlah", in.Jenis != JenisSetorPajak)
	in.PPN, in.PPh = uang("ppn", false), uang("pph", false)
	if s := strings.TrimSpace(v.Get("output_volume")); s != "" {
		vol, err := ParseVolume("output_volume", s)
		if f, ok := fault.As(err); ok {
			errs = append(errs, f)
		}
		in.OutputVolume = vol
	}
	if s := strings.TrimSpace(v.Get("dd_tahap")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 3 {
			errs = append(errs, fault.Field("dd_tahap", "Tahap Dana Desa harus I, II atau III."))
		}
		in.DDTahap = n
	}
	if len(errs) > 0 {
		return in, fault.Invalids(errs)
	}
	return in, nil
}

func (m *Module) postTransaksi(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok || !m.bacaFormRealisasi(rw, r) {
		return
	}
	ctx := r.Context()
	jenis := strings.TrimSpace(r.PostForm.Get("jenis"))
	in, err := transaksiDariForm(tahun, r.PostForm)
	if err == nil {
		_, err = m.CatatTransaksi(ctx, in, pelakuID(ctx))
	}
	if err == nil {
		next := url.Values{"catat": {in.Jenis}, "tanggal": {string(in.Tanggal)}, "kas": {in.Kas}}
		http.Redirect(rw, r, r.URL.Path[:strings.LastIndex(r.URL.Path, "/")]+"/"+tabRealisasi+"?"+next.Encode()+"#catat-"+in.Jenis, http.StatusSeeOther)
		return
	}
	name := jenis
	switch jenis {
	case JenisPenerimaan, JenisPengeluaran, JenisPanjar, JenisSPJ, JenisSetorPajak, JenisMutasi:
	default:
		name = JenisPenerimaan // a form sent without its kind: the first form shows why
	}
	web.Refill(m.pages, rw, r, err, web.NewForm(name, r.PostForm), "realisasi", "Realisasi APBDes "+strconv.Itoa(tahun),
		func() (realisasiData, error) { return m.realisasiData(ctx, tahun, nil, nil) },
		func(d *realisasiData, f web.Form) {
			for i := range d.Forms {
				if d.Forms[i].Jenis == name {
					d.Forms[i].Form = f
				}
			}
			if len(d.Forms) == 0 {
				d.Pesan = strings.Join(f.Messages(), " ")
			}
		})
}

func (m *Module) postKoreksi(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok || !m.bacaFormRealisasi(rw, r) {
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	in := KoreksiBaru{Tanggal: civil.Date(strings.TrimSpace(r.PostForm.Get("tanggal"))), Alasan: r.PostForm.Get("alasan")}
	_, err := m.KoreksiTransaksi(ctx, id, in, pelakuID(ctx))
	if err == nil {
		http.Redirect(rw, r, "/desa/"+r.PathValue("kode")+"/keuangan/"+strconv.Itoa(tahun)+"/"+tabRealisasi+"#jurnal", http.StatusSeeOther)
		return
	}
	f := web.NewForm("koreksi-"+id, r.PostForm)
	web.Refill(m.pages, rw, r, err, f, "realisasi", "Realisasi APBDes "+strconv.Itoa(tahun),
		func() (realisasiData, error) {
			return m.realisasiData(ctx, tahun, nil, map[string]web.Form{id: f})
		},
		func(d *realisasiData, f web.Form) {
			for i := range d.Jurnal {
				if d.Jurnal[i].ID == id {
					d.Jurnal[i].Form = f
				}
			}
		})
}

// bkuData is the BKU page: the BKU, the buku pajak and the buku pembantu
// per kegiatan.
type bkuData struct {
	halRealisasi
	BKU      BKU
	Pajak    BukuPajak
	Kegiatan []BukuKegiatan
}

func (m *Module) pageBKU(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok {
		return
	}
	h, d, err := m.bukaRealisasi(r.Context(), tahun, tabBKU)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	data := bkuData{halRealisasi: h}
	if h.Ada {
		data.BKU, data.Pajak, data.Kegiatan = d.jurnal.bku(tahun), d.jurnal.bukuPajak(tahun), d.bukuKegiatan()
	}
	m.pages.Render(rw, r, http.StatusOK, "bku", "Buku Kas Umum "+strconv.Itoa(tahun), data)
}

type danaDesaData struct {
	halRealisasi
	DD DanaDesa
}

func (m *Module) pageDanaDesa(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok {
		return
	}
	ctx := r.Context()
	h, _, err := m.bukaRealisasi(ctx, tahun, tabDanaDesa)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	data := danaDesaData{halRealisasi: h}
	if h.Ada {
		if data.DD, err = m.DanaDesa(ctx, tahun); err != nil {
			m.pages.ServerError(rw, r, err)
			return
		}
	}
	m.pages.Render(rw, r, http.StatusOK, "danadesa", "Dana Desa "+strconv.Itoa(tahun), data)
}

type laporanData struct {
	halRealisasi
	Semester int
	NamaSem  string
	Pilihan  []opsiSemester
	LRA      LRA
	Baris    []barisLRA
	Unduh    string // query of the downloads ("?semester=1" or "")
}

type opsiSemester struct {
	Label, Href string
	Aktif       bool
}

func (m *Module) pageLaporan(rw http.ResponseWriter, r *http.Request) {
	tahun, ok := m.tahunHalaman(rw, r)
	if !ok {
		return
	}
	ctx := r.Context()
	sem, err := semesterDari(r)
	if err != nil {
		m.pages.Error(rw, r, http.StatusNotFound, "Semester harus 1 atau 2.")
		return
	}
	h, d, err := m.bukaRealisasi(ctx, tahun, tabLaporan)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	data := laporanData{halRealisasi: h, Semester: sem, NamaSem: NamaSemester(sem)}
	for _, s := range []int{1, 2, 0} {
		href := h.Base + "/" + tabLaporan
		if s > 0 {
			href += "?semester=" + strconv.Itoa(s)
		}
		data.Pilihan = append(data.Pilihan, opsiSemester{Label: NamaSemester(s), Href: href, Aktif: s == sem})
	}
	if sem > 0 {
		data.Unduh = "?semester=" + strconv.Itoa(sem)
	}
	if h.Ada {
		data.LRA = d.lra(sem)
		data.Baris = barisHalaman(data.LRA)
	}
	m.pages.Render(rw, r, http.StatusOK, "laporan", "Laporan realisasi "+strconv.Itoa(tahun), data)
}

func semesterDari(r *http.Request) (int, error) {
	s := r.URL.Query().Get("semester")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 2 {
		return 0, fault.New(fault.NotFound, "Semester harus 1 atau 2.")
	}
	return n, nil
}

func formatDari(r *http.Request) (string, bool) {
	switch f := r.PathValue("format"); f {
	case LaporanPDF, LaporanXLSX:
		return f, true
	}
	return "", false
}

func (m *Module) kirimLaporan(rw http.ResponseWriter, r *http.Request, b BerkasLaporan, err error) {
	if err != nil {
		if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Invalid) {
			f, _ := fault.As(err)
			m.pages.Error(rw, r, http.StatusNotFound, f.Message)
			return
		}
		m.pages.ServerError(rw, r, err)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", b.Tipe)
	h.Set("Content-Disposition", `attachment; filename="`+b.Nama+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = rw.Write(b.Berkas)
}

// unduh serves a download of the part: {tahun} and {format} are read,
// then get renders the file.
func (m *Module) unduh(get func(ctx context.Context, r *http.Request, tahun int, format string) (BerkasLaporan, error)) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		tahun, ok := m.tahunHalaman(rw, r)
		if !ok {
			return
		}
		format, ok := formatDari(r)
		if !ok {
			m.pages.Error(rw, r, http.StatusNotFound, "Unduhan tidak dikenal.")
			return
		}
		b, err := get(r.Context(), r, tahun, format)
		m.kirimLaporan(rw, r, b, err)
	}
}

func (m *Module) unduhLRA(ctx context.Context, r *http.Request, tahun int, format string) (BerkasLaporan, error) {
	sem, err := semesterDari(r)
	if err != nil {
		return BerkasLaporan{}, err
	}
	return m.UnduhLRA(ctx, tahun, sem, format)
}

func (m *Module) unduhBKU(ctx context.Context, _ *http.Request, tahun int, format string) (BerkasLaporan, error) {
	return m.UnduhBKU(ctx, tahun, format)
}
