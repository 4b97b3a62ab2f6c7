package pembinaan_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// fixture writes the sessions the coverage tests read (today 2026-03-05,
// the window from 2024-03-05):
//   - S1 bimtek keuangan + tata naskah of Kediri, 2025-09-01: Bengkel's
//     perbekel and sekdes, Nyitdah's perbekel;
//   - S2 pelayanan of the DPMD, 2023-06-01 (before the window): Nyitdah's
//     sekdes (appointed 2021: trained since);
//   - S3 SOTK 2026-01-20, cancelled: Bengkel's kasi;
//   - S5 SOTK 2025-01-15: Bengkel's kasi, before the kasi's appointment
//     (2026-01-10): in the window, yet not since appointment.
func fixture(t *testing.T, d *db.DB) (s1, s5 string) {
	t.Helper()
	s1 = tulisSesi(t, d, sesi{org: kediri, judul: "Bimtek keuangan", topik: []string{"keuangan", "tata_naskah"}, mulai: tgl("2025-09-01").Add(1e9),
		undang: []tenancy.Kode{bengkel, nyitdah}, hadir: map[tenancy.Kode][]pembinaan.Perangkat{bengkel: {pbBengkel, sdBengkel}, nyitdah: {pbNyitdah}}})
	tulisSesi(t, d, sesi{org: kab, opd: "opd-dpmd", judul: "Sosialisasi pelayanan", topik: []string{"pelayanan"}, mulai: tgl("2023-06-01"),
		undang: []tenancy.Kode{nyitdah}, hadir: map[tenancy.Kode][]pembinaan.Perangkat{nyitdah: {sdNyitdah}}})
	tulisSesi(t, d, sesi{org: kediri, judul: "SOTK batal", topik: []string{"sotk"}, mulai: tgl("2026-01-20"), status: "batal",
		undang: []tenancy.Kode{bengkel}, hadir: map[tenancy.Kode][]pembinaan.Perangkat{bengkel: {kpBengkel}}})
	s5 = tulisSesi(t, d, sesi{org: kediri, judul: "Pembinaan SOTK", topik: []string{"sotk"}, mulai: tgl("2025-01-15"),
		undang: []tenancy.Kode{bengkel}, hadir: map[tenancy.Kode][]pembinaan.Perangkat{bengkel: {kpBengkel}}})
	return s1, s5
}

func angka(as []pembinaan.PembinaanCakupanAngka) string {
	var out []string
	for _, a := range as {
		out = append(out, fmt.Sprintf("%s=%d/%d", a.Topik, a.Desa, a.Perangkat))
	}
	return strings.Join(out, " ")
}

func TestCakupanKecamatanAndKabupaten(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		fixture(t, d)
		c, err := m.Cakupan(context.Background(), kediri, "", "", "")
		if err != nil {
			t.Fatal(err)
		}
		if c.Dari != "2024-03-05" || c.Sampai != "2026-03-05" || c.Perangkat != 5 || c.Terlatih != 4 {
			t.Errorf("summary: %s–%s %d/%d", c.Dari, c.Sampai, c.Terlatih, c.Perangkat)
		}
		if got := angka(c.Topik); got != "sotk=1/1 tata_naskah=2/3 keuangan=2/3" {
			t.Errorf("topics: %s", got)
		}
		var jab []string
		for _, j := range c.Jabatan {
			jab = append(jab, fmt.Sprintf("%s %d/%d [%s]", j.Jabatan, j.Terlatih, j.Perangkat, angka(j.Topik)))
		}
		want := "kepala_desa 2/2 [sotk=0/0 tata_naskah=2/2 keuangan=2/2]|sekretaris_desa 1/2 [sotk=0/0 tata_naskah=1/1 keuangan=1/1]|" +
			"kasi_pelayanan 1/1 [sotk=1/1 tata_naskah=0/0 keuangan=0/0]"
		if got := strings.Join(jab, "|"); got != want {
			t.Errorf("per jabatan:\n got %s\nwant %s", got, want)
		}
		var unit []string
		for _, u := range c.Unit {
			unit = append(unit, fmt.Sprintf("%s %d/%d [%s]", u.Nama, u.Terlatih, u.Perangkat, angka(u.Topik)))
		}
		if got := strings.Join(unit, "|"); got != "Bengkel 3/3 [sotk=1/1 tata_naskah=1/2 keuangan=1/2]|Nyitdah 1/2 [sotk=0/0 tata_naskah=1/1 keuangan=1/1]" {
			t.Errorf("per desa: %s", got)
		}
		if len(c.BelumDilatih) != 1 || c.BelumDilatih[0].PerangkatID != kpBengkel.ID || c.BelumDilatih[0].Sejak != "2026-01-10" ||
			c.BelumDilatih[0].NamaDesa != "Bengkel" {
			t.Errorf("never trained: %+v", c.BelumDilatih)
		}

		k, err := m.Cakupan(context.Background(), kab, "", "", "keuangan")
		if err != nil {
			t.Fatal(err)
		}
		if k.Terlatih != 3 || k.Perangkat != 6 || angka(k.Topik) != "keuangan=2/3" {
			t.Errorf("kabupaten, keuangan: %d/%d %s", k.Terlatih, k.Perangkat, angka(k.Topik))
		}
		unit = nil
		for _, u := range k.Unit {
			unit = append(unit, fmt.Sprintf("%s %s %d/%d desa %d", u.Kode, u.Nama, u.Terlatih, u.Perangkat, u.Desa))
		}
		if got := strings.Join(unit, "|"); got != "51.02.01 Kerambitan 0/1 desa 1|51.02.06 Kediri 3/5 desa 2" {
			t.Errorf("per kecamatan: %s", got)
		}
		var belum []string
		for _, b := range k.BelumDilatih {
			belum = append(belum, b.PerangkatID)
		}
		if strings.Join(belum, " ") != "p-tibubiu-kades p-bengkel-kasi" {
			t.Errorf("never trained at the kabupaten: %v", belum)
		}
		// A window of one's own; a wrong one.
		old, err := m.Cakupan(context.Background(), kediri, "2023-01-01", "2023-12-31", "")
		if err != nil || old.Terlatih != 1 || angka(old.Topik) != "pelayanan=1/1" {
			t.Errorf("2023: %+v %v", old, err)
		}
		if _, err := m.Cakupan(context.Background(), kediri, "2026-01-01", "2025-01-01", ""); fields(err) != "query.dari" {
			t.Errorf("reversed window: %v", err)
		}
		if _, err := m.Cakupan(context.Background(), bengkel, "", "", ""); err == nil {
			t.Error("coverage of a desa")
		}
	})
}

func TestIndicatorsRiwayatDossier(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		s1, s5 := fixture(t, d)
		if _, err := m.BuatTindakLanjut(as("camat", kediri), s1, point(string(bengkel), "Perbaiki buku kas", "2026-02-01")); err != nil {
			t.Fatal(err)
		}
		if _, err := m.BuatTindakLanjut(as("camat", kediri), s1, point(string(nyitdah), "Susun laporan", "2026-06-01")); err != nil {
			t.Fatal(err)
		}
		vals, err := m.Indicators(context.Background(), kab, indicator.Period{To: "2026-03-05"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vals {
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		want := map[string]int64{"51.02.06.2001 perangkat_terlatih": 100, "51.02.06.2011 perangkat_terlatih": 50, "51.02.01.2001 perangkat_terlatih": 0,
			"51.02.06.2001 tindak_lanjut_terlambat": 1, "51.02.06.2011 tindak_lanjut_terlambat": 0}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("indicators %v, want %v", got, want)
		}
		only, _ := m.Indicators(context.Background(), kediri, indicator.Period{}, []string{pembinaan.IndTindakLanjutTerlambat})
		if len(only) != 2 {
			t.Errorf("codes limit the answer: %+v", only)
		}

		rs, err := m.Riwayat(context.Background(), bengkel, kpBengkel.ID)
		if err != nil || len(rs) != 1 || rs[0].PembinaanID != s5 || strings.Join(rs[0].Topik, ",") != "SOTK dan tupoksi" {
			t.Errorf("kasi's history (the cancelled one left out): %+v %v", rs, err)
		}
		rs, _ = m.Riwayat(context.Background(), bengkel, pbBengkel.ID)
		if len(rs) != 1 || rs[0].Judul != "Bimtek keuangan" || strings.Join(rs[0].Topik, ",") != "Keuangan desa,Tata naskah dan kode klasifikasi surat" {
			t.Errorf("perbekel's history: %+v", rs)
		}
		if rs, _ := m.Riwayat(context.Background(), nyitdah, pbBengkel.ID); len(rs) != 0 {
			t.Errorf("another desa's: %+v", rs)
		}

		s, err := m.DossierSection(context.Background(), bengkel, report.Audience{Bupati: true}, indicator.Period{From: "2025-01-01", To: civil.Date("2025-12-31")})
		if err != nil || s.Empty != "" || len(s.Tables) != 3 || len(s.Tables[0].Rows) != 2 || len(s.Tables[2].Rows) != 1 || !s.Tables[2].Rows[0].Bold {
			t.Errorf("Bengkel's dossier: %+v %v", s, err)
		}
		s, err = m.DossierSection(context.Background(), tibubiu, report.Audience{Bupati: true}, indicator.Period{From: "2025-01-01", To: "2025-12-31"})
		if err != nil || s.Empty != "Belum ada data." {
			t.Errorf("Tibubiu's dossier: %+v %v", s, err)
		}
	})
}

func TestSeedDemoTindakLanjut(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		// Without the sessions' seed: nothing, no error.
		if err := m.SeedDemoTindakLanjut(context.Background()); err != nil {
			t.Fatal(err)
		}
		if ps, _ := m.DaftarTindakLanjut(as("dpmd", kab), "", false); len(ps) != 0 {
			t.Fatalf("without sessions: %+v", ps)
		}
		tulisSesi(t, d, sesi{id: "01938a6e-0000-7000-8000-00000000b1a1", org: kediri, judul: "Pembinaan pelayanan", topik: []string{"pelayanan"},
			mulai: now.AddDate(0, -1, 0), undang: []tenancy.Kode{bengkel}})
		tulisSesi(t, d, sesi{id: "01938a6e-0000-7000-8000-00000000b1a0", org: kediri, judul: "Bimtek keuangan", topik: []string{"keuangan"},
			mulai: now.AddDate(0, -2, 0), undang: []tenancy.Kode{bengkel, nyitdah}})
		for range 2 {
			if err := m.SeedDemoTindakLanjut(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		ps, err := m.DaftarTindakLanjut(as("dpmd", kab), "", false)
		if err != nil || len(ps) != 4 {
			t.Fatalf("after two runs: %+v %v", ps, err)
		}
		var st []string
		for _, p := range ps {
			st = append(st, fmt.Sprintf("%s %s %v", p.Desa, p.Status, p.Terlambat))
		}
		if got := strings.Join(st, "|"); got != "51.02.06.2001 selesai false|51.02.06.2001 terbuka true|51.02.06.2001 berjalan false|51.02.06.2011 terbuka false" {
			t.Errorf("demo points: %s", got)
		}
	})
}
