package httpserver

import (
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// LimitUpload is an operation middleware for uploads: a request whose
// declared length is over max is refused at once with tooBig (a field
// error the user can act on), and the body of any other is cut at max, so
// a multipart reader meets http.MaxBytesError instead of reading on.
func LimitUpload(api huma.API, max int64, tooBig error) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if n, err := strconv.ParseInt(ctx.Header("Content-Length"), 10, 64); err == nil && n > max {
			huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "", tooBig)
			return
		}
		if r, w, ok := unwrapHTTP(ctx); ok {
			r.Body = http.MaxBytesReader(w, r.Body, max)
		}
		next(ctx)
	}
}

// unwrapHTTP reaches the request under a humago context (the adapter the
// server uses); other adapters are left alone.
func unwrapHTTP(ctx huma.Context) (r *http.Request, w http.ResponseWriter, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	r, w = humago.Unwrap(ctx)
	return r, w, r != nil
}
