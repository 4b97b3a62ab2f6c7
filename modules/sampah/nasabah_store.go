package sampah

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Jenis of a nasabah.
const (
	NasabahRumahTangga = "rumah_tangga"
	NasabahLembaga     = "lembaga"
)

// NamaJenisNasabah names a nasabah's jenis for a page.
func NamaJenisNasabah(j string) string {
	switch j {
	case NasabahRumahTangga:
		return "rumah tangga"
	case NasabahLembaga:
		return "lembaga"
	}
	return j
}

// NasabahData is what a person may change of a nasabah (the API body of
// PUT and, with FasilitasID, of POST; the page forms alike).
type NasabahData struct {
	Nama    string `json:"nama" required:"false" maxLength:"400" example:"Ni Made Sari" doc:"3–100 karakter"`
	Jenis   string `json:"jenis" required:"false" maxLength:"20" example:"rumah_tangga" doc:"rumah_tangga atau lembaga"`
	Dusun   string `json:"dusun,omitempty" required:"false" maxLength:"400" example:"Banjar Tegal" doc:"Banjar/dusun, paling banyak 60 karakter"`
	Telepon string `json:"telepon,omitempty" required:"false" maxLength:"60" example:"0812-3456-7890" doc:"Nomor HP Indonesia (08…, +628… atau 628…); disimpan sebagai +628…"`
}

// NasabahBaru registers a nasabah at a bank sampah unit.
type NasabahBaru struct {
	FasilitasID string `json:"fasilitas_id" required:"false" maxLength:"64" doc:"Id unit bank sampah (aktif) desa ini"`
	NasabahData
}

// normalise trims every field and normalises the phone; then validate
// checks it. One rule set for the API and the pages.
func (d *NasabahData) check(p *valid.Problems) {
	d.Nama = strings.Join(strings.Fields(d.Nama), " ")
	d.Dusun = strings.Join(strings.Fields(d.Dusun), " ")
	d.Jenis = strings.TrimSpace(d.Jenis)
	p.Text("body.nama", "Nama", d.Nama, 3, 100)
	if d.Jenis != NasabahRumahTangga && d.Jenis != NasabahLembaga {
		p.Add("body.jenis", "Jenis nasabah harus rumah tangga atau lembaga.")
	}
	p.Text("body.dusun", "Dusun/banjar", d.Dusun, 0, 60)
	if t := p.Telepon("body.telepon", "Nomor telepon", d.Telepon); !p.Has("body.telepon") {
		d.Telepon = t
	}
}

// Validate checks a registration's own fields (the unit is checked against
// the database when it is written).
func (b *NasabahBaru) Validate() error {
	var p valid.Problems
	b.FasilitasID = strings.TrimSpace(b.FasilitasID)
	if b.FasilitasID == "" {
		p.Add("body.fasilitas_id", "Unit bank sampah wajib dipilih.")
	}
	b.check(&p)
	return p.Err()
}

// Validate checks an edit.
func (d *NasabahData) Validate() error {
	var p valid.Problems
	d.check(&p)
	return p.Err()
}

// unitNasabah reads the unit a nasabah joins: an active bank sampah of
// the tenant desa. lock holds its row until the transaction ends
// (PostgreSQL), so two registrations at one unit take their numbers one
// after the other; FOR NO KEY UPDATE does not wait for journal entries,
// whose foreign key takes only a key share. SQLite's transactions take
// the write lock up front (_txlock=immediate) and queue anyway.
func unitNasabah(ctx context.Context, tx bun.Tx, id string, lock bool) (Fasilitas, error) {
	var f Fasilitas
	if _, bad := valid.Control(id, false); bad || cekID(id, "Bank sampah") != nil {
		return f, fault.Field("body.fasilitas_id", "Unit bank sampah tidak ditemukan di desa ini.")
	}
	q := tx.NewSelect().Model(&f).Where("f.id = ?", id)
	if lock && tx.Dialect().Name() == dialect.PG {
		q = q.For("NO KEY UPDATE")
	}
	if err := bacaSatu(ctx, q, fault.Field("body.fasilitas_id", "Unit bank sampah tidak ditemukan di desa ini.")); err != nil {
		return f, err
	}
	if err := butuhJenis(f, "body.fasilitas_id", FasilitasBankSampah); err != nil {
		return f, err
	}
	if f.Status != "aktif" {
		return f, fault.Field("body.fasilitas_id", "%s tidak aktif; nasabah baru hanya didaftarkan pada unit yang aktif.", f.Nama)
	}
	return f, nil
}

// DaftarNasabah registers a nasabah with the next member number of its
// unit, taken in the same transaction as the insert.
func (m *Module) DaftarNasabah(ctx context.Context, in NasabahBaru) (Nasabah, error) {
	if err := in.Validate(); err != nil {
		return Nasabah{}, err
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return Nasabah{}, tenancy.ErrNoTenant
	}
	desaID, err := t.DesaID()
	if err != nil {
		return Nasabah{}, err
	}
	n := Nasabah{DesaID: desaID, ID: newID(), FasilitasID: in.FasilitasID, Nama: in.Nama, Jenis: in.Jenis,
		Dusun: in.Dusun, Telepon: in.Telepon, Aktif: true, CreatedBy: pelakuID(ctx), CreatedAt: m.now().UTC()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := unitNasabah(ctx, tx, in.FasilitasID, true); err != nil {
			return err
		}
		var last struct {
			N int `bun:"n"`
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Nasabah)(nil)).ColumnExpr("coalesce(max(n.nomor), 0) AS n").
			Where("n.fasilitas_id = ?", in.FasilitasID))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx, &last); err != nil {
			return err
		}
		n.Nomor = last.N + 1
		_, err = tx.NewInsert().Model(&n).Returning("NULL").Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.New(fault.Conflict, "Nomor anggota %d baru saja dipakai pendaftaran lain; kirim sekali lagi.", n.Nomor)
		}
		return err
	})
	return n, err
}

// UbahNasabah changes a nasabah's name, jenis, dusun and phone; aktif,
// when not nil, deactivates or reactivates it. The member number and the
// unit never change: they are printed on the card.
func (m *Module) UbahNasabah(ctx context.Context, id string, in NasabahData, aktif *bool) (Nasabah, error) {
	if err := in.Validate(); err != nil {
		return Nasabah{}, err
	}
	var n Nasabah
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if n, err = GetNasabah(ctx, tx, id); err != nil {
			return err
		}
		n.Nama, n.Jenis, n.Dusun, n.Telepon = in.Nama, in.Jenis, in.Dusun, in.Telepon
		if aktif != nil {
			n.Aktif = *aktif
		}
		return updateNasabah(ctx, tx, n, "nama", "jenis", "dusun", "telepon", "aktif")
	})
	return n, err
}

// SetAktifNasabah deactivates or reactivates a nasabah; its entries and
// saldo stay.
func (m *Module) SetAktifNasabah(ctx context.Context, id string, aktif bool) (Nasabah, error) {
	var n Nasabah
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if n, err = GetNasabah(ctx, tx, id); err != nil {
			return err
		}
		n.Aktif = aktif
		return updateNasabah(ctx, tx, n, "aktif")
	})
	return n, err
}

func updateNasabah(ctx context.Context, tx bun.Tx, n Nasabah, cols ...string) error {
	q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&n).Column(cols...).Where("n.id = ?", n.ID))
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx)
	return err
}

// NasabahBaris is a nasabah in a list, with its saldo.
type NasabahBaris struct {
	Nasabah
	Saldo int64 `json:"saldo" doc:"Rupiah: jumlah seluruh entri nasabah"`
}

// NasabahQuery filters the nasabah list.
type NasabahQuery struct {
	page.Params
	FasilitasID string
	Q           string
	Aktif       *bool
}

type nasabahKey struct {
	FasilitasID string `json:"f"`
	Nomor       int    `json:"n"`
}

// ListNasabah pages the desa's nasabah by unit and member number, each
// with its saldo (one grouped query for the page).
func (m *Module) ListNasabah(ctx context.Context, q NasabahQuery) (page.Page[NasabahBaris], error) {
	var after nasabahKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[NasabahBaris]{}, err
	}
	if has && (after.FasilitasID == "" || after.Nomor < 1) {
		return page.Page[NasabahBaris]{}, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	if q.FasilitasID != "" && cekID(q.FasilitasID, "Bank sampah") != nil {
		return page.Page[NasabahBaris]{}, fault.Field("query.fasilitas", "Unit bank sampah tidak dikenal.")
	}
	cari := strings.TrimSpace(q.Q)
	if _, bad := valid.Control(cari, false); bad || utf8.RuneCountInString(cari) > 100 {
		return page.Page[NasabahBaris]{}, fault.Field("query.q", "Kata pencarian paling banyak 100 karakter, tanpa karakter kendali.")
	}
	limit := q.Size()
	var ns []Nasabah
	var out []NasabahBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&ns).OrderExpr("n.fasilitas_id, n.nomor").Limit(int64(limit) + 1)
		if q.FasilitasID != "" {
			sel = sel.Where("n.fasilitas_id = ?", q.FasilitasID)
		}
		if q.Aktif != nil {
			sel = sel.Where("n.aktif = ?", *q.Aktif)
		}
		sel = nasabahCocok(sel, cari)
		if has {
			sel = sel.Where("(n.fasilitas_id > ? OR (n.fasilitas_id = ? AND n.nomor > ?))", after.FasilitasID, after.FasilitasID, after.Nomor)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		saldo, err := saldoBanyak(ctx, tx, ns)
		for _, n := range ns {
			out = append(out, NasabahBaris{Nasabah: n, Saldo: saldo[n.ID]})
		}
		return err
	})
	if err != nil {
		return page.Page[NasabahBaris]{}, err
	}
	return page.Of(out, limit, func(b NasabahBaris) nasabahKey { return nasabahKey{b.FasilitasID, b.Nomor} }), nil
}

// saldoBanyak is the saldo of each of ns (absent: no entry, saldo 0).
func saldoBanyak(ctx context.Context, tx bun.Tx, ns []Nasabah) (map[string]int64, error) {
	out := map[string]int64{}
	if len(ns) == 0 {
		return out, nil
	}
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	var rows []struct {
		ID    string `bun:"nasabah_id"`
		Saldo int64  `bun:"saldo"`
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri AS e").
		ColumnExpr("e.nasabah_id, sum(e.jumlah) AS saldo").Where("e.nasabah_id IN (?)", bun.In(ids)).
		GroupExpr("e.nasabah_id"), "e.desa_id")
	if err != nil {
		return nil, err
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Saldo
	}
	return out, nil
}

// NasabahDetail is a nasabah with its saldo and what it has deposited.
type NasabahDetail struct {
	Nasabah
	Saldo            int64      `json:"saldo" doc:"Rupiah: jumlah seluruh entri nasabah (setoran, penarikan, koreksi)"`
	BeratGram        int64      `json:"berat_gram" doc:"Berat seluruh setoran jenis bersatuan kg dalam gram (setoran yang dikoreksi tidak dihitung)"`
	JumlahSetoran    int        `json:"jumlah_setoran" doc:"Banyak setoran yang tidak dikoreksi"`
	SetoranTerakhir  civil.Date `json:"setoran_terakhir,omitempty" doc:"Tanggal setoran terakhir yang tidak dikoreksi"`
	FasilitasNama    string     `json:"fasilitas_nama"`
	FasilitasAktif   bool       `json:"-"`
	TeleponTampilkan string     `json:"-"`
}

// LihatNasabah reads a nasabah with its figures.
func (m *Module) LihatNasabah(ctx context.Context, id string) (NasabahDetail, error) {
	var d NasabahDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		d, err = lihatNasabah(ctx, tx, id)
		return err
	})
	return d, err
}

func lihatNasabah(ctx context.Context, tx bun.Tx, id string) (NasabahDetail, error) {
	var d NasabahDetail
	n, err := GetNasabah(ctx, tx, id)
	if err != nil {
		return d, err
	}
	d.Nasabah = n
	f, err := GetFasilitas(ctx, tx, n.FasilitasID)
	if err != nil {
		return d, err
	}
	d.FasilitasNama, d.FasilitasAktif = f.Nama, f.Status == "aktif"
	if d.Saldo, err = Saldo(ctx, tx, n.ID, ""); err != nil {
		return d, err
	}
	var s struct {
		N        int        `bun:"n"`
		Terakhir civil.Date `bun:"terakhir"`
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri AS e").
		ColumnExpr("count(*) AS n, max(e.tanggal) AS terakhir").
		Where("e.nasabah_id = ?", n.ID).Where("e.jenis = ?", EntriSetoran).Where(notReversed), "e.desa_id")
	if err != nil {
		return d, err
	}
	if err := q.Scan(ctx, &s); err != nil {
		return d, err
	}
	d.JumlahSetoran, d.SetoranTerakhir = s.N, s.Terakhir
	var g struct {
		Gram int64 `bun:"gram"`
	}
	q, err = tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri AS e").
		Join("JOIN sampah_entri_rinci AS r ON r.desa_id = e.desa_id AND r.entri_id = e.id").
		Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
		ColumnExpr("coalesce(sum(r.jumlah_milli), 0) AS gram").
		Where("e.nasabah_id = ?", n.ID).Where("e.jenis = ?", EntriSetoran).Where("j.satuan = 'kg'").Where(notReversed), "e.desa_id")
	if err != nil {
		return d, err
	}
	if err := q.Scan(ctx, &g); err != nil {
		return d, err
	}
	d.BeratGram = g.Gram
	return d, nil
}

// BukuRinci is one jenis of a setoran or penjualan in the passbook.
type BukuRinci struct {
	JenisID string  `json:"jenis_id"`
	Kode    string  `json:"kode"`
	Nama    string  `json:"nama"`
	Satuan  string  `json:"satuan"`
	Jumlah  Takaran `json:"jumlah_milli" doc:"Perseribu satuan jenis (gram untuk kg)"`
	Harga   int64   `json:"harga" doc:"Rupiah per satuan, sebagaimana berlaku pada tanggal entri"`
	Nilai   int64   `json:"nilai" doc:"Rupiah"`
}

// BukuBaris is one entry of the passbook with the saldo after it.
type BukuBaris struct {
	ID        string      `json:"id"`
	Tanggal   civil.Date  `json:"tanggal"`
	Jenis     string      `json:"jenis" enum:"setoran,penarikan,penjualan,koreksi"`
	Catatan   string      `json:"catatan,omitempty"`
	KoreksiID string      `json:"koreksi_id,omitempty" doc:"Entri yang dibatalkan entri koreksi ini"`
	Dikoreksi bool        `json:"dikoreksi" doc:"Entri ini sudah dibatalkan dengan entri koreksi"`
	Debit     int64       `json:"debit" doc:"Rupiah yang mengurangi saldo (0 atau positif)"`
	Kredit    int64       `json:"kredit" doc:"Rupiah yang menambah saldo (0 atau positif)"`
	Saldo     int64       `json:"saldo" doc:"Saldo sesudah entri ini"`
	Rinci     []BukuRinci `json:"rinci"`
}

// Buku is a nasabah's passbook for a period.
type Buku struct {
	Nasabah     NasabahDetail `json:"nasabah"`
	Dari        civil.Date    `json:"dari"`
	Sampai      civil.Date    `json:"sampai"`
	SaldoAwal   int64         `json:"saldo_awal" doc:"Saldo sebelum tanggal dari"`
	TotalDebit  int64         `json:"total_debit"`
	TotalKredit int64         `json:"total_kredit"`
	SaldoAkhir  int64         `json:"saldo_akhir" doc:"Saldo pada akhir tanggal sampai"`
	Baris       []BukuBaris   `json:"baris"`
}

// BukuMaksHari bounds a passbook's period: a year, leap day included.
const BukuMaksHari = 366

// PeriodeBuku reads a passbook's period as typed ("" for the default:
// this year to today at the desa).
func (m *Module) PeriodeBuku(ctx context.Context, dari, sampai string) (civil.Date, civil.Date, error) {
	t, _ := tenancy.From(ctx)
	today := civil.Today(m.now(), t.Kode)
	var p valid.Problems
	s := today
	if sampai = strings.TrimSpace(sampai); sampai != "" {
		d, err := civil.ParseDate(sampai)
		p.Include("query.sampai", err)
		s = d
	}
	a := civil.Date(s.Time().Format("2006") + "-01-01")
	if dari = strings.TrimSpace(dari); dari != "" {
		d, err := civil.ParseDate(dari)
		p.Include("query.dari", err)
		a = d
	}
	if !p.Empty() {
		return "", "", p.Err()
	}
	if s.Before(a) {
		return "", "", fault.Field("query.sampai", "Tanggal sampai tidak boleh sebelum tanggal dari.")
	}
	if a.AddDate(0, 0, BukuMaksHari-1).Before(s) {
		return "", "", fault.Field("query.sampai", "Periode buku tabungan paling panjang %d hari.", BukuMaksHari)
	}
	if s.Year() < 2000 || s.Year() > 2100 || a.Year() < 2000 {
		return "", "", fault.Field("query.dari", "Tanggal di luar tahun 2000–2100.")
	}
	return a, s, nil
}

// BukuNasabah is the passbook of nasabah id from dari to sampai: the
// saldo before dari, each entry in date order with its rinci and the
// saldo after it, and the saldo at the end.
func (m *Module) BukuNasabah(ctx context.Context, id string, dari, sampai civil.Date) (Buku, error) {
	b := Buku{Dari: dari, Sampai: sampai, Baris: []BukuBaris{}}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if b.Nasabah, err = lihatNasabah(ctx, tx, id); err != nil {
			return err
		}
		if b.SaldoAwal, err = Saldo(ctx, tx, id, dari.AddDate(0, 0, -1)); err != nil {
			return err
		}
		var es []struct {
			Entri     `bun:",extend"`
			Dikoreksi bool `bun:"dikoreksi"`
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&es).
			ColumnExpr("e.*").
			ColumnExpr("EXISTS (SELECT 1 FROM sampah_entri AS k WHERE k.desa_id = e.desa_id AND k.koreksi_id <> '' AND k.koreksi_id = CAST(e.id AS TEXT)) AS dikoreksi").
			Where("e.nasabah_id = ?", id).Where("e.tanggal BETWEEN ? AND ?", dari, sampai).
			OrderExpr("e.tanggal, e.created_at, e.id"))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		saldo := b.SaldoAwal
		idx := map[string]int{}
		ids := make([]string, 0, len(es))
		for _, e := range es {
			saldo += e.Jumlah
			r := BukuBaris{ID: e.ID, Tanggal: e.Tanggal, Jenis: e.Jenis, Catatan: e.Catatan, KoreksiID: e.KoreksiID,
				Dikoreksi: e.Dikoreksi, Saldo: saldo, Rinci: []BukuRinci{}}
			if e.Jumlah >= 0 {
				r.Kredit = e.Jumlah
			} else {
				r.Debit = -e.Jumlah
			}
			b.TotalKredit += r.Kredit
			b.TotalDebit += r.Debit
			idx[e.ID] = len(b.Baris)
			ids = append(ids, e.ID)
			b.Baris = append(b.Baris, r)
		}
		b.SaldoAkhir = saldo
		if len(ids) == 0 {
			return nil
		}
		var rs []struct {
			EntriID string  `bun:"entri_id"`
			JenisID string  `bun:"jenis_id"`
			Kode    string  `bun:"kode"`
			Nama    string  `bun:"nama"`
			Satuan  string  `bun:"satuan"`
			Jumlah  Takaran `bun:"jumlah_milli"`
			Harga   int64   `bun:"harga"`
			Nilai   int64   `bun:"nilai"`
		}
		rq, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri_rinci AS r").
			Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
			ColumnExpr("r.entri_id, r.jenis_id, j.kode, j.nama, j.satuan, r.jumlah_milli, r.harga, r.nilai").
			Where("r.entri_id IN (?)", bun.In(ids)).OrderExpr("j.kelompok, j.kode"), "r.desa_id")
		if err != nil {
			return err
		}
		if err := rq.Scan(ctx, &rs); err != nil {
			return err
		}
		for _, r := range rs {
			if i, ok := idx[r.EntriID]; ok {
				b.Baris[i].Rinci = append(b.Baris[i].Rinci, BukuRinci{JenisID: r.JenisID, Kode: r.Kode, Nama: r.Nama,
					Satuan: r.Satuan, Jumlah: r.Jumlah, Harga: r.Harga, Nilai: r.Nilai})
			}
		}
		return nil
	})
	return b, err
}

// EntriTerakhir are the latest n entries of a nasabah, newest first.
func (m *Module) EntriTerakhir(ctx context.Context, id string, n int) ([]Entri, error) {
	if err := cekID(id, "Nasabah"); err != nil {
		return nil, err
	}
	var es []Entri
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&es).Where("e.nasabah_id = ?", id).
			OrderExpr("e.tanggal DESC, e.created_at DESC, e.id DESC").Limit(int64(n)))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	return es, err
}

// unitBankSampah are the desa's bank sampah units, and dusunNasabah the
// dusun its nasabah already live in (for the form's suggestions).
func unitBankSampah(ctx context.Context, tx bun.IDB) ([]Fasilitas, error) {
	return ListFasilitas(ctx, tx, FasilitasBankSampah)
}

func dusunNasabah(ctx context.Context, tx bun.IDB) ([]string, error) {
	var out []string
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Nasabah)(nil)).ColumnExpr("DISTINCT n.dusun").
		Where("n.dusun <> ''").OrderExpr("n.dusun").Limit(200))
	if err != nil {
		return nil, err
	}
	return out, q.Scan(ctx, &out)
}

// nasabahKartu are the active nasabah of a unit, by number, for its cards.
func nasabahKartu(ctx context.Context, tx bun.Tx, fasilitasID string) ([]Nasabah, error) {
	var ns []Nasabah
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ns).Where("n.fasilitas_id = ?", fasilitasID).
		Where("n.aktif").OrderExpr("n.nomor"))
	if err != nil {
		return nil, err
	}
	return ns, q.Scan(ctx)
}
