package sampah

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo data of dev mode (`go run ./cmd/ngantor`): Desa Bengkel (Kediri,
// Tabanan) with TPS3R Bestari — a year of daily logs — and Bank Sampah
// Bestari — twelve jenis and their price list, about 150 nasabah and a
// year of setoran, penarikan, monthly penjualan to a pengepul and a few
// reversing entries; and eight other desa of Tabanan across five
// kecamatan with smaller TPS3R and bank sampah, some of them no longer
// working, and a TPS or depo, so the kecamatan and kabupaten figures roll
// up from several desa.
//
// The year is the twelve months up to yesterday in the desa's zone, so the
// figures are always filled whatever the day of the start. Every amount
// comes from a random source seeded by the desa's id. A desa that has any
// facility is left alone, so SeedDemo is idempotent. Rows are written
// straight into the module's tables in batches, one transaction per desa
// with the desa as tenant, within the bounds the pages apply (Takaran,
// MaxHarga) and with the journal's rules: a setoran credits the sum of its
// rinci at the price in force on its date, a penarikan never takes more
// than the saldo, a koreksi undoes one entry right after it.

const demoOleh = "demo"

// demoBengkel is the demo desa of every module: Bengkel, Kediri, Tabanan.
const demoBengkel tenancy.Kode = "51.02.06.2001"

// Hari Suci Nyepi (libur nasional, SKB 3 Menteri) and Hari Raya Galungan
// (hari raya Bali) as ../shared/data/hari-libur lists them; they grow with
// that data.
var (
	demoNyepi    = []civil.Date{"2025-03-29", "2026-03-19"}
	demoGalungan = []civil.Date{"2025-04-23", "2025-11-19", "2026-06-17", "2027-01-13", "2027-08-11"}
)

// demoJenis is a jenis of the demo catalogue with its price at the start
// of the year, how often a household brings it, the range of one setoran
// (thousandths of the unit) and its price change, in percent, at each of
// the three revisions of the list.
type demoJenis struct {
	kode, nama, kelompok, satuan string
	harga                        int64
	bobot                        int
	min, max                     Takaran
	ubah                         [3]int
}

var demoKatalog = []demoJenis{
	{"PET", "Botol plastik PET bening", "anorganik", "kg", 4_000, 10, 300, 3_000, [3]int{10, 0, -5}},
	{"PETW", "Botol plastik PET berwarna", "anorganik", "kg", 2_000, 5, 200, 2_000, [3]int{0, 10, 0}},
	{"GLS", "Gelas plastik air mineral", "anorganik", "kg", 5_000, 8, 200, 2_500, [3]int{0, 0, 8}},
	{"HDPE", "Plastik keras (ember, jeriken)", "anorganik", "kg", 2_500, 3, 300, 3_000, [3]int{}},
	{"KRD", "Kardus", "anorganik", "kg", 2_000, 9, 500, 6_000, [3]int{-15, 0, 10}},
	{"HVS", "Kertas HVS dan arsip", "anorganik", "kg", 2_500, 4, 300, 4_000, [3]int{0, 8, 0}},
	{"KRN", "Koran dan majalah", "anorganik", "kg", 1_500, 3, 300, 3_000, [3]int{}},
	{"DPX", "Kertas campur (dupleks)", "anorganik", "kg", 700, 4, 300, 3_000, [3]int{}},
	{"BSI", "Besi dan seng", "anorganik", "kg", 3_500, 2, 500, 8_000, [3]int{0, -6, 0}},
	{"ALU", "Aluminium dan kaleng minuman", "anorganik", "kg", 12_000, 4, 100, 1_200, [3]int{5, 0, 8}},
	{"KCA", "Botol kaca utuh", "anorganik", "pcs", 300, 3, 2_000, 24_000, [3]int{}},
	{"JLN", "Minyak jelantah", "organik", "liter", 5_000, 4, 500, 3_000, [3]int{0, 10, 0}},
}

// demoLog shapes a TPS3R's daily log: the range of a day's inflow in kg,
// the share of organik composted (percent), the weekly day off (no log),
// and special days by their offset from the first day of the year.
type demoLog struct {
	minKg, maxKg         int64
	komposMin, komposMax int64
	libur                time.Weekday
	hari                 map[int]demoHari
}

// demoHari is a special day: closed (beroperasi false) or open with a
// note, and whether no residu went to the TPA that day.
type demoHari struct {
	tutup    bool
	tanpaTPA bool
	catatan  string
}

// demoBank shapes a bank sampah: its households and institutions, the
// jenis it buys (all when nil), the days between a nasabah's setoran, how
// many stopped during the year, whether it has reversing entries, and its
// buyers.
type demoBank struct {
	rumahTangga      int
	lembaga          []string
	jenis            []string
	hariMin, hariMax int
	berhenti         int
	koreksi          bool
	pengepul         string
	pembeliJelantah  string
}

type demoFasilitas struct {
	f    Fasilitas
	log  *demoLog
	bank *demoBank
}

type demoDesa struct {
	kode      tenancy.Kode
	dusun     []string // banjar dinas as administration's demo seeds them
	fasilitas []demoFasilitas
}

const (
	demoPengepul = "UD Sinar Jaya (pengepul, Kediri)"
	demoJelantah = "CV Jelantah Bali Lestari"
)

var demoDaftar = []demoDesa{
	{kode: demoBengkel, dusun: []string{"Bengkel Kangin", "Bengkel Kawan", "Bengkel Tengah", "Sedahan", "Pangkung Prabu"},
		fasilitas: []demoFasilitas{
			{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Bestari", Status: "aktif", KapasitasGramHari: 5_000 * Skala,
				Lahan: "desa_adat", LahanKeterangan: "Tanah pelaba Desa Adat Bengkel, pinjam pakai 20 tahun",
				PengelolaJenis: "ksm", PengelolaNama: "KSM Bestari", Petugas: 9, LintangE6: -8_593_100, BujurE6: 115_094_700,
				TahunDibangun: 2019, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2019 dan Bantuan Keuangan Khusus Provinsi Bali"},
				log: &demoLog{minKg: 1_500, maxKg: 3_000, komposMin: 20, komposMax: 30, libur: time.Sunday, hari: map[int]demoHari{
					41:  {tutup: true, catatan: "Mesin pencacah rusak, menunggu suku cadang"},
					42:  {tutup: true, catatan: "Mesin pencacah rusak, menunggu suku cadang"},
					43:  {catatan: "Mesin pencacah sudah diperbaiki; sampah dua hari dipilah"},
					118: {tutup: true, catatan: "Listrik padam seharian, mesin tidak bisa jalan"},
					203: {tanpaTPA: true, catatan: "Truk pengangkut residu ke TPA Mandung rusak; residu ditumpuk di bak"},
					204: {tanpaTPA: true, catatan: "Truk pengangkut residu ke TPA Mandung rusak; residu ditumpuk di bak"},
					290: {catatan: "Kunjungan studi banding dari desa lain; pemilahan tetap berjalan"},
				}}},
			{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Bestari", Status: "aktif", KapasitasGramHari: 500 * Skala,
				Lahan: "desa_dinas", LahanKeterangan: "Halaman belakang kantor perbekel",
				PengelolaJenis: "ksm", PengelolaNama: "KSM Bestari", Petugas: 4, LintangE6: -8_595_900, BujurE6: 115_092_100,
				TahunDibangun: 2020, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2020"},
				bank: &demoBank{rumahTangga: 144, hariMin: 7, hariMax: 28, berhenti: 15, koreksi: true,
					pengepul: demoPengepul, pembeliJelantah: demoJelantah,
					lembaga: []string{"SD Negeri 1 Bengkel", "SD Negeri 2 Bengkel", "Warung Men Sari", "Warung Makan Bu Komang",
						"Banjar Adat Bengkel Kangin", "PKK Banjar Sedahan"}}},
		}},
	{kode: "51.02.06.2002", dusun: []string{"Pangkung Tibah", "Kedungu", "Yeh Gangga"},
		fasilitas: []demoFasilitas{
			{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Segara Kedungu", Status: "aktif", KapasitasGramHari: 2_000 * Skala,
				Lahan: "desa_dinas", LahanKeterangan: "Tanah kas desa dekat Pantai Kedungu",
				PengelolaJenis: "bumdes", PengelolaNama: "Unit pengelolaan sampah BUMDes Pangkung Tibah", Petugas: 5,
				LintangE6: -8_603_500, BujurE6: 115_071_200, TahunDibangun: 2021, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2021"},
				log: &demoLog{minKg: 600, maxKg: 1_200, komposMin: 15, komposMax: 25, libur: time.Sunday, hari: map[int]demoHari{
					150: {tutup: true, catatan: "Petugas ikut upacara piodalan di pura desa"},
				}}},
			{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Kedungu Lestari", Status: "aktif", KapasitasGramHari: 200 * Skala,
				Lahan: "desa_dinas", LahanKeterangan: "Balai Banjar Kedungu", PengelolaJenis: "pokmas", PengelolaNama: "Pokmas Kedungu Lestari",
				Petugas: 2, LintangE6: -8_604_800, BujurE6: 115_068_300, TahunDibangun: 2022, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2022"},
				bank: &demoBank{rumahTangga: 28, hariMin: 14, hariMax: 28, berhenti: 3, pengepul: demoPengepul, pembeliJelantah: demoJelantah,
					jenis: []string{"PET", "GLS", "KRD", "HVS", "ALU", "JLN"}, lembaga: []string{"Warung Pantai Kedungu", "Banjar Adat Kedungu"}}},
		}},
	{kode: "51.02.06.2011", dusun: []string{"Nyitdah Kaja", "Nyitdah Kelod", "Pasti", "Dukuh"},
		fasilitas: []demoFasilitas{
			{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Nyitdah", Status: "tidak_aktif",
				AlasanTidakAktif: "Lahan sengketa: pemilik tanah menarik pinjam pakai, operasional dihentikan", KapasitasGramHari: 1_500 * Skala,
				Lahan: "lainnya", LahanKeterangan: "Tanah milik warga, pinjam pakai", PengelolaJenis: "pokmas", PengelolaNama: "Pokmas Nyitdah Bersih",
				LintangE6: -8_612_200, BujurE6: 115_104_300, TahunDibangun: 2018, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2018"}},
			{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Nyitdah Asri", Status: "aktif", KapasitasGramHari: 200 * Skala,
				Lahan: "desa_dinas", LahanKeterangan: "Kantor perbekel", PengelolaJenis: "lainnya", PengelolaNama: "TP PKK Desa Nyitdah",
				Petugas: 3, LintangE6: -8_610_500, BujurE6: 115_106_100, TahunDibangun: 2023, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2023"},
				bank: &demoBank{rumahTangga: 22, hariMin: 14, hariMax: 35, berhenti: 2, pengepul: demoPengepul,
					jenis: []string{"PET", "GLS", "KRD", "DPX", "BSI"}, lembaga: []string{"Banjar Adat Nyitdah Kaja", "Warung Men Gede"}}},
			{f: Fasilitas{Jenis: FasilitasTPS, Nama: "TPS Banjar Pasti", Status: "aktif", KapasitasGramHari: 1_500 * Skala,
				Lahan: "desa_dinas", LahanKeterangan: "Pinggir jalan Banjar Pasti", PengelolaJenis: "lainnya", PengelolaNama: "Banjar Dinas Pasti",
				Petugas: 1, LintangE6: -8_615_000, BujurE6: 115_108_000, TahunDibangun: 2017, SumberDana: "APBDes 2017"}},
		}},
	{kode: "51.02.06.2004", fasilitas: []demoFasilitas{
		{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Beraban Lestari", Status: "aktif", KapasitasGramHari: 3_000 * Skala,
			Lahan: "desa_adat", LahanKeterangan: "Tanah Desa Adat Beraban", PengelolaJenis: "bumdes", PengelolaNama: "BUMDes Beraban",
			Petugas: 7, LintangE6: -8_606_000, BujurE6: 115_087_000, TahunDibangun: 2020, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2020"},
			log: &demoLog{minKg: 1_000, maxKg: 2_000, komposMin: 20, komposMax: 30, libur: time.Sunday, hari: map[int]demoHari{
				75: {tutup: true, catatan: "Banjir setelah hujan lebat, jalan masuk tergenang"},
			}}},
		{f: Fasilitas{Jenis: FasilitasDepo, Nama: "Depo Sampah DTW Tanah Lot", Status: "aktif", KapasitasGramHari: 8_000 * Skala,
			Lahan: "lainnya", LahanKeterangan: "Kawasan Daya Tarik Wisata Tanah Lot", PengelolaJenis: "lainnya", PengelolaNama: "Manajemen DTW Tanah Lot",
			Petugas: 6, LintangE6: -8_619_000, BujurE6: 115_088_000, TahunDibangun: 2016, SumberDana: "Manajemen DTW Tanah Lot"}},
	}},
	{kode: "51.02.05.2006", fasilitas: []demoFasilitas{
		// Logged in m³ at the gate and converted with this density.
		{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Dajan Peken Asri", Status: "aktif", KapasitasGramHari: 2_500 * Skala,
			Lahan: "desa_dinas", LahanKeterangan: "Tanah kas desa", PengelolaJenis: "ksm", PengelolaNama: "KSM Dajan Peken Asri", Petugas: 6,
			LintangE6: -8_539_500, BujurE6: 115_125_000, TahunDibangun: 2022, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2022",
			DensitasGramM3: 250 * Skala},
			log: &demoLog{minKg: 800, maxKg: 1_500, komposMin: 15, komposMax: 25, libur: time.Sunday}},
		{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Dajan Peken", Status: "tidak_aktif",
			AlasanTidakAktif: "Tidak ada petugas sejak 2024", Lahan: "desa_dinas", LahanKeterangan: "Kantor perbekel",
			PengelolaJenis: "pokmas", PengelolaNama: "Pokmas Peduli Lingkungan", LintangE6: -8_540_100, BujurE6: 115_124_200,
			TahunDibangun: 2019, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2019"}},
	}},
	{kode: "51.02.04.2006", fasilitas: []demoFasilitas{
		{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Kerambitan Lestari", Status: "aktif", KapasitasGramHari: 200 * Skala,
			Lahan: "desa_dinas", LahanKeterangan: "Wantilan desa", PengelolaJenis: "bumdes", PengelolaNama: "BUMDes Kerambitan", Petugas: 2,
			LintangE6: -8_549_000, BujurE6: 115_082_000, TahunDibangun: 2021, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2021"},
			bank: &demoBank{rumahTangga: 18, hariMin: 14, hariMax: 30, berhenti: 2, pengepul: demoPengepul,
				jenis: []string{"PET", "GLS", "KRD", "HVS", "KCA"}, lembaga: []string{"SD Negeri 1 Kerambitan"}}},
		{f: Fasilitas{Jenis: FasilitasTPS, Nama: "TPS Pasar Kerambitan", Status: "aktif", KapasitasGramHari: 2_000 * Skala,
			Lahan: "desa_dinas", LahanKeterangan: "Belakang pasar desa", PengelolaJenis: "bumdes", PengelolaNama: "BUMDes Kerambitan", Petugas: 2,
			LintangE6: -8_550_200, BujurE6: 115_083_400, TahunDibangun: 2015, SumberDana: "APBDes 2015"}},
	}},
	{kode: "51.02.08.2013", fasilitas: []demoFasilitas{
		{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Jatiluwih", Status: "aktif", KapasitasGramHari: 1_500 * Skala,
			Lahan: "desa_adat", LahanKeterangan: "Tanah Desa Adat Jatiluwih", PengelolaJenis: "bumdes", PengelolaNama: "BUMDes Jatiluwih", Petugas: 4,
			LintangE6: -8_370_000, BujurE6: 115_130_000, TahunDibangun: 2021, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2021 dan CSR"},
			log: &demoLog{minKg: 400, maxKg: 900, komposMin: 25, komposMax: 35, libur: time.Sunday, hari: map[int]demoHari{
				220: {tutup: true, catatan: "Longsor kecil menutup jalan ke TPS3R"},
			}}},
	}},
	{kode: "51.02.09.2008", fasilitas: []demoFasilitas{
		{f: Fasilitas{Jenis: FasilitasTPS3R, Nama: "TPS3R Candikuning", Status: "tidak_aktif",
			AlasanTidakAktif: "Tidak ada petugas sejak 2024; mesin pencacah rusak", KapasitasGramHari: 2_000 * Skala,
			Lahan: "desa_dinas", LahanKeterangan: "Tanah kas desa", PengelolaJenis: "ksm", PengelolaNama: "KSM Candikuning Bersih",
			LintangE6: -8_277_000, BujurE6: 115_166_000, TahunDibangun: 2020, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2020"}},
		{f: Fasilitas{Jenis: FasilitasDepo, Nama: "Depo Pasar Candikuning", Status: "aktif", KapasitasGramHari: 6_000 * Skala,
			Lahan: "lainnya", LahanKeterangan: "Tanah Pemerintah Kabupaten", PengelolaJenis: "lainnya", PengelolaNama: "UPTD Pasar Candikuning",
			Petugas: 3, LintangE6: -8_275_500, BujurE6: 115_164_500, TahunDibangun: 2015, SumberDana: "APBD Kabupaten Tabanan"}},
	}},
	{kode: "51.02.10.2001", fasilitas: []demoFasilitas{
		{f: Fasilitas{Jenis: FasilitasBankSampah, Nama: "Bank Sampah Belimbing", Status: "tidak_aktif",
			AlasanTidakAktif: "Pengurus mengundurkan diri; menunggu pengurus baru", Lahan: "desa_dinas", LahanKeterangan: "Kantor perbekel",
			PengelolaJenis: "pokmas", PengelolaNama: "Pokmas Belimbing Lestari", LintangE6: -8_376_000, BujurE6: 114_999_000,
			TahunDibangun: 2022, KegiatanKode: "02.04.15", SumberDana: "Dana Desa 2022"}},
	}},
}

// SeedDemo loads the demo facilities, logs and journals (dev mode only).
func (m *Module) SeedDemo(ctx context.Context) error {
	now := m.now()
	for _, d := range demoDaftar {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: d.kode})
		err := m.db.Tx(dctx, func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Fasilitas)(nil)))
			if err != nil {
				return err
			}
			if n, err := q.Count(ctx); err != nil || n > 0 {
				return err
			}
			g := newDemoGen(d.kode, civil.Today(now, d.kode))
			for _, f := range d.fasilitas {
				g.fasilitas(f, d.dusun)
			}
			return g.rows.insert(ctx, tx)
		})
		if err != nil {
			return fmt.Errorf("sampah: demo %s: %w", d.kode, err)
		}
	}
	// The iuran kebersihan ledger of Bengkel (demo_iuran.go).
	return m.seedDemoIuran(ctx, civil.Today(m.now(), "51.02.06.2001"))
}

// demoRows are the rows of one desa, inserted in the order of their
// foreign keys.
type demoRows struct {
	fasilitas []Fasilitas
	jenis     []JenisSampah
	harga     []Harga
	nasabah   []Nasabah
	entri     []Entri
	rinci     []Rinci
	log       []Log
}

func (r *demoRows) insert(ctx context.Context, tx bun.Tx) error {
	for _, ins := range []func() error{
		func() error { return demoInsert(ctx, tx, r.fasilitas) },
		func() error { return demoInsert(ctx, tx, r.jenis) },
		func() error { return demoInsert(ctx, tx, r.harga) },
		func() error { return demoInsert(ctx, tx, r.nasabah) },
		func() error { return demoInsert(ctx, tx, r.entri) },
		func() error { return demoInsert(ctx, tx, r.rinci) },
		func() error { return demoInsert(ctx, tx, r.log) },
	} {
		if err := ins(); err != nil {
			return err
		}
	}
	return nil
}

func demoInsert[T any](ctx context.Context, tx bun.Tx, rows []T) error {
	const batch = 500
	for lo := 0; lo < len(rows); lo += batch {
		chunk := rows[lo:min(lo+batch, len(rows))]
		if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// demoGen builds one desa's rows over the year [awal, akhir].
type demoGen struct {
	desaID      int64
	zone        *time.Location
	rng         *rand.Rand
	awal, akhir civil.Date
	seq         int // orders created_at of rows written on the same day
	rows        demoRows
}

func newDemoGen(kode tenancy.Kode, today civil.Date) *demoGen {
	return &demoGen{desaID: kode.ID(), zone: civil.Zone(kode), rng: rand.New(rand.NewPCG(uint64(kode.ID()), 11)),
		awal: today.AddDate(-1, 0, 0), akhir: today.AddDate(0, 0, -1)}
}

// stamp is a time of day d, at hour in the desa's zone, later than every
// earlier stamp of the same day and hour.
func (g *demoGen) stamp(d civil.Date, hour int) time.Time {
	t := d.Time()
	g.seq++
	return time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, g.zone).Add(time.Duration(g.seq) * time.Second).UTC()
}

func (g *demoGen) between(lo, hi int64) int64 { return lo + g.rng.Int64N(hi-lo+1) }

func (g *demoGen) fasilitas(spec demoFasilitas, dusun []string) {
	f := spec.f
	f.DesaID, f.ID = g.desaID, newID()
	f.CreatedBy, f.UpdatedBy = demoOleh, demoOleh
	f.CreatedAt = g.stamp(g.awal.AddDate(0, 0, -14), 9)
	f.UpdatedAt = f.CreatedAt
	g.rows.fasilitas = append(g.rows.fasilitas, f)
	if f.Status != "aktif" {
		return
	}
	if spec.log != nil {
		g.log(f, *spec.log)
	}
	if spec.bank != nil {
		g.bank(f, *spec.bank, dusun)
	}
}

// log writes a TPS3R's day from the first of the year to yesterday: none on
// its day off, closed on Nyepi and Galungan and on its special closed
// days, else an inflow split about 60/25/15 into organik, anorganik
// bernilai and residu, part of the organik composted and most of the
// residu sent to the TPA. The day after the day off takes in more, and so
// do the days before Galungan (banten).
func (g *demoGen) log(f Fasilitas, s demoLog) {
	maxKg := int64(f.KapasitasGramHari / Skala)
	for i, d := 0, g.awal; !g.akhir.Before(d); i, d = i+1, d.AddDate(0, 0, 1) {
		l := Log{DesaID: g.desaID, FasilitasID: f.ID, Tanggal: d, CreatedBy: demoOleh, CreatedAt: g.stamp(d, 17)}
		h, special := s.hari[i]
		wd := d.Time().Weekday()
		switch {
		case slices.Contains(demoNyepi, d):
			l.Catatan = "Libur Hari Suci Nyepi"
		case slices.Contains(demoGalungan, d):
			l.Catatan = "Libur Hari Raya Galungan"
		case special && h.tutup:
			l.Catatan = h.catatan
		case wd == s.libur && !special:
			continue
		default:
			kg := g.between(s.minKg, s.maxKg)
			if wd == (s.libur+1)%7 {
				kg = kg * 5 / 4
			}
			if demoMenjelangGalungan(d) {
				kg = kg * 6 / 5
			}
			kg = min(kg, maxKg)
			org := kg * g.between(55, 65) / 100
			anorg := kg * g.between(22, 28) / 100
			res := kg - org - anorg
			kompos := org * g.between(s.komposMin, s.komposMax) / 100
			tpa := res * g.between(85, 100) / 100
			if h.tanpaTPA {
				tpa = 0
			}
			l.Beroperasi, l.Catatan = true, h.catatan
			l.OrganikGram, l.AnorganikGram, l.ResiduGram = Takaran(org)*Skala, Takaran(anorg)*Skala, Takaran(res)*Skala
			l.KomposGram, l.ResiduTPAGram = Takaran(kompos)*Skala, Takaran(tpa)*Skala
		}
		g.rows.log = append(g.rows.log, l)
	}
}

// demoMenjelangGalungan: the five days before Galungan, when households
// make banten and the TPS3R takes in more organik.
func demoMenjelangGalungan(d civil.Date) bool {
	for _, gal := range demoGalungan {
		if d.Before(gal) && !d.Before(gal.AddDate(0, 0, -5)) {
			return true
		}
	}
	return false
}

// demoHarga is a jenis of one bank sampah with its price list.
type demoHarga struct {
	j     JenisSampah
	kat   demoJenis
	mulai []civil.Date
	harga []int64
}

func (h demoHarga) pada(d civil.Date) int64 {
	p := h.harga[0]
	for i, m := range h.mulai {
		if !d.Before(m) {
			p = h.harga[i]
		}
	}
	return p
}

// demoAnggota is a nasabah being generated.
type demoAnggota struct {
	n        Nasabah
	lembaga  bool
	gabung   civil.Date
	berhenti civil.Date // "" while a member
	selang   int64      // days between setoran
	penarik  bool       // takes cash out before Galungan
}

// demoStok is an amount of a jenis taken in on a day, for the sales.
type demoStok struct {
	tanggal civil.Date
	jenis   int
	jumlah  Takaran
}

// bank writes a bank sampah's jenis and price list, its nasabah and a year
// of their setoran and penarikan, the reversing entries, and the monthly
// sales of what came in.
func (g *demoGen) bank(f Fasilitas, s demoBank, dusun []string) {
	// The list in force at the start of the year and three revisions.
	first := g.awal.Time()
	awalBulan := civil.DateOf(time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC))
	revisi := []civil.Date{awalBulan, awalBulan.AddDate(0, 3, 0), awalBulan.AddDate(0, 6, 0), awalBulan.AddDate(0, 9, 0)}
	var jenis []demoHarga
	for _, k := range demoKatalog {
		if s.jenis != nil && !slices.Contains(s.jenis, k.kode) {
			continue
		}
		h := demoHarga{kat: k, j: JenisSampah{DesaID: g.desaID, ID: newID(), FasilitasID: f.ID, Kode: k.kode, Nama: k.nama,
			Kelompok: k.kelompok, Satuan: k.satuan, Aktif: true}}
		p := k.harga
		for i, mulai := range revisi {
			if i > 0 {
				if k.ubah[i-1] == 0 {
					continue
				}
				p = (p*int64(100+k.ubah[i-1])/100 + 25) / 50 * 50
			}
			h.mulai, h.harga = append(h.mulai, mulai), append(h.harga, p)
			g.rows.harga = append(g.rows.harga, Harga{DesaID: g.desaID, JenisID: h.j.ID, BerlakuMulai: mulai, Harga: p,
				CreatedBy: demoOleh, CreatedAt: g.stamp(mulai.AddDate(0, 0, -3), 9)})
		}
		jenis = append(jenis, h)
		g.rows.jenis = append(g.rows.jenis, h.j)
	}

	anggota := g.anggota(f, s, dusun)
	var stok []demoStok
	koreksi := map[int]int{}
	if s.koreksi {
		// three nasabah, each with one kind of mistake (demoSalah)
		koreksi = map[int]int{10 % len(anggota): 0, 45 % len(anggota): 1, 90 % len(anggota): 2}
	}
	for i := range anggota {
		a := &anggota[i]
		salah, ok := koreksi[i]
		if !ok {
			salah = -1
		}
		stok = append(stok, g.nasabah(f, a, jenis, salah)...)
		g.rows.nasabah = append(g.rows.nasabah, a.n)
	}
	g.penjualan(f, s, jenis, stok)
}

var (
	demoUrutanLaki      = []string{"Wayan", "Putu", "Gede", "Made", "Kadek", "Nyoman", "Komang", "Ketut"}
	demoUrutanPerempuan = []string{"Wayan", "Putu", "Luh", "Made", "Kadek", "Nyoman", "Komang", "Ketut"}
	demoNamaLaki        = []string{"Sudarma", "Suarta", "Mertha", "Budiasa", "Artana", "Sukadana", "Wirawan", "Adnyana",
		"Sutrisna", "Suardika", "Darmawan", "Sumerta", "Parwata", "Kariasa", "Widiada", "Astawa", "Sudiarta", "Suweta",
		"Gunarta", "Yasa", "Juliarta", "Mahardika", "Merta", "Sujana", "Antara", "Wisnawa", "Swastika", "Darsana"}
	demoNamaPerempuan = []string{"Sriani", "Suartini", "Wartini", "Sukerti", "Murniasih", "Kartini", "Widiastuti", "Suciani",
		"Sudiani", "Puspawati", "Lestari", "Ayu Kusuma", "Wirayanti", "Parwati", "Yuliani", "Suastini", "Sukarmi",
		"Rastiti", "Sumariani", "Eka Pratiwi", "Mirah", "Antari", "Sutarmi", "Candra Dewi", "Wiratni", "Arsini"}
	demoCatatanTarik = []string{"", "", "Biaya sekolah anak", "Keperluan upacara", "Bayar iuran banjar"}
)

// anggota makes the unit's households (Balinese names, unique) and
// institutions, when each joined, and who stopped during the year;
// member numbers follow the order of joining.
func (g *demoGen) anggota(f Fasilitas, s demoBank, dusun []string) []demoAnggota {
	mulai := civil.Date(fmt.Sprintf("%d-01-15", f.TahunDibangun))
	sebelum := int64(g.awal.Time().Sub(mulai.Time()).Hours() / 24) // days the unit ran before the year
	seen := map[string]bool{}
	var out []demoAnggota
	pilihDusun := func() string {
		if len(dusun) == 0 {
			return ""
		}
		return dusun[g.rng.IntN(len(dusun))]
	}
	for len(out) < s.rumahTangga {
		var nama string
		if g.rng.IntN(2) == 0 {
			nama = "I " + demoUrutanLaki[g.rng.IntN(len(demoUrutanLaki))] + " " + demoNamaLaki[g.rng.IntN(len(demoNamaLaki))]
		} else {
			nama = "Ni " + demoUrutanPerempuan[g.rng.IntN(len(demoUrutanPerempuan))] + " " + demoNamaPerempuan[g.rng.IntN(len(demoNamaPerempuan))]
		}
		if seen[nama] {
			continue
		}
		seen[nama] = true
		a := demoAnggota{n: Nasabah{Nama: nama, Jenis: "rumah_tangga", Dusun: pilihDusun()},
			selang: g.between(int64(s.hariMin), int64(s.hariMax)), penarik: g.rng.IntN(100) < 45}
		if g.rng.IntN(100) < 60 {
			a.n.Telepon = fmt.Sprintf("08%d%08d", []int{12, 13, 19, 57, 78}[g.rng.IntN(5)], g.rng.IntN(100_000_000))
		}
		// three in four joined before the year, the rest during it
		if g.rng.IntN(4) > 0 && sebelum > 30 {
			a.gabung = g.awal.AddDate(0, 0, -int(g.between(1, sebelum)))
		} else {
			a.gabung = g.awal.AddDate(0, 0, int(g.between(0, 300)))
		}
		out = append(out, a)
	}
	for _, nama := range s.lembaga {
		a := demoAnggota{n: Nasabah{Nama: nama, Jenis: "lembaga", Dusun: pilihDusun()}, lembaga: true,
			selang: g.between(7, 10), gabung: g.awal.AddDate(0, 0, -int(g.between(1, max(sebelum, 2))))}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b demoAnggota) int {
		switch {
		case a.gabung.Before(b.gabung):
			return -1
		case b.gabung.Before(a.gabung):
			return 1
		}
		return 0
	})
	for berhenti, tries := 0, 0; berhenti < s.berhenti && tries < 1000; tries++ {
		a := &out[g.rng.IntN(len(out))]
		if a.lembaga || a.berhenti != "" || !a.gabung.Before(g.awal.AddDate(0, 0, 30)) {
			continue
		}
		a.berhenti = g.awal.AddDate(0, 0, int(g.between(60, 260)))
		berhenti++
	}
	for i := range out {
		a := &out[i]
		a.n.DesaID, a.n.ID, a.n.FasilitasID, a.n.Nomor = g.desaID, newID(), f.ID, i+1
		a.n.Aktif, a.n.CreatedBy = a.berhenti == "", demoOleh
		a.n.CreatedAt = g.stamp(a.gabung, 9)
		if a.n.CreatedAt.Before(f.CreatedAt) {
			// members from before the unit's records were typed in
			a.n.CreatedAt = f.CreatedAt.Add(time.Duration(i) * time.Second)
		}
	}
	return out
}

// demoAcara is a day of a nasabah's passbook: a setoran, or a penarikan
// (before Galungan, or the whole saldo when the nasabah stops).
type demoAcara struct {
	tanggal civil.Date
	jenis   string
	tutup   bool
}

// nasabah writes one nasabah's year in date order, keeping the saldo, and
// answers what its setoran brought in (reversed ones excluded). salah is
// the kind of mistake (demoSalah…) made and reversed at its third setoran
// (its first with fewer), -1 for none.
func (g *demoGen) nasabah(f Fasilitas, a *demoAnggota, jenis []demoHarga, salah int) []demoStok {
	var acara []demoAcara
	d := a.gabung
	if d.Before(g.awal) {
		d = g.awal
	}
	d = d.AddDate(0, 0, int(g.between(0, a.selang-1)))
	for !g.akhir.Before(d) && (a.berhenti == "" || d.Before(a.berhenti)) {
		if slices.Contains(demoNyepi, d) {
			d = d.AddDate(0, 0, 1)
			continue
		}
		acara = append(acara, demoAcara{tanggal: d, jenis: EntriSetoran})
		d = d.AddDate(0, 0, int(max(3, a.selang+g.between(-2, 3))))
	}
	if len(acara) == 0 {
		return nil
	}
	if a.penarik {
		for _, gal := range demoGalungan {
			w := gal.AddDate(0, 0, -int(g.between(2, 6)))
			if acara[0].tanggal.Before(w) && !g.akhir.Before(w) && (a.berhenti == "" || w.Before(a.berhenti)) {
				acara = append(acara, demoAcara{tanggal: w, jenis: EntriPenarikan})
			}
		}
	}
	if a.berhenti != "" && !g.akhir.Before(a.berhenti) {
		acara = append(acara, demoAcara{tanggal: a.berhenti, jenis: EntriPenarikan, tutup: true})
	}
	// By date; a setoran before a penarikan of the same day.
	slices.SortStableFunc(acara, func(x, y demoAcara) int {
		switch {
		case x.tanggal.Before(y.tanggal):
			return -1
		case y.tanggal.Before(x.tanggal):
			return 1
		case x.jenis == y.jenis:
			return 0
		case x.jenis == EntriSetoran:
			return -1
		}
		return 1
	})

	var stok []demoStok
	var saldo int64
	setoran, keSalah := 0, 0
	for _, ac := range acara {
		if ac.jenis == EntriSetoran && keSalah < 3 {
			keSalah++
		}
	}
	tarik := func(d civil.Date, jumlah int64, catatan string) {
		g.rows.entri = append(g.rows.entri, Entri{DesaID: g.desaID, ID: newID(), FasilitasID: f.ID, NasabahID: a.n.ID,
			Jenis: EntriPenarikan, Tanggal: d, Jumlah: -jumlah, Catatan: catatan, CreatedBy: demoOleh, CreatedAt: g.stamp(d, 10)})
		saldo -= jumlah
	}
	for _, ac := range acara {
		switch {
		case ac.jenis == EntriSetoran:
			setoran++
			rinci := g.rinci(a, jenis)
			if setoran == keSalah && salah >= 0 {
				g.salah(f, a, jenis, ac.tanggal, rinci, salah)
			}
			e := g.setoran(f, a, jenis, ac.tanggal, rinci)
			saldo += e.Jumlah
			for _, r := range rinci {
				stok = append(stok, demoStok{tanggal: ac.tanggal, jenis: r.jenis, jumlah: r.jumlah})
			}
			if saldo >= 250_000 && g.rng.IntN(100) < 6 {
				tarik(ac.tanggal, saldo/2/10_000*10_000, demoCatatanTarik[g.rng.IntN(len(demoCatatanTarik))])
			}
		case ac.tutup:
			if saldo > 0 {
				tarik(ac.tanggal, saldo, "Penarikan seluruh saldo: berhenti menjadi nasabah (pindah domisili)")
			}
		default:
			if j := saldo * g.between(50, 100) / 100 / 5_000 * 5_000; j >= 20_000 {
				tarik(ac.tanggal, j, "Keperluan hari raya Galungan")
			}
		}
	}
	return stok
}

// demoRinci is an amount of one jenis (index into the unit's list).
type demoRinci struct {
	jenis  int
	jumlah Takaran
}

// rinci picks one to four jenis the way households bring them (by bobot,
// no jenis twice) and weighs each: to 100 g or 0,1 liter, whole pieces;
// an institution brings four times as much.
func (g *demoGen) rinci(a *demoAnggota, jenis []demoHarga) []demoRinci {
	n := []int{1, 1, 1, 2, 2, 2, 2, 3, 3, 4}[g.rng.IntN(10)]
	n = min(n, len(jenis))
	var out []demoRinci
	for len(out) < n {
		total := 0
		for i, j := range jenis {
			if !slices.ContainsFunc(out, func(r demoRinci) bool { return r.jenis == i }) {
				total += j.kat.bobot
			}
		}
		pick := g.rng.IntN(total)
		for i, j := range jenis {
			if slices.ContainsFunc(out, func(r demoRinci) bool { return r.jenis == i }) {
				continue
			}
			if pick -= j.kat.bobot; pick < 0 {
				k := j.kat
				t := Takaran(g.between(int64(k.min), int64(k.max)))
				if a.lembaga {
					t *= 4
				}
				step := Takaran(100)
				if k.satuan == "pcs" {
					step = Skala
				}
				t = max(step, (t+step/2)/step*step)
				out = append(out, demoRinci{jenis: i, jumlah: t})
				break
			}
		}
	}
	return out
}

// setoran writes a setoran of rinci at the prices in force on d.
func (g *demoGen) setoran(f Fasilitas, a *demoAnggota, jenis []demoHarga, d civil.Date, rinci []demoRinci) Entri {
	e := Entri{DesaID: g.desaID, ID: newID(), FasilitasID: f.ID, NasabahID: a.n.ID, Jenis: EntriSetoran, Tanggal: d,
		CreatedBy: demoOleh, CreatedAt: g.stamp(d, 10)}
	for _, r := range rinci {
		h := jenis[r.jenis]
		harga := h.pada(d)
		nilai, _ := Nilai(r.jumlah, harga)
		g.rows.rinci = append(g.rows.rinci, Rinci{DesaID: g.desaID, EntriID: e.ID, JenisID: h.j.ID, Jumlah: r.jumlah, Harga: harga, Nilai: nilai})
		e.Jumlah += nilai
	}
	g.rows.entri = append(g.rows.entri, e)
	return e
}

// The mistakes a unit reverses: a setoran typed twice, a weight typed ten
// times too large, a jenis taken for another.
const (
	demoSalahGanda = iota
	demoSalahBerat
	demoSalahJenis
)

// salah writes a wrong setoran made on d before the right one (rinci) and
// the koreksi that undoes it, right after it.
func (g *demoGen) salah(f Fasilitas, a *demoAnggota, jenis []demoHarga, d civil.Date, rinci []demoRinci, kind int) {
	wrong := slices.Clone(rinci)
	var catatan string
	switch kind {
	case demoSalahGanda:
		catatan = "Setoran tercatat dua kali; yang pertama dibatalkan"
	case demoSalahBerat:
		h := jenis[wrong[0].jenis]
		wrong[0].jumlah *= 10
		catatan = fmt.Sprintf("Salah ketik berat %s: tertulis %s, seharusnya %s %s; dicatat ulang",
			h.kat.nama, wrong[0].jumlah, rinci[0].jumlah, h.kat.satuan)
	default:
		for i := range jenis {
			if !slices.ContainsFunc(rinci, func(r demoRinci) bool { return r.jenis == i }) && jenis[i].kat.satuan == jenis[rinci[0].jenis].kat.satuan {
				wrong[0].jenis = i
				break
			}
		}
		catatan = fmt.Sprintf("Salah jenis: %s tercatat sebagai %s; dicatat ulang", jenis[rinci[0].jenis].kat.nama, jenis[wrong[0].jenis].kat.nama)
	}
	e := g.setoran(f, a, jenis, d, wrong)
	g.rows.entri = append(g.rows.entri, Entri{DesaID: g.desaID, ID: newID(), FasilitasID: f.ID, NasabahID: a.n.ID,
		Jenis: EntriKoreksi, Tanggal: d, Jumlah: -e.Jumlah, KoreksiID: e.ID, Catatan: catatan, CreatedBy: demoOleh, CreatedAt: g.stamp(d, 10)})
}

// penjualan sells what came in to the pengepul on the 25th of each month
// (the 24th when it is a Sunday): 85–100 % of the stock of each jenis at
// 12–25 % above the price paid to nasabah; minyak jelantah goes to its own
// buyer once a quarter.
func (g *demoGen) penjualan(f Fasilitas, s demoBank, jenis []demoHarga, stok []demoStok) {
	slices.SortStableFunc(stok, func(a, b demoStok) int {
		switch {
		case a.tanggal.Before(b.tanggal):
			return -1
		case b.tanggal.Before(a.tanggal):
			return 1
		}
		return 0
	})
	ada := make([]Takaran, len(jenis))
	next := 0
	first := g.awal.Time()
	for bulan := time.Date(first.Year(), first.Month(), 25, 0, 0, 0, 0, time.UTC); ; bulan = bulan.AddDate(0, 1, 0) {
		d := civil.DateOf(bulan)
		if bulan.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		if g.akhir.Before(d) {
			return
		}
		for ; next < len(stok) && !d.Before(stok[next].tanggal); next++ {
			ada[stok[next].jenis] += stok[next].jumlah
		}
		if d.Before(g.awal) {
			continue
		}
		jual := func(pembeli string, pilih func(demoJenis) bool) {
			e := Entri{DesaID: g.desaID, ID: newID(), FasilitasID: f.ID, Jenis: EntriPenjualan, Tanggal: d, Pembeli: pembeli,
				Catatan: "Penjualan ke pengepul " + bulan.Format("01/2006"), CreatedBy: demoOleh, CreatedAt: g.stamp(d, 15)}
			for i, h := range jenis {
				if !pilih(h.kat) {
					continue
				}
				step := Takaran(100)
				if h.kat.satuan == "pcs" {
					step = Skala
				}
				t := ada[i] * Takaran(g.between(85, 100)) / 100 / step * step
				if t < Skala {
					continue
				}
				harga := (h.pada(d)*g.between(112, 125)/100 + 25) / 50 * 50
				nilai, _ := Nilai(t, harga)
				g.rows.rinci = append(g.rows.rinci, Rinci{DesaID: g.desaID, EntriID: e.ID, JenisID: h.j.ID, Jumlah: t, Harga: harga, Nilai: nilai})
				e.Jumlah += nilai
				ada[i] -= t
			}
			if e.Jumlah > 0 {
				g.rows.entri = append(g.rows.entri, e)
			}
		}
		jual(s.pengepul, func(k demoJenis) bool { return k.kode != "JLN" })
		if bulan.Month()%3 == 0 && s.pembeliJelantah != "" {
			jual(s.pembeliJelantah, func(k demoJenis) bool { return k.kode == "JLN" })
		}
	}
}
