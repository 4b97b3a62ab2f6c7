package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
)

// TestCCTVUnduhXLSXAsCamat: in the dev demo, the camat of Kediri downloads
// the kecamatan's cameras; the workbook opens, has the sheets Kamera and
// Ringkasan per desa with Bengkel's eight cameras and Nyitdah's three, two
// of them down for more than a day, and no stream address anywhere; the
// download is in the audit log. The camat of another kecamatan may not.
func TestCCTVUnduhXLSXAsCamat(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		camat := login(t, srv, "camat.kediri@tabanan.test")
		status, body := page(t, srv, "/wilayah/51.02.06/cctv/unduh.xlsx", camat)
		if status != 200 {
			t.Fatalf("download: %d %.300s", status, body)
		}
		if strings.Contains(body, "rtsp://") || strings.Contains(body, "127.0.0.1") {
			t.Error("the workbook's bytes carry a stream address")
		}
		x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatalf("xlsx does not open: %v", err)
		}
		defer x.Close()
		sheets := x.GetSheetList()
		if !slices.Contains(sheets, "Kamera") || !slices.Contains(sheets, "Ringkasan per desa") {
			t.Fatalf("sheets = %v", sheets)
		}
		var all strings.Builder
		for _, sh := range sheets {
			rows, _ := x.GetRows(sh)
			for _, r := range rows {
				all.WriteString(strings.Join(r, "|") + "\n")
			}
		}
		txt := all.String()
		if strings.Contains(txt, "rtsp://") || strings.Contains(txt, "127.0.0.1") {
			t.Error("a sheet shows a stream address")
		}
		kam, _ := x.GetRows("Kamera")
		if len(kam) != 3+11 {
			t.Errorf("Kamera sheet has %d rows, want title, blank, header and 11 cameras", len(kam))
		}
		for _, want := range []string{"Simpang Catus Pata Bengkel", "Depan TPS3R Bestari", "Bendung Subak Dukuh", "Ringkasan per desa"} {
			if !strings.Contains(txt, want) {
				t.Errorf("workbook lacks %q", want)
			}
		}
		ring, _ := x.GetRows("Ringkasan per desa")
		if len(ring) != 3+15 {
			t.Errorf("Ringkasan per desa has %d rows, want the 15 desa of Kediri", len(ring))
		}
		var entries int
		err = a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
				return err
			}
			return tx.NewRaw("SELECT count(*) FROM audit_log WHERE action = ?", "unduh-cctv-wilayah").Scan(ctx, &entries)
		})
		if err != nil || entries != 1 {
			t.Errorf("audit entries of the download: %d, %v; want 1", entries, err)
		}

		if status, _ := page(t, srv, "/wilayah/51.02.05/cctv/unduh.xlsx", camat); status != 403 {
			t.Errorf("another kecamatan: %d, want 403", status)
		}

		// The module's indicators and dossier on the demo data.
		vs, err := a.cctv.Indicators(t.Context(), "51.02.06", indicator.Month("2026-12-01"), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vs {
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		if got["51.02.06.2001 kamera_cctv_aktif"] != 8 || got["51.02.06.2001 kamera_cctv_mati_24jam"] != 2 ||
			got["51.02.06.2011 kamera_cctv_aktif"] != 3 || got["51.02.06.2001 kamera_per_1000_jiwa"] <= 0 {
			t.Errorf("indicators = %v", got)
		}
		s, err := a.cctv.DossierSection(t.Context(), "51.02.06.2001", report.Audience{OPD: "SATPOLPP"}, indicator.Month("2026-12-01"))
		if err != nil || len(s.Tables) != 4 {
			t.Errorf("Satpol PP's dossier section: %d tables, %v", len(s.Tables), err)
		}
	})
}
