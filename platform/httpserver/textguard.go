package httpserver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/valid"
)

// TextGuard is the edge's safety net under every type's own Validate: it
// refuses, with a 422 naming each field, any query or path parameter and any
// string of a JSON body (at any depth, by its JSON path) that holds a
// control character, broken UTF-8 or U+FFFD (valid.Control; line breaks and
// tabs pass, which fields are one line is each type's to say). A NUL
// otherwise reaches the database, where PostgreSQL refuses it with an
// internal error and SQLite cuts the statement short; an escape sequence
// otherwise reaches logs and terminals. A module written later cannot
// forget this: it runs for every operation of the group it is used on.
//
// It is huma middleware for the /api/v1 group, meant to run after the
// permission guard (a stranger learns nothing from a 422 before a 403):
//
//	v1.UseMiddleware(httpserver.TextGuard(api))
//
// The body is read once here (within the operation's MaxBodyBytes) and
// handed on unchanged; bodies that are not JSON, or too large, or not
// well-formed, pass untouched for huma to answer.
func TextGuard(api huma.API) func(ctx huma.Context, next func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		var p valid.Problems
		op := ctx.Operation()

		// The maps the walker reports by are built only for what has
		// something to report: a request without a query, whose path
		// values are clean (most reads), costs a check of each value.
		if u := ctx.URL(); u.RawQuery != "" {
			params := map[string]any{}
			for name, vs := range u.Query() {
				if len(vs) == 1 {
					params[name] = vs[0]
				} else {
					params[name] = vs
				}
			}
			p.Include("query", valid.TextIn(params, "query"))
		}
		if op != nil && !cleanPath(ctx, op) {
			path := map[string]any{}
			for _, prm := range op.Parameters {
				if prm != nil && prm.In == "path" {
					path[prm.Name] = ctx.Param(prm.Name)
				}
			}
			p.Include("path", valid.TextIn(path, "path"))
		}

		if op != nil && op.RequestBody != nil && jsonBody(ctx.Header("Content-Type")) {
			var body []byte
			ctx, body = bufferBody(ctx, op.MaxBodyBytes)
			var v any
			if body != nil && json.Unmarshal(body, &v) == nil {
				p.Include("body", valid.TextIn(v, "body"))
			}
		}

		if err := p.Err(); err != nil {
			huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "", err)
			return
		}
		next(ctx)
	}
}

// jsonBody reports whether a body of this content type is JSON (huma's
// default when none is given).
// cleanPath reports that no path parameter of op holds what TextIn refuses.
func cleanPath(ctx huma.Context, op *huma.Operation) bool {
	for _, prm := range op.Parameters {
		if prm != nil && prm.In == "path" {
			if _, bad := valid.Control(ctx.Param(prm.Name), true); bad {
				return false
			}
		}
	}
	return true
}

func jsonBody(contentType string) bool {
	ct := strings.ToLower(strings.TrimSpace(contentType))
	return ct == "" || strings.Contains(ct, "json")
}

// bufferBody reads the body of ctx (at most limit bytes; huma's default
// when limit is 0) and returns a context whose BodyReader yields the same
// bytes again. body is nil when the read failed or hit the limit: the
// context then replays what was read followed by the rest (or the error),
// so huma answers as it would have.
func bufferBody(ctx huma.Context, limit int64) (huma.Context, []byte) {
	if limit == 0 {
		limit = 1 << 20
	}
	orig := ctx.BodyReader()
	if orig == nil {
		return ctx, nil
	}
	r := orig
	if limit > 0 {
		r = io.LimitReader(orig, limit)
	}
	buf, err := io.ReadAll(r)
	switch {
	case err != nil:
		return &bodyContext{humaContext: ctx, body: io.MultiReader(bytes.NewReader(buf), errReader{err})}, nil
	case limit > 0 && int64(len(buf)) >= limit:
		return &bodyContext{humaContext: ctx, body: io.MultiReader(bytes.NewReader(buf), orig)}, nil
	}
	return &bodyContext{humaContext: ctx, body: bytes.NewReader(buf), whole: true}, buf
}

// bodyContext is a huma.Context whose body was read ahead. (The alias
// names the embedded field apart from huma.Context's Context method.)
type bodyContext struct {
	humaContext
	body  io.Reader
	whole bool // body holds all of it: nothing is left to read from the connection
}

type humaContext = huma.Context

func (c *bodyContext) BodyReader() io.Reader { return c.body }

// SetReadDeadline keeps huma's body deadline (BodyReadTimeout, 5 s) off
// the connection when the body was read whole here: there is nothing left
// to read, and left in place that deadline cancelled every request still
// running 5 s later, and every later request on its keep-alive connection
// (see clearDeadlineAtEOF).
func (c *bodyContext) SetReadDeadline(t time.Time) error {
	if c.whole {
		return nil
	}
	return c.humaContext.SetReadDeadline(t)
}

// Unwrap lets humago.Unwrap reach the request under it.
func (c *bodyContext) Unwrap() huma.Context { return c.humaContext }

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
