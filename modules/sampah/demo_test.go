package sampah_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// demoNow is 1 December 2026, 10:00 WITA: the demo year runs from
// 1 December 2025 to 30 November 2026, Nyepi (19 March 2026) inside it.
var demoNow = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)

// fakePenduduk gives the population of the desa it knows.
type fakePenduduk map[tenancy.Kode]int64

func (p fakePenduduk) Penduduk(_ context.Context, w tenancy.Kode) (map[tenancy.Kode]int64, error) {
	out := map[tenancy.Kode]int64{}
	for k, n := range p {
		if w.Contains(k) {
			out[k] = n
		}
	}
	return out, nil
}

func demoModule(t *testing.T, d *db.DB) *sampah.Module {
	t.Helper()
	return newModule(t, d, func(deps *sampah.Deps) {
		deps.Clock = func() time.Time { return demoNow }
		deps.Penduduk = fakePenduduk{bengkel: 4_913, "51.02.06.2002": 3_213}
	})
}

func seedDemo(t *testing.T, m *sampah.Module) {
	t.Helper()
	start := time.Now()
	if err := m.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("SeedDemo: %v", time.Since(start))
}

var demoTables = []string{"sampah_fasilitas", "sampah_nasabah", "sampah_jenis", "sampah_harga", "sampah_entri", "sampah_entri_rinci", "sampah_log"}

// demoCount counts the rows of each table over all of Tabanan (row-level
// security shows a transaction the rows of its tenant).
func demoCount(t *testing.T, d *db.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: "51.02"})
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, table := range demoTables {
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

func TestDemoSeedIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		seedDemo(t, m)
		first := demoCount(t, d)
		t.Logf("rows: %v", first)
		seedDemo(t, m)
		if second := demoCount(t, d); fmt.Sprint(first) != fmt.Sprint(second) {
			t.Fatalf("second SeedDemo changed rows: %v → %v", first, second)
		}
		for _, table := range demoTables {
			if first[table] == 0 {
				t.Errorf("%s: no rows", table)
			}
		}
	})
}

// bengkelRows reads Bengkel's facilities, nasabah, jenis, journal (book
// order: date, then the order written), rinci and logs.
type bengkelRows struct {
	fasilitas []sampah.Fasilitas
	nasabah   []sampah.Nasabah
	jenis     []sampah.JenisSampah
	entri     []sampah.Entri
	rinci     []sampah.Rinci
	log       []sampah.Log
}

func readBengkel(t *testing.T, d *db.DB) bengkelRows {
	t.Helper()
	var r bengkelRows
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
	id := tenancy.Kode(bengkel).ID()
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, q := range []*bun.SelectQuery{
			tx.NewSelect().Model(&r.fasilitas).Where("f.desa_id = ?", id).Order("f.nama"),
			tx.NewSelect().Model(&r.nasabah).Where("n.desa_id = ?", id).Order("n.nomor"),
			tx.NewSelect().Model(&r.jenis).Where("j.desa_id = ?", id).Order("j.kode"),
			tx.NewSelect().Model(&r.entri).Where("e.desa_id = ?", id).Order("e.tanggal", "e.created_at"),
			tx.NewSelect().Model(&r.rinci).Where("r.desa_id = ?", id),
			tx.NewSelect().Model(&r.log).Where("l.desa_id = ?", id).Order("l.tanggal"),
		} {
			if err := q.Scan(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDemoBengkelHasBestariAndAYearOfWork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		seedDemo(t, m)
		r := readBengkel(t, d)

		byNama := map[string]sampah.Fasilitas{}
		for _, f := range r.fasilitas {
			byNama[f.Nama] = f
		}
		tps3r, bank := byNama["TPS3R Bestari"], byNama["Bank Sampah Bestari"]
		if tps3r.Jenis != sampah.FasilitasTPS3R || tps3r.Status != "aktif" || tps3r.KegiatanKode != "02.04.15" || tps3r.Lahan != "desa_adat" ||
			tps3r.PengelolaJenis != "ksm" || tps3r.TahunDibangun != 2019 {
			t.Errorf("TPS3R Bestari = %+v", tps3r)
		}
		if bank.Jenis != sampah.FasilitasBankSampah || bank.Status != "aktif" {
			t.Errorf("Bank Sampah Bestari = %+v", bank)
		}

		if len(r.jenis) != 12 {
			t.Errorf("jenis: %d, want 12", len(r.jenis))
		}
		aktif := 0
		for _, n := range r.nasabah {
			if n.Aktif {
				aktif++
			}
		}
		if len(r.nasabah) != 150 || aktif != 135 {
			t.Errorf("nasabah: %d, aktif %d; want 150 and 135", len(r.nasabah), aktif)
		}

		// The journal by its rules: a setoran is the sum of its rinci at the
		// price in force on its date, a koreksi undoes one entry of the same
		// nasabah with the opposite sign, and no saldo is ever below zero.
		rinci := map[string][]sampah.Rinci{}
		for _, x := range r.rinci {
			rinci[x.EntriID] = append(rinci[x.EntriID], x)
		}
		byID := map[string]sampah.Entri{}
		saldo := map[string]int64{}
		count := map[string]int{}
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		for i, e := range r.entri {
			byID[e.ID] = e
			count[e.Jenis]++
			if e.FasilitasID != bank.ID {
				t.Fatalf("entry %s of facility %s", e.ID, e.FasilitasID)
			}
			switch e.Jenis {
			case sampah.EntriSetoran, sampah.EntriPenjualan:
				var sum int64
				for _, x := range rinci[e.ID] {
					if n, ok := sampah.Nilai(x.Jumlah, x.Harga); !ok || n != x.Nilai || x.Jumlah <= 0 || x.Jumlah > sampah.MaxTakaran {
						t.Errorf("%s rinci %+v: nilai %d", e.Jenis, x, n)
					}
					sum += x.Nilai
				}
				if len(rinci[e.ID]) == 0 || sum != e.Jumlah || e.Jumlah <= 0 {
					t.Errorf("%s %s: jumlah %d, rinci %v", e.Jenis, e.ID, e.Jumlah, rinci[e.ID])
				}
				if e.Jenis == sampah.EntriPenjualan && e.Pembeli == "" {
					t.Errorf("penjualan %s without pembeli", e.ID)
				}
				// Spot-check the price list for every 50th setoran.
				if e.Jenis == sampah.EntriSetoran && i%50 == 0 {
					var ids []string
					for _, x := range rinci[e.ID] {
						ids = append(ids, x.JenisID)
					}
					err := d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
						h, err := sampah.HargaBerlaku(ctx, tx, ids, e.Tanggal)
						for _, x := range rinci[e.ID] {
							if h[x.JenisID] != x.Harga {
								t.Errorf("setoran %s on %s: harga %d, list says %d", e.ID, e.Tanggal, x.Harga, h[x.JenisID])
							}
						}
						return err
					})
					if err != nil {
						t.Fatal(err)
					}
				}
			case sampah.EntriKoreksi:
				orig, ok := byID[e.KoreksiID]
				t.Logf("koreksi %s: %s", e.Tanggal, e.Catatan)
				if !ok || orig.NasabahID != e.NasabahID || orig.Jumlah != -e.Jumlah || e.Catatan == "" {
					t.Errorf("koreksi %+v of %+v", e, orig)
				}
			case sampah.EntriPenarikan:
				if e.Jumlah >= 0 {
					t.Errorf("penarikan %s: jumlah %d", e.ID, e.Jumlah)
				}
			}
			if e.NasabahID != "" {
				saldo[e.NasabahID] += e.Jumlah
				if saldo[e.NasabahID] < 0 {
					t.Errorf("nasabah %s below zero on %s: %d", e.NasabahID, e.Tanggal, saldo[e.NasabahID])
				}
			}
			if !e.Tanggal.Before("2026-12-01") || e.Tanggal.Before("2025-12-01") {
				t.Errorf("entry %s dated %s, outside the year", e.ID, e.Tanggal)
			}
		}
		if count[sampah.EntriSetoran] < 2_000 || count[sampah.EntriPenarikan] < 50 || count[sampah.EntriPenjualan] < 12 ||
			count[sampah.EntriKoreksi] < 2 || count[sampah.EntriKoreksi] > 3 {
			t.Errorf("journal: %v", count)
		}
		// The saldo the store reads agrees with the walk, for a few.
		for _, n := range r.nasabah[:10] {
			err := d.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
				s, err := sampah.Saldo(ctx, tx, n.ID, "")
				if s != saldo[n.ID] {
					t.Errorf("Saldo(%d) = %d, walk %d", n.Nomor, s, saldo[n.ID])
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range r.nasabah {
			if !n.Aktif && saldo[n.ID] != 0 {
				t.Errorf("nasabah %d stopped with saldo %d", n.Nomor, saldo[n.ID])
			}
		}

		// A year of logs: about six days a week, closed on Nyepi.
		operasi := 0
		for _, l := range r.log {
			if l.FasilitasID != tps3r.ID {
				t.Fatalf("log of facility %s", l.FasilitasID)
			}
			masuk := l.OrganikGram + l.AnorganikGram + l.ResiduGram
			if l.KomposGram > l.OrganikGram || l.ResiduTPAGram > l.ResiduGram || masuk > tps3r.KapasitasGramHari {
				t.Errorf("log %s: %+v", l.Tanggal, l)
			}
			if l.Beroperasi {
				operasi++
				if masuk < 1_500*sampah.Skala {
					t.Errorf("log %s: inflow %s kg", l.Tanggal, masuk)
				}
			} else if l.Catatan == "" || masuk != 0 {
				t.Errorf("closed day %s: %+v", l.Tanggal, l)
			}
			if l.Tanggal == civil.Date("2026-03-19") && (l.Beroperasi || !strings.Contains(l.Catatan, "Nyepi")) {
				t.Errorf("Nyepi: %+v", l)
			}
		}
		if operasi < 290 || operasi > 320 {
			t.Errorf("operating days: %d", operasi)
		}
	})
}

func TestDemoFiguresRollUpToTheKabupaten(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := demoModule(t, d)
		seedDemo(t, m)
		today := civil.Today(demoNow, "51.02")
		c, err := m.CapaianSampai(context.Background(), "51.02", today)
		if err != nil {
			t.Fatal(err)
		}
		kecamatan := map[tenancy.Kode]bool{}
		var b *sampah.CapaianDesa
		for i, cd := range c.Desa {
			kecamatan[cd.Desa.Up(tenancy.Kecamatan)] = true
			if cd.Desa == bengkel {
				b = &c.Desa[i]
			}
		}
		if b == nil {
			t.Fatalf("Bengkel absent: %+v", c.Desa)
		}
		pengurangan, okP := b.Tahun.PenguranganBP()
		penanganan, okH := b.Tahun.PenangananBP()
		if b.Tahun.PenguranganGram <= 0 || b.Tahun.PenangananGram <= 0 || b.Tahun.BankSampahGram <= 0 || !okP || !okH ||
			pengurangan <= 0 || penanganan <= 0 {
			t.Errorf("Bengkel: %+v", b.Tahun)
		}
		t.Logf("Bengkel %d: pengurangan %s t (%s), penanganan %s t (%s), bank sampah %s t, %d nasabah aktif; kabupaten pengurangan %s t",
			c.Tahun, sampah.Ton(b.Tahun.PenguranganGram), valid.FormatBP(pengurangan), sampah.Ton(b.Tahun.PenangananGram),
			valid.FormatBP(penanganan), sampah.Ton(b.Tahun.BankSampahGram), b.NasabahAktif, sampah.Ton(c.Total.Tahun.PenguranganGram))
		if b.NasabahAktif < 100 || b.FasilitasAktif != 2 {
			t.Errorf("Bengkel: %d nasabah aktif, %d fasilitas aktif", b.NasabahAktif, b.FasilitasAktif)
		}
		if len(c.Desa) != 9 || len(kecamatan) != 6 || c.Total.FasilitasTidakAktif != 4 || c.Total.Tahun.HariOperasi <= b.Tahun.HariOperasi {
			t.Errorf("kabupaten: %d desa in %d kecamatan, %d fasilitas tidak aktif, %d operating days",
				len(c.Desa), len(kecamatan), c.Total.FasilitasTidakAktif, c.Total.Tahun.HariOperasi)
		}
		kediri, err := m.CapaianSampai(context.Background(), "51.02.06", today)
		if err != nil {
			t.Fatal(err)
		}
		if len(kediri.Desa) != 4 || kediri.Total.Tahun.PenguranganGram <= b.Tahun.PenguranganGram ||
			kediri.Total.Tahun.PenguranganGram >= c.Total.Tahun.PenguranganGram {
			t.Errorf("Kediri: %d desa, pengurangan %d (Bengkel %d, kabupaten %d)", len(kediri.Desa),
				kediri.Total.Tahun.PenguranganGram, b.Tahun.PenguranganGram, c.Total.Tahun.PenguranganGram)
		}
	})
}
