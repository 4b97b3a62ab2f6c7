package sampah

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The figures of a wilayah as one table: every desa the wilayah holds
// (from the wilayah module), those without data with zeros, and the total.

// CapaianBaris is one desa (or the total) of the table. Timbulan and the
// shares are null when no population is on record.
type CapaianBaris struct {
	Kode                tenancy.Kode `json:"kode"`
	Nama                string       `json:"nama"`
	Kecamatan           string       `json:"kecamatan,omitempty"`
	Penduduk            int64        `json:"penduduk"`
	TimbulanGram        *int64       `json:"timbulan_gram" doc:"Null bila penduduk belum tercatat"`
	PenguranganGram     int64        `json:"pengurangan_gram"`
	PenguranganBP       *int64       `json:"pengurangan_bp" doc:"Basis poin dari timbulan; null tanpa timbulan"`
	PenangananGram      int64        `json:"penanganan_gram"`
	PenangananBP        *int64       `json:"penanganan_bp"`
	BankSampahGram      int64        `json:"bank_sampah_gram"`
	KomposGram          int64        `json:"kompos_gram"`
	ResiduTPAGram       int64        `json:"residu_tpa_gram"`
	NasabahAktif        int          `json:"nasabah_aktif"`
	FasilitasAktif      int          `json:"fasilitas_aktif"`
	FasilitasTidakAktif int          `json:"fasilitas_tidak_aktif"`
}

func capaianBarisOf(d CapaianDesa, nama, kec string) CapaianBaris {
	a := d.Tahun
	b := CapaianBaris{Kode: d.Desa, Nama: nama, Kecamatan: kec, Penduduk: d.Penduduk,
		PenguranganGram: a.PenguranganGram, PenangananGram: a.PenangananGram, BankSampahGram: a.BankSampahGram,
		KomposGram: a.KomposGram, ResiduTPAGram: a.ResiduTPAGram, NasabahAktif: d.NasabahAktif,
		FasilitasAktif: d.FasilitasAktif, FasilitasTidakAktif: d.FasilitasTidakAktif}
	if a.TimbulanGram > 0 {
		t := a.TimbulanGram
		b.TimbulanGram = &t
	}
	if bp, ok := a.PenguranganBP(); ok {
		b.PenguranganBP = &bp
	}
	if bp, ok := a.PenangananBP(); ok {
		b.PenangananBP = &bp
	}
	return b
}

// Urut keys of the table's columns.
const (
	capaianUrutKode        = "kode"
	capaianUrutNama        = "nama"
	capaianUrutKecamatan   = "kecamatan"
	capaianUrutPenduduk    = "penduduk"
	capaianUrutTimbulan    = "timbulan"
	capaianUrutPengurangan = "pengurangan"
	capaianUrutPengPersen  = "pengurangan_persen"
	capaianUrutPenanganan  = "penanganan"
	capaianUrutPenPersen   = "penanganan_persen"
	capaianUrutBank        = "bank_sampah"
	capaianUrutKompos      = "kompos"
	capaianUrutResidu      = "residu_tpa"
	capaianUrutNasabah     = "nasabah_aktif"
	capaianUrutFasilitas   = "fasilitas_aktif"
)

// capaianUrutEnum is the enum of urut= in the API.
const capaianUrutEnum = "kode,nama,kecamatan,penduduk,timbulan,pengurangan,pengurangan_persen,penanganan,penanganan_persen,bank_sampah,kompos,residu_tpa,nasabah_aktif,fasilitas_aktif"

// capaianKunci is the sort value of a column: numbers with a null flag,
// or text.
func capaianKunci(b CapaianBaris, urut string) (n int64, null bool, s string) {
	opt := func(p *int64) (int64, bool, string) {
		if p == nil {
			return 0, true, ""
		}
		return *p, false, ""
	}
	switch urut {
	case capaianUrutNama:
		return 0, false, strings.ToLower(b.Nama)
	case capaianUrutKecamatan:
		return 0, false, strings.ToLower(b.Kecamatan) + "\x00" + strings.ToLower(b.Nama)
	case capaianUrutPenduduk:
		return b.Penduduk, b.Penduduk == 0, ""
	case capaianUrutTimbulan:
		return opt(b.TimbulanGram)
	case capaianUrutPengurangan:
		return b.PenguranganGram, false, ""
	case capaianUrutPengPersen:
		return opt(b.PenguranganBP)
	case capaianUrutPenanganan:
		return b.PenangananGram, false, ""
	case capaianUrutPenPersen:
		return opt(b.PenangananBP)
	case capaianUrutBank:
		return b.BankSampahGram, false, ""
	case capaianUrutKompos:
		return b.KomposGram, false, ""
	case capaianUrutResidu:
		return b.ResiduTPAGram, false, ""
	case capaianUrutNasabah:
		return int64(b.NasabahAktif), false, ""
	case capaianUrutFasilitas:
		return int64(b.FasilitasAktif), false, ""
	}
	return 0, false, string(b.Kode)
}

// capaianUrutkan sorts rows by urut (kode when empty); rows without a
// value (no population) always come last, and ties fall back to the kode.
func capaianUrutkan(rows []CapaianBaris, urut string, turun bool) {
	slices.SortStableFunc(rows, func(x, y CapaianBaris) int {
		xn, xnull, xs := capaianKunci(x, urut)
		yn, ynull, ys := capaianKunci(y, urut)
		if xnull != ynull {
			if xnull {
				return 1
			}
			return -1
		}
		c := cmp.Compare(xn, yn)
		if c == 0 {
			c = strings.Compare(xs, ys)
		}
		if turun {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(string(x.Kode), string(y.Kode))
		}
		return c
	})
}

// CapaianTabel is the table of a wilayah for a year.
type CapaianTabel struct {
	Capaian
	Nama      string           `json:"nama"`
	Kecamatan []CapaianWilayah `json:"kecamatan,omitempty" doc:"Kecamatan di kabupaten, untuk saringan"`
	Baris     []CapaianBaris   `json:"baris"`
	Jumlah    CapaianBaris     `json:"jumlah"`
}

// CapaianWilayah is a kecamatan of the filter.
type CapaianWilayah struct {
	Kode tenancy.Kode `json:"kode"`
	Nama string       `json:"nama"`
}

// capaianTabel computes the table of wilayah for tahun, every desa of
// the wilayah listed; kecamatan ("" for all) filters a kabupaten's rows
// (the total then sums the filtered rows).
func (m *Module) capaianTabel(ctx context.Context, wilayah tenancy.Kode, tahun int, kecamatan, urut string, turun bool) (CapaianTabel, error) {
	if kecamatan != "" {
		k, err := tenancy.ParseKode(kecamatan)
		if err != nil || k.Level() != tenancy.Kecamatan || !wilayah.Contains(k) || wilayah.Level() != tenancy.Kabupaten {
			return CapaianTabel{}, fault.Field("query.kecamatan", "Kecamatan tidak ada di wilayah ini.")
		}
	}
	c, err := m.Capaian(ctx, wilayah, tahun)
	if err != nil {
		return CapaianTabel{}, err
	}
	t := CapaianTabel{Capaian: c, Nama: m.capaianNama(ctx, wilayah)}
	var desa []DesaInfo
	if wilayah.IsDesa() {
		desa = []DesaInfo{{Kode: wilayah, Nama: t.Nama}}
	} else if m.desa != nil {
		if desa, err = m.desa.DesaIn(ctx, wilayah); err != nil {
			return CapaianTabel{}, err
		}
	}
	per := map[tenancy.Kode]CapaianDesa{}
	for _, d := range c.Desa {
		per[d.Desa] = d
	}
	seen := map[tenancy.Kode]bool{}
	kec := map[tenancy.Kode]string{}
	for _, d := range desa {
		seen[d.Kode] = true
		kk := d.Kode.Up(tenancy.Kecamatan)
		if _, ok := kec[kk]; !ok {
			kec[kk] = d.NamaKecamatan
		}
		cd, ok := per[d.Kode]
		if !ok {
			cd = CapaianDesa{Desa: d.Kode}
		}
		t.Baris = append(t.Baris, capaianBarisOf(cd, d.Nama, d.NamaKecamatan))
	}
	// A desa with data the wilayah list does not know (kept, by code).
	for _, d := range c.Desa {
		if !seen[d.Desa] {
			t.Baris = append(t.Baris, capaianBarisOf(d, string(d.Desa), ""))
		}
	}
	if wilayah.Level() == tenancy.Kabupaten {
		for k, n := range kec {
			t.Kecamatan = append(t.Kecamatan, CapaianWilayah{Kode: k, Nama: n})
		}
		slices.SortFunc(t.Kecamatan, func(a, b CapaianWilayah) int { return strings.Compare(string(a.Kode), string(b.Kode)) })
	}
	total := c.Total
	if kecamatan != "" {
		k := tenancy.Kode(kecamatan)
		var kept []CapaianBaris
		total = CapaianDesa{Desa: k}
		for _, b := range t.Baris {
			if k.Contains(b.Kode) {
				kept = append(kept, b)
				if d, ok := per[b.Kode]; ok {
					total.Penduduk += d.Penduduk
					total.Tahun.add(d.Tahun)
					total.NasabahAktif += d.NasabahAktif
					total.FasilitasAktif += d.FasilitasAktif
					total.FasilitasTidakAktif += d.FasilitasTidakAktif
					for i := range d.Bulan {
						total.Bulan[i].add(d.Bulan[i])
					}
				}
			}
		}
		t.Baris = kept
		t.Total = total
	}
	t.Jumlah = capaianBarisOf(total, "Jumlah", "")
	capaianUrutkan(t.Baris, urut, turun)
	return t, nil
}

func (m *Module) capaianNama(ctx context.Context, k tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(ctx, k); err == nil && n != "" {
			return n
		}
	}
	return string(k)
}

// capaianPersen prints a share, "–" without one.
func capaianPersen(bp *int64) string {
	if bp == nil {
		return persen(0, false)
	}
	return persen(*bp, true)
}
