package keuangan_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/keuangan"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
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
			mod := imporModule(b, d)
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

// FuzzImporAPBDes feeds the importer arbitrary bytes: it never panics and
// every refusal is a coded fault (a 4xx with a Bahasa message), never an
// internal error (a 500).
func FuzzImporAPBDes(f *testing.F) {
	d := dbtest.SQLite(f)
	m := imporModule(f, d)
	good := imporXLSX(f, imporBaik)
	f.Add(good)
	f.Add(imporXLSX(f, [][]any{{"02.01.06", "5.2.1.01", "x", "1e400", "sak", "9999999999999999999", "DDS"}}))
	f.Add(imporXLSX(f, [][]any{{"02.01.06", "5.2.1.01", "x", -1, "", 1e300, ""}}))
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Add([]byte("kode kegiatan,kode rekening\n"))
	ctx := imporCtx()
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := m.ImporAPBDes(ctx, 2026, data, true, imporBy)
		if err == nil {
			return
		}
		if _, ok := fault.As(err); !ok {
			t.Fatalf("uncoded error (a 500): %v", err)
		}
	})
}

func imporModule(t testing.TB, d *db.DB) *keuangan.Module {
	t.Helper()
	m := keuangan.New(keuangan.Deps{DB: d, Logger: discard, Clock: func() time.Time { return now }})
	if err := m.SeedReference(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}
