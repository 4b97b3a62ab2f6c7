package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
)

const (
	// IdleTimeout ends a session nobody has used for this long: a shared
	// computer at the kantor desa left signed in.
	IdleTimeout = 30 * time.Minute
	// AbsoluteTimeout ends every session this long after login, however
	// active: a stolen token is useful for one working day at most.
	AbsoluteTimeout = 12 * time.Hour
	// touchEvery is how stale last_seen_at may get before Authenticate
	// writes it; otherwise every request would be a database write. The
	// idle timeout is thus effective to within this much.
	touchEvery = time.Minute

	tokenBytes = 32
)

// Session is one signed-in browser or client. The token itself is never
// stored; only its SHA-256 is.
type Session struct {
	ID         string    `bun:"id,pk" json:"id"`
	UserID     string    `bun:"user_id" json:"user_id"`
	CreatedAt  time.Time `bun:"created_at" json:"created_at"`
	LastSeenAt time.Time `bun:"last_seen_at" json:"last_seen_at"`
	ExpiresAt  time.Time `bun:"expires_at" json:"expires_at"`
	UserAgent  string    `bun:"user_agent" json:"user_agent"`
	IP         string    `bun:"ip" json:"ip"`
}

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`
	Session
	TokenHash string `bun:"token_hash"`
}

var (
	errBadLogin     = fault.New(fault.Unauthorized, "email atau kata sandi salah")
	errDisabled     = fault.New(fault.Unauthorized, "akun ini dinonaktifkan; hubungi admin kabupaten")
	errSessionEnded = fault.New(fault.Unauthorized, "sesi berakhir, silakan masuk lagi")
)

// hashToken is what the sessions table stores. A plain SHA-256 suffices:
// the token has 256 bits of entropy, so there is nothing to brute-force and
// no need for a slow hash.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks the email and password and opens a session. A wrong email
// and a wrong password give the same error after the same work, so the
// answer does not tell an attacker which addresses have accounts.
//
// An attempt is reserved against the rate limits before the password is
// hashed and counts as a failure unless the login succeeds, so parallel
// guesses cannot all pass the check before any is recorded. Without Redis
// no password is checked: the answer is fault.Unavailable (503).
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (token string, expiresAt time.Time, u User, err error) {
	email = strings.ToLower(strings.TrimSpace(email))
	att, err := s.reserve(ctx, email, ip)
	if err != nil {
		var rl *RateLimitError
		if errors.As(err, &rl) {
			s.log.WarnContext(ctx, "login rate limited", "ip", ip, "retry_after", rl.RetryAfter)
		} else {
			s.log.ErrorContext(ctx, "login refused: limits cannot be checked", "err", err)
		}
		return "", time.Time{}, User{}, err
	}
	// Until the password is known wrong, any way out gives the attempt
	// back: a database error or a full hashing queue is not a guess.
	failed := false
	defer func() {
		if !failed {
			s.release(context.WithoutCancel(ctx), att)
		}
	}()

	row, err := s.userRowByEmail(ctx, email)
	found := err == nil
	if err != nil && err != errNoUser {
		return "", time.Time{}, User{}, err
	}
	stored := row.PasswordHash
	if !found {
		stored = dummyHash(s.params)
	}
	var (
		ok   bool
		used Params
		verr error
	)
	if len(password) <= maxPasswordBytes {
		if err := s.hashes.do(ctx, func() {
			if s.onVerify != nil {
				s.onVerify()
			}
			ok, used, verr = verifyHash(password, stored)
		}); err != nil {
			return "", time.Time{}, User{}, err
		}
	}
	if verr != nil {
		// A hash we cannot read is our bug or a tampered row; the user
		// can only be told the login failed.
		s.log.ErrorContext(ctx, "unreadable password hash", "user_id", row.ID, "err", verr)
	}
	if !ok || !found {
		failed = true // the reservation stays as the failure
		s.log.InfoContext(ctx, "login failed", "ip", ip)
		return "", time.Time{}, User{}, errBadLogin
	}
	if row.Disabled() {
		return "", time.Time{}, User{}, errDisabled
	}
	if err := s.resetAccount(ctx, email); err != nil {
		// The login is good; a counter left behind only delays a later
		// lockout check, so it does not fail the request.
		s.log.WarnContext(ctx, "reset login failures", "err", err)
	}
	if used != s.params {
		s.rehash(ctx, row.ID, password)
	}

	token, sess, err := s.openSession(ctx, row.ID, ip, userAgent)
	if err != nil {
		return "", time.Time{}, User{}, err
	}
	return token, sess.ExpiresAt, row.User, nil
}

// rehash upgrades a hash made with old parameters while the plain password
// is at hand — the only moment it can be done. Failure is logged, not
// returned: the user did sign in, and the next login tries again.
func (s *Service) rehash(ctx context.Context, userID, password string) {
	hash, err := s.HashPassword(ctx, password)
	if err == nil {
		_, err = s.db.NewUpdate().Model((*userRow)(nil)).Set("password_hash = ?", hash).
			Where("id = ?", userID).Exec(ctx)
	}
	if err != nil {
		s.log.WarnContext(ctx, "rehash password", "user_id", userID, "err", err)
	}
}

func (s *Service) openSession(ctx context.Context, userID, ip, userAgent string) (string, Session, error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", Session{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	id, err := uuid.NewV7()
	if err != nil {
		return "", Session{}, err
	}
	now := s.clock()
	row := sessionRow{
		Session: Session{
			ID: id.String(), UserID: userID,
			CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(AbsoluteTimeout),
			UserAgent: truncate(userAgent, 512), IP: truncate(ip, 64),
		},
		TokenHash: hashToken(token),
	}
	if _, err := s.db.NewInsert().Model(&row).Exec(ctx); err != nil {
		return "", Session{}, err
	}
	return token, row.Session, nil
}

// Authenticate resolves a session token to its user. An unknown, expired or
// idle session, or a disabled account, is fault.Unauthorized.
func (s *Service) Authenticate(ctx context.Context, token string) (User, Session, error) {
	// Reject what cannot be a token before touching the database.
	if raw, err := base64.RawURLEncoding.DecodeString(token); err != nil || len(raw) != tokenBytes {
		return User{}, Session{}, errSessionEnded
	}
	hash := hashToken(token)
	now := s.clock()
	if e, ok := s.sessions.get(hash, now); ok && now.Before(e.row.ExpiresAt) &&
		now.Sub(e.row.LastSeenAt) < touchEvery {
		// Read less than SessionCacheTTL ago, and not yet due for a touch
		// (so not near its idle timeout either): the checks below passed
		// then and would pass now.
		return e.user, e.row.Session, nil
	}
	// Session and user in one round trip.
	// sessions.user_id references users ON DELETE CASCADE, so the join
	// loses no session.
	var (
		row sessionRow
		u   User
	)
	err := s.db.NewRaw(`SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip,
		u.id, u.email, u.name, u.opd, u.created_at, u.disabled_at
		FROM sessions AS s JOIN users AS u ON u.id = s.user_id
		WHERE s.token_hash = ? LIMIT 1`, hash).
		Scan(ctx, &row.ID, &row.UserID, &row.CreatedAt, &row.LastSeenAt, &row.ExpiresAt, &row.UserAgent, &row.IP,
			&u.ID, &u.Email, &u.Name, &u.OPD, &u.CreatedAt, &u.DisabledAt)
	if db.IsNoRows(err) {
		return User{}, Session{}, errSessionEnded
	}
	if err != nil {
		return User{}, Session{}, err
	}
	if !now.Before(row.ExpiresAt) || now.Sub(row.LastSeenAt) >= IdleTimeout {
		if err := s.deleteSession(ctx, row.ID); err != nil {
			return User{}, Session{}, err
		}
		return User{}, Session{}, errSessionEnded
	}
	if u.Disabled() {
		return User{}, Session{}, errSessionEnded
	}
	if now.Sub(row.LastSeenAt) >= touchEvery {
		_, err := s.db.NewUpdate().Model((*sessionRow)(nil)).Set("last_seen_at = ?", now).
			Where("id = ?", row.ID).Exec(ctx)
		if err != nil {
			return User{}, Session{}, err
		}
		row.LastSeenAt = now
	}
	s.sessions.put(hash, cachedSession{user: u, row: row, readAt: now})
	return u, row.Session, nil
}

// Logout ends the session of token. Ending an unknown session is not an
// error: the outcome the user wants already holds.
func (s *Service) Logout(ctx context.Context, token string) error {
	hash := hashToken(token)
	_, err := s.db.NewDelete().Model((*sessionRow)(nil)).Where("token_hash = ?", hash).Exec(ctx)
	// After the delete, so only a request that read the row before it can
	// leave it cached here, for SessionCacheTTL at most.
	s.sessions.forget(hash)
	return err
}

func (s *Service) deleteSession(ctx context.Context, id string) error {
	_, err := s.db.NewDelete().Model((*sessionRow)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// PurgeSessions deletes sessions past their absolute or idle expiry, for a
// periodic job; Authenticate already refuses them, this only frees rows.
func (s *Service) PurgeSessions(ctx context.Context) (int64, error) {
	now := s.clock()
	res, err := s.db.NewDelete().Model((*sessionRow)(nil)).
		Where("expires_at <= ? OR last_seen_at <= ?", now, now.Add(-IdleTimeout)).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary so the column never holds broken UTF-8
	// (PostgreSQL would refuse it).
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
