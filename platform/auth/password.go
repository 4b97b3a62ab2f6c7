package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/ngantor/ngantor/platform/fault"
)

// Params are the argon2id cost parameters of a password hash.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultParams is OWASP's first argon2id configuration (Password Storage
// Cheat Sheet): m=19 MiB, t=2, p=1. OWASP rates it equal in strength to
// m=46 MiB, t=1; we take the smaller memory because memory, not CPU, is what
// a burst of logins exhausts on a pod with a memory limit (every concurrent
// hash holds m for its whole run), and the work is the same.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32

	// MinPasswordLen is the shortest password accepted, in characters.
	MinPasswordLen = 10
	// maxPasswordBytes bounds the input hashed, so a megabyte "password"
	// cannot be used to burn CPU. 1 KiB is far beyond any passphrase.
	maxPasswordBytes = 1024

	// Bounds on parameters read back from a stored hash: a corrupted or
	// tampered row must not make us allocate gigabytes.
	maxMemoryKiB = 1024 * 1024
	maxTime      = 16
)

var b64 = base64.RawStdEncoding

// checkPassword enforces the password rules at the boundary.
func checkPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return fault.Field("body.password", "kata sandi minimal %d karakter", MinPasswordLen)
	}
	if len(pw) > maxPasswordBytes {
		return fault.Field("body.password", "kata sandi terlalu panjang (maksimal %d byte)", maxPasswordBytes)
	}
	return nil
}

// encodeHash derives the key and formats it as a PHC string, the format
// other argon2 implementations (libsodium, passlib) read, so a future
// migration away from Go does not strand the hashes.
func encodeHash(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	return formatPHC(p, salt, key), nil
}

func formatPHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

var errBadHash = errors.New("auth: stored password hash is not a valid argon2id PHC string")

// parsePHC reads a hash made by encodeHash.
func parsePHC(s string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(s, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errBadHash
	}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return p, nil, nil, errBadHash
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return p, nil, nil, errBadHash
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			if n > 255 {
				return p, nil, nil, errBadHash
			}
			p.Threads = uint8(n)
		default:
			return p, nil, nil, errBadHash
		}
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemoryKiB || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return p, nil, nil, errBadHash
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 {
		return p, nil, nil, errBadHash
	}
	return p, salt, key, nil
}

// verifyHash reports whether password matches the PHC hash, and the
// parameters the hash was made with (so the caller can decide to rehash).
func verifyHash(password, phc string) (ok bool, p Params, err error) {
	p, salt, key, err := parsePHC(phc)
	if err != nil {
		return false, p, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, p, nil
}

// dummyHash is a well-formed hash with the current parameters that no
// password matches (its key is random). Verifying against it costs exactly
// one real hash, so "no such user" takes as long as "wrong password" and the
// response time does not reveal which emails have accounts.
func dummyHash(p Params) string {
	salt := make([]byte, saltLen)
	key := make([]byte, keyLen)
	_, _ = rand.Read(salt)
	_, _ = rand.Read(key)
	return formatPHC(p, salt, key)
}

// hashGate caps concurrent argon2 runs. Each run holds Params.Memory for its
// whole duration; without a cap, a burst of logins (or a password-spraying
// bot) multiplies that until the pod is OOM-killed and every user loses
// their request. Past the cap, callers queue briefly; past the queue or the
// wait, they get fault.TooMany, which the edge answers with 429.
type hashGate struct {
	slots   chan struct{}
	waiting atomic.Int32
	queue   int32         // callers allowed to wait for a slot
	maxWait time.Duration // how long one of them waits
}

func newHashGate(slots, queue int, maxWait time.Duration) *hashGate {
	if queue < 0 {
		queue = 0
	}
	return &hashGate{slots: make(chan struct{}, slots), queue: int32(queue), maxWait: maxWait}
}

var errBusy = &fault.Error{Code: fault.TooMany, Message: "server sedang sibuk, coba lagi sebentar"}

// do runs fn while holding a slot.
func (g *hashGate) do(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		if g.waiting.Add(1) > g.queue {
			g.waiting.Add(-1)
			return errBusy
		}
		timer := time.NewTimer(g.maxWait)
		select {
		case g.slots <- struct{}{}:
			timer.Stop()
			g.waiting.Add(-1)
		case <-timer.C:
			g.waiting.Add(-1)
			return errBusy
		case <-ctx.Done():
			timer.Stop()
			g.waiting.Add(-1)
			return &fault.Error{Code: fault.TooMany, Message: errBusy.Message, Err: ctx.Err()}
		}
	}
	defer func() { <-g.slots }()
	fn()
	return nil
}

// HashPassword hashes pw with the service's parameters under the
// concurrency cap. It does not check the password rules (CreateUser and
// SetPassword do); it exists for seeding and benchmarks.
func (s *Service) HashPassword(ctx context.Context, pw string) (string, error) {
	var (
		phc string
		err error
	)
	if gerr := s.hashes.do(ctx, func() { phc, err = encodeHash(pw, s.params) }); gerr != nil {
		return "", gerr
	}
	return phc, err
}
