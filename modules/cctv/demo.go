package cctv

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo data of dev mode (`go run ./cmd/ngantor`): Desa Bengkel (Kediri,
// Tabanan) with the eight cameras its perbekel spoke of, along its five
// banjar — security at the crossroads and the pura, traffic on the main
// road, illegal dumping by the TPS3R and the river, public buildings, and
// one shop's camera used under an agreement — and three cameras in the
// neighbouring Desa Nyitdah, so the kecamatan's figures roll up from two
// desa.
//
// Each camera has 30 days of probe history, one probe every demoSelang up
// to the start: mostly up, with short outages (a power cut across Bengkel
// one evening, a router restarting), and two Bengkel cameras down for
// more than a day (the one at the TPS3R for three days, the one at the
// Sedahan wantilan since yesterday morning). Amounts and outages come from
// a random source seeded by the desa's id, so every start draws the same.
//
// The stream URLs point at 127.0.0.1 on ports where nothing listens
// (demoPort…), so the live probes of a running dev server find every
// camera down, as a real camera on a LAN the server cannot reach would
// be. Probing loopback is refused unless the kabupaten allows private
// addresses: the demo sets Kabupaten Tabanan's probe setting to allow
// them (IzinkanAlamatPrivat) when the kabupaten has set none — a dev
// choice only; production keeps the default (refused) until the
// kabupaten decides otherwise.
//
// Two cameras carry demo credentials, sealed with the module's Sealer when
// one is wired (plaintext "user:password"); without a Sealer they have
// none. One camera's access list names opd:SATPOLPP and role:camat,
// another's role:perbekel.
//
// A desa that has any camera is left alone, as is a kabupaten that has a
// probe setting, so SeedDemo is idempotent: a second start adds nothing.

// demoSelang is the step of the seeded probe history.
const demoSelang = time.Hour

// demoPortAwal is the first of the loopback ports the demo streams name;
// nothing in the repository listens there.
const demoPortAwal = 65_401

const demoOleh = "demo"

// demoKamera is one demo camera and the shape of its history.
type demoKamera struct {
	k Kamera
	// mati is how long before the start the camera went down for good;
	// 0 for a camera still up.
	mati time.Duration
	// gangguan is how many short outages it had in the 30 days.
	gangguan   int
	kredensial string // "user:password", sealed when a Sealer is wired
	akses      []string
}

type demoDesa struct {
	kode   tenancy.Kode
	kamera []demoKamera
}

func demoK(nama, dusun string, lintang, bujur int64, pantauan, tujuan, pemilik, perjanjian, kegiatan string, tahun int, harga int64,
	pasang civil.Date, retensi int, lokasi string) Kamera {
	return Kamera{Nama: nama, Dusun: dusun, LintangE6: lintang, BujurE6: bujur, Pantauan: pantauan, Tujuan: tujuan, Pemilik: pemilik,
		Perjanjian: perjanjian, KegiatanKode: kegiatan, TahunAnggaran: tahun, Harga: harga, TanggalPasang: pasang,
		RetensiHari: retensi, LokasiRekaman: lokasi, Status: StatusAktif}
}

var demoDaftar = []demoDesa{
	{kode: "51.02.06.2001", kamera: []demoKamera{
		{k: demoK("Simpang Catus Pata Bengkel", "Bengkel Tengah", -8_595_300, 115_092_900,
			"Simpang empat pusat desa, ke arah balai banjar dan pasar", TujuanKeamanan, PemilikDesaDinas, "",
			"03.01.01", 2024, 4_750_000, "2024-08-12", 14, "NVR di kantor perbekel"),
			gangguan: 3, kredensial: "operator:bengkel-cctv-demo", akses: []string{"opd:SATPOLPP", "role:camat"}},
		{k: demoK("Jalan Raya Bengkel–Kediri", "Bengkel Kangin", -8_594_100, 115_095_800,
			"Ruas jalan raya menuju Kediri, kedua arah", TujuanLaluLintas, PemilikDesaDinas, "",
			"02.06.03", 2024, 6_200_000, "2024-09-03", 14, "NVR di kantor perbekel"),
			gangguan: 4, kredensial: "operator:bengkel-cctv-demo", akses: []string{"role:perbekel"}},
		{k: demoK("Depan TPS3R Bestari", "Pangkung Prabu", -8_593_200, 115_094_500,
			"Pintu masuk TPS3R dan lahan kosong di seberangnya, tempat sampah sering dibuang malam hari", TujuanSampahLiar, PemilikDesaDinas, "",
			"02.04.15", 2023, 3_900_000, "2023-11-20", 30, "NVR di kantor perbekel"),
			gangguan: 5, mati: 3*24*time.Hour + 5*time.Hour},
		{k: demoK("Tepi Tukad Pangkung Prabu", "Pangkung Prabu", -8_592_400, 115_093_600,
			"Jembatan dan tepi sungai, tempat pembuangan sampah liar", TujuanSampahLiar, PemilikDesaDinas, "",
			"02.04.15", 2025, 4_200_000, "2025-03-10", 30, "NVR di kantor perbekel"),
			gangguan: 6},
		{k: demoK("Jaba Pura Puseh Desa Adat Bengkel", "Bengkel Kawan", -8_596_600, 115_090_800,
			"Halaman luar pura dan parkir saat piodalan", TujuanKeamanan, PemilikDesaAdat, "",
			"", 0, 5_500_000, "2023-06-05", 7, "DVR di kantor Desa Adat Bengkel"),
			gangguan: 2},
		{k: demoK("Wantilan Banjar Sedahan", "Sedahan", -8_598_100, 115_091_700,
			"Wantilan dan halaman balai banjar", TujuanFasilitasUmum, PemilikDesaDinas, "",
			"03.01.01", 2025, 3_650_000, "2025-02-17", 14, "NVR di kantor perbekel"),
			gangguan: 3, mati: 31 * time.Hour},
		{k: demoK("Kantor Perbekel Bengkel", "Bengkel Tengah", -8_595_700, 115_092_500,
			"Pintu masuk dan ruang pelayanan kantor perbekel", TujuanFasilitasUmum, PemilikDesaDinas, "",
			"02.06.03", 2023, 3_500_000, "2023-10-02", 30, "NVR di kantor perbekel"),
			gangguan: 1},
		{k: demoK("Simpang Toko Sedahan", "Sedahan", -8_597_900, 115_092_300,
			"Simpang jalan desa di depan toko, ke arah SD Negeri 2 Bengkel", TujuanKeamanan, PemilikSwasta,
			"Perjanjian pemakaian tampilan kamera No. 07/PKS/DS-BKL/II/2025 tanggal 3 Februari 2025 dengan pemilik Toko Sedahan Jaya: "+
				"desa boleh melihat tampilan ke arah jalan; rekaman tetap di toko.",
			"", 0, 0, "2025-02-03", 7, "DVR di Toko Sedahan Jaya"),
			gangguan: 4},
	}},
	{kode: "51.02.06.2011", kamera: []demoKamera{
		{k: demoK("Simpang Jalan Raya Nyitdah", "Nyitdah Kaja", -8_609_600, 115_106_400,
			"Simpang jalan raya dan pertigaan ke Pasti", TujuanLaluLintas, PemilikDesaDinas, "",
			"02.06.03", 2025, 5_900_000, "2025-05-21", 14, "NVR di kantor perbekel Nyitdah"),
			gangguan: 3},
		{k: demoK("Balai Banjar Nyitdah Kelod", "Nyitdah Kelod", -8_612_300, 115_105_500,
			"Balai banjar dan bale kulkul", TujuanKeamanan, PemilikDesaAdat, "",
			"", 0, 4_100_000, "2024-12-09", 7, "DVR di balai banjar"),
			gangguan: 5},
		{k: demoK("Bendung Subak Dukuh", "Dukuh", -8_614_000, 115_103_900,
			"Pintu air bendung subak saat hujan lebat", TujuanBencana, PemilikDesaDinas, "",
			"03.01.01", 2025, 4_800_000, "2025-07-14", 14, "NVR di kantor perbekel Nyitdah"),
			gangguan: 2},
	}},
}

// SeedDemo records the demo cameras, their access lists and 30 days of
// probe history, and allows private addresses in the demo kabupaten's
// probe setting (dev mode only; see above).
func (m *Module) SeedDemo(ctx context.Context) error {
	now := m.now().UTC()
	akhir := now.Truncate(demoSelang)
	port := demoPortAwal
	for _, d := range demoDaftar {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: d.kode})
		err := m.db.Tx(dctx, func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Kamera)(nil)))
			if err != nil {
				return err
			}
			if n, err := q.Count(ctx); err != nil || n > 0 {
				return err
			}
			rng := rand.New(rand.NewPCG(uint64(d.kode.ID()), 0x63637476))
			var ks []Kamera
			var as []Akses
			var ps []Probe
			for i, dk := range d.kamera {
				k := dk.k
				k.DesaID, k.ID = d.kode.ID(), uuid.Must(uuid.NewV7()).String()
				k.StreamURL = fmt.Sprintf("rtsp://127.0.0.1:%d/stream%d", port+i, i+1)
				if dk.kredensial != "" && m.secrets != nil {
					pengguna, sandi, _ := strings.Cut(dk.kredensial, ":")
					if k.Kredensial, err = m.segelKredensial(d.kode, k.ID, &KameraKredensial{Pengguna: pengguna, Sandi: sandi}); err != nil {
						return err
					}
				}
				k.CreatedBy, k.UpdatedBy = demoOleh, demoOleh
				k.CreatedAt = k.TanggalPasang.Time().Add(9 * time.Hour)
				k.UpdatedAt = k.CreatedAt
				ks = append(ks, k)
				for _, p := range dk.akses {
					as = append(as, Akses{DesaID: k.DesaID, KameraID: k.ID, Penerima: p, CreatedBy: demoOleh, CreatedAt: now})
				}
				ps = append(ps, demoRiwayat(rng, k, dk, akhir)...)
			}
			port += len(d.kamera)
			if _, err := tx.NewInsert().Model(&ks).Exec(ctx); err != nil {
				return err
			}
			if len(as) > 0 {
				if _, err := tx.NewInsert().Model(&as).Exec(ctx); err != nil {
					return err
				}
			}
			const batch = 1000
			for lo := 0; lo < len(ps); lo += batch {
				chunk := ps[lo:min(lo+batch, len(ps))]
				if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("cctv: demo %s: %w", d.kode, err)
		}
	}
	return m.demoPengaturan(ctx, demoDaftar[0].kode.Up(tenancy.Kabupaten), now)
}

// demoPengaturan lets the probe reach the demo's loopback streams in the
// demo kabupaten, unless the kabupaten has a setting of its own.
func (m *Module) demoPengaturan(ctx context.Context, kab tenancy.Kode, now time.Time) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p := Pengaturan{WilayahKode: string(kab), IzinkanAlamatPrivat: true, IntervalProbeMenit: IntervalBawaanMenit,
			UpdatedBy: demoOleh, UpdatedAt: now}
		_, err := tx.NewInsert().Model(&p).On("CONFLICT (wilayah_kode) DO NOTHING").Exec(ctx)
		return err
	})
}

// demoRiwayat is a camera's probe history: one probe every demoSelang
// over the 30 days up to akhir (never before its installation), up but for
// its outages — short ones drawn from rng, the Bengkel-wide power cut of
// twelve days ago, and its last one when it went down for good.
func demoRiwayat(rng *rand.Rand, k Kamera, dk demoKamera, akhir time.Time) []Probe {
	awal := akhir.Add(-Jendela30Hari)
	if pasang := k.TanggalPasang.Time(); pasang.After(awal) {
		awal = pasang.Truncate(demoSelang)
	}
	type selang struct{ dari, sampai time.Time }
	var mati []selang
	for range dk.gangguan {
		// Short outages end at least 7 hours before the start: a camera
		// meant to be up is up now.
		rentang := akhir.Sub(awal) - 7*time.Hour
		if rentang <= 0 {
			break
		}
		mulai := awal.Add(time.Duration(rng.Int64N(int64(rentang)))).Truncate(demoSelang)
		mati = append(mati, selang{mulai, mulai.Add(time.Duration(1+rng.IntN(24)) * demoSelang)})
	}
	if k.DesaID == demoDaftar[0].kode.ID() {
		// Listrik padam across the desa, 18:00–21:00 WITA twelve days ago.
		hari := akhir.Add(-12 * 24 * time.Hour).In(civil.Zone(demoDaftar[0].kode))
		padam := time.Date(hari.Year(), hari.Month(), hari.Day(), 18, 0, 0, 0, hari.Location()).UTC()
		mati = append(mati, selang{padam, padam.Add(3 * time.Hour)})
	}
	if dk.mati > 0 {
		mati = append(mati, selang{akhir.Add(-dk.mati).Truncate(demoSelang), akhir.Add(time.Minute)})
	}
	statusMati := [...]string{"timeout", "timeout", "refused", "unreachable"}
	var out []Probe
	for t := awal; !t.After(akhir); t = t.Add(demoSelang) {
		p := Probe{DesaID: k.DesaID, KameraID: k.ID, CheckedAt: t, Up: true, Status: "ok", LatencyMS: 18 + rng.IntN(120)}
		for _, s := range mati {
			if !t.Before(s.dari) && t.Before(s.sampai) {
				p.Up, p.Status = false, statusMati[rng.IntN(len(statusMati))]
				p.LatencyMS = 3_000
				if p.Status != "timeout" {
					p.LatencyMS = 1 + rng.IntN(40)
				}
				break
			}
		}
		out = append(out, p)
	}
	return out
}
