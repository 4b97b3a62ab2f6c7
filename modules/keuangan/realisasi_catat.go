package keuangan

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file records realisasi entries: the one validation every door (API,
// pages) goes through, inside the transaction that writes the entry, so
// the checks against anggaran and kas see every entry before it.

// TransaksiBaru is a realisasi entry as typed or sent. The fiscal year is
// the year of Tanggal.
type TransaksiBaru struct {
	// Tahun, when given, is the fiscal year the page is about: the date
	// must fall inside it.
	Tahun      int        `json:"tahun,omitempty" minimum:"0" maximum:"2100" doc:"Bila diisi, tanggal harus di dalam tahun anggaran ini"`
	Jenis      string     `json:"jenis" enum:"penerimaan,pengeluaran,panjar,spj,setor_pajak,mutasi"`
	Tanggal    civil.Date `json:"tanggal" doc:"Tanggal transaksi, di dalam tahun anggaran dan tidak di masa depan"`
	Kas        string     `json:"kas,omitempty" enum:"tunai,bank" doc:"Kas tempat uang bergerak (mutasi: kas asal); bawaan tunai. SPJ memakai kas panjarnya."`
	BarisID    string     `json:"baris_id,omitempty" maxLength:"40" doc:"Baris APBDes: pendapatan/penerimaan pembiayaan untuk penerimaan; belanja/pengeluaran pembiayaan untuk pengeluaran; belanja untuk panjar"`
	Jumlah     Rupiah     `json:"jumlah,omitempty" minimum:"0" doc:"Rupiah; pengeluaran: bruto sebelum pajak; SPJ: yang dibelanjakan dari panjar; setor pajak: tidak dipakai"`
	PPN        Rupiah     `json:"ppn,omitempty" minimum:"0" doc:"PPN dipungut (pengeluaran, SPJ) atau disetor (setor pajak)"`
	PPh        Rupiah     `json:"pph,omitempty" minimum:"0" doc:"PPh dipungut (pengeluaran, SPJ) atau disetor (setor pajak)"`
	NomorBukti string     `json:"nomor_bukti,omitempty" maxLength:"60"`
	Penerima   string     `json:"penerima,omitempty" maxLength:"200" doc:"Penerima pembayaran; panjar: pelaksana kegiatan"`
	Uraian     string     `json:"uraian,omitempty" maxLength:"200"`
	DDTahap    int        `json:"dd_tahap,omitempty" minimum:"0" maximum:"3" doc:"Penerimaan Dana Desa: tahap yang diterima di RKD"`
	PanjarID   string     `json:"panjar_id,omitempty" maxLength:"40" doc:"SPJ: panjar yang dipertanggungjawabkan"`
	// OutputVolume is the output realised, in thousandths of the line's
	// output satuan.
	OutputVolume Volume `json:"output_volume,omitempty" minimum:"0" doc:"Keluaran yang terwujud, dalam perseribu satuan target baris"`
}

// KoreksiBaru undoes an entry by a reversing entry.
type KoreksiBaru struct {
	Tanggal civil.Date `json:"tanggal,omitempty" doc:"Tanggal koreksi; kosong berarti hari ini"`
	Alasan  string     `json:"alasan" minLength:"1" maxLength:"200"`
}

// Batas of an entry's text.
const (
	maxBukti    = 60
	maxPenerima = 200
)

// today is the date at the desa in ctx.
func (m *Module) hariIniDesa(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// CatatTransaksi checks and records an entry for the desa in ctx. Every
// refusal is a fault in Bahasa: Invalid on the field at fault, Conflict
// when the APBDes is not ditetapkan or a panjar is already settled.
func (m *Module) CatatTransaksi(ctx context.Context, in TransaksiBaru, by string) (Transaksi, error) {
	var out Transaksi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = m.catat(ctx, tx, in, by)
		return err
	})
	return out, err
}

func (m *Module) catat(ctx context.Context, tx bun.Tx, in TransaksiBaru, by string) (Transaksi, error) {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return Transaksi{}, err
	}
	var p valid.Problems
	t := Transaksi{DesaID: desaID, Jenis: in.Jenis, Kas: in.Kas, Jumlah: in.Jumlah, PPN: in.PPN, PPh: in.PPh,
		NomorBukti: strings.TrimSpace(in.NomorBukti), Penerima: strings.TrimSpace(in.Penerima),
		Uraian: strings.TrimSpace(in.Uraian), DDTahap: in.DDTahap, OutputVolume: in.OutputVolume, CreatedBy: by}
	if t.Kas == "" {
		t.Kas = KasTunai
	}
	switch t.Jenis {
	case JenisPenerimaan, JenisPengeluaran, JenisPanjar, JenisSPJ, JenisSetorPajak, JenisMutasi:
	default:
		p.Add("jenis", "Jenis transaksi harus penerimaan, pengeluaran, panjar, spj, setor_pajak atau mutasi.")
		return Transaksi{}, p.Err()
	}
	if t.Kas != KasTunai && t.Kas != KasBank {
		p.Add("kas", "Kas harus tunai atau bank.")
	}
	today := m.hariIniDesa(ctx)
	tahun := periksaTanggal(&p, "tanggal", in.Tanggal, in.Tahun, today)
	t.Tanggal, t.Tahun = in.Tanggal, tahun
	periksaJumlah(&p, "ppn", "PPN", t.PPN, false)
	periksaJumlah(&p, "pph", "PPh", t.PPh, false)
	p.Text("nomor_bukti", "Nomor bukti", t.NomorBukti, 0, maxBukti)
	p.Text("penerima", "Penerima", t.Penerima, 0, maxPenerima)
	p.Text("uraian", "Uraian", t.Uraian, 0, maxUraian)
	if t.OutputVolume < 0 || t.OutputVolume > MaxVolume {
		p.Add("output_volume", "Keluaran harus antara 0 dan satu miliar satuan.")
	}
	if err := p.Err(); err != nil {
		return Transaksi{}, err
	}

	a, err := apbdesRealisasi(ctx, tx, tahun)
	if err != nil {
		return Transaksi{}, err
	}
	// Entries of one desa and year are checked against each other: the
	// APBDes row is the lock that makes two clerks take turns.
	lock, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*APBDes)(nil)).Set("updated_at = updated_at").Where("a.id = ?", a.ID))
	if err != nil {
		return Transaksi{}, err
	}
	if _, err := lock.Exec(ctx); err != nil {
		return Transaksi{}, err
	}
	lines, err := ListBaris(ctx, tx, a.ID)
	if err != nil {
		return Transaksi{}, err
	}
	idx := indexBaris(lines)
	j, err := loadJurnal(ctx, tx, tahun)
	if err != nil {
		return Transaksi{}, err
	}

	var b *Baris
	if t.Jenis != JenisSetorPajak && t.Jenis != JenisMutasi && t.Jenis != JenisSPJ {
		b = idx[strings.TrimSpace(in.BarisID)]
		if b == nil {
			p.Add("baris_id", "Pilih baris APBDes tahun %d yang berlaku.", tahun)
			return Transaksi{}, p.Err()
		}
		t.BarisID, t.KodeRekening, t.KodeKegiatan, t.SumberDana = b.ID, b.KodeRekening, b.KodeKegiatan, b.SumberDana
		if t.Uraian == "" {
			t.Uraian = b.Uraian
		}
	}
	sisaAnggaran := func(line *Baris) Rupiah {
		r := idx.perBaris(j.realisasi(RentangTanggal{}))[line.ID]
		return line.Jumlah - r.Jumlah - idx.panjarPerBaris(j.panjarTerbuka())[line.ID]
	}

	switch t.Jenis {
	case JenisPenerimaan:
		periksaJumlah(&p, "jumlah", "Jumlah", t.Jumlah, true)
		if b.Kelompok != KelompokPendapatan && b.Kelompok != KelompokPenerimaanPembiayaan {
			p.Add("baris_id", "Penerimaan dicatat pada baris pendapatan atau penerimaan pembiayaan, bukan %s.", namaKelompokBaris(b.Kelompok))
		}
		t.PPN, t.PPh, t.OutputVolume = 0, 0, 0
		periksaTahapDD(&p, j, b, t.DDTahap)
	case JenisPengeluaran:
		periksaJumlah(&p, "jumlah", "Jumlah", t.Jumlah, true)
		if b.Kelompok != KelompokBelanja && b.Kelompok != KelompokPengeluaranPembiayaan {
			p.Add("baris_id", "Pengeluaran dicatat pada baris belanja atau pengeluaran pembiayaan, bukan %s.", namaKelompokBaris(b.Kelompok))
		}
		p.Text("nomor_bukti", "Nomor bukti", t.NomorBukti, 1, maxBukti)
		p.Text("penerima", "Penerima", t.Penerima, 1, maxPenerima)
		if t.PPN+t.PPh > t.Jumlah && t.Jumlah > 0 {
			p.Add("pph", "PPN dan PPh yang dipungut (%s) melebihi jumlah pembayaran %s.", (t.PPN + t.PPh).String(), t.Jumlah.String())
		}
		if b.Kelompok != KelompokBelanja && t.OutputVolume != 0 {
			p.Add("output_volume", "Keluaran hanya dicatat pada baris belanja.")
		}
		if p.Empty() {
			if sisa := sisaAnggaran(b); t.Jumlah > sisa {
				p.Add("jumlah", "Pengeluaran %s melebihi sisa anggaran baris %s: anggaran %s, sudah terpakai (termasuk panjar yang belum di-SPJ-kan) %s, sisa %s.",
					t.Jumlah.String(), b.KodeRekening, b.Jumlah.String(), (b.Jumlah - sisa).String(), sisa.String())
			}
		}
		t.DDTahap = 0
	case JenisPanjar:
		periksaJumlah(&p, "jumlah", "Jumlah", t.Jumlah, true)
		if b.Kelompok != KelompokBelanja {
			p.Add("baris_id", "Panjar hanya untuk baris belanja.")
		}
		p.Text("penerima", "Pelaksana penerima panjar", t.Penerima, 1, maxPenerima)
		if p.Empty() {
			if sisa := sisaAnggaran(b); t.Jumlah > sisa {
				p.Add("jumlah", "Panjar %s melebihi sisa anggaran baris %s: anggaran %s, sudah terpakai (termasuk panjar yang belum di-SPJ-kan) %s, sisa %s.",
					t.Jumlah.String(), b.KodeRekening, b.Jumlah.String(), (b.Jumlah - sisa).String(), sisa.String())
			}
		}
		t.PPN, t.PPh, t.OutputVolume, t.DDTahap = 0, 0, 0, 0
	case JenisSPJ:
		pj, ok := j.byID[strings.TrimSpace(in.PanjarID)]
		if !ok || pj.Jenis != JenisPanjar || !j.aktif(*pj) {
			p.Add("panjar_id", "Pilih panjar yang masih berlaku.")
			return Transaksi{}, p.Err()
		}
		if s := j.spj[pj.ID]; s != "" {
			return Transaksi{}, fault.New(fault.Conflict, "Panjar %s kepada %s sudah dipertanggungjawabkan (SPJ %s).",
				pj.Jumlah.String(), pj.Penerima, j.byID[s].Tanggal.String())
		}
		if t.Tanggal < pj.Tanggal {
			p.Add("tanggal", "SPJ tidak boleh bertanggal sebelum panjarnya (%s).", pj.Tanggal.String())
		}
		if t.Jumlah < 0 || t.Jumlah > pj.Jumlah {
			p.Add("jumlah", "Yang dibelanjakan harus antara Rp 0 dan panjarnya %s; kelebihan belanja dicatat sebagai pengeluaran.", pj.Jumlah.String())
		}
		if t.PPN+t.PPh > t.Jumlah {
			p.Add("pph", "PPN dan PPh yang dipungut (%s) melebihi yang dibelanjakan %s.", (t.PPN + t.PPh).String(), t.Jumlah.String())
		}
		p.Text("nomor_bukti", "Nomor bukti", t.NomorBukti, 1, maxBukti)
		t.PanjarID, t.Kas, t.BarisID, t.KodeRekening, t.KodeKegiatan, t.SumberDana = pj.ID, pj.Kas, pj.BarisID, pj.KodeRekening, pj.KodeKegiatan, pj.SumberDana
		if t.Penerima == "" {
			t.Penerima = pj.Penerima
		}
		if t.Uraian == "" {
			t.Uraian = "SPJ " + pj.Uraian
		}
		t.DDTahap = 0
	case JenisSetorPajak:
		pajak := j.pajak()
		if t.PPN == 0 && t.PPh == 0 {
			p.Add("ppn", "Isi PPN atau PPh yang disetor.")
		}
		if t.PPN > pajak.SisaPPN {
			p.Add("ppn", "PPN disetor %s melebihi PPN yang dipungut dan belum disetor %s.", t.PPN.String(), pajak.SisaPPN.String())
		}
		if t.PPh > pajak.SisaPPh {
			p.Add("pph", "PPh disetor %s melebihi PPh yang dipungut dan belum disetor %s.", t.PPh.String(), pajak.SisaPPh.String())
		}
		t.Jumlah = t.PPN + t.PPh
		t.OutputVolume, t.DDTahap = 0, 0
		if t.Uraian == "" {
			t.Uraian = "Setor pajak"
		}
	case JenisMutasi:
		periksaJumlah(&p, "jumlah", "Jumlah", t.Jumlah, true)
		t.PPN, t.PPh, t.OutputVolume, t.DDTahap = 0, 0, 0, 0
		if t.Uraian == "" {
			if t.Kas == KasTunai {
				t.Uraian = "Setor tunai ke rekening kas desa"
			} else {
				t.Uraian = "Tarik tunai dari rekening kas desa"
			}
		}
	}
	if err := p.Err(); err != nil {
		return Transaksi{}, err
	}
	return t, m.simpanTransaksi(ctx, tx, j, &t)
}

// simpanTransaksi stamps t, checks that no kas goes below zero with it in
// its place among the entries, and inserts it.
func (m *Module) simpanTransaksi(ctx context.Context, tx bun.Tx, j *jurnal, t *Transaksi) error {
	id, err := uuid.NewV7()
	if err != nil {
		return err
	}
	t.ID, t.CreatedAt = id.String(), m.now().UTC().Truncate(time.Microsecond)
	after := newJurnal(append(append([]Transaksi(nil), j.rows...), *t))
	if kas, tgl, saldo, ok := after.saldoKurang(); !ok {
		before, bank := j.saldo(tgl)
		if kas == KasBank {
			before = bank
		}
		return fault.Field("jumlah", "Saldo kas %s tidak mencukupi: pada %s saldo menjadi %s (saldo sebelum transaksi ini %s).",
			kas, tgl.String(), saldo.String(), before.String())
	}
	_, err = tx.NewInsert().Model(t).Exec(ctx)
	return err
}

// KoreksiTransaksi undoes the entry id by a reversing entry naming it: the
// same line, kas and kind with every amount of the opposite sign. An entry
// is corrected once; a correction is never corrected; a panjar with an
// SPJ in force is corrected by correcting the SPJ first.
func (m *Module) KoreksiTransaksi(ctx context.Context, id string, in KoreksiBaru, by string) (Transaksi, error) {
	var out Transaksi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var o Transaksi
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&o).Where("t.id = ?", id))
		if err != nil {
			return err
		}
		if err := sel.Limit(1).Scan(ctx); err != nil {
			if db.IsNoRows(err) {
				return fault.New(fault.NotFound, "Transaksi tidak ditemukan.")
			}
			return err
		}
		var p valid.Problems
		alasan := strings.TrimSpace(in.Alasan)
		p.Text("alasan", "Alasan koreksi", alasan, 1, maxUraian)
		tanggal := in.Tanggal
		if tanggal.IsZero() {
			tanggal = m.hariIniDesa(ctx)
		}
		periksaTanggal(&p, "tanggal", tanggal, o.Tahun, m.hariIniDesa(ctx))
		if tanggal < o.Tanggal {
			p.Add("tanggal", "Koreksi tidak boleh bertanggal sebelum transaksi yang dikoreksi (%s).", o.Tanggal.String())
		}
		if err := p.Err(); err != nil {
			return err
		}
		a, err := apbdesRealisasi(ctx, tx, o.Tahun)
		if err != nil {
			return err
		}
		lock, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*APBDes)(nil)).Set("updated_at = updated_at").Where("a.id = ?", a.ID))
		if err != nil {
			return err
		}
		if _, err := lock.Exec(ctx); err != nil {
			return err
		}
		j, err := loadJurnal(ctx, tx, o.Tahun)
		if err != nil {
			return err
		}
		switch {
		case o.KoreksiID != "":
			return fault.New(fault.Conflict, "Transaksi ini sendiri koreksi; catat transaksi baru bila perlu.")
		case j.batal[o.ID] != "":
			return fault.New(fault.Conflict, "Transaksi ini sudah dikoreksi.")
		case o.Jenis == JenisPanjar && j.spj[o.ID] != "":
			return fault.New(fault.Conflict, "Panjar ini sudah di-SPJ-kan; koreksi SPJ-nya lebih dahulu.")
		}
		if o.Jenis == JenisSetorPajak || o.Jenis == JenisPengeluaran || o.Jenis == JenisSPJ {
			// Undoing a pungutan must not leave more paid over than withheld.
			pj := j.pajak()
			if o.Jenis != JenisSetorPajak && (o.PPN > pj.SisaPPN || o.PPh > pj.SisaPPh) {
				return fault.New(fault.Conflict, "Pajak yang dipungut pada transaksi ini sudah disetor; koreksi setoran pajaknya lebih dahulu.")
			}
		}
		if o.Jenis == JenisPenerimaan && o.DDTahap > 0 {
			if _, next := j.ddDiterima()[o.DDTahap+1]; next {
				return fault.New(fault.Conflict, "Dana Desa tahap %s sudah diterima; koreksi penerimaan tahap itu lebih dahulu.", tahapRomawi(o.DDTahap+1))
			}
		}
		k := o
		k.ID, k.Tanggal, k.KoreksiID, k.CreatedBy = "", tanggal, o.ID, by
		k.Jumlah, k.PPN, k.PPh, k.OutputVolume = -o.Jumlah, -o.PPN, -o.PPh, -o.OutputVolume
		k.Uraian = "Koreksi: " + alasan
		if err := m.simpanTransaksi(ctx, tx, j, &k); err != nil {
			return err
		}
		out = k
		return nil
	})
	return out, err
}

// periksaTanggal checks an entry's date: given, inside tahun (0: any year
// up to today's) and not after today. It returns the date's year.
func periksaTanggal(p *valid.Problems, field string, d civil.Date, tahun int, today civil.Date) int {
	if d.IsZero() {
		p.Add(field, "Tanggal wajib diisi.")
		return 0
	}
	if _, err := civil.ParseDate(string(d)); err != nil {
		p.Add(field, "Tanggal tidak sah; tulis seperti 2026-03-05.")
		return 0
	}
	y := d.Year()
	switch {
	case today < d:
		p.Add(field, "Tanggal %s belum tiba; transaksi dicatat setelah terjadi.", d.String())
	case tahun != 0 && y != tahun:
		p.Add(field, "Tanggal harus di dalam tahun anggaran %d.", tahun)
	case y < TahunMin:
		p.Add(field, "Tanggal terlalu lampau.")
	}
	return y
}

// periksaJumlah checks an amount's bounds; need says it must be above 0.
func periksaJumlah(p *valid.Problems, field, label string, r Rupiah, need bool) {
	switch {
	case r < 0:
		p.Add(field, "%s tidak boleh negatif.", label)
	case need && r == 0:
		p.Add(field, "%s harus lebih dari Rp 0.", label)
	case r > MaxRupiah:
		p.Add(field, "%s terlalu besar: paling banyak %s.", label, MaxRupiah.String())
	}
}

// periksaTahapDD checks a receipt's Dana Desa tahap: named exactly when
// the line is Dana Desa, received once, in order.
func periksaTahapDD(p *valid.Problems, j *jurnal, b *Baris, tahap int) {
	if b.SumberDana != "DDS" {
		if tahap != 0 {
			p.Add("dd_tahap", "Tahap hanya untuk penerimaan Dana Desa.")
		}
		return
	}
	if tahap < 1 || tahap > 3 {
		p.Add("dd_tahap", "Penerimaan Dana Desa harus menyebut tahapnya (I, II atau III).")
		return
	}
	got := j.ddDiterima()
	if t, ok := got[tahap]; ok {
		p.Add("dd_tahap", "Dana Desa tahap %s sudah dicatat diterima pada %s.", tahapRomawi(tahap), t.Tanggal.String())
		return
	}
	if tahap > 1 {
		if _, ok := got[tahap-1]; !ok {
			p.Add("dd_tahap", "Dana Desa tahap %s belum dicatat diterima; catat tahap sebelumnya lebih dahulu.", tahapRomawi(tahap-1))
		}
	}
}

func tahapRomawi(n int) string {
	switch n {
	case 1:
		return "I"
	case 2:
		return "II"
	case 3:
		return "III"
	}
	return "?"
}

func namaKelompokBaris(k string) string {
	switch k {
	case KelompokPendapatan:
		return "pendapatan"
	case KelompokBelanja:
		return "belanja"
	case KelompokPenerimaanPembiayaan:
		return "penerimaan pembiayaan"
	case KelompokPengeluaranPembiayaan:
		return "pengeluaran pembiayaan"
	}
	return k
}
