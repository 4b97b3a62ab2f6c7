package db_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type scanKelompok struct {
	bun.BaseModel `bun:"table:scan_kelompok,alias:k"`
	ID            uuid.UUID `bun:"id,pk"`
	Nama          string    `bun:"nama"`
}

type scanAnggota struct {
	bun.BaseModel `bun:"table:scan_anggota,alias:a"`
	ID            uuid.UUID     `bun:"id,pk"`
	Nama          string        `bun:"nama"`
	Catatan       string        `bun:"catatan"` // NULL in some rows
	Umur          int           `bun:"umur"`
	Saldo         float64       `bun:"saldo"`
	Aktif         bool          `bun:"aktif"`
	Lahir         time.Time     `bun:"lahir,type:date"`
	Dibuat        time.Time     `bun:"dibuat"`
	Ubah          *time.Time    `bun:"ubah"`
	Data          []byte        `bun:"data"`
	Tags          []string      `bun:"tags,array"`
	KelompokID    *uuid.UUID    `bun:"kelompok_id"`
	Kelompok      *scanKelompok `bun:"rel:belongs-to,join:kelompok_id=id"`
}

// TestScanDirectMatchesBun: a ReadOne's rows read straight from the driver
// (scanDirect) fill the model exactly as bun's own scan of the same query
// does — every type, NULLs, a LEFT JOIN that found nothing (its struct stays
// nil), a struct, a slice and a slice of pointers, no row — and a query on
// another connection than ReadOne's takes bun's path.
func TestScanDirectMatchesBun(t *testing.T) {
	ownerURL, appURL := dbtest.NewPostgresDatabase(t)
	bg := context.Background()
	owner, err := db.Open(bg, ownerURL, db.Options{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if _, err := owner.ExecContext(bg, `
		CREATE TABLE scan_kelompok (id uuid PRIMARY KEY, nama text NOT NULL);
		CREATE TABLE scan_anggota (id uuid PRIMARY KEY, nama text NOT NULL, catatan text, umur int, saldo numeric(12,2),
			aktif boolean, lahir date, dibuat timestamptz, ubah timestamptz, data bytea, tags text[], kelompok_id uuid);
		GRANT SELECT ON scan_kelompok, scan_anggota TO PUBLIC;
		INSERT INTO scan_kelompok VALUES ('01a23a1a-0000-7000-8000-000000000001', 'Sekaa Teruna');
		INSERT INTO scan_anggota VALUES
			('01a23a1a-0000-7000-8000-000000000011', 'I Made "Dek" Sudarsana', 'pengurus', 41, 1250000.50, true,
			 '1985-02-28', '2026-12-03 04:05:06.123456+00', '2026-12-03 11:00:00+08', '\x0001ff', '{banjar,"sekaa teruna"}',
			 '01a23a1a-0000-7000-8000-000000000001'),
			('01a23a1a-0000-7000-8000-000000000012', 'Ni Luh Ariani', NULL, NULL, NULL, NULL, NULL, '1999-12-31 23:59:59+00',
			 NULL, NULL, NULL, NULL),
			('01a23a1a-0000-7000-8000-000000000013', 'I Wayan', '', 0, 0, false, '2000-01-01', '2000-01-01 00:00:00+00',
			 NULL, '', '{}', '01a23a1a-0000-7000-8000-00000000ffff');`); err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(bg, appURL, db.Options{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2001"})

	query := func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Relation("Kelompok").Where("a.id >= ?", db.Param(1)).Order("a.id")
	}
	first := uuid.MustParse("01a23a1a-0000-7000-8000-000000000011")
	viaBun := func(dest any) error { // bun's own scan, same text
		return d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return db.ScanParams(ctx, tx, query(tx.NewSelect().Model(dest)), first)
		})
	}
	direct := func(dest any) error {
		return d.ReadOne(ctx, func(ctx context.Context, q bun.IDB) error {
			return db.ScanParams(ctx, q, query(q.NewSelect().Model(dest)), first)
		})
	}

	var wantRows, gotRows []scanAnggota
	if err := viaBun(&wantRows); err != nil {
		t.Fatal(err)
	}
	if len(wantRows) != 3 || wantRows[0].Kelompok == nil || wantRows[1].Kelompok != nil {
		t.Fatalf("bun's scan gave %+v: the fixture is not what this test means", wantRows)
	}
	// A slice with rows of its own: they are replaced, not scanned over (a
	// join found for a previous row must not stay on a row that has none).
	gotRows = []scanAnggota{{Nama: "sisa"}, {Kelompok: &scanKelompok{Nama: "sisa"}}, {}, {}}
	if err := direct(&gotRows); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotRows, wantRows) {
		t.Errorf("slice: direct scan gave\n%+v\nbun gives\n%+v", gotRows, wantRows)
	}

	var wantPtrs, gotPtrs []*scanAnggota
	if err := viaBun(&wantPtrs); err != nil {
		t.Fatal(err)
	}
	if err := direct(&gotPtrs); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotPtrs, wantPtrs) {
		t.Errorf("slice of pointers: direct scan differs from bun's")
	}

	var want, got scanAnggota
	if err := viaBun(&want); err != nil {
		t.Fatal(err)
	}
	if err := direct(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || got.Nama != wantRows[0].Nama {
		t.Errorf("struct: direct scan gave %+v, bun gives %+v", got, want)
	}

	none := uuid.MustParse("ffffffff-0000-7000-8000-000000000000")
	err = d.ReadOne(ctx, func(ctx context.Context, q bun.IDB) error {
		var one scanAnggota
		return db.ScanParams(ctx, q, q.NewSelect().Model(&one).Where("a.id = ?", db.Param(1)), none)
	})
	if !db.IsNoRows(err) {
		t.Errorf("no row: %v, want sql.ErrNoRows", err)
	}
	var empty []scanAnggota
	if err := d.ReadOne(ctx, func(ctx context.Context, q bun.IDB) error {
		return db.ScanParams(ctx, q, q.NewSelect().Model(&empty).Where("a.id = ?", db.Param(1)), none)
	}); err != nil || len(empty) != 0 {
		t.Errorf("no rows into a slice: %v, %d rows", err, len(empty))
	}
	// The connection is free and in no transaction afterwards.
	if err := direct(&gotRows); err != nil {
		t.Fatalf("after the reads: %v", err)
	}
}
