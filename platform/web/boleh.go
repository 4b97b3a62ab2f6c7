package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// guards remembers the permission of every desa page (HandleDesa), so a
// page can ask whether its user may follow a link or submit a form before
// it shows one: the answer comes from the same permission the route checks,
// never from a second list that could drift from it.
type guards struct {
	mux   *http.ServeMux // the patterns alone, for matching a link to its route
	mu    sync.RWMutex
	perms map[string]guard
}

// guard is what a page route requires: perm at the wilayah in path segment
// seg — a desa, or for a wilayah page (HandleWilayah) one of levels.
type guard struct {
	perm   authz.Permission
	seg    int
	levels []tenancy.Level
}

// takes says whether k is a code the guarded route serves.
func (g guard) takes(k tenancy.Kode) bool {
	if g.levels == nil {
		return k.IsDesa()
	}
	return slices.Contains(g.levels, k.Level())
}

func (g *guards) add(pattern string, p authz.Permission) { g.addAt(pattern, p, nil) }

func (g *guards) addAt(pattern string, p authz.Permission, levels []tenancy.Level) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mux == nil {
		g.mux, g.perms = http.NewServeMux(), map[string]guard{}
	}
	_, path, _ := strings.Cut(pattern, " ")
	seg := -1
	for i, s := range strings.Split(path, "/") {
		if s == "{kode}" {
			seg = i
		}
	}
	g.perms[pattern] = guard{perm: p, seg: seg, levels: levels}
	g.mux.Handle(pattern, http.NotFoundHandler())
}

// Guard is what a desa or wilayah page (HandleDesa, HandleWilayah) at method
// and path requires of its user: perm at the wilayah kode. ok is false for
// a path no such page serves (another page, a public one, or none).
func (w *Web) Guard(method, path string) (perm authz.Permission, kode tenancy.Kode, ok bool) {
	w.guards.mu.RLock()
	defer w.guards.mu.RUnlock()
	if w.guards.mux == nil {
		return perm, "", false
	}
	probe := &http.Request{Method: method, URL: &url.URL{Path: path}, Header: http.Header{}}
	_, pattern := w.guards.mux.Handler(probe)
	g, found := w.guards.perms[pattern]
	if !found {
		return perm, "", false
	}
	segs := strings.Split(path, "/")
	if g.seg < 0 || g.seg >= len(segs) {
		return perm, "", false
	}
	k, err := tenancy.ParseKode(segs[g.seg])
	if err != nil || !g.takes(k) {
		return perm, "", false
	}
	return g.perm, k, true
}

// Pattern is the registered pattern ("GET /desa/{kode}/…") of the desa or
// wilayah page that serves method and path; ok is false when none does. A
// module whose page takes an id in a wildcard asks it to tell its own
// route from a sibling page that is not wired.
func (w *Web) Pattern(method, path string) (pattern string, ok bool) {
	w.guards.mu.RLock()
	defer w.guards.mu.RUnlock()
	if w.guards.mux == nil {
		return "", false
	}
	probe := &http.Request{Method: method, URL: &url.URL{Path: path}, Header: http.Header{}}
	_, pattern = w.guards.mux.Handler(probe)
	_, found := w.guards.perms[pattern]
	return pattern, found
}

// May says whether the signed-in user of ctx may open href with method (a
// link with GET, a form with its method): a desa page needs its permission
// at the desa href names. A path that is no desa page is answered true —
// its own handler decides, and a link to nothing is for the tests to find,
// not for a page to hide.
func (w *Web) May(ctx context.Context, method, href string) bool {
	u, err := url.Parse(href)
	if err != nil || u.IsAbs() || u.Host != "" {
		return true
	}
	perm, kode, ok := w.Guard(method, u.Path)
	if !ok {
		return true
	}
	user, signed := auth.UserFrom(ctx)
	if !signed || w.authz == nil {
		return false
	}
	allowed, err := w.authz.Allowed(ctx, user.ID, kode, perm)
	if err != nil {
		w.log.WarnContext(ctx, "page link permission", "href", href, "err", err)
		return false
	}
	return allowed
}
