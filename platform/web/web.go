// Package web serves ngantor's server-rendered pages: sign-in, sign-out and
// the home page listing the wilayah a user works in. Pages are Bahasa
// Indonesia, built with html/template from embedded files, and use one
// vendored stylesheet — no CDN, no web fonts, no script — so they work on a
// slow connection at a kantor desa and on a 360 px phone.
//
// Every handler sits behind net/http's CrossOriginProtection: a form posted
// from another site (a forged sign-out, or a login into the attacker's
// account) is refused before it reaches us.
//
// # Forms that fail
//
// A refused form comes back with every value typed (the NIK too), a
// summary at the top of the form linking to each field at fault, and each
// message next to its field; the page opens at the summary. Form holds
// that state and Refill (or Pages.Failed) fills it from the fault the
// service returned, mapping API field names ("body.sk_tanggal") to the
// form's ("sk_tanggal"; Form.Rename for others). A handler:
//
//	form := web.NewForm("angkat", r.PostForm)
//	… err := in.Validate(…); if err == nil { _, err = m.Appoint(ctx, in) } …
//	if err != nil {
//		web.Refill(m.pages, w, r, err, form, "perangkat", "Perangkat desa",
//			func() (perangkatData, error) { return m.perangkatData(r, pc) },
//			func(d *perangkatData, f web.Form) { d.Angkat = f })
//		return
//	}
//
// Its page data has a field Angkat web.Form (NewForm("angkat", nil) on a
// fresh page, or the record's values for an edit form), and the template:
//
//	{{$f := .Angkat}}
//	<form class="formulir" method="post" action="{{.Base}}/perangkat">
//	  {{$f.Summary}}
//	  {{$f.Label "nik" "NIK (16 angka)"}}
//	  <input {{$f.Attrs "nik"}} required value="{{$f.Get "nik"}}">
//	  <select {{$f.Attrs "status"}}><option value="plt"{{if $f.Is "status" "plt"}} selected{{end}}>…</select>
//	</form>
//
// A page whose render function loads its own data uses Pages.Failed:
//
//	if status, ok := m.pages.Failed(rw, r, err, &form); ok {
//		m.renderMasuk(rw, r, status, d, form)
//	}
//	return
//
// A form repeated per row gives each copy its own name
// ("berhenti-"+id) and reads its state with {{$f := $.Data.Form.For
// (print "berhenti-" .ID)}}. Field ids are the form's name, a dash and the
// field ("angkat-nik"), so two forms on one page never share an id.
//
// # Long pages
//
// A page with several sections lists them under its heading with
// {{daftarIsi "menjabat" "Sedang menjabat" (ifThen .BisaTulis "angkat")
// "Angkat perangkat"}} (Contents): links to the sections' ids, at the top
// on a phone and in the right margin on a desktop. The stylesheet does the
// rest of the layout: the desa's tabs (nav.sub) are one row that scrolls
// on a phone, lists of cards (ul.daftar) sit side by side on a desktop, and
// a list whose links open with a .kode span (a register: number, subject,
// addressee) is a table there.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// SessionCookie carries the session token. The API middleware reads the same
// cookie, so a signed-in browser can call /api/v1 too.
const SessionCookie = "ngantor_session"

// WilayahItem is one grant as the home page shows it.
type WilayahItem struct {
	Role string // authz role name, e.g. "perbekel"
	Kode string // official code, e.g. "51.02.06.2001"
	Nama string // name without the tier word, e.g. "Dalung"
}

// WilayahLister lists the grants of a user, with their wilayah's names. It
// is declared here so web does not depend on authz or the wilayah module;
// cmd passes an adapter.
type WilayahLister interface {
	ListWilayah(ctx context.Context, userID string) ([]WilayahItem, error)
}

// WilayahListerFunc adapts a function to WilayahLister.
type WilayahListerFunc func(ctx context.Context, userID string) ([]WilayahItem, error)

// ListWilayah calls f.
func (f WilayahListerFunc) ListWilayah(ctx context.Context, userID string) ([]WilayahItem, error) {
	return f(ctx, userID)
}

// Deps are what the pages need.
type Deps struct {
	Auth    *auth.Service
	Wilayah WilayahLister
	Logger  *slog.Logger
	// Secure sets the Secure flag on the session cookie; true everywhere
	// but plain-HTTP development.
	Secure bool
	// Authz and Regions guard desa pages (HandleDesa).
	Authz   Authorizer
	Regions Regions
	// Audit records every page form that changes data (see audited); nil
	// records nothing (tests of pages that do not write).
	Audit audit.Recorder
	// Notifikasi counts a signed-in user's unread notifications for the
	// header badge ("Notifikasi (3)", linking to /notifikasi); nil shows
	// no link (platform/notifikasi.Store).
	Notifikasi Unread
	// ClientIP names the client for login rate limits. The default is the
	// connection's address; behind a proxy, pass a function that reads the
	// proxy's header — only the deployment knows which header to trust.
	ClientIP func(*http.Request) string
}

// Web holds the parsed templates and the handlers.
type Web struct {
	auth     *auth.Service
	wilayah  WilayahLister
	log      *slog.Logger
	secure   bool
	clientIP func(*http.Request) string
	authz    Authorizer
	regions  Regions
	audit    audit.Recorder
	pages    map[string]*template.Template
	cssPath  string
	cop      *http.CrossOriginProtection
	mux      *http.ServeMux // for the catch-all's 405 check
	guards   guards         // desa pages' permissions, see May
	unread   Unread
}

// Unread counts a user's unread notifications. It is declared here so web
// does not depend on platform/notifikasi (which registers its page here).
type Unread interface {
	BelumDibaca(ctx context.Context, userID string) (int, error)
}

// Lencana is the header's link to the inbox with its unread count.
type Lencana struct{ Belum int }

// lencana is the badge for the signed-in user of r: one indexed COUNT per
// page. A count that fails leaves the badge out (and is logged) rather
// than failing the page it sits on.
func (w *Web) lencana(r *http.Request, u *auth.User) *Lencana {
	if w.unread == nil || u == nil {
		return nil
	}
	n, err := w.unread.BelumDibaca(r.Context(), u.ID)
	if err != nil {
		w.log.WarnContext(r.Context(), "unread notifications", "err", err)
		return nil
	}
	return &Lencana{Belum: n}
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed aset/ngantor.css
var assetFS embed.FS

// New parses the templates; a template error is a bug, so it panics at
// startup rather than on the first request.
func New(d Deps) *Web {
	w := &Web{auth: d.Auth, wilayah: d.Wilayah, log: d.Logger, secure: d.Secure, clientIP: d.ClientIP, authz: d.Authz, regions: d.Regions, audit: d.Audit, unread: d.Notifikasi}
	if w.log == nil {
		w.log = slog.Default()
	}
	if w.clientIP == nil {
		w.clientIP = remoteIP
	}
	w.pages = map[string]*template.Template{}
	for _, name := range []string{"masuk", "beranda", "galat"} {
		w.pages[name] = template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	// The stylesheet URL carries its content hash, so browsers may cache
	// it for a year and still get a new one the moment it changes.
	css, err := fs.ReadFile(assetFS, "aset/ngantor.css")
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(css)
	w.cssPath = "/aset/ngantor.css?v=" + hex.EncodeToString(sum[:6])

	w.cop = http.NewCrossOriginProtection()
	w.cop.SetDenyHandler(http.HandlerFunc(w.CrossOriginPage))
	return w
}

// CrossOriginPage answers a form posted from another site: the page-side
// refusal, also the server edge's for every page path
// (httpserver.Deps.CrossOriginPage).
func (w *Web) CrossOriginPage(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusForbidden, "galat", page{
		Title: "Permintaan ditolak",
		Error: "Formulir ini dikirim dari situs lain, jadi kami menolaknya. Buka ngantor langsung lalu coba lagi.",
	})
}

// Routes registers the pages on mux. Home is "GET /{$}" (exactly "/"), not
// "GET /", which would also swallow every unknown path; unknown paths get
// the catch-all "/" (see unmatched).
func (w *Web) Routes(mux *http.ServeMux) {
	w.mux = mux
	handle := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, w.cop.Handler(h)) }
	handle("GET /{$}", w.RequireUser(http.HandlerFunc(w.home)).ServeHTTP)
	handle("GET /masuk", w.loginForm)
	handle("POST /masuk", w.login)
	handle("POST /keluar", w.logout)
	handle("GET /aset/", w.asset)
	handle(PageCatchAll, w.unmatched)
}

// PageCatchAll is the pattern of the page catch-all. Every other pattern is
// more specific, so it shadows no route (and /api/ has its own, which
// answers problem+json).
const PageCatchAll = "/"

// unmatched answers a path no page serves with the layout's 404 page, or
// its 405 page when the path exists for another method (with a catch-all
// registered the mux never answers 405 itself). A signed-in user keeps the
// header with their name, and under /desa/{kode}/ gets a link to the desa.
func (w *Web) unmatched(rw http.ResponseWriter, r *http.Request) {
	if u, ok, err := w.signedIn(rw, r); err == nil && ok {
		r = r.WithContext(auth.WithUser(r.Context(), u))
	}
	if allow := httpserver.AllowedMethods(w.mux, r, PageCatchAll, httpserver.APICatchAll); len(allow) > 0 {
		rw.Header().Set("Allow", strings.Join(allow, ", "))
		w.galat(rw, r, http.StatusMethodNotAllowed,
			"Halaman ini tidak dapat dibuka dengan cara itu. Buka lewat tautan atau tombol di ngantor.", desaOfPath(r.URL.Path))
		return
	}
	w.galat(rw, r, http.StatusNotFound,
		"Halaman yang Anda cari tidak ada. Periksa alamatnya, atau kembali lewat tautan di bawah.", desaOfPath(r.URL.Path))
}

// desaOfPath is the desa page to go back to from a path under
// /desa/{kode}/, or "" when the path names no desa.
func desaOfPath(p string) string {
	rest, ok := strings.CutPrefix(p, "/desa/")
	if !ok {
		return ""
	}
	seg, _, _ := strings.Cut(rest, "/")
	if k, err := tenancy.ParseKode(seg); err == nil && k.IsDesa() {
		return "/wilayah/" + string(k)
	}
	return ""
}

// RequireUser lets signed-in users through, with the user in the request
// context (auth.UserFrom), and sends everyone else to the sign-in page.
// Module pages wrap their handlers in it.
func (w *Web) RequireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		u, ok, err := w.signedIn(rw, r)
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		if !ok {
			http.Redirect(rw, r, "/masuk", http.StatusSeeOther)
			return
		}
		next.ServeHTTP(rw, r.WithContext(auth.WithUser(r.Context(), u)))
	})
}

// signedIn resolves the session cookie. A cookie whose session has ended is
// cleared, so the browser stops sending it.
func (w *Web) signedIn(rw http.ResponseWriter, r *http.Request) (auth.User, bool, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return auth.User{}, false, nil
	}
	u, _, err := w.auth.Authenticate(r.Context(), c.Value)
	if fault.Is(err, fault.Unauthorized) {
		w.clearCookie(rw)
		return auth.User{}, false, nil
	}
	if err != nil {
		return auth.User{}, false, err
	}
	return u, true, nil
}

// page is what every template sees; each page uses the fields it needs.
type page struct {
	Title string
	CSS   string
	User  *auth.User
	// Notifikasi is the header's inbox link (nil: none).
	Notifikasi *Lencana
	Error      string
	Email      string
	Items      []grantView
	// Desa is the desa page an error page links back to, if any.
	Desa string
	// RequestID names a server error's request, for the user to quote
	// when they report it (the log carries the same id).
	RequestID string
}

type grantView struct {
	Peran   string
	Nama    string
	Tingkat string
	Kode    string
	Href    string
}

func (w *Web) home(rw http.ResponseWriter, r *http.Request) {
	u, _ := auth.UserFrom(r.Context())
	items, err := w.wilayah.ListWilayah(r.Context(), u.ID)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	views := make([]grantView, 0, len(items))
	for _, it := range items {
		views = append(views, grantView{
			Peran:   roleLabel(it.Role, u.OPD),
			Nama:    it.Nama,
			Tingkat: tierLabel(it.Kode),
			Kode:    it.Kode,
			Href:    "/wilayah/" + url.PathEscape(it.Kode),
		})
	}
	w.render(rw, r, http.StatusOK, "beranda", page{Title: "Wilayah Anda", User: &u, Items: views})
}

func (w *Web) loginForm(rw http.ResponseWriter, r *http.Request) {
	if _, ok, err := w.signedIn(rw, r); err == nil && ok {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return
	}
	w.render(rw, r, http.StatusOK, "masuk", page{Title: "Masuk"})
}

// maxFormBytes bounds the login form; an email and a password are far
// smaller, and a larger body is only an attempt to waste memory.
const maxFormBytes = 16 << 10

func (w *Web) login(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		w.render(rw, r, http.StatusBadRequest, "masuk", page{Title: "Masuk", Error: "Formulir tidak dapat dibaca. Coba lagi."})
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	token, expires, _, err := w.auth.Login(r.Context(), email, r.PostForm.Get("password"), w.clientIP(r), r.UserAgent())
	if err != nil {
		status, msg := http.StatusInternalServerError, ""
		var rl *auth.RateLimitError
		switch fe, coded := fault.As(err); {
		case errors.As(err, &rl):
			rw.Header().Set("Retry-After", strconv.Itoa(rl.RetryAfterSeconds()))
			status, msg = http.StatusTooManyRequests, rl.Message()
		case coded && fe.Code == fault.Unauthorized:
			status, msg = http.StatusUnauthorized, fe.Message
		case coded && fe.Code == fault.Unavailable:
			// The login limits cannot be checked (Redis is down): no
			// password is tried until they can.
			rw.Header().Set("Retry-After", "30")
			status, msg = http.StatusServiceUnavailable, fe.Message
		case coded && fe.Code == fault.TooMany:
			// The hashing cap is full: a short wait is enough.
			rw.Header().Set("Retry-After", "5")
			status, msg = http.StatusTooManyRequests, fe.Message
		default:
			w.log.ErrorContext(r.Context(), "login", "err", err)
			msg = "terjadi kesalahan pada server; coba lagi nanti"
		}
		w.render(rw, r, status, "masuk", page{Title: "Masuk", Email: email, Error: sentence(msg)})
		return
	}
	// Signing in again from the same browser replaces its session rather
	// than leaving the old one alive until it times out.
	if old, err := r.Cookie(SessionCookie); err == nil && old.Value != "" {
		if err := w.auth.Logout(r.Context(), old.Value); err != nil {
			w.log.WarnContext(r.Context(), "end replaced session", "err", err)
		}
	}
	http.SetCookie(rw, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/",
		Expires: expires, HttpOnly: true, Secure: w.secure,
		// Lax: the cookie still comes along when a user follows a link
		// into ngantor from WhatsApp or email; cross-site POSTs are
		// refused by CrossOriginProtection anyway.
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(rw, r, "/", http.StatusSeeOther)
}

func (w *Web) logout(rw http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := w.auth.Logout(r.Context(), c.Value); err != nil {
			w.serverError(rw, r, err)
			return
		}
	}
	w.clearCookie(rw)
	http.Redirect(rw, r, "/masuk", http.StatusSeeOther)
}

func (w *Web) clearCookie(rw http.ResponseWriter) {
	http.SetCookie(rw, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: w.secure, SameSite: http.SameSiteLaxMode,
	})
}

func (w *Web) asset(rw http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/aset/ngantor.css" {
		w.galat(rw, r, http.StatusNotFound, "Berkas ini tidak ada.", "")
		return
	}
	css, _ := fs.ReadFile(assetFS, "aset/ngantor.css")
	rw.Header().Set("Content-Type", "text/css; charset=utf-8")
	rw.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Get("v") != "" {
		rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	_, _ = rw.Write(css)
}

// PanicPage is the 500 page for a page whose handler panicked
// (httpserver.Deps.PanicPage): the recoverer has logged the panic, so
// this only answers, in the layout, with the request id.
func (w *Web) PanicPage(rw http.ResponseWriter, r *http.Request) {
	if u, ok, err := w.signedIn(rw, r); err == nil && ok {
		r = r.WithContext(auth.WithUser(r.Context(), u))
	}
	w.galat(rw, r, http.StatusInternalServerError, msgServerError, desaOfPath(r.URL.Path))
}

// msgServerError is every 500 page's message; what failed is in the log,
// never on the page.
const msgServerError = "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi."

func (w *Web) serverError(rw http.ResponseWriter, r *http.Request, err error) {
	w.log.ErrorContext(r.Context(), "web page", "path", r.URL.Path, "err", err)
	w.galat(rw, r, http.StatusInternalServerError, msgServerError, desaOfContext(r))
}

// render executes into a buffer first, so a template failure becomes a
// clean 500 instead of half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.CSS = w.cssPath
	p.Notifikasi = w.lencana(r, p.User)
	w.write(rw, r, status, name, w.pages[name], p)
}

// write executes t's layout into a buffer and sends it with the headers
// every page gets.
func (w *Web) write(rw http.ResponseWriter, r *http.Request, status int, name string, t *template.Template, data any) {
	b := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(b)
	if err := t.ExecuteTemplate(b, "layout", data); err != nil {
		w.log.ErrorContext(r.Context(), "render page", "page", name, "err", err, "request_id", httpserver.RequestID(r.Context()))
		if name != "galat" {
			// The error page is another template: it still renders.
			w.galat(rw, r, http.StatusInternalServerError, msgServerError, desaOfContext(r))
			return
		}
		http.Error(rw, "Terjadi kesalahan pada server.", http.StatusInternalServerError)
		return
	}
	// Pages show personal data: never cache them, not even in the browser
	// of a shared computer at the kantor desa.
	writeHTML(rw, status, "no-store", b.Bytes())
}

// writeHTML writes a rendered page with the platform's page headers and
// cache as its Cache-Control.
func writeHTML(rw http.ResponseWriter, status int, cache string, b []byte) {
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", cache)
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	rw.WriteHeader(status)
	_, _ = rw.Write(b)
}

// WritePublic writes a rendered public page (open to anyone, no personal
// data) with the platform's page headers, except that an OK answer may be
// cached by browsers and proxies for five minutes.
func WritePublic(rw http.ResponseWriter, status int, b []byte) {
	cache := "no-store"
	if status == http.StatusOK {
		cache = "public, max-age=300"
	}
	writeHTML(rw, status, cache, b)
}

// Pages are rendered into pooled buffers: a strings.Builder per request grew
// (and copied) its way up to the page's size every time, which the page
// profile showed among the top allocations.
var pageBuffers = sync.Pool{New: func() any {
	b := new(bytes.Buffer)
	b.Grow(pageBufferSize)
	return b
}}

const (
	// pageBufferSize is where a fresh buffer starts; pooled ones keep what
	// their largest page needed.
	pageBufferSize = 32 << 10
	// maxPooledBuffer keeps one huge page from pinning its memory in the
	// pool for good.
	maxPooledBuffer = 1 << 20
)

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledBuffer {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// remoteIP is the connection's address without the port.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// sentence capitalises a fault message (lower-case for API clients) for
// display as a sentence on a page.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// roleLabel names a role in words a village official uses.
func roleLabel(role, opd string) string {
	switch role {
	case "bupati":
		return "Bupati"
	case "admin_kabupaten":
		return "Admin Kabupaten"
	case "opd":
		if opd != "" {
			return "Perangkat Daerah (" + opd + ")"
		}
		return "Perangkat Daerah"
	case "camat":
		return "Camat"
	case "perbekel":
		return "Perbekel"
	case "sekdes":
		return "Sekretaris Desa"
	case "kaur_keuangan":
		return "Kaur Keuangan"
	case "kasi":
		return "Kepala Seksi"
	case "operator":
		return "Operator"
	case "forum_perbekel":
		return "Forum Perbekel"
	case "petugas_sampah":
		return "Petugas TPS3R/Bank Sampah"
	case "staf_kecamatan":
		return "Staf Kecamatan"
	}
	return role
}

// tierLabel is the kind of wilayah a code names.
func tierLabel(kode string) string {
	k, err := tenancy.ParseKode(kode)
	if err != nil {
		return ""
	}
	switch k.Level() {
	case tenancy.Provinsi:
		return "Provinsi"
	case tenancy.Kabupaten:
		return "Kabupaten"
	case tenancy.Kecamatan:
		return "Kecamatan"
	case tenancy.Desa:
		if k.IsDesa() {
			return "Desa"
		}
		return "Kelurahan"
	}
	return ""
}
