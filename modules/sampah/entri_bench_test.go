package sampah_test

import (
	"testing"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// BenchmarkSetoran saves setoran of two jenis for 150 nasabah in turn, in
// one goroutine and in parallel (the goal is p99 ≤ 50 ms at 100
// rps through the whole server: cmd/loadbench -targets setoran).
func BenchmarkSetoran(b *testing.B) {
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
			f := seedBank(b, d, tenancy.Kode(bengkel), 150)
			m := newModule(b, d)
			ctx := asUser(bengkel, "petugas")
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					i++
					_, err := m.CatatSetoran(ctx, sampah.SetoranBaru{FasilitasID: f.bank, NasabahID: f.anggota[i%len(f.anggota)],
						Rinci: []sampah.RinciBaru{{JenisID: f.pet, Jumlah: 1250}, {JenisID: f.kardus, Jumlah: 3400}}})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "setoran/s")
		})
	}
}
