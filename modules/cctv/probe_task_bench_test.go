package cctv_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// BenchmarkProbeTask10000 is the load: 10,000 cameras in 100 desa
// of one kabupaten probed by one task run, from listing the cameras to
// storing every result per desa. The cameras are servers on 127.0.0.1
// started here: four RTSP responders, one HTTP server, and every fifth
// camera on a closed port (down: connection refused). Each iteration is
// the next 5-minute slot. cameras/s is the task's throughput end to end;
// the issue asks for 10,000 in under 5 minutes (≥ 33.3 cameras/s).
//
// Against real cameras a dead one costs the 5 s timeout instead of a
// refusal: 2,000 of them at 256 at once add about 40 s.
func BenchmarkProbeTask10000(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchProbeTask(b, dbtest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchProbeTask(b, dbtest.Postgres(b)) })
}

func benchProbeTask(b *testing.B, d *db.DB) {
	const (
		n     = 10_000
		desas = 100
	)
	up := []string{rtspLokal(b, rtspOK), rtspLokal(b, rtspOK), rtspLokal(b, rtspOK),
		rtspLokal(b, "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n"), httpLokal(b)}
	tutup := portTertutup(b)
	atur(b, d, "51.02", true, 5)
	for i := range desas {
		desa := tenancy.Kode(fmt.Sprintf("51.02.%02d.%04d", 1+i/20, 2001+i%20))
		rows := make([]cctv.Kamera, 0, n/desas)
		for k := range n / desas {
			url := up[k%len(up)]
			if k%5 == 4 {
				url = tutup
			}
			rows = append(rows, cctv.Kamera{DesaID: desa.ID(), ID: uuid.Must(uuid.NewV7()).String(), Nama: fmt.Sprintf("Kamera %03d", k),
				Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01", StreamURL: url,
				Status: cctv.StatusAktif, CreatedBy: "u", CreatedAt: now, UpdatedBy: "u", UpdatedAt: now})
		}
		err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&rows).Exec(ctx)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	j := &jam{t: now}
	m := moduleJam(d, j)

	b.ResetTimer()
	start := time.Now()
	missed := 0
	for range b.N {
		r, err := m.ProbeSemua(context.Background())
		if err != nil || r.Kabupaten != 1 || r.Kamera != n || r.Naik > n-n/5 {
			b.Fatalf("run = %+v, %v", r, err)
		}
		// A loaded machine can make a live local camera miss its timeout;
		// that is reported, not hidden.
		missed += n - n/5 - r.Naik
		j.maju(5 * time.Minute)
	}
	b.StopTimer()
	perRun := time.Since(start).Seconds() / float64(b.N)
	b.ReportMetric(float64(n)/perRun, "cameras/s")
	b.ReportMetric(perRun, "s/10000")
	b.ReportMetric(float64(missed)/float64(b.N), "up_missed/10000")
}
