// Package auth knows who a request comes from: user accounts, argon2id
// password hashes, opaque server-side sessions, and the login rate limits
// that keep password guessing slow. What a user may do is platform/authz's
// business; auth only says who they are.
//
// Users and sessions are global tables (no tenant): a person holds roles in
// several wilayah and signs in before any wilayah is chosen.
package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"runtime"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
)

// Deps are what the service needs. Zero optional fields take the defaults.
type Deps struct {
	DB     *db.DB
	Redis  redis.UniversalClient
	Clock  func() time.Time // time.Now when nil; tests pass a fake
	Logger *slog.Logger

	// Params are the argon2id costs for new hashes (DefaultParams when
	// zero). Stored hashes with other parameters are rehashed on login.
	Params Params
	// HashConcurrency caps concurrent password hashes (GOMAXPROCS when 0).
	HashConcurrency int
	// HashQueue is how many callers may wait for a hashing slot
	// (4 × HashConcurrency when 0; negative means none may wait).
	HashQueue int
	// HashWait bounds one caller's wait for a slot (2 s when 0).
	HashWait time.Duration
	// Limits are the login failure limits (DefaultLimits when zero).
	Limits Limits
}

// Service manages users, passwords and sessions.
type Service struct {
	db     *db.DB
	redis  redis.UniversalClient
	now    func() time.Time
	log    *slog.Logger
	params Params
	hashes *hashGate
	limits Limits
	// sessions remembers recently read sessions (SessionCacheTTL).
	sessions sessionCache

	// onVerify, when set (tests), runs each time a password reaches the
	// hash comparison.
	onVerify func()
}

// New builds the service.
func New(d Deps) *Service {
	s := &Service{db: d.DB, redis: d.Redis, now: d.Clock, log: d.Logger, params: d.Params, limits: d.Limits}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.params == (Params{}) {
		s.params = DefaultParams
	}
	if s.limits == (Limits{}) {
		s.limits = DefaultLimits
	}
	slots := d.HashConcurrency
	if slots <= 0 {
		// argon2 with p=1 keeps one core busy: more parallel hashes than
		// cores only adds memory, not throughput.
		slots = runtime.GOMAXPROCS(0)
	}
	queue := d.HashQueue
	if queue == 0 {
		queue = 4 * slots
	}
	wait := d.HashWait
	if wait <= 0 {
		wait = 2 * time.Second
	}
	s.hashes = newHashGate(slots, queue, wait)
	return s
}

// clock is the service's now, in UTC and at the microsecond precision
// PostgreSQL stores, so what we write compares equal to what we read back.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// User is an account. It deliberately has no password hash field: a User can
// be rendered, logged or returned as JSON without leaking it.
type User struct {
	ID         string     `bun:"id,pk" json:"id"`
	Email      string     `bun:"email" json:"email"`
	Name       string     `bun:"name" json:"name"`
	OPD        string     `bun:"opd,nullzero" json:"opd,omitempty"` // e.g. "DLH" for an opd-role user
	CreatedAt  time.Time  `bun:"created_at" json:"-"`
	DisabledAt *time.Time `bun:"disabled_at" json:"-"`
}

// Disabled reports whether the account may no longer sign in.
func (u User) Disabled() bool { return u.DisabledAt != nil }

// userRow is the users table: the User plus its hash, which stays in this
// package.
type userRow struct {
	bun.BaseModel `bun:"table:users"`
	User
	PasswordHash string `bun:"password_hash"`
}

// NewUser is the input of CreateUser.
type NewUser struct {
	Email    string
	Name     string
	OPD      string
	Password string
}

// normalizeEmail validates a bare address and lower-cases it. Lower-casing
// the local part is technically lossy (RFC 5321 lets it be case-sensitive),
// but no mail host our users have treats it so, and one person must not get
// two accounts by typing their address differently.
func normalizeEmail(raw string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(raw))
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || len(e) > 254 || !strings.Contains(e[strings.LastIndexByte(e, '@')+1:], ".") {
		return "", fault.Field("body.email", "alamat email tidak sah")
	}
	return e, nil
}

// CreateUser adds an account.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	email, err := normalizeEmail(in.Email)
	if err != nil {
		return User{}, err
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || len(name) > 200 {
		return User{}, fault.Field("body.name", "nama wajib diisi (maksimal 200 karakter)")
	}
	if err := checkPassword(in.Password); err != nil {
		return User{}, err
	}
	hash, err := s.HashPassword(ctx, in.Password)
	if err != nil {
		return User{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return User{}, err
	}
	row := userRow{
		User: User{
			ID: id.String(), Email: email, Name: name,
			OPD: strings.TrimSpace(in.OPD), CreatedAt: s.clock(),
		},
		PasswordHash: hash,
	}
	if _, err := s.db.NewInsert().Model(&row).Exec(ctx); err != nil {
		if db.IsUniqueViolation(err) {
			return User{}, &fault.Error{Code: fault.Conflict, Field: "body.email",
				Message: "email " + email + " sudah terdaftar"}
		}
		return User{}, err
	}
	return row.User, nil
}

var errNoUser = fault.New(fault.NotFound, "pengguna tidak ditemukan")

// UserByEmail finds an account by email, in any letter case.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	row, err := s.userRowByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	return row.User, err
}

// UserByID finds an account by id.
func (s *Service) UserByID(ctx context.Context, id string) (User, error) {
	row, err := s.userRowByID(ctx, s.db, id)
	return row.User, err
}

// UsersByID returns the accounts among ids that exist and are not
// disabled, by name. Unknown ids are left out.
func (s *Service) UsersByID(ctx context.Context, ids []string) ([]User, error) {
	rows := []userRow{}
	if len(ids) == 0 {
		return nil, nil
	}
	// An id that is not a UUID names no account (and PostgreSQL's uuid
	// column would refuse to compare with it).
	var valid []string
	for _, id := range ids {
		if _, err := uuid.Parse(id); err == nil {
			valid = append(valid, id)
		}
	}
	if len(valid) == 0 {
		return nil, nil
	}
	err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(valid)).Where("disabled_at IS NULL").
		OrderExpr("name, email").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: users by id: %w", err)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.User
	}
	return out, nil
}

// Exists is nil when an account with id exists (disabled or not), and a
// fault.NotFound error when none does.
func (s *Service) Exists(ctx context.Context, id string) error {
	_, err := s.userRowByID(ctx, s.db, id)
	return err
}

func (s *Service) userRowByEmail(ctx context.Context, email string) (userRow, error) {
	var row userRow
	err := s.db.NewSelect().Model(&row).Where("email = ?", email).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return row, errNoUser
	}
	return row, err
}

func (s *Service) userRowByID(ctx context.Context, q bun.IDB, id string) (userRow, error) {
	var row userRow
	// PostgreSQL rejects a malformed uuid with an error, not an empty result.
	if _, err := uuid.Parse(id); err != nil {
		return row, errNoUser
	}
	err := q.NewSelect().Model(&row).Where("id = ?", id).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return row, errNoUser
	}
	return row, err
}

// SetPassword replaces a user's password and ends all their sessions: a
// password is reset because it may be known to someone else, and that
// someone may already be signed in.
func (s *Service) SetPassword(ctx context.Context, userID, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	if _, err := uuid.Parse(userID); err != nil {
		return errNoUser
	}
	hash, err := s.HashPassword(ctx, password)
	if err != nil {
		return err
	}
	defer s.sessions.forgetAll() // the user's sessions end, whichever tokens they are
	return s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Model((*userRow)(nil)).Set("password_hash = ?", hash).
			Where("id = ?", userID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoUser
		}
		_, err = tx.NewDelete().Model((*sessionRow)(nil)).Where("user_id = ?", userID).Exec(ctx)
		return err
	})
}

// SetOPD records the code of the OPD a user belongs to ("" for none),
// which the opd role's holders carry in User.OPD. The registry of OPD and
// its memberships is modules/opd's: only it calls this. Cached sessions
// are dropped so the next request reads the new code.
func (s *Service) SetOPD(ctx context.Context, userID, kode string) error {
	if _, err := uuid.Parse(userID); err != nil {
		return errNoUser
	}
	defer s.sessions.forgetAll()
	q := s.db.NewUpdate().Model((*userRow)(nil)).Where("id = ?", userID)
	if kode = strings.TrimSpace(kode); kode == "" {
		q = q.Set("opd = NULL")
	} else {
		q = q.Set("opd = ?", kode)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("auth: set opd: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoUser
	}
	return nil
}

type userKey struct{}

// WithUser returns ctx carrying the signed-in user.
func WithUser(ctx context.Context, u User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the signed-in user in ctx.
func UserFrom(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(userKey{}).(User)
	return u, ok && u.ID != ""
}
