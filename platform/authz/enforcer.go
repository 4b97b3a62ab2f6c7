// Package authz decides whether a user may do something at a wilayah, with
// Casbin v2.
//
// A user holds roles at wilayah codes (grants: "g, user, role, code"); a role
// means the same permissions wherever it is granted (its template: "p, role,
// obj, act", declared in each module's policy.go and collected by cmd). A
// grant at a kecamatan or kabupaten reaches every desa inside it, because a
// check names the target's own code and its ancestors and the matcher tries
// each with plain equality (see model.go).
//
// Grants live in the casbin_rule table (Adapter); templates stay in code.
// Each replica keeps all grants in memory, caches decisions per user for
// Deps.CacheTTL, and on every grant change drops that user's cached
// decisions and tells the other replicas over Redis (Watcher), which reread
// that user's grants from the table.
//
// Pub/sub can lose a message, and Redis can be down. As a safety net every
// change also bumps a version row in its transaction (authz_version), and
// each replica polls it every Deps.PollInterval and reloads every grant when
// it moved without this replica applying the change: a revoke reaches every
// replica within that interval whatever happens to Redis. That is also how
// a running server learns of a change the CLI made without Redis (dev).
//
// SessionSelf (operations marked Authenticated) is held by every signed-in
// user: Allowed answers true for it without looking at grants or the target.
package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casbin/casbin/v2"
	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DefaultPollInterval is how often a replica checks the grants version. A
// revoke missed over Redis is in force everywhere within this much (plus one
// reload), well under the minute the hardening issue allows.
const DefaultPollInterval = 20 * time.Second

// DefaultCacheTTL bounds how long a decision is reused. Grant changes drop
// decisions at once, so it only limits how long a replica that missed a
// change (and a resubscription) keeps answering from old decisions.
const DefaultCacheTTL = time.Minute

// Deps are New's dependencies.
type Deps struct {
	DB        *db.DB
	Redis     redis.UniversalClient // nil: no watcher (one replica, tests, CLI)
	Templates map[Role][]Permission // from each module's policy.go
	Logger    *slog.Logger
	CacheTTL  time.Duration // 0: DefaultCacheTTL; negative: no decision cache
	Channel   string        // pub/sub channel; "": DefaultChannel
	// PollInterval is how often the grants version is checked (0:
	// DefaultPollInterval; negative: never, for one-shot CLI use).
	PollInterval time.Duration
	// Ticks, when set, replaces the poll ticker (tests drive it by hand;
	// a check has finished when the next tick is received).
	Ticks <-chan time.Time
}

// Enforcer answers permission checks and manages grants.
type Enforcer struct {
	log     *slog.Logger
	adapter *Adapter
	casbin  *casbin.SyncedEnforcer
	cache   *decisionCache
	watcher *Watcher

	// syncMu serialises "read a user's grants from the table, apply them
	// in memory", so the last read is always the last applied.
	syncMu sync.Mutex
	// applied is the grants version this replica's memory is known to
	// reflect entirely (guarded by syncMu).
	applied int64

	misses atomic.Uint64

	ready     chan struct{} // closed once the initial load is in memory
	closing   chan struct{}
	polling   sync.WaitGroup
	closeOnce sync.Once
}

// New loads every grant and, with Redis, starts listening for changes made
// by other replicas. Close it when done; it does not close DB or Redis.
func New(ctx context.Context, d Deps) (*Enforcer, error) {
	if d.DB == nil {
		return nil, errors.New("authz: Deps.DB is nil")
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.CacheTTL == 0 {
		d.CacheTTL = DefaultCacheTTL
	}
	adapter, err := NewAdapter(d.DB, d.Templates, d.Logger)
	if err != nil {
		return nil, err
	}
	m, err := adapter.policy.newModel()
	if err != nil {
		return nil, fmt.Errorf("authz: model: %w", err)
	}
	// Built without the adapter so it loads nothing yet; grants are
	// written by Grant and Revoke, never by casbin's auto-save.
	ce, err := casbin.NewSyncedEnforcer(m)
	if err != nil {
		return nil, fmt.Errorf("authz: enforcer: %w", err)
	}
	ce.SetAdapter(adapter)
	ce.EnableAutoSave(false)
	ce.SetRoleManager(newGrantIndex())

	e := &Enforcer{
		log: d.Logger, adapter: adapter, casbin: ce, cache: newDecisionCache(d.CacheTTL),
		ready: make(chan struct{}), closing: make(chan struct{}),
	}
	// Subscribe before loading: a change committed while the table is read
	// then arrives as a message, held until the load is in memory.
	if d.Redis != nil {
		if e.watcher, err = NewWatcher(ctx, d.Redis, d.Channel, d.Logger); err != nil {
			return nil, err
		}
		_ = e.watcher.SetUpdateCallback(e.onWatch)
	}
	start := time.Now()
	if err := e.reload(ctx); err != nil {
		e.Close()
		return nil, fmt.Errorf("authz: load grants: %w", err)
	}
	close(e.ready)
	e.log.InfoContext(ctx, "authz: grants loaded", "took", time.Since(start))

	if d.PollInterval == 0 {
		d.PollInterval = DefaultPollInterval
	}
	if ticks := d.Ticks; ticks != nil || d.PollInterval > 0 {
		stop := func() {}
		if ticks == nil {
			t := time.NewTicker(d.PollInterval)
			ticks, stop = t.C, t.Stop
		}
		e.polling.Add(1)
		go e.poll(ticks, stop)
	}
	return e, nil
}

// Close stops listening for other replicas' changes and stops polling.
func (e *Enforcer) Close() error {
	e.closeOnce.Do(func() {
		close(e.closing)
		if e.watcher != nil {
			e.watcher.Close()
		}
		e.polling.Wait()
	})
	return nil
}

// poll runs Refresh on every tick until Close.
func (e *Enforcer) poll(ticks <-chan time.Time, stop func()) {
	defer e.polling.Done()
	defer stop()
	for {
		select {
		case <-e.closing:
			return
		case <-ticks:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			if err := e.Refresh(ctx); err != nil {
				// Retried on the next tick; meanwhile this replica may hold
				// grants revoked elsewhere.
				e.log.Error("authz: check grants version", "err", err)
			}
			cancel()
		}
	}
}

// Refresh reloads every grant if any changed since this replica last
// caught up (a message it missed, a change made without Redis). It costs
// one single-row read when nothing changed.
func (e *Enforcer) Refresh(ctx context.Context) error {
	v, err := e.adapter.version(ctx)
	if err != nil {
		return err
	}
	e.syncMu.Lock()
	current := v == e.applied
	e.syncMu.Unlock()
	if current {
		return nil
	}
	e.log.InfoContext(ctx, "authz: grants changed without a message reaching this replica, reloading", "version", v)
	return e.reload(ctx)
}

// Allowed reports whether userID holds p at target. target may be a desa,
// kecamatan or kabupaten; a malformed one is a fault.Invalid error. An empty
// userID (anonymous) holds nothing.
func (e *Enforcer) Allowed(ctx context.Context, userID string, target tenancy.Kode, p Permission) (bool, error) {
	if userID == "" {
		return false, nil
	}
	if p == SessionSelf {
		return true, nil
	}
	k := decisionKey{target: target, obj: p.Object, act: p.Action}
	allowed, hit, epoch := e.cache.lookup(userID, k)
	if hit {
		return allowed, nil
	}
	allowed, err := e.decide(userID, target, p)
	if err != nil {
		return false, err
	}
	e.cache.put(userID, epoch, k, allowed)
	return allowed, nil
}

// memoResetEvery bounds casbin's memo of role lookups. Casbin keeps the
// compiled matcher, and with it a memo of every (user, role, wilayah) it
// looked up, until the grants change; on a quiet day that memo would grow
// with every user seen. Dropping it now and then costs one recompilation.
const memoResetEvery = 1 << 18

// decide asks casbin, bypassing the decision cache.
func (e *Enforcer) decide(userID string, target tenancy.Kode, p Permission) (bool, error) {
	if Role(userID).Valid() {
		// Casbin's role manager says any name holds itself: a "user" named
		// like a role would hold that role everywhere.
		return false, nil
	}
	if _, err := tenancy.ParseKode(string(target)); err != nil {
		return false, err
	}
	if target.Level() < tenancy.Kabupaten {
		return false, nil // no role is granted above a kabupaten
	}
	r, ok := e.adapter.policy.request(userID, target, p)
	if !ok {
		return false, nil // no role carries p
	}
	if e.misses.Add(1)%memoResetEvery == 0 {
		e.casbin.SetRoleManager(e.casbin.GetRoleManager())
	}
	ok, err := e.casbin.Enforce(r[:]...)
	if err != nil {
		return false, fmt.Errorf("authz: enforce: %w", err)
	}
	return ok, nil
}

// Grant gives g.UserID g.Role at g.Wilayah. Granting what is already held
// succeeds. An unknown role, a malformed code or a role at the wrong tier
// (a perbekel at a kecamatan) is fault.Invalid.
func (e *Enforcer) Grant(ctx context.Context, g Grant) error {
	g, err := g.validate()
	if err != nil {
		return err
	}
	v, err := e.adapter.addRules(ctx, "g", "g", [][]string{g.rule()}, g.Source)
	if err != nil {
		return err
	}
	return e.changed(ctx, g.UserID, v)
}

// Revoke takes a grant back; it is fault.NotFound when the user does not
// hold it. The check is exact: revoking perbekel at one desa leaves the same
// user's grants elsewhere alone, and revoking one source (g.Source, by hand
// when empty) leaves the same role held through another.
func (e *Enforcer) Revoke(ctx context.Context, g Grant) error {
	g.UserID = strings.TrimSpace(g.UserID)
	if g.UserID == "" {
		return fault.Field("user_id", "pengguna wajib diisi")
	}
	if !g.Role.Valid() {
		return fault.Field("role", "peran %q tidak dikenal", g.Role)
	}
	k, err := tenancy.ParseKode(strings.TrimSpace(string(g.Wilayah)))
	if err != nil {
		return fault.Field("wilayah", "kode wilayah %q tidak sah", g.Wilayah)
	}
	g.Wilayah = k
	if g.Source, err = normSource(g.Source); err != nil {
		return err
	}
	n, v, err := e.adapter.removeRules(ctx, "g", "g", [][]string{g.rule()}, g.Source)
	if err != nil {
		return err
	}
	if n == 0 {
		// Nothing stored, but this replica may still hold it in memory if
		// it missed a message: bring the user back in line with the table.
		if err := e.syncUser(ctx, g.UserID, 0); err != nil {
			return err
		}
		return fault.New(fault.NotFound, "pengguna %s tidak memegang peran %s di %s (asal: %s)", g.UserID, g.Role, g.Wilayah, g.Source)
	}
	return e.changed(ctx, g.UserID, v)
}

// Grants lists what userID holds, read from the table (not this replica's
// memory), by wilayah, role, then source: a role held through two sources
// is listed twice.
func (e *Enforcer) Grants(ctx context.Context, userID string) ([]Grant, error) {
	return e.adapter.userGrants(ctx, strings.TrimSpace(userID))
}

// UsersAt lists the ids of the users holding a role at exactly wilayah
// (not above it): a desa's own staff, for a page that picks one of them.
func (e *Enforcer) UsersAt(ctx context.Context, wilayah tenancy.Kode) ([]string, error) {
	return e.adapter.usersAt(ctx, string(wilayah))
}

// changed applies a stored change (which made grants version v) here and
// announces it. A failed announcement is logged, not returned: the grant is
// stored and applied here, and the other replicas find it when they next
// poll the version.
func (e *Enforcer) changed(ctx context.Context, userID string, v int64) error {
	if err := e.syncUser(ctx, userID, v); err != nil {
		return err
	}
	if e.watcher != nil {
		if err := e.watcher.updateUser(ctx, userID, v); err != nil {
			e.log.ErrorContext(ctx, "authz: other replicas not told of a grant change", "user", userID, "err", err)
		}
	}
	return nil
}

// syncUser makes this replica's grants of userID equal the table's and drops
// the user's cached decisions. v is the grants version of the change that
// prompted it (0: unknown): when it is the very next one after what this
// replica has applied, nothing else can be missing and the version poll
// need not reload everything.
func (e *Enforcer) syncUser(ctx context.Context, userID string, v int64) error {
	e.syncMu.Lock()
	defer e.syncMu.Unlock()
	stored, err := e.adapter.userRules(ctx, userID)
	if err != nil {
		return err
	}
	held, err := e.casbin.GetFilteredNamedGroupingPolicy("g", 0, userID)
	if err != nil {
		return err
	}
	var add, del [][]string
	for _, r := range stored {
		if !containsRule(held, r) {
			add = append(add, r)
		}
	}
	for _, r := range held {
		if !containsRule(stored, r) {
			del = append(del, slices.Clone(r))
		}
	}
	if len(del) > 0 {
		if _, err := e.casbin.RemoveNamedGroupingPolicies("g", del); err != nil {
			return fmt.Errorf("authz: apply revoke: %w", err)
		}
	}
	if len(add) > 0 {
		if _, err := e.casbin.AddNamedGroupingPolicies("g", add); err != nil {
			return fmt.Errorf("authz: apply grant: %w", err)
		}
	}
	e.cache.invalidateUser(userID)
	if v == e.applied+1 {
		e.applied = v
	}
	return nil
}

func containsRule(rules [][]string, r []string) bool {
	for _, x := range rules {
		if slices.Equal(x, r) {
			return true
		}
	}
	return false
}

// reload rereads every grant, after a replica may have missed messages.
// The version is read first: a change committed during the load is either
// in it or moves the version past what is recorded, so the next poll
// reloads again rather than missing it.
func (e *Enforcer) reload(ctx context.Context) error {
	e.syncMu.Lock()
	defer e.syncMu.Unlock()
	v, err := e.adapter.version(ctx)
	if err != nil {
		return err
	}
	if err := e.casbin.LoadPolicy(); err != nil {
		return err
	}
	e.cache.invalidateAll()
	e.applied = v
	return nil
}

// onWatch handles another replica's message; it runs on the watcher's
// goroutine, so messages are applied one at a time and in arrival order.
func (e *Enforcer) onWatch(payload string) {
	select {
	case <-e.ready:
	case <-e.closing:
		return
	}
	var m watchMessage
	if err := json.Unmarshal([]byte(payload), &m); err == nil && m.User != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := e.syncUser(ctx, m.User, m.Version)
		if err == nil {
			return
		}
		e.log.Error("authz: apply another replica's grant change, reloading all", "user", m.User, "err", err)
	}
	// A reload that fails (database away) is retried: until it succeeds
	// this replica may hold grants that were revoked elsewhere.
	delay := time.Second
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := e.reload(ctx)
		cancel()
		if err == nil {
			return
		}
		e.log.Error("authz: reload grants", "err", err, "retry_in", delay)
		select {
		case <-time.After(delay):
		case <-e.closing:
			return
		}
		delay = min(2*delay, time.Minute)
	}
}
