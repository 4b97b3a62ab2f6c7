package keuangan

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The desa's APBDes pages: the index of years and the APBDes of one year,
// read on a phone and entered on a desktop as a dense table. Each kelompok
// ends with an add row whose inputs follow the order a line is read from
// the RAB (kode rekening, kegiatan, uraian, volume, satuan, harga satuan,
// sumber dana, lokasi, pelaksana, keluaran), so a line is typed with Tab
// alone; after a save the page opens again with the focus in a fresh add
// row of the same kelompok.

const maxApbdesForm = 64 << 10

func (m *Module) routesAPBDesPages(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET /desa/{kode}/keuangan", PermRead, m.pageIndex)
	m.web.HandleDesa(mux, "GET /desa/{kode}/keuangan/{tahun}/apbdes", PermRead, m.pageAPBDes)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes", PermAjukan, m.pageBuat)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/baris", PermWrite, m.pageTambahBaris)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/baris/{id}", PermWrite, m.pageUbahBaris)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/baris/{id}/hapus", PermWrite, m.pageHapusBaris)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/ajukan", PermAjukan, m.pageAjukan)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/tetapkan", PermAjukan, m.pageTetapkan)
	m.web.HandleDesa(mux, "POST /desa/{kode}/keuangan/{tahun}/apbdes/perubahan", PermAjukan, m.pagePerubahan)
}

// desaKeuangan is the header of a keuangan page of a desa.
type desaKeuangan struct {
	Kode    string
	Nama    string
	Wilayah string // the desa's page
	Base    string // /desa/{kode}/keuangan
}

func (m *Module) desaKeuangan(ctx context.Context) desaKeuangan {
	t, _ := tenancy.From(ctx)
	d := desaKeuangan{Kode: string(t.Kode), Nama: string(t.Kode), Wilayah: "/wilayah/" + string(t.Kode),
		Base: "/desa/" + string(t.Kode) + "/keuangan"}
	if m.names != nil {
		if n, err := m.names.Nama(ctx, t.Kode); err == nil && n != "" {
			d.Nama = n
		}
	}
	return d
}

// navAda is nav with only the tabs whose page is served: a part of the
// module not yet built shows no tab that leads nowhere.
func (m *Module) navAda(desa tenancy.Kode, tahun int, aktif string) navView {
	n := nav(desa, tahun, aktif)
	tabs := n.Tabs[:0]
	for _, t := range n.Tabs {
		if _, _, ok := m.web.Guard(http.MethodGet, t.Href); ok {
			tabs = append(tabs, t)
		}
	}
	n.Tabs = tabs
	return n
}

func (m *Module) parseApbdesForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxApbdesForm)
	if err := r.ParseForm(); err != nil {
		m.pages.Error(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca. Coba lagi.")
		return false
	}
	return true
}

// pathTahun is the {tahun} of a page; false (404 answered) when it is none.
func (m *Module) pathTahun(w http.ResponseWriter, r *http.Request) (int, bool) {
	t, err := strconv.Atoi(r.PathValue("tahun"))
	if err != nil || t < TahunMin || t > TahunMax {
		m.pages.Error(w, r, http.StatusNotFound, "Tahun anggaran tidak ditemukan.")
		return 0, false
	}
	return t, true
}

// Success messages a redirect carries; only these are shown.
const (
	pesanDibuat     = "APBDes murni dibuat. Isi baris pendapatan, belanja dan pembiayaan."
	pesanBaris      = "Baris tersimpan."
	pesanBarisUbah  = "Perubahan baris tersimpan."
	pesanBarisHapus = "Baris dihapus."
	pesanDiajukan   = "APBDes diajukan ke camat untuk dievaluasi."
	pesanDitetapkan = "APBDes ditetapkan dengan Perdes; barisnya kini terkunci."
	pesanPerubahan  = "APBDes Perubahan dibuka dari APBDes murni. Ubah barisnya lalu ajukan lagi ke camat."
)

func pesanDari(r *http.Request) string {
	switch p := r.URL.Query().Get("pesan"); p {
	case pesanDibuat, pesanBaris, pesanBarisUbah, pesanBarisHapus, pesanDiajukan, pesanDitetapkan, pesanPerubahan:
		return p
	}
	return ""
}

func apbdesBase(desa tenancy.Kode, tahun int) string {
	return "/desa/" + string(desa) + "/keuangan/" + strconv.Itoa(tahun) + "/apbdes"
}

// ---- index ----------------------------------------------------------------

type tahunItem struct {
	Tahun     int
	Href      string
	Murni     string // status label, "" when none
	Perubahan string
	// Halaman are the year's other pages: realisasi, buku kas and laporan
	// once an APBDes of the year is in force (ditetapkan).
	Halaman []opsi
}

type buatItem struct {
	Tahun  int
	Action string
}

type indexPage struct {
	Desa  desaKeuangan
	Tahun []tahunItem
	Buat  []buatItem
	Form  web.Form
}

func (m *Module) indexData(ctx context.Context) (indexPage, error) {
	d := indexPage{Desa: m.desaKeuangan(ctx), Form: web.NewForm("buat", nil)}
	list, err := m.DaftarAPBDes(ctx)
	if err != nil {
		return d, err
	}
	t, _ := tenancy.From(ctx)
	ada := map[int]bool{}
	for _, y := range list {
		it := tahunItem{Tahun: y.Tahun, Href: apbdesBase(t.Kode, y.Tahun)}
		if y.Murni != nil {
			it.Murni = NamaStatus(y.Murni.Status)
			ada[y.Tahun] = true
		}
		if y.Perubahan != nil {
			it.Perubahan = NamaStatus(y.Perubahan.Status)
		}
		if y.Murni != nil && y.Murni.Status == StatusDitetapkan {
			base := "/desa/" + string(t.Kode) + "/keuangan/" + strconv.Itoa(y.Tahun) + "/"
			th := " " + strconv.Itoa(y.Tahun)
			it.Halaman = []opsi{{base + tabRealisasi, "Realisasi" + th}, {base + tabBKU, "Buku kas" + th}, {base + tabLaporan, "Laporan" + th}}
		}
		d.Tahun = append(d.Tahun, it)
	}
	ini := m.now().In(civil.Zone(t.Kode)).Year()
	for _, y := range []int{ini, ini + 1} {
		if !ada[y] {
			d.Buat = append(d.Buat, buatItem{Tahun: y, Action: apbdesBase(t.Kode, y)})
		}
	}
	return d, nil
}

func (m *Module) pageIndex(w http.ResponseWriter, r *http.Request) {
	d, err := m.indexData(r.Context())
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "index", "Keuangan desa "+d.Desa.Nama, d)
}

func (m *Module) pageBuat(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.pathTahun(w, r)
	if !ok || !m.parseApbdesForm(w, r) {
		return
	}
	if _, err := m.BuatAPBDes(r.Context(), tahun); err != nil {
		web.Refill(m.pages, w, r, err, web.NewForm("buat", r.PostForm), "index", "Keuangan desa",
			func() (indexPage, error) { return m.indexData(r.Context()) },
			func(d *indexPage, f web.Form) { d.Form = f })
		return
	}
	toAPBDes(w, r, tahun, pesanDibuat, "#tambah-pendapatan")
}

// ---- the APBDes of a year -------------------------------------------------

// angka3 is an amount and, on a perubahan, the murni and the difference.
// P: the page shows the three columns of a perubahan.
type angka3 struct {
	Jumlah, Murni, Selisih Rupiah
	P                      bool
}

func (a *angka3) tambah(b barisRow) {
	a.Jumlah += b.Angka.Jumlah
	a.Murni += b.Angka.Murni
	a.Selisih = a.Jumlah - a.Murni
}

type barisRow struct {
	BarisView
	// UbahHref and HapusAction: the line may change (the user's
	// permission is the template's $.BolehKirim).
	UbahHref    string
	HapusAction string
	Angka       angka3
	Dihapus     bool // a murni line the perubahan no longer carries
	Komentar    []Komentar
}

// grup is a bidang, a sub bidang or a kegiatan of the belanja: its
// subtotal and what it holds (Anak, or a kegiatan's lines).
type grup struct {
	Kode, Nama string
	Total      angka3
	Anak       []*grup
	Baris      []barisRow
}

// anak is g's child of code kode, made when it is not there yet.
func (g *grup) anak(kode KodeKegiatan, nama namaKode, p bool) *grup {
	for _, x := range g.Anak {
		if x.Kode == string(kode) {
			return x
		}
	}
	x := &grup{Kode: string(kode), Nama: nama.kegiatan[kode], Total: angka3{P: p}}
	g.Anak = append(g.Anak, x)
	return x
}

// urut orders the children by code, as the Lampiran lists them.
func (g *grup) urut() {
	slices.SortStableFunc(g.Anak, func(a, b *grup) int { return strings.Compare(a.Kode, b.Kode) })
	for _, x := range g.Anak {
		x.urut()
	}
}

type kelompokGrup struct {
	Kode  string // the kelompok, also the add row's anchor
	Judul string
	Total angka3
	Baris []barisRow // every kelompok but belanja
	// Belanja: by bidang → sub bidang → kegiatan (Belanja.Anak).
	Belanja grup
	// Isian is the add row.
	Isian isian
}

// isian is an entry row of the lines table: the add row of a kelompok or
// a line opened for editing. Its inputs belong to the form FormID, which
// stands outside the table (a form cannot wrap a table row).
type isian struct {
	Form      web.Form
	FormID    string
	BarisID   string // the line being edited; "" for an add row
	Belanja   bool
	Fokus     bool // autofocus on its first input
	Perubahan bool
	Kelompok  string
	Sumber    []opsi
	Pelaksana []Pelaksana
	Tombol    string
}

type opsi struct {
	Kode, Nama string
}

type apbdesPage struct {
	Nav       navView
	Desa      desaKeuangan
	Tahun     int
	Base      string
	Pesan     string
	Ada       bool // the APBDes (of the versi asked) exists
	Versi     string
	V         APBDesView
	Perubahan bool // columns Murni | Perubahan | Selisih
	Kolom     int  // columns of the lines table
	Status    string
	// BolehUbah: the status lets lines change (the user's permission is
	// the template's $.BolehKirim).
	BolehUbah     bool
	BolehAjukan   bool
	BolehTetapkan bool
	BolehBuka     bool // a perubahan may be opened
	Kelompok      []*kelompokGrup
	UbahID        string
	IsianUbah     isian
	FormAjukan    web.Form
	FormTetapkan  web.Form
	FormBuka      web.Form
	FormBuat      web.Form
	FormUmum      web.Form // refusals of no form of their own (a delete)
	// Reference lists of the entry rows.
	Rekening  map[string][]opsi // kelompok → rekening objek
	Kegiatan  []opsi
	Sumber    []opsi
	Pelaksana []Pelaksana
	Lokasi    []string   // dusun/banjar names for the lokasi input
	Unduh     []opsi     // Kode = href, Nama = label; only links whose page exists
	Komentar  []Komentar // comments on the whole budget
	LinkMurni string
	LinkUbah  string
	// LinkPublik: the public page and poster, once the APBDes is set by
	// Perdes; LinkEvaluasi: the camat's page while it awaits evaluation.
	LinkPublik   string
	LinkEvaluasi string
	Riwayat      []riwayatRow
	Perdes       string
	Ringkas      []ringkasRow
}

// ringkasRow is one figure of the totals and balance box.
type ringkasRow struct {
	Label string
	Angka angka3
	Tebal bool
}

func ringkas(v APBDesView, perubahan bool) []ringkasRow {
	t, m := v.Total, Total{}
	if v.TotalMurni != nil {
		m = *v.TotalMurni
	}
	row := func(label string, j, mj Rupiah, tebal bool) ringkasRow {
		a := angka3{Jumlah: j, P: perubahan}
		if perubahan {
			a.Murni, a.Selisih = mj, j-mj
		}
		return ringkasRow{Label: label, Angka: a, Tebal: tebal}
	}
	return []ringkasRow{
		row("Pendapatan", t.Pendapatan, m.Pendapatan, false),
		row("Belanja", t.Belanja, m.Belanja, false),
		row("Surplus/(defisit)", t.SurplusDefisit, m.SurplusDefisit, true),
		row("Penerimaan pembiayaan", t.PenerimaanPembiayaan, m.PenerimaanPembiayaan, false),
		row("Pengeluaran pembiayaan", t.PengeluaranPembiayaan, m.PengeluaranPembiayaan, false),
		row("Pembiayaan netto", t.PembiayaanNetto, m.PembiayaanNetto, true),
		row("SiLPA tahun berjalan", t.SiLPA, m.SiLPA, true),
	}
}

type riwayatRow struct {
	Waktu, Dari, Ke, Oleh, Catatan string
}

var judulKelompok = map[string]string{
	KelompokPendapatan:            "Pendapatan",
	KelompokBelanja:               "Belanja",
	KelompokPenerimaanPembiayaan:  "Penerimaan pembiayaan",
	KelompokPengeluaranPembiayaan: "Pengeluaran pembiayaan",
}

var urutanKelompok = []string{KelompokPendapatan, KelompokBelanja, KelompokPenerimaanPembiayaan, KelompokPengeluaranPembiayaan}

func (m *Module) apbdesData(r *http.Request, tahun int) (apbdesPage, error) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	versi := r.URL.Query().Get("versi")
	if versi != VersiMurni && versi != VersiPerubahan {
		versi = ""
	}
	d := apbdesPage{Nav: m.navAda(t.Kode, tahun, tabAPBDes), Desa: m.desaKeuangan(ctx), Tahun: tahun,
		Base: apbdesBase(t.Kode, tahun), Pesan: pesanDari(r), Versi: versi, Kolom: 11,
		FormAjukan:   web.NewForm("ajukan", nil),
		FormTetapkan: web.NewForm("tetapkan", nil), FormBuka: web.NewForm("perubahan", nil), FormBuat: web.NewForm("buat", nil),
		FormUmum: web.NewForm("umum", nil)}
	v, err := m.LihatAPBDes(ctx, tahun, versi)
	if fault.Is(err, fault.NotFound) && versi == "" {
		return d, nil // the page offers to create it
	}
	if err != nil {
		return d, err
	}
	d.Ada, d.V = true, v
	a := v.APBDes
	berlaku := versi == "" || versi == VersiPerubahan || !v.AdaPerubahan
	d.Status = NamaStatus(a.Status)
	d.Perubahan = a.Versi == VersiPerubahan
	if d.Perubahan {
		d.Kolom = 13
		d.LinkMurni = d.Base + "?versi=murni"
	} else if v.AdaPerubahan {
		d.LinkUbah = d.Base + "?versi=perubahan"
	}
	zona := civil.Zone(t.Kode)
	for _, rw := range v.Riwayat {
		row := riwayatRow{Waktu: rw.CreatedAt.In(zona).Format("02-01-2006 15.04"), Ke: NamaStatus(rw.Ke), Oleh: rw.OlehNama, Catatan: rw.Catatan}
		if rw.Dari != "" {
			row.Dari = NamaStatus(rw.Dari)
		}
		d.Riwayat = append(d.Riwayat, row)
	}
	if a.PerdesNomor != "" {
		d.Perdes = "Perdes Nomor " + a.PerdesNomor + " tanggal " + a.PerdesTanggal.String()
	}
	d.Ringkas = ringkas(v, d.Perubahan)
	d.BolehUbah = berlaku && BolehUbahBaris(a.Status)
	d.BolehAjukan = berlaku && BolehUbahBaris(a.Status)
	d.BolehTetapkan = berlaku && a.Status == StatusDievaluasi
	d.BolehBuka = a.Versi == VersiMurni && a.Status == StatusDitetapkan && !v.AdaPerubahan
	switch a.Status {
	case StatusDitetapkan:
		d.LinkPublik = "/publik/desa/" + string(t.Kode) + "/apbdes/" + strconv.Itoa(tahun)
	case StatusDiajukan:
		d.LinkEvaluasi = "/desa/" + string(t.Kode) + "/keuangan/" + strconv.Itoa(tahun) + "/" + tabEvaluasi
	}
	if d.BolehUbah {
		d.UbahID = r.URL.Query().Get("ubah")
	}

	// Comments show beside their line while the APBDes is returned.
	kom := map[string][]Komentar{}
	if a.Status == StatusDikembalikan {
		for _, k := range v.Komentar {
			if k.BarisID == "" {
				d.Komentar = append(d.Komentar, k)
			} else {
				kom[k.BarisID] = append(kom[k.BarisID], k)
			}
		}
	}
	fokus := r.URL.Query().Get("tambah")
	groups := map[string]*kelompokGrup{}
	for _, k := range urutanKelompok {
		g := &kelompokGrup{Kode: k, Judul: judulKelompok[k], Total: angka3{P: d.Perubahan}}
		g.Isian = isian{Form: web.NewForm("tambah-"+k, nil), FormID: "f-tambah-" + k, Belanja: k == KelompokBelanja,
			Fokus: fokus == k, Kelompok: k, Tombol: "Tambah"}
		groups[k] = g
		d.Kelompok = append(d.Kelompok, g)
	}
	rows := make([]barisRow, 0, len(v.Baris)+len(v.MurniDihapus))
	bolehUbah := berlaku && BolehUbahBaris(a.Status)
	for _, b := range v.Baris {
		row := barisRow{BarisView: b, Komentar: kom[b.ID], Angka: angka3Of(b, d.Perubahan)}
		if bolehUbah {
			row.UbahHref = d.Base + "?ubah=" + url.QueryEscape(b.ID) + "#baris-" + b.ID
			row.HapusAction = d.Base + "/baris/" + b.ID + "/hapus"
		}
		rows = append(rows, row)
	}
	for _, b := range v.MurniDihapus {
		rows = append(rows, barisRow{BarisView: b, Dihapus: true, Angka: angka3{Murni: b.Jumlah, Selisih: -b.Jumlah, P: true}})
	}
	nama, err := m.namaKode(ctx, tahun)
	if err != nil {
		return d, err
	}
	for _, b := range rows {
		g := groups[b.Kelompok]
		if g == nil {
			continue
		}
		g.Total.tambah(b)
		if b.Kelompok != KelompokBelanja {
			g.Baris = append(g.Baris, b)
			continue
		}
		keg := b.KodeKegiatan
		node := &g.Belanja
		for _, kode := range []KodeKegiatan{keg.Induk().Induk(), keg.Induk(), keg} {
			node = node.anak(kode, nama, d.Perubahan)
			node.Total.tambah(b)
		}
		node.Baris = append(node.Baris, b)
	}
	for _, g := range groups {
		g.Belanja.urut()
	}
	if d.BolehUbah {
		if err := m.entryLists(ctx, &d, tahun); err != nil {
			return d, err
		}
		for _, g := range d.Kelompok {
			g.Isian.Perubahan, g.Isian.Sumber, g.Isian.Pelaksana = d.Perubahan, d.Sumber, d.Pelaksana
		}
		d.IsianUbah = isian{Form: web.NewForm("ubah", nil), FormID: "f-ubah", Fokus: true, Perubahan: d.Perubahan,
			Sumber: d.Sumber, Pelaksana: d.Pelaksana, Tombol: "Simpan"}
		if b, ok := d.baris(d.UbahID); ok {
			d.IsianUbah.Form = web.NewForm("ubah", nilaiBaris(b.Baris))
			d.IsianUbah.Belanja, d.IsianUbah.Kelompok, d.IsianUbah.BarisID = b.Kelompok == KelompokBelanja, b.Kelompok, b.ID
		} else {
			d.UbahID = ""
		}
	}
	for _, u := range []opsi{{d.Base + "/xlsx", "Unduh XLSX"}, {d.Base + "/pdf", "Unduh PDF (lampiran Perdes)"},
		{d.Desa.Base + "/" + strconv.Itoa(tahun) + "/impor", "Impor dari XLSX"}} {
		if _, _, ok := m.web.Guard(http.MethodGet, u.Kode); ok {
			d.Unduh = append(d.Unduh, u)
		}
	}
	return d, nil
}

func angka3Of(b BarisView, perubahan bool) angka3 {
	a := angka3{Jumlah: b.Jumlah, Selisih: b.Jumlah, P: perubahan}
	if b.Murni != nil {
		a.Murni, a.Selisih = *b.Murni, *b.Selisih
	}
	return a
}

// baris finds a line of the page by id.
func (d *apbdesPage) baris(id string) (barisRow, bool) {
	if id == "" {
		return barisRow{}, false
	}
	for _, g := range d.Kelompok {
		for _, b := range g.Baris {
			if b.ID == id && !b.Dihapus {
				return b, true
			}
		}
		for _, bg := range g.Belanja.Anak {
			for _, sg := range bg.Anak {
				for _, kg := range sg.Anak {
					for _, b := range kg.Baris {
						if b.ID == id && !b.Dihapus {
							return b, true
						}
					}
				}
			}
		}
	}
	return barisRow{}, false
}

// nilaiBaris are a line's values as its edit form shows them.
func nilaiBaris(b Baris) url.Values {
	v := url.Values{"kode_rekening": {string(b.KodeRekening)}, "kode_kegiatan": {string(b.KodeKegiatan)},
		"uraian": {b.Uraian}, "satuan": {b.Satuan}, "sumber_dana": {b.SumberDana}, "lokasi": {b.Lokasi},
		"pelaksana": {b.PelaksanaID}, "output_satuan": {b.OutputSatuan}}
	if b.Kelompok == KelompokBelanja {
		v.Set("volume", b.Volume.String())
		v.Set("harga_satuan", b.HargaSatuan.Angka())
		if b.OutputVolume > 0 {
			v.Set("output_volume", b.OutputVolume.String())
		}
	} else {
		v.Set("jumlah", b.Jumlah.Angka())
	}
	return v
}

func opsiUrut(a, b opsi) int { return strings.Compare(a.Kode, b.Kode) }

// DusunSource lists the dusun/banjar of a desa by name ("Banjar Dinas
// Kaja"), offered as the lokasi of a belanja line. The module asks its
// Pelaksana source for it: cmd's adapter over administration answers both.
type DusunSource interface {
	Dusun(ctx context.Context, desa tenancy.Kode) ([]string, error)
}

// entryLists fills the datalists and selects of the entry rows.
func (m *Module) entryLists(ctx context.Context, d *apbdesPage, tahun int) error {
	ref, err := m.LoadReferensi(ctx, m.db, tahun)
	if err != nil {
		return err
	}
	d.Rekening = map[string][]opsi{}
	for k, n := range ref.Rekening {
		kel := KelompokOf(k)
		if kel != "" {
			d.Rekening[kel] = append(d.Rekening[kel], opsi{string(k), n})
		}
	}
	for kel := range d.Rekening {
		slices.SortFunc(d.Rekening[kel], opsiUrut)
	}
	for k, n := range ref.Kegiatan {
		d.Kegiatan = append(d.Kegiatan, opsi{string(k), n})
	}
	slices.SortFunc(d.Kegiatan, opsiUrut)
	var sd []SumberDana
	if err := m.db.NewSelect().Model(&sd).Column("kode", "nama").OrderExpr("d.urutan").Scan(ctx); err != nil {
		return err
	}
	for _, s := range sd {
		d.Sumber = append(d.Sumber, opsi{s.Kode, s.Nama})
	}
	if m.pelaksana != nil {
		t, _ := tenancy.From(ctx)
		if d.Pelaksana, err = m.pelaksana.Pelaksana(ctx, t.Kode); err != nil {
			return err
		}
		if ds, ok := m.pelaksana.(DusunSource); ok {
			if d.Lokasi, err = ds.Dusun(ctx, t.Kode); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Module) pageAPBDes(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.pathTahun(w, r)
	if !ok {
		return
	}
	d, err := m.apbdesData(r, tahun)
	if err != nil {
		f := web.NewForm("", nil)
		if _, ok := m.pages.Failed(w, r, err, &f); ok {
			m.pages.Error(w, r, http.StatusUnprocessableEntity, f.Messages()[0])
		}
		return
	}
	m.pages.Render(w, r, http.StatusOK, "apbdes", judulAPBDes(d), d)
}

func judulAPBDes(d apbdesPage) string {
	s := "APBDes " + strconv.Itoa(d.Tahun)
	if d.Perubahan {
		s = "APBDes Perubahan " + strconv.Itoa(d.Tahun)
	}
	return s + " — " + d.Desa.Nama
}

// refill shows the APBDes page again after form f (its name) was refused.
func (m *Module) refillAPBDes(w http.ResponseWriter, r *http.Request, tahun int, err error, f web.Form) {
	// The page read after a refused post is the version in force.
	r.URL.RawQuery = ""
	web.Refill(m.pages, w, r, err, f, "apbdes", "APBDes "+strconv.Itoa(tahun),
		func() (apbdesPage, error) { return m.apbdesData(r, tahun) },
		func(d *apbdesPage, f web.Form) {
			switch {
			case strings.HasPrefix(f.Name, "tambah-"):
				for _, g := range d.Kelompok {
					if "tambah-"+g.Kode == f.Name {
						g.Isian.Form = f
					}
				}
			case f.Name == "ubah":
				if b, ok := d.baris(r.PathValue("id")); ok && d.BolehUbah {
					d.UbahID, d.IsianUbah.Form = b.ID, f
					d.IsianUbah.Belanja, d.IsianUbah.Kelompok, d.IsianUbah.BarisID = b.Kelompok == KelompokBelanja, b.Kelompok, b.ID
				} else {
					d.FormUmum = f
				}
			case f.Name == "ajukan":
				d.FormAjukan = f
			case f.Name == "tetapkan":
				d.FormTetapkan = f
			case f.Name == "perubahan":
				d.FormBuka = f
			default:
				d.FormUmum = f
			}
		})
}

// formBaris reads a line from the page's form. Amounts and volumes are
// parsed here (ParseRupiah, ParseVolume); everything else is PeriksaBaris's.
func formBaris(f url.Values) (BarisInput, error) {
	var p valid.Problems
	in := BarisInput{KodeRekening: f.Get("kode_rekening"), KodeKegiatan: f.Get("kode_kegiatan"), Uraian: f.Get("uraian"),
		Satuan: f.Get("satuan"), SumberDana: f.Get("sumber_dana"), Lokasi: f.Get("lokasi"), PelaksanaID: f.Get("pelaksana"),
		OutputSatuan: f.Get("output_satuan")}
	belanja := KelompokOf(KodeRekening(strings.TrimSpace(in.KodeRekening))) == KelompokBelanja
	if belanja {
		if s := strings.TrimSpace(f.Get("volume")); s != "" {
			v, err := ParseVolume("volume", s)
			p.Include("volume", err)
			in.Volume = v
		}
		if s := strings.TrimSpace(f.Get("harga_satuan")); s != "" {
			h, err := ParseRupiah("harga_satuan", s)
			p.Include("harga_satuan", err)
			in.HargaSatuan = h
		}
		if s := strings.TrimSpace(f.Get("output_volume")); s != "" {
			v, err := ParseVolume("output_volume", s)
			p.Include("output_volume", err)
			in.OutputVolume = v
		}
	} else if s := strings.TrimSpace(f.Get("jumlah")); s != "" {
		j, err := ParseRupiah("jumlah", s)
		p.Include("jumlah", err)
		in.Jumlah = j
	}
	return in, p.Err()
}

// simpanDariForm runs PeriksaBaris's checks even when the amounts did not parse,
// so every field at fault is reported at once.
func (m *Module) simpanDariForm(r *http.Request, tahun int, id string) error {
	in, perr := formBaris(r.PostForm)
	if perr != nil {
		ref, err := m.LoadReferensi(r.Context(), m.db, tahun)
		if err != nil {
			return err
		}
		_, cerr := PeriksaBaris(ref, in, nil)
		return gabung(perr, cerr)
	}
	var err error
	if id == "" {
		_, err = m.TambahBaris(r.Context(), tahun, in, nil)
	} else {
		_, err = m.UbahBaris(r.Context(), tahun, id, in, nil)
	}
	return err
}

// gabung joins the field problems of two Invalid faults; a field already
// at fault in a keeps a's message (the amount could not be read, so
// "must be more than 0" would only confuse).
func gabung(a, b error) error {
	fa, _ := fault.As(a)
	fb, ok := fault.As(b)
	if fa == nil || !ok || fb.Code != fault.Invalid {
		return a
	}
	list := append([]*fault.Error(nil), fa.Fields...)
	seen := map[string]bool{}
	for _, e := range list {
		seen[e.Field] = true
	}
	for _, e := range fb.Fields {
		if !seen[e.Field] {
			list = append(list, e)
		}
	}
	return fault.Invalids(list)
}

func (m *Module) pageTambahBaris(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.pathTahun(w, r)
	if !ok || !m.parseApbdesForm(w, r) {
		return
	}
	kel := KelompokOf(KodeRekening(strings.TrimSpace(r.PostForm.Get("kode_rekening"))))
	asal := r.PostForm.Get("kelompok")
	if judulKelompok[asal] == "" {
		asal = KelompokBelanja
	}
	if err := m.simpanDariForm(r, tahun, ""); err != nil {
		m.refillAPBDes(w, r, tahun, err, web.NewForm("tambah-"+asal, r.PostForm))
		return
	}
	if kel == "" {
		kel = asal
	}
	// No #fragment: a browser skips autofocus when the URL points at an
	// element, and the fresh add row must have the focus (its autofocus
	// also scrolls it into view).
	toAPBDes(w, r, tahun, pesanBaris, "&tambah="+kel)
}

func (m *Module) pageUbahBaris(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.pathTahun(w, r)
	if !ok || !m.parseApbdesForm(w, r) {
		return
	}
	id := r.PathValue("id")
	if err := m.simpanDariForm(r, tahun, id); err != nil {
		m.refillAPBDes(w, r, tahun, err, web.NewForm("ubah", r.PostForm))
		return
	}
	toAPBDes(w, r, tahun, pesanBarisUbah, "#baris-"+url.PathEscape(id))
}

func (m *Module) pageHapusBaris(w http.ResponseWriter, r *http.Request) {
	tahun, ok := m.pathTahun(w, r)
	if !ok || !m.parseApbdesForm(w, r) {
		return
	}
	if err := m.HapusBaris(r.Context(), tahun, r.PathValue("id")); err != nil {
		m.refillAPBDes(w, r, tahun, err, web.NewForm("umum", nil))
		return
	}
	toAPBDes(w, r, tahun, pesanBarisHapus, "")
}

func (m *Module) pageAjukan(w http.ResponseWriter, r *http.Request) {
	m.postAksi(w, r, "ajukan", pesanDiajukan, func(ctx context.Context, tahun int) error {
		_, err := m.Ajukan(ctx, tahun)
		return err
	})
}

func (m *Module) pageTetapkan(w http.ResponseWriter, r *http.Request) {
	m.postAksi(w, r, "tetapkan", pesanDitetapkan, func(ctx context.Context, tahun int) error {
		_, err := m.Tetapkan(ctx, tahun, PenetapanInput{PerdesNomor: r.PostForm.Get("perdes_nomor"), PerdesTanggal: r.PostForm.Get("perdes_tanggal")})
		return err
	})
}

func (m *Module) pagePerubahan(w http.ResponseWriter, r *http.Request) {
	m.postAksi(w, r, "perubahan", pesanPerubahan, func(ctx context.Context, tahun int) error {
		_, err := m.BukaPerubahan(ctx, tahun)
		return err
	})
}

// postAksi answers a form acting on the APBDes of the path's year: the page
// again with the refusal on the form named form, or back to the APBDes
// with pesan.
func (m *Module) postAksi(w http.ResponseWriter, r *http.Request, form, pesan string, act func(ctx context.Context, tahun int) error) {
	tahun, ok := m.pathTahun(w, r)
	if !ok || !m.parseApbdesForm(w, r) {
		return
	}
	if err := act(r.Context(), tahun); err != nil {
		m.refillAPBDes(w, r, tahun, err, web.NewForm(form, r.PostForm))
		return
	}
	toAPBDes(w, r, tahun, pesan, "")
}

// toAPBDes sends the browser to the APBDes of tahun with one of the success
// messages; rest follows the message (more query, a fragment).
func toAPBDes(w http.ResponseWriter, r *http.Request, tahun int, pesan, rest string) {
	t, _ := tenancy.From(r.Context())
	http.Redirect(w, r, apbdesBase(t.Kode, tahun)+"?pesan="+url.QueryEscape(pesan)+rest, http.StatusSeeOther)
}
