package wilayah_test

import (
	"context"
	"testing"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// BenchmarkSeedAll loads the whole country into an empty database; the
// budget is 10 s per load on either engine (sec/op). Each iteration gets a
// fresh database, made with the timer stopped, because a repeated seed
// inserts nothing and would measure only the conflict checks.
//
//	go test -run '^$' -bench SeedAll -benchtime 1x ./modules/wilayah
func BenchmarkSeedAll(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{
		{"sqlite", dbtest.SQLite},
		{"postgres", dbtest.Postgres},
	}
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				b.StopTimer()
				s := wilayah.New(wilayah.Deps{DB: e.open(b)}).Store()
				b.StartTimer()
				c, err := s.SeedAll(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if c.Inserted != 91_599 {
					b.Fatalf("inserted %d rows, want 91599", c.Inserted)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "sec/op")
		})
	}
}

// BenchmarkSeedAllAgain re-runs SeedAll on a loaded database: the no-op that
// `ngantor dev` pays at every start.
func BenchmarkSeedAllAgain(b *testing.B) {
	ctx := context.Background()
	s := wilayah.New(wilayah.Deps{DB: dbtest.SQLite(b)}).Store()
	if _, err := s.SeedAll(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		c, err := s.SeedAll(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if c.Inserted != 0 {
			b.Fatalf("re-seed inserted %d rows", c.Inserted)
		}
	}
}
