package kunjungan_test

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// BenchmarkDasborKabupaten is GET /api/v1/wilayah/{kode}/dasbor for
// Tabanan as the bupati's office: 133 desa in 10 kecamatan, two years of
// visits (about 90 a year, 8 OPD each, 5 commitments each) in the
// module's tables, and fake providers of 16 indicators for every desa.
// The goal is p99 ≤ 150 ms; the run reports p50 and p99 besides
// ns/op. On PostgreSQL when NGANTOR_TEST_POSTGRES_URL is set.
func BenchmarkDasborKabupaten(b *testing.B) {
	var d *db.DB
	if os.Getenv("NGANTOR_TEST_POSTGRES_URL") != "" {
		d = dbtest.Postgres(b)
	} else {
		d = dbtest.SQLite(b)
	}
	e := dsbSetup(b, d)
	var desa []kunjungan.Desa
	for kec := 1; kec <= 10; kec++ {
		n := 13
		if kec <= 3 {
			n = 14
		}
		for i := 1; i <= n; i++ {
			desa = append(desa, kunjungan.Desa{Kode: tenancy.Kode(fmt.Sprintf("51.02.%02d.20%02d", kec, i)),
				Nama: fmt.Sprintf("Desa %d-%d", kec, i), NamaKecamatan: fmt.Sprintf("Kecamatan %d", kec)})
		}
	}
	if len(desa) != 133 {
		b.Fatalf("%d desa", len(desa))
	}
	// Every desa has every indicator.
	var vals []indicator.Value
	var cvals []indicator.Value
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i, x := range desa {
		for _, def := range e.sampah.defs {
			vals = append(vals, indicator.Value{Desa: x.Kode, Source: "sampah", Code: def.Code, Number: int64(i * 37 % 10000), Time: t0.AddDate(0, 0, -i)})
		}
		for c := 0; c < 12; c++ {
			cvals = append(cvals, indicator.Value{Desa: x.Kode, Source: "cctv", Code: fmt.Sprintf("k%02d", c), Number: int64(i + c)})
		}
	}
	e.sampah.vals = vals
	e.cctv.defs = e.cctv.defs[:0]
	for c := 0; c < 12; c++ {
		e.cctv.defs = append(e.cctv.defs, indicator.Definition{Source: "cctv", Code: fmt.Sprintf("k%02d", c), Nama: fmt.Sprintf("Kamera %d", c),
			Satuan: "kamera", Kind: indicator.Count, Permission: permCCTV})
	}
	e.cctv.vals = cvals
	e.m = kunjungan.New(kunjungan.Deps{DB: d, Authz: e.site.Accounts, OPD: dsbRegistri{members: map[string]string{}, az: e.site.Accounts},
		Regions:    dsbRegions{desa: desa},
		Indicators: func() []indicator.Provider { return []indicator.Provider{e.sampah, e.cctv} },
		Terlambat:  dsbAudiensi{}, Clock: e.jam.now})
	e.api = webtest.NewAPI(e.m.Register, e.site.Accounts, e.jam.now)

	opds := []string{dsbDLH, dsbKominfo}
	n := 0
	for y := 2025; y <= 2026; y++ {
		for i, x := range desa {
			if (i+y)%3 == 0 {
				continue // about two thirds of the desa each year
			}
			n++
			id := dsbID(100000 + n)
			tanggal := civil.Date(fmt.Sprintf("%d-%02d-%02d", y, 1+i%12, 1+i%28))
			status := kunjungan.Selesai
			if y == 2026 && tanggal > "2026-12-02" {
				status = kunjungan.Direncanakan
			}
			rows := dsbVisit(x.Kode, id, tanggal, status, opds...)
			for k := 0; k < 5; k++ {
				st := []kunjungan.StatusKomitmen{kunjungan.Belum, kunjungan.Proses, kunjungan.KomitmenSelesai}[k%3]
				rows = append(rows, dsbKomitmen(x.Kode, dsbID(500000+n*10+k), id, opds[k%2], tanggal.AddDate(0, 1+k, 0), st))
			}
			dsbInsert(b, d, x.Kode, rows...)
		}
	}
	if rec := e.api.Do(http.MethodGet, "/wilayah/51.02/dasbor", "admin", nil); rec.Code != 200 {
		b.Fatalf("dasbor: %d %s", rec.Code, rec.Body)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := time.Now()
		rec := e.api.Do(http.MethodGet, "/wilayah/51.02/dasbor", "admin", nil)
		lat = append(lat, time.Since(s))
		if rec.Code != 200 {
			b.Fatalf("dasbor: %d", rec.Code)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}
