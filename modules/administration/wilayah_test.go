package administration_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

func flags(t *testing.T, f *fixture, k tenancy.Kode) []a.Peringatan {
	t.Helper()
	p, err := f.m.ListPeringatan(at(k), page.Params{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

func TestExpiringTermsAreFlaggedOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Today at the desa is 2026-11-23; the window runs to 2027-01-22.
		soon := appointment(a.KepalaDesa, "Perbekel Bengkel", 1)
		soon.SKTanggal, soon.Mulai, soon.Selesai = "2019-01-05", "2019-01-10", "2027-01-10"
		kades := mustAppoint(t, f, bengkel, soon)
		later := appointment(a.KepalaDesa, "Perbekel Nyitdah", 2)
		later.SKTanggal, later.Mulai, later.Selesai = "2019-02-25", "2019-03-01", "2027-03-01"
		mustAppoint(t, f, nyitdah, later)
		bpd, err := f.m.CreateLembaga(at(pangkung), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Pangkung Tibah"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.AddAnggota(at(pangkung), bpd.ID, a.AnggotaInput{Nama: "I Wayan Sudana", Jabatan: "Ketua",
			Mulai: "2019-01-20", Selesai: "2027-01-20"}); err != nil {
			t.Fatal(err)
		}
		// Another kecamatan: flagged, but not the camat of Kediri's business.
		other := appointment(a.KepalaDesa, "Perbekel Marga", 3)
		other.SKTanggal, other.Mulai, other.Selesai = "2018-12-27", "2019-01-01", "2026-12-31"
		mustAppoint(t, f, marga, other)

		n, err := f.m.FlagExpiringTerms(context.Background())
		if err != nil || n != 3 {
			t.Fatalf("first run flagged %d (%v), want 3", n, err)
		}
		first := flags(t, f, kediri)
		if len(first) != 2 || first[0].Nama != "Perbekel Bengkel" || first[1].Lembaga != "BPD Pangkung Tibah" {
			t.Fatalf("camat's list %+v", first)
		}
		if first[0].Jabatan != "Perbekel" || first[0].Desa != string(bengkel) || first[0].Selesai != "2027-01-10" {
			t.Fatalf("flag %+v", first[0])
		}

		if n, err := f.m.FlagExpiringTerms(context.Background()); err != nil || n != 0 {
			t.Fatalf("same-day re-run flagged %d (%v), want 0", n, err)
		}
		f.clock.Add(24 * time.Hour)
		if n, err := f.m.FlagExpiringTerms(context.Background()); err != nil || n != 0 {
			t.Fatalf("next-day run flagged %d (%v), want 0", n, err)
		}
		again := flags(t, f, kediri)
		if len(again) != 2 || !again[0].FlaggedAt.Equal(first[0].FlaggedAt) || again[0].ID != first[0].ID {
			t.Fatalf("flags changed on re-run: %+v → %+v", first, again)
		}

		// Nyitdah's term enters the window on 2027-01-01.
		f.clock.Add(39 * 24 * time.Hour)
		if n, err := f.m.FlagExpiringTerms(context.Background()); err != nil || n != 1 {
			t.Fatalf("run on 2027-01-01 flagged %d (%v), want 1", n, err)
		}
		// Ending the appointment clears its flag at once.
		if _, err := f.m.EndPerangkat(at(bengkel), kades.ID, a.Pemberhentian{Tanggal: "2027-01-10"}); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range flags(t, f, kediri) {
			names = append(names, w.Nama)
		}
		if strings.Join(names, ",") != "I Wayan Sudana,Perbekel Nyitdah" {
			t.Fatalf("after ending Bengkel's term: %v", names)
		}
		if got := flags(t, f, bengkel); len(got) != 0 {
			t.Fatalf("Bengkel's own list %+v", got)
		}
	})
}

func TestExpiringTermsJobRecordsOneRunPerDesaPerDay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := appointment(a.KepalaDesa, "Perbekel", 1)
		in.Selesai = "2026-12-01"
		mustAppoint(t, f, bengkel, in)
		for range 2 {
			if _, err := f.m.FlagExpiringTerms(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		var keys []string
		if err := d.NewSelect().Table("job_runs").Column("key").Scan(context.Background(), &keys); err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 || keys[0] != "administration:masa-jabatan:5102062001:2026-11-23" {
			t.Fatalf("job_runs keys %v", keys)
		}
	})
}

func TestWilayahProfilTablePagesAndFilters(t *testing.T) {
	type desa struct {
		kode     tenancy.Kode
		nama     string
		penduduk [2]int // laki-laki, perempuan of 2025; zero: no figures
		banjar   int
	}
	data := []desa{
		{bengkel, "Bengkel", [2]int{2437, 2476}, 2},
		{pangkung, "Pangkung Tibah", [2]int{1611, 1602}, 1},
		{"51.02.06.2003", "Belalang", [2]int{900, 950}, 0},
		{"51.02.06.2004", "Beraban", [2]int{}, 0},
		{nyitdah, "Nyitdah", [2]int{2030, 2061}, 0},
		{marga, "Marga", [2]int{3000, 3000}, 0}, // Kecamatan Marga
	}
	tests := []struct {
		name  string
		wil   tenancy.Kode
		q     a.ProfilDesaQuery
		want  []string
		pages int
	}{
		{"whole kecamatan by 2", kediri, a.ProfilDesaQuery{Params: page.Params{Limit: 2}}, []string{"Bengkel", "Pangkung Tibah", "Belalang", "Beraban", "Nyitdah"}, 3},
		{"kabupaten sees both kecamatan", "51.02", a.ProfilDesaQuery{Params: page.Params{Limit: 100}}, []string{"Bengkel", "Pangkung Tibah", "Belalang", "Beraban", "Nyitdah", "Marga"}, 1},
		{"nama, any case", kediri, a.ProfilDesaQuery{Nama: "BE"}, []string{"Bengkel", "Belalang", "Beraban"}, 1},
		{"nama wildcard is literal", kediri, a.ProfilDesaQuery{Nama: "%"}, nil, 1},
		{"min penduduk", kediri, a.ProfilDesaQuery{MinPenduduk: 4000}, []string{"Bengkel", "Nyitdah"}, 1},
		{"min and max penduduk, paged by 1", kediri, a.ProfilDesaQuery{Params: page.Params{Limit: 1}, MinPenduduk: 1000, MaxPenduduk: 4100}, []string{"Pangkung Tibah", "Belalang", "Nyitdah"}, 3},
		{"a desa sees itself", bengkel, a.ProfilDesaQuery{}, []string{"Bengkel"}, 1},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, x := range data {
			ctx := at(x.kode)
			if _, err := f.m.SaveProfil(ctx, a.ProfilInput{Nama: x.nama, Telepon: "0361 812345"}); err != nil {
				t.Fatal(err)
			}
			if x.penduduk[0] > 0 {
				for _, y := range []struct{ tahun, delta int }{{2024, -20}, {2025, 0}} {
					in := a.PendudukInput{LakiLaki: x.penduduk[0] + y.delta, Perempuan: x.penduduk[1] + y.delta, KK: 500}
					if _, err := f.m.SavePenduduk(ctx, y.tahun, in); err != nil {
						t.Fatal(err)
					}
				}
			}
			for i := range x.banjar {
				if _, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Banjar " + string(rune('A'+i)), Sebutan: a.SebutanBanjar}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var got []string
				q, pages := tt.q, 0
				for {
					p, err := f.m.ListProfilDesa(at(tt.wil), q)
					if err != nil {
						t.Fatal(err)
					}
					pages++
					for _, r := range p.Items {
						got = append(got, r.Nama)
						if r.Nama == "Bengkel" && (r.Penduduk == nil || *r.Penduduk != 4913 || *r.Tahun != 2025 || r.JumlahDusun != 2 || r.Kode != string(bengkel)) {
							t.Errorf("Bengkel row %+v", r)
						}
					}
					if p.NextCursor == "" {
						break
					}
					q.Cursor = p.NextCursor
				}
				if strings.Join(got, ",") != strings.Join(tt.want, ",") || pages != tt.pages {
					t.Fatalf("got %v in %d pages, want %v in %d", got, pages, tt.want, tt.pages)
				}
			})
		}
		_, err := f.m.ListProfilDesa(at(kediri), a.ProfilDesaQuery{MinPenduduk: 10, MaxPenduduk: 5})
		wantFault(t, err, fault.Invalid, "batas")
		_, err = f.m.ListProfilDesa(at(kediri), a.ProfilDesaQuery{Params: page.Params{Cursor: "bukan"}})
		wantFault(t, err, fault.Invalid, "cursor")
	})
}

func TestProfilValidatesAndCountsDusun(t *testing.T) {
	lat, lon, swapped := -8.5957, 115.0925, 115.0925
	bad := []struct {
		name string
		in   a.ProfilInput
		want string
	}{
		{"no name", a.ProfilInput{}, "Nama desa"},
		{"lat/long swapped", a.ProfilInput{Nama: "Bengkel", Lintang: &swapped, Bujur: &lat}, "Lintang"},
		{"only one coordinate", a.ProfilInput{Nama: "Bengkel", Lintang: &lat}, "bersama-sama"},
		{"bad email", a.ProfilInput{Nama: "Bengkel", Email: "desa bengkel"}, "email"},
		{"bad phone", a.ProfilInput{Nama: "Bengkel", Telepon: "hubungi kami"}, "telepon"},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		if _, err := f.m.GetProfil(ctx); !fault.Is(err, fault.NotFound) {
			t.Fatalf("before saving: %v", err)
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.m.SaveProfil(ctx, tt.in)
				wantFault(t, err, fault.Invalid, tt.want)
			})
		}
		for _, n := range []string{"Bengkel Kangin", "Sedahan"} {
			if _, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: n, Sebutan: a.SebutanBanjar}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "sedahan", Sebutan: a.SebutanBanjar})
		wantFault(t, err, fault.Conflict, "sudah ada")

		p, err := f.m.SaveProfil(ctx, a.ProfilInput{Nama: "Bengkel", Lintang: &lat, Bujur: &lon, Misi: []string{"Satu", " ", "Dua"}})
		if err != nil {
			t.Fatal(err)
		}
		if p.JumlahDusun != 2 || len(p.MisiList) != 2 || p.Penduduk != nil {
			t.Fatalf("profil %+v", p)
		}
		_, err = f.m.SavePenduduk(ctx, 2027, a.PendudukInput{LakiLaki: 1, Perempuan: 1, KK: 1})
		wantFault(t, err, fault.Invalid, "Tahun")
		_, err = f.m.SavePenduduk(ctx, 2025, a.PendudukInput{LakiLaki: 1, Perempuan: 1, KK: 3})
		wantFault(t, err, fault.Invalid, "KK")
		// One row per year: a second save corrects the first.
		for _, l := range []int{2400, 2437} {
			if _, err := f.m.SavePenduduk(ctx, 2025, a.PendudukInput{LakiLaki: l, Perempuan: 2476, KK: 1519}); err != nil {
				t.Fatal(err)
			}
		}
		if p, err = f.m.GetProfil(ctx); err != nil || p.Penduduk == nil || p.Penduduk.Jumlah != 4913 {
			t.Fatalf("profil %+v %v", p.Penduduk, err)
		}
		if n := count(t, d, "profil_penduduk"); n != 1 {
			t.Fatalf("%d population rows, want 1", n)
		}
	})
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	tables := []string{"dusun", "perangkat", "lembaga", "lembaga_anggota", "profil_desa", "profil_penduduk"}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		if err := f.m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		first := map[string]int{}
		for _, tb := range tables {
			first[tb] = count(t, d, tb)
			if first[tb] == 0 {
				t.Fatalf("seed left %s empty", tb)
			}
		}
		var maxUpdated time.Time
		if err := d.Tx(at("51.02"), func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().Table("perangkat").ColumnExpr("max(updated_at)").Scan(ctx, &maxUpdated)
		}); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(48 * time.Hour)
		if err := f.m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			if n := count(t, d, tb); n != first[tb] {
				t.Errorf("%s: %d rows after re-seed, %d before", tb, n, first[tb])
			}
		}
		var again time.Time
		_ = d.Tx(at("51.02"), func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().Table("perangkat").ColumnExpr("max(updated_at)").Scan(ctx, &again)
		})
		if !again.Equal(maxUpdated) {
			t.Errorf("re-seed touched perangkat: %v → %v", maxUpdated, again)
		}

		b, err := f.m.Bagan(at(bengkel))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range b.Unsur {
			for _, p := range u.Posisi {
				if p.Pejabat == nil {
					t.Errorf("Bengkel's demo SOTK leaves %s vacant", p.Sebutan)
				}
			}
		}
		for _, tt := range []struct {
			kode    tenancy.Kode
			sebutan string
		}{{bengkel, "Perbekel Bengkel"}, {nyitdah, "Pj. Perbekel Nyitdah"}} {
			s, err := f.m.Signer(ctx, tt.kode)
			if err != nil || s.Sebutan != tt.sebutan {
				t.Errorf("signer of %s: %+v %v, want %q", tt.kode, s, err, tt.sebutan)
			}
		}
		// The bupati inaugurates the BPD (Permendagri 110/2016); the
		// perbekel forms the other lembaga; every SK has its own number.
		ls, err := f.m.ListLembaga(at(bengkel), page.Params{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		nomor := map[string]bool{}
		for _, l := range ls.Items {
			want := "Keputusan Perbekel Bengkel Nomor "
			if l.Jenis == a.BPD {
				want = "Keputusan Bupati Tabanan Nomor "
			}
			if !strings.HasPrefix(l.SKNomor, want) || nomor[l.SKNomor] {
				t.Errorf("%s: SK %q, want a distinct %q…", l.Nama, l.SKNomor, want)
			}
			nomor[l.SKNomor] = true
		}
		if len(ls.Items) != 4 {
			t.Errorf("Bengkel has %d lembaga, want BPD, PKK, LPM and Karang Taruna", len(ls.Items))
		}
		if n, err := f.m.FlagExpiringTerms(ctx); err != nil || n == 0 {
			t.Errorf("demo BPD terms not flagged: %d %v", n, err)
		}
	})
}
