package keuangan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// In December the demo has next year's budgets in the making: Bengkel's
// draft, three desa of Kediri waiting for the camat (one with a comment on
// a line), Nyitdah's returned with a note. Each is balanced and every line
// passes PeriksaBaris for 2027; a second seed adds nothing.
func TestDemoRAPBDes2027TellsDecember(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		ctx := context.Background()
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		komentar := func() int {
			var n int
			kctx := tenancy.With(ctx, tenancy.Tenant{Kode: "51.02"})
			if err := d.Tx(kctx, func(ctx context.Context, tx bun.Tx) error {
				return tx.NewRaw("SELECT count(*) FROM apbdes_komentar").Scan(ctx, &n)
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		k1 := komentar()
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if k2 := komentar(); k1 != 2 || k2 != k1 {
			t.Errorf("camat comments: %d after the first seed, %d after the second; want 2 both times", k1, k2)
		}
		want := map[tenancy.Kode]string{
			keuangan.DemoBengkel: keuangan.StatusDraft,
			"51.02.06.2002":      keuangan.StatusDiajukan, "51.02.06.2003": keuangan.StatusDiajukan, "51.02.06.2004": keuangan.StatusDiajukan,
			"51.02.06.2011": keuangan.StatusDikembalikan,
		}
		for i := 1; i <= 15; i++ {
			desa := tenancy.Kode(fmt.Sprintf("51.02.06.%d", 2000+i))
			dctx := tenancy.With(ctx, tenancy.Tenant{Kode: desa})
			err := d.Tx(dctx, func(dctx context.Context, tx bun.Tx) error {
				a, err := keuangan.GetAPBDes(dctx, tx, 2027, keuangan.VersiMurni)
				if want[desa] == "" {
					if err == nil {
						t.Errorf("%s has an APBDes 2027 (%s); the story names five desa", desa, a.Status)
					}
					return nil
				}
				if err != nil {
					t.Fatalf("%s 2027: %v", desa, err)
				}
				if a.Status != want[desa] {
					t.Errorf("%s 2027: status %s, want %s", desa, a.Status, want[desa])
				}
				if a.Status == keuangan.StatusDikembalikan && a.CatatanEvaluasi == "" {
					t.Errorf("%s 2027 returned without the camat's note", desa)
				}
				ref, err := m.LoadReferensi(dctx, tx, 2027)
				if err != nil {
					t.Fatal(err)
				}
				lines, err := keuangan.ListBaris(dctx, tx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(lines) < 30 {
					t.Errorf("%s 2027: %d lines, want a copy of 2026's", desa, len(lines))
				}
				tot, ok := keuangan.Hitung(lines)
				if !ok || tot.Seimbang() != nil || tot.SiLPA != 0 {
					t.Errorf("%s 2027: totals %+v (%v), want balanced", desa, tot, tot.Seimbang())
				}
				lalu, err := keuangan.GetAPBDesBerlaku(dctx, tx, 2026)
				if err != nil {
					t.Fatal(err)
				}
				lama, _ := keuangan.ListBaris(dctx, tx, lalu.ID)
				totLalu, _ := keuangan.Hitung(lama)
				if tot.Pendapatan <= totLalu.Pendapatan {
					t.Errorf("%s 2027 pendapatan %s not above 2026's %s (Dana Desa and ADD rise)", desa, tot.Pendapatan, totLalu.Pendapatan)
				}
				for _, b := range lines {
					in := keuangan.BarisInput{KodeRekening: string(b.KodeRekening), KodeKegiatan: string(b.KodeKegiatan), Uraian: b.Uraian,
						Volume: b.Volume, Satuan: b.Satuan, HargaSatuan: b.HargaSatuan, Jumlah: b.Jumlah, SumberDana: b.SumberDana,
						Lokasi: b.Lokasi, OutputVolume: b.OutputVolume, OutputSatuan: b.OutputSatuan}
					if b.Kelompok == keuangan.KelompokBelanja {
						in.Jumlah = 0
					}
					if got, err := keuangan.PeriksaBaris(ref, in, nil); err != nil || got.Jumlah != b.Jumlah {
						t.Errorf("%s 2027 line %s %s %q: %v", desa, b.KodeKegiatan, b.KodeRekening, b.Uraian, err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// The camat's comments name a line of the budget they are on.
		for _, desa := range []tenancy.Kode{"51.02.06.2002", "51.02.06.2011"} {
			dctx := tenancy.With(ctx, tenancy.Tenant{Kode: desa})
			list, err := m.ListKomentar(dctx, 2027)
			if err != nil || len(list) != 1 || list[0].BarisID == "" {
				t.Errorf("%s 2027 comments: %+v (%v), want one on a line", desa, list, err)
			}
		}
	})
}
