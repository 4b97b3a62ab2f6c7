package persuratan

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Lampiran is the stored attachment of a letter (a scan or the signed
// original), kept in blob storage under Key.
type Lampiran struct {
	Key    string `bun:"lampiran_key,nullzero" json:"-"`
	Nama   string `bun:"lampiran_nama,nullzero" json:"nama"`
	Tipe   string `bun:"lampiran_tipe,nullzero" json:"tipe"`
	Ukuran int64  `bun:"lampiran_ukuran,nullzero" json:"ukuran"`
}

// SuratKeluar is one entry of the buku agenda surat keluar (Permendagri
// 47/2016): number, date, kode klasifikasi and its uraian as valid on that
// date, addressee and subject. Service letters also carry the resident
// (Pemohon), the letterhead and the signer as printed, and their PDF.
type SuratKeluar struct {
	bun.BaseModel `bun:"table:surat_keluar,alias:sk"`

	DesaID               int64      `bun:"desa_id,pk"`
	ID                   string     `bun:"id,pk"`
	Tahun                int        `bun:"tahun"`
	Lingkup              string     `bun:"lingkup"`
	Urut                 int64      `bun:"urut"`
	Nomor                string     `bun:"nomor"`
	Tanggal              Tanggal    `bun:"tanggal"`
	Jenis                string     `bun:"jenis"`
	KlasifikasiKode      string     `bun:"klasifikasi_kode"`
	KlasifikasiUraian    string     `bun:"klasifikasi_uraian"`
	Tujuan               string     `bun:"tujuan"`
	Perihal              string     `bun:"perihal"`
	Pemohon              *Pemohon   `bun:"pemohon"`
	PenandatanganNama    string     `bun:"penandatangan_nama"`
	PenandatanganJabatan string     `bun:"penandatangan_jabatan"`
	Kop                  Letterhead `bun:"kop"`
	PDFKey               string     `bun:"pdf_key,nullzero"`
	Lampiran
	// A cancelled letter keeps its number and its row; BatalAt says when.
	BatalAt     *time.Time `bun:"batal_at"`
	BatalOleh   string     `bun:"batal_oleh,nullzero"`
	BatalAlasan string     `bun:"batal_alasan,nullzero"`
	CreatedBy   string     `bun:"created_by"`
	CreatedAt   time.Time  `bun:"created_at"`
}

// Unduhan is one download of a service letter's PDF: who, when, through
// which door (api or web).
type Unduhan struct {
	bun.BaseModel `bun:"table:surat_unduhan,alias:su"`

	DesaID        int64     `bun:"desa_id,pk" json:"-"`
	ID            string    `bun:"id,pk" json:"id"`
	SuratKeluarID string    `bun:"surat_keluar_id" json:"surat_keluar_id"`
	Oleh          string    `bun:"oleh" json:"oleh" doc:"Id pengguna"`
	OlehNama      string    `bun:"oleh_nama" json:"oleh_nama" doc:"Nama pengguna saat mengunduh"`
	Saluran       string    `bun:"saluran" json:"saluran" enum:"api,web"`
	CreatedAt     time.Time `bun:"created_at" json:"waktu"`
}

func listUnduhan(ctx context.Context, idb bun.IDB, suratID string, q page.Params) (page.Page[Unduhan], error) {
	var after idKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Unduhan]{}, err
	}
	rows := []Unduhan{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("su.surat_keluar_id = ?", suratID))
	if err != nil {
		return page.Page[Unduhan]{}, err
	}
	if has {
		sel = sel.Where("su.id < ?", after.ID)
	}
	if err := sel.Order("su.id DESC").Limit(int64(q.Size()) + 1).Scan(ctx); err != nil {
		return page.Page[Unduhan]{}, err
	}
	return page.Of(rows, q.Size(), func(u Unduhan) idKey { return idKey{u.ID} }), nil
}

// SuratMasuk is one entry of the buku agenda surat masuk: its agenda
// number, the day it arrived, and the sender's number, date and subject.
type SuratMasuk struct {
	bun.BaseModel `bun:"table:surat_masuk,alias:sm"`

	DesaID            int64   `bun:"desa_id,pk"`
	ID                string  `bun:"id,pk"`
	Tahun             int     `bun:"tahun"`
	Lingkup           string  `bun:"lingkup"`
	NomorAgenda       int64   `bun:"nomor_agenda"`
	TanggalTerima     Tanggal `bun:"tanggal_terima"`
	NomorSurat        string  `bun:"nomor_surat"`
	TanggalSurat      Tanggal `bun:"tanggal_surat"`
	Pengirim          string  `bun:"pengirim"`
	Perihal           string  `bun:"perihal"`
	KlasifikasiKode   string  `bun:"klasifikasi_kode"`
	KlasifikasiUraian string  `bun:"klasifikasi_uraian"`
	Lampiran
	CreatedBy string    `bun:"created_by"`
	CreatedAt time.Time `bun:"created_at"`
}

// Disposisi is an instruction on an incoming letter to a perangkat desa,
// by name and post (or the administration module's id), with a note and a
// done mark.
type Disposisi struct {
	bun.BaseModel `bun:"table:surat_disposisi,alias:sd"`

	DesaID        int64      `bun:"desa_id,pk" json:"-"`
	ID            string     `bun:"id,pk" json:"id"`
	SuratMasukID  string     `bun:"surat_masuk_id" json:"surat_masuk_id"`
	KepadaNama    string     `bun:"kepada_nama" json:"kepada_nama"`
	KepadaJabatan string     `bun:"kepada_jabatan" json:"kepada_jabatan"`
	PerangkatID   string     `bun:"perangkat_id" json:"perangkat_id,omitempty"`
	Catatan       string     `bun:"catatan" json:"catatan"`
	Selesai       bool       `bun:"selesai" json:"selesai"`
	SelesaiAt     *time.Time `bun:"selesai_at" json:"selesai_at,omitempty"`
	SelesaiBy     string     `bun:"selesai_by,nullzero" json:"-"`
	CreatedBy     string     `bun:"created_by" json:"-"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
}

type pengaturanRow struct {
	bun.BaseModel `bun:"table:surat_pengaturan,alias:sp"`

	DesaID    int64     `bun:"desa_id,pk"`
	Format    string    `bun:"format"`
	Kebijakan Kebijakan `bun:"kebijakan"`
	KodeDesa  string    `bun:"kode_desa"`
	UpdatedBy string    `bun:"updated_by"`
	UpdatedAt time.Time `bun:"updated_at"`
}

// loadPengaturan returns the desa's numbering settings, or the defaults.
func loadPengaturan(ctx context.Context, idb bun.IDB, desa tenancy.Kode) (Pengaturan, error) {
	var row pengaturanRow
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&row))
	if err != nil {
		return Pengaturan{}, err
	}
	err = q.Scan(ctx)
	if db.IsNoRows(err) {
		return defaultPengaturan(desa), nil
	}
	if err != nil {
		return Pengaturan{}, err
	}
	return Pengaturan{Format: row.Format, Kebijakan: row.Kebijakan, KodeDesa: row.KodeDesa}, nil
}

func savePengaturan(ctx context.Context, idb bun.IDB, row *pengaturanRow) error {
	_, err := idb.NewInsert().Model(row).
		On("CONFLICT (desa_id) DO UPDATE").
		Set("format = EXCLUDED.format").
		Set("kebijakan = EXCLUDED.kebijakan").
		Set("kode_desa = EXCLUDED.kode_desa").
		Set("updated_by = EXCLUDED.updated_by").
		Set("updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// kebijakanTahun is the sequence policy year tahun of the desa is numbered
// under: the one in force when the year took its first number, recorded
// then and kept. A backdated letter of an earlier year therefore continues
// that year's own sequences even after the desa switched policy; a fresh
// sequence would hand out "001" a second time.
func kebijakanTahun(ctx context.Context, tx bun.Tx, desaID int64, tahun int, current Kebijakan) (Kebijakan, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO surat_tahun (desa_id, tahun, kebijakan) VALUES (?, ?, ?)
		ON CONFLICT (desa_id, tahun) DO NOTHING`, desaID, tahun, current); err != nil {
		return "", err
	}
	var k Kebijakan
	err := tx.QueryRowContext(ctx, `SELECT kebijakan FROM surat_tahun WHERE desa_id = ? AND tahun = ?`, desaID, tahun).Scan(&k)
	return k, err
}

// takeUrutan increments the counter of (desa, lingkup, tahun), creating it
// at 1, and returns the new value. The upsert locks the row until the
// transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
// writers), so concurrent letters queue here and each gets the next number.
//
// The number is also kept above every number the year's register already
// holds in the same numbering (usedUrut): a year numbered before policies
// were fixed per year may mix sequences, and their counters alone would
// repeat a number there. Where the counter is right, which is always since
// then, this changes nothing and leaves no gap.
//
// Both travel in one statement: the row lock is the point every letter of
// a desa queues on, so each round trip held under it costs every letter
// behind it (loadbench create: usedUrut's own query after the upsert was
// one of nine round trips under the lock). The registers are read with the
// statement's snapshot, taken before the lock; a letter committed while
// this one waited is not seen there, but it took its number through this
// counter, whose latest value the upsert does see.
func takeUrutan(ctx context.Context, tx bun.Tx, desaID int64, lingkup string, tahun int) (Urutan, error) {
	used, usedArgs := usedUrutSQL(lingkup, desaID, tahun)
	greatest := "max"
	if tx.Dialect().Name() == dialect.PG {
		greatest = "GREATEST"
	}
	args := []any{desaID, lingkup, tahun}
	args = append(args, usedArgs...)
	args = append(args, usedArgs...)
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO surat_urutan (desa_id, lingkup, tahun, terakhir) VALUES (?, ?, ?, `+used+` + 1)
		ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = `+greatest+`(surat_urutan.terakhir + 1, `+used+` + 1)
		RETURNING terakhir`, args...).Scan(&n)
	if err != nil {
		return Urutan{}, err
	}
	return Urutan{Lingkup: lingkup, Tahun: tahun, Nomor: n}, nil
}

// usedUrutSQL is usedUrut as one SQL expression and its arguments.
//
// Each register's highest number is read as ORDER BY … DESC LIMIT 1 on a
// unique index that has the number right after the columns compared for
// equality — (desa_id, lingkup, tahun, urut), (desa_id, tahun,
// nomor_agenda, …) — so PostgreSQL reads one index entry however long the
// year's register is. The earlier max(urut) over substr(lingkup, …) <>
// 'keluar:' read every letter of the year, under the row lock every letter
// of the desa queues on: 2 ms at 3,800 letters, and the load benchmark's
// 200 letters a second queued behind it (issue 9). Without a per-jenis
// policy the surat keluar register holds the sequences "agenda" and
// "keluar" (lingkupKeluar), so the two are read one by one.
func usedUrutSQL(lingkup string, desaID int64, tahun int) (string, []any) {
	var parts []string
	var args []any
	keluar := func(l string) {
		parts = append(parts, `SELECT coalesce((SELECT urut FROM surat_keluar WHERE desa_id = ? AND lingkup = ? AND tahun = ? ORDER BY urut DESC LIMIT 1), 0) AS v`)
		args = append(args, desaID, l, tahun)
	}
	if lingkup != "masuk" {
		if strings.HasPrefix(lingkup, "keluar:") {
			keluar(lingkup)
		} else {
			keluar("agenda")
			keluar("keluar")
		}
	}
	if lingkup == "masuk" || lingkup == "agenda" {
		parts = append(parts, `SELECT coalesce((SELECT nomor_agenda FROM surat_masuk WHERE desa_id = ? AND tahun = ? ORDER BY nomor_agenda DESC LIMIT 1), 0) AS v`)
		args = append(args, desaID, tahun)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ")", args
	}
	// Registers that share the sequence: the largest of their highest
	// numbers (max over a UNION ALL works alike on both engines).
	return "(SELECT max(v) FROM (" + strings.Join(parts, " UNION ALL ") + ") AS used)", args
}

// usedUrut is the highest number year tahun already gave in the numbering
// sequence lingkup belongs to, as the unique indexes of the registers
// group them: "keluar" and "agenda" share the surat keluar register, a
// "keluar:<jenis>" sequence is its own, and "agenda" and "masuk" share the
// surat masuk agenda.
func usedUrut(ctx context.Context, tx bun.Tx, desaID int64, lingkup string, tahun int) (int64, error) {
	q, args := usedUrutSQL(lingkup, desaID, tahun)
	var used int64
	err := tx.QueryRowContext(ctx, "SELECT "+q, args...).Scan(&used)
	return used, err
}

// parseID accepts only UUIDs: anything else cannot name a row, and
// PostgreSQL would fail on it rather than find nothing.
func parseID(s, what string) (string, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return "", fault.New(fault.NotFound, "%s tidak ditemukan", what)
	}
	return u.String(), nil
}

func findKeluar(ctx context.Context, idb bun.IDB, id string) (SuratKeluar, error) {
	var s SuratKeluar
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&s).Where("sk.id = ?", id))
	if err != nil {
		return s, err
	}
	err = q.Scan(ctx)
	if db.IsNoRows(err) {
		return s, fault.New(fault.NotFound, "surat keluar tidak ditemukan")
	}
	return s, err
}

func findMasuk(ctx context.Context, idb bun.IDB, id string) (SuratMasuk, error) {
	var s SuratMasuk
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&s).Where("sm.id = ?", id))
	if err != nil {
		return s, err
	}
	err = q.Scan(ctx)
	if db.IsNoRows(err) {
		return s, fault.New(fault.NotFound, "surat masuk tidak ditemukan")
	}
	return s, err
}

func findDisposisi(ctx context.Context, idb bun.IDB, id string) (Disposisi, error) {
	var d Disposisi
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&d).Where("sd.id = ?", id))
	if err != nil {
		return d, err
	}
	err = q.Scan(ctx)
	if db.IsNoRows(err) {
		return d, fault.New(fault.NotFound, "disposisi tidak ditemukan")
	}
	return d, err
}

func disposisiOf(ctx context.Context, idb bun.IDB, suratMasukID string) ([]Disposisi, error) {
	rows := []Disposisi{}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("sd.surat_masuk_id = ?", suratMasukID).Order("sd.id"))
	if err != nil {
		return nil, err
	}
	return rows, q.Scan(ctx)
}

// ListQuery filters a register. Lists run newest first.
type ListQuery struct {
	page.Params
	Tahun       int    // 0 for every year
	Klasifikasi string // a code and the codes under it
	Q           string // substring of number, addressee/sender or subject
	Jenis       string // surat keluar only
}

type idKey struct {
	ID string `json:"i"`
}

// registerKey orders a register as its buku agenda reads: newest date
// first, and by id (issue order) within one day.
type registerKey struct {
	Tanggal Tanggal `json:"t"`
	ID      string  `json:"i"`
}

// listFilters applies q to a register query on alias a, whose date column
// is dateCol.
func listFilters(sel *bun.SelectQuery, a, dateCol string, q ListQuery, textCols ...string) (*bun.SelectQuery, error) {
	var after registerKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return nil, err
	}
	if has {
		d := a + "." + dateCol
		sel = sel.Where("("+d+" < ? OR ("+d+" = ? AND "+a+".id < ?))", after.Tanggal, after.Tanggal, after.ID)
	}
	if q.Tahun != 0 {
		sel = sel.Where(a+".tahun = ?", q.Tahun)
	}
	if k := strings.TrimSpace(q.Klasifikasi); k != "" {
		sel = sel.Where("("+a+".klasifikasi_kode = ? OR "+a+".klasifikasi_kode LIKE ? ESCAPE '!')", k, db.EscapeLike(k)+".%")
	}
	if s := strings.TrimSpace(q.Q); s != "" {
		like := "%" + db.EscapeLike(strings.ToLower(s)) + "%"
		conds := make([]string, len(textCols))
		args := make([]any, len(textCols))
		for i, c := range textCols {
			conds[i] = "lower(" + a + "." + c + ") LIKE ? ESCAPE '!'"
			args[i] = like
		}
		sel = sel.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	return sel.OrderExpr(a + "." + dateCol + " DESC, " + a + ".id DESC").Limit(int64(q.Size()) + 1), nil
}

func listKeluar(ctx context.Context, idb bun.IDB, q ListQuery) (page.Page[SuratKeluar], error) {
	rows := []SuratKeluar{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows))
	if err != nil {
		return page.Page[SuratKeluar]{}, err
	}
	if q.Jenis != "" {
		sel = sel.Where("sk.jenis = ?", q.Jenis)
	}
	sel, err = listFilters(sel, "sk", "tanggal", q, "nomor", "tujuan", "perihal")
	if err != nil {
		return page.Page[SuratKeluar]{}, err
	}
	if err := sel.Scan(ctx); err != nil {
		return page.Page[SuratKeluar]{}, err
	}
	return page.Of(rows, q.Size(), func(s SuratKeluar) registerKey { return registerKey{s.Tanggal, s.ID} }), nil
}

func listMasuk(ctx context.Context, idb bun.IDB, q ListQuery) (page.Page[SuratMasuk], error) {
	rows := []SuratMasuk{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows))
	if err != nil {
		return page.Page[SuratMasuk]{}, err
	}
	sel, err = listFilters(sel, "sm", "tanggal_terima", q, "nomor_surat", "pengirim", "perihal")
	if err != nil {
		return page.Page[SuratMasuk]{}, err
	}
	if err := sel.Scan(ctx); err != nil {
		return page.Page[SuratMasuk]{}, err
	}
	return page.Of(rows, q.Size(), func(s SuratMasuk) registerKey { return registerKey{s.TanggalTerima, s.ID} }), nil
}

// DisposisiQuery filters the desa's disposisi.
type DisposisiQuery struct {
	page.Params
	Selesai *bool // nil for all
}

func listDisposisi(ctx context.Context, idb bun.IDB, q DisposisiQuery) (page.Page[Disposisi], error) {
	var after idKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Disposisi]{}, err
	}
	rows := []Disposisi{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows))
	if err != nil {
		return page.Page[Disposisi]{}, err
	}
	if has {
		sel = sel.Where("sd.id < ?", after.ID)
	}
	if q.Selesai != nil {
		sel = sel.Where("sd.selesai = ?", *q.Selesai)
	}
	if err := sel.Order("sd.id DESC").Limit(int64(q.Size()) + 1).Scan(ctx); err != nil {
		return page.Page[Disposisi]{}, err
	}
	return page.Of(rows, q.Size(), func(d Disposisi) idKey { return idKey{d.ID} }), nil
}

// countRow is one desa's count in a statistics query.
type countRow struct {
	DesaID int64 `bun:"desa_id"`
	Jumlah int64 `bun:"jumlah"`
}

func countPerDesa(ctx context.Context, idb bun.IDB, table, alias string, tahun int, where string, args ...any) ([]countRow, error) {
	var rows []countRow
	sel := idb.NewSelect().TableExpr(table+" AS "+alias).
		ColumnExpr(alias+".desa_id").ColumnExpr("count(*) AS jumlah").
		Where(alias+".tahun = ?", tahun).
		GroupExpr(alias + ".desa_id").OrderExpr(alias + ".desa_id")
	if where != "" {
		sel = sel.Where(where, args...)
	}
	sel, err := tenancy.ScopeColumn(ctx, sel, alias+".desa_id")
	if err != nil {
		return nil, err
	}
	return rows, sel.Scan(ctx, &rows)
}
