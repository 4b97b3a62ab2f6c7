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

// checkLimits returns a *RateLimitError when either key is at its limit.
// A Redis failure is returned as an error: we fail closed, because an
// outage must not become a window for unlimited guessing.
func (s *Service) checkLimits(ctx context.Context, email, ip string) error {
	now := s.clock()
	from := "(" + strconv.FormatInt(now.Add(-s.limits.Window).UnixMilli(), 10)
	keys := []struct {
		key   string
		limit int
	}{{accountKey(email), s.limits.PerAccount}, {ipKey(ip), s.limits.PerIP}}
	cmds := make([]*redis.ZSliceCmd, len(keys))
	_, err := s.redis.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = p.ZRangeByScoreWithScores(ctx, k.key, &redis.ZRangeBy{Min: from, Max: "+inf"})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("auth: read login limits: %w", err)
	}
	var wait time.Duration
	for i, k := range keys {
		fails := cmds[i].Val() // ascending by time
		if n := len(fails); n >= k.limit {
			// The block lifts when enough failures age out to leave
			// limit-1 in the window: the (n-limit+1)th oldest is the last
			// that must go.
			oldest := time.UnixMilli(int64(fails[n-k.limit].Score))
			wait = max(wait, oldest.Add(s.limits.Window).Sub(now))
		}
	}
	if wait > 0 {
		return &RateLimitError{RetryAfter: wait}
	}
	return nil
}

// recordFailure adds a failure to both keys and drops the expired ones.
func (s *Service) recordFailure(ctx context.Context, email, ip string) error {
	now := s.clock()
	nonce := make([]byte, 6)
	_, _ = rand.Read(nonce)
	member := strconv.FormatInt(now.UnixNano(), 36) + "-" + hex.EncodeToString(nonce)
	cutoff := strconv.FormatInt(now.Add(-s.limits.Window).UnixMilli(), 10)
	_, err := s.redis.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, key := range []string{accountKey(email), ipKey(ip)} {
			p.ZAdd(ctx, key, redis.Z{Score: float64(now.UnixMilli()), Member: member})
			p.ZRemRangeByScore(ctx, key, "-inf", cutoff)
			// Housekeeping only: the window itself is judged by score.
			p.PExpire(ctx, key, s.limits.Window)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("auth: record login failure: %w", err)
	}
	return nil
}

// resetAccount forgets an account's failures after a successful login. The
// IP's failures stay: one valid login must not whitewash a spraying address.
func (s *Service) resetAccount(ctx context.Context, email string) error {
	return s.redis.Del(ctx, accountKey(email)).Err()
}
