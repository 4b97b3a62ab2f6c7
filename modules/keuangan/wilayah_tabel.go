package keuangan

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// DesaInfo is a desa of a wilayah as the wilayah module names it.
type DesaInfo struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// DesaSource lists the desa (kelurahan excluded) inside a kecamatan or a
// kabupaten, by code, and names the wilayah; cmd wires the wilayah module
// behind it.
type DesaSource interface {
	DesaIn(ctx context.Context, wilayah tenancy.Kode) ([]DesaInfo, error)
}

// Status of a desa in the table besides those of the APBDes lifecycle.
const StatusBelumAda = "belum_ada"

// Sort keys of the table.
const (
	urutTabelKode  = "kode"
	urutNama       = "nama"
	urutKecamatan  = "kecamatan"
	urutStatus     = "status"
	urutPagu       = "pagu"
	urutRealisasi  = "realisasi"
	urutPersen     = "realisasi_persen"
	urutPendapatan = "pendapatan"
	urutTahap      = "dd_tahap"
	urutTerakhir   = "transaksi_terakhir"
)

var urutKeys = []string{urutTabelKode, urutNama, urutKecamatan, urutStatus, urutPagu, urutRealisasi, urutPersen,
	urutPendapatan, urutTahap, urutTerakhir}

// RingkasanTahap is one Dana Desa tahap received in the RKD.
type RingkasanTahap struct {
	Tahap   int        `json:"tahap" minimum:"1" maximum:"3"`
	Jumlah  Rupiah     `json:"jumlah"`
	Tanggal civil.Date `json:"tanggal" doc:"Tanggal penerimaan pertama tahap ini"`
}

// RingkasanDesa is one desa's row of the kecamatan or kabupaten table:
// figures only, never a line, a payee or an entry (PermRingkasan).
type RingkasanDesa struct {
	Desa          tenancy.Kode `json:"desa" example:"51.02.06.2001"`
	Nama          string       `json:"nama"`
	Kecamatan     tenancy.Kode `json:"kecamatan"`
	NamaKecamatan string       `json:"nama_kecamatan"`
	Status        string       `json:"status" enum:"belum_ada,draft,diajukan,dikembalikan,dievaluasi,ditetapkan" doc:"Status versi APBDes terbaru"`
	Versi         string       `json:"versi,omitempty" enum:"murni,perubahan" doc:"Versi APBDes terbaru"`
	VersiBerlaku  string       `json:"versi_berlaku,omitempty" enum:"murni,perubahan" doc:"Versi yang dipakai untuk pagu: perubahan setelah ditetapkan, selain itu murni"`
	Pagu          Rupiah       `json:"pagu" doc:"Belanja APBDes yang berlaku"`
	Realisasi     Rupiah       `json:"realisasi" doc:"Pengeluaran dan SPJ atas belanja, termasuk koreksi"`
	// RealisasiBP is realisasi / pagu in basis points (6240 = 62,40 %);
	// absent when the pagu is zero.
	RealisasiBP        *int64           `json:"realisasi_bp,omitempty" doc:"Realisasi belanja dalam basis poin (6240 = 62,40 %); kosong bila pagu nol"`
	PendapatanAnggaran Rupiah           `json:"pendapatan_anggaran"`
	PendapatanDiterima Rupiah           `json:"pendapatan_diterima"`
	DDTahapDiterima    int              `json:"dd_tahap_diterima" minimum:"0" maximum:"3"`
	DDTahap            []RingkasanTahap `json:"dd_tahap"`
	TransaksiTerakhir  civil.Date       `json:"transaksi_terakhir,omitempty" doc:"Tanggal transaksi terakhir"`
}

// RingkasanQuery is what the table is asked for.
type RingkasanQuery struct {
	Tahun     int
	Kecamatan string // a kecamatan code inside a kabupaten, or ""
	Urut      string // a sort key; "" is kode
	Turun     bool
}

// RingkasanKecamatan is a kecamatan of the filter.
type RingkasanKecamatan struct {
	Kode tenancy.Kode `json:"kode"`
	Nama string       `json:"nama"`
}

// TabelWilayah is the table of every desa of a kecamatan or kabupaten.
type TabelWilayah struct {
	Wilayah   tenancy.Kode
	Tahun     int
	Kecamatan []RingkasanKecamatan // a kabupaten's kecamatan, for the filter
	Baris     []RingkasanDesa
	Query     RingkasanQuery
}

// Tabel builds the table of kode (a kecamatan or a kabupaten) for q.Tahun
// in two queries, whatever the number of desa (figurWilayah).
func (m *Module) TabelWilayah(ctx context.Context, kode tenancy.Kode, q RingkasanQuery) (TabelWilayah, error) {
	if kode.Level() != tenancy.Kecamatan && kode.Level() != tenancy.Kabupaten {
		return TabelWilayah{}, fault.Field("path.kode", "Tabel keuangan tersedia untuk kecamatan dan kabupaten; %s bukan keduanya.", string(kode))
	}
	if q.Tahun < TahunMin || q.Tahun > TahunMax {
		return TabelWilayah{}, fault.Field("path.tahun", "Tahun anggaran harus antara %d dan %d.", TahunMin, TahunMax)
	}
	if q.Urut != "" && !slices.Contains(urutKeys, q.Urut) {
		return TabelWilayah{}, fault.Field("query.urut", "Kolom urutan %q tidak dikenal.", q.Urut)
	}
	if m.desa == nil {
		return TabelWilayah{}, fault.New(fault.NotFound, "Daftar desa wilayah ini tidak tersedia.")
	}
	desa, err := m.desa.DesaIn(ctx, kode)
	if err != nil {
		return TabelWilayah{}, err
	}
	t := TabelWilayah{Wilayah: kode, Tahun: q.Tahun, Query: q}
	within := kode
	if kode.Level() == tenancy.Kabupaten {
		seen := map[tenancy.Kode]bool{}
		for _, d := range desa {
			if k := d.Kode.Up(tenancy.Kecamatan); !seen[k] {
				seen[k] = true
				t.Kecamatan = append(t.Kecamatan, RingkasanKecamatan{Kode: k, Nama: d.NamaKecamatan})
			}
		}
	}
	if q.Kecamatan != "" {
		k, err := tenancy.ParseKode(q.Kecamatan)
		if err != nil || k.Level() != tenancy.Kecamatan || !slices.ContainsFunc(t.Kecamatan, func(o RingkasanKecamatan) bool { return o.Kode == k }) {
			return TabelWilayah{}, fault.Field("query.kecamatan", "Kecamatan %q tidak ada di wilayah %s.", q.Kecamatan, string(kode))
		}
		within = k
	}
	var figs map[int64]*figur
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: within})
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		figs, err = figurWilayah(ctx, tx, q.Tahun, "")
		return err
	})
	if err != nil {
		return TabelWilayah{}, err
	}
	for _, d := range desa {
		if !within.Contains(d.Kode) {
			continue
		}
		t.Baris = append(t.Baris, ringkasDesa(d, figs[d.Kode.ID()]))
	}
	sortRingkasan(t.Baris, q)
	return t, nil
}

// ringkas turns a desa's figures into its row; f is nil for a desa with
// nothing recorded that year.
func ringkasDesa(d DesaInfo, f *figur) RingkasanDesa {
	r := RingkasanDesa{Desa: d.Kode, Nama: d.Nama, Kecamatan: d.Kode.Up(tenancy.Kecamatan), NamaKecamatan: d.NamaKecamatan,
		Status: StatusBelumAda, DDTahap: []RingkasanTahap{}}
	if f == nil {
		return r
	}
	if f.terbaru != nil {
		r.Status, r.Versi = f.terbaru.status, f.terbaru.versi
	}
	if f.berlaku != nil {
		r.VersiBerlaku = f.berlaku.versi
		r.Pagu = f.berlaku.belanja
		r.PendapatanAnggaran = f.berlaku.pendapatan
	}
	r.Realisasi, r.PendapatanDiterima = f.realisasi, f.pendapatanMasuk
	if bp, ok := basisPoin(r.Realisasi, r.Pagu); ok {
		r.RealisasiBP = &bp
	}
	for i := 1; i <= 3; i++ {
		if f.tahap[i].jumlah > 0 {
			r.DDTahap = append(r.DDTahap, RingkasanTahap{Tahap: i, Jumlah: f.tahap[i].jumlah, Tanggal: f.tahap[i].tanggal})
		}
	}
	r.DDTahapDiterima = len(r.DDTahap)
	r.TransaksiTerakhir = f.terakhir
	return r
}

// statusUrut orders statuses by progress, a perubahan after every murni.
func statusUrut(r RingkasanDesa) int {
	n := map[string]int{StatusBelumAda: 0, StatusDraft: 1, StatusDikembalikan: 2, StatusDiajukan: 3,
		StatusDievaluasi: 4, StatusDitetapkan: 5}[r.Status]
	if r.Versi == VersiPerubahan {
		n += 10
	}
	return n
}

// sortRingkasan orders rows by the chosen column; a desa without a
// percentage or an entry goes last either way, and ties keep code order.
func sortRingkasan(rows []RingkasanDesa, q RingkasanQuery) {
	dir := 1
	if q.Turun {
		dir = -1
	}
	slices.SortStableFunc(rows, func(a, b RingkasanDesa) int {
		var c int
		switch q.Urut {
		case urutNama:
			c = strings.Compare(strings.ToLower(a.Nama), strings.ToLower(b.Nama))
		case urutKecamatan:
			c = strings.Compare(strings.ToLower(a.NamaKecamatan), strings.ToLower(b.NamaKecamatan))
		case urutStatus:
			c = cmp.Compare(statusUrut(a), statusUrut(b))
		case urutPagu:
			c = cmp.Compare(a.Pagu, b.Pagu)
		case urutRealisasi:
			c = cmp.Compare(a.Realisasi, b.Realisasi)
		case urutPendapatan:
			c = cmp.Compare(a.PendapatanDiterima, b.PendapatanDiterima)
		case urutTahap:
			c = cmp.Compare(a.DDTahapDiterima, b.DDTahapDiterima)
		case urutPersen:
			switch {
			case a.RealisasiBP == nil && b.RealisasiBP == nil:
			case a.RealisasiBP == nil:
				return 1
			case b.RealisasiBP == nil:
				return -1
			default:
				c = cmp.Compare(*a.RealisasiBP, *b.RealisasiBP)
			}
		case urutTerakhir:
			switch {
			case a.TransaksiTerakhir == "" && b.TransaksiTerakhir == "":
			case a.TransaksiTerakhir == "":
				return 1
			case b.TransaksiTerakhir == "":
				return -1
			default:
				c = strings.Compare(string(a.TransaksiTerakhir), string(b.TransaksiTerakhir))
			}
		}
		if c != 0 {
			return dir * c
		}
		if q.Urut == "" || q.Urut == urutTabelKode {
			return dir * strings.Compare(string(a.Desa), string(b.Desa))
		}
		return strings.Compare(string(a.Desa), string(b.Desa))
	})
}

// NamaStatusTabel is the short Bahasa label of a row's status and version.
func NamaStatusTabel(r RingkasanDesa) string {
	if r.Status == StatusBelumAda {
		return "belum ada"
	}
	s := map[string]string{StatusDraft: "draf", StatusDiajukan: "diajukan", StatusDikembalikan: "dikembalikan",
		StatusDievaluasi: "dievaluasi", StatusDitetapkan: "ditetapkan"}[r.Status]
	if r.Versi == VersiPerubahan {
		return "perubahan · " + s
	}
	return "murni · " + s
}

func persenTeks(r RingkasanDesa) string {
	if r.RealisasiBP == nil {
		return "–"
	}
	return valid.FormatBP(*r.RealisasiBP)
}

// kolomTabel are the columns of the downloads, in order.
var kolomTabel = []string{"Kode desa", "Desa", "Kecamatan", "Status APBDes", "Pagu belanja (Rp)", "Realisasi belanja (Rp)",
	"Realisasi (%)", "Pendapatan diterima (Rp)", "DD tahap diterima", "DD tahap I (Rp)", "Tanggal tahap I",
	"DD tahap II (Rp)", "Tanggal tahap II", "DD tahap III (Rp)", "Tanggal tahap III", "Transaksi terakhir"}

func (t TabelWilayah) namaBerkas() string {
	s := "keuangan-desa-" + strings.ReplaceAll(string(t.Wilayah), ".", "")
	if t.Query.Kecamatan != "" {
		s += "-kec-" + strings.ReplaceAll(t.Query.Kecamatan, ".", "")
	}
	return s + "-" + strconv.Itoa(t.Tahun)
}

// WriteCSV writes the table with plain numbers (whole rupiah, percentages
// with a decimal point) so a spreadsheet reads them as numbers.
func (t TabelWilayah) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(kolomTabel); err != nil {
		return err
	}
	for _, r := range t.Baris {
		pct := ""
		if r.RealisasiBP != nil {
			bp := *r.RealisasiBP
			sign := ""
			if bp < 0 {
				sign, bp = "-", -bp
			}
			pct = sign + strconv.FormatInt(bp/100, 10) + "." + strconv.FormatInt(bp%100/10, 10) + strconv.FormatInt(bp%10, 10)
		}
		rec := []string{string(r.Desa), r.Nama, r.NamaKecamatan, NamaStatusTabel(r),
			strconv.FormatInt(int64(r.Pagu), 10), strconv.FormatInt(int64(r.Realisasi), 10), pct,
			strconv.FormatInt(int64(r.PendapatanDiterima), 10), strconv.Itoa(r.DDTahapDiterima)}
		var tahap [4]RingkasanTahap
		for _, x := range r.DDTahap {
			tahap[x.Tahap] = x
		}
		for i := 1; i <= 3; i++ {
			j := ""
			if tahap[i].Tahap != 0 {
				j = strconv.FormatInt(int64(tahap[i].Jumlah), 10)
			}
			rec = append(rec, j, string(tahap[i].Tanggal))
		}
		rec = append(rec, string(r.TransaksiTerakhir))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Document is the table as a report document (for the XLSX download).
func (t TabelWilayah) Document(judul string) report.Document {
	tab := report.Table{Title: "Keuangan desa " + strconv.Itoa(t.Tahun)}
	for i, k := range kolomTabel {
		al := report.Left
		if i >= 4 && i != 10 && i != 12 && i != 14 && i != 15 {
			al = report.Right
		}
		tab.Columns = append(tab.Columns, report.Column{Label: k, Align: al})
	}
	for _, r := range t.Baris {
		row := []report.Cell{report.Teks(string(r.Desa)), report.Teks(r.Nama), report.Teks(r.NamaKecamatan),
			report.Teks(NamaStatusTabel(r)), report.Angka(int64(r.Pagu), r.Pagu.Angka()),
			report.Angka(int64(r.Realisasi), r.Realisasi.Angka())}
		if r.RealisasiBP != nil {
			row = append(row, report.Pecahan(*r.RealisasiBP, 100, valid.FormatBP(*r.RealisasiBP)))
		} else {
			row = append(row, report.Teks(""))
		}
		row = append(row, report.Angka(int64(r.PendapatanDiterima), r.PendapatanDiterima.Angka()),
			report.Angka(int64(r.DDTahapDiterima), strconv.Itoa(r.DDTahapDiterima)))
		var tahap [4]RingkasanTahap
		for _, x := range r.DDTahap {
			tahap[x.Tahap] = x
		}
		for i := 1; i <= 3; i++ {
			if tahap[i].Tahap != 0 {
				row = append(row, report.Angka(int64(tahap[i].Jumlah), tahap[i].Jumlah.Angka()), report.Teks(string(tahap[i].Tanggal)))
			} else {
				row = append(row, report.Teks(""), report.Teks(""))
			}
		}
		row = append(row, report.Teks(string(r.TransaksiTerakhir)))
		tab.Rows = append(tab.Rows, report.Row{Cells: row})
	}
	return report.Document{Title: "Keuangan desa tahun anggaran " + strconv.Itoa(t.Tahun), Subtitle: judul,
		Landscape: true, Sections: []report.Section{{Tables: []report.Table{tab}}}}
}

// Berkas is the table as a download: its file name, content type and
// bytes. format is csv or xlsx.
func (t TabelWilayah) Berkas(format, judul string) (name, tipe string, b []byte, err error) {
	switch format {
	case "csv":
		var buf bytes.Buffer
		if err := t.WriteCSV(&buf); err != nil {
			return "", "", nil, err
		}
		return t.namaBerkas() + ".csv", "text/csv; charset=utf-8", buf.Bytes(), nil
	case "xlsx":
		b, err := report.XLSX(t.Document(judul))
		if err != nil {
			return "", "", nil, err
		}
		return t.namaBerkas() + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b, nil
	}
	return "", "", nil, fault.Field("query.format", "Format unduhan %q tidak dikenal; pilih csv atau xlsx.", format)
}
