package keuangan

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The APBDes as the lampiran of its Peraturan Desa (Permendagri 20/2018,
// Lampiran): kode, uraian, anggaran and sumber dana; pendapatan by
// kelompok, jenis and objek; belanja by bidang, sub bidang, kegiatan and
// rekening objek; pembiayaan; then surplus/defisit, pembiayaan netto and
// SiLPA tahun berjalan. A perubahan shows the murni beside it and the
// difference. Built as a report.Document, printed as XLSX or PDF by the
// shared renderers.

// lampiranKey is one row of the lampiran: a rekening code (pendapatan,
// pembiayaan) or a kegiatan code with, for its leaves, a rekening objek.
type lampiranKey struct {
	a, b string
}

type lampiranSum struct {
	murni, nilai Rupiah
	sumber       []string
}

// lampiranNames are the names of every rekening and kegiatan level of the
// year's edition.
type lampiranNames struct {
	rekening map[string]string
	kegiatan map[string]string
}

func loadLampiranNames(ctx context.Context, idb bun.IDB, tahun int) (lampiranNames, error) {
	n := lampiranNames{rekening: map[string]string{}, kegiatan: map[string]string{}}
	v, err := versiFor(ctx, idb, DaftarLampiran, tahun)
	if err != nil {
		return n, err
	}
	var rek []Rekening
	if err := idb.NewSelect().Model(&rek).Column("kode", "nama").Where("r.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, r := range rek {
		n.rekening[string(r.Kode)] = r.Nama
	}
	var keg []kegiatanLampiran
	if err := idb.NewSelect().Model(&keg).Column("kode", "nama").Where("k.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, k := range keg {
		n.kegiatan[string(k.Kode)] = k.Nama
	}
	return n, nil
}

// prefixes are the codes above c, shortest first, and c itself, from
// level from (1 = the first part): kodeInduk("4.1.1.01", 2) is 4.1, 4.1.1,
// 4.1.1.01.
func kodeInduk(c string, from int) []string {
	parts := strings.Split(c, ".")
	var out []string
	for i := from; i <= len(parts); i++ {
		out = append(out, strings.Join(parts[:i], "."))
	}
	return out
}

// lampiranPart sums the lines of one kelompok into rows.
type lampiranPart struct {
	sums map[lampiranKey]*lampiranSum
}

func (p *lampiranPart) add(k lampiranKey, murni bool, j Rupiah, sumber string) {
	if p.sums == nil {
		p.sums = map[lampiranKey]*lampiranSum{}
	}
	s := p.sums[k]
	if s == nil {
		s = &lampiranSum{}
		p.sums[k] = s
	}
	if murni {
		s.murni += j
	} else {
		s.nilai += j
		if sumber != "" && !slices.Contains(s.sumber, sumber) {
			s.sumber = append(s.sumber, sumber)
		}
	}
}

func (p *lampiranPart) urutSumber() []lampiranKey {
	out := make([]lampiranKey, 0, len(p.sums))
	for k := range p.sums {
		out = append(out, k)
	}
	slices.SortFunc(out, func(x, y lampiranKey) int {
		if c := bandingKode(x.a, y.a); c != 0 {
			return c
		}
		if x.b == "" || y.b == "" {
			return len(x.b) - len(y.b)
		}
		return bandingKode(x.b, y.b)
	})
	return out
}

// lampiranBuilder collects the rows of the one table.
type lampiranBuilder struct {
	perubahan bool
	names     lampiranNames
	rows      []report.Row
}

func (l *lampiranBuilder) row(kode, uraian string, s lampiranSum, bold bool, indent int, sumber bool) {
	cells := []report.Cell{report.Teks(kode), report.Teks(uraian)}
	if l.perubahan {
		cells = append(cells, lampiranAngka(s.murni), lampiranAngka(s.nilai), lampiranAngka(s.nilai-s.murni))
	} else {
		cells = append(cells, lampiranAngka(s.nilai))
	}
	sd := ""
	if sumber {
		sd = strings.Join(s.sumber, ", ")
	}
	cells = append(cells, report.Teks(sd))
	l.rows = append(l.rows, report.Row{Cells: cells, Bold: bold, Indent: indent})
}

func lampiranAngka(r Rupiah) report.Cell { return report.Angka(int64(r), r.Angka()) }

// rekeningPart adds the rows of a pendapatan or pembiayaan kelompok: its
// jenis and objek (from level 2, the kelompok, down).
func (l *lampiranBuilder) rekeningPart(lines []Baris, murni []Baris, match func(Baris) bool) lampiranSum {
	var p lampiranPart
	var total lampiranSum
	for i, set := range [][]Baris{murni, lines} {
		isMurni := i == 0
		for _, b := range set {
			if !match(b) {
				continue
			}
			for _, c := range kodeInduk(string(b.KodeRekening), 2) {
				p.add(lampiranKey{a: c}, isMurni, b.Jumlah, b.SumberDana)
			}
			if isMurni {
				total.murni += b.Jumlah
			} else {
				total.nilai += b.Jumlah
			}
		}
	}
	for _, k := range p.urutSumber() {
		level := strings.Count(k.a, ".") // kelompok 1, jenis 2, objek 3
		leaf := level == 3
		l.row(k.a, l.names.rekening[k.a], *p.sums[k], !leaf, level-1, leaf)
	}
	return total
}

// belanjaPart adds bidang → sub bidang → kegiatan → rekening objek.
func (l *lampiranBuilder) belanjaPart(lines []Baris, murni []Baris) lampiranSum {
	var p lampiranPart
	var total lampiranSum
	for i, set := range [][]Baris{murni, lines} {
		isMurni := i == 0
		for _, b := range set {
			if b.Kelompok != KelompokBelanja {
				continue
			}
			for _, c := range kodeInduk(string(b.KodeKegiatan), 1) {
				p.add(lampiranKey{a: c}, isMurni, b.Jumlah, b.SumberDana)
			}
			p.add(lampiranKey{a: string(b.KodeKegiatan), b: string(b.KodeRekening)}, isMurni, b.Jumlah, b.SumberDana)
			if isMurni {
				total.murni += b.Jumlah
			} else {
				total.nilai += b.Jumlah
			}
		}
	}
	for _, k := range p.urutSumber() {
		if k.b != "" {
			l.row(k.b, l.names.rekening[k.b], *p.sums[k], false, 3, true)
			continue
		}
		level := strings.Count(k.a, ".") // bidang 0, sub bidang 1, kegiatan 2
		l.row(k.a, l.names.kegiatan[k.a], *p.sums[k], true, level, false)
	}
	return total
}

func lampiranSelisih(a, b lampiranSum) lampiranSum {
	return lampiranSum{murni: a.murni - b.murni, nilai: a.nilai - b.nilai}
}

func lampiranJumlah(a, b lampiranSum) lampiranSum {
	return lampiranSum{murni: a.murni + b.murni, nilai: a.nilai + b.nilai}
}

// DokumenAPBDes builds the lampiran of the APBDes of tahun (versi murni or
// perubahan; "" is the one in force) of the desa in ctx.
func (m *Module) DokumenAPBDes(ctx context.Context, tahun int, versi string) (report.Document, error) {
	var (
		a     APBDes
		lines []Baris
		murni []Baris
		names lampiranNames
	)
	// Tenant rows are read inside a transaction: on PostgreSQL only a
	// transaction publishes the desa to row-level security.
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if versi == "" {
			a, err = GetAPBDesBerlaku(ctx, tx, tahun)
		} else {
			a, err = GetAPBDes(ctx, tx, tahun, versi)
		}
		if err != nil {
			return err
		}
		if lines, err = ListBaris(ctx, tx, a.ID); err != nil {
			return err
		}
		if a.Versi == VersiPerubahan && a.MurniID != "" {
			if murni, err = ListBaris(ctx, tx, a.MurniID); err != nil {
				return err
			}
		}
		names, err = loadLampiranNames(ctx, tx, tahun)
		return err
	})
	if err != nil {
		return report.Document{}, err
	}
	perubahan := a.Versi == VersiPerubahan
	l := &lampiranBuilder{perubahan: perubahan, names: names}
	kelompok := func(k string) func(Baris) bool { return func(b Baris) bool { return b.Kelompok == k } }

	l.row("4", "PENDAPATAN", lampiranSum{}, true, 0, false)
	pend := l.rekeningPart(lines, murni, kelompok(KelompokPendapatan))
	l.row("", "JUMLAH PENDAPATAN", pend, true, 0, false)
	l.row("5", "BELANJA", lampiranSum{}, true, 0, false)
	bel := l.belanjaPart(lines, murni)
	l.row("", "JUMLAH BELANJA", bel, true, 0, false)
	surplus := lampiranSelisih(pend, bel)
	l.row("", "SURPLUS / (DEFISIT)", surplus, true, 0, false)
	l.row("6", "PEMBIAYAAN", lampiranSum{}, true, 0, false)
	terima := l.rekeningPart(lines, murni, kelompok(KelompokPenerimaanPembiayaan))
	l.row("", "JUMLAH PENERIMAAN PEMBIAYAAN", terima, true, 0, false)
	keluar := l.rekeningPart(lines, murni, kelompok(KelompokPengeluaranPembiayaan))
	l.row("", "JUMLAH PENGELUARAN PEMBIAYAAN", keluar, true, 0, false)
	netto := lampiranSelisih(terima, keluar)
	l.row("", "PEMBIAYAAN NETTO", netto, true, 0, false)
	l.row("", "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN TAHUN BERJALAN", lampiranJumlah(surplus, netto), true, 0, false)
	// The header rows of the three parts carry no amount: blank them.
	for i := range l.rows {
		c := l.rows[i].Cells
		if c[0].Text == "4" || c[0].Text == "5" || c[0].Text == "6" {
			for j := 2; j < len(c)-1; j++ {
				c[j] = report.Teks("")
			}
		}
	}

	cols := []report.Column{{Label: "Kode", Width: 2}, {Label: "Uraian", Width: 5}}
	if perubahan {
		cols = append(cols, report.Column{Label: "Sebelum perubahan (Rp)", Align: report.Right, Width: 2},
			report.Column{Label: "Sesudah perubahan (Rp)", Align: report.Right, Width: 2},
			report.Column{Label: "Bertambah / (berkurang) (Rp)", Align: report.Right, Width: 2})
	} else {
		cols = append(cols, report.Column{Label: "Anggaran (Rp)", Align: report.Right, Width: 2})
	}
	cols = append(cols, report.Column{Label: "Sumber dana", Width: 1.4})

	tot, _ := Hitung(lines)
	judul := "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran " + strconv.Itoa(tahun)
	if perubahan {
		judul = "Perubahan " + judul
	}
	status := "Status: " + NamaStatus(a.Status) + "."
	if a.PerdesNomor != "" {
		status += " Peraturan Desa Nomor " + a.PerdesNomor
		if !a.PerdesTanggal.IsZero() {
			status += " tanggal " + a.PerdesTanggal.String()
		}
		status += "."
	}
	section := report.Section{
		Heading: "Ringkasan",
		Figures: []report.Figure{
			{Label: "Pendapatan", Value: tot.Pendapatan.String()},
			{Label: "Belanja", Value: tot.Belanja.String()},
			{Label: "Surplus/(defisit)", Value: tot.SurplusDefisit.String()},
			{Label: "Pembiayaan netto", Value: tot.PembiayaanNetto.String()},
			{Label: "SiLPA tahun berjalan", Value: tot.SiLPA.String()},
			{Label: "Jumlah baris", Value: strconv.Itoa(len(lines))},
		},
		Notes: []string{status},
	}
	lamp := report.Section{Heading: "Lampiran Peraturan Desa tentang APBDes",
		Tables: []report.Table{{Title: "Rincian APBDes " + strconv.Itoa(tahun), Columns: cols, Rows: l.rows}}}
	if len(lines) == 0 && len(murni) == 0 {
		lamp = report.Section{Heading: lamp.Heading, Empty: "APBDes ini belum memiliki baris."}
	}
	return report.Document{
		Title:     judul,
		Subtitle:  m.wilayahJudul(ctx),
		Landscape: perubahan,
		Sections:  []report.Section{section, lamp},
		Footer:    "Dicetak dari ngantor pada " + m.now().Format("02-01-2006 15:04") + " UTC.",
	}, nil
}

// wilayahJudul names the desa in ctx with its kecamatan and kabupaten:
// "Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan".
func (m *Module) wilayahJudul(ctx context.Context) string {
	t, ok := tenancy.From(ctx)
	if !ok {
		return ""
	}
	nama := func(k tenancy.Kode) string {
		if m.names != nil {
			if n, err := m.names.Nama(ctx, k); err == nil && n != "" {
				return n
			}
		}
		return string(k)
	}
	desa := nama(t.Kode)
	kec := nama(t.Kode.Parent())
	kab := nama(t.Kode.Parent().Parent())
	if !strings.HasPrefix(kab, "Kab") && !strings.HasPrefix(kab, "Kota") {
		kab = "Kabupaten " + kab
	}
	return "Desa " + desa + ", Kecamatan " + kec + ", " + kab
}

// BerkasAPBDes renders the lampiran as format "xlsx" or "pdf": the file
// name, its content type and its bytes.
func (m *Module) BerkasAPBDes(ctx context.Context, tahun int, versi, format string) (string, string, []byte, error) {
	if tahun < TahunMin || tahun > TahunMax {
		return "", "", nil, fault.Field("path.tahun", "Tahun anggaran harus antara %d dan %d.", TahunMin, TahunMax)
	}
	d, err := m.DokumenAPBDes(ctx, tahun, versi)
	if err != nil {
		return "", "", nil, err
	}
	t, _ := tenancy.From(ctx)
	name := "apbdes-" + strings.ReplaceAll(string(t.Kode), ".", "") + "-" + strconv.Itoa(tahun)
	if d.Landscape {
		name += "-perubahan"
	}
	switch format {
	case "pdf":
		b, err := report.PDF(d)
		return name + ".pdf", "application/pdf", b, err
	default:
		b, err := report.XLSX(d)
		return name + ".xlsx", tipeXLSX, b, err
	}
}

const tipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
