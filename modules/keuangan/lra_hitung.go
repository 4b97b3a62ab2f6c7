package keuangan

import (
	"context"
	"fmt"
	"math/bits"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file is the Laporan Realisasi Anggaran (LRA; Permendagri 20/2018
// Pasal 68 and Lampiran: laporan semester pertama and akhir tahun): every
// line of the APBDes in force with what the journal realised on it, rolled
// up by rekening, kegiatan, sub bidang and bidang, and by sumber dana.

// AngkaLRA is the figures of one row of the LRA.
type AngkaLRA struct {
	// AnggaranMurni is, in a year under an APBDes Perubahan, what the murni
	// budgeted for the same lines (0 for a line the perubahan added); the
	// difference is Anggaran − AnggaranMurni.
	AnggaranMurni Rupiah `json:"anggaran_murni,omitempty" doc:"APBDes perubahan: anggaran murni baris yang sama"`
	Anggaran      Rupiah `json:"anggaran"`
	Realisasi     Rupiah `json:"realisasi"`
	Sisa          Rupiah `json:"sisa" doc:"Anggaran dikurangi realisasi"`
	// PersenBP is realisasi / anggaran in basis points (6245 = 62,45 %);
	// integers keep the figure exact in every client.
	PersenBP int64 `json:"persen_bp" doc:"Realisasi terhadap anggaran dalam basis poin: 6245 berarti 62,45%"`
}

func (a *AngkaLRA) tambah(b AngkaLRA) {
	a.AnggaranMurni += b.AnggaranMurni
	a.Anggaran += b.Anggaran
	a.Realisasi += b.Realisasi
}

func (a *AngkaLRA) hitung() {
	a.Sisa = a.Anggaran - a.Realisasi
	a.PersenBP = persenBP(a.Realisasi, a.Anggaran)
}

// Persen formats the percentage the Indonesian way: "62,45%".
func (a AngkaLRA) Persen() string { return formatBP(a.PersenBP) }

// persenBP is r / a in basis points, exact (128-bit product), truncated —
// not valid.BasisPoin's half up: a share is at least a threshold only
// when it truly is (a Dana Desa tahap needs "paling sedikit 50 %" of the
// previous tahap spent, and 49,996 % is not 50 %), and the LRA shows no
// 100,00 % while a rupiah of anggaran is left.
func persenBP(r, a Rupiah) int64 {
	if a <= 0 {
		return 0
	}
	neg := r < 0
	if neg {
		r = -r
	}
	hi, lo := bits.Mul64(uint64(r), 10000)
	if hi >= uint64(a) {
		return 1 << 62
	}
	q, _ := bits.Div64(hi, lo, uint64(a))
	if neg {
		return -int64(q)
	}
	return int64(q)
}

// formatBP is valid.FormatBP without the space before the sign, "62,45%":
// the way the LRA, its PDF and XLSX, the Dana Desa tahap conditions and
// their messages have always printed it.
func formatBP(bp int64) string {
	return strings.TrimSuffix(valid.FormatBP(bp), " %") + "%"
}

// Tingkat of an LRA row.
const (
	TingkatLRAKelompok = "kelompok"
	TingkatLRABaris    = "baris"
)

// LRABaris is one row of the LRA: a kelompok, bidang, sub bidang,
// kegiatan, rekening or APBDes line, with the rows below it.
type LRABaris struct {
	Tingkat string `json:"tingkat" enum:"kelompok,bidang,sub_bidang,kegiatan,jenis,objek,baris,sumber_dana"`
	Kode    string `json:"kode,omitempty"`
	Nama    string `json:"nama"`
	AngkaLRA
	// A line's output: the target and what the entries realised.
	BarisID         string `json:"baris_id,omitempty"`
	SumberDana      string `json:"sumber_dana,omitempty"`
	OutputTarget    Volume `json:"output_target,omitempty" doc:"Target keluaran (perseribu satuan)"`
	OutputRealisasi Volume `json:"output_realisasi,omitempty" doc:"Keluaran terwujud (perseribu satuan)"`
	OutputSatuan    string `json:"output_satuan,omitempty"`
	// CapaianOutputBP is, on a line, realised / target output and, above
	// it, the average over the lines below that have a target; each line
	// counts at most 100 %. Absent where no line has a target.
	CapaianOutputBP *int64     `json:"capaian_output_bp,omitempty" doc:"Capaian keluaran dalam basis poin (rata-rata baris bertarget di bawahnya)"`
	Rincian         []LRABaris `json:"rincian,omitempty"`
}

// LRA is the report for one desa, year and period.
type LRA struct {
	Tahun    int        `json:"tahun"`
	Semester int        `json:"semester,omitempty" doc:"1 (Januari–Juni), 2 (Juli–Desember); kosong = setahun"`
	Dari     civil.Date `json:"dari"`
	Sampai   civil.Date `json:"sampai"`
	Versi    string     `json:"versi" enum:"murni,perubahan"`
	// Pendapatan, Belanja, PenerimaanPembiayaan, PengeluaranPembiayaan are
	// the four kelompok, each down to its lines.
	Pendapatan            LRABaris   `json:"pendapatan"`
	Belanja               LRABaris   `json:"belanja"`
	PenerimaanPembiayaan  LRABaris   `json:"penerimaan_pembiayaan"`
	PengeluaranPembiayaan LRABaris   `json:"pengeluaran_pembiayaan"`
	SurplusDefisit        AngkaLRA   `json:"surplus_defisit" doc:"Pendapatan − belanja (persen_bp tidak dipakai)"`
	PembiayaanNetto       AngkaLRA   `json:"pembiayaan_netto" doc:"Penerimaan − pengeluaran pembiayaan (persen_bp tidak dipakai)"`
	BelanjaPerSumber      []LRABaris `json:"belanja_per_sumber_dana" doc:"Belanja per sumber dana"`
}

// namaRef is every name of the rekening and kegiatan lists of a year.
type namaRef struct {
	rekening map[KodeRekening]string
	kegiatan map[KodeKegiatan]string
	sumber   map[string]string
}

func loadNamaRef(ctx context.Context, idb bun.IDB, tahun int) (namaRef, error) {
	n := namaRef{rekening: map[KodeRekening]string{}, kegiatan: map[KodeKegiatan]string{}, sumber: map[string]string{}}
	v, err := versiFor(ctx, idb, DaftarLampiran, tahun)
	if err != nil {
		return n, err
	}
	var rek []Rekening
	if err := idb.NewSelect().Model(&rek).Column("kode", "nama").Where("r.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, r := range rek {
		n.rekening[r.Kode] = r.Nama
	}
	var keg []kegiatanLampiran
	if err := idb.NewSelect().Model(&keg).Column("kode", "nama").Where("k.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, k := range keg {
		n.kegiatan[k.Kode] = k.Nama
	}
	var sd []SumberDana
	if err := idb.NewSelect().Model(&sd).Column("kode", "nama").Scan(ctx); err != nil {
		return n, err
	}
	for _, s := range sd {
		n.sumber[s.Kode] = s.Nama
	}
	return n, nil
}

// dataRealisasi is what every page and report of realisasi reads at once.
type dataRealisasi struct {
	apbdes APBDes
	lines  []Baris
	idx    barisIndex
	jurnal *jurnal
	nama   namaRef
	// murni is, under a perubahan, the murni's amount per murni line id
	// (the perubahan's lines name theirs in AsalBarisID).
	murni map[string]Rupiah
}

// bacaRealisasi reads the APBDes entries are recorded against, its lines,
// the journal and the names of tahun, for the desa in ctx.
func (m *Module) bacaRealisasi(ctx context.Context, tahun int) (dataRealisasi, error) {
	var d dataRealisasi
	if tahun < TahunMin || tahun > TahunMax {
		return d, fault.New(fault.NotFound, "Tahun anggaran %d tidak dikenal.", tahun)
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := apbdesRealisasi(ctx, tx, tahun)
		if err != nil && !fault.Is(err, fault.Conflict) {
			return err
		}
		d.apbdes = a
		if d.lines, err = ListBaris(ctx, tx, a.ID); err != nil {
			return err
		}
		if a.Versi == VersiPerubahan && a.MurniID != "" {
			murni, err := ListBaris(ctx, tx, a.MurniID)
			if err != nil {
				return err
			}
			d.murni = make(map[string]Rupiah, len(murni))
			for _, b := range murni {
				d.murni[b.ID] = b.Jumlah
			}
		}
		if d.jurnal, err = loadJurnal(ctx, tx, tahun); err != nil {
			return err
		}
		d.nama, err = loadNamaRef(ctx, tx, tahun)
		return err
	})
	d.idx = indexBaris(d.lines)
	return d, err
}

// LRA reads the report of tahun for semester (0: the whole year).
func (m *Module) LRA(ctx context.Context, tahun, semester int) (LRA, error) {
	if semester < 0 || semester > 2 {
		return LRA{}, fault.Field("query.semester", "Semester harus 1 atau 2; kosongkan untuk setahun.")
	}
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return LRA{}, err
	}
	return d.lra(semester), nil
}

func (d dataRealisasi) lra(semester int) LRA {
	tahun := d.apbdes.Tahun
	p := RentangSemester(tahun, semester)
	out := LRA{Tahun: tahun, Semester: semester, Versi: d.apbdes.Versi, Dari: p.Dari, Sampai: p.Sampai}
	if p.Dari.IsZero() {
		out.Dari, out.Sampai = civil.Date(fmt.Sprintf("%04d-01-01", tahun)), civil.Date(fmt.Sprintf("%04d-12-31", tahun))
	}
	terwujud := d.idx.perBaris(d.jurnal.realisasi(p))
	kel := map[string]*LRABaris{
		KelompokPendapatan:            {Tingkat: TingkatLRAKelompok, Kode: "4", Nama: "Pendapatan"},
		KelompokBelanja:               {Tingkat: TingkatLRAKelompok, Kode: "5", Nama: "Belanja"},
		KelompokPenerimaanPembiayaan:  {Tingkat: TingkatLRAKelompok, Kode: "6.1", Nama: "Penerimaan pembiayaan"},
		KelompokPengeluaranPembiayaan: {Tingkat: TingkatLRAKelompok, Kode: "6.2", Nama: "Pengeluaran pembiayaan"},
	}
	sumber := map[string]*LRABaris{}
	for _, b := range d.lines {
		r := terwujud[b.ID]
		row := LRABaris{Tingkat: TingkatLRABaris, Kode: string(b.KodeRekening), Nama: b.Uraian, BarisID: b.ID,
			SumberDana: b.SumberDana, AngkaLRA: AngkaLRA{Anggaran: b.Jumlah, Realisasi: r.Jumlah}}
		if d.murni != nil {
			row.AnggaranMurni = d.murni[b.AsalBarisID]
		}
		if b.Kelompok == KelompokBelanja {
			row.OutputTarget, row.OutputRealisasi, row.OutputSatuan = b.OutputVolume, r.Output, b.OutputSatuan
			s := sumber[b.SumberDana]
			if s == nil {
				s = &LRABaris{Tingkat: "sumber_dana", Kode: b.SumberDana, Nama: d.nama.sumber[b.SumberDana]}
				sumber[b.SumberDana] = s
			}
			s.tambah(row.AngkaLRA)
		}
		root := kel[b.Kelompok]
		if root == nil {
			continue
		}
		var path []struct{ tingkat, kode, nama string }
		if b.Kelompok == KelompokBelanja {
			sub := b.KodeKegiatan.Induk()
			path = append(path,
				struct{ tingkat, kode, nama string }{TingkatBidang, string(sub.Induk()), d.nama.kegiatan[sub.Induk()]},
				struct{ tingkat, kode, nama string }{TingkatSubBidang, string(sub), d.nama.kegiatan[sub]},
				struct{ tingkat, kode, nama string }{TingkatKegiatan, string(b.KodeKegiatan), d.nama.kegiatan[b.KodeKegiatan]})
		} else {
			jenis := b.KodeRekening.Induk()
			path = append(path, struct{ tingkat, kode, nama string }{TingkatJenis, string(jenis), d.nama.rekening[jenis]})
		}
		path = append(path, struct{ tingkat, kode, nama string }{TingkatObjek, string(b.KodeRekening), d.nama.rekening[b.KodeRekening]})
		node := root
		node.tambah(row.AngkaLRA)
		for _, s := range path {
			node = node.anak(s.tingkat, s.kode, s.nama)
			node.tambah(row.AngkaLRA)
		}
		node.Rincian = append(node.Rincian, row)
	}
	for _, k := range kel {
		k.selesai()
	}
	out.Pendapatan, out.Belanja = *kel[KelompokPendapatan], *kel[KelompokBelanja]
	out.PenerimaanPembiayaan, out.PengeluaranPembiayaan = *kel[KelompokPenerimaanPembiayaan], *kel[KelompokPengeluaranPembiayaan]
	out.SurplusDefisit = AngkaLRA{AnggaranMurni: out.Pendapatan.AnggaranMurni - out.Belanja.AnggaranMurni,
		Anggaran: out.Pendapatan.Anggaran - out.Belanja.Anggaran, Realisasi: out.Pendapatan.Realisasi - out.Belanja.Realisasi}
	out.SurplusDefisit.Sisa = out.SurplusDefisit.Anggaran - out.SurplusDefisit.Realisasi
	out.PembiayaanNetto = AngkaLRA{AnggaranMurni: out.PenerimaanPembiayaan.AnggaranMurni - out.PengeluaranPembiayaan.AnggaranMurni,
		Anggaran:  out.PenerimaanPembiayaan.Anggaran - out.PengeluaranPembiayaan.Anggaran,
		Realisasi: out.PenerimaanPembiayaan.Realisasi - out.PengeluaranPembiayaan.Realisasi}
	out.PembiayaanNetto.Sisa = out.PembiayaanNetto.Anggaran - out.PembiayaanNetto.Realisasi
	out.BelanjaPerSumber = []LRABaris{}
	for _, s := range sumber {
		s.hitung()
		out.BelanjaPerSumber = append(out.BelanjaPerSumber, *s)
	}
	sort.Slice(out.BelanjaPerSumber, func(i, j int) bool { return out.BelanjaPerSumber[i].Kode < out.BelanjaPerSumber[j].Kode })
	return out
}

// anak is the child of n with kode, added in the order first met.
func (n *LRABaris) anak(tingkat, kode, nama string) *LRABaris {
	for i := range n.Rincian {
		if n.Rincian[i].Tingkat == tingkat && n.Rincian[i].Kode == kode {
			return &n.Rincian[i]
		}
	}
	if nama == "" {
		nama = kode
	}
	n.Rincian = append(n.Rincian, LRABaris{Tingkat: tingkat, Kode: kode, Nama: nama})
	return &n.Rincian[len(n.Rincian)-1]
}

// selesai works out sisa, % and capaian keluaran on n and every row under
// it, and orders the rows by code (lines keep the APBDes order). It
// returns the sum and count of the capaian of the lines with a target.
func (n *LRABaris) selesai() (sum, count int64) {
	n.hitung()
	if len(n.Rincian) > 0 && n.Rincian[0].Tingkat != TingkatLRABaris {
		sort.SliceStable(n.Rincian, func(i, j int) bool { return n.Rincian[i].Kode < n.Rincian[j].Kode })
	}
	if n.Tingkat == TingkatLRABaris {
		if c, ok := CapaianOutput(n.OutputTarget, n.OutputRealisasi); ok {
			n.CapaianOutputBP = &c
			return c, 1
		}
		return 0, 0
	}
	for i := range n.Rincian {
		s, c := n.Rincian[i].selesai()
		sum, count = sum+s, count+c
	}
	if count > 0 {
		avg := sum / count
		n.CapaianOutputBP = &avg
	}
	return sum, count
}

// Walk calls fn on n and every row under it, depth first, with its depth.
func (n LRABaris) Walk(fn func(r LRABaris, depth int)) { n.walk(fn, 0) }

func (n LRABaris) walk(fn func(r LRABaris, depth int), depth int) {
	fn(n, depth)
	for _, c := range n.Rincian {
		c.walk(fn, depth+1)
	}
}

// CapaianOutput is the output achieved on a line: realised / target in
// basis points, at most 10000 (doing more on one line does not make up
// for another); ok is false when the line has no target.
func CapaianOutput(target, realisasi Volume) (bp int64, ok bool) {
	if target <= 0 {
		return 0, false
	}
	if realisasi >= target {
		return 10000, true
	}
	if realisasi <= 0 {
		return 0, true
	}
	return persenBP(Rupiah(realisasi), Rupiah(target)), true
}

// TeksKeluaran is the output column of a row as pages and printouts show
// it: "5 / 100 m (5,00%)" on a line, "capaian 42,50%" above it.
func (n LRABaris) TeksKeluaran() string {
	switch {
	case n.Tingkat == TingkatLRABaris && (n.OutputTarget > 0 || n.OutputRealisasi != 0):
		s := n.OutputRealisasi.String() + " / " + n.OutputTarget.String() + " " + n.OutputSatuan
		if n.CapaianOutputBP != nil {
			s += " (" + formatBP(*n.CapaianOutputBP) + ")"
		}
		return s
	case n.Tingkat != TingkatLRABaris && n.CapaianOutputBP != nil:
		return "capaian " + formatBP(*n.CapaianOutputBP)
	}
	return ""
}
