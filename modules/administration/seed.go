package administration

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The demo desa: Bengkel and two neighbours in Kecamatan Kediri, Tabanan.
// Names are invented; NIKs are well-formed but belong to nobody.
type demoDesa struct {
	kode      tenancy.Kode
	nama      string
	alamat    string
	lintang   float64
	bujur     float64
	luas      float64
	visi      string
	misi      []string
	banjar    []string
	perangkat []demoPerangkat // kepala kewilayahan follow banjar, in order
	kelian    []string
	bpd       []string // first is ketua
	pkk, lpm  string   // ketua
	karang    string   // ketua Karang Taruna
	penduduk  [2][3]int
}

type demoPerangkat struct {
	jabatan Jabatan
	nama    string
	status  Status
}

var demo = []demoDesa{
	{
		kode: "51.02.06.2001", nama: "Bengkel", alamat: "Jalan Raya Bengkel No. 1, Kediri, Tabanan, Bali 82121",
		lintang: -8.5957, bujur: 115.0925, luas: 4.21,
		visi: "Terwujudnya Desa Bengkel yang sejahtera, berbudaya dan berdaya saing berlandaskan Tri Hita Karana.",
		misi: []string{"Meningkatkan pelayanan publik yang cepat dan terbuka.", "Memperkuat ekonomi desa melalui BUMDes dan UMKM.",
			"Melestarikan adat, budaya dan lingkungan subak."},
		banjar: []string{"Bengkel Kangin", "Bengkel Kawan", "Bengkel Tengah", "Sedahan", "Pangkung Prabu"},
		perangkat: []demoPerangkat{
			{KepalaDesa, "I Made Sudarsana", Definitif}, {SekretarisDesa, "Ni Luh Putu Ariani", Definitif},
			{KaurTataUsaha, "I Wayan Suardana", Definitif}, {KaurKeuangan, "Ni Made Sri Wahyuni", Definitif},
			{KaurPerencanaan, "I Ketut Budiarta", Definitif}, {KasiPemerintahan, "I Nyoman Artawan", Definitif},
			{KasiKesejahteraan, "Ni Ketut Sumiati", Definitif}, {KasiPelayanan, "I Gede Putra Wijaya", Definitif},
		},
		kelian:   []string{"I Made Sukarta", "I Wayan Darma", "I Ketut Suweca", "I Nyoman Rai", "I Putu Sudiarsa"},
		bpd:      []string{"I Gusti Ngurah Oka", "Ni Nyoman Sariasih", "I Wayan Mertayasa", "I Made Wirata", "Ni Putu Eka Yanti", "I Ketut Sandiyasa", "I Komang Adi Putra"},
		pkk:      "Ni Wayan Sukerti",
		lpm:      "I Made Gunawan",
		karang:   "I Putu Arya Wiguna",
		penduduk: [2][3]int{{2_412, 2_451, 1_502}, {2_437, 2_476, 1_519}},
	},
	{
		kode: "51.02.06.2002", nama: "Pangkung Tibah", alamat: "Jalan Pantai Kedungu, Pangkung Tibah, Kediri, Tabanan",
		lintang: -8.6013, bujur: 115.0694, luas: 3.6,
		visi: "Pangkung Tibah yang mandiri dan lestari.", misi: []string{"Mengembangkan pariwisata berbasis masyarakat.", "Menata lingkungan pesisir."},
		banjar: []string{"Pangkung Tibah", "Kedungu", "Yeh Gangga"},
		perangkat: []demoPerangkat{
			{KepalaDesa, "I Ketut Sutama", Definitif}, {SekretarisDesa, "I Made Arsana", Definitif},
			{KaurKeuangan, "Ni Wayan Murniasih", Definitif}, {KasiPemerintahan, "I Putu Agus Suarjana", Definitif},
			// The kaur perencanaan post is vacant; the sekdes acts in it.
			{KaurPerencanaan, "I Made Arsana", Plt},
		},
		kelian:   []string{"I Wayan Rena", "I Nyoman Sudira", "I Ketut Landep"},
		bpd:      []string{"I Wayan Sudana", "Ni Made Rusmini", "I Nyoman Parta", "I Ketut Rauh", "I Made Suena"},
		pkk:      "Ni Ketut Sukadani",
		penduduk: [2][3]int{{1_603, 1_588, 1_012}, {1_611, 1_602, 1_020}},
	},
	{
		kode: "51.02.06.2011", nama: "Nyitdah", alamat: "Jalan Raya Nyitdah, Kediri, Tabanan",
		lintang: -8.6105, bujur: 115.1061, luas: 5.3,
		visi: "Nyitdah yang maju melalui pertanian dan pariwisata.", misi: []string{"Memperkuat subak dan hasil pertanian.", "Meningkatkan pelayanan desa."},
		banjar: []string{"Nyitdah Kaja", "Nyitdah Kelod", "Pasti", "Dukuh"},
		perangkat: []demoPerangkat{
			// The elected perbekel was removed; a civil servant from the
			// kecamatan serves as Pj until the next election.
			{KepalaDesa, "I Gusti Made Suryawan", Pj}, {SekretarisDesa, "Ni Putu Sri Astuti", Definitif},
			{KaurKeuangan, "I Wayan Sukadana", Definitif}, {KasiPelayanan, "Ni Made Ayu Lestari", Definitif},
		},
		kelian:   []string{"I Made Regeg", "I Ketut Sarja", "I Wayan Kaler", "I Nyoman Seken"},
		bpd:      []string{"I Made Karta", "I Wayan Gede", "Ni Ketut Raka", "I Nyoman Sudarma", "I Putu Darmika"},
		lpm:      "I Ketut Widiana",
		penduduk: [2][3]int{{2_021, 2_049, 1_288}, {2_030, 2_061, 1_295}},
	},
}

// demoNIK is a well-formed NIK: the desa's kecamatan, a birth date (day +40
// for women) and a serial.
func demoNIK(k tenancy.Kode, serial int, perempuan bool) valid.NIK {
	day := 1 + serial%28
	if perempuan {
		day += 40
	}
	digits := k.Up(tenancy.Kecamatan)
	return valid.NIK(fmt.Sprintf("%s%s%s%02d%02d%02d%04d", digits[0:2], digits[3:5], digits[6:8], day, 1+serial%12, 70+serial%25, serial))
}

func perempuan(nama string) bool { return len(nama) > 3 && nama[:3] == "Ni " }

// SeedDemo loads the demo desa for `ngantor dev`: a full SOTK with one
// appointment in its history, the banjar dinas, a BPD whose term ends soon
// (so the masa-jabatan flag has something to show), PKK, LPM and Karang
// Taruna, and a profile with two years of population. A desa that already has a profile is left
// alone, and each desa loads in one transaction, so a second run changes
// nothing and a failed run leaves nothing half-made.
func (m *Module) SeedDemo(ctx context.Context) error {
	for _, d := range demo {
		if err := m.seedDesa(tenancy.With(ctx, tenancy.Tenant{Kode: d.kode}), d); err != nil {
			return fmt.Errorf("administration: seed %s: %w", d.kode, err)
		}
	}
	return nil
}

func (m *Module) seedDesa(ctx context.Context, d demoDesa) error {
	desa := d.kode.ID()
	now := m.now()
	today := m.today(d.kode)
	thisYear := today.Time().Year()
	tail := string(d.kode[len(d.kode)-4:]) // the desa's own number, for demo SK and phone numbers
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Profil)(nil)))
		if err != nil {
			return err
		}
		if done, err := q.Exists(ctx); err != nil || done {
			return err
		}
		insert := func(model any) error {
			_, err := tx.NewInsert().Model(model).Exec(ctx)
			return err
		}

		sebutan := SebutanDusun
		if d.kode.Up(tenancy.Provinsi) == "51" {
			sebutan = SebutanBanjar
		}
		var dusun []Dusun
		for _, nama := range d.banjar {
			dusun = append(dusun, Dusun{DesaID: desa, ID: newID(), Nama: nama, Sebutan: sebutan, CreatedAt: now, UpdatedAt: now})
		}
		if len(dusun) > 0 {
			if err := insert(&dusun); err != nil {
				return err
			}
		}

		mulai, selesai := Tanggal("2021-12-20"), Tanggal("2029-12-20")
		sotk := SOTK{}
		serial := 0
		appoint := func(p Perangkat) error {
			if err := sotk.Check(p); err != nil {
				return err
			}
			sotk.Aktif = append(sotk.Aktif, p)
			return insert(&p)
		}
		niks := map[string]valid.NIK{}
		nikOf := func(nama string) valid.NIK {
			if n, ok := niks[nama]; ok {
				return n
			}
			serial++
			niks[nama] = demoNIK(d.kode, serial, perempuan(nama))
			return niks[nama]
		}
		for _, dp := range d.perangkat {
			p := Perangkat{DesaID: desa, ID: newID(), Jabatan: dp.jabatan, Nama: dp.nama, NIK: nikOf(dp.nama), Status: dp.status,
				SKNomor: fmt.Sprintf("141/%02d/%s/2021", serial, d.kode), SKTanggal: "2021-12-15", Mulai: mulai, CreatedAt: now, UpdatedAt: now}
			if dp.jabatan == KepalaDesa {
				p.SKNomor = "Keputusan Bupati Tabanan Nomor 180/" + tail + "/HK/2021"
				if dp.status == Definitif {
					p.Selesai = selesai
				}
			}
			if dp.status != Definitif {
				p.SKTanggal, p.Mulai = "2025-03-01", "2025-03-03"
			}
			if err := appoint(p); err != nil {
				return err
			}
		}
		for i, nama := range d.kelian {
			id := dusun[i].ID
			if err := appoint(Perangkat{DesaID: desa, ID: newID(), Jabatan: KepalaKewilayahan, DusunID: &id, Nama: nama,
				NIK: nikOf(nama), Status: Definitif, SKNomor: fmt.Sprintf("141/%02d/%s/2022", 20+i, d.kode),
				SKTanggal: "2022-02-01", Mulai: "2022-02-07", CreatedAt: now, UpdatedAt: now}); err != nil {
				return err
			}
		}
		if d.kode == "51.02.06.2001" {
			// History: the previous kaur keuangan, who retired.
			end := now
			prev := Perangkat{DesaID: desa, ID: newID(), Jabatan: KaurKeuangan, Nama: "I Wayan Sudira", NIK: nikOf("I Wayan Sudira"),
				Status: Definitif, SKNomor: "141/07/51.02.06.2001/2015", SKTanggal: "2015-06-01", Mulai: "2015-06-08",
				TanggalBerhenti: "2021-12-19", AlasanBerhenti: "permintaan sendiri", EndedAt: &end, CreatedAt: now, UpdatedAt: now}
			if err := insert(&prev); err != nil {
				return err
			}
		}

		// Who issues a lembaga's SK differs: the bupati inaugurates the BPD
		// (Permendagri 110/2016 Pasal 23), the kepala desa forms LPM, PKK
		// and Karang Taruna (Permendagri 18/2018). Each SK has its own
		// number, as a real register would.
		type sk struct {
			nomor   string
			tanggal Tanggal
		}
		addLembaga := func(jenis JenisLembaga, nama string, members []string, jabatan func(i int) string, keputusan sk, mulai, selesai Tanggal) error {
			l := Lembaga{DesaID: desa, ID: newID(), Jenis: jenis, Nama: nama, SKNomor: keputusan.nomor,
				SKTanggal: keputusan.tanggal, CreatedAt: now, UpdatedAt: now}
			if err := insert(&l); err != nil {
				return err
			}
			var aktif []Anggota
			for i, nama := range members {
				a := Anggota{DesaID: desa, ID: newID(), LembagaID: l.ID, Nama: nama, Jabatan: jabatan(i),
					SKNomor: l.SKNomor, SKTanggal: l.SKTanggal, Mulai: mulai, Selesai: selesai, CreatedAt: now, UpdatedAt: now}
				if err := l.CheckAnggota(aktif, a, today); err != nil {
					return err
				}
				aktif = append(aktif, a)
			}
			if len(aktif) == 0 {
				return nil
			}
			return insert(&aktif)
		}
		perbekel := func(nomor int) sk {
			return sk{fmt.Sprintf("Keputusan %s %s Nomor %d/2022", SebutanKepalaDesa(d.kode), d.nama, nomor), "2022-03-01"}
		}
		ketua := func(rest string) func(int) string {
			return func(i int) string {
				if i == 0 {
					return "Ketua"
				}
				return rest
			}
		}
		// The BPD's term ends 45 days from the seed, inside the 60-day
		// window; the bupati's decree came a week before the oath.
		bpdSelesai := today.AddDate(0, 0, 45)
		bpdMulai := bpdSelesai.AddDate(-masaJabatanBPD, 0, 0)
		bpdSK := sk{fmt.Sprintf("Keputusan Bupati Tabanan Nomor 141/%s/HK/%d", tail, bpdMulai.Time().Year()), bpdMulai.AddDate(0, 0, -7)}
		if err := addLembaga(BPD, "BPD Desa "+d.nama, d.bpd, ketua("Anggota"), bpdSK, bpdMulai, bpdSelesai); err != nil {
			return err
		}
		for _, l := range []struct {
			jenis          JenisLembaga
			nama, ketua    string
			nomorKeputusan int
		}{
			{PKK, "TP PKK Desa " + d.nama, d.pkk, 5},
			{LPM, "LPM Desa " + d.nama, d.lpm, 6},
			{KarangTaruna, "Karang Taruna Desa " + d.nama, d.karang, 7},
		} {
			if l.ketua == "" {
				continue
			}
			if err := addLembaga(l.jenis, l.nama, []string{l.ketua}, ketua(""), perbekel(l.nomorKeputusan), "2022-03-07", ""); err != nil {
				return err
			}
		}

		for i, year := range []int{thisYear - 2, thisYear - 1} {
			f := d.penduduk[i]
			p := Penduduk{DesaID: desa, ID: newID(), Tahun: year, LakiLaki: f[0], Perempuan: f[1], KK: f[2], CreatedAt: now, UpdatedAt: now}
			if err := p.Validate(thisYear); err != nil {
				return err
			}
			if err := insert(&p); err != nil {
				return err
			}
		}

		lat, lon, luas := d.lintang, d.bujur, d.luas
		prof := Profil{DesaID: desa, ID: newID(), Nama: d.nama, AlamatKantor: d.alamat, Telepon: "(0361) 81" + tail,
			Email: "desa" + slug(d.nama) + "@tabanankab.go.id", Lintang: &lat, Bujur: &lon, LuasKm2: &luas,
			Visi: d.visi, Misi: strings.Join(d.misi, "\n"), CreatedAt: now, UpdatedAt: now}
		if err := prof.Validate(); err != nil {
			return err
		}
		return insert(&prof)
	})
}

func slug(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			out = append(out, c)
		case c >= 'A' && c <= 'Z':
			out = append(out, c+'a'-'A')
		}
	}
	return string(out)
}
