package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Bounds of one role's crawl. The crawl is breadth-first and visits at most
// crawlPerShape pages of each shape (the path with its desa codes and ids
// taken out, e.g. /desa/{kode}/surat/keluar/{id}), so a kabupaten role's
// 133 desa do not crowd out the pages behind them.
// A kabupaten account walks at most crawlMaxPagesKabupaten: its 133 desa
// give it long tails of pages of shapes already seen, and with three more
// modules (issue 16) 300 for each of its seven accounts took the package
// past go test's ten-minute default of the README command on two cores.
// crawlExpected names the pages each walk must still reach.
const (
	crawlMaxPages          = 300
	crawlMaxPagesKabupaten = 200
	crawlPerShape          = 6
)

// TestRoleCrawlMeetsNoDeadEnds signs in as every demo account through the
// login form and follows every link and GET form on every page it reaches.
// Each must answer 2xx (downloads included), and each POST form a page shows
// must be one its user may submit: the route's permission is held at its
// desa, and a form with required fields sent empty is refused as invalid
// input (400/422), never as forbidden. A page that shows its user a link or
// a button leading to "Akses ditolak" sends a village official back to
// paper (issue 8, "No dead ends").
//
// Every role of authz.Roles is walked: a role no demo account holds gets an
// account of its own at Bengkel, Kediri or Tabanan (its tier), so the desa
// staff roles (sekdes, kasi, operator, kaur keuangan) are covered too.
func TestRoleCrawlMeetsNoDeadEnds(t *testing.T) {
	// The package's three longest tests that only read through their own
	// app (this walk, the cross-tenant matrix, the keuangan referensi
	// walk) run side by side after the others, on the two cores go test's
	// ten-minute default of the README command has, beside the dossier kill
	// test's idle minute; the other kill tests, which count requests
	// against a clock, stay alone.
	t.Parallel()
	base, a := btStartDevApp(t)
	accounts := append([]demoAccount{}, demoAccounts...)
	held := map[authz.Role]bool{}
	for _, d := range demoAccounts {
		held[d.role] = true
	}
	at := map[tenancy.Level]tenancy.Kode{tenancy.Desa: "51.02.06.2001", tenancy.Kecamatan: "51.02.06", tenancy.Kabupaten: demoKabupaten}
	for _, r := range authz.Roles {
		if held[r] || len(r.Levels()) == 0 {
			continue
		}
		d := demoAccount{email: string(r) + "@crawl.test", name: "Uji " + string(r), role: r, wilayah: at[r.Levels()[0]]}
		ctx := context.Background()
		u, err := a.auth.CreateUser(ctx, auth.NewUser{Email: d.email, Name: d.name, Password: demoPassword})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: r, Wilayah: d.wilayah}); err != nil {
			t.Fatal(err)
		}
		accounts = append(accounts, d)
	}
	for _, d := range accounts {
		t.Run(d.email, func(t *testing.T) {
			// The accounts' walks only read (an empty form is refused
			// before any write): they share the app side by side, which on
			// two cores halves the package's longest test (about 280 s one
			// after another on SQLite, with go test's 10-minute budget for
			// the whole package in the README command).
			t.Parallel()
			u, err := a.auth.UserByEmail(context.Background(), d.email)
			if err != nil {
				t.Fatal(err)
			}
			c := newCrawler(t, base, d.email)
			if d.wilayah.Level() == tenancy.Kabupaten {
				c.max = crawlMaxPagesKabupaten
			}
			// Besides the home page, the crawl starts at the desa that have
			// demo data (letters, perangkat, lembaga) inside the account's
			// wilayah, so the pages behind them are reached within bounds.
			for _, o := range accounts {
				if o.wilayah.IsDesa() && o.wilayah != d.wilayah && strings.HasPrefix(string(o.wilayah), string(d.wilayah)+".") {
					c.enqueue(base+"/wilayah/"+string(o.wilayah), "(awal: desa dengan data demo)")
				}
			}
			// A kecamatan or kabupaten account that reads the keuangan table
			// also starts there: its pages sit a few clicks deep behind the
			// wilayah's. (staf_kecamatan coaches and answers konsultasi; it
			// holds no keuangan permission, so the page is not its dead end.)
			ringkasan, err := a.authz.Allowed(context.Background(), u.ID, d.wilayah, keuangan.PermRingkasan)
			if err != nil {
				t.Fatal(err)
			}
			if !d.wilayah.IsDesa() && ringkasan {
				c.enqueue(base+"/wilayah/"+string(d.wilayah)+"/keuangan", "(awal: keuangan wilayah)")
			}
			c.run()
			for _, re := range crawlExpected[d.email] {
				if !slices.ContainsFunc(c.visited, regexp.MustCompile(re).MatchString) {
					c.failf("the crawl never reached a page matching %s", re)
				}
			}
			for _, f := range c.forms {
				perm, kode, ok := a.web.Guard(http.MethodPost, f.path)
				if ok {
					allowed, err := a.authz.Allowed(context.Background(), u.ID, kode, perm)
					if err != nil {
						t.Fatal(err)
					}
					if !allowed {
						c.failf("form POST %s on %s: the route needs %s at %s, which %s does not hold", f.path, f.from, perm, kode, d.email)
						continue
					}
				}
				switch {
				case f.required:
					c.submitEmpty(f)
				case !ok:
					c.failf("form POST %s on %s: no desa page guards it and it has no required field, so nothing shows who may submit it", f.path, f.from)
				}
			}
			if len(c.failures) > 0 {
				sort.Strings(c.failures)
				t.Errorf("%s meets %d dead end(s) in %d pages:\n%s", d.email, len(c.failures), c.pages, strings.Join(c.failures, "\n"))
			}
			if c.pages < 3 {
				t.Errorf("%s: crawl reached only %d pages; the walk itself is broken", d.email, c.pages)
			}
			t.Logf("%s: %d pages, %d forms", d.email, c.pages, len(c.forms))
		})
	}
}

// crawlExpected are pages (paths with their query, as regexps) a demo
// account must reach by clicking: the keuangan pages of its role, so a
// page only a typed URL opens fails here.
var crawlExpected = map[string][]string{
	"admin@tabanan.test": {`^/wilayah/51\.02/keuangan/aturan/\d{4}$`, `^/wilayah/51\.02/keuangan/aturan-tahap-dana-desa\?tahun=\d{4}$`,
		`^/wilayah/51\.02/keuangan/referensi$`},
	"bupati@tabanan.test": {`^/wilayah/51\.02/keuangan/aturan-tahap-dana-desa\?tahun=\d{4}$`, `^/wilayah/51\.02/keuangan/referensi$`},
	"forum@tabanan.test":  {`^/wilayah/51\.02/keuangan/aturan-tahap-dana-desa\?tahun=\d{4}$`},
	"camat.kediri@tabanan.test": {`^/wilayah/51\.02\.06/keuangan/evaluasi\?tahun=2027$`, `^/desa/51\.02\.06\.\d{4}/keuangan/2027/evaluasi$`,
		`^/publik/desa/51\.02\.06\.\d{4}/apbdes/\d{4}$`},
	"perbekel.bengkel@tabanan.test": {`^/desa/51\.02\.06\.2001/keuangan/2027/apbdes$`, `^/publik/desa/51\.02\.06\.2001/apbdes/\d{4}$`},
	"kaur.bengkel@tabanan.test":     {`^/desa/51\.02\.06\.2001/keuangan/2027/apbdes$`, `^/desa/51\.02\.06\.2001/keuangan/2026/realisasi$`},
}

type crawlItem struct{ url, from string }

type crawlForm struct {
	path, from string
	required   bool
}

type crawler struct {
	t      *testing.T
	base   *url.URL
	client *http.Client
	queue  []crawlItem
	seen   map[string]bool
	shapes map[string]int
	forms  []crawlForm
	posted map[string]bool
	// formShapes counts the forms collected per shape of their action.
	formShapes map[string]int
	failures   []string
	pages      int
	visited    []string // path and query of each page opened
	// max bounds this walk (crawlMaxPages when zero): a test of one
	// page's forms needs only the pages around it.
	max int
}

// newCrawler signs in through the login form, as a browser does, and keeps
// the session cookie in a jar.
func newCrawler(t *testing.T, base, email string) *crawler {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b, _ := url.Parse(base)
	c := &crawler{t: t, base: b, client: &http.Client{Jar: jar, Timeout: 30 * time.Second},
		seen: map[string]bool{}, shapes: map[string]int{}, posted: map[string]bool{}, formShapes: map[string]int{}}
	res, err := c.client.PostForm(base+"/masuk", url.Values{"email": {email}, "password": {demoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/" {
		t.Fatalf("sign in as %s: %d at %s\n%.500s", email, res.StatusCode, res.Request.URL, body)
	}
	c.enqueue(base+"/", "(awal)")
	return c
}

func (c *crawler) failf(format string, args ...any) {
	c.failures = append(c.failures, "  "+fmt.Sprintf(format, args...))
}

var (
	crawlKode = regexp.MustCompile(`^\d{2}(\.\d{2}){1,2}(\.\d{4})?$`)
	crawlID   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// shape is a URL with its codes and ids generalised: pages of one shape
// are one template with other rows.
func shape(u *url.URL) string {
	segs := strings.Split(u.Path, "/")
	for i, s := range segs {
		switch {
		case crawlKode.MatchString(s):
			// A kabupaten, a kecamatan and a desa page differ; two desa
			// pages differ only in their rows.
			segs[i] = "{kode" + strings.Repeat(".", strings.Count(s, ".")) + "}"
		case crawlID.MatchString(s):
			segs[i] = "{id}"
		}
	}
	// The query's names shape the page, not their values: the desa table
	// sorted by each of its forty-odd columns, or a list per status, is
	// one template with its rows in another order (crawlPerShape of them
	// are opened). Walking every sort order of a kabupaten's table cost
	// each kabupaten account about 25 s of a crawl that must fit the
	// README command's ten minutes.
	q := u.Query()
	q.Del("cursor")
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(segs, "/") + "?" + strings.Join(keys, "&")
}

// enqueue adds a same-origin link, without its fragment, unless it signs
// out or was seen before.
func (c *crawler) enqueue(raw, from string) {
	u, err := url.Parse(raw)
	if err != nil {
		c.failf("unreadable link %q on %s", raw, from)
		return
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host || u.Path == "/keluar" {
		return
	}
	u.Fragment = ""
	key := u.String()
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.queue = append(c.queue, crawlItem{url: key, from: from})
}

func (c *crawler) run() {
	limit := crawlMaxPages
	if c.max > 0 {
		limit = c.max
	}
	for len(c.queue) > 0 && c.pages < limit {
		it := c.queue[0]
		c.queue = c.queue[1:]
		u, _ := url.Parse(it.url)
		sh := shape(u)
		if c.shapes[sh] >= crawlPerShape {
			continue
		}
		c.shapes[sh]++
		c.visit(it)
	}
}

func (c *crawler) visit(it crawlItem) {
	c.pages++
	if u, err := url.Parse(it.url); err == nil {
		c.visited = append(c.visited, u.RequestURI())
	}
	res, err := c.client.Get(it.url)
	if err != nil {
		c.failf("GET %s (linked from %s): %v", it.url, it.from, err)
		return
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		c.failf("GET %s (linked from %s): %v", it.url, it.from, err)
		return
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		c.failf("%d %s (linked from %s)", res.StatusCode, it.url, it.from)
		return
	}
	if res.Request.URL.Path == "/masuk" {
		c.failf("GET %s (linked from %s) sent the user back to sign in", it.url, it.from)
		return
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return // a download: its status is all that counts
	}
	c.parse(res.Request.URL, string(body))
}

// parse queues every <a href> and GET form (with its default values) of a
// page and records its POST forms.
func (c *crawler) parse(page *url.URL, body string) {
	from := page.RequestURI()
	resolve := func(ref string) (*url.URL, bool) {
		ref = strings.TrimSpace(ref)
		if strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "tel:") {
			return nil, false
		}
		r, err := url.Parse(ref)
		if err != nil {
			c.failf("unreadable link %q on %s", ref, from)
			return nil, false
		}
		return page.ResolveReference(r), true
	}
	type form struct {
		method, action string
		values         url.Values
		required       bool
		selectName     string
		selectSet      bool
	}
	var f *form
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tok := z.Token()
		attr := func(name string) (string, bool) {
			for _, a := range tok.Attr {
				if a.Key == name {
					return a.Val, true
				}
			}
			return "", false
		}
		switch {
		case tt == html.EndTagToken && tok.Data == "form" && f != nil:
			if u, ok := resolve(f.action); ok {
				if f.method == "post" {
					// Signing out and clearing one's own inbox are every
					// signed-in user's forms, on every account's pages.
					// A form per row (correct this entry, tick this
					// perangkat) is one form of one template: like pages,
					// crawlPerShape of a shape are sent. Bengkel's bank
					// sampah journal alone offered one per entry on every
					// page of it.
					sh := shape(&url.URL{Path: u.Path})
					if u.Path != "/keluar" && u.Path != "/notifikasi/dibaca-semua" && !c.posted[u.Path] && c.formShapes[sh] < crawlPerShape {
						c.posted[u.Path] = true
						c.formShapes[sh]++
						c.forms = append(c.forms, crawlForm{path: u.Path, from: from, required: f.required})
					}
				} else {
					u.RawQuery = f.values.Encode()
					c.enqueue(u.String(), from)
				}
			}
			f = nil
		case tt == html.EndTagToken && tok.Data == "select" && f != nil:
			f.selectName = ""
		case tt != html.StartTagToken && tt != html.SelfClosingTagToken:
		case tok.Data == "a":
			if href, ok := attr("href"); ok {
				if u, ok := resolve(href); ok {
					c.enqueue(u.String(), from)
				}
			}
		case tok.Data == "form":
			method, _ := attr("method")
			action, ok := attr("action")
			if !ok {
				action = page.String()
			}
			f = &form{method: strings.ToLower(method), action: action, values: url.Values{}}
		case f == nil:
		case tok.Data == "input" || tok.Data == "textarea" || tok.Data == "select":
			if _, ok := attr("required"); ok {
				f.required = true
			}
			name, _ := attr("name")
			typ, _ := attr("type")
			if name == "" || typ == "submit" || typ == "button" || ((typ == "checkbox" || typ == "radio") && !hasAttr(tok, "checked")) {
				continue
			}
			if tok.Data == "select" {
				f.selectName, f.selectSet = name, false
				continue
			}
			v, _ := attr("value")
			f.values.Add(name, v)
		case tok.Data == "option" && f.selectName != "":
			v, _ := attr("value")
			if !f.selectSet || hasAttr(tok, "selected") {
				f.values.Set(f.selectName, v)
				f.selectSet = true
			}
		}
	}
}

func hasAttr(tok html.Token, name string) bool {
	for _, a := range tok.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

// submitEmpty posts a form that has required fields with none of them:
// the browser would not send it, so the server must answer that the input
// is invalid (400/422) — an answer that the user may not submit it at all
// (403) means the page showed a form its user cannot use.
func (c *crawler) submitEmpty(f crawlForm) {
	u := *c.base
	u.Path = f.path
	noRedirect := *c.client
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := noRedirect.PostForm(u.String(), url.Values{})
	if err != nil {
		c.failf("form POST %s on %s: %v", f.path, f.from, err)
		return
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		c.failf("form POST %s on %s, sent empty: %d, want 400 or 422 (invalid input)\n%s", f.path, f.from, res.StatusCode, body)
	}
}
