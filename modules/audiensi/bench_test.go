package audiensi_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The goals: an OPD queue over 50,000 audiensi p99 ≤ 100 ms, and
// the public form p99 ≤ 100 ms at 50 rps (photos excluded). Each
// benchmark reports its p50 and p99 per call.

func engines() []struct {
	name string
	open func(testing.TB) *db.DB
} {
	return []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
}

func reportLatency(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	q := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// seedQueue writes n audiensi spread over the desa of Kecamatan Kediri
// and Tabanan's other kecamatan (desa ids generated in range), half of
// them disposed to DLH, a third of those still waiting.
func seedQueue(b *testing.B, d *db.DB, n int) {
	b.Helper()
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: tabanan})
	now := time.Date(2026, 3, 17, 1, 0, 0, 0, time.UTC)
	const batch = 1000
	for start := 0; start < n; start += batch {
		var as []audiensi.Audiensi
		var ds []audiensi.DisposisiAudiensi
		for i := start; i < min(start+batch, n); i++ {
			kec := 1 + i%10
			desa := tenancy.Kode(fmt.Sprintf("51.02.%02d.%04d", kec, 2001+(i/10)%14))
			id := uuid.Must(uuid.NewV7()).String()
			day := civil.Date("2025-04-01").AddDate(0, 0, i%350)
			st := audiensi.Selesai
			if i%6 == 0 {
				st = audiensi.Didisposisikan
			}
			a := audiensi.Audiensi{DesaID: desa.ID(), ID: id, KodeLacak: fmt.Sprintf("B%04d-%05d", i/100000, i%100000),
				Kanal: audiensi.KanalDesa, Kategori: "sampah", Judul: "Sampah menumpuk nomor " + fmt.Sprint(i),
				Isi: "Isi laporan uji beban nomor " + fmt.Sprint(i), PelaporMode: audiensi.Anonim, Status: st, Diterima: day,
				TargetHari: 5, TenggatVerif: day.AddDate(0, 0, 5), TenggatSelesai: day.AddDate(0, 0, 7), Tenggat: day.AddDate(0, 0, 7),
				CreatedBy: "bench", CreatedAt: now, UpdatedBy: "bench", UpdatedAt: now}
			as = append(as, a)
			if i%2 == 0 {
				dst := audiensi.Ditanggapi
				if st == audiensi.Didisposisikan {
					dst = audiensi.Menunggu
				}
				ds = append(ds, audiensi.DisposisiAudiensi{DesaID: a.DesaID, AudiensiID: id, Penerima: idDLH, PenerimaNama: "DLH",
					Status: dst, Tanggal: day.AddDate(0, 0, 1), Tenggat: day.AddDate(0, 0, 8), CreatedBy: "bench", CreatedAt: now})
			}
		}
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewInsert().Model(&as).Exec(ctx); err != nil {
				return err
			}
			if len(ds) == 0 {
				return nil
			}
			_, err := tx.NewInsert().Model(&ds).Exec(ctx)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOPDQueue50000(b *testing.B) {
	for _, eng := range engines() {
		b.Run(eng.name, func(b *testing.B) {
			d := eng.open(b)
			e := setup(b, d)
			seedQueue(b, d, 50_000)
			paths := []string{
				"/opd/" + idDLH + "/audiensi",
				"/opd/" + idDLH + "/audiensi?terlambat=true",
				"/opd/" + idDLH + "/audiensi?wilayah=51.02.06&limit=50",
				"/opd/" + idDLH + "/audiensi?status=ditanggapi",
			}
			var lat []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				rec := e.api.Do("GET", paths[i%len(paths)], "dlh", nil)
				lat = append(lat, time.Since(t0))
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", paths[i%len(paths)], rec.Code, rec.Body)
				}
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}

// BenchmarkPublicForm sends the public form (proof token taken, clock
// past the minimum fill time, each send from its own address as residents
// are), photos excluded; the whole server path is cmd/loadbench's.
func BenchmarkPublicForm(b *testing.B) {
	for _, eng := range engines() {
		b.Run(eng.name, func(b *testing.B) {
			d := eng.open(b)
			e := setup(b, d)
			data := audiensi.AudiensiData{Kategori: "sampah", Judul: "Sampah menumpuk di Banjar Tengah",
				Isi: "Sudah dua minggu sampah tidak diangkut dan mulai berbau.", PelaporMode: audiensi.Anonim}
			var lat []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				e.jam.set("2026-03-17 09:00")
				tok, err := e.m.TokenForm(bengkel)
				if err != nil {
					b.Fatal(err)
				}
				e.jam.set("2026-03-17 09:05")
				b.StartTimer()
				t0 := time.Now()
				_, err = e.m.Kirim(context.Background(), bengkel, fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255),
					audiensi.Kiriman{AudiensiData: data, Token: tok})
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}
