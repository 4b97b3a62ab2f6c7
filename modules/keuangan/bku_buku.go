package keuangan

import (
	"context"
	"sort"

	"github.com/ngantor/ngantor/platform/civil"
)

// This file derives the books of the bendahara (Permendagri 20/2018 Pasal
// 63: Buku Kas Umum, buku pembantu pajak, buku pembantu kegiatan… here per
// kegiatan) from the journal. A book row is never typed: it is what an
// entry does, read a second way.

// BKUBaris is one row of the Buku Kas Umum.
type BKUBaris struct {
	No           int          `json:"no"`
	Tanggal      civil.Date   `json:"tanggal"`
	TransaksiID  string       `json:"transaksi_id"`
	Jenis        string       `json:"jenis"`
	NomorBukti   string       `json:"nomor_bukti,omitempty"`
	Uraian       string       `json:"uraian"`
	KodeRekening KodeRekening `json:"kode_rekening,omitempty"`
	Kas          string       `json:"kas" enum:"tunai,bank"`
	Penerimaan   Rupiah       `json:"penerimaan"`
	Pengeluaran  Rupiah       `json:"pengeluaran"`
	SaldoTunai   Rupiah       `json:"saldo_tunai"`
	SaldoBank    Rupiah       `json:"saldo_bank"`
	Koreksi      bool         `json:"koreksi,omitempty"`
}

// BKU is the Buku Kas Umum of a year with its totals.
type BKU struct {
	Tahun       int        `json:"tahun"`
	Baris       []BKUBaris `json:"baris"`
	Penerimaan  Rupiah     `json:"penerimaan"`
	Pengeluaran Rupiah     `json:"pengeluaran"`
	SaldoTunai  Rupiah     `json:"saldo_tunai"`
	SaldoBank   Rupiah     `json:"saldo_bank"`
}

// bkuRows is what one entry writes in the BKU: money in and out of each
// kas, the withheld tax as its own receipt (it stays in kas until paid
// over). A correction writes its entry's rows with the opposite sign.
func (j *jurnal) bkuRows(t Transaksi) []BKUBaris {
	if t.KoreksiID != "" {
		o, ok := j.byID[t.KoreksiID]
		if !ok {
			return nil
		}
		rows := j.bkuRows(*o)
		for i := range rows {
			rows[i].Penerimaan, rows[i].Pengeluaran = -rows[i].Penerimaan, -rows[i].Pengeluaran
			rows[i].Uraian = t.Uraian + " (" + rows[i].Uraian + ")"
		}
		return rows
	}
	row := func(kas, uraian string, in, out Rupiah) BKUBaris {
		return BKUBaris{Tanggal: t.Tanggal, TransaksiID: t.ID, Jenis: t.Jenis, NomorBukti: t.NomorBukti, Uraian: uraian,
			KodeRekening: t.KodeRekening, Kas: kas, Penerimaan: in, Pengeluaran: out}
	}
	pajak := func() []BKUBaris {
		if t.PPN+t.PPh == 0 {
			return nil
		}
		return []BKUBaris{row(t.Kas, "Pungutan pajak (PPN "+t.PPN.Angka()+", PPh "+t.PPh.Angka()+")", t.PPN+t.PPh, 0)}
	}
	switch t.Jenis {
	case JenisPenerimaan:
		return []BKUBaris{row(t.Kas, t.Uraian, t.Jumlah, 0)}
	case JenisPengeluaran:
		u := t.Uraian
		if t.Penerima != "" {
			u += " — " + t.Penerima
		}
		return append([]BKUBaris{row(t.Kas, u, 0, t.Jumlah)}, pajak()...)
	case JenisPanjar:
		return []BKUBaris{row(t.Kas, "Panjar kepada "+t.Penerima+": "+t.Uraian, 0, t.Jumlah)}
	case JenisSPJ:
		var sisa Rupiah
		if p, ok := j.byID[t.PanjarID]; ok {
			sisa = p.Jumlah - t.Jumlah
		}
		rows := []BKUBaris{row(t.Kas, t.Uraian+" (dibelanjakan "+t.Jumlah.String()+"; sisa panjar kembali)", sisa, 0)}
		return append(rows, pajak()...)
	case JenisSetorPajak:
		return []BKUBaris{row(t.Kas, t.Uraian+" (PPN "+t.PPN.Angka()+", PPh "+t.PPh.Angka()+")", 0, t.PPN+t.PPh)}
	case JenisMutasi:
		other := KasBank
		if t.Kas == KasBank {
			other = KasTunai
		}
		return []BKUBaris{row(t.Kas, t.Uraian, 0, t.Jumlah), row(other, t.Uraian, t.Jumlah, 0)}
	}
	return nil
}

// bku walks the journal into the BKU with running balances per kas.
func (j *jurnal) bku(tahun int) BKU {
	out := BKU{Tahun: tahun, Baris: []BKUBaris{}}
	for _, t := range j.rows {
		for _, r := range j.bkuRows(t) {
			if r.Kas == KasBank {
				out.SaldoBank += r.Penerimaan - r.Pengeluaran
			} else {
				out.SaldoTunai += r.Penerimaan - r.Pengeluaran
			}
			out.Penerimaan += r.Penerimaan
			out.Pengeluaran += r.Pengeluaran
			r.SaldoTunai, r.SaldoBank = out.SaldoTunai, out.SaldoBank
			r.Koreksi = t.KoreksiID != ""
			r.No = len(out.Baris) + 1
			out.Baris = append(out.Baris, r)
		}
	}
	return out
}

// BKU reads the Buku Kas Umum of tahun for the desa in ctx.
func (m *Module) BKU(ctx context.Context, tahun int) (BKU, error) {
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return BKU{}, err
	}
	return d.jurnal.bku(tahun), nil
}

// PajakBaris is one row of the buku pembantu pajak.
type PajakBaris struct {
	Tanggal     civil.Date `json:"tanggal"`
	TransaksiID string     `json:"transaksi_id"`
	NomorBukti  string     `json:"nomor_bukti,omitempty"`
	Uraian      string     `json:"uraian"`
	PungutPPN   Rupiah     `json:"pungut_ppn"`
	PungutPPh   Rupiah     `json:"pungut_pph"`
	SetorPPN    Rupiah     `json:"setor_ppn"`
	SetorPPh    Rupiah     `json:"setor_pph"`
	Sisa        Rupiah     `json:"sisa" doc:"Pajak dipungut yang belum disetor sesudah baris ini"`
}

// BukuPajak is the buku pembantu pajak of a year.
type BukuPajak struct {
	Tahun int          `json:"tahun"`
	Baris []PajakBaris `json:"baris"`
	Pajak
}

func (j *jurnal) bukuPajak(tahun int) BukuPajak {
	out := BukuPajak{Tahun: tahun, Baris: []PajakBaris{}, Pajak: j.pajak()}
	var sisa Rupiah
	for _, t := range j.rows {
		r := PajakBaris{Tanggal: t.Tanggal, TransaksiID: t.ID, NomorBukti: t.NomorBukti, Uraian: t.Uraian}
		switch t.Jenis {
		case JenisPengeluaran, JenisSPJ:
			r.PungutPPN, r.PungutPPh = t.PPN, t.PPh
		case JenisSetorPajak:
			r.SetorPPN, r.SetorPPh = t.PPN, t.PPh
		default:
			continue
		}
		if r.PungutPPN == 0 && r.PungutPPh == 0 && r.SetorPPN == 0 && r.SetorPPh == 0 {
			continue
		}
		sisa += r.PungutPPN + r.PungutPPh - r.SetorPPN - r.SetorPPh
		r.Sisa = sisa
		out.Baris = append(out.Baris, r)
	}
	return out
}

// BukuPajak reads the buku pembantu pajak of tahun for the desa in ctx.
func (m *Module) BukuPajak(ctx context.Context, tahun int) (BukuPajak, error) {
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return BukuPajak{}, err
	}
	return d.jurnal.bukuPajak(tahun), nil
}

// KegiatanBaris is one row of a buku pembantu kegiatan.
type KegiatanBaris struct {
	Tanggal      civil.Date   `json:"tanggal"`
	TransaksiID  string       `json:"transaksi_id"`
	Jenis        string       `json:"jenis"`
	NomorBukti   string       `json:"nomor_bukti,omitempty"`
	Uraian       string       `json:"uraian"`
	KodeRekening KodeRekening `json:"kode_rekening"`
	Panjar       Rupiah       `json:"panjar" doc:"Panjar diberikan (negatif: panjar dipertanggungjawabkan atau dikoreksi)"`
	Realisasi    Rupiah       `json:"realisasi"`
	Kumulatif    Rupiah       `json:"realisasi_kumulatif"`
	Sisa         Rupiah       `json:"sisa_anggaran" doc:"Anggaran dikurangi realisasi dan panjar yang belum di-SPJ-kan"`
}

// BukuKegiatan is the buku pembantu of one kegiatan.
type BukuKegiatan struct {
	KodeKegiatan  KodeKegiatan    `json:"kode_kegiatan"`
	Nama          string          `json:"nama"`
	Anggaran      Rupiah          `json:"anggaran"`
	Realisasi     Rupiah          `json:"realisasi"`
	PanjarTerbuka Rupiah          `json:"panjar_terbuka"`
	Baris         []KegiatanBaris `json:"baris"`
}

func (d dataRealisasi) bukuKegiatan() []BukuKegiatan {
	byKeg := map[KodeKegiatan]*BukuKegiatan{}
	var order []KodeKegiatan
	for _, b := range d.lines {
		if b.Kelompok != KelompokBelanja {
			continue
		}
		k := byKeg[b.KodeKegiatan]
		if k == nil {
			k = &BukuKegiatan{KodeKegiatan: b.KodeKegiatan, Nama: d.nama.kegiatan[b.KodeKegiatan], Baris: []KegiatanBaris{}}
			byKeg[b.KodeKegiatan] = k
			order = append(order, b.KodeKegiatan)
		}
		k.Anggaran += b.Jumlah
	}
	for _, t := range d.jurnal.rows {
		b, ok := d.idx[t.BarisID]
		if !ok || b.Kelompok != KelompokBelanja {
			continue
		}
		k := byKeg[b.KodeKegiatan]
		r := KegiatanBaris{Tanggal: t.Tanggal, TransaksiID: t.ID, Jenis: t.Jenis, NomorBukti: t.NomorBukti, Uraian: t.Uraian, KodeRekening: b.KodeRekening}
		switch t.Jenis {
		case JenisPengeluaran:
			r.Realisasi = t.Jumlah
		case JenisPanjar:
			r.Panjar = t.Jumlah
		case JenisSPJ:
			r.Realisasi = t.Jumlah
			if p, ok := d.jurnal.byID[t.PanjarID]; ok {
				r.Panjar = -p.Jumlah
				if t.KoreksiID != "" {
					r.Panjar = p.Jumlah
				}
			}
		default:
			continue
		}
		k.Realisasi += r.Realisasi
		k.PanjarTerbuka += r.Panjar
		r.Kumulatif = k.Realisasi
		r.Sisa = k.Anggaran - k.Realisasi - k.PanjarTerbuka
		k.Baris = append(k.Baris, r)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	out := make([]BukuKegiatan, 0, len(order))
	for _, k := range order {
		out = append(out, *byKeg[k])
	}
	return out
}

// BukuKegiatan reads the buku pembantu of every kegiatan of tahun.
func (m *Module) BukuKegiatan(ctx context.Context, tahun int) ([]BukuKegiatan, error) {
	d, err := m.bacaRealisasi(ctx, tahun)
	if err != nil {
		return nil, err
	}
	return d.bukuKegiatan(), nil
}
