package auth

import (
	"sync"
	"time"
)

// SessionCacheTTL is how long Authenticate trusts a session it read from the
// database without reading it again. Every request needs its session, and
// reading it was one PostgreSQL round trip of the few a request makes; a
// second of trust spares nearly all of them under load. It is also the
// longest a session ended on another replica (logout, password change,
// purge) or a disabled account keeps working there; on the replica that
// ended it, it stops at once.
const SessionCacheTTL = time.Second

// sessionCacheMax bounds the memory: past it, the cache starts over.
const sessionCacheMax = 10_000

type cachedSession struct {
	user   User
	row    sessionRow
	readAt time.Time
}

// sessionCache maps a token's hash to what the database said about it,
// and when.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]cachedSession
}

func (c *sessionCache) get(hash string, now time.Time) (cachedSession, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok {
		return cachedSession{}, false
	}
	if age := now.Sub(e.readAt); age < 0 || age >= SessionCacheTTL {
		delete(c.m, hash)
		return cachedSession{}, false
	}
	return e, true
}

func (c *sessionCache) put(hash string, e cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= sessionCacheMax {
		c.m = make(map[string]cachedSession)
	}
	c.m[hash] = e
}

func (c *sessionCache) forget(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, hash)
}

// forgetAll drops every entry: for changes that end sessions by user, which
// the cache is not indexed by.
func (c *sessionCache) forgetAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}
