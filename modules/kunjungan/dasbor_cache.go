package kunjungan

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The providers' answers for a wilayah are kept for a minute: a
// kabupaten's keuangan and sampah figures take tens of milliseconds each
// to compute over 133 desa, and the dashboards are opened by many at the
// start of a working day. A provider's answer depends only on the
// wilayah, the period and the codes asked (the user's permissions chose
// the codes), so one answer serves every user who asks the same; callers
// asking at once share one computation.

// IndikatorTTL is how long a provider's answer is reused.
const IndikatorTTL = time.Minute

// indikatorParalel bounds the providers one dashboard asks at a time.
const indikatorParalel = 3

type indikatorCache struct {
	mu    sync.Mutex
	items map[string]indikatorItem
	sf    singleflight.Group
}

type indikatorItem struct {
	at   time.Time
	vals []indicator.Value
}

// ambil is the answer of provider i for (kode, period, codes), from the
// cache while it is fresh, else from load.
func (c *indikatorCache) ambil(ctx context.Context, i int, kode tenancy.Kode, period indicator.Period, codes []string,
	now func() time.Time, load func(ctx context.Context) ([]indicator.Value, error)) ([]indicator.Value, error) {
	key := strconv.Itoa(i) + "|" + string(kode) + "|" + string(period.From) + "|" + string(period.To) + "|" + strings.Join(codes, ",")
	t := now()
	c.mu.Lock()
	it, ok := c.items[key]
	c.mu.Unlock()
	if ok && t.Sub(it.at) < IndikatorTTL && !t.Before(it.at) {
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
			c.items = map[string]indikatorItem{}
		}
		for k, x := range c.items {
			if t.Sub(x.at) >= IndikatorTTL {
				delete(c.items, k)
			}
		}
		c.items[key] = indikatorItem{at: t, vals: vals}
		return vals, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]indicator.Value), nil
}
