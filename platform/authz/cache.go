package authz

import (
	"hash/maphash"
	"sync"
	"time"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// decisionCache remembers decisions per user for a while. Casbin's own
// cached enforcers were not used: they invalidate a decision by the key of
// the policy line that changed, which never matches a decision when the
// line is a grant ("g"), and a decision computed just before a revoke could
// be stored just after the cache was cleared. Here a grant change drops
// exactly that user's decisions, and every shard carries an epoch: a
// decision is stored only if no invalidation happened while it was being
// computed, so a revoke can never be undone by a check in flight.
type decisionCache struct {
	ttl         time.Duration
	now         func() time.Time // a test swaps in a fake clock
	maxPerShard int
	seed        maphash.Seed
	shards      [cacheShards]cacheShard
}

// cacheShards spreads users over locks so concurrent requests rarely meet.
const cacheShards = 64

// maxCachedDecisions bounds memory; a full shard is dropped whole, which
// costs a few recomputations and needs no bookkeeping on the hot path.
const maxCachedDecisions = 1 << 20

type cacheShard struct {
	mu    sync.RWMutex
	epoch uint64
	n     int
	users map[string]map[decisionKey]decision
}

type decisionKey struct {
	target tenancy.Kode
	obj    string
	act    string
}

type decision struct {
	allowed bool
	expires int64 // unix nanoseconds
}

// newDecisionCache returns nil (no caching) when ttl is negative.
func newDecisionCache(ttl time.Duration) *decisionCache {
	if ttl < 0 {
		return nil
	}
	c := &decisionCache{ttl: ttl, now: time.Now, maxPerShard: maxCachedDecisions / cacheShards, seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].users = map[string]map[decisionKey]decision{}
	}
	return c
}

func (c *decisionCache) shard(user string) *cacheShard {
	return &c.shards[maphash.String(c.seed, user)%cacheShards]
}

// lookup returns a live decision, or the epoch to hand to put after
// computing one.
func (c *decisionCache) lookup(user string, k decisionKey) (allowed, hit bool, epoch uint64) {
	if c == nil {
		return false, false, 0
	}
	s := c.shard(user)
	s.mu.RLock()
	d, ok := s.users[user][k]
	epoch = s.epoch
	s.mu.RUnlock()
	if ok && c.now().UnixNano() < d.expires {
		return d.allowed, true, epoch
	}
	return false, false, epoch
}

// put stores a decision computed since lookup returned epoch, unless the
// shard was invalidated meanwhile.
func (c *decisionCache) put(user string, epoch uint64, k decisionKey, allowed bool) {
	if c == nil {
		return
	}
	expires := c.now().Add(c.ttl).UnixNano()
	s := c.shard(user)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.epoch != epoch {
		return
	}
	if s.n >= c.maxPerShard {
		s.users = map[string]map[decisionKey]decision{}
		s.n = 0
	}
	m := s.users[user]
	if m == nil {
		m = map[decisionKey]decision{}
		s.users[user] = m
	}
	if _, ok := m[k]; !ok {
		s.n++
	}
	m[k] = decision{allowed: allowed, expires: expires}
}

// invalidateUser drops user's decisions and any being computed for them.
func (c *decisionCache) invalidateUser(user string) {
	if c == nil {
		return
	}
	s := c.shard(user)
	s.mu.Lock()
	s.epoch++
	s.n -= len(s.users[user])
	delete(s.users, user)
	s.mu.Unlock()
}

// invalidateAll drops every decision, for a full policy reload.
func (c *decisionCache) invalidateAll() {
	if c == nil {
		return
	}
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		s.epoch++
		s.n = 0
		s.users = map[string]map[decisionKey]decision{}
		s.mu.Unlock()
	}
}
