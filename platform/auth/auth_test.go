package auth_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
)

// fakeClock is the service's clock in tests: time moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// cheap keeps the suite fast: the behaviour under test does not depend on
// the cost, and BenchmarkHashPassword measures the real one.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

func newService(t *testing.T, d *db.DB, rc redisconn.Conn, clk *fakeClock) *auth.Service {
	t.Helper()
	client := rc.Client()
	t.Cleanup(func() { client.Close() })
	return auth.New(auth.Deps{
		DB: d, Redis: client, Clock: clk.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Params: cheap,
	})
}

const goodPassword = "sawah-subak-2026"

func mustCreate(t *testing.T, s *auth.Service, email string) auth.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), auth.NewUser{
		Email: email, Name: "Ni Made Sari", Password: goodPassword,
	})
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	return u
}

// eachBackend runs body on every engine × Redis pair, each with a fresh
// database and a fresh Redis.
func eachBackend(t *testing.T, body func(t *testing.T, d *db.DB, rc redisconn.Conn)) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			redistest.Run(t, func(t *testing.T, rc redisconn.Conn) { body(t, e.open(t), rc) })
		})
	}
}

func wantCode(t *testing.T, err error, code fault.Code) {
	t.Helper()
	if !fault.Is(err, code) {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

func TestCreateUserValidatesInputAndRejectsDuplicateEmail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d, redistest.Memory(t), newClock())
		u, err := s.CreateUser(ctx, auth.NewUser{
			Email: "  Kadek.Dlh@Badungkab.go.id ", Name: "Kadek", OPD: "DLH", Password: goodPassword,
		})
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "kadek.dlh@badungkab.go.id" || u.OPD != "DLH" || u.ID == "" {
			t.Fatalf("created %+v", u)
		}

		cases := []struct {
			name string
			in   auth.NewUser
			code fault.Code
		}{
			{"bad email", auth.NewUser{Email: "bukan-email", Name: "A", Password: goodPassword}, fault.Invalid},
			{"display name", auth.NewUser{Email: "Ana <ana@desa.id>", Name: "A", Password: goodPassword}, fault.Invalid},
			{"short password", auth.NewUser{Email: "ana@desa.id", Name: "A", Password: "123456789"}, fault.Invalid},
			{"no name", auth.NewUser{Email: "ana@desa.id", Name: " ", Password: goodPassword}, fault.Invalid},
			{"same email other case", auth.NewUser{Email: "KADEK.DLH@badungkab.go.id", Name: "B", Password: goodPassword}, fault.Conflict},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.CreateUser(ctx, c.in)
				wantCode(t, err, c.code)
			})
		}

		got, err := s.UserByEmail(ctx, "KADEK.DLH@BADUNGKAB.GO.ID")
		if err != nil || got.ID != u.ID || got.OPD != "DLH" {
			t.Fatalf("by email: %+v, %v", got, err)
		}
		got, err = s.UserByID(ctx, u.ID)
		if err != nil || got.Email != u.Email {
			t.Fatalf("by id: %+v, %v", got, err)
		}
		_, err = s.UserByID(ctx, "not-a-uuid")
		wantCode(t, err, fault.NotFound)
	})
}

func TestUserJSONHasOnlyPublicFields(t *testing.T) {
	b, err := json.Marshal(auth.User{ID: "1", Email: "a@b.id", Name: "A", OPD: "DLH"})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "1", "email": "a@b.id", "name": "A", "opd": "DLH"}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Fatalf("json = %s", b)
	}
}

func TestLoginAuthenticateLogout(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, redistest.Memory(t), clk)
		u := mustCreate(t, s, "made@desa.id")

		token, exp, got, err := s.Login(ctx, "MADE@desa.id", goodPassword, "203.0.113.7", "Firefox")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || !exp.Equal(clk.Now().Add(auth.AbsoluteTimeout)) {
			t.Fatalf("login gave %+v, expires %v", got, exp)
		}
		who, sess, err := s.Authenticate(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if who.ID != u.ID || sess.UserID != u.ID || sess.IP != "203.0.113.7" || sess.UserAgent != "Firefox" {
			t.Fatalf("authenticated %+v %+v", who, sess)
		}
		if err := s.Logout(ctx, token); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Authenticate(ctx, token)
		wantCode(t, err, fault.Unauthorized)

		for _, bogus := range []string{"", "not a token", strings.Repeat("A", 43)} {
			_, _, err = s.Authenticate(ctx, bogus)
			wantCode(t, err, fault.Unauthorized)
		}
	})
}

func TestWrongPasswordAndUnknownEmailGiveTheSameError(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d, redistest.Memory(t), newClock())
		mustCreate(t, s, "made@desa.id")
		_, _, _, errWrong := s.Login(ctx, "made@desa.id", "salah-salah-salah", "203.0.113.7", "")
		_, _, _, errUnknown := s.Login(ctx, "tidakada@desa.id", goodPassword, "203.0.113.7", "")
		wantCode(t, errWrong, fault.Unauthorized)
		wantCode(t, errUnknown, fault.Unauthorized)
		if errWrong.Error() != errUnknown.Error() {
			t.Fatalf("errors differ: %q vs %q", errWrong, errUnknown)
		}
		if fe, _ := fault.As(errWrong); fe.Message != "email atau kata sandi salah" {
			t.Fatalf("message %q", fe.Message)
		}
	})
}

func TestSessionEndsAfterIdleTimeoutAndSlidesOnUse(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, redistest.Memory(t), clk)
		mustCreate(t, s, "made@desa.id")
		token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", "")
		if err != nil {
			t.Fatal(err)
		}
		loginAt := clk.Now()

		// Within a minute last_seen_at is not rewritten.
		clk.Advance(30 * time.Second)
		_, sess, err := s.Authenticate(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if !sess.LastSeenAt.Equal(loginAt) {
			t.Fatalf("last_seen_at moved to %v within a minute", sess.LastSeenAt)
		}
		// Used every 29 minutes, the session outlives the idle timeout.
		for range 3 {
			clk.Advance(29 * time.Minute)
			if _, sess, err = s.Authenticate(ctx, token); err != nil {
				t.Fatalf("at %v: %v", clk.Now().Sub(loginAt), err)
			}
			if !sess.LastSeenAt.Equal(clk.Now()) {
				t.Fatalf("last_seen_at %v, want %v", sess.LastSeenAt, clk.Now())
			}
		}
		clk.Advance(auth.IdleTimeout)
		_, _, err = s.Authenticate(ctx, token)
		wantCode(t, err, fault.Unauthorized)
		if fe, _ := fault.As(err); fe.Message != "sesi berakhir, silakan masuk lagi" {
			t.Fatalf("message %q", fe.Message)
		}
	})
}

func TestSessionEndsAtAbsoluteTimeoutEvenWhenActive(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, redistest.Memory(t), clk)
		mustCreate(t, s, "made@desa.id")
		token, exp, _, err := s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", "")
		if err != nil {
			t.Fatal(err)
		}
		for clk.Now().Add(20 * time.Minute).Before(exp) {
			clk.Advance(20 * time.Minute)
			if _, _, err := s.Authenticate(ctx, token); err != nil {
				t.Fatalf("at %v: %v", clk.Now(), err)
			}
		}
		clk.Advance(exp.Sub(clk.Now()))
		_, _, err = s.Authenticate(ctx, token)
		wantCode(t, err, fault.Unauthorized)
	})
}

func TestSessionTokenIsStoredOnlyAsItsHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d, redistest.Memory(t), newClock())
		mustCreate(t, s, "made@desa.id")
		token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", "")
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := d.NewSelect().Table("sessions").Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Fatalf("%d session rows", len(rows))
		}
		for col, v := range rows[0] {
			if strings.Contains(fmt.Sprint(v), token) {
				t.Fatalf("column %s holds the raw token", col)
			}
		}
		sum := sha256.Sum256([]byte(token))
		if got := fmt.Sprint(rows[0]["token_hash"]); got != hex.EncodeToString(sum[:]) {
			t.Fatalf("token_hash = %s, want the SHA-256 of the token", got)
		}
	})
}

func TestLoginFailuresPerAccountAreLimitedAndResetOnSuccess(t *testing.T) {
	eachBackend(t, func(t *testing.T, d *db.DB, rc redisconn.Conn) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, rc, clk)
		const email = "made@desa.id"
		mustCreate(t, s, email)
		fail := func(ip string) error {
			_, _, _, err := s.Login(ctx, email, "salah-salah-salah", ip, "")
			return err
		}

		// Four failures, then success: the account counter starts over,
		// so four more failures still do not lock the account.
		for i := range 4 {
			wantCode(t, fail(fmt.Sprintf("198.51.100.%d", i)), fault.Unauthorized)
		}
		if _, _, _, err := s.Login(ctx, email, goodPassword, "198.51.100.9", ""); err != nil {
			t.Fatalf("good login after 4 failures: %v", err)
		}
		for i := range 4 {
			wantCode(t, fail(fmt.Sprintf("198.51.100.%d", 10+i)), fault.Unauthorized)
		}

		// The fifth failure in the window, each from a different IP,
		// locks the account even for the right password.
		firstOfWindow := clk.Now()
		clk.Advance(time.Minute)
		wantCode(t, fail("198.51.100.20"), fault.Unauthorized)
		clk.Advance(time.Minute)
		_, _, _, err := s.Login(ctx, email, goodPassword, "198.51.100.21", "")
		var rl *auth.RateLimitError
		if !errors.As(err, &rl) {
			t.Fatalf("sixth attempt: %v, want RateLimitError", err)
		}
		wantCode(t, err, fault.TooMany)
		want := firstOfWindow.Add(auth.DefaultLimits.Window).Sub(clk.Now())
		if rl.RetryAfter != want {
			t.Fatalf("RetryAfter = %v, want %v", rl.RetryAfter, want)
		}
		if rl.RetryAfterSeconds() != int(want/time.Second) {
			t.Fatalf("RetryAfterSeconds = %d", rl.RetryAfterSeconds())
		}

		clk.Advance(rl.RetryAfter)
		if _, _, _, err := s.Login(ctx, email, goodPassword, "198.51.100.22", ""); err != nil {
			t.Fatalf("login after the window: %v", err)
		}
	})
}

func TestLoginFailuresPerIPAreLimitedAcrossAccounts(t *testing.T) {
	eachBackend(t, func(t *testing.T, d *db.DB, rc redisconn.Conn) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, rc, clk)
		mustCreate(t, s, "made@desa.id")
		const sprayer = "2001:db8:1:2::10"
		// A password spray: one guess per account, never tripping the
		// per-account limit.
		for i := range auth.DefaultLimits.PerIP {
			_, _, _, err := s.Login(ctx, fmt.Sprintf("orang%d@desa.id", i), goodPassword, sprayer, "")
			wantCode(t, err, fault.Unauthorized)
		}
		// Another address in the same IPv6 /64 is the same client.
		_, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "2001:db8:1:2::99", "")
		var rl *auth.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != auth.DefaultLimits.Window {
			t.Fatalf("after %d failures from one /64: %v", auth.DefaultLimits.PerIP, err)
		}
		// Others are not affected.
		if _, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", ""); err != nil {
			t.Fatalf("login from another IP: %v", err)
		}
	})
}

func TestLoginRehashesOutdatedHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rc := redistest.Memory(t)
		clk := newClock()
		old := newService(t, d, rc, clk)
		mustCreate(t, old, "made@desa.id")

		client := rc.Client()
		defer client.Close()
		stronger := auth.Params{Memory: 128, Time: 2, Threads: 1}
		s := auth.New(auth.Deps{DB: d, Redis: client, Clock: clk.Now, Params: stronger,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		storedHash := func() string {
			var h string
			if err := d.NewSelect().Table("users").Column("password_hash").Scan(ctx, &h); err != nil {
				t.Fatal(err)
			}
			return h
		}
		if !strings.Contains(storedHash(), "$m=64,t=1,p=1$") {
			t.Fatalf("stored %s", storedHash())
		}
		if _, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", ""); err != nil {
			t.Fatal(err)
		}
		if h := storedHash(); !strings.HasPrefix(h, "$argon2id$v=19$m=128,t=2,p=1$") {
			t.Fatalf("hash not upgraded: %s", h)
		}
		// Both services still accept the password under the new hash.
		if _, _, _, err := old.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", ""); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSetPasswordReplacesItAndEndsSessions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d, redistest.Memory(t), newClock())
		u := mustCreate(t, s, "made@desa.id")
		token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", "")
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetPassword(ctx, u.ID, "pendek"), fault.Invalid)
		if err := s.SetPassword(ctx, u.ID, "kata-sandi-baru-2027"); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Authenticate(ctx, token)
		wantCode(t, err, fault.Unauthorized)
		_, _, _, err = s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", "")
		wantCode(t, err, fault.Unauthorized)
		if _, _, _, err := s.Login(ctx, "made@desa.id", "kata-sandi-baru-2027", "192.0.2.1", ""); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetPassword(ctx, "0190f0f0-0000-7000-8000-000000000000", "kata-sandi-baru-2027"), fault.NotFound)
	})
}

func TestDisabledUserCannotSignInOrUseSession(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, redistest.Memory(t), clk)
		u := mustCreate(t, s, "made@desa.id")
		token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.NewUpdate().Table("users").Set("disabled_at = ?", clk.Now()).Where("id = ?", u.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Authenticate(ctx, token)
		wantCode(t, err, fault.Unauthorized)
		_, _, _, err = s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", "")
		wantCode(t, err, fault.Unauthorized)
	})
}

func TestPurgeSessionsDeletesOnlyExpiredOnes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newService(t, d, redistest.Memory(t), clk)
		mustCreate(t, s, "made@desa.id")
		login := func() string {
			token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "192.0.2.1", "")
			if err != nil {
				t.Fatal(err)
			}
			return token
		}
		login() // goes idle
		clk.Advance(20 * time.Minute)
		fresh := login()
		clk.Advance(15 * time.Minute)
		n, err := s.PurgeSessions(ctx)
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v; want 1", n, err)
		}
		if _, _, err := s.Authenticate(ctx, fresh); err != nil {
			t.Fatalf("fresh session purged: %v", err)
		}
	})
}

func TestContextCarriesUser(t *testing.T) {
	if _, ok := auth.UserFrom(context.Background()); ok {
		t.Fatal("empty context has a user")
	}
	ctx := auth.WithUser(context.Background(), auth.User{ID: "u1", Name: "Made"})
	if u, ok := auth.UserFrom(ctx); !ok || u.ID != "u1" {
		t.Fatalf("got %+v, %v", u, ok)
	}
}

func BenchmarkHashPassword(b *testing.B) {
	s := auth.New(auth.Deps{Clock: time.Now})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.HashPassword(ctx, goodPassword); err != nil {
			b.Fatal(err)
		}
	}
}

// burstService is a service whose hashing queue never turns a guess away,
// so every guess the limits admit reaches the password check; verified
// counts those that did.
func burstService(t *testing.T, d *db.DB, rc redisconn.Conn) (s *auth.Service, verified *atomic.Int64) {
	t.Helper()
	client := rc.Client()
	t.Cleanup(func() { client.Close() })
	s = auth.New(auth.Deps{
		DB: d, Redis: client, Clock: newClock().Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Params: cheap, HashQueue: 1000, HashWait: time.Minute,
	})
	verified = new(atomic.Int64)
	auth.OnVerify(s, func() { verified.Add(1) })
	return s, verified
}

// burst runs n wrong-password logins at once (login(i) makes the i-th) and
// counts the answers by kind.
func burst(t *testing.T, n int, login func(i int) error) (unauthorized, limited int) {
	t.Helper()
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make([]error, n)
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = login(i)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		var rl *auth.RateLimitError
		switch {
		case errors.As(err, &rl):
			limited++
		case fault.Is(err, fault.Unauthorized):
			unauthorized++
		default:
			t.Fatalf("unexpected answer %v", err)
		}
	}
	return unauthorized, limited
}

func TestLoginBurstOnOneAccountReachesThePasswordCheckAtMostTheLimit(t *testing.T) {
	redistest.Run(t, func(t *testing.T, rc redisconn.Conn) {
		ctx := context.Background()
		s, verified := burstService(t, dbtest.SQLite(t), rc)
		mustCreate(t, s, "made@desa.id")
		const n = 200
		unauthorized, limited := burst(t, n, func(int) error {
			_, _, _, err := s.Login(ctx, "made@desa.id", "salah-salah-salah", "203.0.113.7", "")
			return err
		})
		limit := auth.DefaultLimits.PerAccount
		if got := verified.Load(); got != int64(limit) {
			t.Fatalf("%d of %d parallel guesses reached the password check, want exactly %d", got, n, limit)
		}
		if unauthorized != limit || limited != n-limit {
			t.Fatalf("%d wrong-password and %d rate-limited answers, want %d and %d", unauthorized, limited, limit, n-limit)
		}
		// The failures are on record: the right password is refused too.
		if _, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "198.51.100.1", ""); !fault.Is(err, fault.TooMany) {
			t.Fatalf("right password after the burst: %v, want too_many", err)
		}
	})
}

func TestLoginBurstFromOneIPReachesThePasswordCheckAtMostTheLimit(t *testing.T) {
	redistest.Run(t, func(t *testing.T, rc redisconn.Conn) {
		ctx := context.Background()
		s, verified := burstService(t, dbtest.SQLite(t), rc)
		const n = 200
		unauthorized, limited := burst(t, n, func(i int) error {
			// One guess per account: only the per-IP limit can stop it.
			_, _, _, err := s.Login(ctx, fmt.Sprintf("orang%d@desa.id", i), goodPassword, "203.0.113.7", "")
			return err
		})
		limit := auth.DefaultLimits.PerIP
		if got := verified.Load(); got != int64(limit) {
			t.Fatalf("%d of %d parallel guesses reached the password check, want exactly %d", got, n, limit)
		}
		if unauthorized != limit || limited != n-limit {
			t.Fatalf("%d wrong-password and %d rate-limited answers, want %d and %d", unauthorized, limited, limit, n-limit)
		}
	})
}

func TestSuccessfulLoginGivesItsAttemptBack(t *testing.T) {
	redistest.Run(t, func(t *testing.T, rc redisconn.Conn) {
		ctx := context.Background()
		s, _ := burstService(t, dbtest.SQLite(t), rc)
		mustCreate(t, s, "made@desa.id")
		// More good logins from one address than the per-IP limit: none
		// of them is a failure, so none may count towards it.
		for i := range auth.DefaultLimits.PerIP + 5 {
			if _, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", ""); err != nil {
				t.Fatalf("good login %d: %v", i+1, err)
			}
		}
	})
}

func TestLoginWithoutRedisIsUnavailableAndSessionsStillWork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		m, rc, err := redisconn.Memory()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(m.Close)
		s, verified := burstService(t, d, rc)
		mustCreate(t, s, "made@desa.id")
		token, _, _, err := s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", "")
		if err != nil {
			t.Fatal(err)
		}
		before := verified.Load()
		m.Close() // Redis goes away

		_, _, _, err = s.Login(ctx, "made@desa.id", goodPassword, "203.0.113.7", "")
		var ue *auth.UnavailableError
		if !errors.As(err, &ue) || !fault.Is(err, fault.Unavailable) || ue.RetryAfterSeconds() < 1 {
			t.Fatalf("login without Redis: %v, want an unavailable error with a retry time", err)
		}
		if fe, _ := fault.As(err); !strings.Contains(fe.Message, "tidak tersedia") {
			t.Fatalf("message %q", fe.Message)
		}
		if verified.Load() != before {
			t.Fatal("a password was checked while the limits could not be")
		}
		if _, _, err := s.Authenticate(ctx, token); err != nil {
			t.Fatalf("existing session without Redis: %v", err)
		}
	})
}

// UsersByID names the accounts a page offers: existing, enabled ones by
// name; an id that names nobody (or is no UUID) is left out.
func TestUsersByIDLeavesOutUnknownIDs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d, redistest.Memory(t), newClock())
		a := mustCreate(t, s, "sari@bengkel.desa.id")
		b, err := s.CreateUser(ctx, auth.NewUser{Email: "agus@bengkel.desa.id", Name: "I Ketut Agus", Password: goodPassword})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UsersByID(ctx, []string{a.ID, "perbekel", b.ID, "01a23103-a6c5-7c03-843b-30037a6564a5"})
		if err != nil || len(got) != 2 || got[0].ID != b.ID || got[1].ID != a.ID {
			t.Fatalf("UsersByID = %+v, %v; want Agus then Sari", got, err)
		}
		if got, err := s.UsersByID(ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("no ids: %+v, %v", got, err)
		}
	})
}
