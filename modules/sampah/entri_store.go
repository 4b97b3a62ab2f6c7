package sampah

import (
	"context"
	"slices"
	"strconv"
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

// The bank sampah journal: setoran, penarikan, penjualan to a pengepul and
// koreksi. One validation serves the API and the pages. A nasabah's saldo
// is always the sum of its entries; nothing is edited in place; a mistake
// is undone by a koreksi that carries the opposite amount and names the
// entry it undoes (at most once: migration 202612030110).

// Bounds of the journal.
const (
	// MaxRinci bounds the jenis of one setoran or penjualan.
	MaxRinci = 30
	// MaxPenarikan bounds one withdrawal (rupiah); the saldo bounds it
	// first in practice.
	MaxPenarikan int64 = 1_000_000_000
	// maxCatatan bounds a note or a koreksi's reason.
	maxCatatan = 300
	// maxPembeli bounds a pengepul's name.
	maxPembeli = 120
)

// koreksiTanpaNasabah is the nasabah_id of a koreksi of a penjualan: the
// core's CHECK wants a nasabah on every entry but a penjualan, and a
// penjualan has none. No nasabah id is ever "-", so no saldo counts it.
const koreksiTanpaNasabah = "-"

// RinciBaru is one jenis of a setoran or penjualan as typed.
type RinciBaru struct {
	JenisID string  `json:"jenis_id" doc:"Jenis sampah unit ini"`
	Jumlah  Takaran `json:"jumlah_milli" minimum:"1" maximum:"100000000" doc:"Perseribu satuan jenis (gram untuk kg)"`
	// Harga is the sale price per unit of a penjualan; a setoran takes the
	// price list's.
	Harga int64 `json:"harga,omitempty" minimum:"0" maximum:"10000000" doc:"Penjualan: harga jual per satuan (rupiah); setoran memakai daftar harga"`
}

// SetoranBaru is a setoran as typed at the scale.
type SetoranBaru struct {
	ID          string      `json:"id,omitempty" doc:"UUIDv7 buatan klien: kiriman ulang dengan id sama mengembalikan entri yang sama"`
	FasilitasID string      `json:"fasilitas_id" doc:"Bank sampah"`
	NasabahID   string      `json:"nasabah_id"`
	Tanggal     civil.Date  `json:"tanggal,omitempty" doc:"Kosong: hari ini"`
	Rinci       []RinciBaru `json:"rinci" minItems:"1" maxItems:"30"`
}

// PenarikanBaru is a cash withdrawal from a nasabah's saldo.
type PenarikanBaru struct {
	ID        string     `json:"id,omitempty" doc:"UUIDv7 buatan klien (lihat setoran)"`
	NasabahID string     `json:"nasabah_id"`
	Tanggal   civil.Date `json:"tanggal,omitempty" doc:"Kosong: hari ini"`
	Jumlah    int64      `json:"jumlah" minimum:"1" maximum:"1000000000" doc:"Rupiah, paling banyak saldo"`
	Catatan   string     `json:"catatan,omitempty" maxLength:"300"`
}

// PenjualanBaru is a sale of the unit's stock to a pengepul.
type PenjualanBaru struct {
	ID          string      `json:"id,omitempty" doc:"UUIDv7 buatan klien (lihat setoran)"`
	FasilitasID string      `json:"fasilitas_id" doc:"Bank sampah"`
	Tanggal     civil.Date  `json:"tanggal,omitempty" doc:"Kosong: hari ini"`
	Pembeli     string      `json:"pembeli" maxLength:"120" doc:"Pengepul"`
	Catatan     string      `json:"catatan,omitempty" maxLength:"300"`
	Rinci       []RinciBaru `json:"rinci" minItems:"1" maxItems:"30" doc:"Jumlah dan harga jual per satuan"`
}

// KoreksiEntri undoes an entry.
type KoreksiEntri struct {
	Catatan string `json:"catatan" maxLength:"300" doc:"Alasan koreksi (wajib)"`
}

// RinciDetail is a line of an entry with its jenis named.
type RinciDetail struct {
	Rinci
	Kode   string `bun:"kode" json:"kode"`
	Nama   string `bun:"nama" json:"nama"`
	Satuan string `bun:"satuan" json:"satuan"`
}

// EntriDetail is an entry as a receipt shows it.
type EntriDetail struct {
	Entri
	Rinci         []RinciDetail `json:"rinci"`
	NamaFasilitas string        `json:"nama_fasilitas"`
	NamaNasabah   string        `json:"nama_nasabah,omitempty"`
	NomorNasabah  int           `json:"nomor_nasabah,omitempty"`
	// Saldo is the nasabah's saldo right after this entry (entries
	// recorded up to it).
	Saldo int64 `json:"saldo" doc:"Saldo nasabah setelah entri ini (0 untuk penjualan)"`
	// DikoreksiOleh is the koreksi that undid this entry, if any.
	DikoreksiOleh string `json:"dikoreksi_oleh,omitempty"`
}

// entriWaktu is the time an entry is recorded, to the microsecond both
// engines keep (the receipt's saldo counts entries up to it).
func (m *Module) entriWaktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// entriTanggal checks an entry's date: default today, not in the future,
// not before 1 January of last year (a late book is entered within a
// year; older paper stays paper).
func (m *Module) entriTanggal(ctx context.Context, p *valid.Problems, d civil.Date) civil.Date {
	today := m.hariIni(ctx)
	if d.IsZero() {
		return today
	}
	if _, err := civil.ParseDate(string(d)); err != nil {
		p.Add("tanggal", "Tanggal tidak sah (tulis TTTT-BB-HH).")
		return d
	}
	p.Date("tanggal", "Tanggal", d, civil.Date(strconv.Itoa(today.Year()-1)+"-01-01"), today)
	return d
}

// entriClientID checks a client's id: empty (a new one is made) or a
// UUIDv7.
func entriClientID(p *valid.Problems, id string) string {
	if id == "" {
		return newID()
	}
	u, err := uuid.Parse(id)
	if err != nil || u.Version() != 7 || u.String() != id {
		p.Add("id", "Id entri harus UUIDv7 (huruf kecil) atau dikosongkan.")
	}
	return id
}

// bankSampahAktif reads a bank sampah unit that takes entries.
func bankSampahAktif(ctx context.Context, tx bun.IDB, id string) (Fasilitas, error) {
	if id == "" {
		return Fasilitas{}, fault.Field("fasilitas_id", "Bank sampah wajib dipilih.")
	}
	f, err := GetFasilitas(ctx, tx, id)
	if fault.Is(err, fault.NotFound) {
		return f, fault.Field("fasilitas_id", "Bank sampah tidak ditemukan.")
	} else if err != nil {
		return f, err
	}
	if err := butuhJenis(f, "fasilitas_id", FasilitasBankSampah); err != nil {
		return f, err
	}
	if f.Status != "aktif" {
		return f, fault.Field("fasilitas_id", "%s tidak aktif; entri tidak dapat dicatat.", f.Nama)
	}
	return f, nil
}

// entriNasabah reads a nasabah; lock takes its row for the rest of the
// transaction on PostgreSQL, so two withdrawals or reversals of one
// nasabah read the saldo one after the other (SQLite serialises writers).
func (m *Module) entriNasabah(ctx context.Context, tx bun.Tx, id string, lock bool) (Nasabah, error) {
	var n Nasabah
	if id == "" {
		return n, fault.Field("nasabah_id", "Nasabah wajib dipilih.")
	}
	if _, err := uuid.Parse(id); err != nil {
		return n, fault.Field("nasabah_id", "Nasabah tidak ditemukan.")
	}
	q := tx.NewSelect().Model(&n).Where("n.id = ?", id)
	if lock && m.db.Engine == db.Postgres {
		q = q.For("UPDATE")
	}
	err := bacaSatu(ctx, q, fault.Field("nasabah_id", "Nasabah tidak ditemukan."))
	return n, err
}

// rinciSah checks the lines of a setoran (jual false: prices from the list
// on tanggal) or a penjualan (jual: the typed sale price), and prices them.
//
// js are the unit's jenis; harga (setoran only) the list's price of each in
// force on tanggal (a jenis without one is absent).
func rinciSah(p *valid.Problems, f Fasilitas, in []RinciBaru, js []JenisSampah, harga map[string]int64, tanggal civil.Date, jual bool) ([]Rinci, map[string]JenisSampah, int64) {
	if len(in) == 0 {
		p.Add("rinci", "Isi jumlah paling sedikit satu jenis sampah.")
		return nil, nil, 0
	}
	if len(in) > MaxRinci {
		p.Add("rinci", "Paling banyak %d jenis sampah per entri.", MaxRinci)
		return nil, nil, 0
	}
	byID := make(map[string]JenisSampah, len(js))
	for _, j := range js {
		byID[j.ID] = j
	}
	seen := map[string]bool{}
	out := make([]Rinci, 0, len(in))
	var total int64
	for i, r := range in {
		field := "rinci[" + strconv.Itoa(i) + "]"
		j, ok := byID[r.JenisID]
		switch {
		case !ok:
			p.Add(field+".jenis_id", "Jenis sampah tidak dikenal di %s.", f.Nama)
			continue
		case !j.Aktif:
			p.Add(field+".jenis_id", "Jenis %s tidak aktif.", j.Nama)
			continue
		case seen[r.JenisID]:
			p.Add(field+".jenis_id", "Jenis %s tertulis lebih dari sekali.", j.Nama)
			continue
		}
		seen[r.JenisID] = true
		if r.Jumlah < 1 || r.Jumlah > MaxTakaran {
			p.Add(field+".jumlah_milli", "Jumlah %s harus lebih dari 0 dan paling banyak 100.000 %s.", j.Nama, j.Satuan)
			continue
		}
		h := r.Harga
		if jual {
			if h < 0 || h > MaxHarga {
				p.Add(field+".harga", "Harga jual %s harus antara 0 dan %s rupiah per %s.", j.Nama, valid.Angka(MaxHarga), j.Satuan)
				continue
			}
		} else {
			var ok bool
			if h, ok = harga[r.JenisID]; !ok {
				p.Add(field+".jenis_id", "Harga %s belum ditetapkan untuk tanggal %s.", j.Nama, tanggal.String())
				continue
			}
		}
		n, ok := Nilai(r.Jumlah, h)
		if !ok {
			p.Add(field+".jumlah_milli", "Nilai %s terlalu besar.", j.Nama)
			continue
		}
		total += n
		out = append(out, Rinci{JenisID: r.JenisID, Jumlah: r.Jumlah, Harga: h, Nilai: n})
	}
	return out, byID, total
}

// setoranKonteks reads, in one query, the bank sampah, the nasabah (nil
// when the unit has no such one: another unit's is returned for the
// message) and its saldo before this entry.
func setoranKonteks(ctx context.Context, tx bun.Tx, fasilitasID, nasabahID string) (Fasilitas, *Nasabah, int64, error) {
	var row struct {
		FID        string `bun:"f_id"`
		FJenis     string `bun:"f_jenis"`
		FNama      string `bun:"f_nama"`
		FStatus    string `bun:"f_status"`
		NID        string `bun:"n_id"`
		NFasilitas string `bun:"n_fasilitas"`
		NNama      string `bun:"n_nama"`
		NNomor     int    `bun:"n_nomor"`
		NAktif     bool   `bun:"n_aktif"`
		Saldo      int64  `bun:"saldo"`
	}
	if fasilitasID == "" {
		return Fasilitas{}, nil, 0, fault.Field("fasilitas_id", "Bank sampah wajib dipilih.")
	}
	if cekID(fasilitasID, "Bank sampah") != nil {
		return Fasilitas{}, nil, 0, fault.Field("fasilitas_id", "Bank sampah tidak ditemukan.")
	}
	if nasabahID == "" {
		return Fasilitas{}, nil, 0, fault.Field("nasabah_id", "Nasabah wajib dipilih.")
	}
	if cekID(nasabahID, "Nasabah") != nil {
		return Fasilitas{}, nil, 0, fault.Field("nasabah_id", "Nasabah tidak ditemukan.")
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_fasilitas AS f").
		ColumnExpr("CAST(f.id AS TEXT) AS f_id, f.jenis AS f_jenis, f.nama AS f_nama, f.status AS f_status").
		ColumnExpr("coalesce(CAST(n.id AS TEXT), '') AS n_id, coalesce(CAST(n.fasilitas_id AS TEXT), '') AS n_fasilitas").
		ColumnExpr("coalesce(n.nama, '') AS n_nama, coalesce(n.nomor, 0) AS n_nomor, coalesce(n.aktif, false) AS n_aktif").
		ColumnExpr("(SELECT coalesce(sum(e.jumlah), 0) FROM sampah_entri AS e WHERE e.desa_id = f.desa_id AND e.nasabah_id = ?) AS saldo", nasabahID).
		Join("LEFT JOIN sampah_nasabah AS n ON n.desa_id = f.desa_id AND n.id = ?", nasabahID).
		Where("f.id = ?", fasilitasID), "f.desa_id")
	if err != nil {
		return Fasilitas{}, nil, 0, err
	}
	if err := q.Scan(ctx, &row); db.IsNoRows(err) {
		return Fasilitas{}, nil, 0, fault.Field("fasilitas_id", "Bank sampah tidak ditemukan.")
	} else if err != nil {
		return Fasilitas{}, nil, 0, err
	}
	f := Fasilitas{ID: row.FID, Jenis: row.FJenis, Nama: row.FNama, Status: row.FStatus}
	if err := butuhJenis(f, "fasilitas_id", FasilitasBankSampah); err != nil {
		return f, nil, 0, err
	}
	if f.Status != "aktif" {
		return f, nil, 0, fault.Field("fasilitas_id", "%s tidak aktif; entri tidak dapat dicatat.", f.Nama)
	}
	if row.NID == "" {
		return f, nil, 0, fault.Field("nasabah_id", "Nasabah tidak ditemukan.")
	}
	n := &Nasabah{ID: row.NID, FasilitasID: row.NFasilitas, Nama: row.NNama, Nomor: row.NNomor, Aktif: row.NAktif}
	return f, n, row.Saldo, nil
}

// jenisHarga reads, in one query, the unit's jenis with the price of each
// in force on tanggal.
func jenisHarga(ctx context.Context, tx bun.Tx, fasilitasID string, tanggal civil.Date) ([]JenisSampah, map[string]int64, error) {
	var rows []struct {
		JenisSampah
		HargaBerlaku int64 `bun:"harga_berlaku"`
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*JenisSampah)(nil)).ColumnExpr("j.*").
		ColumnExpr(`coalesce((SELECT h.harga FROM sampah_harga AS h WHERE h.desa_id = j.desa_id AND h.jenis_id = j.id
			AND h.berlaku_mulai <= ? ORDER BY h.berlaku_mulai DESC LIMIT 1), -1) AS harga_berlaku`, tanggal).
		Where("j.fasilitas_id = ?", fasilitasID))
	if err != nil {
		return nil, nil, err
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, nil, err
	}
	js := make([]JenisSampah, len(rows))
	harga := make(map[string]int64, len(rows))
	for i, r := range rows {
		js[i] = r.JenisSampah
		if r.HargaBerlaku >= 0 {
			harga[r.ID] = r.HargaBerlaku
		}
	}
	return js, harga, nil
}

// detailBaru is the receipt of an entry just inserted, built from what the
// write already read (the hot path of the scale: no second read).
func detailBaru(e Entri, rinci []Rinci, jenis map[string]JenisSampah, f Fasilitas, n *Nasabah, saldo int64) EntriDetail {
	d := EntriDetail{Entri: e, Rinci: make([]RinciDetail, 0, len(rinci)), NamaFasilitas: f.Nama, Saldo: saldo}
	for _, r := range rinci {
		j := jenis[r.JenisID]
		d.Rinci = append(d.Rinci, RinciDetail{Rinci: r, Kode: j.Kode, Nama: j.Nama, Satuan: j.Satuan})
	}
	slices.SortFunc(d.Rinci, func(a, b RinciDetail) int {
		ja, jb := jenis[a.JenisID], jenis[b.JenisID]
		return strings.Compare(ja.Kelompok+"\x00"+ja.Kode, jb.Kelompok+"\x00"+jb.Kode)
	})
	if n != nil {
		d.NamaNasabah, d.NomorNasabah = n.Nama, n.Nomor
	}
	return d
}

// simpanEntri inserts e and its lines under e.ID. When that id is already
// in the journal (a double tap, a resubmitted form) it answers the entry
// that holds it, if it is the same act (jenis, nasabah, unit, person),
// and reports true; anything else under that id is a conflict.
func simpanEntri(ctx context.Context, tx bun.Tx, e *Entri, rinci []Rinci) (bool, error) {
	t, _ := tenancy.From(ctx)
	e.DesaID = t.Kode.ID()
	res, err := tx.NewInsert().Model(e).On("CONFLICT (desa_id, id) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, err
	} else if n == 0 {
		var old Entri
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&old).Where("e.id = ?", e.ID))
		if err != nil {
			return false, err
		}
		if err := q.Scan(ctx); err != nil {
			return false, err
		}
		if old.Jenis != e.Jenis || old.NasabahID != e.NasabahID || old.FasilitasID != e.FasilitasID || old.CreatedBy != e.CreatedBy {
			return false, fault.New(fault.Conflict, "Id entri ini sudah dipakai untuk entri lain; muat ulang halaman lalu catat lagi.")
		}
		*e = old
		return true, nil
	}
	for i := range rinci {
		rinci[i].DesaID, rinci[i].EntriID = e.DesaID, e.ID
	}
	if len(rinci) > 0 {
		if _, err := tx.NewInsert().Model(&rinci).Exec(ctx); err != nil {
			return false, err
		}
	}
	return false, nil
}

// CatatSetoran records a setoran: the weights of each jenis, priced from
// the list in force on its date; the value is credited to the nasabah.
func (m *Module) CatatSetoran(ctx context.Context, in SetoranBaru) (EntriDetail, error) {
	var out EntriDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p valid.Problems
		id := entriClientID(&p, strings.TrimSpace(in.ID))
		tanggal := m.entriTanggal(ctx, &p, in.Tanggal)
		f, n, saldo, err := setoranKonteks(ctx, tx, in.FasilitasID, in.NasabahID)
		if err != nil {
			p.Include("fasilitas_id", err)
			return p.Err()
		}
		if n.FasilitasID != f.ID {
			p.Add("nasabah_id", "%s bukan nasabah %s.", n.Nama, f.Nama)
		} else if !n.Aktif {
			p.Add("nasabah_id", "%s tidak aktif; aktifkan dahulu di halaman nasabah.", n.Nama)
		}
		if p.Has("tanggal") {
			return p.Err()
		}
		js, harga, err := jenisHarga(ctx, tx, f.ID, tanggal)
		if err != nil {
			return err
		}
		rinci, jenis, total := rinciSah(&p, f, in.Rinci, js, harga, tanggal, false)
		if err := p.Err(); err != nil {
			return err
		}
		e := Entri{ID: id, FasilitasID: f.ID, NasabahID: n.ID, Jenis: EntriSetoran, Tanggal: tanggal, Jumlah: total,
			CreatedBy: pelakuID(ctx), CreatedAt: m.entriWaktu()}
		if ulang, err := simpanEntri(ctx, tx, &e, rinci); err != nil || ulang {
			if err == nil {
				out, err = bacaEntri(ctx, tx, e.ID)
			}
			return err
		}
		// The saldo read with the nasabah plus this setoran: exact unless
		// another entry of the same nasabah commits in between (the
		// receipt page recounts it).
		out = detailBaru(e, rinci, jenis, f, n, saldo+total)
		return nil
	})
	return out, err
}

// CatatPenarikan records a cash withdrawal of at most the nasabah's saldo.
// Under concurrency the nasabah's row is locked before the saldo is read,
// so two withdrawals never overdraw together.
func (m *Module) CatatPenarikan(ctx context.Context, in PenarikanBaru) (EntriDetail, error) {
	var out EntriDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p valid.Problems
		id := entriClientID(&p, strings.TrimSpace(in.ID))
		tanggal := m.entriTanggal(ctx, &p, in.Tanggal)
		catatan := strings.TrimSpace(in.Catatan)
		p.Text("catatan", "Catatan", catatan, 0, maxCatatan)
		if in.Jumlah < 1 || in.Jumlah > MaxPenarikan {
			p.Add("jumlah", "Jumlah penarikan harus antara 1 dan %s rupiah.", valid.Angka(MaxPenarikan))
		}
		n, err := m.entriNasabah(ctx, tx, in.NasabahID, true)
		if err != nil {
			p.Include("nasabah_id", err)
			return p.Err()
		}
		if err := p.Err(); err != nil {
			return err
		}
		// A repeat of a withdrawal already saved is answered before the
		// saldo, which it already lowered, is checked again.
		if old, err := entriByID(ctx, tx, id); err == nil {
			e := Entri{ID: id, Jenis: EntriPenarikan, NasabahID: n.ID, FasilitasID: n.FasilitasID, CreatedBy: pelakuID(ctx)}
			if old.Jenis != e.Jenis || old.NasabahID != e.NasabahID || old.CreatedBy != e.CreatedBy {
				return fault.New(fault.Conflict, "Id entri ini sudah dipakai untuk entri lain; muat ulang halaman lalu catat lagi.")
			}
			out, err = bacaEntri(ctx, tx, id)
			return err
		} else if !fault.Is(err, fault.NotFound) {
			return err
		}
		saldo, err := Saldo(ctx, tx, n.ID, "")
		if err != nil {
			return err
		}
		if in.Jumlah > saldo {
			return fault.Field("jumlah", "Penarikan Rp%s melebihi saldo %s (Rp%s).", valid.Angka(in.Jumlah), n.Nama, valid.Angka(saldo))
		}
		e := Entri{ID: id, FasilitasID: n.FasilitasID, NasabahID: n.ID, Jenis: EntriPenarikan, Tanggal: tanggal, Jumlah: -in.Jumlah,
			Catatan: catatan, CreatedBy: pelakuID(ctx), CreatedAt: m.entriWaktu()}
		if _, err := simpanEntri(ctx, tx, &e, nil); err != nil {
			return err
		}
		out, err = bacaEntri(ctx, tx, e.ID)
		return err
	})
	return out, err
}

// CatatPenjualan records a sale of the unit's sorted stock to a pengepul
// at the prices it fetched; the revenue is the unit's, no nasabah's.
func (m *Module) CatatPenjualan(ctx context.Context, in PenjualanBaru) (EntriDetail, error) {
	var out EntriDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p valid.Problems
		id := entriClientID(&p, strings.TrimSpace(in.ID))
		tanggal := m.entriTanggal(ctx, &p, in.Tanggal)
		pembeli, catatan := strings.TrimSpace(in.Pembeli), strings.TrimSpace(in.Catatan)
		p.Text("pembeli", "Nama pengepul", pembeli, 1, maxPembeli)
		p.Text("catatan", "Catatan", catatan, 0, maxCatatan)
		f, err := bankSampahAktif(ctx, tx, in.FasilitasID)
		if err != nil {
			p.Include("fasilitas_id", err)
			return p.Err()
		}
		js, err := ListJenis(ctx, tx, f.ID, false)
		if err != nil {
			return err
		}
		rinci, jenis, total := rinciSah(&p, f, in.Rinci, js, nil, tanggal, true)
		if err := p.Err(); err != nil {
			return err
		}
		e := Entri{ID: id, FasilitasID: f.ID, Jenis: EntriPenjualan, Tanggal: tanggal, Jumlah: total, Pembeli: pembeli,
			Catatan: catatan, CreatedBy: pelakuID(ctx), CreatedAt: m.entriWaktu()}
		if ulang, err := simpanEntri(ctx, tx, &e, rinci); err != nil || ulang {
			if err == nil {
				out, err = bacaEntri(ctx, tx, e.ID)
			}
			return err
		}
		out = detailBaru(e, rinci, jenis, f, nil, 0)
		return nil
	})
	return out, err
}

// Koreksi undoes entry id with an entry of the opposite amount, dated
// today, naming it and the reason. An entry is undone once; a koreksi is
// not undone (record the entry again instead); undoing a setoran must not
// leave the saldo negative (undo the withdrawal first).
func (m *Module) Koreksi(ctx context.Context, id string, in KoreksiEntri) (EntriDetail, error) {
	var out EntriDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := entriByID(ctx, tx, id)
		if err != nil {
			return err
		}
		var p valid.Problems
		catatan := strings.TrimSpace(in.Catatan)
		p.Text("catatan", "Alasan koreksi", catatan, 1, maxCatatan)
		if err := p.Err(); err != nil {
			return err
		}
		if o.Jenis == EntriKoreksi {
			return fault.New(fault.Conflict, "Entri ini sendiri koreksi; catat entri baru bila perlu.")
		}
		nasabah := o.NasabahID
		if o.NasabahID != "" {
			if _, err := m.entriNasabah(ctx, tx, o.NasabahID, true); err != nil {
				return err
			}
		} else {
			nasabah = koreksiTanpaNasabah
		}
		var dup int64
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Entri)(nil)).Where("e.koreksi_id <> '' AND e.koreksi_id = ?", o.ID))
		if err != nil {
			return err
		}
		if dup, err = q.Count(ctx); err != nil {
			return err
		} else if dup > 0 {
			return fault.New(fault.Conflict, "Entri ini sudah dikoreksi.")
		}
		if o.NasabahID != "" && o.Jumlah > 0 {
			saldo, err := Saldo(ctx, tx, o.NasabahID, "")
			if err != nil {
				return err
			}
			if saldo-o.Jumlah < 0 {
				return fault.New(fault.Conflict, "Saldo nasabah tinggal Rp%s, kurang dari setoran ini (Rp%s): koreksi penarikannya lebih dahulu.",
					valid.Angka(saldo), valid.Angka(o.Jumlah))
			}
		}
		e := Entri{ID: newID(), FasilitasID: o.FasilitasID, NasabahID: nasabah, Jenis: EntriKoreksi, Tanggal: m.hariIni(ctx),
			Jumlah: -o.Jumlah, KoreksiID: o.ID, Catatan: catatan, CreatedBy: pelakuID(ctx), CreatedAt: m.entriWaktu()}
		if _, err := simpanEntri(ctx, tx, &e, nil); err != nil {
			if db.IsUniqueViolation(err) {
				return fault.New(fault.Conflict, "Entri ini sudah dikoreksi.")
			}
			return err
		}
		out, err = bacaEntri(ctx, tx, e.ID)
		return err
	})
	if db.IsUniqueViolation(err) {
		return out, fault.New(fault.Conflict, "Entri ini sudah dikoreksi.")
	}
	return out, err
}

// entriByID reads one entry of the tenant desa.
func entriByID(ctx context.Context, idb bun.IDB, id string) (Entri, error) {
	var e Entri
	if err := cekID(id, "Entri"); err != nil {
		return e, err
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&e).Where("e.id = ?", id), fault.New(fault.NotFound, "Entri tidak ditemukan."))
	return e, err
}

// GetEntri reads an entry as its receipt shows it.
func (m *Module) GetEntri(ctx context.Context, id string) (EntriDetail, error) {
	var out EntriDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = bacaEntri(ctx, tx, id)
		return err
	})
	return out, err
}

// bacaEntri reads entry id with its lines, names and the saldo after it.
func bacaEntri(ctx context.Context, tx bun.Tx, id string) (EntriDetail, error) {
	var d EntriDetail
	e, err := entriByID(ctx, tx, id)
	if err != nil {
		return d, err
	}
	d.Entri = e
	d.Rinci = []RinciDetail{}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri_rinci AS r").
		Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
		ColumnExpr("r.jenis_id, r.jumlah_milli, r.harga, r.nilai, j.kode, j.nama, j.satuan").
		Where("r.entri_id = ?", e.ID).OrderExpr("j.kelompok, j.kode"), "r.desa_id")
	if err != nil {
		return d, err
	}
	if err := q.Scan(ctx, &d.Rinci); err != nil {
		return d, err
	}
	f, err := GetFasilitas(ctx, tx, e.FasilitasID)
	if err != nil {
		return d, err
	}
	d.NamaFasilitas = f.Nama
	var k []Entri
	kq, err := tenancy.Scope(ctx, tx.NewSelect().Model(&k).Column("e.id").Where("e.koreksi_id <> '' AND e.koreksi_id = ?", e.ID))
	if err != nil {
		return d, err
	}
	if err := kq.Scan(ctx); err != nil {
		return d, err
	}
	if len(k) > 0 {
		d.DikoreksiOleh = k[0].ID
	}
	if e.NasabahID == "" || e.NasabahID == koreksiTanpaNasabah {
		d.NasabahID = ""
		return d, nil
	}
	n, err := GetNasabah(ctx, tx, e.NasabahID)
	if err != nil {
		return d, err
	}
	d.NamaNasabah, d.NomorNasabah = n.Nama, n.Nomor
	d.Saldo, err = saldoSampai(ctx, tx, e.NasabahID, e.CreatedAt)
	return d, err
}

// saldoSampai is a nasabah's saldo over the entries recorded up to and
// including at.
func saldoSampai(ctx context.Context, tx bun.Tx, nasabahID string, at time.Time) (int64, error) {
	var s struct {
		Saldo int64 `bun:"saldo"`
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri AS e").
		ColumnExpr("coalesce(sum(e.jumlah), 0) AS saldo").
		Where("e.nasabah_id = ?", nasabahID).Where("e.created_at <= ?", at), "e.desa_id")
	if err != nil {
		return 0, err
	}
	err = q.Scan(ctx, &s)
	return s.Saldo, err
}
