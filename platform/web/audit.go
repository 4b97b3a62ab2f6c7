package web

import (
	"context"
	"net/http"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// PageAction is the audit action of a page registered with pattern, e.g.
// "web:POST /desa/{kode}/perangkat": the route names the form exactly, and
// no page handler has to remember to name it.
func PageAction(pattern string) string { return "web:" + pattern }

// audited records a page's form the way the API records an operation: the
// entry is appended inside the transaction of the change it made
// (audit.Begin), with status 303 — a form that succeeds redirects. A form
// that succeeded without writing through db.Tx is appended afterwards; a
// refused one (status ≥ 400) is not recorded. Module page handlers do
// nothing for it.
func (w *Web) audited(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			h(rw, r)
			return
		}
		if w.audit == nil {
			h(rw, r)
			return
		}
		ctx := r.Context()
		u, _ := auth.UserFrom(ctx)
		e := audit.Entry{Actor: u.ID, Action: PageAction(pattern), Object: r.URL.Path,
			Status: http.StatusSeeOther, RequestID: httpserver.RequestID(ctx)}
		if t, ok := tenancy.From(ctx); ok {
			e.Kode = t.Kode
		}
		if e.Actor == "" {
			e.Actor = audit.ActorAnon
		}
		ctx, intent := audit.Begin(ctx, w.audit, e)
		sw := &statusWriter{ResponseWriter: rw}
		h(sw, r.WithContext(ctx))
		if err := intent.Finish(context.WithoutCancel(ctx), sw.status); err != nil {
			w.log.ErrorContext(ctx, "audit append failed", "err", err, "action", e.Action, "request_id", e.RequestID)
		}
	}
}

// statusWriter remembers the status a page answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
