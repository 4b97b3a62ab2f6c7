package indicator

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// CacheTTL is how long a Cache reuses a provider's answer.
//
// A kabupaten's keuangan, sampah and program figures take tens of
// milliseconds each to compute over 133 desa, and the pages that show them
// for a whole wilayah (the desa table, the visit dashboards) are opened by
// many at the start of a working day. A provider's answer depends only on
// the wilayah, the period and the codes asked (the user's permissions chose
// the codes), so one answer serves every user who asks the same; callers
// asking at once share one computation. Pages that show a kabupaten's
// figures say they may be a minute old; a desa's own pages never read
// through a Cache.
const CacheTTL = time.Minute

// Cache keeps providers' answers for CacheTTL. The zero value is ready;
// Now defaults to time.Now.
type Cache struct {
	Now func() time.Time

	mu    sync.Mutex
	items map[string]cached
	sf    singleflight.Group
}

type cached struct {
	at   time.Time
	vals []Value
}

// Get returns the answer of the provider numbered n (any number that tells
// the caller's providers apart) for (wilayah, period, codes): from the cache
// while fresh, else from load. The slice returned is shared: read only.
func (c *Cache) Get(ctx context.Context, n int, wilayah tenancy.Kode, period Period, codes []string,
	load func(ctx context.Context) ([]Value, error)) ([]Value, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return c.GetAt(ctx, now(), n, wilayah, period, codes, load)
}

// GetAt is Get at time t (a caller with a clock of its own).
func (c *Cache) GetAt(ctx context.Context, t time.Time, n int, wilayah tenancy.Kode, period Period, codes []string,
	load func(ctx context.Context) ([]Value, error)) ([]Value, error) {
	key := strconv.Itoa(n) + "|" + string(wilayah) + "|" + string(period.From) + "|" + string(period.To) + "|" + strings.Join(codes, ",")
	if codes == nil {
		key += "|*"
	}
	c.mu.Lock()
	it, ok := c.items[key]
	c.mu.Unlock()
	if ok && t.Sub(it.at) < CacheTTL && !t.Before(it.at) {
		return it.vals, nil
	}
	v, err, _ := c.sf.Do(key, func() (any, error) {
		// A request that gives up does not fail the others waiting on it.
		vals, err := load(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.items == nil {
			c.items = map[string]cached{}
		}
		for k, x := range c.items {
			if t.Sub(x.at) >= CacheTTL {
				delete(c.items, k)
			}
		}
		c.items[key] = cached{at: t, vals: vals}
		return vals, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]Value), nil
}

// Cached returns providers that answer through c, each numbered by its
// place in ps. Definitions are the providers' own.
func Cached(c *Cache, ps []Provider) []Provider {
	out := make([]Provider, len(ps))
	for i, p := range ps {
		out[i] = cachedProvider{p: p, n: i, c: c}
	}
	return out
}

type cachedProvider struct {
	p Provider
	n int
	c *Cache
}

func (cp cachedProvider) Definitions() []Definition { return cp.p.Definitions() }

func (cp cachedProvider) Indicators(ctx context.Context, wilayah tenancy.Kode, period Period, codes []string) ([]Value, error) {
	return cp.c.Get(ctx, cp.n, wilayah, period, codes, func(ctx context.Context) ([]Value, error) {
		return cp.p.Indicators(ctx, wilayah, period, codes)
	})
}
