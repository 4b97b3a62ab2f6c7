package sampah

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The iuran kebersihan ledger: classes with a monthly rate, households,
// one bill per household and month (the rate copied when billed) and the
// payments against a bill. Payments are never edited; a reversing payment
// undoes one.

// Bounds of the ledger.
const (
	IuranTarifMaks   = 10_000_000 // rupiah per month of a class
	iuranPeriodeAwal = "2000-01"
)

// KelasIuran is a household class and its monthly rate.
type KelasIuran struct {
	bun.BaseModel `bun:"table:sampah_iuran_kelas,alias:k" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	Nama      string    `bun:"nama" json:"nama" example:"Rumah tangga"`
	Tarif     int64     `bun:"tarif" json:"tarif" doc:"Tarif per bulan (rupiah)" example:"15000"`
	Aktif     bool      `bun:"aktif" json:"aktif"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy string    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at" json:"diubah"`
}

// KelasIuranBaru is a class as the API and the page send it.
type KelasIuranBaru struct {
	Nama  string `json:"nama" maxLength:"60" doc:"Nama kelas, 3–60 karakter, unik di desa" example:"Rumah tangga"`
	Tarif int64  `json:"tarif" doc:"Tarif per bulan, Rp 0 sampai Rp 10.000.000" example:"15000"`
	Aktif *bool  `json:"aktif,omitempty" doc:"Kelas dapat dipakai untuk rumah tangga baru; kosong berarti true"`
}

func (in *KelasIuranBaru) periksa() error {
	in.Nama = strings.TrimSpace(in.Nama)
	var p valid.Problems
	p.Text("nama", "Nama kelas", in.Nama, 3, 60)
	p.Int("tarif", "Tarif", in.Tarif, 0, IuranTarifMaks)
	return p.Err()
}

// RumahIuran is a household that pays the iuran.
type RumahIuran struct {
	bun.BaseModel `bun:"table:sampah_iuran_rumah,alias:r" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	Nama      string    `bun:"nama" json:"nama" doc:"Nama kepala keluarga"`
	Dusun     string    `bun:"dusun" json:"dusun"`
	Alamat    string    `bun:"alamat" json:"alamat,omitempty"`
	KelasID   string    `bun:"kelas_id" json:"kelas_id"`
	Mulai     string    `bun:"mulai" json:"mulai" doc:"Bulan pertama ditagih (YYYY-MM)" example:"2026-01"`
	Aktif     bool      `bun:"aktif" json:"aktif" doc:"false: berhenti, tidak ditagih lagi"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
	UpdatedBy string    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at" json:"diubah"`
}

// RumahIuranBaru is a household as the API and the page send it.
type RumahIuranBaru struct {
	Nama    string `json:"nama" maxLength:"100" doc:"Nama kepala keluarga, 3–100 karakter" example:"I Wayan Sudarma"`
	Dusun   string `json:"dusun,omitempty" maxLength:"60" doc:"Dusun/banjar, paling banyak 60 karakter" example:"Banjar Tengah"`
	Alamat  string `json:"alamat,omitempty" maxLength:"200" doc:"Alamat, boleh kosong, paling banyak 200 karakter"`
	KelasID string `json:"kelas_id" doc:"Id kelas iuran yang aktif"`
	Mulai   string `json:"mulai" doc:"Bulan pertama ditagih (YYYY-MM), tidak setelah bulan berjalan" example:"2026-01"`
	Aktif   *bool  `json:"aktif,omitempty" doc:"false: berhenti, tidak ditagih lagi; kosong berarti true"`
}

func (in *RumahIuranBaru) periksa(bulanIni string) error {
	in.Nama, in.Dusun, in.Alamat = strings.TrimSpace(in.Nama), strings.TrimSpace(in.Dusun), strings.TrimSpace(in.Alamat)
	var p valid.Problems
	p.Text("nama", "Nama kepala keluarga", in.Nama, 3, 100)
	p.Text("dusun", "Dusun", in.Dusun, 0, 60)
	p.Text("alamat", "Alamat", in.Alamat, 0, 200)
	p.Required("kelas_id", "Kelas", in.KelasID != "")
	p.Include("mulai", cekPeriode("mulai", "Bulan mulai", in.Mulai, bulanIni))
	return p.Err()
}

// iuranYa reads an optional flag that defaults to true.
func iuranYa(b *bool) bool { return b == nil || *b }

// IuranAktif is a flag for KelasIuranBaru.Aktif and RumahIuranBaru.Aktif.
func IuranAktif(b bool) *bool { return &b }

// cekPeriode checks a month 'YYYY-MM' from 2000-01 up to bulanIni.
func cekPeriode(field, label, s, bulanIni string) error {
	if _, ok := bulanAwal(s); !ok {
		return fault.Field(field, "%s ditulis TTTT-BB, mis. %s.", label, bulanIni)
	}
	if s < iuranPeriodeAwal {
		return fault.Field(field, "%s tidak boleh sebelum %s.", label, iuranPeriodeAwal)
	}
	if s > bulanIni {
		return fault.Field(field, "%s tidak boleh setelah bulan berjalan (%s).", label, bulanIni)
	}
	return nil
}

// TagihanIuran is a household's bill for one month.
type TagihanIuran struct {
	bun.BaseModel `bun:"table:sampah_iuran_tagihan,alias:t" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	RumahID   string    `bun:"rumah_id" json:"rumah_id"`
	Periode   string    `bun:"periode" json:"periode" example:"2026-03"`
	KelasID   string    `bun:"kelas_id" json:"kelas_id"`
	Jumlah    int64     `bun:"jumlah" json:"jumlah" doc:"Tarif kelas saat ditagih (rupiah)"`
	Dibayar   int64     `bun:"dibayar" json:"dibayar" doc:"Jumlah pembayaran setelah koreksi"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"dibuat"`
}

// Sisa is what is still owed on the bill.
func (t TagihanIuran) Sisa() int64 { return t.Jumlah - t.Dibayar }

// BayarIuran is a payment against one bill, or (KoreksiID set, Jumlah
// negative) the reversal of one.
type BayarIuran struct {
	bun.BaseModel `bun:"table:sampah_iuran_bayar,alias:b" json:"-"`

	DesaID    int64      `bun:"desa_id,pk" json:"-"`
	ID        string     `bun:"id,pk" json:"id"`
	TagihanID string     `bun:"tagihan_id" json:"tagihan_id"`
	Tanggal   civil.Date `bun:"tanggal" json:"tanggal"`
	Jumlah    int64      `bun:"jumlah" json:"jumlah" doc:"Rupiah; negatif untuk pembayaran pembalik"`
	KoreksiID string     `bun:"koreksi_id" json:"koreksi_id,omitempty" doc:"Pembayaran yang dibalik"`
	Alasan    string     `bun:"alasan" json:"alasan,omitempty"`
	CreatedBy string     `bun:"created_by" json:"-"`
	CreatedAt time.Time  `bun:"created_at" json:"dibuat"`
}

// BayarIuranBaru is a payment as the API and the page send it.
type BayarIuranBaru struct {
	TagihanID string     `json:"tagihan_id" doc:"Id tagihan yang dibayar"`
	Tanggal   civil.Date `json:"tanggal" doc:"Tanggal bayar, tidak di masa depan"`
	Jumlah    int64      `json:"jumlah" doc:"Rupiah, 1 sampai sisa tagihan" example:"15000"`
}

// KoreksiBayarBaru is the reason a payment is reversed.
type KoreksiBayarBaru struct {
	Alasan string `json:"alasan" maxLength:"200" doc:"Alasan pembalikan, 3–200 karakter" example:"Salah catat rumah tangga"`
}

// bulanIni is the desa's current month 'YYYY-MM'.
func (m *Module) iuranBulanIni(ctx context.Context) (string, civil.Date) {
	today := m.hariIni(ctx)
	return string(today)[:7], today
}

// ListKelasIuran lists the desa's classes by name.
func (m *Module) ListKelasIuran(ctx context.Context) ([]KelasIuran, error) {
	var ks []KelasIuran
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ks).OrderExpr("k.aktif DESC, k.nama, k.id"))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	return ks, err
}

func getKelasIuran(ctx context.Context, idb bun.IDB, id, field string) (KelasIuran, error) {
	var k KelasIuran
	if cekID(id, "Data") != nil {
		return k, iuranMissing(field, "Kelas iuran")
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&k).Where("k.id = ?", id), iuranMissing(field, "Kelas iuran"))
	return k, err
}

// iuranMissing is a missing record named by a field (Invalid at it, for
// a body that names it) or by the path (NotFound).
func iuranMissing(field, what string) error {
	if field != "" {
		return fault.Field(field, "%s tidak ditemukan.", what)
	}
	return fault.New(fault.NotFound, "%s tidak ditemukan.", what)
}

// SimpanKelasIuran creates a class (id "") or changes one. A new rate
// applies to bills issued from then on only.
func (m *Module) SimpanKelasIuran(ctx context.Context, id string, in KelasIuranBaru) (KelasIuran, error) {
	var k KelasIuran
	if err := in.periksa(); err != nil {
		return k, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return k, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := m.now().UTC()
		if id != "" {
			if k, err = getKelasIuran(ctx, tx, id, ""); err != nil {
				return err
			}
		} else {
			k = KelasIuran{DesaID: desaID, ID: newID(), CreatedBy: pelakuID(ctx), CreatedAt: now}
		}
		var dup int64
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*KelasIuran)(nil)).
			Where("lower(k.nama) = ?", strings.ToLower(in.Nama)).Where("k.id <> ?", k.ID))
		if err != nil {
			return err
		}
		if dup, err = q.Count(ctx); err != nil {
			return err
		} else if dup > 0 {
			return fault.Field("nama", "Kelas bernama %s sudah ada.", in.Nama)
		}
		k.Nama, k.Tarif, k.Aktif, k.UpdatedBy, k.UpdatedAt = in.Nama, in.Tarif, iuranYa(in.Aktif), pelakuID(ctx), now
		if id == "" {
			_, err = tx.NewInsert().Model(&k).Exec(ctx)
			return err
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&k).Column("nama", "tarif", "aktif", "updated_by", "updated_at").
			Where("k.id = ?", k.ID))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return err
	})
	return k, err
}

// RumahIuranQuery filters the household list.
type RumahIuranQuery struct {
	Q      string // words of the name, dusun or address
	Dusun  string // exact dusun
	Cursor string
	Limit  int
}

type rumahKey struct {
	Nama string `json:"n"`
	ID   string `json:"id"`
}

// ListRumahIuran lists households by name, a page at a time.
func (m *Module) ListRumahIuran(ctx context.Context, in RumahIuranQuery) (page.Page[RumahIuran], error) {
	var rs []RumahIuran
	limit := page.Params{Limit: in.Limit}.Size()
	var key rumahKey
	after, err := page.Decode(in.Cursor, &key)
	if err != nil {
		return page.Page[RumahIuran]{}, err
	}
	var p valid.Problems
	p.Text("query.q", "Pencarian", in.Q, 0, 100)
	p.Text("query.dusun", "Dusun", in.Dusun, 0, 60)
	if err := p.Err(); err != nil {
		return page.Page[RumahIuran]{}, err
	}
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q := tx.NewSelect().Model(&rs).OrderExpr("r.nama, r.id").Limit(int64(limit + 1))
		if after {
			q = q.Where("(r.nama > ? OR (r.nama = ? AND r.id > ?))", key.Nama, key.Nama, key.ID)
		}
		if d := strings.TrimSpace(in.Dusun); d != "" {
			q = q.Where("r.dusun = ?", d)
		}
		for _, w := range strings.Fields(strings.ToLower(in.Q)) {
			like := "%" + db.EscapeLike(w) + "%"
			q = q.Where("(lower(r.nama) LIKE ? ESCAPE '\\' OR lower(r.dusun) LIKE ? ESCAPE '\\' OR lower(r.alamat) LIKE ? ESCAPE '\\')", like, like, like)
		}
		q, err := tenancy.Scope(ctx, q)
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return page.Page[RumahIuran]{}, err
	}
	return page.Of(rs, limit, func(r RumahIuran) rumahKey { return rumahKey{r.Nama, r.ID} }), nil
}

// GetRumahIuran reads one household.
func (m *Module) GetRumahIuran(ctx context.Context, id string) (RumahIuran, error) {
	var r RumahIuran
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		r, err = getRumahIuran(ctx, tx, id)
		return err
	})
	return r, err
}

func getRumahIuran(ctx context.Context, idb bun.IDB, id string) (RumahIuran, error) {
	var r RumahIuran
	if err := cekID(id, "Rumah tangga"); err != nil {
		return r, err
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&r).Where("r.id = ?", id), fault.New(fault.NotFound, "Rumah tangga tidak ditemukan."))
	return r, err
}

// DusunIuran lists the dusun the desa's households are in.
func (m *Module) DusunIuran(ctx context.Context) ([]string, error) {
	var ds []string
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*RumahIuran)(nil)).ColumnExpr("DISTINCT r.dusun").
			Where("r.dusun <> ''").OrderExpr("r.dusun"))
		if err != nil {
			return err
		}
		return q.Scan(ctx, &ds)
	})
	return ds, err
}

// SimpanRumahIuran registers a household (id "") or changes one. A new
// household's class must be active; a changed one may keep an inactive
// class it already had.
func (m *Module) SimpanRumahIuran(ctx context.Context, id string, in RumahIuranBaru) (RumahIuran, error) {
	var r RumahIuran
	bulanIni, _ := m.iuranBulanIni(ctx)
	if err := in.periksa(bulanIni); err != nil {
		return r, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return r, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := m.now().UTC()
		if id != "" {
			if r, err = getRumahIuran(ctx, tx, id); err != nil {
				return err
			}
		} else {
			r = RumahIuran{DesaID: desaID, ID: newID(), CreatedBy: pelakuID(ctx), CreatedAt: now}
		}
		k, err := getKelasIuran(ctx, tx, in.KelasID, "kelas_id")
		if err != nil {
			return err
		}
		if !k.Aktif && k.ID != r.KelasID {
			return fault.Field("kelas_id", "Kelas %s tidak aktif.", k.Nama)
		}
		r.Nama, r.Dusun, r.Alamat, r.KelasID, r.Mulai, r.Aktif = in.Nama, in.Dusun, in.Alamat, in.KelasID, in.Mulai, iuranYa(in.Aktif)
		r.UpdatedBy, r.UpdatedAt = pelakuID(ctx), now
		if id == "" {
			_, err = tx.NewInsert().Model(&r).Exec(ctx)
			return err
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&r).
			Column("nama", "dusun", "alamat", "kelas_id", "mulai", "aktif", "updated_by", "updated_at").Where("r.id = ?", r.ID))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return err
	})
	return r, err
}

// TerbitkanTagihan bills every active household that started on or
// before periode and has no bill for it yet, at its class's current
// rate; it reports how many bills it issued. Running it again issues
// none (the unique key on household and month holds even under two runs
// at once: the loser's insert is skipped).
func (m *Module) TerbitkanTagihan(ctx context.Context, periode string) (int, error) {
	bulanIni, _ := m.iuranBulanIni(ctx)
	if err := cekPeriode("periode", "Periode", periode, bulanIni); err != nil {
		return 0, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var rows []struct {
			ID      string `bun:"id"`
			KelasID string `bun:"kelas_id"`
			Tarif   int64  `bun:"tarif"`
		}
		q := tx.NewSelect().TableExpr("sampah_iuran_rumah AS r").
			Join("JOIN sampah_iuran_kelas AS k ON k.desa_id = r.desa_id AND k.id = r.kelas_id").
			ColumnExpr("r.id, r.kelas_id, k.tarif").
			Where("r.aktif").Where("r.mulai <= ?", periode).
			Where("NOT EXISTS (SELECT 1 FROM sampah_iuran_tagihan AS t WHERE t.desa_id = r.desa_id AND t.rumah_id = r.id AND t.periode = ?)", periode).
			OrderExpr("r.id")
		if err := scanDi(ctx, q, "r.desa_id", &rows); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		now, by := m.now().UTC(), pelakuID(ctx)
		ts := make([]TagihanIuran, len(rows))
		for i, r := range rows {
			ts[i] = TagihanIuran{DesaID: desaID, ID: newID(), RumahID: r.ID, Periode: periode, KelasID: r.KelasID,
				Jumlah: r.Tarif, CreatedBy: by, CreatedAt: now}
		}
		for start := 0; start < len(ts); start += 500 {
			chunk := ts[start:min(start+500, len(ts))]
			res, err := tx.NewInsert().Model(&chunk).On("CONFLICT (desa_id, rumah_id, periode) DO NOTHING").Exec(ctx)
			if err != nil {
				return err
			}
			c, _ := res.RowsAffected()
			n += int(c)
		}
		return nil
	})
	return n, err
}

// TagihanBaris is a bill with its household, for the month's list.
type TagihanBaris struct {
	TagihanIuran `bun:",extend"`
	Nama         string `bun:"nama" json:"nama"`
	Dusun        string `bun:"dusun" json:"dusun"`
}

// ListTagihan lists the bills of one month by household name.
func (m *Module) ListTagihan(ctx context.Context, periode string) ([]TagihanBaris, error) {
	bulanIni, _ := m.iuranBulanIni(ctx)
	if err := cekPeriode("query.periode", "Periode", periode, bulanIni); err != nil {
		return nil, err
	}
	var out []TagihanBaris
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q := tx.NewSelect().Model(&out).
			Join("JOIN sampah_iuran_rumah AS r ON r.desa_id = t.desa_id AND r.id = t.rumah_id").
			ColumnExpr("t.*, r.nama, r.dusun").Where("t.periode = ?", periode).OrderExpr("r.nama, t.id")
		q, err := tenancy.Scope(ctx, q)
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if out == nil {
		out = []TagihanBaris{}
	}
	return out, err
}

// TagihanRumah lists a household's bills, newest month first, and every
// payment against them, oldest first.
func (m *Module) TagihanRumah(ctx context.Context, rumahID string) ([]TagihanIuran, []BayarIuran, error) {
	var ts []TagihanIuran
	var bs []BayarIuran
	if err := cekID(rumahID, "Rumah tangga"); err != nil {
		return nil, nil, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ts).Where("t.rumah_id = ?", rumahID).OrderExpr("t.periode DESC"))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		bq := tx.NewSelect().Model(&bs).
			Where("b.tagihan_id IN (SELECT t.id FROM sampah_iuran_tagihan AS t WHERE t.desa_id = b.desa_id AND t.rumah_id = ?)", rumahID).
			OrderExpr("b.created_at, b.id")
		if bq, err = tenancy.Scope(ctx, bq); err != nil {
			return err
		}
		return bq.Scan(ctx)
	})
	return ts, bs, err
}

// BayarTagihan records a payment against one bill: 1 rupiah up to what is
// still owed, dated not in the future. The bill's dibayar grows by one
// conditional UPDATE, which PostgreSQL serialises on the bill's row, so two
// payments at once can never together exceed the bill.
func (m *Module) BayarTagihan(ctx context.Context, in BayarIuranBaru) (BayarIuran, error) {
	var b BayarIuran
	_, today := m.iuranBulanIni(ctx)
	var p valid.Problems
	p.Required("tagihan_id", "Tagihan", in.TagihanID != "")
	p.Required("tanggal", "Tanggal bayar", !in.Tanggal.IsZero())
	p.Date("tanggal", "Tanggal bayar", in.Tanggal, "2000-01-01", today)
	p.Int("jumlah", "Jumlah", in.Jumlah, 1, IuranTarifMaks)
	if err := p.Err(); err != nil {
		return b, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return b, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := getTagihan(ctx, tx, in.TagihanID, "tagihan_id")
		if err != nil {
			return err
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*TagihanIuran)(nil)).
			Set("dibayar = dibayar + ?", in.Jumlah).Where("t.id = ?", t.ID).Where("t.dibayar + ? <= t.jumlah", in.Jumlah))
		if err != nil {
			return err
		}
		res, err := upd.Exec(ctx)
		if err != nil {
			return err
		}
		if c, _ := res.RowsAffected(); c == 0 {
			t, _ = getTagihan(ctx, tx, t.ID, "tagihan_id")
			if t.Sisa() <= 0 {
				return fault.Field("jumlah", "Tagihan %s sudah lunas.", t.Periode)
			}
			return fault.Field("jumlah", "Jumlah melebihi sisa tagihan %s (Rp %s).", t.Periode, valid.Angka(t.Sisa()))
		}
		b = BayarIuran{DesaID: desaID, ID: newID(), TagihanID: t.ID, Tanggal: in.Tanggal, Jumlah: in.Jumlah,
			CreatedBy: pelakuID(ctx), CreatedAt: m.now().UTC()}
		_, err = tx.NewInsert().Model(&b).Exec(ctx)
		return err
	})
	return b, err
}

func getTagihan(ctx context.Context, idb bun.IDB, id, field string) (TagihanIuran, error) {
	var t TagihanIuran
	if cekID(id, "Data") != nil {
		return t, iuranMissing(field, "Tagihan")
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&t).Where("t.id = ?", id), iuranMissing(field, "Tagihan"))
	return t, err
}

// KoreksiBayar reverses a payment with a reversing payment naming it (the
// reason required); a payment is reversed at most once and a reversal is
// never reversed.
func (m *Module) KoreksiBayar(ctx context.Context, id string, in KoreksiBayarBaru) (BayarIuran, error) {
	var b BayarIuran
	in.Alasan = strings.TrimSpace(in.Alasan)
	var p valid.Problems
	p.Text("alasan", "Alasan", in.Alasan, 3, 200)
	if err := p.Err(); err != nil {
		return b, err
	}
	if err := cekID(id, "Pembayaran"); err != nil {
		return b, err
	}
	_, today := m.iuranBulanIni(ctx)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var asal BayarIuran
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&asal).Where("b.id = ?", id))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); db.IsNoRows(err) {
			return fault.New(fault.NotFound, "Pembayaran tidak ditemukan.")
		} else if err != nil {
			return err
		}
		if asal.KoreksiID != "" {
			return fault.New(fault.Conflict, "Pembayaran pembalik tidak dapat dibalik lagi.")
		}
		var done int64
		cq, err := tenancy.Scope(ctx, tx.NewSelect().Model((*BayarIuran)(nil)).Where("b.koreksi_id <> '' AND b.koreksi_id = ?", asal.ID))
		if err != nil {
			return err
		}
		if done, err = cq.Count(ctx); err != nil {
			return err
		} else if done > 0 {
			return fault.New(fault.Conflict, "Pembayaran ini sudah dibalik.")
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*TagihanIuran)(nil)).
			Set("dibayar = dibayar - ?", asal.Jumlah).Where("t.id = ?", asal.TagihanID).Where("t.dibayar >= ?", asal.Jumlah))
		if err != nil {
			return err
		}
		if res, err := upd.Exec(ctx); err != nil {
			return err
		} else if c, _ := res.RowsAffected(); c == 0 {
			return fault.New(fault.Conflict, "Pembayaran ini sudah dibalik.")
		}
		b = BayarIuran{DesaID: asal.DesaID, ID: newID(), TagihanID: asal.TagihanID, Tanggal: today, Jumlah: -asal.Jumlah,
			KoreksiID: asal.ID, Alasan: in.Alasan, CreatedBy: pelakuID(ctx), CreatedAt: m.now().UTC()}
		_, err = tx.NewInsert().Model(&b).Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.New(fault.Conflict, "Pembayaran ini sudah dibalik.")
		}
		return err
	})
	return b, err
}

// Tunggakan is a household's unpaid bills.
type Tunggakan struct {
	RumahID string   `json:"rumah_id"`
	Nama    string   `json:"nama"`
	Dusun   string   `json:"dusun"`
	Bulan   int      `json:"bulan" doc:"Jumlah bulan belum lunas"`
	Periode []string `json:"periode" doc:"Bulan-bulan yang belum lunas, urut"`
	Jumlah  int64    `json:"jumlah" doc:"Sisa tagihan seluruhnya (rupiah)"`
}

// Orders of the arrears list.
const (
	UrutJumlah = "jumlah"
	UrutBulan  = "bulan"
	UrutNama   = "nama"
)

// DaftarTunggakan lists every household with an unpaid bill, with its
// months and sum, largest sum first (or most months, or by name), of one
// dusun when dusun is not empty.
func (m *Module) DaftarTunggakan(ctx context.Context, urut, dusun string) ([]Tunggakan, error) {
	switch urut {
	case "":
		urut = UrutJumlah
	case UrutJumlah, UrutBulan, UrutNama:
	default:
		return nil, fault.Field("query.urut", "Urutan harus jumlah, bulan atau nama.")
	}
	var p valid.Problems
	p.Text("query.dusun", "Dusun", dusun, 0, 60)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var rows []struct {
		RumahID string `bun:"rumah_id"`
		Nama    string `bun:"nama"`
		Dusun   string `bun:"dusun"`
		Periode string `bun:"periode"`
		Sisa    int64  `bun:"sisa"`
	}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q := tx.NewSelect().TableExpr("sampah_iuran_tagihan AS t").
			Join("JOIN sampah_iuran_rumah AS r ON r.desa_id = t.desa_id AND r.id = t.rumah_id").
			ColumnExpr("t.rumah_id, r.nama, r.dusun, t.periode, t.jumlah - t.dibayar AS sisa").
			Where("t.dibayar < t.jumlah").OrderExpr("t.rumah_id, t.periode")
		if dusun != "" {
			q = q.Where("r.dusun = ?", dusun)
		}
		q, err := tenancy.ScopeColumn(ctx, q, "t.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	out := []Tunggakan{}
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].RumahID != r.RumahID {
			out = append(out, Tunggakan{RumahID: r.RumahID, Nama: r.Nama, Dusun: r.Dusun})
		}
		t := &out[len(out)-1]
		t.Bulan++
		t.Periode = append(t.Periode, r.Periode)
		t.Jumlah += r.Sisa
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch urut {
		case UrutJumlah:
			if a.Jumlah != b.Jumlah {
				return a.Jumlah > b.Jumlah
			}
		case UrutBulan:
			if a.Bulan != b.Bulan {
				return a.Bulan > b.Bulan
			}
		}
		if a.Nama != b.Nama {
			return a.Nama < b.Nama
		}
		return a.RumahID < b.RumahID
	})
	return out, nil
}

// BulanIuran is one month's totals of the ledger, without any name.
type BulanIuran struct {
	Periode   string `bun:"periode" json:"periode"`
	Rumah     int    `bun:"rumah" json:"rumah" doc:"Jumlah rumah tangga ditagih"`
	Ditagih   int64  `bun:"ditagih" json:"ditagih"`
	Terkumpul int64  `bun:"terkumpul" json:"terkumpul"`
	Tunggakan int64  `bun:"tunggakan" json:"tunggakan"`
}

// RingkasanIuran sums the bills of each month of tahun: billed, collected
// (payments net of reversals) and outstanding.
func (m *Module) RingkasanIuran(ctx context.Context, tahun int) ([]BulanIuran, error) {
	var out []BulanIuran
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q := tx.NewSelect().TableExpr("sampah_iuran_tagihan AS t").
			ColumnExpr("t.periode, count(*) AS rumah, sum(t.jumlah) AS ditagih, sum(t.dibayar) AS terkumpul, sum(t.jumlah - t.dibayar) AS tunggakan").
			Where("t.periode >= ? AND t.periode <= ?", strconv.Itoa(tahun)+"-01", strconv.Itoa(tahun)+"-12").
			GroupExpr("t.periode").OrderExpr("t.periode")
		q, err := tenancy.ScopeColumn(ctx, q, "t.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &out)
	})
	if out == nil {
		out = []BulanIuran{}
	}
	return out, err
}
