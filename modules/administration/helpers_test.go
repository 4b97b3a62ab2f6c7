package administration_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	bengkel  tenancy.Kode = "51.02.06.2001"
	pangkung tenancy.Kode = "51.02.06.2002"
	nyitdah  tenancy.Kode = "51.02.06.2011"
	kediri   tenancy.Kode = "51.02.06"
	marga    tenancy.Kode = "51.02.07.2001" // another kecamatan
)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	// 23 November 2026, 10:00 WITA.
	return &clock{now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// enforcer is the real authz enforcer on the test database, with this
// module's templates.
func enforcer(t testing.TB, d *db.DB) *authz.Enforcer {
	t.Helper()
	return enforcerTTL(t, d, -1)
}

// enforcerTTL is enforcer with a decision cache of ttl (negative: none).
func enforcerTTL(t testing.TB, d *db.DB, ttl time.Duration) *authz.Enforcer {
	t.Helper()
	e, err := authz.New(context.Background(), authz.Deps{DB: d, Templates: administration.Templates(), Logger: quiet(), CacheTTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

type fixture struct {
	m     *administration.Module
	d     *db.DB
	clock *clock
	authz *authz.Enforcer
}

// users knows every account except those whose id starts with "hilang".
type users struct{}

func (users) Exists(_ context.Context, id string) error {
	if strings.HasPrefix(id, "hilang") {
		return fault.New(fault.NotFound, "pengguna tidak ditemukan")
	}
	return nil
}

// admin is the kabupaten admin of the fixtures: they may end linked posts.
const admin = "admin-kabupaten"

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	c := newClock()
	e := enforcer(t, d)
	m := administration.New(administration.Deps{DB: d, Grants: e, Users: users{}, Authz: e, Logger: quiet(), Clock: c.Now})
	if err := e.Grant(context.Background(), authz.Grant{UserID: admin, Role: authz.AdminKabupaten, Wilayah: "51.02"}); err != nil {
		t.Fatal(err)
	}
	return &fixture{m: m, d: d, clock: c, authz: e}
}

func at(k tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: k})
}

// as is at(k) signed in as user.
func as(k tenancy.Kode, user string) context.Context {
	return auth.WithUser(at(k), auth.User{ID: user})
}

// nik builds a valid NIK from a kecamatan of Tabanan and a serial.
func nik(serial int) string {
	return "510206" + "120885" + string(rune('0'+serial/1000%10)) + string(rune('0'+serial/100%10)) +
		string(rune('0'+serial/10%10)) + string(rune('0'+serial%10))
}

func appointment(j administration.Jabatan, nama string, serial int) administration.PerangkatInput {
	return administration.PerangkatInput{Jabatan: j, Nama: nama, NIK: nik(serial), Status: administration.Definitif,
		SKNomor: "141/1/2026", SKTanggal: "2026-01-05", Mulai: "2026-01-06"}
}

func mustAppoint(t *testing.T, f *fixture, k tenancy.Kode, in administration.PerangkatInput) administration.Perangkat {
	t.Helper()
	p, err := f.m.Appoint(at(k), in)
	if err != nil {
		t.Fatalf("appoint %s %s: %v", in.Jabatan, in.Nama, err)
	}
	return p
}

func wantFault(t *testing.T, err error, code fault.Code, contains string) {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || fe.Code != code {
		t.Fatalf("err %v, want fault %s", err, code)
	}
	if contains != "" && !containsFold(fe.Message, contains) {
		t.Fatalf("message %q does not mention %q", fe.Message, contains)
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// count counts a table's rows across the kabupaten, behind RLS as the
// runtime role sees them with the whole kabupaten published.
func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	err := d.Tx(at("51.02"), func(ctx context.Context, tx bun.Tx) error {
		c, err := tx.NewSelect().Table(table).Count(ctx)
		n = int(c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
