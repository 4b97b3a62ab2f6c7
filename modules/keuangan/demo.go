package keuangan

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo data of dev mode (`go run ./cmd/ngantor`): Desa Bengkel (Kediri,
// Tabanan) with its APBDes 2025 murni and perubahan, both set by Perdes,
// and its APBDes 2026 with a year of realisasi up to today; every other
// desa of Tabanan with a generated APBDes 2026 and realisasi, so the
// kabupaten table and the comparison panel have something to show; and
// from November the RAPBDes 2027 of five desa of Kediri at each step of
// the camat's evaluation (demo_rapbdes.go).
//
// Everything is built from a random source seeded by the desa's id, so a
// desa's figures are the same at every start; a desa that has any APBDes is
// left alone, so SeedDemo is idempotent. Lines are built through
// PeriksaBaris (valid by the rules the pages apply) and every APBDes
// balances (Total.Seimbang). Entries are scheduled so that neither kas
// tunai nor kas bank ever goes below zero in book order (date, then the
// order written), by the journal's rules: a pengeluaran takes jumlah less
// the tax withheld, which stays in kas until paid over (setor pajak); a
// panjar takes its jumlah from kas tunai and its SPJ gives back what was
// not spent; a mutasi moves money from its kas to the other.

// DemoBengkel is the demo desa of every module: Bengkel, Kediri, Tabanan.
const DemoBengkel tenancy.Kode = "51.02.06.2001"

const demoOleh = "demo"

// demoTanpaTahap3 are the demo desa whose Dana Desa tahap III has not come
// (their index in the kabupaten's order): the table shows a desa behind.
var demoTanpaTahap3 = []int{17, 90}

// SeedDemo loads the demo budgets and entries (dev mode only).
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.SeedReference(ctx); err != nil {
		return err
	}
	desa, err := m.demoDesa(ctx)
	if err != nil {
		return err
	}
	now := m.now()
	today := civil.Today(now, DemoBengkel)
	refs := map[int]*Referensi{}
	for _, tahun := range []int{2025, 2026} {
		r, err := m.LoadReferensi(tenancy.With(ctx, tenancy.Tenant{Kode: DemoBengkel}), m.db, tahun)
		if err != nil {
			return err
		}
		refs[tahun] = r
	}
	for i, d := range desa {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: d})
		if err := m.seedDemoDesa(dctx, d, i, refs, today, now); err != nil {
			return fmt.Errorf("keuangan: demo %s: %w", d, err)
		}
	}
	return m.seedDemoRAPBDes(ctx, desa, today, now)
}

// demoDesa lists Bengkel and the other desa of Tabanan. The module reads no
// wilayah table: it asks Names for each code of the kabupaten's kecamatan
// in turn (codes run 2001, 2002, … without gaps in the Kepmendagri list;
// three misses in a row end a kecamatan). Without Names, Bengkel alone.
func (m *Module) demoDesa(ctx context.Context) ([]tenancy.Kode, error) {
	out := []tenancy.Kode{DemoBengkel}
	if m.names == nil {
		return out, nil
	}
	kab := DemoBengkel.Up(tenancy.Kabupaten)
	exists := func(k tenancy.Kode) (bool, error) {
		_, err := m.names.Nama(ctx, k)
		if fault.Is(err, fault.NotFound) {
			return false, nil
		}
		return err == nil, err
	}
	for kec := 1; kec <= 40; kec++ {
		kk := tenancy.Kode(fmt.Sprintf("%s.%02d", kab, kec))
		ok, err := exists(kk)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for n, miss := 2001, 0; miss < 3 && n < 2100; n++ {
			d := tenancy.Kode(fmt.Sprintf("%s.%d", kk, n))
			ok, err := exists(d)
			if err != nil {
				return nil, err
			}
			if !ok {
				miss++
				continue
			}
			miss = 0
			if d != DemoBengkel {
				out = append(out, d)
			}
		}
	}
	return out, nil
}

func (m *Module) seedDemoDesa(ctx context.Context, desa tenancy.Kode, idx int, refs map[int]*Referensi, today civil.Date, now time.Time) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*APBDes)(nil)))
		if err != nil {
			return err
		}
		if n, err := q.Count(ctx); err != nil || n > 0 {
			return err
		}
		desaID := desa.ID()
		bengkel := desa == DemoBengkel
		if bengkel {
			rng := rand.New(rand.NewPCG(uint64(desaID), 2025))
			murni, err := demoAnggaran(refs[2025], rng, true, 2025)
			if err != nil {
				return err
			}
			a, err := m.demoSimpan(ctx, tx, desaID, 2025, VersiMurni, "", murni, "3 Tahun 2024", "2024-12-27")
			if err != nil {
				return err
			}
			simpan, err := ListBaris(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			ubah, err := demoPerubahan(refs[2025], simpan)
			if err != nil {
				return err
			}
			if _, err := m.demoSimpan(ctx, tx, desaID, 2025, VersiPerubahan, a.ID, ubah, "5 Tahun 2025", "2025-09-26"); err != nil {
				return err
			}
		}
		rng := rand.New(rand.NewPCG(uint64(desaID), 2026))
		lines, err := demoAnggaran(refs[2026], rng, bengkel, 2026)
		if err != nil {
			return err
		}
		a, err := m.demoSimpan(ctx, tx, desaID, 2026, VersiMurni, "", lines, "4 Tahun 2025", "2025-12-29")
		if err != nil {
			return err
		}
		if today.Year() < 2026 {
			return nil
		}
		simpan, err := ListBaris(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		// How far the desa has come: Bengkel well along, the others spread
		// from slow to fast.
		level := 880
		if !bengkel {
			level = 350 + rng.IntN(600)
		}
		entries := demoRealisasi(simpan, rng, level, !bengkel && slices.Contains(demoTanpaTahap3, idx), today)
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range entries {
			t := &entries[i]
			id, err := uuid.NewV7()
			if err != nil {
				return err
			}
			t.DesaID, t.ID, t.Tahun, t.CreatedBy = desaID, id.String(), 2026, demoOleh
			// Book order is (tanggal, created_at): entries are stamped in
			// the order they were scheduled, on their own date.
			t.CreatedAt = t.Tanggal.Time().Add(time.Hour + time.Duration(i)*time.Second)
			if t.CreatedAt.Before(base) {
				t.CreatedAt = base
			}
		}
		// Panjar ids: the SPJ names its panjar by position until ids exist.
		for i := range entries {
			if entries[i].Jenis == JenisSPJ {
				n, _ := strconv.Atoi(entries[i].PanjarID)
				entries[i].PanjarID = entries[n].ID
			}
		}
		const batch = 200
		for lo := 0; lo < len(entries); lo += batch {
			chunk := entries[lo:min(lo+batch, len(entries))]
			if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// demoSimpan writes an APBDes in draft, its lines, and moves it through the
// lifecycle to ditetapkan by the Perdes given, as a desa and its camat
// would.
func (m *Module) demoSimpan(ctx context.Context, tx bun.Tx, desaID int64, tahun int, versi, murniID string, lines []Baris,
	perdes string, tanggal civil.Date) (APBDes, error) {
	t := tanggal.Time().Add(-20 * 24 * time.Hour)
	a, err := demoTulis(ctx, tx, desaID, tahun, versi, murniID, lines, t)
	if err != nil {
		return APBDes{}, err
	}
	desa := demoPelaku{ID: demoOleh, Nama: "Perbekel (data demo)"}
	camat := demoPelaku{ID: demoOleh, Nama: "Camat (data demo)"}
	steps := []struct {
		aksi, catatan string
		by            demoPelaku
		at            time.Time
	}{
		{AksiAjukan, "Rancangan APBDes " + versi + " " + strconv.Itoa(tahun) + " (data demo)", desa, t.Add(24 * time.Hour)},
		{AksiTerima, "Hasil evaluasi: dapat ditetapkan (data demo)", camat, t.Add(10 * 24 * time.Hour)},
		{AksiTetapkan, "Perdes Nomor " + perdes + " (data demo)", desa, tanggal.Time().Add(2 * time.Hour)},
	}
	a.PerdesNomor, a.PerdesTanggal = perdes, tanggal
	for _, s := range steps {
		if err := GantiStatus(ctx, tx, &a, s.aksi, s.catatan, Pelaku(s.by), s.at); err != nil {
			return APBDes{}, err
		}
	}
	return a, nil
}

// demoTulis writes an APBDes in draft with its lines, stamped at t.
func demoTulis(ctx context.Context, tx bun.Tx, desaID int64, tahun int, versi, murniID string, lines []Baris, t time.Time) (APBDes, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return APBDes{}, err
	}
	a := APBDes{DesaID: desaID, ID: id.String(), Tahun: tahun, Versi: versi, Status: StatusDraft, MurniID: murniID,
		CreatedBy: demoOleh, CreatedAt: t, UpdatedBy: demoOleh, UpdatedAt: t}
	if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
		return APBDes{}, err
	}
	// Batched inserts of the lines as SimpanBaris writes them (numbered,
	// stamped); SimpanBaris itself is not used because its count of the
	// lines so far names ?TableAlias on a query without a model, which
	// neither engine accepts (reported).
	for i := range lines {
		lid, err := uuid.NewV7()
		if err != nil {
			return APBDes{}, err
		}
		b := &lines[i]
		b.DesaID, b.ID, b.APBDesID, b.Urutan = desaID, lid.String(), a.ID, i+1
		b.CreatedBy, b.CreatedAt, b.UpdatedBy, b.UpdatedAt = demoOleh, t, demoOleh, t
	}
	for lo := 0; lo < len(lines); lo += 200 {
		chunk := lines[lo:min(lo+200, len(lines))]
		if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return APBDes{}, err
		}
	}
	return a, nil
}

type demoPelaku Pelaku

// demoBaris is a belanja line of the demo catalogue, at Bengkel's scale.
type demoBaris struct {
	keg, rek, uraian, satuan string
	vol                      int64
	harga                    Rupiah
	sumber                   string
	out                      int64
	outSatuan                string
	tetap                    bool // a fixed cost (siltap, tunjangan, insentif, BLT): not scaled, always there
	lokasi                   bool // built somewhere in the desa
}

// demoBelanja groups the lines by real kegiatan of the Lampiran, the way
// a Tabanan desa's APBDes reads: siltap and operasional first, then
// pembangunan, kemasyarakatan, pemberdayaan and BLT Dana Desa.
var demoBelanja = []demoBaris{
	{keg: "01.01.01", rek: "5.1.1.01", uraian: "Penghasilan tetap Perbekel", satuan: "OB", vol: 12, harga: 4_500_000, sumber: "ADD", tetap: true},
	{keg: "01.01.01", rek: "5.1.1.02", uraian: "Tunjangan Perbekel", satuan: "OB", vol: 12, harga: 1_500_000, sumber: "ADD", tetap: true},
	{keg: "01.01.02", rek: "5.1.2.01", uraian: "Penghasilan tetap perangkat desa (9 orang)", satuan: "OB", vol: 108, harga: 3_200_000, sumber: "ADD", tetap: true},
	{keg: "01.01.02", rek: "5.1.2.02", uraian: "Tunjangan perangkat desa", satuan: "OB", vol: 108, harga: 600_000, sumber: "ADD", tetap: true},
	{keg: "01.01.03", rek: "5.1.3.01", uraian: "Iuran BPJS Kesehatan Perbekel", satuan: "OB", vol: 12, harga: 180_000, sumber: "ADD", tetap: true},
	{keg: "01.01.03", rek: "5.1.3.02", uraian: "Iuran BPJS Kesehatan perangkat desa", satuan: "OB", vol: 108, harga: 128_000, sumber: "ADD", tetap: true},
	{keg: "01.01.03", rek: "5.1.3.04", uraian: "Iuran BPJS Ketenagakerjaan perangkat desa", satuan: "OB", vol: 108, harga: 16_800, sumber: "ADD", tetap: true},
	{keg: "01.01.04", rek: "5.2.1.01", uraian: "Alat tulis kantor dan benda pos", satuan: "bulan", vol: 12, harga: 1_250_000, sumber: "ADD"},
	{keg: "01.01.04", rek: "5.2.5.01", uraian: "Langganan listrik kantor perbekel", satuan: "bulan", vol: 12, harga: 1_100_000, sumber: "ADD"},
	{keg: "01.01.04", rek: "5.2.5.05", uraian: "Langganan internet kantor perbekel", satuan: "bulan", vol: 12, harga: 450_000, sumber: "ADD"},
	{keg: "01.01.04", rek: "5.2.3.01", uraian: "Perjalanan dinas dalam kabupaten", satuan: "OH", vol: 40, harga: 150_000, sumber: "ADD"},
	{keg: "01.01.04", rek: "5.2.1.06", uraian: "Makan minum rapat dan tamu", satuan: "kotak", vol: 600, harga: 25_000, sumber: "ADD"},
	{keg: "01.01.05", rek: "5.1.4.01", uraian: "Tunjangan kedudukan BPD (7 orang)", satuan: "OB", vol: 84, harga: 900_000, sumber: "ADD", tetap: true},
	{keg: "01.01.06", rek: "5.2.1.06", uraian: "Makan minum rapat BPD", satuan: "kotak", vol: 240, harga: 25_000, sumber: "ADD"},
	{keg: "01.01.06", rek: "5.2.1.01", uraian: "Alat tulis kantor BPD", satuan: "bulan", vol: 12, harga: 300_000, sumber: "ADD"},
	{keg: "01.01.07", rek: "5.2.2.03", uraian: "Insentif kelian banjar dinas (6 banjar)", satuan: "OB", vol: 72, harga: 750_000, sumber: "ADD", tetap: true},
	{keg: "01.02.02", rek: "5.2.6.04", uraian: "Pemeliharaan gedung kantor perbekel", satuan: "paket", vol: 1, harga: 25_000_000, sumber: "ADD", out: 1, outSatuan: "unit"},
	{keg: "01.03.01", rek: "5.2.1.05", uraian: "Cetak blanko pelayanan administrasi", satuan: "paket", vol: 1, harga: 6_000_000, sumber: "ADD"},
	{keg: "01.03.01", rek: "5.2.2.02", uraian: "Honorarium operator pelayanan", satuan: "OB", vol: 12, harga: 1_500_000, sumber: "ADD"},
	{keg: "01.04.01", rek: "5.2.1.06", uraian: "Makan minum musrenbang desa", satuan: "kotak", vol: 300, harga: 25_000, sumber: "ADD"},
	{keg: "01.04.01", rek: "5.2.1.08", uraian: "Spanduk musyawarah desa", satuan: "buah", vol: 4, harga: 350_000, sumber: "ADD"},
	{keg: "01.04.04", rek: "5.2.2.01", uraian: "Honorarium tim penyusun APBDes", satuan: "OK", vol: 5, harga: 1_500_000, sumber: "ADD"},
	{keg: "01.04.08", rek: "5.2.2.02", uraian: "Honorarium operator sistem informasi desa", satuan: "OB", vol: 12, harga: 1_000_000, sumber: "ADD"},
	{keg: "02.01.01", rek: "5.2.2.03", uraian: "Insentif guru PAUD (4 orang)", satuan: "OB", vol: 48, harga: 750_000, sumber: "DDS"},
	{keg: "02.02.02", rek: "5.2.1.06", uraian: "Pemberian makanan tambahan balita dan ibu hamil", satuan: "porsi", vol: 1200, harga: 15_000, sumber: "DDS", out: 1200, outSatuan: "porsi"},
	{keg: "02.02.02", rek: "5.2.2.03", uraian: "Insentif kader posyandu", satuan: "OB", vol: 120, harga: 150_000, sumber: "DDS"},
	{keg: "02.03.10", rek: "5.3.5.02", uraian: "Upah tenaga kerja pengaspalan jalan desa", satuan: "HOK", vol: 300, harga: 150_000, sumber: "DDS", lokasi: true},
	{keg: "02.03.10", rek: "5.3.5.03", uraian: "Bahan pengaspalan jalan desa", satuan: "paket", vol: 1, harga: 180_000_000, sumber: "DDS", out: 250, outSatuan: "m", lokasi: true},
	{keg: "02.03.12", rek: "5.3.5.02", uraian: "Upah tenaga kerja rabat beton jalan usaha tani subak", satuan: "HOK", vol: 200, harga: 150_000, sumber: "DDS", lokasi: true},
	{keg: "02.03.12", rek: "5.3.5.03", uraian: "Bahan rabat beton jalan usaha tani subak", satuan: "paket", vol: 1, harga: 95_000_000, sumber: "DDS", out: 300, outSatuan: "m", lokasi: true},
	{keg: "02.04.16", rek: "5.3.7.02", uraian: "Upah tenaga kerja saluran drainase", satuan: "HOK", vol: 150, harga: 150_000, sumber: "BKK", lokasi: true},
	{keg: "02.04.16", rek: "5.3.7.03", uraian: "Bahan saluran drainase", satuan: "paket", vol: 1, harga: 60_000_000, sumber: "BKK", out: 180, outSatuan: "m", lokasi: true},
	{keg: "02.03.15", rek: "5.3.4.02", uraian: "Upah tenaga kerja rehabilitasi balai banjar", satuan: "HOK", vol: 120, harga: 150_000, sumber: "BKK", lokasi: true},
	{keg: "02.03.15", rek: "5.3.4.03", uraian: "Bahan rehabilitasi balai banjar", satuan: "paket", vol: 1, harga: 120_000_000, sumber: "BKK", out: 1, outSatuan: "unit", lokasi: true},
	{keg: "02.04.15", rek: "5.3.4.03", uraian: "Bahan bangunan TPS3R", satuan: "paket", vol: 1, harga: 45_000_000, sumber: "DDS", out: 1, outSatuan: "unit", lokasi: true},
	{keg: "03.02.01", rek: "5.3.9.03", uraian: "Pengadaan gamelan sekaa gong", satuan: "set", vol: 1, harga: 35_000_000, sumber: "BKP", out: 1, outSatuan: "set"},
	{keg: "03.02.04", rek: "5.2.6.04", uraian: "Pemeliharaan wantilan desa", satuan: "paket", vol: 1, harga: 30_000_000, sumber: "BKP", out: 1, outSatuan: "unit", lokasi: true},
	{keg: "03.04.01", rek: "5.2.7.90", uraian: "Bantuan operasional desa adat", satuan: "paket", vol: 1, harga: 25_000_000, sumber: "PBH"},
	{keg: "03.04.03", rek: "5.2.1.06", uraian: "Makan minum kegiatan PKK", satuan: "kotak", vol: 200, harga: 25_000, sumber: "PBH"},
	{keg: "03.04.03", rek: "5.2.2.01", uraian: "Honorarium pembina PKK", satuan: "OB", vol: 12, harga: 500_000, sumber: "PBH"},
	{keg: "04.02.01", rek: "5.2.7.05", uraian: "Bantuan bibit padi untuk subak", satuan: "paket", vol: 1, harga: 40_000_000, sumber: "DDS"},
	{keg: "04.02.03", rek: "5.2.7.05", uraian: "Bantuan bibit sapi bali (ketahanan pangan)", satuan: "ekor", vol: 14, harga: 15_000_000, sumber: "DDS", out: 14, outSatuan: "ekor"},
	{keg: "04.03.02", rek: "5.2.3.03", uraian: "Pelatihan peningkatan kapasitas perangkat desa", satuan: "OK", vol: 10, harga: 1_500_000, sumber: "PAD"},
	{keg: "05.03.00", rek: "5.4.1.01", uraian: "BLT Dana Desa (25 KPM)", satuan: "KPM-bulan", vol: 300, harga: 300_000, sumber: "DDS", out: 25, outSatuan: "KPM", tetap: true},
}

// demoBanjar are the banjar dinas physical works are placed in.
var demoBanjar = []string{"Banjar Dinas Kaja", "Banjar Dinas Tengah", "Banjar Dinas Kelod", "Banjar Dinas Kangin", "Banjar Dinas Kauh"}

// demoPendapatan is a desa's income of a year and its SiLPA.
type demoPendapatan struct {
	dds, add, pbh, bkk, bkp, bumdes, tanah, bunga, silpa, modal Rupiah
}

func ribu(r Rupiah) Rupiah { return r / 1000 * 1000 }

// demoAnggaran builds a balanced APBDes of one year through PeriksaBaris.
func demoAnggaran(ref *Referensi, rng *rand.Rand, bengkel bool, tahun int) ([]Baris, error) {
	p := demoPendapatan{dds: 1_052_340_000, add: 868_125_000, pbh: 118_450_000, bkk: 300_000_000, bkp: 100_000_000,
		bumdes: 35_000_000, tanah: 42_000_000, bunga: 4_800_000, silpa: 85_270_000, modal: 50_000_000}
	note := ""
	if tahun == 2025 {
		p.dds, p.add, p.silpa = 1_018_000_000, 842_500_000, 64_800_000
	}
	if !bengkel {
		note = " (data demo)"
		p.dds = ribu(820_000_000 + Rupiah(rng.IntN(480_000))*1000)
		p.add = ribu(640_000_000 + Rupiah(rng.IntN(360_000))*1000)
		p.pbh = ribu(70_000_000 + Rupiah(rng.IntN(90_000))*1000)
		p.bkk = Rupiah(100+50*rng.IntN(7)) * 1_000_000
		p.bkp = 0
		if rng.IntN(2) == 0 {
			p.bkp = 100_000_000
		}
		p.bumdes = ribu(Rupiah(5_000+rng.IntN(55_000)) * 1000)
		p.tanah = ribu(Rupiah(8_000+rng.IntN(40_000)) * 1000)
		p.bunga = ribu(Rupiah(2_000+rng.IntN(5_000)) * 1000)
		p.silpa = ribu(Rupiah(30_000+rng.IntN(140_000)) * 1000)
		p.modal = 0
		if rng.IntN(3) == 0 {
			p.modal = Rupiah(25+25*rng.IntN(3)) * 1_000_000
		}
	}
	var out []Baris
	add := func(in BarisInput) error {
		b, err := PeriksaBaris(ref, in, nil)
		if err != nil {
			return fmt.Errorf("demo line %s %s %q: %w", in.KodeKegiatan, in.KodeRekening, in.Uraian, err)
		}
		out = append(out, b)
		return nil
	}
	pend := []BarisInput{
		{KodeRekening: "4.1.1.01", Uraian: "Bagi hasil BUMDes", Jumlah: p.bumdes, SumberDana: "PAD"},
		{KodeRekening: "4.1.2.01", Uraian: "Hasil sewa tanah kas desa", Jumlah: p.tanah, SumberDana: "PAD"},
		{KodeRekening: "4.2.1.01", Uraian: "Dana Desa", Jumlah: p.dds, SumberDana: "DDS"},
		{KodeRekening: "4.2.2.01", Uraian: "Bagi hasil pajak dan retribusi daerah", Jumlah: p.pbh, SumberDana: "PBH"},
		{KodeRekening: "4.2.3.01", Uraian: "Alokasi Dana Desa", Jumlah: p.add, SumberDana: "ADD"},
		{KodeRekening: "4.2.4.01", Uraian: "Bantuan keuangan Provinsi Bali", Jumlah: p.bkp, SumberDana: "BKP"},
		{KodeRekening: "4.2.5.01", Uraian: "Bantuan keuangan khusus Kabupaten Tabanan", Jumlah: p.bkk, SumberDana: "BKK"},
		{KodeRekening: "4.3.6.01", Uraian: "Bunga bank rekening kas desa", Jumlah: p.bunga, SumberDana: "DLL"},
	}
	var pendapatan Rupiah
	for _, in := range pend {
		if in.Jumlah == 0 {
			continue
		}
		in.Uraian += note
		pendapatan += in.Jumlah
		if err := add(in); err != nil {
			return nil, err
		}
	}
	// Which lines, and at what scale: the belanja fills most of what the
	// year brings; the rest is belanja tak terduga, or more SiLPA is used.
	type pilih struct {
		d   demoBaris
		vol int64
	}
	var dipilih []pilih
	var tetap, ubah Rupiah
	for _, d := range demoBelanja {
		if d.sumber == "BKP" && p.bkp == 0 {
			continue
		}
		vol := d.vol
		if !bengkel && !d.tetap {
			if rng.IntN(100) < 22 {
				continue
			}
		}
		j, _ := Kali(Volume(vol*VolumeSkala), d.harga)
		if d.tetap {
			tetap += j
		} else {
			ubah += j
		}
		dipilih = append(dipilih, pilih{d, vol})
	}
	tersedia := pendapatan + p.silpa - p.modal
	persen := Rupiah(960 + rng.IntN(35))
	target := tersedia*persen/1000 - tetap
	skala := max(target*1000/max(ubah, 1), 300)
	for i, c := range dipilih {
		d := c.d
		harga := d.harga
		if !d.tetap {
			harga = max(ribu(harga*skala/1000), 1000)
		}
		in := BarisInput{KodeRekening: d.rek, KodeKegiatan: d.keg, Uraian: d.uraian, Volume: Volume(c.vol * VolumeSkala), Satuan: d.satuan,
			HargaSatuan: harga, SumberDana: d.sumber, OutputVolume: Volume(d.out * VolumeSkala), OutputSatuan: d.outSatuan}
		if d.lokasi {
			in.Lokasi = demoBanjar[(i+int(rng.IntN(len(demoBanjar))))%len(demoBanjar)]
		}
		if err := add(in); err != nil {
			return nil, err
		}
	}
	if p.modal > 0 {
		if err := add(BarisInput{KodeRekening: "6.2.2.01", Uraian: "Penyertaan modal BUMDes" + note, Jumlah: p.modal, SumberDana: "DDS"}); err != nil {
			return nil, err
		}
	}
	if err := add(BarisInput{KodeRekening: "6.1.1.01", Uraian: "SiLPA tahun sebelumnya" + note, Jumlah: p.silpa, SumberDana: "SiLPA"}); err != nil {
		return nil, err
	}
	return demoSeimbang(ref, out)
}

// demoSeimbang balances lines to a SiLPA tahun berjalan of nil: what is
// left becomes belanja tak terduga (kegiatan keadaan darurat), what is
// missing comes from more SiLPA of the year before.
func demoSeimbang(ref *Referensi, lines []Baris) ([]Baris, error) {
	t, ok := Hitung(lines)
	if !ok {
		return nil, fmt.Errorf("demo totals overflow")
	}
	switch {
	case t.SiLPA > 0:
		b, err := PeriksaBaris(ref, BarisInput{KodeRekening: "5.4.1.01", KodeKegiatan: "05.02.00", Uraian: "Belanja tak terduga keadaan darurat",
			Volume: VolumeSkala, Satuan: "paket", HargaSatuan: t.SiLPA, SumberDana: "ADD"}, nil)
		if err != nil {
			return nil, err
		}
		lines = append(lines, b)
	case t.SiLPA < 0:
		for i := range lines {
			if lines[i].KodeRekening == "6.1.1.01" {
				lines[i].Jumlah -= t.SiLPA
			}
		}
	}
	return lines, nil
}

// demoPerubahan is Bengkel's APBDes Perubahan 2025: the murni's lines
// (asal_baris_id), the SiLPA as audited, a road extended, a new retaining
// wall, balanced again through belanja tak terduga.
func demoPerubahan(ref *Referensi, murni []Baris) ([]Baris, error) {
	var out []Baris
	for _, b := range murni {
		if b.KodeRekening == "5.4.1.01" && b.KodeKegiatan == "05.02.00" {
			continue // rebalanced below
		}
		n := b
		n.ID, n.APBDesID, n.Urutan, n.AsalBarisID = "", "", 0, b.ID
		switch {
		case n.KodeRekening == "6.1.1.01":
			n.Jumlah += 23_400_000
		case n.KodeKegiatan == "02.03.10" && n.KodeRekening == "5.3.5.03":
			n.HargaSatuan += 18_000_000
			n.Jumlah, _ = Kali(n.Volume, n.HargaSatuan)
			n.OutputVolume += 20 * VolumeSkala
		}
		out = append(out, n)
	}
	b, err := PeriksaBaris(ref, BarisInput{KodeRekening: "5.3.5.03", KodeKegiatan: "02.03.14", Uraian: "Bahan tembok penahan tanah jalan desa",
		Volume: 1 * VolumeSkala, Satuan: "paket", HargaSatuan: 32_500_000, SumberDana: "DDS", Lokasi: "Banjar Dinas Kelod",
		OutputVolume: 45 * VolumeSkala, OutputSatuan: "m"}, nil)
	if err != nil {
		return nil, err
	}
	out = append(out, b)
	return demoSeimbang(ref, out)
}
