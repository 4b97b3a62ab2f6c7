package authz

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The national scale: about 75,000 desa and 100,000 users holding grants.
const (
	benchDesa  = 75_000
	benchUsers = 100_000
)

// benchDesaCodes returns n desa codes in 20 desa per kecamatan, 15
// kecamatan per kabupaten, 20 kabupaten per provinsi.
func benchDesaCodes(n int) []tenancy.Kode {
	out := make([]tenancy.Kode, 0, n)
	for p := 11; ; p++ {
		for k := 1; k <= 20; k++ {
			for c := 1; c <= 15; c++ {
				for d := 2001; d <= 2020; d++ {
					if len(out) == n {
						return out
					}
					out = append(out, tenancy.Kode(fmt.Sprintf("%02d.%02d.%02d.%04d", p, k, c, d)))
				}
			}
		}
	}
}

// benchTemplates is a plausible full set: 12 modules of 6 permissions,
// shared out so that the model holds a few hundred template lines.
func benchTemplates() map[Role][]Permission {
	modules := []string{"surat", "apbdes", "rekening", "realisasi", "audiensi", "disposisi",
		"penduduk", "aset", "bumdes", "tps3r", "umkm", "wilayah"}
	actions := []string{"read", "create", "update", "delete", "approve", "export"}
	var all, read []Permission
	for _, m := range modules {
		for _, a := range actions {
			all = append(all, Permission{Object: m, Action: a})
		}
		read = append(read, Permission{Object: m, Action: "read"}, Permission{Object: m, Action: "export"})
	}
	return map[Role][]Permission{
		Bupati:         read,
		AdminKabupaten: all,
		OPD:            read[:8],
		Camat:          append(append([]Permission(nil), read...), Permission{Object: "apbdes", Action: "approve"}),
		Perbekel:       all[:60],
		Sekdes:         all[:48],
		KaurKeuangan:   all[6:30],
		Kasi:           all[36:60],
		Operator:       all[:36],
		ForumPerbekel:  read[:4],
	}
}

type benchFixture struct {
	desa   []tenancy.Kode
	grants [][]string // user, role, code
}

// benchGrants: a perbekel in every desa, a camat in every kecamatan, a bupati
// in every kabupaten, and sekdes to make up 100,000 users.
func benchGrants() benchFixture {
	desa := benchDesaCodes(benchDesa)
	f := benchFixture{desa: desa}
	add := func(r Role, k tenancy.Kode) {
		f.grants = append(f.grants, []string{fmt.Sprintf("u%06d", len(f.grants)), string(r), string(k)})
	}
	seen := map[tenancy.Kode]bool{}
	for _, d := range desa {
		add(Perbekel, d)
		for _, up := range []struct {
			l tenancy.Level
			r Role
		}{{tenancy.Kecamatan, Camat}, {tenancy.Kabupaten, Bupati}} {
			if k := d.Up(up.l); !seen[k] {
				seen[k] = true
				add(up.r, k)
			}
		}
	}
	for i := 0; len(f.grants) < benchUsers; i++ {
		add(Sekdes, desa[i%len(desa)])
	}
	return f
}

func seed(b *testing.B, d *db.DB, f benchFixture) {
	b.Helper()
	a, err := NewAdapter(d, nil, quietLogger())
	if err != nil {
		b.Fatal(err)
	}
	if err := a.AddPoliciesCtx(context.Background(), "g", "g", f.grants); err != nil {
		b.Fatal(err)
	}
}

func benchDBs(b *testing.B, body func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { body(b, dbtest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { body(b, dbtest.Postgres(b)) })
}

// BenchmarkLoad is New with 100,000 grants stored: read the table, build
// the role links. Run with -benchtime 2x; heap-MB is live heap afterwards.
func BenchmarkLoad(b *testing.B) {
	f := benchGrants()
	benchDBs(b, func(b *testing.B, d *db.DB) {
		seed(b, d, f)
		tmpl := benchTemplates()
		var e *Enforcer
		for b.Loop() {
			if e != nil {
				e.Close()
			}
			var err error
			if e, err = New(context.Background(), Deps{DB: d, Templates: tmpl, Logger: quietLogger()}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		e.Close()
	})
}

func benchEnforcer(b *testing.B, ttl int) (*Enforcer, benchFixture) {
	b.Helper()
	f := benchGrants()
	d := dbtest.SQLite(b)
	seed(b, d, f)
	cacheTTL := DefaultCacheTTL
	if ttl < 0 {
		cacheTTL = -1
	}
	e, err := New(context.Background(), Deps{DB: d, Templates: benchTemplates(), Logger: quietLogger(), CacheTTL: cacheTTL})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	runtime.GC() // leave the setup's garbage out of the timed loop
	return e, f
}

// BenchmarkAllowedCached is a repeated check: the decision cache answers.
func BenchmarkAllowedCached(b *testing.B) {
	e, f := benchEnforcer(b, 0)
	ctx := context.Background()
	g := f.grants[0]
	p := Permission{Object: "surat", Action: "read"}
	if ok, _ := e.Allowed(ctx, g[0], tenancy.Kode(g[2]), p); !ok {
		b.Fatal("perbekel denied at own desa")
	}
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			if ok, _ := e.Allowed(ctx, g[0], tenancy.Kode(g[2]), p); !ok {
				b.Fatal("denied")
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ok, _ := e.Allowed(ctx, g[0], tenancy.Kode(g[2]), p); !ok {
					b.Fatal("denied")
				}
			}
		})
	})
}

// BenchmarkAllowedUncached is casbin's decision with no decision cache,
// cycling through all 100,000 users so casbin's own role-lookup memo rarely
// helps: a perbekel or sekdes is checked at the next desa (denied) every
// other time, otherwise each user at their own wilayah (allowed).
func BenchmarkAllowedUncached(b *testing.B) {
	e, f := benchEnforcer(b, -1)
	ctx := context.Background()
	index := make(map[tenancy.Kode]int, len(f.desa))
	for i, d := range f.desa {
		index[d] = i
	}
	type check struct {
		user   string
		target tenancy.Kode
		want   bool
	}
	checks := make([]check, 0, len(f.grants))
	for i, g := range f.grants {
		own := tenancy.Kode(g[2])
		if j, ok := index[own]; ok && i%2 == 1 {
			checks = append(checks, check{g[0], f.desa[(j+1)%len(f.desa)], false})
			continue
		}
		checks = append(checks, check{g[0], own, true})
	}
	p := Permission{Object: "surat", Action: "read"}
	i := 0
	for b.Loop() {
		c := checks[i%len(checks)]
		i++
		ok, err := e.Allowed(ctx, c.user, c.target, p)
		if err != nil || ok != c.want {
			b.Fatalf("Allowed(%s, %s) = %v, %v; want %v", c.user, c.target, ok, err, c.want)
		}
	}
}
