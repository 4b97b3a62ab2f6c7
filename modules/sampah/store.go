package sampah

import (
	"context"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The reads every part shares. Each runs on idb — a transaction the caller
// opened with the desa as tenant (m.db.Tx / m.db.ReadOne) — and is scoped
// to that desa in code as well as by RLS.

// newID is a fresh UUIDv7 as text (ids are made in Go for both engines).
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// pelakuID is the signed-in user acting in ctx, for created_by.
func pelakuID(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "system"
}

// hariIni is today on the wall of the kantor desa of ctx (the tenant).
func (m *Module) hariIni(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// catatUnduh records a download or print of personal data (UU 27/2022
// Pasal 31) in the desa's audit log.
func (m *Module) catatUnduh(ctx context.Context, action, object string) error {
	if m.audit == nil {
		return nil
	}
	t, _ := tenancy.From(ctx)
	actor := pelakuID(ctx)
	if actor == "system" {
		actor = audit.ActorAnon
	}
	return m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: actor, Action: action, Object: object,
		Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)})
}

// bacaSatu scans the one row of the tenant desa that sel finds (sel
// selects into its model); none is the error missing.
func bacaSatu(ctx context.Context, sel *bun.SelectQuery, missing error) error {
	q, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return missing
	}
	return err
}

// scanDi scans q, scoped to the tenant (or the wilayah of the tenant)
// by its desa column col, into dst.
func scanDi(ctx context.Context, q *bun.SelectQuery, col string, dst ...any) error {
	q, err := tenancy.ScopeColumn(ctx, q, col)
	if err != nil {
		return err
	}
	return q.Scan(ctx, dst...)
}

// bulanAwal reads a month written exactly "TTTT-BB" as its first day.
func bulanAwal(s string) (civil.Date, bool) {
	if len(s) != 7 {
		return "", false
	}
	d, err := civil.ParseDate(s + "-01")
	return d, err == nil
}

// cekID refuses an id that is no UUID with NotFound, before any query (a
// PostgreSQL UUID column would otherwise fail the cast with a 500).
func cekID(id, what string) error {
	if _, err := uuid.Parse(id); err != nil {
		return fault.New(fault.NotFound, "%s tidak ditemukan.", what)
	}
	return nil
}

// GetFasilitas reads one facility of the tenant desa.
func GetFasilitas(ctx context.Context, idb bun.IDB, id string) (Fasilitas, error) {
	var f Fasilitas
	if err := cekID(id, "Fasilitas"); err != nil {
		return f, err
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&f).Where("f.id = ?", id), fault.New(fault.NotFound, "Fasilitas tidak ditemukan."))
	return f, err
}

// ListFasilitas lists the tenant desa's facilities of the given jenis (all
// when none), by jenis then name.
func ListFasilitas(ctx context.Context, idb bun.IDB, jenis ...string) ([]Fasilitas, error) {
	var fs []Fasilitas
	q := idb.NewSelect().Model(&fs).OrderExpr("f.jenis, f.nama, f.id")
	if len(jenis) > 0 {
		q = q.Where("f.jenis IN (?)", bun.In(jenis))
	}
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return nil, err
	}
	return fs, q.Scan(ctx)
}

// butuhJenis checks that f is a facility of one of jenis, with a Bahasa
// message naming what the page or call needs.
func butuhJenis(f Fasilitas, field string, jenis ...string) error {
	for _, j := range jenis {
		if f.Jenis == j {
			return nil
		}
	}
	names := make([]string, len(jenis))
	for i, j := range jenis {
		names[i] = NamaJenisFasilitas(j)
	}
	return fault.Field(field, "%s bukan %s.", f.Nama, strings.Join(names, " atau "))
}

// NamaJenisFasilitas names a facility's jenis for a page.
func NamaJenisFasilitas(j string) string {
	switch j {
	case FasilitasTPS3R:
		return "TPS3R"
	case FasilitasBankSampah:
		return "bank sampah"
	case FasilitasTPS:
		return "TPS"
	case FasilitasDepo:
		return "depo"
	}
	return j
}

// GetNasabah reads one nasabah of the tenant desa.
func GetNasabah(ctx context.Context, idb bun.IDB, id string) (Nasabah, error) {
	var n Nasabah
	if err := cekID(id, "Nasabah"); err != nil {
		return n, err
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&n).Where("n.id = ?", id), fault.New(fault.NotFound, "Nasabah tidak ditemukan."))
	return n, err
}

// CariNasabah finds up to limit nasabah of a bank sampah by member number
// (exact, when q is a number) or by words of the name or dusun, active
// ones first.
func CariNasabah(ctx context.Context, idb bun.IDB, fasilitasID, q string, limit int) ([]Nasabah, error) {
	if err := cekID(fasilitasID, "Bank sampah"); err != nil {
		return nil, err
	}
	var ns []Nasabah
	sel := idb.NewSelect().Model(&ns).Where("n.fasilitas_id = ?", fasilitasID).
		OrderExpr("n.aktif DESC, n.nama, n.nomor").Limit(int64(limit))
	sel, err := tenancy.Scope(ctx, nasabahCocok(sel, q))
	if err != nil {
		return nil, err
	}
	return ns, sel.Scan(ctx)
}

// nasabahCocok narrows a select of nasabah (alias n) to those matching q:
// the member number when q is one, else every word of q in the name or
// the dusun.
func nasabahCocok(sel *bun.SelectQuery, q string) *bun.SelectQuery {
	q = strings.TrimSpace(q)
	if nomor, ok := nomorAnggota(q); ok {
		return sel.Where("n.nomor = ?", nomor)
	}
	for _, w := range strings.Fields(strings.ToLower(q)) {
		like := "%" + db.EscapeLike(w) + "%"
		sel = sel.Where("(lower(n.nama) LIKE ? ESCAPE '\\' OR lower(n.dusun) LIKE ? ESCAPE '\\')", like, like)
	}
	return sel
}

// nomorAnggota reads a member number as typed or scanned ("17", "0017").
func nomorAnggota(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, n > 0
}

// Saldo is a nasabah's balance: the sum of its entries (rupiah), and the
// weight it has deposited in kg-counted jenis (grams), up to and including
// sampai ("" for all).
func Saldo(ctx context.Context, idb bun.IDB, nasabahID string, sampai civil.Date) (int64, error) {
	var s struct {
		Saldo int64 `bun:"saldo"`
	}
	q := idb.NewSelect().TableExpr("sampah_entri AS e").ColumnExpr("coalesce(sum(e.jumlah), 0) AS saldo").
		Where("e.nasabah_id = ?", nasabahID)
	if sampai != "" {
		q = q.Where("e.tanggal <= ?", sampai)
	}
	q, err := tenancy.ScopeColumn(ctx, q, "e.desa_id")
	if err != nil {
		return 0, err
	}
	if err := q.Scan(ctx, &s); err != nil {
		return 0, err
	}
	return s.Saldo, nil
}

// HargaBerlaku is the price of each of jenisIDs in force on tanggal (the
// latest berlaku_mulai on or before it); a jenis with no price by then is
// absent from the map.
func HargaBerlaku(ctx context.Context, idb bun.IDB, jenisIDs []string, tanggal civil.Date) (map[string]int64, error) {
	out := map[string]int64{}
	if len(jenisIDs) == 0 {
		return out, nil
	}
	var hs []Harga
	q := idb.NewSelect().Model(&hs).
		Where("h.jenis_id IN (?)", bun.In(jenisIDs)).Where("h.berlaku_mulai <= ?", tanggal).
		OrderExpr("h.jenis_id, h.berlaku_mulai DESC")
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return nil, err
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	for _, h := range hs {
		if _, seen := out[h.JenisID]; !seen {
			out[h.JenisID] = h.Harga
		}
	}
	return out, nil
}

// ListJenis lists the jenis sampah of a bank sampah (all, or active only),
// by kelompok then kode.
func ListJenis(ctx context.Context, idb bun.IDB, fasilitasID string, aktifSaja bool) ([]JenisSampah, error) {
	if err := cekID(fasilitasID, "Bank sampah"); err != nil {
		return nil, err
	}
	var js []JenisSampah
	q := idb.NewSelect().Model(&js).Where("j.fasilitas_id = ?", fasilitasID).OrderExpr("j.kelompok, j.kode")
	if aktifSaja {
		q = q.Where("j.aktif")
	}
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return nil, err
	}
	return js, q.Scan(ctx)
}
