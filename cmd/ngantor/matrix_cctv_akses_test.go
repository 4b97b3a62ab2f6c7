package main

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// matrixCCTVAkses gives each harvested desa a camera with one recorded
// view, straight in the database (the demo has no cameras yet), so the
// view log lists its camera id and the camera operations with an id reach
// data at their own desa (checkIDsReachData).
func matrixCCTVAkses(t *testing.T, a *app) {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Microsecond)
	for _, d := range harvestDesa {
		desa := tenancy.Kode(d)
		k := cctv.Kamera{DesaID: desa.ID(), ID: uuid.Must(uuid.NewV7()).String(), Nama: "Kamera Matrix", Tujuan: cctv.TujuanKeamanan,
			Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01", StreamURL: "rtsp://10.20.0.15:554/s", Status: cctv.StatusAktif,
			CreatedBy: "matrix", CreatedAt: now, UpdatedBy: "matrix", UpdatedAt: now}
		l := cctv.Lihat{DesaID: desa.ID(), ID: uuid.Must(uuid.NewV7()).String(), KameraID: k.ID, UserID: "matrix", Nama: "Matrix", DilihatAt: now}
		err := a.db.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewInsert().Model(&k).Exec(ctx); err != nil {
				return err
			}
			_, err := tx.NewInsert().Model(&l).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatalf("matrix camera at %s: %v", d, err)
		}
	}
}
