package wilayah_test

import (
	"context"
	"testing"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// seeded returns a module on d with the given kabupaten loaded.
func seeded(t *testing.T, d *db.DB, kabupaten ...tenancy.Kode) *wilayah.Module {
	t.Helper()
	m := wilayah.New(wilayah.Deps{DB: d})
	if _, err := m.Store().Seed(context.Background(), kabupaten); err != nil {
		t.Fatalf("seed %v: %v", kabupaten, err)
	}
	return m
}

func countRows(t *testing.T, d *db.DB) int {
	t.Helper()
	n, err := d.NewSelect().Table("wilayah").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// The per-kabupaten figures are those of data/SOURCE.md.
func TestSeedLoadsKabupatenWithProvinsiAndEverythingUnder(t *testing.T) {
	tests := []struct {
		name      string
		kabupaten []tenancy.Kode
		want      wilayah.Counts
	}{
		{"Tabanan", []tenancy.Kode{"51.02"},
			wilayah.Counts{Provinsi: 1, Kabupaten: 1, Kecamatan: 10, Desa: 133}},
		{"Tuban, with kelurahan", []tenancy.Kode{"35.23"},
			wilayah.Counts{Provinsi: 1, Kabupaten: 1, Kecamatan: 20, Desa: 311, Kelurahan: 17}},
		{"Tuban and Sumenep share Jawa Timur", []tenancy.Kode{"35.23", "35.29"},
			wilayah.Counts{Provinsi: 1, Kabupaten: 2, Kecamatan: 47, Desa: 641, Kelurahan: 21}},
		{"a kota", []tenancy.Kode{"51.71"},
			wilayah.Counts{Provinsi: 1, Kota: 1, Kecamatan: 4, Kelurahan: 16, Desa: 27}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				ctx := context.Background()
				s := wilayah.New(wilayah.Deps{DB: d}).Store()
				first, err := s.Seed(ctx, tt.kabupaten)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.want
				want.Inserted = want.Total()
				if first != want {
					t.Fatalf("first seed %+v, want %+v", first, want)
				}
				if n := countRows(t, d); n != want.Total() {
					t.Fatalf("%d rows in table, want %d", n, want.Total())
				}

				again, err := s.Seed(ctx, tt.kabupaten)
				if err != nil {
					t.Fatal(err)
				}
				want.Inserted = 0
				if again != want {
					t.Fatalf("second seed %+v, want %+v", again, want)
				}
				if n := countRows(t, d); n != want.Total() {
					t.Fatalf("%d rows after re-seed, want %d", n, want.Total())
				}
			})
		})
	}
}

func TestSeedRefusesCodesThatAreNotAKnownKabupaten(t *testing.T) {
	tests := []struct {
		name      string
		kabupaten []tenancy.Kode
	}{
		{"none", nil},
		{"unknown kabupaten", []tenancy.Kode{"51.99"}},
		{"a provinsi", []tenancy.Kode{"51"}},
		{"a kecamatan", []tenancy.Kode{"51.02.06"}},
		{"one bad among good", []tenancy.Kode{"51.02", "99.01"}},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := wilayah.New(wilayah.Deps{DB: d}).Store()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.Seed(context.Background(), tt.kabupaten)
				if !fault.Is(err, fault.Invalid) {
					t.Fatalf("err %v, want fault.Invalid", err)
				}
				if n := countRows(t, d); n != 0 {
					t.Fatalf("%d rows loaded by a refused seed", n)
				}
			})
		}
	})
}

func TestLookup(t *testing.T) {
	tests := []struct {
		kode    tenancy.Kode
		nama    string
		tingkat string
		found   bool
	}{
		{"51", "Bali", wilayah.TingkatProvinsi, true},
		{"51.02", "Kabupaten Tabanan", wilayah.TingkatKabupaten, true},
		{"51.02.06", "Kediri", wilayah.TingkatKecamatan, true},
		{"51.02.06.2001", "Bengkel", wilayah.TingkatDesa, true},
		{"51.02.99", "", "", false},
		{"51.03", "", "", false}, // exists in the country, not seeded here
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := seeded(t, d, "51.02")
		for _, tt := range tests {
			t.Run(string(tt.kode), func(t *testing.T) {
				// Twice: the second answer comes from the cache and must agree.
				for range 2 {
					w, err := m.Lookup(context.Background(), tt.kode)
					if !tt.found {
						if !fault.Is(err, fault.NotFound) {
							t.Fatalf("err %v, want fault.NotFound", err)
						}
						continue
					}
					if err != nil {
						t.Fatal(err)
					}
					if w.Kode != tt.kode || w.Nama != tt.nama || w.Tingkat != tt.tingkat || w.ID != tt.kode.ID() {
						t.Fatalf("got %+v", w)
					}
				}
			})
		}
	})
}

func TestLookupFindsARegionSeededAfterAMiss(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		m := seeded(t, d, "51.02")
		if _, err := m.Lookup(ctx, "35.29.11.2001"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("before seeding Sumenep: %v, want fault.NotFound", err)
		}
		// Another process (ngantor seed) loads Sumenep: a fresh module on the
		// same database, so this module's Seed cannot have told its cache.
		if _, err := wilayah.New(wilayah.Deps{DB: d}).Store().Seed(ctx, []tenancy.Kode{"35.29"}); err != nil {
			t.Fatal(err)
		}
		w, err := m.Lookup(ctx, "35.29.11.2001")
		if err != nil {
			t.Fatalf("after seeding Sumenep: %v", err)
		}
		if w.Nama != "Kaduara Timur" {
			t.Fatalf("nama %q, want Kaduara Timur", w.Nama)
		}
	})
}

// walk follows next_cursor to the end and returns every desa code seen.
func walk(t *testing.T, m *wilayah.Module, kode tenancy.Kode, q wilayah.DesaQuery) (codes []tenancy.Kode, pages int) {
	t.Helper()
	for {
		p, err := m.ListDesa(context.Background(), kode, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(p.Items) > q.Limit {
			t.Fatalf("page %d has %d items, limit %d", pages, len(p.Items), q.Limit)
		}
		for _, w := range p.Items {
			codes = append(codes, w.Kode)
		}
		if p.NextCursor == "" {
			return codes, pages
		}
		if pages > 1000 {
			t.Fatal("cursor never ends")
		}
		q.Cursor = p.NextCursor
	}
}

// allDesa lists the desa under kode by walking Children, an independent path.
func allDesa(t *testing.T, m *wilayah.Module, kode tenancy.Kode) []tenancy.Kode {
	t.Helper()
	w, err := m.Lookup(context.Background(), kode)
	if err != nil {
		t.Fatal(err)
	}
	if w.IsTenant() {
		return []tenancy.Kode{kode}
	}
	children, err := m.Children(context.Background(), kode)
	if err != nil {
		t.Fatal(err)
	}
	var out []tenancy.Kode
	for _, c := range children {
		if c.Tingkat != wilayah.TingkatKelurahan {
			out = append(out, allDesa(t, m, c.Kode)...)
		}
	}
	return out
}

func TestListDesaWalksEveryDesaOnceInCodeOrder(t *testing.T) {
	tests := []struct {
		name      string
		kode      tenancy.Kode
		limit     int
		wantDesa  int
		wantPages int
	}{
		{"Tabanan by 20", "51.02", 20, 133, 7},
		{"Tuban skips its 17 kelurahan", "35.23", 100, 311, 4},
		{"Kecamatan Kediri by 5", "51.02.06", 5, 15, 3},
		{"Kecamatan Jenu, Tuban", "35.23.12", 100, 17, 1},
		{"Provinsi Bali, only Tabanan seeded", "51", 50, 133, 3},
		{"a desa is its own only desa", "51.02.06.2001", 20, 1, 1},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := seeded(t, d, "51.02", "35.23")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, pages := walk(t, m, tt.kode, wilayah.DesaQuery{Limit: tt.limit})
				want := allDesa(t, m, tt.kode)
				if len(got) != tt.wantDesa || len(want) != tt.wantDesa {
					t.Fatalf("walked %d desa, children say %d, want %d", len(got), len(want), tt.wantDesa)
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("desa #%d is %s, want %s (duplicate, gap or order)", i, got[i], want[i])
					}
				}
				if pages != tt.wantPages {
					t.Fatalf("%d pages, want %d", pages, tt.wantPages)
				}
			})
		}
	})
}

func TestListDesaFiltersByNama(t *testing.T) {
	tests := []struct {
		name  string
		kode  tenancy.Kode
		nama  string
		limit int
		want  []tenancy.Kode
	}{
		{"substring", "51.02", "wanagiri", 20, []tenancy.Kode{"51.02.01.2002", "51.02.01.2008"}},
		{"any case", "51.02", "WaNaGiRi", 20, []tenancy.Kode{"51.02.01.2002", "51.02.01.2008"}},
		{"middle of a name", "51.02", "kau", 20, []tenancy.Kode{"51.02.01.2008", "51.02.03.2006", "51.02.03.2008"}},
		{"paged", "51.02", "kauh", 1, []tenancy.Kode{"51.02.01.2008", "51.02.03.2006", "51.02.03.2008"}},
		{"inside a kecamatan", "51.02.03", "kauh", 20, []tenancy.Kode{"51.02.03.2006", "51.02.03.2008"}},
		{"wildcards are literal", "51.02", "%", 20, nil},
		{"underscore is literal", "51.02", "_", 20, nil},
		{"no match", "51.02", "Jakarta", 20, nil},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := seeded(t, d, "51.02")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, _ := walk(t, m, tt.kode, wilayah.DesaQuery{Limit: tt.limit, Nama: tt.nama})
				if len(got) != len(tt.want) {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Fatalf("got %v, want %v", got, tt.want)
					}
				}
			})
		}
	})
}

func TestListDesaRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		kode tenancy.Kode
		q    wilayah.DesaQuery
		code fault.Code
	}{
		{"unknown wilayah", "51.99", wilayah.DesaQuery{}, fault.NotFound},
		{"cursor not ours", "51.02", wilayah.DesaQuery{Cursor: "bukan-cursor"}, fault.Invalid},
		{"limit too large", "51.02", wilayah.DesaQuery{Limit: wilayah.MaxLimit + 1}, fault.Invalid},
		{"negative limit", "51.02", wilayah.DesaQuery{Limit: -1}, fault.Invalid},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := seeded(t, d, "51.02")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if _, err := m.ListDesa(context.Background(), tt.kode, tt.q); !fault.Is(err, tt.code) {
					t.Fatalf("err %v, want %s", err, tt.code)
				}
			})
		}
	})
}
