package main

import (
	"context"

	"github.com/uptrace/bun"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Closing a visit builds its report; the run that makes the report ready
// queues its delivery, and the delivery puts one message in the inbox of
// each participant — the OPD that took part, the desa's staff, the camat,
// the bupati's office — and none twice.
func TestKunjunganReportReachesTheParticipantsInboxes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := testApp(t, d)
		const bengkel tenancy.Kode = "51.02.06.2001"
		ctx := tenancy.With(t.Context(), tenancy.Tenant{Kode: bengkel})
		opds, err := a.opd.Daftar(ctx, demoKabupaten)
		if err != nil {
			t.Fatal(err)
		}
		var dlh string
		for _, o := range opds {
			if o.Kode == "DLH" {
				dlh = o.ID
			}
		}
		k, err := a.kunjungan.Buat(ctx, kunjungan.KunjunganData{Tanggal: civil.Today(time.Now(), bengkel),
			Judul: "Kunjungan uji laporan", OPD: []string{dlh}, CamatHadir: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.kunjungan.Mulai(ctx, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.kunjungan.Selesaikan(ctx, k.ID, kunjungan.SelesaiData{CatatanHasil: "Semua agenda terlaksana.", OPDHadir: []string{dlh}}); err != nil {
			t.Fatal(err)
		}
		var permintaan string
		if err := a.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().Table("kunjungan_dossier").Column("permintaan").
				Where("desa_id = ? AND kunjungan_id = ? AND audiens = ?", bengkel.ID(), k.ID, kunjungan.AudiensLaporan).Scan(ctx, &permintaan)
		}); err != nil {
			t.Fatalf("the report is not queued: %v", err)
		}
		if err := a.kunjungan.BangunDossier(t.Context(), bengkel.ID(), k.ID, kunjungan.AudiensLaporan, permintaan); err != nil {
			t.Fatal(err)
		}
		var queued int64
		if err := a.db.Tx(t.Context(), func(ctx context.Context, tx bun.Tx) error {
			var err error
			queued, err = tx.NewSelect().Table("job_outbox").Where("task_type = ?", kunjungan.TaskKirimLaporan).Count(ctx)
			return err
		}); err != nil || queued != 1 {
			t.Fatalf("delivery tasks queued: %d, %v", queued, err)
		}
		// A second run of the build finds the report ready and queues nothing.
		if err := a.kunjungan.BangunDossier(t.Context(), bengkel.ID(), k.ID, kunjungan.AudiensLaporan, permintaan); err != nil {
			t.Fatal(err)
		}

		unread := func(email string) int {
			u, err := a.auth.UserByEmail(t.Context(), email)
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.notifikasi.BelumDibaca(t.Context(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		who := []string{"dlh@tabanan.test", "perbekel.bengkel@tabanan.test", "camat.kediri@tabanan.test", "admin@tabanan.test"}
		before := map[string]int{}
		for _, e := range append(who, "perbekel.nyitdah@tabanan.test") {
			before[e] = unread(e)
		}
		for range 2 { // delivery is at least once: the second changes nothing
			if _, err := a.kunjungan.KirimLaporan(t.Context(), bengkel, k.ID, 1); err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range who {
			if got := unread(e) - before[e]; got != 1 {
				t.Errorf("%s got %d new messages, want 1", e, got)
			}
		}
		if got := unread("perbekel.nyitdah@tabanan.test") - before["perbekel.nyitdah@tabanan.test"]; got != 0 {
			t.Errorf("the perbekel of another desa got %d messages", got)
		}
	})
}
