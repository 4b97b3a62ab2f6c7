package cctv_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// laporanSealer seals by prefixing its context, so the test can open.
type laporanSealer struct{}

func (laporanSealer) Seal(p []byte, c string) (string, error) {
	return "sealed|" + c + "|" + string(p), nil
}
func (laporanSealer) Open(s, c string) ([]byte, error) {
	return []byte(strings.TrimPrefix(s, "sealed|"+c+"|")), nil
}

const laporanNyitdah tenancy.Kode = "51.02.06.2011"

func TestSeedDemoIsIdempotentAndShowsTwoCamerasDown(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := laporanModule(d, cctv.Deps{Secrets: laporanSealer{}})
		ctx := context.Background()
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		counts := func() (kam, probe, akses int64) {
			for _, desa := range []tenancy.Kode{bengkel, laporanNyitdah} {
				err := d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
					for _, c := range []struct {
						table string
						n     *int64
					}{{"cctv_kamera", &kam}, {"cctv_probe", &probe}, {"cctv_akses", &akses}} {
						q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr(c.table+" AS x"), "x.desa_id")
						if err != nil {
							return err
						}
						n, err := q.Count(ctx)
						if err != nil {
							return err
						}
						*c.n += n
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		kam, probe, ak := counts()
		if kam != 11 || ak != 3 || probe < 11*(30*24-5) {
			t.Errorf("cameras %d (want 8+3), access entries %d (want 3), probes %d", kam, ak, probe)
		}
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if k2, p2, a2 := counts(); k2 != kam || p2 != probe || a2 != ak {
			t.Errorf("a second start added rows: %d %d %d", k2-kam, p2-probe, a2-ak)
		}

		mati, err := m.DownSince(ctx, "51.02.06")
		if err != nil {
			t.Fatal(err)
		}
		if len(mati) != 2 || mati[0].Nama != "Depan TPS3R Bestari" || mati[1].Nama != "Wantilan Banjar Sedahan" {
			t.Errorf("down > 24 h = %+v", mati)
		}
		u, err := m.Uptime(ctx, bengkel, now.Add(-cctv.Jendela30Hari))
		if err != nil {
			t.Fatal(err)
		}
		bp, ok := u.Total.PersenBP()
		if u.Total.Kamera != 8 || !ok || bp < 8000 || bp > 9900 {
			t.Errorf("Bengkel 30 d: %d cameras, %d bp", u.Total.Kamera, bp)
		}

		p, err := m.BacaPengaturan(ctx, bengkel)
		if err != nil || !p.IzinkanAlamatPrivat || p.Bawaan {
			t.Errorf("probe setting = %+v, %v", p, err)
		}
		var ks []cctv.Kamera
		err = d.Tx(webtest.DesaCtx(bengkel), func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ks).OrderExpr("k.nama"))
			if err != nil {
				return err
			}
			return q.Scan(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		sealed := 0
		for _, k := range ks {
			var kk cctv.Kamera
			if err := cctv.PeriksaKamera(cctv.KameraData{Nama: k.Nama, Dusun: k.Dusun, Lintang: "-8.59", Bujur: "115.09",
				Pantauan: k.Pantauan, Tujuan: k.Tujuan, Pemilik: k.Pemilik, Perjanjian: k.Perjanjian, KegiatanKode: k.KegiatanKode,
				TahunAnggaran: k.TahunAnggaran, Harga: k.Harga, TanggalPasang: k.TanggalPasang, RetensiHari: k.RetensiHari,
				LokasiRekaman: k.LokasiRekaman, StreamURL: k.StreamURL, Status: k.Status}, "2026-03-05", &kk); err != nil {
				t.Errorf("%s does not pass the camera's validation: %v", k.Nama, err)
			}
			if !strings.HasPrefix(k.StreamURL, "rtsp://127.0.0.1:654") {
				t.Errorf("%s streams from %s", k.Nama, k.StreamURL)
			}
			if k.Kredensial != "" {
				sealed++
				if b, _ := (laporanSealer{}).Open(k.Kredensial, cctv.KredensialContext(bengkel, k.ID)); !strings.Contains(string(b), ":") {
					t.Errorf("%s credentials = %q", k.Nama, k.Kredensial)
				}
			}
		}
		if sealed != 2 {
			t.Errorf("%d cameras with credentials, want 2", sealed)
		}
	})
}

func TestSeedDemoWithoutASealerStoresNoCredentials(t *testing.T) {
	d := dbtest.SQLite(t)
	m := laporanModule(d, cctv.Deps{})
	if err := m.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int64
	err := d.Tx(webtest.DesaCtx(bengkel), func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_kamera AS x").Where("x.kredensial <> ''"), "x.desa_id")
		if err != nil {
			return err
		}
		n, err = q.Count(ctx)
		return err
	})
	if err != nil || n != 0 {
		t.Errorf("%d cameras with credentials (%v)", n, err)
	}
}
