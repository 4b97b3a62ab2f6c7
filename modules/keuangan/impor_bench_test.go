package keuangan_test

import (
	"fmt"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// imporBanyak is an APBDes of n lines: a few pendapatan, the rest belanja
// over several kegiatan, volumes with decimals and amounts typed both ways.
func imporBanyak(n int) [][]any {
	keg := []string{"02.01.06", "01.01.01", "02.01.01", "03.01.01"}
	rows := make([][]any, 0, n)
	for i := range n {
		switch {
		case i%50 == 0:
			rows = append(rows, []any{"", "4.2.1.01", fmt.Sprintf("Dana Desa bagian %d", i), "", "", 10_000_000, "DDS"})
		case i%2 == 0:
			rows = append(rows, []any{keg[i%len(keg)], "5.2.1.01", fmt.Sprintf("Bahan %d", i), 2.5, "buah", 65_000 + i, "DDS"})
		default:
			rows = append(rows, []any{keg[i%len(keg)], "5.2.1.01", fmt.Sprintf("Bahan %d", i), "12,25", "m", "1.250.000", "ADD"})
		}
	}
	return rows
}

// BenchmarkImporAPBDes2000 imports 2,000 lines (replacing the previous
// ones) into one APBDes; the budget is 2 s per import on either engine.
//
//	go test -run '^$' -bench ImporAPBDes2000 -benchtime 3x ./modules/keuangan
func BenchmarkImporAPBDes2000(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{
		{"sqlite", dbtest.SQLite},
		{"postgres", dbtest.Postgres},
	}
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			d := e.open(b)
			mod := newModule(b, d)
			file := imporXLSX(b, imporBanyak(2000))
			ctx := imporCtx()
			b.ResetTimer()
			for range b.N {
				h, err := mod.ImporAPBDes(ctx, 2026, file, true, imporBy)
				if err != nil {
					b.Fatal(err)
				}
				if h.Diimpor != 2000 {
					b.Fatalf("imported %d", h.Diimpor)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "sec/op")
		})
	}
}
