package cctv_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TestEveryTableHidesOtherDesa proves wall 2 (PostgreSQL RLS) on the
// module's rows, which cmd's catalog test cannot while the module seeds
// no demo data: with rows of two desa in each table, a bare SELECT as the
// runtime role sees only the published desa's rows, and none without a
// tenant.
func TestEveryTableHidesOtherDesa(t *testing.T) {
	d := dbtest.Postgres(t)
	m := newModule(d)
	for _, desa := range []tenancy.Kode{bengkel, pandak} {
		id := kamera(t, d, desa, "Simpang", cctv.StatusAktif)
		probes(t, m, desa, id, 2, 1, true)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewInsert().Model(&cctv.Akses{DesaID: desa.ID(), KameraID: id, Penerima: "opd:SATPOLPP", CreatedBy: "u", CreatedAt: now}).Exec(ctx); err != nil {
				return err
			}
			_, err := tx.NewInsert().Model(&cctv.Lihat{DesaID: desa.ID(), ID: uuid.Must(uuid.NewV7()).String(), KameraID: id, UserID: "u", DilihatAt: now}).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"cctv_kamera", "cctv_akses", "cctv_lihat", "cctv_probe"} {
		own, foreign := count(t, d, bengkel, table)
		if own == 0 || foreign != 0 {
			t.Errorf("%s with Bengkel published: %d own rows, %d foreign", table, own, foreign)
		}
		if own, foreign := count(t, d, "", table); own+foreign != 0 {
			t.Errorf("%s with no tenant: %d rows visible", table, own+foreign)
		}
	}
}

// count reads table with desa published (none when ""), no WHERE on the
// tenant: rows of Bengkel and rows of any other desa.
func count(t *testing.T, d *db.DB, desa tenancy.Kode, table string) (own, foreign int) {
	t.Helper()
	ctx := context.Background()
	if desa != "" {
		ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	}
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT count(CASE WHEN desa_id = ? THEN 1 END), count(CASE WHEN desa_id <> ? THEN 1 END) FROM ?",
			bengkel.ID(), bengkel.ID(), bun.Ident(table)).Scan(ctx, &own, &foreign)
	})
	if err != nil {
		t.Fatal(err)
	}
	return own, foreign
}

func TestPengaturanDefaultsUntilTheKabupatenSetsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		p, err := m.BacaPengaturan(context.Background(), bengkel)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Bawaan || p.WilayahKode != "51.02" || p.IzinkanAlamatPrivat || p.IntervalProbeMenit != cctv.IntervalBawaanMenit {
			t.Errorf("default = %+v", p)
		}
		err = d.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&cctv.Pengaturan{WilayahKode: "51.02", IzinkanAlamatPrivat: true,
				IntervalProbeMenit: 10, UpdatedBy: "u", UpdatedAt: now.Add(-time.Hour)}).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		p, err = m.BacaPengaturan(context.Background(), bengkel)
		if err != nil {
			t.Fatal(err)
		}
		if p.Bawaan || !p.IzinkanAlamatPrivat || p.IntervalProbeMenit != 10 {
			t.Errorf("set = %+v", p)
		}
		// Another kabupaten keeps the default.
		if p, err := m.BacaPengaturan(context.Background(), "51.03.01.2001"); err != nil || !p.Bawaan {
			t.Errorf("Badung = %+v, %v", p, err)
		}
	})
}

func TestPeriksaPengaturanBoundsTheInterval(t *testing.T) {
	for n, ok := range map[int]bool{0: false, 1: true, 5: true, 1440: true, 1441: false, -5: false} {
		if err := cctv.PeriksaPengaturan(cctv.Pengaturan{IntervalProbeMenit: n}); (err == nil) != ok {
			t.Errorf("interval %d: %v", n, err)
		}
	}
}
