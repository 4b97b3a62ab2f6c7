package httpserver

import (
	"net/http"
	"slices"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// APICatchAll is the mux pattern that answers every /api/ path no operation
// claims. It is the least specific pattern under /api/, so it shadows no
// route; it only replaces net/http's plain-text "404 page not found" and
// "Method Not Allowed" with a problem in Bahasa Indonesia.
const APICatchAll = "/api/"

// unmatchedAPI answers a path under /api/ that no operation serves: 405
// with Allow when the path exists for another method, 404 otherwise.
func (s *Server) unmatchedAPI(w http.ResponseWriter, r *http.Request) {
	if allow := AllowedMethods(s.mux, r, APICatchAll); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeProblem(w, NewProblem(r.Context(), s.d.Logger, http.StatusMethodNotAllowed, ""))
		return
	}
	writeProblem(w, NewProblem(r.Context(), s.d.Logger, http.StatusNotFound, "",
		fault.New(fault.NotFound, "Alamat %s tidak ada di API ngantor; daftar alamat yang ada di /docs.", r.URL.Path)))
}

// probedMethods are the methods ngantor's routes use.
var probedMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// AllowedMethods lists the methods for which mux has a route at r's path
// other than the catch-all patterns. A catch-all pattern matches every
// method, so with one registered the mux never answers 405 itself: its
// handler asks here whether the path exists for another method.
func AllowedMethods(mux *http.ServeMux, r *http.Request, catchAll ...string) []string {
	var allow []string
	for _, m := range probedMethods {
		// A GET route serves HEAD too, so neither is "another method" of
		// the other.
		if m == r.Method || isRead(m) && isRead(r.Method) {
			continue
		}
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := mux.Handler(probe); pattern != "" && !slices.Contains(catchAll, pattern) {
			allow = append(allow, m)
		}
	}
	return allow
}

func isRead(method string) bool { return method == http.MethodGet || method == http.MethodHead }
