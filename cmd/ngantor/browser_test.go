package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"github.com/ngantor/ngantor/platform/config"
)

// btChromium is Debian's Chromium. Tests never let a tool download a browser
// of its own: the one CI installs with apt is the one users' phones are
// closest to, and a download would make the test depend on the network.
// NGANTOR_CHROMIUM names another path to the same package.
const btChromium = "/usr/bin/chromium"

func btChromiumPath() string {
	if p := os.Getenv("NGANTOR_CHROMIUM"); p != "" {
		return p
	}
	return btChromium
}

// btNeedBrowser skips a browser story unless NGANTOR_CHROMIUM names the
// Chromium to drive and it is there. The stories start the whole dev app
// for each role and take minutes together, so the README's `go test ./...`
// leaves them to the run that asks for them: .ci/run sets NGANTOR_CHROMIUM
// for its PostgreSQL run and fails on any skip there.
func btNeedBrowser(t *testing.T) {
	t.Helper()
	p := os.Getenv("NGANTOR_CHROMIUM")
	if p == "" {
		t.Skipf("browser story: set NGANTOR_CHROMIUM=%s (Debian's chromium and chromium-l10n) to run it", btChromium)
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("headless browser test needs Debian's Chromium at %s (%v); install it with `apt-get install -y chromium chromium-l10n`", p, err)
	}
}

// btLocale is the locale of the phones ngantor is used on. The browser runs
// in it, so dates read as an Indonesian phone shows them (31/01/2026, not
// 01/31/2026) and the server sees the Accept-Language they send.
const (
	btLocale         = "id-ID"
	btAcceptLanguage = "id-ID,id"
	btICULocale      = "id_ID" // Emulation.setLocaleOverride's spelling
)

// btTimeout bounds one browser test from the first navigation to the last
// assertion; a page that never shows fails the test instead of hanging it.
// It catches hangs, not slowness: CI runs these stories beside every other
// package's PostgreSQL tests, and on a host half as fast as usual two
// keuangan stories that take 25 s alone took 74–77 s there and failed at
// 60 s in the middle of a screenshot.
const btTimeout = 3 * time.Minute

// btStartDev runs the whole dev app in this process — SQLite in a temporary
// NGANTOR_DATA_DIR, in-process Redis, migrations, Tabanan and the demo
// accounts, HTTP plus worker, relay and scheduler, as `ngantor dev` does — on
// a free loopback port, and returns its base URL. NGANTOR_BASE_URL follows
// the real port, so links the app prints (letter QR codes) lead back to it.
// The app stops when the test ends.
func btStartDev(t *testing.T) string {
	t.Helper()
	base, _ := btStartDevApp(t)
	return base
}

// btStartDevApp is btStartDev that also hands over the app, for tests that
// ask its enforcer or its routes what a page should allow.
func btStartDevApp(t *testing.T) (string, *app) {
	t.Helper()
	if strings.HasPrefix(t.Name(), "TestBrowser") {
		btNeedBrowser(t) // before the app starts: a skipped story costs nothing
	}
	// The listener is opened first so the port is known before config is
	// loaded, and so nothing else can take the port in between.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"NGANTOR_DATA_DIR":         t.TempDir(),
		"NGANTOR_HTTP_ADDR":        ln.Addr().String(),
		"NGANTOR_SHUTDOWN_TIMEOUT": "10s",
	}
	cfg, err := config.Load(func(k string) string { return env[k] }, false)
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	// The app's log is kept and shown only when the test fails: a passing
	// test stays quiet, a failing one says what the server saw.
	logs := &btSyncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))

	// ctx lives as long as the app, like the process context in runDev;
	// the watcher and the job runners keep it.
	ctx, cancel := context.WithCancel(context.Background())
	a, err := prepareDev(ctx, cfg, log)
	if err != nil {
		cancel()
		ln.Close()
		t.Fatalf("prepareDev: %v\n%s", err, logs)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.http.ServeListener(gctx, ln, cfg.ShutdownTimeout) })
	g.Go(func() error {
		return a.runJobServers(gctx, 2, 1, cfg.ShutdownTimeout)
	})
	g.Go(func() error { return a.jobs.RunRelay(gctx) })
	g.Go(func() error { return a.jobs.RunScheduler(gctx, a.periodic()) })
	t.Cleanup(func() {
		cancel()
		done := make(chan error, 1)
		go func() { done <- g.Wait() }()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("dev app stopped with: %v", err)
			}
		case <-time.After(cfg.ShutdownTimeout + 5*time.Second):
			t.Errorf("dev app did not stop within %s", cfg.ShutdownTimeout+5*time.Second)
		}
		a.Close()
		if t.Failed() {
			t.Logf("dev app log:\n%s", logs)
		}
	})
	return "http://" + ln.Addr().String(), a
}

// btBrowser starts a headless Chromium for this test and returns a context
// for chromedp actions, bounded by btTimeout. It skips the test when
// Chromium is missing; CI installs it and treats a skip as a failure.
//
// Call it after btStartDev: cleanups run in reverse order, so the browser
// closes its connections before the app drains. Chromium keeps spare
// connections open that never carry a request, and net/http's Shutdown
// waits up to 5 s for those.
func btBrowser(t *testing.T) context.Context {
	t.Helper()
	btNeedBrowser(t)
	chromium := btChromiumPath()
	out := &btSyncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI containers; Chrome refuses its sandbox there
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// No traffic of its own (updates, sync, safe-browsing lists): the
		// test talks only to loopback and stays hermetic.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// /dev/shm is 64 MiB in most containers, and Chrome crashes when
		// it fills; the temporary directory has room.
		chromedp.Flag("disable-dev-shm-usage", true),
		// An Indonesian phone: UI language, Accept-Language and the
		// process locale (setLocaleOverride below covers Intl and the
		// date inputs of each tab).
		chromedp.Flag("lang", btLocale),
		chromedp.Flag("accept-lang", btAcceptLanguage),
		chromedp.Env("LANG=id_ID.UTF-8", "LANGUAGE=id_ID:id"),
		// A fresh profile per test: no cookie or cache from another run.
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.CombinedOutput(out),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	// The first action starts the browser and binds its life to the context
	// it runs on, so start it on the untimed context; the deadline goes on
	// the context the test's actions use (chromedp docs/API.md, example 21).
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(browserCtx) }()
	var err error
	select {
	case err = <-started:
	case <-time.After(btTimeout):
		cancelBrowser() // kills the browser, which ends Do
		err = errors.Join(errors.New("chromium did not start within "+btTimeout.String()), <-started)
	}
	ctx, cancel := context.WithTimeout(browserCtx, btTimeout)
	// Cleanups run last-in first-out: the browser exits (cancelAlloc waits
	// for the process) before t.TempDir removes its profile.
	t.Cleanup(func() {
		cancel()
		cancelBrowser()
		cancelAlloc()
		if t.Failed() {
			t.Logf("chromium output:\n%s", btWithoutDBus(out.String()))
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v\n%s", err, out)
	}
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: btICULocale}); err != nil {
		t.Fatalf("set locale %s: %v", btICULocale, err)
	}
	return ctx
}

// btSyncBuffer is a bytes.Buffer that the app's goroutines and the test may
// share.
type btSyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *btSyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *btSyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var _ io.Writer = (*btSyncBuffer)(nil)

// btWithoutDBus drops Chromium's complaints that a container has no D-Bus;
// they fill the output of a failed test and never explain the failure.
func btWithoutDBus(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if !strings.Contains(line, "dbus") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// btPhoneWidth is the narrowest phone ngantor promises to fit: a perbekel's
// Android phone at 360 CSS pixels.
const btPhoneWidth, btPhoneHeight = 360, 740

// btFitsPhone fails when the page is wider than the phone, which shows as a
// sideways scroll. innerWidth is checked too, so that a viewport the
// emulation did not apply cannot make the check pass by accident.
func btFitsPhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	inner, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if err != nil {
		t.Fatalf("%s: innerWidth: %v", page, err)
	}
	if inner != btPhoneWidth {
		t.Fatalf("%s: viewport is %d px wide, want the emulated %d", page, inner, btPhoneWidth)
	}
	scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatalf("%s: scrollWidth: %v", page, err)
	}
	if scroll > btPhoneWidth {
		t.Errorf("%s: page is %d px wide on a %d px phone: it scrolls sideways", page, scroll, btPhoneWidth)
	}
}

// btScreenshot saves what the browser shows to the test's temporary
// directory and logs where, for a person to look at when a test fails.
func btScreenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("NGANTOR_SCREENSHOT_DIR") // keep them after the test, e.g. as CI artifacts
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	btReviewShots(t, ctx, name)
	return path
}

// btDesktopWidth is the kantor desa's computer screen.
const btDesktopWidth, btDesktopHeight = 1280, 800

// btReviewShots saves, when NGANTOR_SCREENSHOTS names a directory, the
// whole page as a 360 px phone and as a 1280 px desktop show it, for a
// person reviewing the pages (nothing of it is committed). The phone
// viewport is restored afterwards, so later checks still see the phone.
func btReviewShots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("NGANTOR_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct{ w, h int64 }{{btPhoneWidth, btPhoneHeight}, {btDesktopWidth, btDesktopHeight}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.w, v.h)); err != nil {
			t.Fatalf("viewport %d px: %v", v.w, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s at %d px: %v", name, v.w, err)
		}
		path := filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, v.w))
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight)); err != nil {
		t.Fatalf("back to the phone's viewport: %v", err)
	}
}

// TestBrowserPerbekelLogsInAndSeesHomePage walks the first thing a perbekel
// does, in a real browser on a phone-sized screen: open the sign-in page,
// type email and password, submit, and land on the home page listing the
// desa — rendered by the real templates, stylesheet and session cookie.
func TestBrowserPerbekelLogsInAndSeesHomePage(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight),
		chromedp.Navigate(base+"/masuk"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
	); err != nil {
		t.Fatalf("open /masuk: %v", err)
	}
	btFitsPhone(t, ctx, "/masuk")
	btScreenshot(t, ctx, "masuk")

	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#email`), "perbekel.bengkel@tabanan.test"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "ngantor-demo"),
		chromedp.Click(chromedp.CSS(`form.formulir button[type=submit]`)),
		// Either the home page's list or the form's error: waiting for
		// both turns a refused login into a clear message, not a timeout.
		chromedp.WaitVisible(chromedp.CSS(`ul.daftar, p.galat`)),
	); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/") || strings.HasSuffix(loc, "/masuk") {
		t.Fatalf("after sign-in the browser is at %s, want the home page; page says:\n%s", loc, body)
	}
	// innerText is what the user reads, so CSS text-transform applies
	// (the role shows as PERBEKEL); compare without case.
	for _, want := range []string{"Wilayah Anda", "Perbekel", "Bengkel", "Desa 51.02.06.2001"} {
		if !strings.Contains(strings.ToLower(body), strings.ToLower(want)) {
			t.Errorf("home page does not show %q; it shows:\n%s", want, body)
		}
	}
	header, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`header.atas`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(header, "Perbekel Bengkel") || !strings.Contains(header, "Keluar") {
		t.Errorf("header should name the user and offer Keluar; it shows %q", header)
	}
	btFitsPhone(t, ctx, "/")
	btScreenshot(t, ctx, "beranda")
}

// TestBrowserRunsAsAnIndonesianPhone: the test browser sends Indonesian as
// its language and shows dates day first, as the phones of a kantor desa
// do — otherwise a screenshot shows 01/31/2026 where a user sees
// 31/01/2026. A date input follows the browser's own UI language, which
// Debian's Chromium has only with the chromium-l10n package installed.
func TestBrowserRunsAsAnIndonesianPhone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(rw, `<!doctype html><html lang="id"><body><p id="al">%s</p><input type="date" value="2026-01-31"></body></html>`,
			html.EscapeString(r.Header.Get("Accept-Language")))
	}))
	t.Cleanup(srv.Close)
	ctx := btBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(`#al`))); err != nil {
		t.Fatalf("open the echo page: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#al`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "id") {
		t.Errorf("Accept-Language %q, want Indonesian first", got)
	}
	for _, c := range []struct{ js, want string }{
		{`navigator.language`, btLocale},
		{`Intl.DateTimeFormat().resolvedOptions().locale`, btLocale},
		{`new Date(2026, 0, 31).toLocaleDateString()`, "31/1/2026"},
		{`new Date(2026, 0, 31).toLocaleDateString(undefined, {day: '2-digit', month: '2-digit', year: 'numeric'})`, "31/01/2026"},
	} {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](c.js))
		if err != nil {
			t.Fatalf("%s: %v", c.js, err)
		}
		if v != c.want {
			t.Errorf("%s = %q, want %q", c.js, v, c.want)
		}
	}
	if got := btDateInputText(t, ctx); got != "31/01/2026" {
		t.Errorf("a date input holding 2026-01-31 shows %q, want 31/01/2026 (is chromium-l10n installed?)", got)
	}
}

// btDateInputText is what the page's first date input shows, read from
// the fields of its user-agent shadow tree, which no script can reach.
func btDateInputText(t *testing.T, ctx context.Context) string {
	t.Helper()
	depth, pierce := int64(-1), true
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{Depth: &depth, Pierce: &pierce})
	if err != nil {
		t.Fatalf("read the document: %v", err)
	}
	var b strings.Builder
	// walk reports whether it has read a date input's fields.
	var walk func(n *cdp.Node, in bool) bool
	walk = func(n *cdp.Node, in bool) bool {
		edit := false
		for i := 0; i+1 < len(n.Attributes); i += 2 {
			edit = edit || n.Attributes[i] == "pseudo" && n.Attributes[i+1] == "-webkit-datetime-edit"
		}
		if in && n.NodeType == 3 { // text
			b.WriteString(n.NodeValue)
		}
		for _, c := range append(append([]*cdp.Node{}, n.ShadowRoots...), n.Children...) {
			if walk(c, in || edit) && !in {
				return true
			}
		}
		return edit
	}
	walk(doc.Root, false)
	return b.String()
}
