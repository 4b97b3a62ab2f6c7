package keuangan

import (
	"context"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// This file reads the realisasi journal (keuangan_transaksi) of one desa and
// year into a jurnal, from which every book and every realisasi figure is
// derived: nothing is typed twice, and a correction (an entry of the
// opposite sign naming the one it undoes) flows into every book by the
// same sums.

// jurnal is the entries of one desa and year in book order (date, then the
// moment they were recorded).
type jurnal struct {
	rows  []Transaksi
	byID  map[string]*Transaksi
	batal map[string]string // id of a corrected entry → id of its correction
	spj   map[string]string // id of a panjar → id of its SPJ still in force
}

// loadJurnal reads the entries of tahun of the desa in ctx.
func loadJurnal(ctx context.Context, idb bun.IDB, tahun int) (*jurnal, error) {
	rows := []Transaksi{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("t.tahun = ?", tahun))
	if err != nil {
		return nil, err
	}
	if err := sel.Order("t.tanggal", "t.created_at", "t.id").Scan(ctx); err != nil {
		return nil, err
	}
	return newJurnal(rows), nil
}

func newJurnal(rows []Transaksi) *jurnal {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Tanggal != rows[j].Tanggal {
			return rows[i].Tanggal < rows[j].Tanggal
		}
		if !rows[i].CreatedAt.Equal(rows[j].CreatedAt) {
			return rows[i].CreatedAt.Before(rows[j].CreatedAt)
		}
		return rows[i].ID < rows[j].ID
	})
	j := &jurnal{rows: rows, byID: map[string]*Transaksi{}, batal: map[string]string{}, spj: map[string]string{}}
	for i := range j.rows {
		t := &j.rows[i]
		j.byID[t.ID] = t
		if t.KoreksiID != "" {
			j.batal[t.KoreksiID] = t.ID
		}
	}
	for _, t := range j.rows {
		if t.Jenis == JenisSPJ && t.KoreksiID == "" && j.batal[t.ID] == "" {
			j.spj[t.PanjarID] = t.ID
		}
	}
	return j
}

// aktif reports whether t is in force: neither corrected nor a correction.
func (j *jurnal) aktif(t Transaksi) bool { return t.KoreksiID == "" && j.batal[t.ID] == "" }

// arus is what t moves in kas tunai and kas bank. A correction moves
// exactly the opposite of the entry it undoes.
//
//   - pengeluaran: the payee gets jumlah less the PPN/PPh withheld; the
//     withheld tax stays in kas until it is paid over (setor_pajak).
//   - spj: what the pelaksana did not spend of the panjar comes back, with
//     the tax withheld on what was spent.
func (j *jurnal) arus(t Transaksi) (tunai, bank Rupiah) {
	if t.KoreksiID != "" {
		if o, ok := j.byID[t.KoreksiID]; ok {
			a, b := j.arus(*o)
			return -a, -b
		}
		return 0, 0
	}
	var d Rupiah
	switch t.Jenis {
	case JenisPenerimaan:
		d = t.Jumlah
	case JenisPengeluaran:
		d = -(t.Jumlah - t.PPN - t.PPh)
	case JenisPanjar:
		d = -t.Jumlah
	case JenisSPJ:
		if p, ok := j.byID[t.PanjarID]; ok {
			d = p.Jumlah - t.Jumlah + t.PPN + t.PPh
		}
	case JenisSetorPajak:
		d = -(t.PPN + t.PPh)
	case JenisMutasi:
		if t.Kas == KasTunai {
			return -t.Jumlah, t.Jumlah
		}
		return t.Jumlah, -t.Jumlah
	}
	if t.Kas == KasBank {
		return 0, d
	}
	return d, 0
}

// saldoKurang finds the first moment a kas would go below zero, walking
// the entries in book order: the date and the balance then. ok is true
// when neither kas ever does.
func (j *jurnal) saldoKurang() (kas string, tanggal civil.Date, saldo Rupiah, ok bool) {
	var tunai, bank Rupiah
	for _, t := range j.rows {
		a, b := j.arus(t)
		tunai += a
		bank += b
		if tunai < 0 {
			return KasTunai, t.Tanggal, tunai, false
		}
		if bank < 0 {
			return KasBank, t.Tanggal, bank, false
		}
	}
	return "", "", 0, true
}

// saldo is the balance of each kas after every entry up to and including
// date (all entries when date is zero).
func (j *jurnal) saldo(date civil.Date) (tunai, bank Rupiah) {
	for _, t := range j.rows {
		if !date.IsZero() && date < t.Tanggal {
			break
		}
		a, b := j.arus(t)
		tunai += a
		bank += b
	}
	return tunai, bank
}

// RentangTanggal bounds the entries a figure counts, both dates included; the
// zero RentangTanggal is the whole year.
type RentangTanggal struct {
	Dari, Sampai civil.Date
}

func (p RentangTanggal) memuat(d civil.Date) bool {
	return (p.Dari.IsZero() || p.Dari <= d) && (p.Sampai.IsZero() || d <= p.Sampai)
}

// RentangSemester is the period of semester 1 (January–June) or 2 (July–December)
// of tahun; 0 is the whole year.
func RentangSemester(tahun, s int) RentangTanggal {
	switch s {
	case 1:
		return RentangTanggal{Dari: civil.Date(itoa4(tahun) + "-01-01"), Sampai: civil.Date(itoa4(tahun) + "-06-30")}
	case 2:
		return RentangTanggal{Dari: civil.Date(itoa4(tahun) + "-07-01"), Sampai: civil.Date(itoa4(tahun) + "-12-31")}
	}
	return RentangTanggal{}
}

func itoa4(n int) string {
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0 && n > 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

// realisasiBaris is what was realised on each line in p: money (penerimaan
// on pendapatan and pembiayaan lines, pengeluaran and spent SPJ on belanja
// and pengeluaran pembiayaan lines) and output volume. Corrections carry
// the opposite sign and cancel their entry in the sums.
type realisasiBaris struct {
	Jumlah Rupiah
	Output Volume
}

func (j *jurnal) realisasi(p RentangTanggal) map[string]realisasiBaris {
	out := map[string]realisasiBaris{}
	for _, t := range j.rows {
		if t.BarisID == "" || !p.memuat(t.Tanggal) {
			continue
		}
		switch t.Jenis {
		case JenisPenerimaan, JenisPengeluaran, JenisSPJ:
			r := out[t.BarisID]
			r.Jumlah += t.Jumlah
			r.Output += t.OutputVolume
			out[t.BarisID] = r
		}
	}
	return out
}

// panjarTerbuka is the sum of the panjar in force on each line that have
// no SPJ yet: money that has left kas for the line without being realised.
func (j *jurnal) panjarTerbuka() map[string]Rupiah {
	out := map[string]Rupiah{}
	for _, t := range j.rows {
		if t.Jenis == JenisPanjar && j.aktif(t) && j.spj[t.ID] == "" {
			out[t.BarisID] += t.Jumlah
		}
	}
	return out
}

// Pajak is the buku pembantu pajak in sum: withheld (pungut) and paid over
// (setor) per tax, and what is still owed to the state.
type Pajak struct {
	PungutPPN Rupiah `json:"pungut_ppn"`
	PungutPPh Rupiah `json:"pungut_pph"`
	SetorPPN  Rupiah `json:"setor_ppn"`
	SetorPPh  Rupiah `json:"setor_pph"`
	SisaPPN   Rupiah `json:"sisa_ppn" doc:"PPN dipungut yang belum disetor"`
	SisaPPh   Rupiah `json:"sisa_pph" doc:"PPh dipungut yang belum disetor"`
}

func (j *jurnal) pajak() Pajak {
	var p Pajak
	for _, t := range j.rows {
		switch t.Jenis {
		case JenisPengeluaran, JenisSPJ:
			p.PungutPPN += t.PPN
			p.PungutPPh += t.PPh
		case JenisSetorPajak:
			p.SetorPPN += t.PPN
			p.SetorPPh += t.PPh
		}
	}
	p.SisaPPN, p.SisaPPh = p.PungutPPN-p.SetorPPN, p.PungutPPh-p.SetorPPh
	return p
}

// ddDiterima is the Dana Desa tahap received and in force: tahap → entry.
func (j *jurnal) ddDiterima() map[int]Transaksi {
	out := map[int]Transaksi{}
	for _, t := range j.rows {
		if t.Jenis == JenisPenerimaan && t.DDTahap > 0 && j.aktif(t) {
			out[t.DDTahap] = t
		}
	}
	return out
}

// apbdesRealisasi is the APBDes entries are recorded against for tahun:
// the perubahan once it is ditetapkan, else the murni. Anything else is a
// Conflict in Bahasa: realisasi needs a budget set by Perdes.
func apbdesRealisasi(ctx context.Context, idb bun.IDB, tahun int) (APBDes, error) {
	p, err := GetAPBDes(ctx, idb, tahun, VersiPerubahan)
	switch {
	case err == nil && p.Status == StatusDitetapkan:
		return p, nil
	case err != nil && !fault.Is(err, fault.NotFound):
		return APBDes{}, err
	}
	murni, err := GetAPBDes(ctx, idb, tahun, VersiMurni)
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			return APBDes{}, fault.New(fault.NotFound, "APBDes tahun %d belum dibuat.", tahun)
		}
		return APBDes{}, err
	}
	if murni.Status != StatusDitetapkan {
		return murni, fault.New(fault.Conflict, "APBDes tahun %d belum ditetapkan (statusnya %s); realisasi baru dapat dicatat setelah APBDes ditetapkan dengan Peraturan Desa.",
			tahun, NamaStatus(murni.Status))
	}
	return murni, nil
}

// barisIndex finds a line of the APBDes in force by its id or, for a
// perubahan, by the murni line it continues (entries recorded before the
// perubahan name the murni line).
type barisIndex map[string]*Baris

func indexBaris(lines []Baris) barisIndex {
	idx := barisIndex{}
	for i := range lines {
		b := &lines[i]
		idx[b.ID] = b
		if b.AsalBarisID != "" {
			if _, taken := idx[b.AsalBarisID]; !taken {
				idx[b.AsalBarisID] = b
			}
		}
	}
	return idx
}

// perBaris folds the realisasi keyed by the ids entries name onto the
// lines of the APBDes in force.
func (idx barisIndex) perBaris(r map[string]realisasiBaris) map[string]realisasiBaris {
	out := map[string]realisasiBaris{}
	for id, v := range r {
		b, ok := idx[id]
		if !ok {
			continue
		}
		s := out[b.ID]
		s.Jumlah += v.Jumlah
		s.Output += v.Output
		out[b.ID] = s
	}
	return out
}

func (idx barisIndex) panjarPerBaris(r map[string]Rupiah) map[string]Rupiah {
	out := map[string]Rupiah{}
	for id, v := range r {
		if b, ok := idx[id]; ok {
			out[b.ID] += v
		}
	}
	return out
}

// ListTransaksiTahun reads every entry of tahun of the desa in ctx, in
// book order.
func (m *Module) ListTransaksiTahun(ctx context.Context, tahun int) ([]Transaksi, error) {
	var j *jurnal
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		j, err = loadJurnal(ctx, tx, tahun)
		return err
	})
	if err != nil {
		return nil, err
	}
	return j.rows, nil
}
