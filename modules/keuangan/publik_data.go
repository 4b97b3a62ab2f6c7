package keuangan

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// This file reads one desa's APBDes for a year as sums a reader outside
// the kantor desa may see (the public page, the dossier of a field visit):
// by sumber dana, by bidang, by kegiatan, and the realisasi against them.
// It never reads a payee, a bukti number or a pelaksana.

// posAnggaran is one group of an APBDes with its budget and realisasi.
type posAnggaran struct {
	Kode      string
	Nama      string
	Anggaran  Rupiah
	Realisasi Rupiah
}

// apbdesRingkas is one desa's APBDes of a year as sums.
type apbdesRingkas struct {
	APBDes     APBDes
	Total      Total
	Realisasi  Rupiah        // belanja: pengeluaran + spj, corrections included
	Diterima   Rupiah        // pendapatan received
	Pendapatan []posAnggaran // by sumber dana
	Bidang     []posAnggaran // belanja by bidang
	Kegiatan   []posAnggaran // belanja by kegiatan, largest first
	Rendah     []posAnggaran // belanja lines by kegiatan and rekening (for low realisasi)
	Tahap      [4]tahapFigur
}

// readRingkas reads the APBDes of the desa in ctx for tahun: the newest
// ditetapkan version when ditetapkan is true (what may be published),
// else the version in force (the perubahan once ditetapkan, else the
// murni). Entries are counted up to sampai ("" for all). NotFound when
// there is none.
func readRingkas(ctx context.Context, tx bun.IDB, tahun int, ditetapkan bool, sampai civil.Date) (apbdesRingkas, error) {
	var r apbdesRingkas
	var versi []APBDes
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&versi).Where("a.tahun = ?", tahun))
	if err != nil {
		return r, err
	}
	if err := sel.Scan(ctx); err != nil {
		return r, err
	}
	var pick *APBDes
	for i := range versi {
		a := &versi[i]
		switch {
		case ditetapkan && a.Status != StatusDitetapkan:
		case a.Versi == VersiPerubahan && (ditetapkan || a.Status == StatusDitetapkan):
			pick = a
		case a.Versi == VersiMurni && (pick == nil || pick.Versi != VersiPerubahan):
			pick = a
		}
	}
	if pick == nil {
		if ditetapkan {
			return r, fault.New(fault.NotFound, "APBDes tahun %d belum ditetapkan.", tahun)
		}
		return r, fault.New(fault.NotFound, "APBDes tahun %d belum dibuat.", tahun)
	}
	r.APBDes = *pick
	lines, err := ListBaris(ctx, tx, pick.ID)
	if err != nil {
		return r, err
	}
	r.Total, _ = Hitung(lines)

	// Names of the sumber dana and of the bidang and kegiatan of the year.
	sumber := map[string]string{}
	var sd []SumberDana
	if err := tx.NewSelect().Model(&sd).Scan(ctx); err != nil {
		return r, err
	}
	for _, s := range sd {
		sumber[s.Kode] = s.Nama
	}
	keg := map[KodeKegiatan]string{}
	if v, err := versiFor(ctx, tx, DaftarLampiran, tahun); err == nil {
		var rows []kegiatanLampiran
		if err := tx.NewSelect().Model(&rows).Column("kode", "nama").Where("k.versi = ?", v.Kode).Scan(ctx); err != nil {
			return r, err
		}
		for _, k := range rows {
			keg[k.Kode] = k.Nama
		}
	} else if !fault.Is(err, fault.NotFound) {
		return r, err
	}
	namaKeg := func(k KodeKegiatan) string {
		if n := keg[k]; n != "" {
			return n
		}
		return "Kegiatan " + string(k)
	}

	// Realisasi per belanja line (baris_id), and pendapatan received.
	lo, hi := int64(0), int64(0)
	if t, ok := tenancy.From(ctx); ok {
		lo, hi = t.Kode.Range()
	}
	var real []struct {
		BarisID string     `bun:"baris_id"`
		Jenis   string     `bun:"jenis"`
		Tahap   int        `bun:"dd_tahap"`
		Jumlah  int64      `bun:"jumlah"`
		Pertama civil.Date `bun:"pertama"`
	}
	cond, args := "", []any{lo, hi, tahun}
	if sampai != "" {
		cond, args = " AND t.tanggal <= ?", append(args, sampai)
	}
	err = tx.NewRaw("SELECT t.baris_id, t.jenis, t.dd_tahap, COALESCE(SUM(t.jumlah), 0) AS jumlah, MIN(t.tanggal) AS pertama "+
		"FROM keuangan_transaksi AS t WHERE t.desa_id BETWEEN ? AND ? AND t.tahun = ?"+cond+
		" AND t.jenis IN ('penerimaan', 'pengeluaran', 'spj') GROUP BY t.baris_id, t.jenis, t.dd_tahap", args...).Scan(ctx, &real)
	if err != nil {
		return r, err
	}
	byLine := map[string]Rupiah{}
	for _, e := range real {
		switch e.Jenis {
		case JenisPenerimaan:
			byLine[e.BarisID] += Rupiah(e.Jumlah)
			if e.Tahap >= 1 && e.Tahap <= 3 {
				r.Tahap[e.Tahap].jumlah += Rupiah(e.Jumlah)
				if r.Tahap[e.Tahap].tanggal == "" || e.Pertama < r.Tahap[e.Tahap].tanggal {
					r.Tahap[e.Tahap].tanggal = e.Pertama
				}
			}
		default:
			byLine[e.BarisID] += Rupiah(e.Jumlah)
		}
	}
	// A perubahan line continues a murni line: entries booked against
	// the murni line count for it.
	realOf := func(b Baris) Rupiah {
		v := byLine[b.ID]
		if b.AsalBarisID != "" && b.AsalBarisID != b.ID {
			v += byLine[b.AsalBarisID]
		}
		return v
	}

	pend := map[string]*posAnggaran{}
	bid := map[string]*posAnggaran{}
	kg := map[string]*posAnggaran{}
	add := func(m map[string]*posAnggaran, kode, nama string, a, re Rupiah) {
		p := m[kode]
		if p == nil {
			p = &posAnggaran{Kode: kode, Nama: nama}
			m[kode] = p
		}
		p.Anggaran += a
		p.Realisasi += re
	}
	for _, b := range lines {
		re := realOf(b)
		switch b.Kelompok {
		case KelompokPendapatan:
			nama := sumber[b.SumberDana]
			if nama == "" {
				nama = b.SumberDana
			}
			add(pend, b.SumberDana, nama, b.Jumlah, re)
			r.Diterima += re
		case KelompokBelanja:
			k := string(b.KodeKegiatan)
			bk := k
			if len(bk) > 2 {
				bk = bk[:2]
			}
			add(bid, bk, namaBidang(namaKeg(KodeKegiatan(bk))), b.Jumlah, re)
			add(kg, k, namaKeg(b.KodeKegiatan), b.Jumlah, re)
			r.Realisasi += re
			r.Rendah = append(r.Rendah, posAnggaran{Kode: k + " · " + string(b.KodeRekening), Nama: namaKeg(b.KodeKegiatan),
				Anggaran: b.Jumlah, Realisasi: re})
		}
	}
	flat := func(m map[string]*posAnggaran) []posAnggaran {
		out := make([]posAnggaran, 0, len(m))
		for _, p := range m {
			out = append(out, *p)
		}
		slices.SortFunc(out, func(a, b posAnggaran) int { return cmp.Compare(a.Kode, b.Kode) })
		return out
	}
	r.Pendapatan, r.Bidang, r.Kegiatan = flat(pend), flat(bid), flat(kg)
	slices.SortStableFunc(r.Pendapatan, func(a, b posAnggaran) int { return cmp.Compare(b.Anggaran, a.Anggaran) })
	slices.SortStableFunc(r.Kegiatan, func(a, b posAnggaran) int { return cmp.Compare(b.Anggaran, a.Anggaran) })
	return r, nil
}

// namaBidang writes a bidang as a sentence rather than the Lampiran's
// capitals: "BIDANG PELAKSANAAN PEMBANGUNAN DESA" → "Pelaksanaan
// Pembangunan Desa".
func namaBidang(s string) string {
	if s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(strings.TrimPrefix(s, "BIDANG ")))
	for i, w := range words {
		if r := []rune(w); len(r) > 0 && (i == 0 || (w != "dan" && w != "di" && w != "ke")) {
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}
