package keuangan_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// fakeNames knows Tabanan's kecamatan 01 (10 desa) and 06 (15 desa).
type fakeNames struct{}

func (fakeNames) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	known := map[tenancy.Kode]bool{"51.02": true, "51.02.01": true, "51.02.06": true}
	for i := 1; i <= 10; i++ {
		known[tenancy.Kode(fmt.Sprintf("51.02.01.%d", 2000+i))] = true
	}
	for i := 1; i <= 15; i++ {
		known[tenancy.Kode(fmt.Sprintf("51.02.06.%d", 2000+i))] = true
	}
	if known[k] {
		return "Desa " + string(k), nil
	}
	return "", fault.New(fault.NotFound, "tidak ada")
}

var demoToday = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)

func demoModule(t *testing.T, d *db.DB) *keuangan.Module {
	t.Helper()
	m := keuangan.New(keuangan.Deps{DB: d, Logger: discard, Names: fakeNames{}, Clock: func() time.Time { return demoToday }})
	if err := m.SeedReference(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

func countRows(t *testing.T, d *db.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	// Row-level security shows a transaction the rows of its tenant: all
	// of Tabanan here.
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02"})
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, table := range []string{"apbdes", "apbdes_riwayat", "apbdes_baris", "keuangan_transaksi"} {
			var n int
			if err := tx.NewRaw("SELECT count(*) FROM "+table).Scan(ctx, &n); err != nil {
				return err
			}
			out[table] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// kasArus is the journal's rule for what an entry moves in kas tunai and
// kas bank (see the keuangan_transaksi migration and the BKU).
func kasArus(t keuangan.Transaksi, byID map[string]keuangan.Transaksi) (tunai, bank keuangan.Rupiah) {
	var d keuangan.Rupiah
	switch t.Jenis {
	case keuangan.JenisPenerimaan:
		d = t.Jumlah
	case keuangan.JenisPengeluaran:
		d = -(t.Jumlah - t.PPN - t.PPh)
	case keuangan.JenisPanjar:
		d = -t.Jumlah
	case keuangan.JenisSPJ:
		d = byID[t.PanjarID].Jumlah - t.Jumlah + t.PPN + t.PPh
	case keuangan.JenisSetorPajak:
		d = -(t.PPN + t.PPh)
	case keuangan.JenisMutasi:
		if t.Kas == keuangan.KasTunai {
			return -t.Jumlah, t.Jumlah
		}
		return t.Jumlah, -t.Jumlah
	}
	if t.Kas == keuangan.KasBank {
		return 0, d
	}
	return d, 0
}

func TestDemoSeedIsIdempotentBalancedValidAndNeverOverdrawn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		ctx := context.Background()
		start := time.Now()
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		t.Logf("SeedDemo of 25 desa: %v", time.Since(start))
		first := countRows(t, d)
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if second := countRows(t, d); fmt.Sprint(first) != fmt.Sprint(second) {
			t.Fatalf("second SeedDemo changed rows: %v → %v", first, second)
		}
		// Bengkel: 2025 murni and perubahan, 2026 murni; 24 others: 2026;
		// five desa of Kediri: their RAPBDes 2027 (demo_rapbdes.go).
		if first["apbdes"] != 3+24+5 {
			t.Errorf("apbdes rows = %d, want 32", first["apbdes"])
		}
		today := "2026-12-01"
		withoutTahap3 := 0
		for kec, n := range map[string]int{"51.02.01": 10, "51.02.06": 15} {
			for i := 1; i <= n; i++ {
				desa := tenancy.Kode(fmt.Sprintf("%s.%d", kec, 2000+i))
				dctx := tenancy.With(ctx, tenancy.Tenant{Kode: desa})
				err := d.Tx(dctx, func(dctx context.Context, d bun.Tx) error {
					ref, err := m.LoadReferensi(dctx, d, 2026)
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range []struct {
						tahun int
						versi string
					}{{2025, keuangan.VersiMurni}, {2025, keuangan.VersiPerubahan}, {2026, keuangan.VersiMurni}} {
						a, err := keuangan.GetAPBDes(dctx, d, v.tahun, v.versi)
						if desa != keuangan.DemoBengkel && v.tahun == 2025 {
							if !fault.Is(err, fault.NotFound) {
								t.Errorf("%s has an APBDes %d %s: %v", desa, v.tahun, v.versi, err)
							}
							continue
						}
						if err != nil {
							t.Fatalf("%s %d %s: %v", desa, v.tahun, v.versi, err)
						}
						if a.Status != keuangan.StatusDitetapkan || a.PerdesNomor == "" || a.PerdesTanggal.IsZero() {
							t.Errorf("%s %d %s: status %s, Perdes %q %q", desa, v.tahun, v.versi, a.Status, a.PerdesNomor, a.PerdesTanggal)
						}
						lines, err := keuangan.ListBaris(dctx, d, a.ID)
						if err != nil {
							t.Fatal(err)
						}
						tot, ok := keuangan.Hitung(lines)
						if !ok || tot.Seimbang() != nil || tot.SiLPA != 0 {
							t.Errorf("%s %d %s: totals %+v (%v), want balanced to SiLPA 0", desa, v.tahun, v.versi, tot, tot.Seimbang())
						}
						if v.tahun == 2026 && (len(lines) < 30 || len(lines) > 60) {
							t.Errorf("%s 2026: %d lines, want 30–60", desa, len(lines))
						}
						if desa == keuangan.DemoBengkel && (tot.Pendapatan < 2_000_000_000 || tot.Pendapatan > 3_000_000_000) {
							t.Errorf("Bengkel %d %s pendapatan %s, want Rp 2–3 M", v.tahun, v.versi, tot.Pendapatan)
						}
						for _, b := range lines {
							in := keuangan.BarisInput{KodeRekening: string(b.KodeRekening), KodeKegiatan: string(b.KodeKegiatan), Uraian: b.Uraian,
								Volume: b.Volume, Satuan: b.Satuan, HargaSatuan: b.HargaSatuan, Jumlah: b.Jumlah, SumberDana: b.SumberDana,
								Lokasi: b.Lokasi, OutputVolume: b.OutputVolume, OutputSatuan: b.OutputSatuan}
							if b.Kelompok == keuangan.KelompokBelanja {
								in.Jumlah = 0
							}
							got, err := keuangan.PeriksaBaris(ref, in, nil)
							if err != nil || got.Jumlah != b.Jumlah || got.Kelompok != b.Kelompok {
								t.Errorf("%s %d line %s %s %q: %v (jumlah %s vs %s)", desa, v.tahun, b.KodeKegiatan, b.KodeRekening, b.Uraian, err, got.Jumlah, b.Jumlah)
							}
							if v.versi == keuangan.VersiPerubahan && b.AsalBarisID == "" && b.KodeKegiatan != "02.03.14" && b.KodeKegiatan != "05.02.00" {
								t.Errorf("perubahan line %s %q does not name its murni line", b.KodeRekening, b.Uraian)
							}
						}
						if v.tahun != 2026 {
							continue
						}
						// The entries: in book order kas never goes below zero, no
						// line is overspent, nothing is dated after today.
						var rows []keuangan.Transaksi
						q, _ := tenancy.Scope(dctx, d.NewSelect().Model(&rows).Order("t.tanggal", "t.created_at"))
						if err := q.Scan(dctx); err != nil {
							t.Fatal(err)
						}
						byID := map[string]keuangan.Transaksi{}
						for _, r := range rows {
							byID[r.ID] = r
						}
						budget := map[string]keuangan.Rupiah{}
						for _, b := range lines {
							budget[b.ID] = b.Jumlah
						}
						var tunai, bank keuangan.Rupiah
						spent := map[string]keuangan.Rupiah{}
						jenis := map[string]int{}
						tahap := map[int]bool{}
						var ppn, pph keuangan.Rupiah
						for _, r := range rows {
							a, b := kasArus(r, byID)
							tunai, bank = tunai+a, bank+b
							if tunai < 0 || bank < 0 {
								t.Fatalf("%s: kas below zero on %s after %s %q: tunai %s bank %s", desa, r.Tanggal, r.Jenis, r.Uraian, tunai, bank)
							}
							if string(r.Tanggal) > today || r.Tanggal.Year() != 2026 {
								t.Errorf("%s: entry dated %s", desa, r.Tanggal)
							}
							if r.Jenis == keuangan.JenisPengeluaran || r.Jenis == keuangan.JenisSPJ {
								spent[r.BarisID] += r.Jumlah
								if spent[r.BarisID] > budget[r.BarisID] {
									t.Errorf("%s: line %s overspent: %s of %s", desa, r.BarisID, spent[r.BarisID], budget[r.BarisID])
								}
							}
							if r.Jenis == keuangan.JenisPengeluaran && (r.NomorBukti == "" || r.Penerima == "") {
								t.Errorf("%s: pengeluaran without bukti or penerima: %+v", desa, r)
							}
							jenis[r.Jenis]++
							if r.DDTahap > 0 {
								tahap[r.DDTahap] = true
								if r.SumberDana != "DDS" {
									t.Errorf("%s: tahap %d on %s", desa, r.DDTahap, r.SumberDana)
								}
							}
							ppn, pph = ppn+r.PPN, pph+r.PPh
						}
						if !tahap[1] || !tahap[2] {
							t.Errorf("%s: Dana Desa tahap received %v", desa, tahap)
						}
						if !tahap[3] {
							withoutTahap3++
						}
						if desa == keuangan.DemoBengkel {
							for _, j := range []string{keuangan.JenisPenerimaan, keuangan.JenisPengeluaran, keuangan.JenisPanjar,
								keuangan.JenisSPJ, keuangan.JenisSetorPajak, keuangan.JenisMutasi} {
								if jenis[j] == 0 {
									t.Errorf("Bengkel has no %s entry", j)
								}
							}
							if ppn == 0 || pph == 0 || !tahap[3] {
								t.Errorf("Bengkel: ppn %s pph %s tahap %v", ppn, pph, tahap)
							}
						}
						if desa != keuangan.DemoBengkel && !strings.Contains(lines[0].Uraian, "(data demo)") {
							t.Errorf("%s: first line %q does not say it is demo data", desa, lines[0].Uraian)
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if withoutTahap3 < 1 || withoutTahap3 > 2 {
			t.Errorf("%d desa without Dana Desa tahap III, want one or two", withoutTahap3)
		}
	})
}

func TestDemoRealisasiVariesByDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		ctx := context.Background()
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		var persen []int
		for i := 2; i <= 10; i++ {
			dctx := tenancy.With(ctx, tenancy.Tenant{Kode: tenancy.Kode(fmt.Sprintf("51.02.01.%d", 2000+i))})
			err := d.Tx(dctx, func(dctx context.Context, d bun.Tx) error {
				a, err := keuangan.GetAPBDes(dctx, d, 2026, keuangan.VersiMurni)
				if err != nil {
					t.Fatal(err)
				}
				lines, _ := keuangan.ListBaris(dctx, d, a.ID)
				tot, _ := keuangan.Hitung(lines)
				var rows []keuangan.Transaksi
				q, _ := tenancy.Scope(dctx, d.NewSelect().Model(&rows).Where("t.jenis IN (?, ?)", keuangan.JenisPengeluaran, keuangan.JenisSPJ))
				if err := q.Scan(dctx); err != nil {
					t.Fatal(err)
				}
				var real keuangan.Rupiah
				for _, r := range rows {
					if strings.HasPrefix(string(r.KodeRekening), "5.") {
						real += r.Jumlah
					}
				}
				persen = append(persen, int(real*100/tot.Belanja))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if slices.Max(persen)-slices.Min(persen) < 15 {
			t.Errorf("realisasi belanja per desa %v: want a spread of at least 15 points", persen)
		}
		t.Logf("realisasi belanja %%: %v", persen)
	})
}
