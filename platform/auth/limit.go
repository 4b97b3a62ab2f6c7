package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/fault"
)

// Limits bound failed logins in a sliding window. Per account they stop
// guessing one person's password; per IP they stop one machine spraying a
// common password across many accounts (which never trips the first).
type Limits struct {
	Window     time.Duration
	PerAccount int
	PerIP      int
}

// DefaultLimits: 5 failures per account and 20 per IP in 15 minutes. An
// office sharing one NAT address (a kantor desa) can still absorb a few
// people mistyping; a bot gets 80 guesses an hour per address at most.
var DefaultLimits = Limits{Window: 15 * time.Minute, PerAccount: 5, PerIP: 20}

// RateLimitError says too many logins failed; try again after RetryAfter.
// It unwraps to a fault.TooMany, so the edge answers 429; the edge should
// also send RetryAfter as the Retry-After header.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too_many: login attempts exceeded, retry after %s", e.RetryAfter)
}

// Unwrap exposes the coded error the edge maps.
func (e *RateLimitError) Unwrap() error {
	return &fault.Error{Code: fault.TooMany, Message: e.Message()}
}

// Message is the user-facing text, in whole minutes rounded up.
func (e *RateLimitError) Message() string {
	mins := int((e.RetryAfter + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("terlalu banyak percobaan masuk yang gagal; coba lagi dalam %d menit", max(mins, 1))
}

// RetryAfterSeconds is the Retry-After header value (at least 1).
func (e *RateLimitError) RetryAfterSeconds() int {
	return max(int((e.RetryAfter+time.Second-1)/time.Second), 1)
}

// UnavailableError says the login limits cannot be consulted (Redis is
// unreachable), so no password is checked. It unwraps to a fault.Unavailable
// (503); RetryAfterSeconds is the Retry-After header. The rest of the API
// keeps working: sessions and grants do not need Redis.
type UnavailableError struct {
	Err error // the cause, logged, never shown
}

func (e *UnavailableError) Error() string { return "unavailable: login limits: " + e.Err.Error() }

// Unwrap exposes the coded error the edge maps, and the cause behind it.
func (e *UnavailableError) Unwrap() error {
	return &fault.Error{Code: fault.Unavailable, Err: e.Err,
		Message: "layanan masuk sedang tidak tersedia; coba lagi dalam beberapa saat"}
}

// unavailableRetry is how long a client should wait: long enough for a
// Redis failover, short enough that users do not give up.
const unavailableRetry = 30

// RetryAfterSeconds is the Retry-After header value.
func (e *UnavailableError) RetryAfterSeconds() int { return unavailableRetry }

// Each key is a sorted set of failure times (score: Unix milliseconds from
// the service clock). Scoring by our clock rather than Redis TTLs keeps the
// window exact (no burst of 2N across a fixed-window boundary) and lets
// tests move time without touching Redis. The account key hashes the email so
// Redis holds no addresses.
func accountKey(email string) string {
	sum := sha256.Sum256([]byte(email))
	return "ngantor:auth:fail:acct:" + hex.EncodeToString(sum[:16])
}

// ipKey groups IPv6 clients by /64: one subscriber gets a whole /64 and
// could otherwise rotate addresses to dodge the limit.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return "ngantor:auth:fail:ip:" + ip
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "ngantor:auth:fail:ip:" + p.String()
	}
	return "ngantor:auth:fail:ip:" + a.String()
}

// reserveScript checks both keys and, when neither is at its limit, adds
// one entry (ARGV[5]) to both — in one step, so no two logins can both see
// the last free slot. A burst of parallel guesses thus reaches the password
// check at most limit times: each one holds its slot while it hashes, and a
// wrong password keeps it as the failure it turned out to be.
//
// KEYS: account key, IP key. ARGV: now (ms), window start (ms, exclusive),
// account limit, IP limit, member, window (ms). Returns {1, 0} when
// reserved, or {0, wait ms} when blocked. Entries outside the window are
// dropped first; the window is judged by score, the PEXPIRE is housekeeping.
var reserveScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local from = tonumber(ARGV[2])
local window = tonumber(ARGV[6])
local limits = {tonumber(ARGV[3]), tonumber(ARGV[4])}
local wait = 0
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', from)
  local n = redis.call('ZCARD', KEYS[i])
  if n >= limits[i] then
    -- The block lifts when enough entries age out to leave limit-1 in the
    -- window: the (n-limit+1)th oldest is the last that must go.
    local e = redis.call('ZRANGE', KEYS[i], n - limits[i], n - limits[i], 'WITHSCORES')
    local w = tonumber(e[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then
  return {0, wait}
end
for i = 1, 2 do
  redis.call('ZADD', KEYS[i], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[i], window)
end
return {1, 0}
`)

// attempt is a reserved login attempt: an entry in both sorted sets that
// counts as a failure unless released.
type attempt struct {
	email, ip, member string
}

// reserve claims an attempt for email from ip, or returns a
// *RateLimitError when either is at its limit. When Redis cannot be asked
// it returns an *UnavailableError: we fail closed, because an outage must
// not become a window for unlimited guessing.
func (s *Service) reserve(ctx context.Context, email, ip string) (attempt, error) {
	now := s.clock()
	nonce := make([]byte, 6)
	_, _ = rand.Read(nonce)
	a := attempt{email: email, ip: ip, member: strconv.FormatInt(now.UnixNano(), 36) + "-" + hex.EncodeToString(nonce)}
	res, err := reserveScript.Run(ctx, s.redis, []string{accountKey(email), ipKey(ip)},
		now.UnixMilli(), now.Add(-s.limits.Window).UnixMilli(), s.limits.PerAccount, s.limits.PerIP,
		a.member, s.limits.Window.Milliseconds()).Int64Slice()
	if err != nil || len(res) != 2 {
		if err == nil {
			err = fmt.Errorf("unexpected reply %v", res)
		}
		return a, &UnavailableError{Err: fmt.Errorf("auth: reserve login attempt: %w", err)}
	}
	if res[0] != 1 {
		return a, &RateLimitError{RetryAfter: time.Duration(res[1]) * time.Millisecond}
	}
	return a, nil
}

// release gives a reserved attempt back: the login did not fail (it
// succeeded, or never reached the password check). A release that does not
// reach Redis leaves one extra failure in the window, which is logged and
// errs on the safe side.
func (s *Service) release(ctx context.Context, a attempt) {
	_, err := s.redis.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.ZRem(ctx, accountKey(a.email), a.member)
		p.ZRem(ctx, ipKey(a.ip), a.member)
		return nil
	})
	if err != nil {
		s.log.WarnContext(ctx, "release login attempt", "err", err)
	}
}

// resetAccount forgets an account's failures after a successful login. The
// IP's failures stay: one valid login must not whitewash a spraying address.
func (s *Service) resetAccount(ctx context.Context, email string) error {
	return s.redis.Del(ctx, accountKey(email)).Err()
}
