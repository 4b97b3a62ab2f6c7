package forum

import (
	"context"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// A desa's profile card: every yardstick the user may see, with the
// desa's value, its rank among the desa of its kecamatan and of the
// panel's wilayah, the quarter it lies in and its change against the
// year before. Values only: no record of the desa.

// KartuDesa is one desa's card.
type KartuDesa struct {
	Desa      tenancy.Kode `json:"desa"`
	Nama      string       `json:"nama"`
	Kecamatan string       `json:"kecamatan"`
	Wilayah   tenancy.Kode `json:"wilayah"`
	Tahun     int          `json:"tahun"`
	StatusIDM string       `json:"status_idm,omitempty"`
	// TahunIDM is the year of StatusIDM: the latest IDM up to Tahun.
	TahunIDM int          `json:"tahun_idm,omitempty"`
	Dihitung *time.Time   `json:"dihitung,omitempty"`
	Baris    []KartuBaris `json:"baris"`
}

// KartuBaris is one yardstick on a card. Without a value the ranks are 0.
type KartuBaris struct {
	Indikator Indikator `json:"indikator"`
	Ada       bool      `json:"ada"`
	Nilai     float64   `json:"nilai"`
	Teks      string    `json:"teks"`
	// PeringkatKecamatan of JumlahKecamatan desa with a value in the
	// desa's kecamatan; PeringkatWilayah of JumlahWilayah in the panel's
	// wilayah.
	PeringkatKecamatan int      `json:"peringkat_kecamatan"`
	JumlahKecamatan    int      `json:"jumlah_kecamatan"`
	PeringkatWilayah   int      `json:"peringkat_wilayah"`
	JumlahWilayah      int      `json:"jumlah_wilayah"`
	Kuartil            int      `json:"kuartil"`
	Median             float64  `json:"median"`
	NilaiLalu          *float64 `json:"nilai_lalu,omitempty"`
	Arah               string   `json:"arah,omitempty" enum:"naik,turun,tetap"`
	Membaik            bool     `json:"membaik"`
	// Persentil is the share of the wilayah's desa the desa is at least as
	// good as (0–100), for the card's chart.
	Persentil int `json:"persentil"`
}

// Kartu builds desa's card within the panel of wilayah k.
func (m *Module) Kartu(ctx context.Context, k tenancy.Kode, desa tenancy.Kode, tahun int) (KartuDesa, error) {
	if tahun < 2000 || tahun > 2100 {
		return KartuDesa{}, fault.Field("query.tahun", "tahun harus antara 2000 dan 2100")
	}
	if !desa.IsDesa() || !k.Contains(desa) || desa == k {
		return KartuDesa{}, fault.New(fault.NotFound, "desa %s tidak berada di wilayah %s", string(desa), string(k))
	}
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return KartuDesa{}, err
	}
	inds := urutkanIndikator(defs, m.indicators())
	ks, err := m.kompositTerlihat(ctx, k, defs)
	if err != nil {
		return KartuDesa{}, err
	}
	// Every part any yardstick reads, once.
	var parts []komponen
	seen := map[[2]string]bool{}
	add := func(p komponen) {
		if !seen[[2]string{p.sumber, p.kode}] {
			seen[[2]string{p.sumber, p.kode}] = true
			parts = append(parts, p)
		}
	}
	for _, ind := range inds {
		add(komponen{sumber: ind.Sumber, kode: ind.Kode, bobot: 1, naik: ind.LebihTinggiLebihBaik})
	}
	d, err := m.baca(ctx, k, tahun, parts, KelompokStatusIDM)
	if err != nil {
		return KartuDesa{}, err
	}
	names, err := m.namaDesa(ctx, k, []int64{desa.ID()})
	if err != nil {
		return KartuDesa{}, err
	}
	n, ok := names[desa.ID()]
	if !ok {
		return KartuDesa{}, fault.New(fault.NotFound, "desa %s belum masuk rekap forum; rekap dihitung setiap malam", string(desa))
	}
	c := KartuDesa{Desa: desa, Nama: n.Nama, Kecamatan: n.NamaKecamatan, Wilayah: k, Tahun: tahun,
		StatusIDM: d.status[desa.ID()], TahunIDM: d.tahunIDM, Dihitung: d.dihitung, Baris: []KartuBaris{}}
	// Each yardstick's parts, as indexes into parts.
	idx := map[[2]string]int{}
	for i, p := range parts {
		idx[[2]string{p.sumber, p.kode}] = i
	}
	type yard struct {
		ind   Indikator
		parts []komponen
		kini  []map[int64]float64
		lalu  []map[int64]float64
	}
	var yards []yard
	for i, ind := range inds {
		yards = append(yards, yard{ind, parts[i : i+1], d.kini[i : i+1], d.lalu[i : i+1]})
	}
	for _, kc := range ks {
		y := yard{ind: kc.indikator()}
		for _, b := range kc.Bobot {
			def := defs[b.Indikator]
			y.parts = append(y.parts, komponen{sumber: def.Source, kode: def.Code, bobot: float64(b.Bobot), naik: def.HigherIsBetter})
			j := idx[[2]string{def.Source, def.Code}]
			y.kini, y.lalu = append(y.kini, d.kini[j]), append(y.lalu, d.lalu[j])
		}
		yards = append(yards, y)
	}
	kec := desa.Up(tenancy.Kecamatan)
	for _, y := range yards {
		naik := y.ind.LebihTinggiLebihBaik
		kini := skor(y.kini, y.parts)
		b := KartuBaris{Indikator: y.ind}
		v, ada := kini[desa.ID()]
		var semua, diKec []float64
		for id, x := range kini {
			semua = append(semua, x)
			if kec.Contains(tenancy.KodeOfDesaID(id)) {
				diKec = append(diKec, x)
			}
		}
		st := statistik(semua)
		b.Median, b.JumlahWilayah, b.JumlahKecamatan = st.Median, len(semua), len(diKec)
		if ada {
			b.Ada, b.Nilai, b.Teks = true, v, teksNilai(y.ind, v)
			b.PeringkatWilayah, b.PeringkatKecamatan = rankOf(v, semua, naik), rankOf(v, diKec, naik)
			b.Kuartil = kuartil(v, st, naik)
			b.Persentil = persentil(v, semua, naik)
			if old, ok := skor(y.lalu, y.parts)[desa.ID()]; ok {
				b.NilaiLalu = &old
				switch {
				case v > old:
					b.Arah, b.Membaik = "naik", naik
				case v < old:
					b.Arah, b.Membaik = "turun", !naik
				default:
					b.Arah = "tetap"
				}
			}
		}
		c.Baris = append(c.Baris, b)
	}
	return c, nil
}

// rankOf is v's competition rank among vals (which contain it).
func rankOf(v float64, vals []float64, naik bool) int {
	r := 1
	for _, x := range vals {
		if (naik && x > v) || (!naik && x < v) {
			r++
		}
	}
	return r
}

// persentil is the share (0–100) of vals that v is at least as good as.
func persentil(v float64, vals []float64, naik bool) int {
	if len(vals) == 0 {
		return 0
	}
	n := 0
	for _, x := range vals {
		if (naik && x <= v) || (!naik && x >= v) {
			n++
		}
	}
	return n * 100 / len(vals)
}

// tahunTersedia lists the years the rollup holds for k, newest first.
func (m *Module) tahunTersedia(ctx context.Context, k tenancy.Kode) ([]int, error) {
	kab := k.Up(tenancy.Kabupaten)
	if k.Level() < tenancy.Kabupaten {
		kab = k
	}
	lo, hi := kab.Range()
	var ys []int
	err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model((*rollupBaris)(nil)).ColumnExpr("DISTINCT tahun").
			Where("desa_id BETWEEN ? AND ?", lo, hi).Scan(ctx, &ys)
	})
	slices.Sort(ys)
	slices.Reverse(ys)
	return ys, err
}
