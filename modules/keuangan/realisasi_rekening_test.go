package keuangan_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The realisasi under a rekening prefix counts penerimaan, pengeluaran and
// SPJ entries of that desa and year (corrections included) on the prefix
// and below it, and nothing else: not a panjar, not a neighbouring
// rekening, not another year, not another desa. A desa without an APBDes
// that year answers ada=false.
func TestRealisasiRekeningSumsOneDesaYearAndPrefix(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		m := newModule(t, d)
		const own, other tenancy.Kode = "51.02.06.2001", "51.02.06.2002"
		n := 0
		id := func() string {
			n++
			return "01937a6e-0000-7000-8000-" + string(rune('a'+n/10)) + "0000000000" + string(rune('0'+n%10))
		}
		add := func(desa tenancy.Kode, rows ...any) {
			t.Helper()
			err := d.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
				for _, r := range rows {
					if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		apbdes := func(desa tenancy.Kode, tahun int) *keuangan.APBDes {
			return &keuangan.APBDes{DesaID: desa.ID(), ID: id(), Tahun: tahun, Versi: keuangan.VersiMurni, Status: keuangan.StatusDitetapkan,
				PerdesNomor: "1", PerdesTanggal: "2025-12-30", CreatedAt: now, UpdatedAt: now}
		}
		tx := func(desa tenancy.Kode, tahun int, jenis, rek string, jumlah keuangan.Rupiah) *keuangan.Transaksi {
			return &keuangan.Transaksi{DesaID: desa.ID(), ID: id(), Tahun: tahun, Tanggal: "2026-02-01", Jenis: jenis, Kas: keuangan.KasBank,
				BarisID: "b", KodeRekening: keuangan.KodeRekening(rek), Jumlah: jumlah, CreatedAt: now}
		}
		add(own, apbdes(own, 2026),
			tx(own, 2026, keuangan.JenisPengeluaran, "6.2.2.01", 50_000_000),
			tx(own, 2026, keuangan.JenisPengeluaran, "6.2.2.01", 25_000_000),
			tx(own, 2026, keuangan.JenisPengeluaran, "6.2.2.01", -25_000_000), // a correction
			tx(own, 2026, keuangan.JenisPengeluaran, "6.2.1.01", 7_000_000),   // dana cadangan: another jenis
			tx(own, 2026, keuangan.JenisPanjar, "6.2.2.01", 3_000_000),        // a panjar is not realisasi
			tx(own, 2025, keuangan.JenisPengeluaran, "6.2.2.01", 40_000_000),  // another year
			tx(own, 2026, keuangan.JenisPenerimaan, "4.1.1.01", 12_500_000),
			tx(own, 2026, keuangan.JenisPenerimaan, "4.1.1.90", 1_000_000),
			tx(own, 2026, keuangan.JenisPenerimaan, "4.1.10.01", 999), // not under 4.1.1 although it starts with it
		)
		add(other, apbdes(other, 2026), tx(other, 2026, keuangan.JenisPengeluaran, "6.2.2.01", 90_000_000))

		for _, tc := range []struct {
			desa   tenancy.Kode
			tahun  int
			prefix string
			want   int64
			ada    bool
		}{
			{own, 2026, "6.2.2", 50_000_000, true},
			{own, 2026, "6.2.2.01", 50_000_000, true},
			{own, 2026, "6.2", 57_000_000, true},
			{own, 2026, "4.1.1.01", 12_500_000, true},
			{own, 2026, "4.1.1", 13_500_000, true},
			{own, 2026, "5", 0, true},
			{own, 2025, "6.2.2", 0, false}, // entries but no APBDes recorded for 2025
			{other, 2026, "6.2.2", 90_000_000, true},
			{"51.02.06.2003", 2026, "6.2.2", 0, false},
		} {
			got, ada, err := m.RealisasiRekening(ctx, tc.desa, tc.tahun, tc.prefix)
			if err != nil || got != tc.want || ada != tc.ada {
				t.Errorf("%s %d %s: %d ada=%v %v; want %d ada=%v", tc.desa, tc.tahun, tc.prefix, got, ada, err, tc.want, tc.ada)
			}
		}
		if _, _, err := m.RealisasiRekening(ctx, own, 2026, "6.2.%"); !fault.Is(err, fault.Invalid) {
			t.Errorf("a wildcard prefix: %v, want Invalid", err)
		}
		if _, _, err := m.RealisasiRekening(ctx, "51.02.06", 2026, "6.2.2"); err == nil {
			t.Error("a kecamatan was answered as one desa")
		}
	})
}
