package sampah

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The receipt (struk) of an entry — page, print and PDF — and the journal
// and penjualan pages.

// NamaEntri names a jenis of entry for a page.
func NamaEntri(j string) string {
	switch j {
	case EntriSetoran:
		return "Setoran"
	case EntriPenarikan:
		return "Penarikan"
	case EntriPenjualan:
		return "Penjualan ke pengepul"
	case EntriKoreksi:
		return "Koreksi"
	}
	return j
}

// NomorStruk is the receipt number of an entry: its id's last twelve
// digits, enough to find it and short enough to read aloud.
func NomorStruk(id string) string {
	s := strings.ReplaceAll(id, "-", "")
	if len(s) > 12 {
		s = s[len(s)-12:]
	}
	return strings.ToUpper(s)
}

type strukBaris struct {
	Nama, Jumlah, Satuan, Harga, Nilai string
}

type strukPage struct {
	Desa          desaView
	Nav           []navTab
	E             EntriDetail
	Judul, Nomor  string
	Tanggal       string
	Baris         []strukBaris
	Total, Saldo  string
	Nasabah       bool
	PDF           string
	Jurnal        string
	Asal, Koreksi string // the entry a koreksi undoes, the koreksi that undid this one
	Lagi          string // the fast entry for the same nasabah
	NasabahHref   string // the nasabah's page, with saldo and passbook
}

func (m *Module) strukData(ctx context.Context, id string) (strukPage, error) {
	t, _ := tenancy.From(ctx)
	e, err := m.GetEntri(ctx, id)
	if err != nil {
		return strukPage{}, err
	}
	d := strukPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabSetoran), E: e, Judul: NamaEntri(e.Jenis), Nomor: NomorStruk(e.ID),
		Tanggal: e.Tanggal.String(), Total: valid.Angka(abs64(e.Jumlah)), Saldo: valid.Angka(e.Saldo), Nasabah: e.NasabahID != ""}
	for _, r := range e.Rinci {
		d.Baris = append(d.Baris, strukBaris{Nama: r.Nama, Jumlah: r.Jumlah.String(), Satuan: r.Satuan, Harga: valid.Angka(r.Harga), Nilai: valid.Angka(r.Nilai)})
	}
	d.PDF = d.Desa.Base + "/entri/" + e.ID + "/pdf"
	d.Jurnal = d.Desa.Base + "/jurnal"
	if e.KoreksiID != "" {
		d.Asal = d.Desa.Base + "/entri/" + e.KoreksiID
	}
	if e.DikoreksiOleh != "" {
		d.Koreksi = d.Desa.Base + "/entri/" + e.DikoreksiOleh
	}
	if d.Nasabah {
		d.NasabahHref = d.Desa.Base + TabNasabah + "/" + e.NasabahID
	}
	if e.Jenis == EntriSetoran {
		d.Lagi = d.Desa.Base + TabSetoran + "?nasabah=" + e.NasabahID
	}
	return d, nil
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func (m *Module) pageStruk(w http.ResponseWriter, r *http.Request) {
	d, err := m.strukData(r.Context(), r.PathValue("id"))
	if err != nil {
		f := web.NewForm("", nil)
		m.pages.Failed(w, r, err, &f)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "struk", d.Judul+" "+d.Nomor, d)
}

// unduhStruk sends the receipt as a PDF. It names a nasabah and their
// saldo: the download is recorded (UU 27/2022 Pasal 31).
func (m *Module) unduhStruk(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := m.strukData(ctx, r.PathValue("id"))
	if err != nil {
		f := web.NewForm("", nil)
		m.pages.Failed(w, r, err, &f)
		return
	}
	b, err := strukPDF(d)
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	if err := m.catatUnduh(ctx, "unduh-struk-sampah", "sampah_entri/"+d.E.ID+".pdf"); err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	web.Download(w, tipePDF, "struk-"+strings.ToLower(d.Nomor)+".pdf", b)
}

// strukPDF draws the receipt on an 80 mm roll, as a thermal printer at the
// scale takes it (an A4 printer prints it at the top of a page).
func strukPDF(d strukPage) ([]byte, error) {
	const width, margin = 80.0, 5.0
	lines := 16 + 2*len(d.Baris)
	pdf, err := pdfBaru(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: width, Ht: float64(40 + lines*5)}},
		"Struk "+d.Nomor, d.E.CreatedAt)
	if err != nil {
		return nil, err
	}
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.AddPage()
	w := width - 2*margin
	line := func(style string, size float64, text, align string) {
		pdf.SetFont(report.FontFamily, style, size)
		pdf.MultiCell(w, 4.5, text, "", align, false)
	}
	pair := func(left, right string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont(report.FontFamily, style, 9)
		pdf.CellFormat(w/2, 4.5, left, "", 0, "L", false, 0, "")
		pdf.CellFormat(w/2, 4.5, right, "", 1, "R", false, 0, "")
	}
	line("B", 11, d.E.NamaFasilitas, "C")
	line("", 9, "Desa "+strings.TrimPrefix(d.Desa.Nama, "Desa "), "C")
	pdf.Ln(2)
	line("B", 10, strings.ToUpper(d.Judul), "C")
	pair("No.", d.Nomor, false)
	pair("Tanggal", d.Tanggal, false)
	if d.Nasabah {
		pair("Nasabah", fmt.Sprintf("%d · %s", d.E.NomorNasabah, d.E.NamaNasabah), false)
	}
	if d.E.Pembeli != "" {
		pair("Pengepul", d.E.Pembeli, false)
	}
	pdf.Ln(1)
	for _, b := range d.Baris {
		line("", 9, b.Nama, "L")
		pair(b.Jumlah+" "+b.Satuan+" × Rp"+b.Harga, "Rp"+b.Nilai, false)
	}
	pdf.Ln(1)
	pair("Jumlah", "Rp"+d.Total, true)
	if d.Nasabah {
		pair("Saldo setelah ini", "Rp"+d.Saldo, true)
	}
	if d.E.Catatan != "" {
		line("", 8, "Catatan: "+d.E.Catatan, "L")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("sampah: receipt pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// jurnalBaris is one row of the journal page, with its koreksi form.
type jurnalBaris struct {
	EntriJurnal
	Nama, Tanggal, Jumlah, Struk, Koreksi string
	BisaKoreksi                           bool
	Form                                  web.Form
}

type jurnalPage struct {
	Desa     desaView
	Nav      []navTab
	Baris    []jurnalBaris
	Jenis    string
	Lanjut   string
	Setoran  string
	Tarik    string
	Jual     string
	Kosong   bool
	Berhasil string
}

// jurnalTampil is the length of one page of the journal.
const jurnalTampil = 50

func (m *Module) jurnalData(ctx context.Context, q url.Values, koreksi web.Form) (jurnalPage, error) {
	t, _ := tenancy.From(ctx)
	d := jurnalPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabSetoran)}
	d.Setoran, d.Tarik, d.Jual = d.Desa.Base+TabSetoran, d.Desa.Base+"/penarikan", d.Desa.Base+"/penjualan"
	jq := JurnalQuery{Jenis: q.Get("jenis"), Limit: jurnalTampil}
	if jurnalSah(jq) != nil {
		jq.Jenis = ""
	}
	if s := q.Get("sebelum"); cekID(s, "Entri") == nil {
		jq.Sebelum = s
	}
	d.Jenis = jq.Jenis
	rows, err := m.ListJurnal(ctx, jq)
	if err != nil {
		return d, err
	}
	if len(rows) > jurnalTampil {
		rows = rows[:jurnalTampil]
		v := url.Values{"sebelum": {rows[len(rows)-1].ID}}
		if jq.Jenis != "" {
			v.Set("jenis", jq.Jenis)
		}
		d.Lanjut = d.Desa.Base + "/jurnal?" + v.Encode()
	}
	for _, r := range rows {
		b := jurnalBaris{EntriJurnal: r, Nama: NamaEntri(r.Jenis), Tanggal: r.Tanggal.String(), Jumlah: valid.Angka(r.Jumlah),
			Struk: d.Desa.Base + "/entri/" + r.ID, Koreksi: d.Desa.Base + "/entri/" + r.ID + "/koreksi",
			BisaKoreksi: r.Jenis != EntriKoreksi && r.DikoreksiOleh == ""}
		b.Form = koreksi.For("koreksi-" + r.ID)
		d.Baris = append(d.Baris, b)
	}
	d.Kosong = len(d.Baris) == 0
	return d, nil
}

func (m *Module) pageJurnal(w http.ResponseWriter, r *http.Request) {
	d, err := m.jurnalData(r.Context(), r.URL.Query(), web.NewForm("", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	if r.URL.Query().Get("dikoreksi") != "" {
		d.Berhasil = "Koreksi tercatat."
	}
	m.pages.Render(w, r, http.StatusOK, "jurnal", "Jurnal bank sampah", d)
}

func (m *Module) postKoreksi(w http.ResponseWriter, r *http.Request) {
	if !m.bacaFormEntri(w, r) {
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	_, err := m.Koreksi(ctx, id, KoreksiEntri{Catatan: r.PostForm.Get("catatan")})
	if err == nil {
		http.Redirect(w, r, m.desaView(ctx).Base+"/jurnal?dikoreksi=1", http.StatusSeeOther)
		return
	}
	web.Refill(m.pages, w, r, err, web.NewForm("koreksi-"+id, r.PostForm), "jurnal", "Jurnal bank sampah",
		func() (jurnalPage, error) { return m.jurnalData(ctx, url.Values{}, web.NewForm("", nil)) },
		func(d *jurnalPage, f web.Form) {
			for i := range d.Baris {
				d.Baris[i].Form = f.For(d.Baris[i].Form.Name)
			}
		})
}

// penjualanJenis is one line of the penjualan form.
type penjualanJenis struct {
	ID, Nama, Satuan      string
	FieldJumlah, FieldHrg string
}

type rekapBaris struct {
	Nama, Satuan, Jumlah, Nilai string
}

type penjualanPage struct {
	Desa      desaView
	Nav       []navTab
	Action    string
	Unit      []setoranUnit
	Fasilitas Fasilitas
	Jenis     []penjualanJenis
	Hari, Min string
	Form      web.Form
	Pesan     string
	Tahun     int
	Rekap     []rekapBaris
	Total     string
}

func (m *Module) penjualanData(ctx context.Context, action, fasilitasID string, f web.Form) (penjualanPage, error) {
	s, err := m.setoranData(ctx, action, url.Values{"fasilitas": {fasilitasID}}, f)
	if err != nil {
		return penjualanPage{}, err
	}
	d := penjualanPage{Desa: s.Desa, Nav: s.Nav, Action: action, Unit: s.Unit, Fasilitas: s.Fasilitas, Hari: s.Hari, Min: s.Min, Form: s.Form, Pesan: s.Pesan}
	for _, j := range s.Jenis {
		d.Jenis = append(d.Jenis, penjualanJenis{ID: j.ID, Nama: j.Nama, Satuan: j.Satuan, FieldJumlah: "jumlah_" + j.ID, FieldHrg: "harga_" + j.ID})
	}
	if d.Fasilitas.ID == "" {
		return d, nil
	}
	rk, err := m.Rekap(ctx, d.Fasilitas.ID, 0)
	if err != nil {
		return d, err
	}
	d.Tahun, d.Total = rk.Tahun, valid.Angka(rk.TotalNilai)
	for _, j := range rk.Jenis {
		d.Rekap = append(d.Rekap, rekapBaris{Nama: j.Nama, Satuan: j.Satuan, Jumlah: j.Total.Jumlah.String(), Nilai: valid.Angka(j.Total.Nilai)})
	}
	return d, nil
}

func (m *Module) pagePenjualan(w http.ResponseWriter, r *http.Request) {
	d, err := m.penjualanData(r.Context(), r.URL.Path, r.URL.Query().Get("fasilitas"), web.NewForm("penjualan", nil))
	if err != nil {
		m.pages.ServerError(w, r, err)
		return
	}
	m.pages.Render(w, r, http.StatusOK, "penjualan", "Penjualan ke pengepul", d)
}

// penjualanDariForm reads the penjualan form: for each jenis with an
// amount, the amount and the sale price per unit.
func penjualanDariForm(v url.Values) (PenjualanBaru, []string, error) {
	in := PenjualanBaru{ID: strings.TrimSpace(v.Get("id")), FasilitasID: v.Get("fasilitas_id"), Tanggal: civil.Date(strings.TrimSpace(v.Get("tanggal"))),
		Pembeli: v.Get("pembeli"), Catatan: v.Get("catatan")}
	var p valid.Problems
	var keys, order []string
	for k := range v {
		if strings.HasPrefix(k, "jumlah_") {
			keys = append(keys, k)
		}
	}
	if len(keys) > MaxRinci {
		p.Add("rinci", "Paling banyak %d jenis sampah per penjualan.", MaxRinci)
		return in, nil, p.Err()
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := strings.TrimSpace(v.Get(k))
		if s == "" {
			continue
		}
		id := strings.TrimPrefix(k, "jumlah_")
		t, err := ParseTakaran(k, s)
		if err != nil {
			p.Include(k, err)
			continue
		}
		h, err := bacaRupiah("harga_"+id, v.Get("harga_"+id))
		if err != nil {
			p.Add("harga_"+id, "Harga jual per satuan wajib diisi (rupiah bulat).")
			continue
		}
		in.Rinci = append(in.Rinci, RinciBaru{JenisID: id, Jumlah: t, Harga: h})
		order = append(order, k)
	}
	return in, order, p.Err()
}

func (m *Module) postPenjualan(w http.ResponseWriter, r *http.Request) {
	if !m.bacaFormEntri(w, r) {
		return
	}
	ctx := r.Context()
	in, fields, err := penjualanDariForm(r.PostForm)
	if err == nil {
		var e EntriDetail
		e, err = m.CatatPenjualan(ctx, in)
		err = rinciKeField(err, fields)
		if err == nil {
			http.Redirect(w, r, m.desaView(ctx).Base+"/entri/"+e.ID, http.StatusSeeOther)
			return
		}
	}
	web.Refill(m.pages, w, r, err, web.NewForm("penjualan", r.PostForm), "penjualan", "Penjualan ke pengepul",
		func() (penjualanPage, error) {
			return m.penjualanData(ctx, r.URL.Path, in.FasilitasID, web.NewForm("penjualan", r.PostForm))
		},
		func(d *penjualanPage, f web.Form) { d.Form = f })
}
