// Package httpserver is ngantor's HTTP edge: huma v2 on the standard mux,
// the /api/v1 group, the permission guard every operation passes, problem+json
// errors mapped in one place, request ids, idempotent creating POSTs, health
// endpoints, /openapi.json and an offline /docs page.
package httpserver

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	gojson "github.com/goccy/go-json"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Identity is the signed-in user as the guard sees it.
type Identity struct {
	UserID string
}

// Authenticator resolves a session token. The returned context carries the
// user for handlers (auth.UserFrom); an unknown or expired token is a
// fault.Unauthorized error.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (context.Context, Identity, error)
}

// Authorizer decides whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// WilayahResolver says whether a code exists (fault.NotFound otherwise).
type WilayahResolver interface {
	Exists(ctx context.Context, kode tenancy.Kode) error
}

// Deps are the server's collaborators; cmd wires them.
type Deps struct {
	Logger        *slog.Logger
	Version       string
	DB            *db.DB // idempotency keys
	Auth          Authenticator
	Authz         Authorizer
	Wilayah       WilayahResolver
	Audit         audit.Recorder // every mutating operation's entry, see auditIntent
	Ready         map[string]func(context.Context) error
	Metrics       http.Handler
	Wrap          func(http.Handler) http.Handler // telemetry, outermost
	SessionCookie string
	Clock         func() time.Time
	// TrustedProxies are the networks whose X-Forwarded-For names the
	// client (see realIP).
	TrustedProxies []netip.Prefix
	// PanicPage answers a request outside /api/ whose handler panicked —
	// a web page, so the user gets the layout's 500 page (with the request
	// id in the context) instead of a JSON problem. nil answers
	// problem+json everywhere.
	PanicPage http.HandlerFunc
	// CrossOriginPage answers, likewise, a form posted to a page from
	// another site (403); nil answers problem+json.
	CrossOriginPage http.HandlerFunc
	// ShutdownDelay keeps serving, with /readyz already failing, before the
	// drain starts: a load balancer that polls readiness stops sending new
	// requests first. Kubernetes does this with a preStop pause instead.
	ShutdownDelay time.Duration
}

// Server is the HTTP edge.
type Server struct {
	d        Deps
	mux      *http.ServeMux
	api      huma.API
	v1       *huma.Group
	draining atomic.Bool
}

// APIPrefix is where every API operation lives.
const APIPrefix = "/api/v1"

// New builds the server; modules then register on V1() and pages on Mux().
func New(d Deps) *Server {
	useBahasaValidation()
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	if d.SessionCookie == "" {
		d.SessionCookie = "ngantor_session"
	}
	installErrorMapping(d.Logger)
	s := &Server{d: d, mux: http.NewServeMux()}
	cfg := huma.DefaultConfig("ngantor API", d.Version)
	cfg.Info.Description = "API pemerintahan desa ngantor. Semua sumber daya desa berada di /api/v1/desa/{kode}/…, " +
		"tampilan kecamatan dan kabupaten di /api/v1/wilayah/{kode}/…. Masuk dengan POST /api/v1/auth/login, " +
		"lalu kirim token sebagai `Authorization: Bearer <token>`."
	cfg.Formats = map[string]huma.Format{"application/json": jsonFormat, "json": jsonFormat}
	cfg.CreateHooks = nil // no $schema links in bodies
	cfg.DocsPath = ""     // ours is offline, see docs.go
	cfg.SchemasPath = ""
	cfg.Info.License = &huma.License{Name: "MIT", Identifier: "MIT"}
	cfg.Servers = []*huma.Server{{URL: "/", Description: "Server yang menyajikan dokumen ini"}}
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "Token dari POST /api/v1/auth/login"},
	}
	s.api = humago.New(s.mux, cfg)
	s.api.UseMiddleware(s.bodyDeadline, s.guard, s.auditIntent)
	s.v1 = huma.NewGroup(s.api, APIPrefix)
	s.v1.UseSimpleModifier(func(op *huma.Operation) {
		perm, public, ok := authz.Declared(op)
		if op.Extensions == nil {
			op.Extensions = map[string]any{}
		}
		switch {
		case !ok:
			op.Extensions["x-permission"] = "undeclared"
		case public:
			op.Extensions["x-permission"] = "public"
			// Explicitly no scheme (serialised as "security": []), so a
			// client knows it needs no token rather than guessing.
			op.Security = []map[string][]string{}
		default:
			op.Extensions["x-permission"] = perm.String()
			if _, ok := targetOf(op); ok {
				op.Extensions["x-target"] = "resolved"
			}
			op.Security = []map[string][]string{{"bearer": {}}}
		}
		s.documentProblems(op, perm, public, ok)
	})

	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.HandleFunc("GET /docs", s.docs)
	s.mux.HandleFunc(APICatchAll, s.unmatchedAPI)
	if d.Metrics != nil {
		s.mux.Handle("GET /metrics", d.Metrics)
	}
	return s
}

// API is the huma API (for OpenAPI access in tests).
func (s *Server) API() huma.API { return s.api }

// V1 is the /api/v1 group modules register on.
func (s *Server) V1() *huma.Group { return s.v1 }

// Mux is the router web pages register on.
func (s *Server) Mux() *http.ServeMux { return s.mux }

// Handler is the whole edge with its outer middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = s.idempotent(h)
	h = s.limitBodies(h)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	h = cop.Handler(h)
	h = withRequestID(h)
	h = realIP(s.d.TrustedProxies, h)
	h = bufferBodies(h)
	h = s.recoverer(h)
	if s.d.Wrap != nil {
		h = s.d.Wrap(h)
	}
	return h
}

// maxBody caps every body at 1 MiB (plus framing slack), except operations
// that declare a larger huma MaxBodyBytes (uploads).
const maxBody = 1<<20 + 1<<10

// limitBodies applies the cap before anything reads the body. Upload
// operations are found from the OpenAPI document, matched with the standard
// mux's own patterns; huma does not enforce MaxBodyBytes on multipart bodies
// itself, so this is where their limit holds.
func (s *Server) limitBodies(next http.Handler) http.Handler {
	large := http.NewServeMux()
	limits := map[string]int64{}
	for path, item := range s.api.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{
			http.MethodPost: item.Post, http.MethodPut: item.Put, http.MethodPatch: item.Patch,
		} {
			if op == nil || op.MaxBodyBytes <= maxBody {
				continue
			}
			pattern := method + " " + path
			limits[pattern] = op.MaxBodyBytes + 64<<10 // multipart framing
			large.Handle(pattern, http.NotFoundHandler())
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		// Only a POST, PUT or PATCH can be an upload; asking the mux about
		// any other request (a GET it has no pattern for) made it list the
		// methods the path allows, on every read: ≈ 5 % of what a by-id
		// read allocated.
		if len(limits) > 0 && bodyMethod(r.Method) {
			if _, pattern := large.Handler(r); pattern != "" {
				limit = limits[pattern]
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// jsonFormat writes bodies with go-json, which encodes what encoding/json
// encodes (its tags, MarshalJSON and MarshalText, omitempty and omitzero;
// HTML left unescaped as huma's default; jsonformat_test.go compares the
// bytes) from code it compiles once per type rather than by reflection on
// each value: encoding/json was 14 % of serve's CPU for a list of twenty
// perangkat. Bodies are still read with encoding/json, whose errors huma's
// validation speaks for.
var jsonFormat = huma.Format{
	Marshal: func(w io.Writer, v any) error {
		enc := gojson.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	},
	Unmarshal: json.Unmarshal,
}

// bodyMethod reports the methods limitBodies knows uploads for.
func bodyMethod(m string) bool {
	return m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch
}

// bodyDeadline lifts the connection's read deadline once huma has read a
// body to its end. huma sets a deadline (the operation's BodyReadTimeout,
// 5 s by default) before it reads a body and leaves it in place; net/http's
// read that watches for the client leaving, running from the end of the
// body, fails when that deadline passes and cancels the connection's
// context. A request still running after 5 s then failed with "context
// canceled", and so did every later request on that keep-alive connection,
// at once: under the load benchmark's letters (200/s on a slow host), 5–9 %
// of the answers were such 500s, and any export or page slower than 5 s
// would have been one. With the body read there is nothing left for a
// deadline to guard (the server's ReadTimeout covered reading the request).
// A JSON body that TextGuard reads ahead keeps huma's deadline off the
// connection altogether (bodyContext.SetReadDeadline); this covers the
// bodies huma reads itself (uploads, raw bodies).
func (s *Server) bodyDeadline(ctx huma.Context, next func(huma.Context)) {
	if r, w := humago.Unwrap(ctx); r != nil && r.Body != nil && r.Body != http.NoBody {
		r.Body = &clearDeadlineAtEOF{ReadCloser: r.Body, w: w}
	}
	next(ctx)
}

type clearDeadlineAtEOF struct {
	io.ReadCloser
	w    http.ResponseWriter
	done bool
}

func (c *clearDeadlineAtEOF) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if err == io.EOF && !c.done {
		c.done = true
		_ = http.NewResponseController(c.w).SetReadDeadline(time.Time{})
	}
	return n, err
}

// crossOriginDenied answers a cross-site POST, PUT, PATCH or DELETE (a
// forged form or script on another site riding the session cookie) in
// Bahasa: the layout's page for pages, a problem for the API — not
// net/http's English text.
func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	if s.d.CrossOriginPage != nil && !isAPIPath(r.URL.Path) {
		s.d.CrossOriginPage(w, r)
		return
	}
	writeProblem(w, NewProblem(r.Context(), s.d.Logger, http.StatusForbidden, "",
		fault.New(fault.Forbidden, "Permintaan dari situs lain ditolak. Panggil API dari ngantor sendiri, atau dengan token Bearer tanpa cookie.")))
}

// isAPIPath says whether a path is the API's (problem+json) rather than a
// page's: the paths APICatchAll covers.
func isAPIPath(p string) bool { return strings.HasPrefix(p, APICatchAll) }

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				// The recoverer sits outside withRequestID: the id is only
				// in the response header it set.
				ctx := r.Context()
				if RequestID(ctx) == "" {
					ctx = context.WithValue(ctx, requestIDKey{}, w.Header().Get("X-Request-Id"))
				}
				r = r.WithContext(ctx)
				s.d.Logger.ErrorContext(ctx, "panic", "panic", v, "path", r.URL.Path, "request_id", RequestID(ctx))
				if s.d.PanicPage != nil && !isAPIPath(r.URL.Path) {
					s.d.PanicPage(w, r)
					return
				}
				writeProblem(w, NewProblem(ctx, s.d.Logger, http.StatusInternalServerError, ""))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) token(ctx huma.Context) string {
	if h := ctx.Header("Authorization"); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(t)
		}
	}
	r, _ := humago.Unwrap(ctx)
	if c, err := r.Cookie(s.d.SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

type identityKey struct{}

func identityFrom(ctx context.Context) Identity {
	id, _ := ctx.Value(identityKey{}).(Identity)
	return id
}

// guard authenticates, checks the operation's declared permission against
// the target wilayah of the path, and puts the tenant in the context. An
// operation that declares nothing is refused: forgetting is not public.
func (s *Server) guard(ctx huma.Context, next func(huma.Context)) {
	op := ctx.Operation()
	perm, public, declared := authz.Declared(op)
	if !declared {
		s.d.Logger.ErrorContext(ctx.Context(), "operation declares no permission", "operation", op.OperationID)
		huma.WriteErr(s.api, ctx, http.StatusForbidden, "", fault.New(fault.Forbidden, "Operasi ini belum memiliki aturan izin."))
		return
	}
	var ident Identity
	if tok := s.token(ctx); tok != "" && s.d.Auth != nil {
		c, id, err := s.d.Auth.Authenticate(ctx.Context(), tok)
		switch {
		case err == nil:
			ident = id
			ctx = huma.WithContext(ctx, context.WithValue(c, identityKey{}, id))
		case !public:
			huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "", err)
			return
		}
	}
	if public {
		next(ctx)
		return
	}
	if ident.UserID == "" {
		huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "", fault.New(fault.Unauthorized, "Silakan masuk terlebih dahulu."))
		return
	}
	if perm == authz.SessionSelf {
		next(ctx)
		return
	}
	raw := ctx.Param("kode")
	if target, ok := targetOf(op); ok && raw == "" {
		kode, err := target(ctx.Context(), ctx.Param)
		if err != nil {
			status := http.StatusInternalServerError
			if fault.Is(err, fault.NotFound) {
				status = http.StatusNotFound
			}
			huma.WriteErr(s.api, ctx, status, "", err)
			return
		}
		raw = string(kode)
	}
	if raw == "" {
		s.d.Logger.ErrorContext(ctx.Context(), "permission needs a {kode} path parameter", "operation", op.OperationID)
		huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "", errors.New("operation without wilayah target"))
		return
	}
	kode, err := tenancy.ParseKode(raw)
	if err != nil {
		huma.WriteErr(s.api, ctx, http.StatusNotFound, "", fault.New(fault.NotFound, "Wilayah %q tidak ditemukan.", raw))
		return
	}
	if strings.HasPrefix(op.Path, APIPrefix+"/desa/{kode}") && !kode.IsDesa() {
		huma.WriteErr(s.api, ctx, http.StatusNotFound, "", fault.New(fault.NotFound, "Desa %s tidak ditemukan.", kode))
		return
	}
	if s.d.Wilayah != nil {
		if err := s.d.Wilayah.Exists(ctx.Context(), kode); err != nil {
			huma.WriteErr(s.api, ctx, http.StatusNotFound, "", err)
			return
		}
	}
	ok, err := s.d.Authz.Allowed(ctx.Context(), ident.UserID, kode, perm)
	if err != nil {
		huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "", err)
		return
	}
	if !ok {
		huma.WriteErr(s.api, ctx, http.StatusForbidden, "", fault.New(fault.Forbidden, "Anda tidak berwenang atas wilayah %s.", kode))
		return
	}
	next(huma.WithContext(ctx, tenancy.With(ctx.Context(), tenancy.Tenant{Kode: kode})))
}

// auditIntent records every mutating operation that changed data or
// succeeded, in the transaction of its change (audit.Begin): the handler's
// first db.Tx that writes appends the entry before it commits. A request
// that succeeds without writing through db.Tx is appended afterwards.
func (s *Server) auditIntent(ctx huma.Context, next func(huma.Context)) {
	switch ctx.Method() {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		next(ctx)
		return
	}
	if s.d.Audit == nil {
		next(ctx)
		return
	}
	op := ctx.Operation()
	e := audit.Entry{
		Actor:     identityFrom(ctx.Context()).UserID,
		Action:    op.OperationID,
		Object:    ctx.URL().Path,
		Status:    op.DefaultStatus, // set by huma.Register: what op answers on success
		RequestID: RequestID(ctx.Context()),
	}
	if t, ok := tenancy.From(ctx.Context()); ok {
		e.Kode = t.Kode
	}
	if e.Actor == "" {
		e.Actor = audit.ActorAnon
	}
	c, intent := audit.Begin(ctx.Context(), s.d.Audit, e)
	next(huma.WithContext(ctx, c))
	// Anything appended here has no change of its own to go with; a failed
	// append is an operational alarm, not the user's error.
	if err := intent.Finish(context.WithoutCancel(ctx.Context()), ctx.Status()); err != nil {
		s.d.Logger.ErrorContext(ctx.Context(), "audit append failed", "err", err, "action", e.Action, "request_id", e.RequestID)
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}`))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if s.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"draining"}`))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	for name, check := range s.d.Ready {
		if err := check(ctx); err != nil {
			s.d.Logger.WarnContext(ctx, "not ready", "check", name, "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"unavailable","check":"` + name + `"}`))
			return
		}
	}
	_, _ = w.Write([]byte(`{"status":"ok"}`))
}

// Serve listens on addr until ctx ends, then fails readiness at once and
// drains in-flight requests for at most drain.
func (s *Server) Serve(ctx context.Context, addr string, drain time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.ServeListener(ctx, ln, drain)
}

// ServeListener is Serve on an open listener (tests use port 0).
func (s *Server) ServeListener(ctx context.Context, ln net.Listener, drain time.Duration) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	if s.d.ShutdownDelay > 0 {
		select {
		case <-time.After(s.d.ShutdownDelay):
		case err := <-errc:
			return err
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
