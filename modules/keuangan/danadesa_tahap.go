package keuangan

import (
	"context"
	"fmt"
	"math/bits"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// This file is the Dana Desa tahap of a year: the share each tahap brings
// (data per year, migration 202612020130), what the desa received in its
// RKD (penerimaan entries naming the tahap) and the conditions for the next
// tahap, each shown as met or not with the numbers behind it.

// kodeDanaDesa is the sumber dana code of Dana Desa.
const kodeDanaDesa = "DDS"

// AturanTahap is the rule of one tahap of one year.
type AturanTahap struct {
	bun.BaseModel `bun:"table:keuangan_dd_tahap_aturan,alias:dd" json:"-"`

	Wilayah         string `bun:"wilayah,pk" json:"wilayah,omitempty" doc:"Kosong: aturan nasional; kode kabupaten: aturan kabupaten"`
	Tahun           int    `bun:"tahun,pk" json:"tahun"`
	Tahap           int    `bun:"tahap,pk" json:"tahap"`
	Persen          int64  `bun:"persen" json:"persen_bp" doc:"Bagian pagu Dana Desa dalam basis poin (4000 = 40%)"`
	SyaratRealisasi int64  `bun:"syarat_realisasi" json:"syarat_realisasi_bp" doc:"Realisasi belanja Dana Desa minimal, basis poin dari Dana Desa yang sudah diterima"`
	SyaratOutput    int64  `bun:"syarat_output" json:"syarat_output_bp" doc:"Capaian keluaran rata-rata minimal kegiatan Dana Desa, basis poin"`
	Sumber          string `bun:"sumber" json:"sumber"`
}

// aturanTahap reads the rules of tahun for the desa in ctx: its
// kabupaten's own rows when it has any for that year, else the national.
func aturanTahap(ctx context.Context, idb bun.IDB, tahun int) ([]AturanTahap, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, fault.New(fault.Invalid, "Desa tidak diketahui.")
	}
	kab := string(t.Kode.Up(tenancy.Kabupaten))
	var rows []AturanTahap
	if err := idb.NewSelect().Model(&rows).Where("dd.tahun = ? AND dd.wilayah IN (?, '')", tahun, kab).
		Order("dd.wilayah DESC", "dd.tahap").Scan(ctx); err != nil {
		return nil, err
	}
	var out []AturanTahap
	for _, r := range rows {
		if r.Wilayah == rows[0].Wilayah {
			out = append(out, r)
		}
	}
	return out, nil
}

// Syarat is one condition for a tahap, with the numbers behind it.
type Syarat struct {
	Nama      string `json:"nama"`
	Batas     string `json:"batas" doc:"Misalnya paling sedikit 50%"`
	Nilai     string `json:"nilai" doc:"Nilai desa saat ini atau saat tahap diterima, dengan angkanya"`
	NilaiBP   int64  `json:"nilai_bp"`
	Terpenuhi bool   `json:"terpenuhi"`
}

// Tahap is one Dana Desa tahap of the year for the desa.
type Tahap struct {
	Tahap    int        `json:"tahap"`
	Nama     string     `json:"nama" example:"Tahap II"`
	PersenBP int64      `json:"persen_bp"`
	Target   Rupiah     `json:"target" doc:"Pagu Dana Desa × bagian tahap"`
	Diterima Rupiah     `json:"diterima"`
	Tanggal  civil.Date `json:"tanggal,omitempty" doc:"Tanggal diterima di RKD"`
	Sumber   string     `json:"sumber" doc:"Dasar aturan tahap"`
	// Syarat are the conditions about the tahap before, as they stood when
	// this tahap was received, or as they stand today while it is awaited.
	Syarat    []Syarat `json:"syarat"`
	Terpenuhi bool     `json:"syarat_terpenuhi"`
}

// DanaDesa is the Dana Desa of a year for the desa.
type DanaDesa struct {
	Tahun    int     `json:"tahun"`
	Pagu     Rupiah  `json:"pagu" doc:"Pendapatan Dana Desa pada APBDes yang berlaku"`
	Diterima Rupiah  `json:"diterima"`
	Tahap    []Tahap `json:"tahap"`
	Aturan   string  `json:"aturan" doc:"nasional atau kode kabupaten yang aturannya dipakai"`
}

// DanaDesa reads the tahap of tahun for the desa in ctx.
func (m *Module) DanaDesa(ctx context.Context, tahun int) (DanaDesa, error) {
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return DanaDesa{}, err
	}
	var aturan []AturanTahap
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		aturan, err = aturanTahap(ctx, tx, tahun)
		return err
	})
	if err != nil {
		return DanaDesa{}, err
	}
	return d.danaDesa(aturan, m.hariIniDesa(ctx)), nil
}

func (d dataRealisasi) danaDesa(aturan []AturanTahap, today civil.Date) DanaDesa {
	out := DanaDesa{Tahun: d.apbdes.Tahun, Aturan: "nasional", Tahap: []Tahap{}}
	var ddLines []Baris
	for _, b := range d.lines {
		if b.SumberDana != kodeDanaDesa {
			continue
		}
		if b.Kelompok == KelompokPendapatan {
			out.Pagu += b.Jumlah
		} else if b.Kelompok == KelompokBelanja {
			ddLines = append(ddLines, b)
		}
	}
	got := d.jurnal.ddDiterima()
	for _, a := range aturan {
		if a.Wilayah != "" {
			out.Aturan = a.Wilayah
		}
		target := bagianBP(out.Pagu, a.Persen)
		t := Tahap{Tahap: a.Tahap, Nama: "Tahap " + tahapRomawi(a.Tahap), PersenBP: a.Persen, Target: target, Sumber: a.Sumber, Terpenuhi: true, Syarat: []Syarat{}}
		cutoff := today
		if e, ok := got[a.Tahap]; ok {
			t.Diterima, t.Tanggal = e.Jumlah, e.Tanggal
			out.Diterima += e.Jumlah
			cutoff = e.Tanggal
		}
		if a.Tahap > 1 && (a.SyaratRealisasi > 0 || a.SyaratOutput > 0) {
			t.Syarat = d.syaratTahap(a, got, ddLines, cutoff)
			for _, s := range t.Syarat {
				t.Terpenuhi = t.Terpenuhi && s.Terpenuhi
			}
		}
		out.Tahap = append(out.Tahap, t)
	}
	return out
}

// syaratTahap measures the conditions of a, about the tahap before it, on
// the entries up to cutoff.
func (d dataRealisasi) syaratTahap(a AturanTahap, got map[int]Transaksi, ddLines []Baris, cutoff civil.Date) []Syarat {
	var out []Syarat
	var diterima Rupiah
	for tahap, e := range got {
		if tahap < a.Tahap && e.Tanggal <= cutoff {
			diterima += e.Jumlah
		}
	}
	terwujud := d.idx.perBaris(d.jurnal.realisasi(RentangTanggal{Sampai: cutoff}))
	if a.SyaratRealisasi > 0 {
		var belanja Rupiah
		for _, b := range ddLines {
			belanja += terwujud[b.ID].Jumlah
		}
		bp := persenBP(belanja, diterima)
		s := Syarat{Nama: "Realisasi belanja Dana Desa", Batas: "paling sedikit " + formatBP(a.SyaratRealisasi),
			NilaiBP: bp, Terpenuhi: diterima > 0 && bp >= a.SyaratRealisasi}
		if diterima == 0 {
			s.Nilai = fmt.Sprintf("Dana Desa tahap %s belum diterima", tahapRomawi(a.Tahap-1))
		} else {
			s.Nilai = fmt.Sprintf("%s (belanja %s dari Dana Desa diterima %s, s.d. %s)", formatBP(bp), belanja.String(), diterima.String(), cutoff.String())
		}
		out = append(out, s)
	}
	if a.SyaratOutput > 0 {
		var sum, n int64
		for _, b := range ddLines {
			if bp, ok := CapaianOutput(b.OutputVolume, terwujud[b.ID].Output); ok {
				sum += bp
				n++
			}
		}
		s := Syarat{Nama: "Capaian keluaran kegiatan Dana Desa", Batas: "rata-rata paling sedikit " + formatBP(a.SyaratOutput)}
		if n == 0 {
			s.Nilai = "Belum ada target keluaran pada belanja Dana Desa"
		} else {
			s.NilaiBP = sum / n
			s.Terpenuhi = s.NilaiBP >= a.SyaratOutput
			s.Nilai = fmt.Sprintf("%s (rata-rata %d baris belanja Dana Desa bertarget, s.d. %s)", formatBP(s.NilaiBP), n, cutoff.String())
		}
		out = append(out, s)
	}
	return out
}

// bagianBP is bp basis points of r, rounded half up to the rupiah, exact.
func bagianBP(r Rupiah, bp int64) Rupiah {
	if r <= 0 || bp <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(r), uint64(bp))
	lo, carry := bits.Add64(lo, 5000, 0)
	hi += carry
	if hi >= 10000 {
		return MaxRupiah
	}
	q, _ := bits.Div64(hi, lo, 10000)
	return Rupiah(q)
}

// Persen is the tahap's share of the pagu, "40,00%".
func (t Tahap) Persen() string { return formatBP(t.PersenBP) }
